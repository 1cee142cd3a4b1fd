// P6 over HTTP (issue 11 item 4): exits with their review, approval and handover; a chair's exit
// opening the by-election (P4) in the same transaction, or joining the open one; the contract-end
// decision the daily sweep opens, renewed or left unanswered; other districts see none of it.
import { expect } from 'chai';
import { insertPerson } from '../../db/people.ts';
import { insertPersonRecords } from '../../db/person-records.ts';
import { databaseState, startTestSystem, type Sys } from './client.ts';

const EXIT = '/api/workflows/worker-exit/instances';
const P4 = '/api/workflows/chair-by-election/instances';
const events = (id: string) => `/api/instances/${id}/events`;
const handover = { type: 'HANDOVER_DONE', work: true, files: true, assets: true, accounts: true, pay: true, audit: true };

async function person(s: Sys, o: { org?: string; name?: string; kind?: string; role?: string; contract?: { from: string; to: string } } = {}): Promise<number> {
  return insertPerson(s.knex, {
    org_id: s.demo!.orgs[o.org ?? 'guomao'].id, name: o.name ?? '钱主席', identity_id: null, kind: o.kind ?? 'cadre', status: 'in_post', start_date: '2021-03-01', end_date: null,
    details: JSON.stringify({ ...(o.role ? { role: o.role } : {}), ...(o.contract ? { contract: o.contract } : {}) }), source_instance_id: null, created_at: '2021-03-01T00:00:00Z',
  });
}
const record = async (s: Sys, id: number) => s.knex('people').where({ id }).first();
const statuses = async (s: Sys, id: number) => (await s.knex('person_records').where({ person_id: id, kind: 'status' }).orderBy('id')).map((r: any) => JSON.parse(r.data).to);

