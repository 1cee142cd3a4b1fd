// Writes a bulk step holds until its end, then makes many per statement: a campaign's step over
// thousands of children (or a batch of thousands of cases) costs a few statements per 400 rows, not
// several per case. Same transaction, so all or nothing still holds.
import type { Knex } from 'knex';
import type { InstanceRow } from './tables.ts';

type Db = Knex | Knex.Transaction;
/** The tables whose rows may wait in a queue: nothing reads them back within the step. */
export type QueuedTable = 'history' | 'outbox';
export type WriteQueue = {
  /** Case rows moved by the step, by id: the last row each reached, and the version the case had before it. */
  updates: Map<string, { row: InstanceRow; expected: number }>;
  inserts: Map<QueuedTable, object[]>;
};

export const newWriteQueue = (): WriteQueue => ({ updates: new Map(), inserts: new Map() });

export function queueInsert(q: WriteQueue, table: QueuedTable, rows: object | object[]): void {
  const list = q.inserts.get(table) ?? q.inserts.set(table, []).get(table)!;
  for (const r of Array.isArray(rows) ? rows : [rows]) list.push(r);
}

/** A case row moved again keeps the version it had before the step: one compare-and-set per case at the end. */
export function queueUpdate(q: WriteQueue, row: InstanceRow, expected: number): void {
  q.updates.set(row.id, { row, expected: q.updates.get(row.id)?.expected ?? expected });
}

/** The row a case has reached in the queue (the database still holds the one before the step). */
export const queuedRow = (q: WriteQueue | undefined, id: string): InstanceRow | undefined => q?.updates.get(id)?.row;

const CHUNK = 400; // SQLite compounds at most 500 rows per statement

/**
 * Writes the queue and empties it: the case rows by compare-and-set on their versions before the
 * step, then the inserts. Answers the ids whose case had moved meanwhile (nothing else is written
 * for them either way: the caller rolls the transaction back).
 */
export async function flushWriteQueue(db: Db, q: WriteQueue): Promise<string[]> {
  const moved: string[] = [];
  const updates = [...q.updates.values()];
  for (let i = 0; i < updates.length; i += CHUNK) {
    const part = updates.slice(i, i + CHUNK);
    const done = new Set((await updateInstances(db, part)).map(String));
    for (const u of part) if (!done.has(u.row.id)) moved.push(u.row.id);
  }
  for (const [table, rows] of q.inserts) for (let i = 0; i < rows.length; i += CHUNK) await db(table).insert(rows.slice(i, i + CHUNK));
  q.updates.clear();
  q.inserts.clear();
  return moved;
}

/** One UPDATE … FROM (VALUES …) for up to CHUNK cases, setting only what a step moves (see updateInstance). */
async function updateInstances(db: Db, list: { row: InstanceRow; expected: number }[]): Promise<string[]> {
  if (!list.length) return [];
  const values = list.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
  const bindings = list.flatMap(({ row: r, expected }) => [r.id, expected, r.state, r.status, r.subject, r.snapshot, r.version, r.updated_at, r.head_hash]);
  // VALUES columns are column1… on both SQLite and PostgreSQL; the integers cast for PostgreSQL's untyped parameters.
  const res = await db.raw(`update instances set state = v.column3, status = v.column4, subject = v.column5, snapshot = v.column6,
    version = cast(v.column7 as integer), updated_at = v.column8, head_hash = v.column9
    from (values ${values}) as v where instances.id = v.column1 and instances.version = cast(v.column2 as integer) returning instances.id`, bindings);
  return (Array.isArray(res) ? res : res.rows).map((r: { id: string }) => r.id);
}
