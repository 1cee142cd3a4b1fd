// Users of the admin's subtree. A new user's token is shown once, in the answer that made it;
// an admin revokes a user's tokens (lost device, leaver) or rotates them (a fresh one, shown once),
// sets an initial password or resets one (changed at the next sign-in), edits, or disables a user.
import { Router } from 'express';
import { getOrg } from '../../db/orgs.ts';
import { clearFailures, locksOf } from '../../db/sign-in.ts';
import { getUser, insertUser, issueToken, listUsers, revokeTokens, setPassword, updateUser } from '../../db/users.ts';
import { isUniqueViolation } from '../../db/dialect.ts';
import type { UserRow } from '../../db/tables.ts';
import { clip, conflict, invalid, notFound } from '../../workflows/engine/errors.ts';
import type { Caller } from '../auth.ts';
import { ROLES } from '../../workflows/types.ts';
import { forgetTokensOf, requireInSubtree, requireRole } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { decodeCursor, idempotent, pageLimit, pageOf, paging, queryParams, validBody } from '../http.ts';
import { hashPassword, passwordField, passwordProblems } from '../passwords.ts';
import { userView } from '../views.ts';
import { userRows, userSheet } from '../list-exports.ts';
import { exportFormat, exportParams, pagesOf, sendSheet, type Lang } from '../sheets/write.ts';
import { shanghaiDate } from '../../workflows/rules/calendar.ts';

const name = { type: 'string', minLength: 1, maxLength: 100, pattern: '\\S' };
const email = { type: 'string', format: 'email', maxLength: 200 };
const roles = { type: 'array', minItems: 1, uniqueItems: true, items: { enum: ROLES } };

export const userCreateSchema = {
  type: 'object', additionalProperties: false, required: ['name', 'login', 'orgId', 'roles'],
  properties: {
    name, login: { type: 'string', pattern: '^[A-Za-z0-9._-]{3,100}$' }, email, orgId: { type: 'integer', minimum: 1 }, roles,
    password: { ...passwordField, description: '初始密码，首次登录须修改 / an initial password, to be changed at the first sign-in' },
  },
};
export const userPatchSchema = {
  type: 'object', additionalProperties: false, minProperties: 1,
  properties: { name, email: { type: ['string', 'null'], format: 'email', maxLength: 200 }, roles, disabled: { type: 'boolean' } },
};
export const passwordResetSchema = { type: 'object', additionalProperties: false, required: ['password'], properties: { password: passwordField } };

export const userListQuery = { type: 'object', additionalProperties: false, properties: { ...paging, ...exportParams } };

const shownOnce = ({ token, ...rest }: { token: string }) => ({ ...rest, token: null, tokenNote: '令牌只在首次应答中显示 / the token was shown only in the first answer' });

function checkPassword(pointer: string, password: string | undefined, login: string) {
  if (password === undefined) return;
  const problems = passwordProblems(pointer, password, login);
  if (problems.length) throw invalid(`密码不符合要求：${problems[0].message}`, problems);
}

const sameRoles = (a: string[], b: string[]) => a.length === b.length && a.every((r) => b.includes(r));

