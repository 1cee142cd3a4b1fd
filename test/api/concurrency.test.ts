// Two conflicting events on one instance never both succeed.
import { expect } from 'chai';
import { p1Request } from '../helpers.ts';
import { P1, startTestSystem, type Sys } from './client.ts';

describe('concurrent decisions', () => {
  let s: Sys;
  before(async () => { s = await startTestSystem(); });
  after(async () => s.cleanup());

  it('20 concurrent APPROVEs on one instance: exactly one succeeds, the rest 409/412, one history row', async () => {
    const id = (await s.call('POST', P1, 'guomao.requester', p1Request())).body.id;
    const sub = await s.call('POST', `/api/instances/${id}/events`, 'guomao.requester', { type: 'SUBMIT' });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        s.call('POST', `/api/instances/${id}/events`, 'jianwai.approver', { type: 'APPROVE' }, i % 2 ? { 'if-match': sub.headers.get('etag')! } : {})),
    );
    const codes = results.map((r) => r.status);
    expect(codes.filter((c) => c === 200)).to.have.length(1);
    expect(codes.filter((c) => c !== 200).every((c) => c === 409 || c === 412), codes.join(',')).to.equal(true);
    expect(await s.knex('history').where({ instance_id: id, type: 'APPROVE' })).to.have.length(1);
    expect(await s.knex('documents').where({ instance_id: id })).to.have.length(1);
    expect(await s.knex('outbox').where({ instance_id: id, template: 'decision' })).to.have.length(1);
  });

  it('10 different requests approved at once by the same union: all succeed, numbered one after another', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const id = (await s.call('POST', P1, 'guomao.requester', p1Request())).body.id;
      await s.call('POST', `/api/instances/${id}/events`, 'guomao.requester', { type: 'SUBMIT' });
      ids.push(id);
    }
    const before = await s.knex('documents').where({ issuer_org_id: s.demo!.orgs.jianwai.id }).max({ m: 'seq' }).first();
    const results = await Promise.all(ids.map((id) => s.call('POST', `/api/instances/${id}/events`, 'jianwai.approver', { type: 'APPROVE' })));
    expect(results.map((r) => r.status), JSON.stringify(results.find((r) => r.status !== 200)?.body)).to.deep.equal(ids.map(() => 200));
    const docs = await s.knex('documents').whereIn('instance_id', ids);
    const first = Number(before?.m ?? 0) + 1;
    expect(docs.map((d) => d.seq).sort((a, b) => a - b)).to.deep.equal(ids.map((_, i) => first + i));
  });

  it('APPROVE racing REJECT: one wins and the other is refused', async () => {
    const id = (await s.call('POST', P1, 'guomao.requester', p1Request())).body.id;
    await s.call('POST', `/api/instances/${id}/events`, 'guomao.requester', { type: 'SUBMIT' });
    const [a, b] = await Promise.all([
      s.call('POST', `/api/instances/${id}/events`, 'jianwai.approver', { type: 'APPROVE' }),
      s.call('POST', `/api/instances/${id}/events`, 'jianwai.approver', { type: 'REJECT', reason: '经费不足' }),
    ]);
    expect([a.status, b.status].sort()).to.deep.equal([200, 409]);
    const h = await s.knex('history').where({ instance_id: id }).whereIn('type', ['APPROVE', 'REJECT']);
    expect(h).to.have.length(1);
  });
});
