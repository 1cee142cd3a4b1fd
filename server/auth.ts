// Authentication: a bearer token (scripts; its hash finds the user) or the session cookie (people
// signed in from the web page, server/session.ts). The user's union bounds what they see.
import type { Knex } from 'knex';
import { performance } from 'node:perf_hooks';
import type { Request, RequestHandler } from 'express';
import { getCachedOrg, inSubtree } from '../db/orgs.ts';
import type { OrgRow, UserRow } from '../db/tables.ts';
import { getUser, userByToken } from '../db/users.ts';
import { DomainError, forbidden } from '../workflows/engine/errors.ts';
import type { AuthThrottle } from './throttle.ts';
import { checkOrigin } from './session.ts';
import type { Actor, Role } from '../workflows/types.ts';

/** `via`: how the caller proved who they are (a session is Origin-checked, bearer requests are not). */
export type Caller = { user: UserRow; org: OrgRow; actor: Actor; roles: Role[]; via: 'bearer' | 'session' };

declare global {
  namespace Express {
    interface Request { caller: Caller }
  }
}

const unauthorized = (detail: string) => new DomainError('unauthenticated', '未登录 / Unauthorized', detail);

/**
 * A short token → user cache: most requests come in bursts from the same few clients, and the
 * token lookup is a join on every request. Only tokens that were found are kept (a wrong token is
 * looked up, and counted, every time), for TOKEN_TTL_MS, at most TOKEN_CACHE_MAX of them. A
 * revocation here drops its user's entries at once (forgetTokensOf); one in another process
 * (PostgreSQL, several web processes) takes effect here within TOKEN_TTL_MS.
 */
export const TOKEN_TTL_MS = 5_000;
const TOKEN_CACHE_MAX = 10_000;
/** `revocations` counts forgetTokensOf calls: a lookup that began before one is answered but not kept. */
type TokenCache = { entries: Map<string, { user: UserRow; until: number }>; revocations: number };
const tokenCaches = new WeakMap<object, TokenCache>();
const tokenCacheOf = (knex: Knex): TokenCache => {
  const key = knex.client.config as object;
  return tokenCaches.get(key) ?? tokenCaches.set(key, { entries: new Map(), revocations: 0 }).get(key)!;
};

/** After revoking a user's tokens (and again once that transaction has committed): no cached entry lets them in. */
export function forgetTokensOf(knex: Knex, userId: number): void {
  const cache = tokenCacheOf(knex);
  cache.revocations++;
  for (const [token, e] of cache.entries) if (e.user.id === userId) cache.entries.delete(token);
}

async function userOf(knex: Knex, token: string): Promise<UserRow | undefined> {
  const { entries, revocations } = tokenCacheOf(knex);
  const now = performance.now();
  const hit = entries.get(token);
  if (hit && hit.until > now) return hit.user;
  entries.delete(token);
  const user = await userByToken(knex, token);
  if (!user || tokenCacheOf(knex).revocations !== revocations) return user;
  if (entries.size >= TOKEN_CACHE_MAX) entries.delete(entries.keys().next().value!); // the oldest
  entries.set(token, { user, until: now + TOKEN_TTL_MS });
  return user;
}

/**
 * A wrong token counts against the client (its address). Once throttled, no token of that client
 * is even looked up until the window ends: otherwise a 429 for wrong tokens and a 200 for the right
 * one would still let a guesser go on at full speed.
 */
export function authenticate(knex: Knex, throttle: AuthThrottle, publicUrl?: string): RequestHandler {
  return async (req, res, next) => {
    const header = req.get('authorization');
    if (header === undefined && req.session?.userId !== undefined) {
      await sessionCaller(knex, req, publicUrl);
      return next();
    }
    const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!m) throw unauthorized('请先登录，或提供 Authorization: Bearer <令牌> / sign in, or send Authorization: Bearer <token>');
    const client = req.ip ?? req.socket.remoteAddress ?? '';
    const wait = Math.ceil(throttle.blockedFor(client) / 1000);
    if (wait) {
      res.set('Retry-After', String(wait));
      throw new DomainError('too_many_requests', '尝试过于频繁 / Too many requests', `令牌错误次数过多，请 ${wait} 秒后再试 / too many wrong tokens; try again in ${wait} seconds`);
    }
    const user = await userOf(knex, m[1]);
    if (!user) {
      throttle.fail(client);
      throw unauthorized('令牌无效或已撤销 / the token is unknown or revoked');
    }
    req.caller = await callerOf(knex, user, 'bearer');
    next();
  };
}

async function callerOf(knex: Knex, user: UserRow, via: Caller['via']): Promise<Caller> {
  const org = (await getCachedOrg(knex, user.org_id))!;
  const roles = JSON.parse(user.roles) as Role[];
  return { user, org, roles, via, actor: { id: String(user.id), name: user.name, orgId: user.org_id, roles } };
}

/** What a signed-in person may still do while their password must be changed (path within /api). */
const WHILE_CHANGE_REQUIRED = ['GET /session', 'DELETE /session', 'PUT /session/password'];

/**
 * The session's user, read once per request: a disabled user, or one whose sessions were ended
 * since (session_epoch moved: roles changed, password reset), ends this session too.
 */
async function sessionCaller(knex: Knex, req: Request, publicUrl?: string): Promise<void> {
  const user = await getUser(knex, req.session.userId!);
  if (!user || user.disabled || user.session_epoch !== req.session.epoch) {
    await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
    throw unauthorized('会话已结束，请重新登录 / the session has ended; sign in again');
  }
  checkOrigin(req, publicUrl);
  if (user.must_change_password && !WHILE_CHANGE_REQUIRED.includes(`${req.method} ${req.path}`))
    throw new DomainError('forbidden', '须先修改密码 / Password change required', '首次登录或密码被重置后须先修改密码（PUT /api/session/password）/ change your password first (PUT /api/session/password)', [], { code: 'password_change_required' });
  req.caller = await callerOf(knex, user, 'session');
}

export function requireRole(c: Caller, ...roles: Role[]) {
  if (!roles.some((r) => c.roles.includes(r)))
    throw forbidden(`此操作需要以下角色之一 / this needs one of the roles: ${roles.join(', ')}`);
}

export function requireInSubtree(c: Caller, org: OrgRow) {
  if (!inSubtree(c.org, org)) throw forbidden(`「${org.name}」不在您所在工会的管辖范围内 / this union lies outside your union's subtree`);
}
