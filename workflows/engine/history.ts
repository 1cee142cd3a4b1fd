// Writing a case's history: every row extends the hash chain and moves the case's head with it, in
// the caller's transaction, so the case row and its last history row always agree (hash.ts).
import type { Knex } from 'knex';
import { insertHistory, insertInstance, updateInstance } from '../../db/instances.ts';
import type { InstanceRow } from '../../db/tables.ts';
import { queueInsert, queueUpdate, type WriteQueue } from '../../db/write-queue.ts';
import type { Actor } from '../types.ts';
import { conflict } from './errors.ts';
import { chainHash, GENESIS, HASH_VERSION, snapshotHash, type ChainedRow } from './hash.ts';

export type Entry = { type: string; actor: Actor; payload: Record<string, unknown>; at: string };

/**
 * Writes `row` (new when `prev` is null, else compare-and-set on prev's version) with the history
 * row that leads to it (seq == row.version); answers the row as stored, with its new head.
 * `queue`: a bulk step's, which writes a moved case row and the history row at the step's end; a new
 * case row too when `queueNew` (else now: what the step writes next may refer to it).
 */
export async function appendHistory(trx: Knex.Transaction, prev: InstanceRow | null, row: InstanceRow, e: Entry, queue?: WriteQueue, queueNew = false): Promise<InstanceRow> {
  const prevHash = prev?.head_hash ?? GENESIS;
  // One object, its hash filled in last (a bulk step writes thousands: no copy of the entry per row).
  const chained: ChainedRow = {
    instance_id: row.id, seq: row.version, type: e.type, actor_id: e.actor.id, actor_name: e.actor.name, from_state: prev?.state ?? null,
    to_state: row.state, at: e.at, payload: JSON.stringify(e.payload), snapshot_hash: snapshotHash(row.snapshot), hash_version: HASH_VERSION,
    prev_hash: prevHash, hash: '',
  };
  const hash = (chained.hash = chainHash(prevHash, chained));
  const head = { ...row, head_hash: hash };
  if (!prev && queue && queueNew) queueInsert(queue, 'instances', head);
  else if (!prev) await insertInstance(trx, head);
  else if (queue) queueUpdate(queue, head, prev.version);
  else if (!(await updateInstance(trx, head, prev.version))) throw moved();
  if (queue) queueInsert(queue, 'history', chained);
  else await insertHistory(trx, chained);
  return head;
}

export const moved = () => conflict(`该事项刚被他人处理，请刷新后再试 / the case changed meanwhile; reload and try again`);

/** An entry that moves neither state nor snapshot (e.g. a deadline recomputed): the version goes up by one all the same. */
export function recordEntry(trx: Knex.Transaction, prev: InstanceRow, e: Entry): Promise<InstanceRow> {
  return appendHistory(trx, prev, { ...prev, version: prev.version + 1, updated_at: e.at }, e);
}
