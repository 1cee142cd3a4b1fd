// The only place SQLite and PostgreSQL differ: connection set-up, claiming rows, error codes.
import type { Knex } from 'knex';

export type Client = 'better-sqlite3' | 'sqlite3' | 'pg';

export const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//.test(url);
/** The SQLite file a DATABASE_URL names (undefined for PostgreSQL). */
export const sqliteFilename = (url: string) => (isPostgresUrl(url) ? undefined : url.replace(/^sqlite:(\/\/)?/, ''));

export function connectionConfig(url: string, sqliteClient: 'better-sqlite3' | 'sqlite3'): Knex.Config {
  if (isPostgresUrl(url)) return { client: 'pg', connection: url, pool: { min: 0, max: 10 } };
  const filename = sqliteFilename(url)!;
  return {
    client: sqliteClient,
    connection: { filename },
    useNullAsDefault: true,
    // One connection: SQLite has one writer; WAL lets the file be read by other processes meanwhile.
    pool: {
      min: 1, max: 1,
      afterCreate: (conn: any, done: (err: Error | null, conn: any) => void) => {
        // wal_autocheckpoint 10,000 pages (40 MB): a campaign's bulk step rewrites thousands of case rows;
        // checkpointing every 1,000 pages copied the same pages back into the file step after step
        // (the recruitment round's SQL time: −20% in `npm run bench`).
        const pragmas = ['journal_mode = WAL', 'foreign_keys = ON', 'busy_timeout = 5000', 'synchronous = NORMAL', 'wal_autocheckpoint = 10000'];
        if (sqliteClient === 'better-sqlite3') {
          for (const p of pragmas) conn.pragma(p);
          cachePreparedStatements(conn);
          return done(null, conn);
        }
        const next = (i: number): void => (i === pragmas.length ? done(null, conn) : conn.run(`PRAGMA ${pragmas[i]}`, (e: Error | null) => (e ? done(e, conn) : next(i + 1))));
        next(0);
      },
    },
  };
}

/**
 * knex prepares every query anew on better-sqlite3; reusing prepared statements measured +20–37%
 * transitions/s in `npm run bench`. Bounded, since `whereIn` lists make many distinct texts.
 */
function cachePreparedStatements(conn: { prepare: (sql: string) => unknown }, max = 500): void {
  const prepare = conn.prepare.bind(conn);
  const cache = new Map<string, unknown>();
  conn.prepare = (sql: string) => {
    let st = cache.get(sql);
    if (st) {
      cache.delete(sql); // refresh its place: the map's order is least recently used first
    } else {
      st = prepare(sql);
      if (cache.size >= max) cache.delete(cache.keys().next().value!);
    }
    cache.set(sql, st);
    return st;
  };
}

export const isPostgres = (knex: Knex) => knex.client.config.client === 'pg';

/**
 * A statement of fixed text, run without knex's query compiler (about 35 µs a statement here): for
 * the few every event issues. Rows on every driver (an UPDATE or INSERT gives rows with RETURNING, else none).
 */
export async function rawRows<T>(db: Knex | Knex.Transaction, sql: string, bindings: readonly Knex.Value[]): Promise<T[]> {
  if (db.client.config.client === 'better-sqlite3') return sqliteRows<T>(db, sql, bindings);
  const res = await db.raw(sql, bindings as Knex.Value[]);
  return (Array.isArray(res) ? res : res?.rows ?? []) as T[]; // better-sqlite3 answers a statement without RETURNING with its change count
}

type SqliteStatement = { reader: boolean; all(values: unknown[]): unknown[]; run(values: unknown[]): unknown };
type SqliteClient = { acquireConnection(): Promise<{ prepare(sql: string): SqliteStatement }>; releaseConnection(c: unknown): Promise<void>; emit(event: string, q: object): void };
/**
 * better-sqlite3 straight on the connection knex holds (the transaction's own): knex's raw
 * formatter walks and copies every binding, ~1 ms and ~100 kB per statement of a bulk step's 400
 * rows. The bindings are made what knex's driver makes of them (a Date its time, a boolean 0/1),
 * and the statement is announced as knex announces queries ('query'), so what counts them still does.
 */
async function sqliteRows<T>(db: Knex | Knex.Transaction, sql: string, bindings: readonly Knex.Value[]): Promise<T[]> {
  if ((db as Knex.Transaction).isCompleted?.()) throw new Error(`Transaction query already complete: ${sql.slice(0, 80)}`);
  const client = db.client as unknown as SqliteClient;
  const conn = await client.acquireConnection();
  try {
    client.emit('query', { method: 'raw', sql, bindings });
    const statement = conn.prepare(sql);
    const values = bindings.map((b) => (b instanceof Date ? b.valueOf() : typeof b === 'boolean' ? Number(b) : b));
    if (statement.reader) return statement.all(values) as T[];
    statement.run(values);
    return [];
  } finally {
    await client.releaseConnection(conn);
  }
}

