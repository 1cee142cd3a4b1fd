// Query functions for instances, their history, deadlines and the other rows a transition writes.
import type { Knex } from 'knex';
import { inStatePath, insertRows, lockRows, num, rawRows } from './dialect.ts';
import { subtree } from './orgs.ts';
import type { DeadlineRow, HistoryRow, InstanceRow, OrgRow } from './tables.ts';

type Db = Knex | Knex.Transaction;

export async function getInstance(db: Db, id: string): Promise<InstanceRow | undefined> {
  return (await rawRows<InstanceRow>(db, 'select * from instances where id = ? limit 1', [id]))[0];
}

/** Several cases by id, in one query (a batch's cases); ids not found are left out. */
export async function instancesByIds(db: Db, ids: string[]): Promise<InstanceRow[]> {
  return ids.length ? db<InstanceRow>('instances').whereIn('id', ids) : [];
}

/** The union's oldest active case of a process, if any. */
export async function openInstanceOf(db: Db, type: string, orgId: number): Promise<InstanceRow | undefined> {
  return db<InstanceRow>('instances').where({ type, org_id: orgId, status: 'active' }).orderBy('created_at').first();
}

/** Holds the case's row until the transaction ends: another transition of it waits (PostgreSQL; see lockRows). */
export const lockInstance = (trx: Knex.Transaction, id: string) => lockRows(trx, 'instances', { id });

export async function insertInstance(db: Db, row: InstanceRow): Promise<void> {
  await db('instances').insert(row);
}

/**
 * Compare-and-set on version: false when someone else moved the instance first. Sets only what a
 * step moves (a case's type, union, creator and links never change), so SQLite rewrites only the
 * index entries on state and status, not every index of the table.
 */
export async function updateInstance(db: Db, row: InstanceRow, expectedVersion: number): Promise<boolean> {
  const { id, state, status, subject, snapshot, version, updated_at, head_hash } = row;
  const done = await rawRows(db, `update instances set state = ?, status = ?, subject = ?, snapshot = ?, version = ?, updated_at = ?, head_hash = ?
    where id = ? and version = ? returning id`, [state, status, subject, snapshot, version, updated_at, head_hash, id, expectedVersion]);
  return done.length === 1;
}

const HISTORY_COLUMNS = ['instance_id', 'seq', 'type', 'actor_id', 'actor_name', 'from_state', 'to_state', 'at', 'payload', 'prev_hash', 'hash', 'snapshot_hash', 'hash_version'] as const;
const INSERT_HISTORY = `insert into history (${HISTORY_COLUMNS.join(', ')}) values (${HISTORY_COLUMNS.map(() => '?').join(', ')})`;

const DEADLINE_COLUMNS = ['instance_id', 'decl_id', 'kind', 'event', 'due_at', 'status', 'rule', 'clause', 'created_at', 'fired_at', 'closed_at', 'provisional', 'basis_at', 'calendar_from', 'calendar_to'] as const;

/** One row, or many (a bulk step's children) in statements of 400: SQLite compounds at most 500 rows per insert. */
export async function insertHistory(db: Db, rows: Omit<HistoryRow, 'id'> | Omit<HistoryRow, 'id'>[]): Promise<void> {
  if (!Array.isArray(rows)) return void (await rawRows(db, INSERT_HISTORY, HISTORY_COLUMNS.map((c) => rows[c])));
  const list = rows;
  for (let i = 0; i < list.length; i += 400) await db('history').insert(list.slice(i, i + 400));
}

export async function historyOf(db: Db, instanceId: string): Promise<HistoryRow[]> {
  return db<HistoryRow>('history').where({ instance_id: instanceId }).orderBy('seq');
}

/**
 * Cases of a subtree's unions, newest first (created_at, then id, descending), `limit` of them after
 * the cursor `after` = [created_at, id]. `parent`: the children of that case. `overdue`: with (true) or without (false) a non-reminder
 * deadline in force that fell due by `now` (epoch ms). `startedBy`: cases that actor started;
 * `actedBy`: cases that actor sent an event on (its start is not one).
 */
