// Where a test's database lives. By default a temp SQLite file; with TEST_DATABASE_URL set to a
// postgres:// URL (a role with CREATEDB, best also pg_signal_backend: see .ci/postgres.sh), a fresh
// PostgreSQL database of its own, dropped again at cleanup. The same tests run on both.
import knexFactory, { type Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ADMIN_URL = process.env.TEST_DATABASE_URL || undefined;
if (ADMIN_URL && !/^postgres(ql)?:\/\//.test(ADMIN_URL))
  throw new Error(`TEST_DATABASE_URL must be a postgres:// URL (unset it to test on SQLite), got ${ADMIN_URL.replace(/:[^:@/]*@/, ':***@')}`);

/** True when this run tests PostgreSQL. */
export const onPostgres = !!ADMIN_URL;

/** `url` opens the database; `dir` and `file` are the SQLite temp directory and file ('' on PostgreSQL). */
export type TestDatabase = { url: string; dir: string; file: string; drop(): Promise<void> };

async function admin(sql: string): Promise<void> {
  const k = knexFactory({ client: 'pg', connection: ADMIN_URL, pool: { min: 0, max: 1 } });
  try {
    await k.raw(sql);
  } finally {
    await k.destroy();
  }
}

export async function freshDatabase(prefix = 'uw-test-'): Promise<TestDatabase> {
  if (!ADMIN_URL) {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    const file = join(dir, 'test.sqlite');
    return { url: `sqlite:${file}`, dir, file, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `uw_t_${randomBytes(6).toString('hex')}`;
  await admin(`create database ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  let dropped: Promise<void> | undefined;
  // FORCE ends the connections a test that failed half-way left open. Ending an autovacuum worker
  // that happens to be in the database as well needs pg_signal_backend (.ci/postgres.sh grants it);
  // without it, a plain DROP a moment later, which stops autovacuum by itself.
  const drop = () => (dropped ??= admin(`drop database if exists ${name} with (force)`).catch(async (e: { code?: string }) => {
    if (e?.code !== '42501') throw e;
    await new Promise((resolve) => setTimeout(resolve, 200));
    await admin(`drop database if exists ${name}`);
  }));
  return { url: url.toString(), dir: '', file: '', drop };
}

/** For tests that only make sense on SQLite (a driver, a file, SQLite's planner): call as `skipOnPostgres(this)`. */
export function skipOnPostgres(ctx: Mocha.Context): void {
  if (onPostgres) ctx.skip();
}

/**
 * A query's plan as text, one step a line: SQLite's EXPLAIN QUERY PLAN details, or PostgreSQL's
 * EXPLAIN. On PostgreSQL, sequential and bitmap scans are priced out for that one statement: test
 * tables are small, where a sequential scan is rightly cheaper, so what a test can check there is
 * whether an index serves the query at all, as it must once the table is large.
 */
export async function queryPlan(knex: Knex, q: Knex.QueryBuilder): Promise<string> {
  const { sql, bindings } = q.toSQL();
  if (!onPostgres) {
    const rows: { detail: string }[] = await knex.raw(`EXPLAIN QUERY PLAN ${sql}`, bindings as Knex.RawBinding[]);
    return rows.map((r) => r.detail).join('\n');
  }
  return knex.transaction(async (trx) => {
    await trx.raw('SET LOCAL enable_seqscan = off');
    await trx.raw('SET LOCAL enable_bitmapscan = off');
    const res: { rows: { 'QUERY PLAN': string }[] } = await trx.raw(`EXPLAIN ${sql}`, bindings as Knex.RawBinding[]);
    return res.rows.map((r) => r['QUERY PLAN']).join('\n');
  });
}