export function userRoutes(deps: AppDeps) {
  const { knex, clock, log } = deps;
  const r = Router();
  /** A user an admin may manage: in the admin's subtree. */
  async function managed(caller: Caller, id: string) {
    requireRole(caller, 'admin');
    const user = /^[0-9]{1,9}$/.test(id) ? await getUser(knex, Number(id)) : undefined;
    if (!user) throw notFound(`用户 ${clip(id)} / user ${clip(id)}`);
    requireInSubtree(caller, (await getOrg(knex, user.org_id))!);
    return user;
  }
  const listItem = async (u: UserRow) => ({ ...userView(u), lockedUntil: (await locksOf(knex, [u.login], clock.now())).get(u.login) ?? null });

  r.get('/users', async (req, res) => {
    requireRole(req.caller, 'admin');
    const q = queryParams<{ limit?: string; cursor?: string; lang?: Lang }>(req, userListQuery);
    const format = exportFormat(req, res);
    if (format)
      return sendSheet(res, {
        format, name: { zh: '用户', en: 'Users' }, date: shanghaiDate(clock.now()), lang: q.lang ?? 'zh', columns: userSheet(),
        pages: pagesOf((after: number | undefined, n) => listUsers(knex, { subtreeOf: req.caller.org, after, limit: n }), (u) => u.id, (rows) => userRows(knex, rows)),
      });
    const limit = pageLimit(q, 100);
    const after = decodeCursor<[number]>(q.cursor, ['int'])?.[0];
    const page = pageOf(await listUsers(knex, { subtreeOf: req.caller.org, after, limit: limit + 1 }), limit, (u) => [u.id]);
    const locks = await locksOf(knex, page.items.map((u) => u.login), clock.now());
    res.json({ items: page.items.map((u) => ({ ...userView(u), lockedUntil: locks.get(u.login) ?? null })), next: page.next });
  });

  r.post('/users', async (req, res) => {
    requireRole(req.caller, 'admin');
    const body = validBody<{ name: string; login: string; email?: string; orgId: number; roles: string[]; password?: string }>(req, userCreateSchema);
    checkPassword('/password', body.password, body.login);
    const org = await getOrg(knex, body.orgId);
    if (!org) throw invalid('工会不存在 / no such union', [{ pointer: '/orgId', message: `no union ${body.orgId}` }]);
    requireInSubtree(req.caller, org);
    const password_hash = body.password === undefined ? null : await hashPassword(body.password);
    // The stored idempotent answer never keeps the token: tokens exist only as hashes.
    await idempotent(req, res, deps, 201, async (save) => {
      try {
        return await knex.transaction(async (trx) => {
          const user = await insertUser(trx, { org_id: org.id, name: body.name, login: body.login, email: body.email ?? null, roles: JSON.stringify(body.roles), password_hash, must_change_password: password_hash !== null }, clock.now());
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

  // Reset: to be changed at the next sign-in; the user's sessions end and any lock is lifted.
  r.put('/users/:id/password', async (req, res) => {
    const user = await managed(req.caller, req.params.id);
    const body = validBody<{ password: string }>(req, passwordResetSchema);
    checkPassword('/password', body.password, user.login);
    const hash = await hashPassword(body.password);
    await knex.transaction(async (trx) => {
      await setPassword(trx, user.id, { hash, mustChange: true, endSessions: true });
      await clearFailures(trx, user.login);
    });
    log.info({ userId: user.id, by: req.caller.user.id, requestId: res.locals.requestId }, 'password reset');
    res.status(204).end();
  });

  // Disabling stops the user's sessions and tokens; a change of roles ends the sessions (they carry the old roles' page).
  r.patch('/users/:id', async (req, res) => {
    const user = await managed(req.caller, req.params.id);
    const body = validBody<{ name?: string; email?: string | null; roles?: string[]; disabled?: boolean }>(req, userPatchSchema);
    const self = user.id === req.caller.user.id;
    if (self && body.disabled === true) throw invalid('不能停用自己的账号 / you cannot disable yourself', [{ pointer: '/disabled', message: '不能停用自己 / not yourself' }]);
    if (self && body.roles && !body.roles.includes('admin'))
      throw invalid('不能去掉自己的管理员角色 / you cannot drop your own admin role', [{ pointer: '/roles', message: '须保留 admin / keep admin' }]);
    const rolesChanged = !!body.roles && !sameRoles(body.roles, JSON.parse(user.roles) as string[]);
    const disabling = body.disabled === true && !user.disabled;
    const { roles: newRoles, ...rest } = body;
    const patch = Object.fromEntries(Object.entries({ ...rest, ...(newRoles ? { roles: JSON.stringify(newRoles) } : {}) }).filter(([, v]) => v !== undefined));
    const updated = await updateUser(knex, user.id, patch, rolesChanged || disabling);
    if (body.disabled !== undefined || rolesChanged) forgetTokensOf(knex, user.id);
    if (body.disabled !== undefined && body.disabled !== !!user.disabled) log.info({ userId: user.id, by: req.caller.user.id, disabled: body.disabled, requestId: res.locals.requestId }, body.disabled ? 'user disabled' : 'user enabled');
    if (rolesChanged) log.info({ userId: user.id, by: req.caller.user.id, roles: body.roles, requestId: res.locals.requestId }, 'user roles changed');
    res.json(await listItem(updated));
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
