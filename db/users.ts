// Query functions for users and their bearer tokens (stored only as SHA-256 hashes).
import type { Knex } from 'knex';
import { createHash, randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { rawRows } from './dialect.ts';
import { subtree } from './orgs.ts';
import type { OrgRow, UserRow } from './tables.ts';

type Db = Knex | Knex.Transaction;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const newToken = () => `uw_${randomBytes(24).toString('base64url')}`;

type NewUser = Omit<UserRow, 'id' | 'created_at' | 'password_hash' | 'disabled' | 'must_change_password' | 'session_epoch'> & { password_hash?: string | null; must_change_password?: boolean };

/** In the caller's transaction, else in one of its own: a user's row and its role rows change together. */
const together = <T>(db: Db, fn: (trx: Knex.Transaction) => Promise<T>): Promise<T> => (db.isTransaction ? fn(db as Knex.Transaction) : db.transaction(fn));

/** The role rows (user_roles) of a user as its JSON column lists them: the recipients' index. */
async function writeRoles(trx: Knex.Transaction, user: Pick<UserRow, 'id' | 'org_id' | 'roles'>, replace: boolean): Promise<void> {
  if (replace) await trx('user_roles').where({ user_id: user.id }).delete();
  const roles = [...new Set(JSON.parse(user.roles) as string[])];
  if (roles.length) await trx('user_roles').insert(roles.map((role) => ({ user_id: user.id, org_id: user.org_id, role })));
}

export async function insertUser(db: Db, u: NewUser, now: Date): Promise<UserRow> {
  return together(db, async (trx) => {
    usersChanged(trx);
    const [row] = await trx('users').insert({ ...u, created_at: now.toISOString() }).returning('id');
    const id = typeof row === 'object' ? (row as { id: number }).id : (row as number);
    const user = (await trx<UserRow>('users').where({ id }).first())!;
    await writeRoles(trx, user, false);
    return user;
  });
}

/** Makes a token for the user; the plain token is returned once and never stored. */
export async function issueToken(db: Db, userId: number, now: Date, token = newToken()): Promise<string> {
  await db('tokens').insert({ user_id: userId, token_hash: hashToken(token), created_at: now.toISOString() });
  return token;
}

export async function userByToken(db: Db, token: string): Promise<UserRow | undefined> {
  return db<UserRow>('users')
    .join('tokens', 'tokens.user_id', 'users.id')
    .where('tokens.token_hash', hashToken(token))
    .whereNull('tokens.revoked_at')
    .where('users.disabled', false)
    .first('users.*');
}

export async function userByLogin(db: Db, login: string): Promise<UserRow | undefined> {
  return db<UserRow>('users').where({ login }).first();
}

/** Sets the password hash; `mustChange` asks for a new one at the next sign-in. `endSessions` bumps the epoch (every session of the user ends). */
export async function setPassword(db: Db, id: number, a: { hash: string; mustChange: boolean; endSessions: boolean }): Promise<void> {
  await db('users').where({ id }).update({ password_hash: a.hash, must_change_password: a.mustChange, ...(a.endSessions ? { session_epoch: db.raw('session_epoch + 1') } : {}) });
}

/** Edits a user; `endSessions` bumps the epoch in the same statement. Returns the row as it now is. */
export async function updateUser(db: Db, id: number, patch: Partial<Pick<UserRow, 'name' | 'email' | 'roles'>> & { disabled?: boolean }, endSessions: boolean): Promise<UserRow> {
  const write = async (trx: Db) => {
    usersChanged(trx);
    await trx('users').where({ id }).update({ ...patch, ...(endSessions ? { session_epoch: trx.raw('session_epoch + 1') } : {}) });
    return (await trx<UserRow>('users').where({ id }).first())!;
  };
  if (patch.roles === undefined) return write(db);
  return together(db, async (trx) => {
    const user = await write(trx);
    if (user) await writeRoles(trx, user, true);
    return user;
  });
}

/** Users of a subtree's unions by id, `limit` of them after id `after`. */
export async function listUsers(db: Db, a: { subtreeOf: OrgRow; after?: number; limit: number }): Promise<UserRow[]> {
  const q = db<UserRow>('users').whereIn('org_id', subtree(db, a.subtreeOf).select('id')).orderBy('id').limit(a.limit);
  return a.after === undefined ? q : q.where('id', '>', a.after);
}

export async function getUser(db: Db, id: number): Promise<UserRow | undefined> {
  return db<UserRow>('users').where({ id }).first();
}

/** Revokes every token of the user that is still valid; returns how many. */
export async function revokeTokens(db: Db, userId: number, now: Date): Promise<number> {
  return db('tokens').where({ user_id: userId }).whereNull('revoked_at').update({ revoked_at: now.toISOString() });
}

/** The query behind usersWithRole: (union, role) on the user_roles index, joined to the users by id. */
export function usersWithRoleQuery(db: Db, orgId: number, role: string) {
  return db<UserRow>('user_roles').join('users', 'users.id', 'user_roles.user_id')
    .where({ 'user_roles.org_id': orgId, 'user_roles.role': role }).orderBy('user_roles.user_id').select('users.*');
}

// The recipients of a union's mail by role, as the token cache keeps users (server/auth.ts): nearly
// every event mails someone, and users change rarely. Every write here drops the copy (and again
// when its transaction ends: a reader outside it may have copied the old rows meanwhile); a change
// another process makes (PostgreSQL, several processes) is seen within RECIPIENTS_TTL_MS.
export const RECIPIENTS_TTL_MS = 5_000;
type Recipients = { entries: Map<string, { users: readonly UserRow[]; until: number }>; writes: number; writing: number };
const recipientCaches = new WeakMap<object, Recipients>();
const recipientsOf = (db: Db): Recipients => {
  const key = db.client.config as object;
  return recipientCaches.get(key) ?? recipientCaches.set(key, { entries: new Map(), writes: 0, writing: 0 }).get(key)!;
};
function usersChanged(db: Db): void {
  const c = recipientsOf(db);
  const drop = () => void (c.entries.clear(), c.writes++);
  drop();
  if (!db.isTransaction) return;
  c.writing++; // nothing is copied while a write is open: its rows are not everyone's yet
  (db as Knex.Transaction).executionPromise.finally(() => void (c.writing--, drop())).catch(() => undefined);
}

/** Users of one union holding a role, by id: the recipients of its mail (a copy kept RECIPIENTS_TTL_MS). */
export async function usersWithRole(db: Db, orgId: number, role: string): Promise<UserRow[]> {
  const c = recipientsOf(db);
  const key = `${orgId}:${role}`;
  const now = performance.now();
  const hit = c.entries.get(key);
  if (hit && hit.until > now) return [...hit.users];
  const writes = c.writes;
  // usersWithRoleQuery's text, fixed (rawRows).
  const users = await rawRows<UserRow>(db, `select users.* from user_roles inner join users on users.id = user_roles.user_id
    where user_roles.org_id = ? and user_roles.role = ? order by user_roles.user_id`, [orgId, role]);
  if (c.writes === writes && c.writing === 0) c.entries.set(key, { users: users.map((u) => Object.freeze(u)), until: now + RECIPIENTS_TTL_MS });
  return users;
}
