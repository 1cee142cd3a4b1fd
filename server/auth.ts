// Bearer-token authentication: the token's hash finds the user; the user's union bounds what they see.
import type { Knex } from 'knex';
import type { RequestHandler } from 'express';
import { getCachedOrg, inSubtree } from '../db/orgs.ts';
import type { OrgRow, UserRow } from '../db/tables.ts';
import { userByToken } from '../db/users.ts';
import { DomainError, forbidden } from '../workflows/engine/errors.ts';
import type { AuthThrottle } from './throttle.ts';
import type { Actor, Role } from '../workflows/types.ts';

export type Caller = { user: UserRow; org: OrgRow; actor: Actor; roles: Role[] };

declare global {
  namespace Express {
    interface Request { caller: Caller }
  }
}

const unauthorized = (detail: string) => new DomainError('unauthenticated', '未登录 / Unauthorized', detail);

/**
 * A wrong token counts against the client (its address). Once throttled, no token of that client
 * is even looked up until the window ends: otherwise a 429 for wrong tokens and a 200 for the right
 * one would still let a guesser go on at full speed.
 */
export function authenticate(knex: Knex, throttle: AuthThrottle): RequestHandler {
  return async (req, res, next) => {
    const m = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    if (!m) throw unauthorized('请提供 Authorization: Bearer <令牌> / send Authorization: Bearer <token>');
    const client = req.ip ?? req.socket.remoteAddress ?? '';
    const wait = Math.ceil(throttle.blockedFor(client) / 1000);
    if (wait) {
      res.set('Retry-After', String(wait));
      throw new DomainError('too_many_requests', '尝试过于频繁 / Too many requests', `令牌错误次数过多，请 ${wait} 秒后再试 / too many wrong tokens; try again in ${wait} seconds`);
    }
    const user = await userByToken(knex, m[1]);
    if (!user) {
      throttle.fail(client);
      throw unauthorized('令牌无效或已撤销 / the token is unknown or revoked');
    }
    const org = (await getCachedOrg(knex, user.org_id))!;
    const roles = JSON.parse(user.roles) as Role[];
    req.caller = { user, org, roles, actor: { id: String(user.id), name: user.name, orgId: user.org_id, roles } };
    next();
  };
}

export function requireRole(c: Caller, ...roles: Role[]) {
  if (!roles.some((r) => c.roles.includes(r)))
    throw forbidden(`此操作需要以下角色之一 / this needs one of the roles: ${roles.join(', ')}`);
}

export function requireInSubtree(c: Caller, org: OrgRow) {
  if (!inSubtree(c.org, org)) throw forbidden(`「${org.name}」不在您所在工会的管辖范围内 / this union lies outside your union's subtree`);
}
