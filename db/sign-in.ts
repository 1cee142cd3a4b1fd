// Wrong passwords counted per login name, in the database so a lock holds across processes and
// restarts. A name that is not a user is counted and locked the same (no way to tell which exist).
import type { Knex } from 'knex';

type Db = Knex | Knex.Transaction;

/** Until when the login is locked (ISO), or undefined when it is not locked at `now`. */
export async function lockedUntil(db: Db, login: string, now: Date): Promise<string | undefined> {
  const row = await db('sign_in_failures').where({ login }).first('locked_until');
  return row?.locked_until && row.locked_until > now.toISOString() ? (row.locked_until as string) : undefined;
}

/**
 * Counts one wrong password. The `max`-th in a row locks the login until `now + lockMs` and
 * starts the count again; returns the lock's end when this failure set it.
 */
export async function countFailure(db: Db, login: string, now: Date, a: { max: number; lockMs: number }): Promise<string | undefined> {
  return db.transaction(async (trx) => {
    await trx('sign_in_failures').insert({ login, failures: 1, locked_until: null }).onConflict('login')
      .merge({ failures: trx.raw('sign_in_failures.failures + 1') });
    const { failures } = await trx('sign_in_failures').where({ login }).first('failures');
    if (Number(failures) < a.max) return undefined;
    const until = new Date(now.getTime() + a.lockMs).toISOString();
    await trx('sign_in_failures').where({ login }).update({ failures: 0, locked_until: until });
    return until;
  });
}

/** A right password, or an admin's reset: the count and any lock end. */
export async function clearFailures(db: Db, login: string): Promise<void> {
  await db('sign_in_failures').where({ login }).del();
}

/** The logins among `logins` locked at `now`, with until when (for the users list). */
export async function locksOf(db: Db, logins: string[], now: Date): Promise<Map<string, string>> {
  if (!logins.length) return new Map();
  const rows = await db('sign_in_failures').whereIn('login', logins).where('locked_until', '>', now.toISOString()).select('login', 'locked_until');
  return new Map(rows.map((r) => [r.login as string, r.locked_until as string]));
}