/** An INSERT of rows into fixed columns (a missing value is null) through rawRows; `returning` '*' gives the rows stored. */
export function insertRows<T>(db: Knex | Knex.Transaction, table: string, columns: readonly string[], rows: readonly object[], returning = false): Promise<T[]> {
  const one = `(${columns.map(() => '?').join(', ')})`;
  const values = rows.flatMap((r) => columns.map((c) => ((r as Record<string, Knex.Value>)[c] ?? null)));
  return rawRows<T>(db, `insert into ${table} (${columns.join(', ')}) values ${rows.map(() => one).join(', ')}${returning ? ' returning *' : ''}`, values);
}

/** Lock rows being claimed so two scheduler processes never take the same one (PostgreSQL); SQLite has one writer. */
export function forClaim<T extends Knex.QueryBuilder>(knex: Knex, q: T): T {
  return isPostgres(knex) ? (q.forUpdate().skipLocked() as T) : q;
}

/**
 * Holds the rows' write lock until the transaction ends, so transactions that read a row and then
 * write what they read (a case's version, a union's last document number) take turns on
 * PostgreSQL instead of both reading the same value. SQLite: nothing to do, a writing transaction
 * already excludes every other writer (and a read here would only widen its snapshot).
 * NO KEY UPDATE: rows elsewhere may still reference the locked rows meanwhile.
 */
export async function lockRows(trx: Knex.Transaction, table: string, where: Record<string, string | number>): Promise<void> {
  if (isPostgres(trx)) await trx(table).where(where).select(trx.raw('1')).forNoKeyUpdate();
}

/**
 * Makes writers of a table take turns until the transaction ends, while plain reads go on
 * (PostgreSQL EXCLUSIVE mode). SQLite: a writing transaction already excludes every other writer.
 */
export async function lockTableForWriters(trx: Knex.Transaction, table: string): Promise<void> {
  if (isPostgres(trx)) await trx.raw('lock table ?? in exclusive mode', [table]);
}

export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    (e?.code === 'SQLITE_CONSTRAINT' && /UNIQUE|PRIMARY KEY/.test(e.message ?? ''));
}

/** PostgreSQL rolled the transaction back whole to break a deadlock or a serialization conflict (40P01, 40001): nothing of it was written, and running it again may succeed. */
export function isTransientConflict(err: unknown): boolean {
  const code = (err as { code?: unknown } | null | undefined)?.code;
  return code === '40P01' || code === '40001';
}

/** Runs `work` (a whole transaction, its reads included) again after a transient conflict, at most `attempts` times in all; the last error goes through. */
export async function retryTransient<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await work();
    } catch (e) {
      if (i >= attempts || !isTransientConflict(e)) throw e;
    }
  }
}

/** Numbers: pg returns bigint columns as strings. */
export const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/**
 * Drops columns. knex rebuilds the table on SQLite, which other tables' foreign keys refuse
 * (instances is referenced by history); SQLite's own DROP COLUMN (3.35+) leaves them be.
 */
export async function dropColumns(knex: Knex, table: string, columns: string[]): Promise<void> {
  if (isPostgres(knex)) return void (await knex.schema.alterTable(table, (t) => t.dropColumns(...columns)));
  for (const c of columns) await knex.raw('ALTER TABLE ?? DROP COLUMN ??', [table, c]);
}

/**
 * Rows whose state path (workflows/engine/state-path.ts) lies in `declared`: that state, a state
 * inside it, or in parallel regions any leaf of either. Exact and case-sensitive on both databases
 * (SQLite's LIKE is not case-sensitive): a substring search, instr on SQLite, strpos on PostgreSQL.
 */
export function inStatePath(db: Knex | Knex.Transaction, column: string, declared: string): Knex.Raw {
  const pos = isPostgres(db as Knex) ? 'strpos' : 'instr';
  return db.raw(`(${pos}(',' || ?? || ',', ?) > 0 or ${pos}(',' || ??, ?) > 0)`, [column, `,${declared},`, column, `,${declared}.`]);
}

/**
 * A value inside a JSON text column by path (segments are identifiers, checked): `text`, `number`,
 * or `length` (of an array; null when absent). json_extract on SQLite, jsonb operators on PostgreSQL.
 */
export function jsonAt(db: Knex | Knex.Transaction, column: string, path: string[], as: 'text' | 'number' | 'length'): Knex.Raw {
  if (!path.every((p) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(p))) throw new Error(`bad JSON path ${path.join('.')}`);
  if (!isPostgres(db as Knex)) return db.raw(`${as === 'length' ? 'json_array_length' : 'json_extract'}(??, ?)`, [column, `$.${path.join('.')}`]);
  const at = `{${path.join(',')}}`;
  if (as === 'length') return db.raw(`jsonb_array_length(??::jsonb #> ?::text[])`, [column, at]);
  return db.raw(as === 'number' ? `((??::jsonb #>> ?::text[])::numeric)` : `(??::jsonb #>> ?::text[])`, [column, at]);
}