describe('HTTP: P6 exit and contract-end decisions', () => {
  let s: Sys;
  beforeEach(async () => { s = await startTestSystem(); }); // 2026-03-02 10:00 Beijing
  afterEach(async () => s.cleanup());

  /** hr of the district starts the chair's exit at the chair's union; the union confirms it with the exit date. */
  async function confirmedExit(personId: number, exitDate = '2026-03-01', reason = 'resignation') {
    const started = await s.call('POST', `${EXIT}?org=${s.demo!.orgs.guomao.id}`, 'chaoyang.hr', { personId, reason, note: '本人申请辞去主席职务' });
    expect(started.status, JSON.stringify(started.body)).to.equal(201);
    const confirmed = await s.call('POST', events(started.body.id), 'guomao.requester', { type: 'CONFIRM', exitDate, opinion: '同意' });
    expect(confirmed.status, JSON.stringify(confirmed.body)).to.equal(200);
    return confirmed.body;
  }

  it('a chair\'s exit: under review while open, the parent union\'s approval opens the by-election (vacancy = exit date, three months), linked both ways; the handover closes the record', async () => {
    const chair = await person(s, { role: 'chair' });
    const exit = await confirmedExit(chair);
    expect(exit.state).to.equal('parentApproval');
    expect((await record(s, chair)).status).to.equal('exit_review');
    const tasks = await s.call('GET', '/api/tasks', 'jianwai.approver');
    expect(tasks.body.items.map((t: any) => t.id)).to.include(exit.id);

    const noActing = await s.call('POST', events(exit.id), 'jianwai.approver', { type: 'APPROVE' });
    expect(noActing.status).to.equal(422);
    expect(noActing.body.errors.map((e: any) => e.pointer)).to.deep.equal(['/actingChair']);
    const approved = await s.call('POST', events(exit.id), 'jianwai.approver', { type: 'APPROVE', comment: '同意', actingChair: '赵副主席' });
    expect(approved.status, JSON.stringify(approved.body)).to.equal(200);
    expect(approved.body.state).to.equal('handover');
    expect(approved.body.children.map((c: any) => c.type)).to.deep.equal(['chair-by-election']);

    const p4 = (await s.call('GET', `/api/instances/${approved.body.children[0].id}`, 'jianwai.approver')).body;
    expect([p4.parentId, p4.orgId, p4.state]).to.deep.equal([exit.id, s.demo!.orgs.guomao.id, 'open.beforeTheVote.nomination']);
    expect(p4.context.vacancy).to.include({ vacancyDate: '2026-03-01', reason: 'resigned', previousChair: '钱主席', actingChair: '赵副主席' });
    expect(p4.context.deadline).to.equal('2026-06-01');
    expect(p4.deadlines.find((d: any) => d.kind === 'due').dueAt).to.equal('2026-06-01T16:00:00.000Z'); // end of 1 June, Beijing
    expect((await s.call('GET', '/api/tasks', 'guomao.requester')).body.items.map((t: any) => t.id)).to.include(p4.id);

    const done = await s.call('POST', events(exit.id), 'guomao.requester', handover);
    expect(done.status, JSON.stringify(done.body)).to.equal(200);
    expect([done.body.state, done.body.status]).to.deep.equal(['exited', 'done']);
    const closed = await record(s, chair);
    expect([closed.status, closed.end_date]).to.deep.equal(['exited', '2026-03-01']);
    expect(JSON.parse(closed.details)).to.include({ role: 'chair' }); // the record is kept
    expect(await statuses(s, chair)).to.deep.equal(['exit_review', 'exited']);
  });

  it('a chair\'s exit while the union\'s by-election is open joins it (one per union): no second case, the open one becomes its child and records the link', async () => {
    const open = await s.call('POST', P4, 'guomao.requester', { vacancyDate: '2026-02-20', reason: 'resigned', actingChair: '赵副主席', previousChair: '钱主席' });
    const chair = await person(s, { role: 'chair' });
    const exit = await confirmedExit(chair, '2026-02-20');
    const approved = await s.call('POST', events(exit.id), 'jianwai.approver', { type: 'APPROVE', actingChair: '赵副主席' });
    expect(approved.status, JSON.stringify(approved.body)).to.equal(200);
    expect(approved.body.children.map((c: any) => c.id)).to.deep.equal([open.body.id]);
    expect(await s.knex('instances').where({ type: 'chair-by-election' })).to.have.length(1);
    const p4 = (await s.call('GET', `/api/instances/${open.body.id}`, 'jianwai.approver')).body;
    expect([p4.parentId, p4.state, p4.context.deadline]).to.deep.equal([exit.id, 'open.beforeTheVote.nomination', '2026-05-20']);
    const history = (await s.call('GET', `/api/instances/${open.body.id}/history`, 'jianwai.approver')).body;
    const linked = history.items.find((h: any) => h.type === 'LINKED');
    expect(linked.payload.cause).to.deep.equal({ instanceId: exit.id, type: 'worker-exit', event: 'APPROVE' });
    expect(history.chain.valid).to.equal(true); // the link is on the by-election's own chain (its parent id changed with it)
  });

  it('a 不称职 exit started by the system (P5) is approved by the parent union and ends with the person exited; a refused one gives the status back', async () => {
    const worker = await person(s, { kind: 'social_worker', name: '孙干事' });
    const exit = await s.engine.start({ type: 'worker-exit', body: { personId: worker, reason: 'unfit', sourceCaseId: 'assessment-1' }, actor: { id: 'system', name: '系统 system', orgId: null, roles: [] }, orgId: s.demo!.orgs.guomao.id });
    expect(exit.correlation_key).to.equal(`exit:${worker}`);
    const again = await s.call('POST', EXIT, 'guomao.requester', { personId: worker, reason: 'resignation' });
    expect(again.status).to.equal(409); // one open exit per person
    await s.call('POST', events(exit.id), 'guomao.requester', { type: 'CONFIRM', exitDate: '2026-03-31' });
    const approved = await s.call('POST', events(exit.id), 'jianwai.approver', { type: 'APPROVE', comment: '考核不称职，解除聘用' });
    expect([approved.body.state, approved.body.children]).to.deep.equal(['handover', []]); // not a chair: no by-election
    const { audit: _a, ...noAudit } = handover;
    await s.call('POST', events(exit.id), 'guomao.requester', noAudit);
    expect([(await record(s, worker)).status, (await record(s, worker)).end_date]).to.deep.equal(['exited', '2026-03-31']);

    const other = await person(s, { kind: 'social_worker', name: '周干事' });
    const second = await s.call('POST', EXIT, 'guomao.requester', { personId: other, reason: 'discipline' });
    await s.call('POST', events(second.body.id), 'guomao.requester', { type: 'CONFIRM', exitDate: '2026-03-31' });
    const refused = await s.call('POST', events(second.body.id), 'jianwai.approver', { type: 'REFUSE', reason: '事实不清' });
    expect([refused.body.state, refused.body.status]).to.deep.equal(['rejected', 'cancelled']);
    expect((await record(s, other)).status).to.equal('in_post');
    expect(await statuses(s, other)).to.deep.equal(['exit_review', 'in_post']);
  });

  it('a resignation of a worker who is neither cadre nor dismissed skips the parent union', async () => {
    const worker = await person(s, { kind: 'social_worker', name: '吴干事' });
    const exit = await s.call('POST', EXIT, 'guomao.requester', { personId: worker, reason: 'resignation' });
    const confirmed = await s.call('POST', events(exit.body.id), 'guomao.requester', { type: 'CONFIRM', exitDate: '2026-04-30' });
    expect(confirmed.body.state).to.equal('handover');
  });

  it('60 days before a contract ends the daily sweep asks the union once; no answer by the end date opens an exit (contract_end)', async () => {
    const worker = await person(s, { kind: 'social_worker', name: '郑干事', contract: { from: '2023-05-01', to: '2026-04-30' } });
    const later = await person(s, { kind: 'social_worker', name: '冯干事', contract: { from: '2023-07-01', to: '2026-06-30' } });
    await s.scheduler.tick();
    const cases = await s.knex('instances').where({ type: 'contract-renewal' });
    expect(cases.map((c: any) => c.correlation_key)).to.deep.equal([`contract:${worker}:2026-04-30`]);
    const list = await s.call('GET', '/api/contracts/ending', 'chaoyang.hr');
    expect(list.status).to.equal(200);
    expect(list.body.items.map((i: any) => [i.name, i.to, i.decision?.state ?? null])).to.deep.equal([['郑干事', '2026-04-30', 'deciding']]);
    expect((await s.call('GET', '/api/contracts/ending', 'zgc.approver')).body.items).to.deep.equal([]);
    for (const bad of ['?days=abc', '?days=-1', '?days=1000', '?cursor=nope', '?limit=0'])
      expect((await s.call('GET', `/api/contracts/ending${bad}`, 'chaoyang.hr')).status, bad).to.equal(400);
    expect((await s.call('GET', '/api/contracts/ending?days=30', 'chaoyang.hr')).body.items).to.deep.equal([]); // 59 days away

    s.clock.set('2026-03-03T02:00:00Z'); // the next day: nothing twice
    await s.scheduler.tick();
    expect(await s.knex('instances').where({ type: 'contract-renewal' })).to.have.length(1);
    expect(later).to.be.a('number');

    s.clock.set('2026-04-30T16:00:01Z'); // the end of 30 April, Beijing, with no answer
    await s.scheduler.tick();
    const renewal = (await s.call('GET', `/api/instances/${cases[0].id}`, 'chaoyang.hr')).body;
    expect([renewal.state, renewal.children.map((c: any) => c.type)]).to.deep.equal(['exitOpened', ['worker-exit']]);
    const exit = (await s.call('GET', `/api/instances/${renewal.children[0].id}`, 'chaoyang.hr')).body;
    expect([exit.state, exit.context.reason, exit.context.person.id]).to.deep.equal(['review', 'contract_end', worker]);
    expect((await record(s, worker)).status).to.equal('exit_review');
  });

  it('a renewal records the new period as a contract entry and in the details; the renewed contract leaves the list', async () => {
    const worker = await person(s, { kind: 'social_worker', name: '郑干事', contract: { from: '2023-05-01', to: '2026-04-30' } });
    await s.scheduler.tick();
    const id = (await s.knex('instances').where({ type: 'contract-renewal' }).first()).id;
    const bad = await s.call('POST', events(id), 'guomao.requester', { type: 'RENEW', from: '2026-05-01', to: '2026-04-01' });
    expect(bad.status).to.equal(422);
    const renewed = await s.call('POST', events(id), 'guomao.requester', { type: 'RENEW', from: '2026-05-01', to: '2029-04-30', contractKind: '劳动合同', number: 'HT-2026-08' });
    expect([renewed.status, renewed.body.state]).to.deep.equal([200, 'renewed']);
    const entries = await s.knex('person_records').where({ person_id: worker, kind: 'contract' });
    expect(entries.map((e: any) => [e.on_date, JSON.parse(e.data).to, e.source_instance_id])).to.deep.equal([['2026-05-01', '2029-04-30', id]]);
    expect(JSON.parse((await record(s, worker)).details).contract).to.deep.equal({ from: '2026-05-01', to: '2029-04-30', kind: '劳动合同', number: 'HT-2026-08' });
    s.clock.set('2026-03-03T02:00:00Z');
    await s.scheduler.tick();
    expect(await s.knex('instances').where({ type: 'contract-renewal' })).to.have.length(1); // the new contract is years away
    expect((await s.call('GET', '/api/contracts/ending', 'chaoyang.hr')).body.items).to.deep.equal([]);
  });

  it('a contract whose holder left meanwhile: the end date opens no exit (the deadline is dropped, not retried) and the union closes the decision', async () => {
    const worker = await person(s, { kind: 'social_worker', name: '卫干事', contract: { from: '2023-05-01', to: '2026-04-30' } });
    await s.scheduler.tick();
    const id = (await s.knex('instances').where({ type: 'contract-renewal' }).first()).id;
    const exit = await s.call('POST', EXIT, 'guomao.requester', { personId: worker, reason: 'resignation' });
    await s.call('POST', events(exit.body.id), 'guomao.requester', { type: 'CONFIRM', exitDate: '2026-03-31' });
    const { audit: _a, ...noAudit } = handover;
    await s.call('POST', events(exit.body.id), 'guomao.requester', noAudit);
    s.clock.set('2026-04-30T16:00:01Z');
    await s.scheduler.tick();
    expect(await s.knex('deadlines').where({ instance_id: id, status: 'pending' })).to.have.length(0);
    expect((await s.knex('instances').where({ id }).first()).state).to.equal('deciding'); // nothing of the refused step kept
    expect(await s.knex('instances').where({ type: 'worker-exit' })).to.have.length(1);
    const closed = await s.call('POST', events(id), 'guomao.requester', { type: 'CANCEL', reason: '已于 2026-03-31 辞职退出' });
    expect([closed.status, closed.body.state, closed.body.status]).to.deep.equal([200, 'cancelled', 'cancelled']);
  });

  it('the latest contract entry is authoritative over details.contract', async () => {
    const worker = await person(s, { kind: 'social_worker', name: '陈干事', contract: { from: '2023-05-01', to: '2026-04-30' } });
    await insertPersonRecords(s.knex, [{ person_id: worker, kind: 'contract', on_date: '2026-02-01', data: JSON.stringify({ from: '2026-05-01', to: '2028-04-30' }), source_instance_id: null, actor_id: 'test', created_at: '2026-02-01T00:00:00Z' }]);
    const soon = await person(s, { kind: 'social_worker', name: '褚干事', contract: { from: '2020-01-01', to: '2030-12-31' } });
    await insertPersonRecords(s.knex, [{ person_id: soon, kind: 'contract', on_date: '2026-01-01', data: JSON.stringify({ from: '2026-01-01', to: '2026-04-15' }), source_instance_id: null, actor_id: 'test', created_at: '2026-01-01T00:00:00Z' }]);
    await s.scheduler.tick();
    expect((await s.knex('instances').where({ type: 'contract-renewal' })).map((c: any) => c.correlation_key)).to.deep.equal([`contract:${soon}:2026-04-15`]);
    const listed = (await s.call('GET', '/api/contracts/ending', 'chaoyang.hr')).body.items;
    expect(listed.map((i: any) => [i.name, i.to, i.source])).to.deep.equal([['褚干事', '2026-04-15', 'entry']]);
  });

  it('the by-election\'s own record of the old chair agrees with the exit: finishing it after the exit closed leaves the end date the exit gave', async () => {
    const chair = await person(s, { role: 'chair' });
    const exit = await confirmedExit(chair);
    const p4 = (await s.call('POST', events(exit.id), 'jianwai.approver', { type: 'APPROVE', actingChair: '赵副主席' })).body.children[0].id;
    await s.call('POST', events(exit.id), 'guomao.requester', handover);
    await s.call('POST', events(p4), 'guomao.requester', { type: 'NOMINATE', candidates: [{ name: '孙敏', currentPost: '工会副主席', partyMember: true }] });
    await s.call('POST', events(p4), 'jianwai.approver', { type: 'APPROVE_CANDIDATE', partyAgreement: true, partyOrganisation: '国贸物业党支部', partyAgreedOn: '2026-03-02' });
    s.clock.set('2026-03-09T16:00:01Z');
    await s.scheduler.tick();
    s.clock.set('2026-03-12T06:00:00Z');
    await s.call('POST', events(p4), 'guomao.requester', { type: 'ELECTION_HELD', date: '2026-03-12', electingBody: 'members_congress', entitled: 90, present: 70, votes: 61 });
    await s.call('POST', events(p4), 'guomao.requester', { type: 'REPORT_RESULT', startDate: '2026-03-13' });
    const done = await s.call('POST', events(p4), 'jianwai.approver', { type: 'APPROVE_RESULT' });
    expect([done.status, done.body.state]).to.deep.equal([200, 'chairRecorded']);
    const old = await record(s, chair);
    expect([old.status, old.end_date, JSON.parse(old.details).exit.reason]).to.deep.equal(['exited', '2026-03-01', 'resignation']);
    const chairs = await s.knex('people').where({ org_id: s.demo!.orgs.guomao.id, kind: 'cadre' }).orderBy('id');
    expect(chairs.map((p: any) => [p.name, p.status])).to.deep.equal([['钱主席', 'exited'], ['孙敏', 'onboarding']]);
  });

  it('a user of another district sees none of it; bad input is a 4xx and stores nothing', async () => {
    const chair = await person(s, { role: 'chair' });
    const exit = await confirmedExit(chair);
    expect((await s.call('GET', `/api/instances/${exit.id}`, 'zgc.approver')).status).to.equal(403);
    expect((await s.call('GET', '/api/instances?type=worker-exit', 'zgc.approver')).body.items).to.deep.equal([]);
    expect((await s.call('POST', events(exit.id), 'zgc.approver', { type: 'APPROVE', actingChair: 'x' })).status).to.equal(403);

    const zgcWorker = await person(s, { org: 'zgc-soft', kind: 'social_worker', name: '何干事' });
    const before = await databaseState(s);
    const refusals = await Promise.all([
      s.call('POST', EXIT, 'guomao.requester', { personId: zgcWorker, reason: 'resignation' }), // another district's person
      s.call('POST', EXIT, 'guomao.requester', { personId: 999999, reason: 'resignation' }),
      s.call('POST', EXIT, 'guomao.requester', { personId: chair, reason: 'fired' }),
      s.call('POST', EXIT, 'guomao.requester', { personId: '1', reason: 'resignation' }),
      s.call('POST', EXIT, 'guomao.requester', { personId: chair, reason: 'resignation', person: { id: chair } }),
      s.call('POST', `${EXIT}?org=${s.demo!.orgs.jianwai.id}`, 'chaoyang.hr', { personId: chair, reason: 'resignation' }), // not at the person's union
      s.call('POST', EXIT, 'zgc.approver', { personId: chair, reason: 'resignation' }),
    ]);
    expect(refusals.map((r) => r.status)).to.deep.equal([422, 422, 422, 422, 422, 422, 403]);
    expect(refusals[0].body.errors[0].pointer).to.equal('/personId');
    expect(await databaseState(s)).to.equal(before);
  });
});
