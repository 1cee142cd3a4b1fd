// Users of the admin's subtree. A new user's token is shown once, in the answer that made it;
// an admin revokes a user's tokens (lost device, leaver) or rotates them (a fresh one, shown once).
import { Router } from 'express';
import { getOrg } from '../../db/orgs.ts';
import { getUser, insertUser, issueToken, listUsers, revokeTokens } from '../../db/users.ts';
import { isUniqueViolation } from '../../db/dialect.ts';
import { locksOf } from '../../db/sign-in.ts';
import { clip, conflict, invalid, notFound } from '../../workflows/engine/errors.ts';
import type { Caller } from '../auth.ts';
import { ROLES } from '../../workflows/types.ts';
import { forgetTokensOf, requireInSubtree, requireRole } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { decodeCursor, idempotent, pageLimit, pageOf, paging, queryParams, validBody } from '../http.ts';
import { userView } from '../views.ts';

export const userCreateSchema = {
  type: 'object', additionalProperties: false, required: ['name', 'login', 'orgId', 'roles'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 100, pattern: '\\S' },
    login: { type: 'string', pattern: '^[A-Za-z0-9._-]{3,100}$' },
    email: { type: 'string', format: 'email', maxLength: 200 },
    orgId: { type: 'integer', minimum: 1 },
    roles: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: ROLES } },
  },
};

export const userListQuery = { type: 'object', additionalProperties: false, properties: paging };

const shownOnce = ({ token, ...rest }: { token: string }) => ({ ...rest, token: null, tokenNote: '令牌只在首次应答中显示 / the token was shown only in the first answer' });

export function userRoutes(deps: AppDeps) {
  const { knex, clock } = deps;
  const r = Router();
  /** A user an admin may manage: in the admin's subtree. */
  async function managed(caller: Caller, id: string) {
    requireRole(caller, 'admin');
    const user = /^[0-9]{1,9}$/.test(id) ? await getUser(knex, Number(id)) : undefined;
    if (!user) throw notFound(`用户 ${clip(id)} / user ${clip(id)}`);
    requireInSubtree(caller, (await getOrg(knex, user.org_id))!);
    return user;
  }

  r.get('/users', async (req, res) => {
    requireRole(req.caller, 'admin');
    const q = queryParams<{ limit?: string; cursor?: string }>(req, userListQuery);
    const limit = pageLimit(q, 100);
    const after = decodeCursor<[number]>(q.cursor, ['int'])?.[0];
    const page = pageOf(await listUsers(knex, { subtreeOf: req.caller.org, after, limit: limit + 1 }), limit, (u) => [u.id]);
    const locks = await locksOf(knex, page.items.map((u) => u.login), clock.now());
    res.json({ items: page.items.map((u) => ({ ...userView(u), lockedUntil: locks.get(u.login) ?? null })), next: page.next });
  });

  r.post('/users', async (req, res) => {
    requireRole(req.caller, 'admin');
    const body = validBody<{ name: string; login: string; email?: string; orgId: number; roles: string[] }>(req, userCreateSchema);
    const org = await getOrg(knex, body.orgId);
    if (!org) throw invalid('工会不存在 / no such union', [{ pointer: '/orgId', message: `no union ${body.orgId}` }]);
    requireInSubtree(req.caller, org);
    // The stored idempotent answer never keeps the token: tokens exist only as hashes.
    await idempotent(req, res, deps, 201, async (save) => {
      try {
        return await knex.transaction(async (trx) => {
          const user = await insertUser(trx, { org_id: org.id, name: body.name, login: body.login, email: body.email ?? null, roles: JSON.stringify(body.roles) }, clock.now());
          const created = { ...userView(user), token: await issueToken(trx, user.id, clock.now()) };
          await save?.(trx, created);
          return created;
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw conflict(`登录名 ${body.login} 已被使用 / the login is taken`);
        throw e;
      }
    }, shownOnce);
  });

  r.delete('/users/:id/tokens', async (req, res) => {
    const user = await managed(req.caller, req.params.id);
    await revokeTokens(knex, user.id, clock.now());
    forgetTokensOf(knex, user.id);
    res.status(204).end();
  });

  // Rotation: the old tokens stop working in the same transaction that makes the new one.
  r.post('/users/:id/tokens', async (req, res) => {
    const user = await managed(req.caller, req.params.id);
    await idempotent(req, res, deps, 201, async (save) =>
      knex.transaction(async (trx) => {
        await revokeTokens(trx, user.id, clock.now());
        const issued = { userId: user.id, token: await issueToken(trx, user.id, clock.now()) };
        await save?.(trx, issued);
        return issued;
      }).finally(() => forgetTokensOf(knex, user.id)), shownOnce);
  });
  return r;
}
