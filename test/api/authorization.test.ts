// Who sees and does what: a user acts only within their union's subtree and role.
import { expect } from 'chai';
import { p1Request } from '../helpers.ts';
import { P1, startTestSystem, submittedRequest, type Sys } from './client.ts';

describe('authorisation over HTTP', () => {
  let s: Sys;
  let id: string;
  before(async () => {
    s = await startTestSystem();
    id = await submittedRequest(s);
  });
  after(async () => s.cleanup());

  it('answers 401 without a token or with an unknown one', async () => {
    expect((await s.call('GET', '/api/me', null)).status).to.equal(401);
    const res = await fetch(`${s.url}/api/me`, { headers: { authorization: 'Bearer uw_not-a-real-token' } });
    expect(res.status).to.equal(401);
    expect(res.headers.get('content-type')).to.match(/application\/problem\+json/);
    expect(res.headers.get('www-authenticate')).to.equal('Bearer');
  });

  it('keeps tokens only as hashes', async () => {
    const rows = await s.knex('tokens').select('token_hash');
    const tokens = Object.values(s.demo!.users).map((u) => u.token);
    for (const r of rows) expect(tokens).to.not.include(r.token_hash);
    expect(rows[0].token_hash).to.match(/^[0-9a-f]{64}$/);
  });

  it('hides a case from a union in another subtree', async () => {
    for (const login of ['zgc.approver', 'zgc-soft.requester']) {
      const res = await s.call('GET', `/api/instances/${id}`, login);
      expect(res.status).to.equal(403);
      const list = await s.call('GET', '/api/instances', login);
      expect(list.body.items.map((i: any) => i.id)).to.not.include(id);
      const tasks = await s.call('GET', '/api/tasks', login);
      expect(tasks.body.items.map((i: any) => i.id)).to.not.include(id);
    }
    const ev = await s.call('POST', `/api/instances/${id}/events`, 'zgc.approver', { type: 'APPROVE' });
    expect(ev.status).to.equal(403);
  });

  it('lets the higher unions and the auditor see it, read-only for the auditor', async () => {
    for (const login of ['jianwai.approver', 'chaoyang.approver', 'chaoyang.viewer', 'admin']) {
      expect((await s.call('GET', `/api/instances/${id}`, login)).status, login).to.equal(200);
    }
    const viewer = await s.call('GET', `/api/instances/${id}`, 'chaoyang.viewer');
    expect(viewer.body.allowedEvents).to.deep.equal([]);
    const act = await s.call('POST', `/api/instances/${id}/events`, 'chaoyang.viewer', { type: 'APPROVE' });
    expect(act.status).to.equal(403);
  });

  it('does not let the requester approve their own request', async () => {
    const res = await s.call('POST', `/api/instances/${id}/events`, 'guomao.requester', { type: 'APPROVE' });
    expect(res.status).to.equal(403);
    expect(res.body.detail).to.include('R-psh-approval');
  });

  it('lets only the direct parent decide: the grandparent union cannot approve', async () => {
    const res = await s.call('POST', `/api/instances/${id}/events`, 'chaoyang.approver', { type: 'APPROVE' });
    expect(res.status).to.equal(403);
    expect(res.body.detail).to.include('parent');
  });

  it('never lets a person send the scheduler\'s events', async () => {
    const res = await s.call('POST', `/api/instances/${id}/events`, 'jianwai.approver', { type: 'ESCALATE' });
    expect(res.status).to.equal(403);
  });

  it('refuses a start by a union with no parent or by a non-requester', async () => {
    expect((await s.call('POST', P1, 'jianwai.approver', p1Request())).status).to.equal(403);
    expect((await s.call('POST', P1, 'chaoyang.hr', p1Request())).status).to.equal(403);
  });

  it('limits users, orgs and people to the caller\'s subtree and users to admins', async () => {
    expect((await s.call('GET', '/api/users', 'jianwai.approver')).status).to.equal(403);
    const orgs = await s.call('GET', '/api/orgs', 'jianwai.approver');
    expect(orgs.body.items.map((o: any) => o.name)).to.include('北京国贸物业管理有限公司工会').and.not.include('海淀区总工会');
    const haidian = (await s.call('GET', '/api/orgs', 'admin')).body.items.find((o: any) => o.name === '海淀区总工会');
    expect((await s.call('GET', `/api/orgs/${haidian.id}`, 'jianwai.approver')).status).to.equal(403);
    const me = await s.call('GET', '/api/me', 'jianwai.approver');
    expect(me.body.org.name).to.equal('建外街道总工会');
    expect(me.body.roles).to.deep.equal(['approver']);
  });

  it('lets an admin add a user whose token is shown once and works', async () => {
    const guomao = (await s.call('GET', '/api/orgs', 'admin')).body.items.find((o: any) => o.name === '北京国贸物业管理有限公司工会');
    const made = await s.call('POST', '/api/users', 'admin', { name: '新同事', login: 'guomao.clerk2', email: 'clerk2@example.org.cn', orgId: guomao.id, roles: ['requester'] });
    expect(made.status).to.equal(201);
    expect(made.body.token).to.match(/^uw_/);
    const me = await fetch(`${s.url}/api/me`, { headers: { authorization: `Bearer ${made.body.token}` } });
    expect((await me.json()).user.login).to.equal('guomao.clerk2');
    const dup = await s.call('POST', '/api/users', 'admin', { name: '重复', login: 'guomao.clerk2', orgId: guomao.id, roles: ['requester'] });
    expect(dup.status).to.equal(409);
  });
});
