// Sign-in for people (issue 9 item 1): POST /api/session signs in and sets the session cookie,
// GET says who is signed in, DELETE signs out, PUT /api/session/password changes one's password.
// Five wrong passwords for a login name lock it for 15 minutes, counted in the database.
import { Router, type Request } from 'express';
import { getCachedOrg } from '../../db/orgs.ts';
import { clearFailures, countFailure, lockedUntil } from '../../db/sign-in.ts';
import { getUser, setPassword, userByLogin } from '../../db/users.ts';
import { DomainError, invalid } from '../../workflows/engine/errors.ts';
import type { Role } from '../../workflows/types.ts';
import type { UserRow } from '../../db/tables.ts';
import type { AppDeps } from '../deps.ts';
import { validBody } from '../http.ts';
import { hashPassword, passwordField, passwordMatches, passwordProblems } from '../passwords.ts';
import { checkOrigin, SESSION_COOKIE } from '../session.ts';

export const MAX_FAILURES = 5;
export const LOCK_MS = 15 * 60_000;

export const signInSchema = {
  type: 'object', additionalProperties: false, required: ['login', 'password'],
  properties: { login: { type: 'string', minLength: 1, maxLength: 100 }, password: passwordField },
};
export const passwordChangeSchema = {
  type: 'object', additionalProperties: false, required: ['currentPassword', 'newPassword'],
  properties: { currentPassword: passwordField, newPassword: passwordField },
};

const wrongLogin = () => new DomainError('unauthenticated', '登录失败 / Sign-in failed', '登录名或密码错误 / wrong login name or password');

/** Beijing time, for the sentence; the field itself is ISO 8601. */
const beijing = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
const lockedProblem = (until: string) => new DomainError('locked', '登录已锁定 / Sign-in locked',
  `密码连续错误 ${MAX_FAILURES} 次，该登录名已锁定至 ${beijing(until)}（北京时间）/ ${MAX_FAILURES} wrong passwords in a row: this login is locked until ${until}`,
  [], { lockedUntil: until });

export async function sessionBody(deps: AppDeps, user: UserRow) {
  const org = await getCachedOrg(deps.knex, user.org_id);
  return {
    user: { id: user.id, name: user.name, login: user.login, email: user.email, orgId: user.org_id, orgName: org?.name ?? '', roles: JSON.parse(user.roles) as Role[] },
    mustChangePassword: !!user.must_change_password,
  };
}

const promised = (f: (cb: (err?: unknown) => void) => void) => new Promise<void>((resolve, reject) => f((e) => (e ? reject(e) : resolve())));

/** Sign-in and sign-out: before authentication (neither needs a caller). */
export function sessionOpenRoutes(deps: AppDeps) {
  const { knex, clock, log } = deps;
  const publicUrl = deps.session?.publicUrl;
  const r = Router();
  r.post('/session', async (req, res) => {
    const body = validBody<{ login: string; password: string }>(req, signInSchema);
    checkOrigin(req, publicUrl, true); // login CSRF: a foreign page must not sign a browser in
    const audit = { login: body.login.slice(0, 100), ip: req.ip, requestId: res.locals.requestId };
    const locked = await lockedUntil(knex, body.login, clock.now());
    if (locked) {
      log.warn({ ...audit, lockedUntil: locked }, 'sign-in refused: login locked');
      throw lockedProblem(locked);
    }
    const user = await userByLogin(knex, body.login);
    const matches = await passwordMatches(user?.password_hash, body.password);
    if (!user || !matches || user.disabled) {
      const until = await countFailure(knex, body.login, clock.now(), { max: MAX_FAILURES, lockMs: LOCK_MS });
      log.warn({ ...audit, reason: !user ? 'unknown login' : !matches ? 'wrong password' : 'disabled' }, 'sign-in failed');
      if (until) {
        log.warn({ ...audit, lockedUntil: until }, 'sign-in locked');
        throw lockedProblem(until);
      }
      throw wrongLogin();
    }
    await clearFailures(knex, user.login);
    await promised((cb) => req.session.regenerate(cb)); // a fresh id: no session fixation
    req.session.userId = user.id;
    req.session.epoch = user.session_epoch;
    await promised((cb) => req.session.save(cb));
    log.info({ ...audit, userId: user.id }, 'signed in');
    res.json(await sessionBody(deps, user));
  });

  r.delete('/session', async (req, res) => {
    if (req.session?.userId !== undefined) {
      checkOrigin(req, publicUrl);
      const userId = req.session.userId;
      await promised((cb) => req.session.destroy(cb));
      log.info({ userId, requestId: res.locals.requestId }, 'signed out');
    }
    res.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict' });
    res.status(204).end();
  });
  return r;
}

/** Who is signed in, and changing one's own password: after authentication. */
export function sessionRoutes(deps: AppDeps) {
  const { knex, log } = deps;
  const r = Router();
  r.get('/session', async (req, res) => void res.json(await sessionBody(deps, req.caller.user)));

  r.put('/session/password', async (req: Request, res) => {
    const body = validBody<{ currentPassword: string; newPassword: string }>(req, passwordChangeSchema);
    const user = (await getUser(knex, req.caller.user.id))!;
    if (!(await passwordMatches(user.password_hash, body.currentPassword)))
      throw invalid('当前密码不正确 / the current password is wrong', [{ pointer: '/currentPassword', message: '当前密码不正确 / the current password is wrong' }]);
    const problems = passwordProblems('/newPassword', body.newPassword, user.login, body.currentPassword);
    if (problems.length) throw invalid(`新密码不符合要求：${problems[0].message}`, problems);
    // Every other session of the user ends; this one goes on with the new epoch.
    await setPassword(knex, user.id, { hash: await hashPassword(body.newPassword), mustChange: false, endSessions: true });
    if (req.caller.via === 'session') req.session.epoch = (await getUser(knex, user.id))!.session_epoch;
    log.info({ userId: user.id, via: req.caller.via, requestId: res.locals.requestId }, 'password changed');
    res.status(204).end();
  });
  return r;
}
