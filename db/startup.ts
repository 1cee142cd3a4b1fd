// Start-up steps that must not run in two processes at once, and the one-process rule of SQLite.
//
// PostgreSQL: any number of processes share the database; migrating and seeding an empty database
// take turns under an advisory lock. SQLite: one server process per file (its single writer and
// the scheduler's claim assume it); a second is refused at start with a clear error.
import Database from 'better-sqlite3';
import type { Knex } from 'knex';
import { isPostgres } from './dialect.ts';

/** Arbitrary, fixed: the advisory lock key of this system's start-up ('uw' + 1). */
const STARTUP_LOCK = 0x75770001;

/**
 * Runs `fn` while holding a transaction-level advisory lock (PostgreSQL), so of processes started
 * together one migrates and seeds while the others wait, then find the work done. `fn` uses the
 * pool's other connections; the lock ends with the holding transaction, also if the process dies.
 * SQLite: the file is this process's alone (holdSqliteFile), nothing to wait for.
 */
export async function exclusiveStartup<T>(knex: Knex, fn: () => Promise<T>): Promise<T> {
  if (!isPostgres(knex)) return fn();
  return knex.transaction(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(?)', [STARTUP_LOCK]);
    return fn();
  });
}

/**
 * knex marks migrating in `knex_migrations_lock`; a process killed mid-migration leaves the mark
 * and every later start would fail with "Migration table is already locked". Called only under
 * exclusiveStartup (or with the SQLite file held), where no other process can be migrating, so a
 * mark found then is stale. Returns whether one was freed.
 */
export async function freeStaleMigrationLock(knex: Knex): Promise<boolean> {
  if (!(await knex.schema.hasTable('knex_migrations_lock'))) return false;
  const n = await knex('knex_migrations_lock').where('is_locked', 1).update({ is_locked: 0 });
  return Number(n) > 0;
}

export class SecondProcessError extends Error {}

/**
 * Holds `<file>.server-lock` exclusively for the life of this process (an OS file lock, released
 * by the kernel however the process ends, SIGKILL included). A second server process on the same
 * file gets SecondProcessError at once. Readers of the database itself (the sqlite3 CLI, a backup)
 * are not affected. Returns the release; no-op for PostgreSQL and in-memory databases.
 */
export function holdSqliteFile(filename: string | undefined): () => void {
  if (!filename || filename === ':memory:') return () => {};
  const lock = new Database(`${filename}.server-lock`, { timeout: 0 });
  try {
    lock.pragma('locking_mode = EXCLUSIVE');
    lock.exec('BEGIN EXCLUSIVE');
  } catch (err) {
    lock.close();
    if ((err as { code?: string }).code !== 'SQLITE_BUSY') throw err;
    throw new SecondProcessError(
      `另一个服务进程正在使用 SQLite 数据库 ${filename}；SQLite 只支持一个服务进程，多进程请使用 PostgreSQL / ` +
      `another server process is using the SQLite database ${filename}; SQLite supports one server process per file: stop the other one, or use PostgreSQL (DATABASE_URL=postgres://…) for several`);
  }
  return () => lock.close();
}
