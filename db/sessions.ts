// Server-side sessions (express-session's store rows, server/session.ts): the session as JSON
// text, and when it lapses in epoch milliseconds of the system's clock.
import type { Knex } from 'knex';

type Db = Knex | Knex.Transaction;

/** The session's data if it has not lapsed at `now` (ms); a lapsed row is deleted. */
export async function readSession(db: Db, sid: string, now: number): Promise<string | undefined> {
  const row = await db('sessions').where({ sid }).first('data', 'expires_at');
  if (!row) return undefined;
  if (Number(row.expires_at) > now) return row.data as string;
  await db('sessions').where({ sid }).del();
  return undefined;
}

export async function writeSession(db: Db, sid: string, data: string, expiresAt: number): Promise<void> {
  await db('sessions').insert({ sid, data, expires_at: expiresAt }).onConflict('sid').merge(['data', 'expires_at']);
}

/** Moves a session's end (a rolling session, on each request). */
export async function touchSession(db: Db, sid: string, expiresAt: number): Promise<void> {
  await db('sessions').where({ sid }).update({ expires_at: expiresAt });
}

export async function deleteSession(db: Db, sid: string): Promise<void> {
  await db('sessions').where({ sid }).del();
}

/** Deletes the sessions lapsed by `now` (ms); returns how many. */
export async function pruneSessions(db: Db, now: number): Promise<number> {
  return db('sessions').where('expires_at', '<=', now).del();
}
