// Writes a bulk step holds until its end, then makes many per statement: a campaign's step over
// thousands of children (or a batch of thousands of cases) costs a few statements per 400 rows, not
// several per case. Same transaction, so all or nothing still holds.
import type { Knex } from 'knex';
import { insertRows } from './dialect.ts';
import type { DeadlineRow, InstanceRow } from './tables.ts';

type Db = Knex | Knex.Transaction;
/** The tables whose rows may wait in a queue (nothing reads them back within the step), in the order they are written. */
const TABLES = ['instances', 'history', 'deadlines', 'outbox'] as const;
export type QueuedTable = (typeof TABLES)[number];
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

/** Deadlines entered by a bulk step's case, answered as they will be stored (their ids are not known yet: 0). */
export function queueDeadlines(q: WriteQueue, rows: Omit<DeadlineRow, 'id'>[]): DeadlineRow[] {
  queueInsert(q, 'deadlines', rows);
  return rows.map((r) => ({ ...r, id: 0 }));
}

/** A case row moved again keeps the version it had before the step: one compare-and-set per case at the end. */
export function queueUpdate(q: WriteQueue, row: InstanceRow, expected: number): void {
  q.updates.set(row.id, { row, expected: q.updates.get(row.id)?.expected ?? expected });
}

/** Rows held: a step past a few thousand writes what it holds and goes on (same transaction), so its memory stays bounded. */
export const queueFull = (q: WriteQueue, max = 2000): boolean => q.updates.size + [...q.inserts.values()].reduce((n, r) => n + r.length, 0) >= max;

/** The row a case has reached in the queue (the database still holds the one before the step). */
export const queuedRow = (q: WriteQueue | undefined, id: string): InstanceRow | undefined => q?.updates.get(id)?.row;

const CHUNK = 400; // SQLite compounds at most 500 rows per statement

/** Every column any of the rows names (a row without one writes null), in the first row's order: fixed text, no query compiler per row. */
function columnsOf(rows: object[]): string[] {
  const cols = new Set<string>();
  for (const r of rows) for (const k in r) if ((r as Record<string, unknown>)[k] !== undefined) cols.add(k);
  return [...cols];
}

/**
 * Writes the queue and empties it: new cases, the moved case rows by compare-and-set on their
 * versions before the step, then the other inserts. Answers the ids whose case had moved meanwhile (nothing else is written
 * for them either way: the caller rolls the transaction back).
 */
export async function flushWriteQueue(db: Db, q: WriteQueue): Promise<string[]> {
  const insert = async (table: QueuedTable) => {
    const rows = q.inserts.get(table) ?? [];
    for (let i = 0; i < rows.length; i += CHUNK) {
      const part = rows.slice(i, i + CHUNK);
      await insertRows(db, table, columnsOf(part), part);
    }
  };
  await insert('instances'); // new cases first: what follows refers to them
  const moved: string[] = [];
  const updates = [...q.updates.values()];
  for (let i = 0; i < updates.length; i += CHUNK) {
    const part = updates.slice(i, i + CHUNK);
    const done = new Set((await updateInstances(db, part)).map(String));
    for (const u of part) if (!done.has(u.row.id)) moved.push(u.row.id);
  }
  for (const table of TABLES.slice(1)) await insert(table);
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
