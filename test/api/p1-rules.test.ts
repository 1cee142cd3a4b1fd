// P1's rules read as the plan writes them, over HTTP: only grassroots unions (R-psh-approval §3.1.3),
// no contract before its approval (R-psh-contract), the lapse the written approval was issued with.
import { expect } from 'chai';
import { withCheckDigit } from '../../workflows/rules/resident-id.ts';
import { p1Request } from '../helpers.ts';
import { P1, startTestSystem, submittedRequest, type Sys } from './client.ts';

const person = { type: 'RECORD_CANDIDATE', name: '周敏', idNumber: withCheckDigit('11010519900307123'), knowsLabourLaw: true, goodAtMassWork: true };
const events = (id: string) => `/api/instances/${id}/events`;

/** A requester of the demo union `org`, made by the admin: their token. */
async function requesterOf(s: Sys, org: string): Promise<string> {
  const made = await s.call('POST', '/api/users', 'admin', { name: `${org} 申请人`, login: `${org}.req`, orgId: s.demo!.orgs[org].id, roles: ['requester'] });
  expect(made.status).to.equal(201);
  return made.body.token;
}
const as = (token: string) => ({ authorization: `Bearer ${token}` });
const count = async (s: Sys, table: string) => Number((await s.knex(table).count({ n: '*' }).first())!.n);

describe('P1 rules over HTTP', () => {
  describe('with the default settings', () => {
    let s: Sys;
    before(async () => { s = await startTestSystem(); });
    after(async () => s.cleanup());

    it('a district or street federation starting P1 is refused (403) citing R-psh-approval §3.1.3, and nothing is written', async () => {
      for (const org of ['chaoyang', 'jianwai']) {
        const before = await count(s, 'instances');
        const res = await s.call('POST', P1, null, p1Request(), as(await requesterOf(s, org)));
        expect(res.status, org).to.equal(403);
        expect(res.headers.get('content-type')).to.match(/application\/problem\+json/);
        expect(res.body.detail).to.include('基层工会').and.include('R-psh-approval §3.1.3').and.include('grassroots');
        expect(await count(s, 'instances')).to.equal(before);
      }
      expect((await s.call('POST', P1, 'guomao.requester', p1Request())).status).to.equal(201);
    });

    it('a contract dated before the approval is refused (422 /startDate) and the register stays empty; one from the approval day enters it from its start date', async () => {
      const id = await submittedRequest(s);
      await s.call('POST', events(id), 'jianwai.approver', { type: 'APPROVE' }); // 2026-03-02, Beijing
      await s.call('POST', events(id), 'guomao.requester', person);
      const old = await s.call('POST', events(id), 'guomao.requester', { type: 'RECORD_CONTRACT', candidate: 'c1', kind: 'labour_contract', number: 'HT-1', startDate: '2020-01-01', endDate: '2029-12-31' });
      expect(old.status).to.equal(422);
      expect(old.body.errors.map((e: any) => e.pointer)).to.deep.equal(['/startDate']);
      expect(old.body.errors[0].message).to.include('2026-03-02').and.include('R-psh-contract');
      expect(await s.knex('people').where({ source_instance_id: id })).to.have.length(0);

      const neither = await s.call('POST', events(id), 'guomao.requester', { type: 'RECORD_CONTRACT', candidate: 'c1', kind: 'labour_contract', number: 'HT-1', startDate: '2026-03-02' });
      expect(neither.status).to.equal(422);
      expect(neither.body.errors.map((e: any) => e.pointer)).to.deep.equal(['/endDate']);

      const open = await s.call('POST', events(id), 'guomao.requester', { type: 'RECORD_CONTRACT', candidate: 'c1', kind: 'labour_contract', number: 'HT-1', startDate: '2026-03-02', openEnded: true });
      expect(open.status).to.equal(200);
      const person0 = await s.knex('people').where({ source_instance_id: id }).first();
      expect(person0).to.include({ start_date: '2026-03-02', status: 'in_post' });
    });

    it('a request started before the lapse was frozen into it is approved as before, its approval saying six months', async () => {
    const id = await submittedRequest(s);
    const row = await s.knex('instances').where({ id }).first();
    const snap = JSON.parse(row.snapshot);
    delete snap.context.terms;
    await s.knex('instances').where({ id }).update({ snapshot: JSON.stringify(snap) });
    const approved = await s.call('POST', events(id), 'jianwai.approver', { type: 'APPROVE' });
    expect(approved.status).to.equal(200);
    expect(approved.body.deadlines.find((d: any) => d.kind === 'lapse').dueAt).to.equal('2026-09-02T16:00:00.000Z');
    const html = await s.call('GET', approved.body.documents[0].href, 'guomao.requester', undefined, { accept: 'text/html' });
    expect(html.body).to.include('六个月内未签订合同');
  });

  it('the written approval states six months and the date it lapses', async () => {
      const id = await submittedRequest(s);
      const approved = await s.call('POST', events(id), 'jianwai.approver', { type: 'APPROVE' });
      const html = await s.call('GET', approved.body.documents[0].href, 'guomao.requester', undefined, { accept: 'text/html' });
      expect(html.body).to.include('六个月内（至2026年9月2日）');
    });
  });

  describe('with changed settings', () => {
    let s: Sys;
    before(async () => { s = await startTestSystem({ settings: { approvalLapseMonths: 3, grassrootsOrgKinds: ['grassroots_union', 'street_federation'] } }); });
    after(async () => s.cleanup());

    it('the written approval states the lapse it was issued with (三个月, its date) and the lapse deadline falls on that date', async () => {
      const id = await submittedRequest(s);
      const approved = await s.call('POST', events(id), 'jianwai.approver', { type: 'APPROVE' });
      expect(approved.body.context.decision.lapse).to.deep.equal({ months: 3, on: '2026-06-02' });
      expect(approved.body.deadlines.find((d: any) => d.kind === 'lapse').dueAt).to.equal('2026-06-02T16:00:00.000Z');
      const html = await s.call('GET', approved.body.documents[0].href, 'guomao.requester', undefined, { accept: 'text/html' });
      expect(html.body).to.include('三个月内（至2026年6月2日）').and.not.include('六个月');
      const json = await s.call('GET', approved.body.documents[0].href, 'guomao.requester', undefined, { accept: 'application/json' });
      expect(json.body.content.decision.lapse).to.deep.equal({ months: 3, on: '2026-06-02' });
    });

    it('the org kinds that count as grassroots are configuration: a street federation may start when the setting says so', async () => {
      const res = await s.call('POST', P1, null, p1Request(), as(await requesterOf(s, 'jianwai')));
      expect(res.status).to.equal(201);
    });
  });
});
