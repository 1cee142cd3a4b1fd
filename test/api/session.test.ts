// Sign-in for people (issue 9 item 1): POST/GET/DELETE /api/session, the lock after five wrong
// passwords, the Origin check for cookie requests, and bearer tokens unchanged beside them.
import { expect } from 'chai';
import { demoPassword } from '../../server/passwords.ts';
import { startTestSystem, type Sys } from './client.ts';
import { browserOf, sessionCookie, signIn } from './session-client.ts';

describe('API /api/session: signing in and out', function () {
  this.timeout(20_000);
  let s: Sys;
  beforeEach(async () => { s = await startTestSystem(); });
  afterEach(async () => s.cleanup());

  it('signs in with login and password: the user, mustChangePassword, and an HttpOnly SameSite=Strict cookie uw.sid on Path=/', async () => {
    const a = await signIn(s, 'guomao.requester');
    expect(a.status, JSON.stringify(a.body)).to.equal(200);
    expect(a.body).to.deep.equal({
      user: { id: s.demo!.users['guomao.requester'].id, name: '王芳（国贸物业工会）', login: 'guomao.requester', email: 'guomao.requester@example.org.cn', orgId: a.body.user.orgId, orgName: '北京国贸物业管理有限公司工会', roles: ['requester'] },
      mustChangePassword: false,
    });
    const set = a.headers.get('set-cookie')!;
    expect(set).to.match(/^uw\.sid=/).and.match(/HttpOnly/i).and.match(/SameSite=Strict/i).and.match(/Path=\//);
    expect(set).to.not.match(/Secure/i); // plain HTTP, no https PUBLIC_URL
  });

  it('GET /api/session answers the same body with the cookie, 401 without one', async () => {
    const b = await browserOf(s, 'jianwai.approver');
    const me = await b.call('GET', '/api/session');
    expect(me.status).to.equal(200);
    expect(me.body.user).to.include({ login: 'jianwai.approver', orgName: '建外街道总工会' });
    expect((await s.call('GET', '/api/session', null)).status).to.equal(401);
  });

  it('the cookie works on the other routes (GET /api/tasks)', async () => {
    const b = await browserOf(s, 'jianwai.approver');
    const tasks = await b.call('GET', '/api/tasks');
    expect(tasks.status, JSON.stringify(tasks.body)).to.equal(200);
    expect(tasks.body.items).to.be.an('array');
  });

  it('DELETE /api/session signs out with 204: the cookie no longer works', async () => {
    const b = await browserOf(s, 'guomao.requester');
    expect((await b.call('DELETE', '/api/session')).status).to.equal(204);
    expect((await b.call('GET', '/api/session')).status).to.equal(401);
    expect((await b.call('GET', '/api/tasks')).status).to.equal(401);
    expect(Number((await s.knex('sessions').count({ n: '*' }).first())!.n)).to.equal(0);
  });

  it('a wrong password and an unknown login answer the same 401 problem', async () => {
    const wrong = await signIn(s, 'guomao.requester', 'not-the-password');
    const unknown = await signIn(s, 'nobody.here', 'not-the-password');
    for (const a of [wrong, unknown]) {
      expect(a.status).to.equal(401);
      expect(a.headers.get('content-type')).to.match(/application\/problem\+json/);
      expect(sessionCookie(a)).to.equal(undefined);
    }
    expect(unknown.body.detail).to.equal(wrong.body.detail);
    expect(unknown.body.title).to.equal(wrong.body.title);
  });

  it('a malformed body is refused before any password is checked (400/422, no cookie)', async () => {
    for (const body of [{}, { login: 'admin' }, { login: 'admin', password: 5 }, { login: '', password: 'x' }]) {
      const a = await s.call('POST', '/api/session', null, body);
      expect(a.status, JSON.stringify(body)).to.be.oneOf([400, 422]);
    }
    expect(await s.knex('sign_in_failures').count({ n: '*' }).first()).to.satisfy((r: any) => Number(r.n) === 0);
  });

  it('sessions lapse after 30 idle minutes; each request moves the end (rolling)', async () => {
    const b = await browserOf(s, 'guomao.requester');
    s.clock.advance(29 * 60_000);
    expect((await b.call('GET', '/api/session')).status).to.equal(200);
    s.clock.advance(29 * 60_000); // 58 minutes after sign-in, 29 after the last request
    expect((await b.call('GET', '/api/session')).status).to.equal(200);
    s.clock.advance(31 * 60_000);
    expect((await b.call('GET', '/api/session')).status).to.equal(401);
  });
});

describe('API /api/session: five wrong passwords lock the login for 15 minutes', function () {
  this.timeout(20_000);
  let s: Sys;
  before(async () => { s = await startTestSystem(); });
  after(async () => s.cleanup());

  it('four wrong answers are 401, the fifth is 423 with lockedUntil (zh-CN first); the right password is then refused too', async () => {
    for (let i = 0; i < 4; i++) expect((await signIn(s, 'chaoyang.hr', `wrong-${i}-password`)).status).to.equal(401);
    const fifth = await signIn(s, 'chaoyang.hr', 'wrong-5-password');
    expect(fifth.status).to.equal(423);
    expect(fifth.headers.get('content-type')).to.match(/application\/problem\+json/);
    const until = new Date(s.clock.now().getTime() + 15 * 60_000).toISOString();
    expect(fifth.body).to.include({ status: 423, lockedUntil: until });
    expect(fifth.body.detail).to.match(/^[\u4e00-\u9fa5]/).and.include('2026-03-02 10:15').and.include(until);
    const right = await signIn(s, 'chaoyang.hr');
    expect(right.status).to.equal(423);
    expect(right.body.lockedUntil).to.equal(until);
    expect(sessionCookie(right)).to.equal(undefined);
  });

  it('the lock is held in the database: it holds across a restart', async () => {
    const db = s.db;
    await s.stop();
    s = await startTestSystem({ db, clock: s.clock, tokens: {} });
    s.cleanup = async () => { await s.stop(); await db.drop(); };
    expect((await signIn(s, 'chaoyang.hr')).status).to.equal(423);
  });

  it('after 15 minutes the right password signs in, and the count starts again from zero', async () => {
    s.clock.advance(15 * 60_000);
    expect((await signIn(s, 'chaoyang.hr')).status).to.equal(200);
    for (let i = 0; i < 4; i++) expect((await signIn(s, 'chaoyang.hr', 'wrong-password')).status).to.equal(401);
    expect((await signIn(s, 'chaoyang.hr')).status).to.equal(200); // success resets the count
    expect((await signIn(s, 'chaoyang.hr', 'wrong-password')).status).to.equal(401);
  });

  it('an unknown login locks the same way (whether a login exists is not told)', async () => {
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push((await signIn(s, 'ghost.user', 'wrong-password')).status);
    expect(answers).to.deep.equal([401, 401, 401, 401, 423]);
  });
});

describe('API /api/session: cookie requests and Origin; bearer tokens beside them', function () {
  this.timeout(20_000);
  let s: Sys;
  before(async () => { s = await startTestSystem(); });
  after(async () => s.cleanup());

  const event = (id: string) => `/api/instances/${id}/events`;

  it('a state-changing cookie request from a foreign Origin is 403 and changes nothing; from our own it goes through', async () => {
    const b = await browserOf(s, 'guomao.requester');
    const P1 = '/api/workflows/purchased-service-hire/instances';
    const { p1Request } = await import('../helpers.ts');
    const foreign = await b.call('POST', P1, p1Request(), { origin: 'https://evil.example' });
    expect(foreign.status).to.equal(403);
    expect(foreign.headers.get('content-type')).to.match(/application\/problem\+json/);
    expect(Number((await s.knex('instances').count({ n: '*' }).first())!.n)).to.equal(0);
    const ours = await b.call('POST', P1, p1Request());
    expect(ours.status, JSON.stringify(ours.body)).to.equal(201);
    const viaReferer = await s.call('POST', event(ours.body.id), null, { type: 'SUBMIT' }, { cookie: b.cookie, referer: `${s.url}/cases/${ours.body.id}` });
    expect(viaReferer.status, JSON.stringify(viaReferer.body)).to.equal(200);
  });

  it('a cookie request without Origin and Referer is 403; a GET needs neither', async () => {
    const b = await browserOf(s, 'guomao.requester');
    const bare = await s.call('POST', '/api/workflows/purchased-service-hire/instances', null, {}, { cookie: b.cookie });
    expect(bare.status).to.equal(403);
    expect((await s.call('GET', '/api/tasks', null, undefined, { cookie: b.cookie })).status).to.equal(200);
  });

  it('PUBLIC_URL\'s origin counts as ours', async () => {
    const { startSystem } = await import('../../server/system.ts');
    const { silent } = await import('./client.ts');
    const { freshDatabase } = await import('../database.ts');
    const db = await freshDatabase('uw-api-');
    const sys = await startSystem({ databaseUrl: db.url, port: 0, seedDemo: true, log: silent, background: false, publicUrl: 'https://gonghui.example.cn' });
    try {
      const login = await fetch(`${sys.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'admin', password: demoPassword('admin') }) });
      expect(login.status).to.equal(200);
      const set = login.headers.get('set-cookie')!;
      expect(set).to.match(/;\s*Secure/i); // PUBLIC_URL is https
      const cookie = /uw\.sid=[^;]+/.exec(set)![0];
      const put = (origin: string) => fetch(`${sys.url}/api/calendar/overrides/2027-03-01`, { method: 'PUT', headers: { 'content-type': 'application/json', cookie, origin }, body: JSON.stringify({ kind: 'holiday' }) });
      expect((await put('https://gonghui.example.cn')).status).to.equal(200);
      expect((await put('https://gonghui.example.cn.evil.example')).status).to.equal(403);
    } finally { await sys.stop(); await db.drop(); }
  });

  it('bearer requests are not Origin-checked, and a token still works without any session', async () => {
    const a = await s.call('GET', '/api/tasks', 'jianwai.approver', undefined, { origin: 'https://evil.example' });
    expect(a.status).to.equal(200);
    const w = await s.call('PUT', '/api/calendar/overrides/2027-03-02', 'admin', { kind: 'holiday' }, { origin: 'https://evil.example' });
    expect(w.status).to.equal(200);
    expect(sessionCookie(w)).to.equal(undefined);
  });

  it('a foreign page cannot sign a browser in (login CSRF): POST /api/session with a foreign Origin is 403', async () => {
    const a = await signIn(s, 'admin', undefined, { origin: 'https://evil.example' });
    expect(a.status).to.equal(403);
    expect(sessionCookie(a)).to.equal(undefined);
  });
});
