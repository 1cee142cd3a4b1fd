// The lists the page's tabs read: 我发起的 (?startedBy=me), 已办 (?actedBy=me), and the inbox by
// process and union (GET /api/tasks?type=&org=), paged and bounded by the caller's subtree.
import { expect } from 'chai';
import { P1, startTestSystem, submittedRequest, type Sys } from './client.ts';
import { p1Request } from '../helpers.ts';

describe('my lists', () => {
  let s: Sys;
  let draft: string, sent: string, returned: string, elsewhere: string;
  const ids = async (path: string, login: string) => {
    const res = await s.call('GET', path, login);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    return res.body.items.map((x: any) => x.id);
  };
  before(async () => {
    s = await startTestSystem();
    draft = (await s.call('POST', P1, 'guomao.requester', p1Request())).body.id;
    s.clock.advance(1000); // newest first: each case a second later
    sent = await submittedRequest(s);
    s.clock.advance(1000);
    returned = await submittedRequest(s);
    await s.call('POST', `/api/instances/${returned}/events`, 'jianwai.approver', { type: 'RETURN', comment: '请补充岗位职责' });
    elsewhere = await submittedRequest(s, 'zgc-soft.requester');
  });
  after(async () => s.cleanup());

  it('?startedBy=me lists the cases the caller started, newest first', async () => {
    expect(await ids('/api/instances?startedBy=me', 'guomao.requester')).to.deep.equal([returned, sent, draft]);
    expect(await ids('/api/instances?startedBy=me', 'jianwai.approver')).to.deep.equal([]);
    expect(await ids('/api/instances?startedBy=me', 'zgc-soft.requester')).to.deep.equal([elsewhere]);
  });

  it('?actedBy=me lists the cases the caller sent an event on (starting one is not acting on it)', async () => {
    expect(await ids('/api/instances?actedBy=me', 'guomao.requester')).to.deep.equal([returned, sent]);
    expect(await ids('/api/instances?actedBy=me', 'jianwai.approver')).to.deep.equal([returned]);
    expect(await ids('/api/instances?actedBy=me&startedBy=me', 'jianwai.approver')).to.deep.equal([]);
  });

  it('pages them like the other lists', async () => {
    const first = (await s.call('GET', '/api/instances?startedBy=me&limit=2', 'guomao.requester')).body;
    expect(first.items.map((x: any) => x.id)).to.deep.equal([returned, sent]);
    const second = (await s.call('GET', `/api/instances?startedBy=me&limit=2&cursor=${encodeURIComponent(first.next)}`, 'guomao.requester')).body;
    expect([second.items.map((x: any) => x.id), second.next]).to.deep.equal([[draft], null]);
  });

  it('stays inside the caller\'s subtree, whoever is named on a case outside it', async () => {
    const me = (await s.call('GET', '/api/me', 'guomao.requester')).body.user.id;
    await s.knex('instances').where({ id: elsewhere }).update({ created_by: String(me) });
    await s.knex('history').where({ instance_id: elsewhere }).update({ actor_id: String(me) });
    expect(await ids('/api/instances?startedBy=me', 'guomao.requester')).to.not.include(elsewhere);
    expect(await ids('/api/instances?actedBy=me', 'guomao.requester')).to.not.include(elsewhere);
  });

  it('GET /api/tasks?type= and ?org= narrow the inbox to a process and a union', async () => {
    const guomao = (await s.call('GET', '/api/me', 'guomao.requester')).body.org.id;
    expect(await ids('/api/tasks', 'jianwai.approver')).to.have.members([sent]);
    expect(await ids('/api/tasks?type=purchased-service-hire', 'jianwai.approver')).to.deep.equal([sent]);
    expect(await ids('/api/tasks?type=chair-by-election', 'jianwai.approver')).to.deep.equal([]);
    expect(await ids(`/api/tasks?org=${guomao}`, 'jianwai.approver')).to.deep.equal([sent]);
    expect(await ids(`/api/tasks?org=${guomao + 1000}`, 'jianwai.approver')).to.deep.equal([]);
    expect(await ids(`/api/tasks?type=purchased-service-hire&org=${guomao}`, 'guomao.requester')).to.have.members([draft, returned]);
  });

  for (const q of ['/api/instances?startedBy=you', '/api/instances?actedBy=1', '/api/instances?startedBy=', '/api/tasks?type=nope', '/api/tasks?org=abc', '/api/tasks?org=1&org=2'])
    it(`refuses ${q} with 400 problem+json`, async () => {
      const res = await s.call('GET', q, 'guomao.requester');
      expect(res.status).to.equal(400);
      expect(res.headers.get('content-type')).to.match(/problem\+json/);
    });
});