export async function listInstances(db: Db, a: {
  subtreeOf: OrgRow; type?: string; state?: string; org?: number; status?: InstanceRow['status']; parent?: string; startedBy?: string; actedBy?: string;
  overdue?: boolean; now: number; after?: [createdAt: string, id: string]; limit: number;
}): Promise<InstanceRow[]> {
  let q = db<InstanceRow>('instances').whereIn('org_id', subtree(db, a.subtreeOf).select('id'))
    .orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id', order: 'desc' }]).limit(a.limit);
  if (a.type) q = q.where({ type: a.type });
  if (a.state) q = q.where(inStatePath(db, 'state', a.state)); // a parent state lists every case inside it
  if (a.org !== undefined) q = q.where({ org_id: a.org });
  if (a.status) q = q.where({ status: a.status });
  if (a.parent) q = q.where({ parent_id: a.parent }); // the cases a case started
  if (a.startedBy) q = q.where({ created_by: a.startedBy });
  if (a.actedBy) q = q.whereIn('id', db('history').select('instance_id').where({ actor_id: a.actedBy }).whereNot({ type: 'START' }));
  if (a.overdue !== undefined) {
    const late = db('deadlines').select('instance_id').whereIn('status', ['pending', 'fired']).whereNot('kind', 'reminder').where('due_at', '<=', a.now);
    q = a.overdue ? q.whereIn('id', late) : q.whereNotIn('id', late);
  }
  const after = a.after;
  if (after) q = q.where((w) => w.where('created_at', '<', after[0]).orWhere((x) => x.where('created_at', '=', after[0]).andWhere('id', '<', after[1])));
  return q;
}

/** One page of the cases of a subtree's unions, by id (the audit walks them all this way). */
export async function instancePage(db: Db, root: OrgRow, afterId: string, limit: number): Promise<InstanceRow[]> {
  return db<InstanceRow>('instances').whereIn('org_id', subtree(db, root).select('id')).where('id', '>', afterId).orderBy('id').limit(limit);
}

/** The history of several cases, each in seq order. */
export async function historiesOf(db: Db, instanceIds: string[]): Promise<HistoryRow[]> {
  if (!instanceIds.length) return [];
  return db<HistoryRow>('history').whereIn('instance_id', instanceIds).orderBy([{ column: 'instance_id' }, { column: 'seq' }]);
}

export async function insertDeadline(db: Db, row: Omit<DeadlineRow, 'id'>): Promise<void> {
  await db('deadlines').insert(row);
}

/** A transition's new deadlines in one statement (none: no statement), answered as stored (with their ids). */
export async function insertDeadlines(db: Db, rows: Omit<DeadlineRow, 'id'>[]): Promise<DeadlineRow[]> {
  if (!rows.length) return [];
  const stored = await insertRows<DeadlineRow>(db, 'deadlines', DEADLINE_COLUMNS, rows, true);
  return stored.map((r) => ({ ...r, id: num(r.id)!, due_at: num(r.due_at)! }));
}

/** A pending deadline computed again (a calendar change): its due instant, span and provisional mark. */
export async function updateDeadlineDue(db: Db, id: number, d: Pick<DeadlineRow, 'due_at' | 'provisional' | 'calendar_from' | 'calendar_to'>): Promise<boolean> {
  return (await db('deadlines').where({ id, status: 'pending' }).update(d)) === 1;
}

/** Leaving the states that declared a deadline: pending ones are cancelled, fired ones closed. */
export async function closeDeadlines(db: Db, instanceId: string, declIds: string[], at: string): Promise<void> {
  if (!declIds.length) return;
  // One statement for both; fixed text per number of declarations (rawRows).
  await rawRows(db, `update deadlines set status = case when status = 'pending' then 'cancelled' else 'closed' end, closed_at = ?
    where instance_id = ? and decl_id in (${declIds.map(() => '?').join(', ')}) and status in ('pending', 'fired')`, [at, instanceId, ...declIds]);
}

/** Deadlines still in force (pending, or fired and not yet closed: overdue). */
export async function openDeadlines(db: Db, instanceIds: string[]): Promise<DeadlineRow[]> {
  if (!instanceIds.length) return [];
  const rows = await db<DeadlineRow>('deadlines').whereIn('instance_id', instanceIds).whereIn('status', ['pending', 'fired']).orderBy('due_at');
  return rows.map((r) => ({ ...r, due_at: num(r.due_at)! }));
}
