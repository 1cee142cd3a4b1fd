// Nothing acknowledged is lost across a restart, and a retried POST does nothing twice.
import { expect } from 'chai';
import { p1Request } from '../helpers.ts';
import { P1, startTestSystem, type Sys } from './client.ts';

describe('restart and retries', () => {
  it('a case started before a restart continues after it on the same database', async () => {
    const first = await startTestSystem();
    const tokens = Object.fromEntries(Object.entries(first.demo!.users).map(([k, v]) => [k, v.token]));
    const id = (await first.call('POST', P1, 'guomao.requester', p1Request())).body.id;
    await first.call('POST', `/api/instances/${id}/events`, 'guomao.requester', { type: 'SUBMIT' });
    await first.stop();

    const second = await startTestSystem({ db: first.db, clock: first.clock, tokens });
    try {
      expect(second.demo).to.equal(undefined); // not seeded twice
      const got = await second.call('GET', `/api/instances/${id}`, 'jianwai.approver');
      expect(got.body).to.include({ state: 'submitted', version: 2 });
      const ok = await second.call('POST', `/api/instances/${id}/events`, 'jianwai.approver', { type: 'APPROVE' }, { 'if-match': '"2"' });
      expect(ok.status).to.equal(200);
      expect(ok.body.state).to.equal('approved');
      const h = await second.call('GET', `/api/instances/${id}/history`, 'jianwai.approver');
      expect(h.body.items.map((x: any) => x.type)).to.deep.equal(['START', 'SUBMIT', 'APPROVE']);
      expect(h.body.chain.valid).to.equal(true);
    } finally {
      await second.cleanup();
      await first.db.drop();
    }
  });

  describe('Idempotency-Key', () => {
    let s: Sys;
    before(async () => { s = await startTestSystem(); });
    after(async () => s.cleanup());

    it('replays the first answer for the same key and body and starts only one case', async () => {
      const key = { 'idempotency-key': 'guomao-2026-0001' };
      const a = await s.call('POST', P1, 'guomao.requester', p1Request(), key);
      const b = await s.call('POST', P1, 'guomao.requester', p1Request(), key);
      expect(a.status).to.equal(201);
      expect(b.status).to.equal(201);
      expect(b.body.id).to.equal(a.body.id);
      expect(b.headers.get('idempotent-replayed')).to.equal('true');
      expect(await s.knex('instances').where({ created_by: String(s.demo!.users['guomao.requester'].id) })).to.have.length(1);
    });

    it('answers 422 for the same key with another body', async () => {
      const key = { 'idempotency-key': 'guomao-2026-0002' };
      await s.call('POST', P1, 'guomao.requester', p1Request(), key);
      const other = await s.call('POST', P1, 'guomao.requester', { ...p1Request(), annualBudgetYuan: 1 }, key);
      expect(other.status).to.equal(422);
    });

    it('sends an event once however often it is retried, even concurrently', async () => {
      const id = (await s.call('POST', P1, 'guomao.requester', p1Request())).body.id;
      const key = { 'idempotency-key': `submit-${id}` };
      const answers = await Promise.all(Array.from({ length: 5 }, () => s.call('POST', `/api/instances/${id}/events`, 'guomao.requester', { type: 'SUBMIT' }, key)));
      expect(answers.map((a) => a.status)).to.deep.equal([200, 200, 200, 200, 200]);
      expect(new Set(answers.map((a) => a.body.version))).to.deep.equal(new Set([2]));
      expect(await s.knex('history').where({ instance_id: id, type: 'SUBMIT' })).to.have.length(1);
    });

    it('does not keep a new user\'s token in the stored answer', async () => {
      const key = { 'idempotency-key': 'user-1' };
      const body = { name: '新用户', login: 'new.user', orgId: s.demo!.orgs.guomao.id, roles: ['requester'] };
      const a = await s.call('POST', '/api/users', 'admin', body, key);
      const b = await s.call('POST', '/api/users', 'admin', body, key);
      expect(a.body.token).to.match(/^uw_/);
      expect(b.body.id).to.equal(a.body.id);
      expect(b.body.token).to.equal(null);
      const stored = await s.knex('idempotency_keys').where({ key: 'user-1' }).first();
      expect(stored.response).to.not.include(a.body.token);
    });
  });
});
