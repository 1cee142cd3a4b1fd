// Sign-in meets user administration (issue 9 item 1): initial passwords that must be changed,
// resets, disabling, role changes ending sessions, and no password in clear in the database or log.
import { expect } from 'chai';
import { Writable } from 'node:stream';
import { createLogger } from '../../server/logger.ts';
import { demoPassword } from '../../server/passwords.ts';
import { startTestSystem, type Sys } from './client.ts';
import { browserOf, signIn } from './session-client.ts';

describe('API sign-in and users: passwords, disabling, roles', function () {
  this.timeout(30_000);
  let s: Sys;
  const lines: string[] = [];
  const log = createLogger('info', new Writable({ write(chunk, _enc, cb) { lines.push(String(chunk)); cb(); } }));
  before(async () => { s = await startTestSystem({ log }); });
  after(async () => s.cleanup());
  const id = (login: string) => s.demo!.users[login].id;
  const orgId = async (name: string) => (await s.knex('orgs').where({ name }).first()).id as number;

  it('an admin creates a user with an initial password: the user must change it before anything else', async () => {
    const made = await s.call('POST', '/api/users', 'admin', { name: '新用户', login: 'new.clerk', orgId: await orgId('北京国贸物业管理有限公司工会'), roles: ['requester'], password: 'Initial-pass-1' });
    expect(made.status, JSON.stringify(made.body)).to.equal(201);
    expect(made.body).to.include({ mustChangePassword: true, disabled: false });
    const b = await browserOf(s, 'new.clerk', 'Initial-pass-1');
    expect((await b.call('GET', '/api/session')).body.mustChangePassword).to.equal(true);
    const blocked = await b.call('GET', '/api/tasks');
    expect(blocked.status).to.equal(403);
    expect(blocked.body.code).to.equal('password_change_required');
    const change = (body: unknown) => b.call('PUT', '/api/session/password', body);
    const short = await change({ currentPassword: 'Initial-pass-1', newPassword: 'short' });
    expect(short.status).to.equal(422);
    expect(short.body.errors[0]).to.include({ pointer: '/newPassword' });
    expect(short.body.errors[0].message).to.match(/^新密码至少 8 个字符/);
    expect((await change({ currentPassword: 'Initial-pass-1', newPassword: 'new.clerk' })).body.errors[0].message).to.match(/登录名/);
    expect((await change({ currentPassword: 'Initial-pass-1', newPassword: 'Initial-pass-1' })).body.errors[0].message).to.match(/当前密码/);
    const wrong = await change({ currentPassword: 'not-it-at-all', newPassword: 'Chosen-pass-22' });
    expect(wrong.status).to.equal(422);
    expect(wrong.body.errors[0]).to.include({ pointer: '/currentPassword' });
    expect((await change({ currentPassword: 'Initial-pass-1', newPassword: 'Chosen-pass-22' })).status).to.equal(204);
    expect((await b.call('GET', '/api/tasks')).status).to.equal(200); // the same session goes on
    expect((await b.call('GET', '/api/session')).body.mustChangePassword).to.equal(false);
    expect((await signIn(s, 'new.clerk', 'Initial-pass-1')).status).to.equal(401);
    expect((await signIn(s, 'new.clerk', 'Chosen-pass-22')).status).to.equal(200);
  });

  it('an initial password breaking the policy is a 422 and no user is made', async () => {
    const a = await s.call('POST', '/api/users', 'admin', { name: '新用户', login: 'weak.one', orgId: await orgId('建外街道总工会'), roles: ['viewer'], password: 'weak.one' });
    expect(a.status).to.equal(422);
    expect(await s.knex('users').where({ login: 'weak.one' }).first()).to.equal(undefined);
  });

  it('an admin\'s reset: the user\'s sessions end, the lock is lifted, and the new password must be changed', async () => {
    const b = await browserOf(s, 'chaoyang.viewer');
    for (let i = 0; i < 5; i++) await signIn(s, 'chaoyang.viewer', 'wrong-password');
    const listed = (await s.call('GET', '/api/users', 'admin')).body.items.find((u: any) => u.login === 'chaoyang.viewer');
    expect(listed.lockedUntil).to.be.a('string');
    expect((await s.call('PUT', `/api/users/${id('chaoyang.viewer')}/password`, 'admin', { password: 'Reset-pass-2026' })).status).to.equal(204);
    expect((await b.call('GET', '/api/session')).status).to.equal(401);
    const again = await browserOf(s, 'chaoyang.viewer', 'Reset-pass-2026');
    expect((await again.call('GET', '/api/session')).body.mustChangePassword).to.equal(true);
    const after = (await s.call('GET', '/api/users', 'admin')).body.items.find((u: any) => u.login === 'chaoyang.viewer');
    expect(after).to.include({ lockedUntil: null, mustChangePassword: true, disabled: false });
  });

  it('a reset by an admin outside the user\'s subtree is 403, and changes nothing', async () => {
    const made = await s.call('POST', '/api/users', 'admin', { name: '海淀管理员', login: 'haidian.admin', orgId: await orgId('海淀区总工会'), roles: ['admin'] });
    const before = (await s.knex('users').where({ id: id('jianwai.approver') }).first()).password_hash;
    const a = await s.call('PUT', `/api/users/${id('jianwai.approver')}/password`, null, { password: 'Reset-pass-2026' }, { authorization: `Bearer ${made.body.token}` });
    expect(a.status).to.equal(403);
    const p = await s.call('PATCH', `/api/users/${id('jianwai.approver')}`, null, { disabled: true }, { authorization: `Bearer ${made.body.token}` });
    expect(p.status).to.equal(403);
    expect((await s.knex('users').where({ id: id('jianwai.approver') }).first()).password_hash).to.equal(before);
  });

  it('disabling a user ends their session and stops their token; enabling lets them sign in again', async () => {
    const b = await browserOf(s, 'zgc.approver');
    const p = await s.call('PATCH', `/api/users/${id('zgc.approver')}`, 'admin', { disabled: true });
    expect(p.status, JSON.stringify(p.body)).to.equal(200);
    expect(p.body).to.include({ disabled: true });
    expect((await b.call('GET', '/api/tasks')).status).to.equal(401);
    expect((await s.call('GET', '/api/tasks', 'zgc.approver')).status).to.equal(401);
    expect((await signIn(s, 'zgc.approver')).status).to.equal(401);
    await s.call('PATCH', `/api/users/${id('zgc.approver')}`, 'admin', { disabled: false });
    expect((await s.call('GET', '/api/tasks', 'zgc.approver')).status).to.equal(200);
    expect((await signIn(s, 'zgc.approver')).status).to.equal(200);
  });

  it('a change of roles ends the user\'s sessions; a change of name does not', async () => {
    const b = await browserOf(s, 'chaoyang.hr');
    expect((await s.call('PATCH', `/api/users/${id('chaoyang.hr')}`, 'admin', { name: '刘洋' })).status).to.equal(200);
    expect((await b.call('GET', '/api/session')).body.user.name).to.equal('刘洋');
    const p = await s.call('PATCH', `/api/users/${id('chaoyang.hr')}`, 'admin', { roles: ['hr', 'viewer'] });
    expect(p.body.roles).to.deep.equal(['hr', 'viewer']);
    expect((await b.call('GET', '/api/session')).status).to.equal(401);
    const again = await browserOf(s, 'chaoyang.hr');
    expect((await again.call('GET', '/api/session')).body.user.roles).to.deep.equal(['hr', 'viewer']);
  });

  it('an admin cannot disable themselves or drop their own admin role (422)', async () => {
    const self = `/api/users/${id('admin')}`;
    expect((await s.call('PATCH', self, 'admin', { disabled: true })).status).to.equal(422);
    expect((await s.call('PATCH', self, 'admin', { roles: ['viewer'] })).status).to.equal(422);
    expect((await s.call('GET', '/api/me', 'admin')).body.roles).to.deep.equal(['admin']);
  });

  it('no password is stored or logged in clear: argon2id hashes in the rows, [redacted] in the log', async () => {
    const rows = JSON.stringify(await s.knex('users').select('*'));
    for (const pw of ['Initial-pass-1', 'Chosen-pass-22', 'Reset-pass-2026', demoPassword('admin')]) expect(rows).to.not.include(pw);
    expect((await s.knex('users').where({ login: 'admin' }).first()).password_hash).to.match(/^\$argon2id\$/);
    log.info({ password: 'Leak-test-pw-1', body: { newPassword: 'Leak-test-pw-2', currentPassword: 'Leak-test-pw-3' } }, 'redaction check');
    const text = lines.join('');
    for (const pw of ['Initial-pass-1', 'Chosen-pass-22', 'Reset-pass-2026', 'wrong-password', demoPassword('admin'), 'Leak-test-pw']) expect(text).to.not.include(pw);
    expect(text).to.include('[redacted]');
    for (const event of ['signed in', 'sign-in failed', 'sign-in locked', 'password changed', 'password reset', 'user disabled', 'user roles changed']) expect(text, event).to.include(`"msg":"${event}"`);
    const sessions = JSON.stringify(await s.knex('sessions').select('*'));
    expect(sessions).to.not.match(/pass/i);
  });

  it('signing out is logged, and the cookie is cleared', async () => {
    const b = await browserOf(s, 'guomao.requester');
    const out = await b.call('DELETE', '/api/session');
    expect(out.headers.get('set-cookie')).to.match(/uw\.sid=;/);
    expect(lines.join('')).to.include('"msg":"signed out"');
  });
});
