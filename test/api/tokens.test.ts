// Failed authentication is throttled per client; an admin revokes or rotates a user's tokens (issue 7 item 23).
import { expect } from 'chai';
import { startTestSystem, type Answer, type Sys } from './client.ts';

const wrong = (s: Sys, path = '/api/me') => fetch(s.url + path, { headers: { authorization: 'Bearer uw_wrong-token' } });

function expectProblem(res: Answer, status: number) {
  expect(res.status, JSON.stringify(res.body)).to.equal(status);
  expect(res.headers.get('content-type')).to.match(/^application\/problem\+json/);
  expect(res.body.detail).to.match(/[\u4e00-\u9fff]/);
}

describe('failed authentication is throttled per client', () => {
  let s: Sys;
  beforeEach(async () => { s = await startTestSystem(); });
  afterEach(async () => s.cleanup());

  it('answers 429 problem+json with Retry-After after 20 wrong tokens in 60 s, and 401 again once the window has passed', async () => {
    for (let i = 0; i < 20; i++) expect((await wrong(s)).status, `attempt ${i + 1}`).to.equal(401);
    s.clock.advance(15_000);
    const res = await wrong(s);
    expect(res.status).to.equal(429);
    expect(res.headers.get('content-type')).to.match(/^application\/problem\+json/);
    expect(res.headers.get('retry-after')).to.equal('45');
    const body = await res.json();
    expect(body).to.include({ status: 429 });
    expect(body.detail).to.match(/[\u4e00-\u9fff]/).and.include('45');
    expect(body.requestId).to.be.a('string');
    s.clock.advance(45_000);
    expect((await wrong(s)).status).to.equal(401);
  });

  it('never counts valid tokens, and once a client is throttled checks none of its tokens until the window ends', async () => {
    for (let i = 0; i < 150; i++) expect((await s.call('GET', '/api/me', 'admin')).status).to.equal(200);
    for (let i = 0; i < 20; i++) expect((await wrong(s)).status).to.equal(401);
    // A right guess must not stand out from the wrong ones while throttled.
    const valid = await s.call('GET', '/api/me', 'guomao.requester');
    expect(valid.status).to.equal(429);
    expect(valid.headers.get('retry-after')).to.equal('60');
    s.clock.advance(60_000);
    expect((await s.call('GET', '/api/me', 'guomao.requester')).status).to.equal(200);
  });

  it('does not count requests without a token as failed attempts', async () => {
    for (let i = 0; i < 30; i++) expect((await s.call('GET', '/api/me', null)).status).to.equal(401);
    expect((await wrong(s)).status).to.equal(401);
  });
});

describe('an admin revokes or rotates a user\'s tokens', () => {
  let s: Sys;
  let requesterId: number;
  beforeEach(async () => {
    s = await startTestSystem();
    requesterId = s.demo!.users['guomao.requester'].id;
  });
  afterEach(async () => s.cleanup());

  it('DELETE /api/users/:id/tokens revokes every token of the user: 204, then the token is refused', async () => {
    await s.knex('tokens').insert({ user_id: requesterId, token_hash: 'f'.repeat(64), created_at: s.clock.now().toISOString() });
    s.clock.advance(1000);
    const res = await s.call('DELETE', `/api/users/${requesterId}/tokens`, 'admin');
    expect(res.status).to.equal(204);
    expect(res.body).to.equal('');
    expectProblem(await s.call('GET', '/api/me', 'guomao.requester'), 401);
    const rows = await s.knex('tokens').where({ user_id: requesterId });
    expect(rows).to.have.length(2);
    expect(rows.map((r) => r.revoked_at)).to.deep.equal([s.clock.now().toISOString(), s.clock.now().toISOString()]);
    expect((await s.call('GET', '/api/me', 'jianwai.approver')).status, 'other users keep theirs').to.equal(200);
    expect((await s.call('DELETE', `/api/users/${requesterId}/tokens`, 'admin')).status, 'again: nothing left to revoke, same answer').to.equal(204);
  });

  it('a revocation or rotation takes effect at once for a token just used (and so remembered by the server)', async () => {
    expect((await s.call('GET', '/api/me', 'guomao.requester')).status).to.equal(200);
    expect((await s.call('DELETE', `/api/users/${requesterId}/tokens`, 'admin')).status).to.equal(204);
    expectProblem(await s.call('GET', '/api/me', 'guomao.requester'), 401);
    expect((await s.call('GET', '/api/me', 'jianwai.approver')).status).to.equal(200);
    const approverId = s.demo!.users['jianwai.approver'].id;
    expect((await s.call('POST', `/api/users/${approverId}/tokens`, 'admin')).status).to.equal(201);
    expectProblem(await s.call('GET', '/api/me', 'jianwai.approver'), 401);
  });

  it('POST /api/users/:id/tokens issues a fresh token shown once and revokes the old ones', async () => {
    const res = await s.call('POST', `/api/users/${requesterId}/tokens`, 'admin', undefined, { 'idempotency-key': 'rotate-1' });
    expect(res.status).to.equal(201);
    expect(res.body).to.include({ userId: requesterId });
    expect(res.body.token).to.match(/^uw_/);
    expectProblem(await s.call('GET', '/api/me', 'guomao.requester'), 401);
    const me = await fetch(`${s.url}/api/me`, { headers: { authorization: `Bearer ${res.body.token}` } }).then((r) => r.json());
    expect(me.user.login).to.equal('guomao.requester');
    expect(JSON.stringify(await s.knex('tokens').select())).not.to.include(res.body.token);
    const replay = await s.call('POST', `/api/users/${requesterId}/tokens`, 'admin', undefined, { 'idempotency-key': 'rotate-1' });
    expect(replay.status).to.equal(201);
    expect(replay.body.token).to.equal(null);
    expect(JSON.stringify(await s.knex('idempotency_keys').select())).not.to.include(res.body.token);
  });

  it('refuses non-admins (403), users outside the admin\'s subtree (403) and unknown users (404), changing nothing', async () => {
    const district = await s.call('POST', '/api/users', 'admin', { name: '朝阳区管理员', login: 'chaoyang.admin', orgId: s.demo!.orgs.chaoyang.id, roles: ['admin'] });
    const before = JSON.stringify(await s.knex('tokens').orderBy('id'));
    expectProblem(await s.call('DELETE', `/api/users/${requesterId}/tokens`, 'jianwai.approver'), 403);
    expectProblem(await s.call('POST', `/api/users/${requesterId}/tokens`, 'guomao.requester'), 403);
    const cityAdmin = s.demo!.users.admin.id;
    for (const method of ['DELETE', 'POST']) {
      const res = await fetch(`${s.url}/api/users/${cityAdmin}/tokens`, { method, headers: { authorization: `Bearer ${district.body.token}` } });
      expect(res.status, method).to.equal(403);
      expectProblem(await s.call(method, '/api/users/999999/tokens', 'admin'), 404);
      expectProblem(await s.call(method, `/api/users/${'9'.repeat(300)}/tokens`, 'admin'), 404);
    }
    expect(JSON.stringify(await s.knex('tokens').orderBy('id'))).to.equal(before);
    const ownSubtree = await fetch(`${s.url}/api/users/${requesterId}/tokens`, { method: 'DELETE', headers: { authorization: `Bearer ${district.body.token}` } });
    expect(ownSubtree.status, 'a district admin manages the users below it').to.equal(204);
  });

  it('lists both routes in the OpenAPI document', async () => {
    const doc = (await s.call('GET', '/api/openapi.json', null)).body;
    expect(Object.keys(doc.paths['/api/users/{id}/tokens'])).to.have.members(['post', 'delete']);
  });
});
