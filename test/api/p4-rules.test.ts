// P4 over HTTP (issue 7, items 14–18): impossible dates refused, one open by-election per union,
// the vote meeting the three months, the parent union's own answer deadline and its mail, the
// outgoing chair leaving the register, pre-job training for grassroots chairs only.
import { expect } from 'chai';
import { insertPerson } from '../../db/people.ts';
import { startTestSystem, type Sys } from './client.ts';

const P4 = '/api/workflows/chair-by-election/instances';
const vacancy = { vacancyDate: '2026-02-10', reason: 'transferred', actingChair: '赵副主席', previousChair: '钱主席' }; // deadline end of 2026-05-10
const candidate = { name: '孙敏', currentPost: '工会副主席', partyMember: true };
const party = { partyAgreement: true, partyOrganisation: '北京国贸物业管理有限公司党支部', partyAgreedOn: '2026-03-02' };
const vote = (date: string) => ({ type: 'ELECTION_HELD', date, electingBody: 'members_congress', entitled: 90, present: 70, votes: 61 });
const events = (id: string) => `/api/instances/${id}/events`;

describe('P4 rules over HTTP', () => {
  let s: Sys;
  beforeEach(async () => { s = await startTestSystem(); }); // 2026-03-02 10:00 Beijing
  afterEach(async () => s.cleanup());

  /** Reported, nominated, agreed, publicised (ends 2026-03-09): the election may be held. */
  async function toElection(login = 'guomao.requester', approver = 'jianwai.approver', start = () => s.call('POST', P4, login, vacancy)) {
    const id = (await start()).body.id;
    await s.call('POST', events(id), login, { type: 'NOMINATE', candidates: [candidate] });
    expect((await s.call('POST', events(id), approver, { type: 'APPROVE_CANDIDATE', ...party })).status).to.equal(200);
    s.clock.set('2026-03-09T16:00:01Z');
    await s.scheduler.tick();
    s.clock.set('2026-03-12T06:00:00Z');
    return id;
  }
  const unchanged = async (id: string, version: number) => expect((await s.call('GET', `/api/instances/${id}`, 'chaoyang.viewer')).body.version).to.equal(version);

  it('refuses an election dated in the future, a party agreement dated 2031 and a term starting before the vote (422, zh/en, pointer), changing nothing', async () => {
    const id = (await s.call('POST', P4, 'guomao.requester', vacancy)).body.id;
    await s.call('POST', events(id), 'guomao.requester', { type: 'NOMINATE', candidates: [candidate] });
    const party2031 = await s.call('POST', events(id), 'jianwai.approver', { type: 'APPROVE_CANDIDATE', ...party, partyAgreedOn: '2031-03-02' });
    expect(party2031.status).to.equal(422);
    expect(party2031.body.errors).to.have.length(1);
    expect(party2031.body.errors[0].pointer).to.equal('/partyAgreedOn');
    expect(party2031.body.errors[0].message).to.match(/晚于今天.*\/ .*after today/);
    await unchanged(id, 2);

    const elect = await toElection('zgc-soft.requester', 'zgc.approver'); // guomao has its case open already
    const future = await s.call('POST', events(elect), 'zgc-soft.requester', vote('2026-03-13'));
    expect(future.status).to.equal(422);
    expect(future.body.errors.map((e: any) => e.pointer)).to.deep.equal(['/date']);
    expect(future.body.errors[0].message).to.include('2026-03-13').and.include('after today');
    await s.call('POST', events(elect), 'zgc-soft.requester', vote('2026-03-12'));
    const early = await s.call('POST', events(elect), 'zgc-soft.requester', { type: 'REPORT_RESULT', startDate: '2026-03-11' });
    expect(early.status).to.equal(422);
    expect(early.body.errors.map((e: any) => e.pointer)).to.deep.equal(['/startDate']);
  });

  it('a second by-election for a union with one open is refused (409) naming the open case; once it ends, a new one may start', async () => {
    const first = await s.call('POST', P4, 'guomao.requester', vacancy);
    expect(first.status).to.equal(201);
    const second = await s.call('POST', `${P4}?org=${s.demo!.orgs.guomao.id}`, 'jianwai.approver', { ...vacancy, vacancyDate: '2026-02-11' });
    expect(second.status).to.equal(409);
    expect(second.headers.get('content-type')).to.match(/application\/problem\+json/);
    expect(second.body.detail).to.include(first.body.id).and.include(first.body.subject);
    expect(second.body.openInstance).to.include({ id: first.body.id, subject: first.body.subject });
    expect(await s.knex('instances').where({ type: 'chair-by-election' })).to.have.length(1);
    expect((await s.call('POST', P4, 'zgc-soft.requester', vacancy)).status).to.equal(201); // another union: its own case
    await s.call('POST', events(first.body.id), 'jianwai.approver', { type: 'CANCEL', reason: '误报 / reported by mistake' });
    expect((await s.call('POST', P4, 'guomao.requester', vacancy)).status).to.equal(201);
  });

  it('20 concurrent reports of the same vacancy: exactly one 201, the rest 409', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) =>
      i % 2 ? s.call('POST', P4, 'guomao.requester', vacancy) : s.call('POST', `${P4}?org=${s.demo!.orgs.guomao.id}`, 'jianwai.approver', vacancy)));
    const codes = results.map((r) => r.status);
    expect(codes.filter((c) => c === 201), codes.join(',')).to.have.length(1);
    expect(codes.filter((c) => c !== 201).every((c) => c === 409), codes.join(',')).to.equal(true);
    expect(await s.knex('instances').where({ type: 'chair-by-election', org_id: s.demo!.orgs.guomao.id })).to.have.length(1);
  });

  it('a vote in time ends the hard deadline; the parent union\'s review has its own deadline, and its mail goes to the parent as a late answer, not as an overdue by-election', async () => {
    const id = await toElection();
    const elected = await s.call('POST', events(id), 'guomao.requester', vote('2026-03-12'));
    expect(elected.body.state).to.equal('open.elected');
    const open = (b: any) => b.deadlines.map((d: any) => d.title.zh);
    expect(open(elected.body)).to.deep.equal(['选举结果报送期限']);
    const reported = await s.call('POST', events(id), 'guomao.requester', { type: 'REPORT_RESULT', startDate: '2026-03-12' });
    // Entered Thu 2026-03-12: reminders on working days 5 and 8 (09:00), answer due at the end of working day 10.
    expect(reported.body.deadlines.map((d: any) => [d.kind, d.dueAt])).to.deep.equal([
      ['reminder', '2026-03-19T01:00:00.000Z'], ['reminder', '2026-03-24T01:00:00.000Z'], ['escalation', '2026-03-26T16:00:00.000Z'],
    ]);
    const hard = await s.knex('deadlines').where({ instance_id: id, decl_id: 'by-election-due' });
    expect(hard.map((d) => d.status)).to.deep.equal(['cancelled']);

    await s.knex('outbox').where({ instance_id: id }).delete();
    const to = (login: string) => s.demo!.users[login].id;
    const mail = async () => (await s.knex('outbox').where({ instance_id: id }).orderBy('id')).map((m) => [m.template, m.to_user_id]);
    s.clock.set('2026-03-19T01:00:30Z');
    await s.scheduler.tick();
    expect(await mail()).to.deep.equal([['reminder', to('jianwai.approver')]]);
    s.clock.set('2026-03-26T16:01:00Z');
    await s.scheduler.tick();
    expect((await mail()).slice(1)).to.deep.equal([
      ['reminder', to('jianwai.approver')], ['escalation', to('chaoyang.approver')], ['result_review_overdue', to('jianwai.approver')],
    ]);
    const late = await s.knex('outbox').where({ instance_id: id, template: 'result_review_overdue' }).first();
    expect(late.subject).to.include('审批逾期').and.include('Answer overdue');
    expect(late.body).to.include('上一级工会审批选举结果期限').and.not.include('三个月');
    const view = (await s.call('GET', `/api/instances/${id}`, 'jianwai.approver')).body;
    expect(view.overdue).to.equal(true); // the parent union's answer is late
    expect(view.subject).to.not.include('已逾期'); // the by-election itself was held in time
  });

  it('a case started before the numbers were frozen into it runs on with the numbers it started with', async () => {
    const id = (await s.call('POST', P4, 'guomao.requester', vacancy)).body.id;
    const row = await s.knex('instances').where({ id }).first();
    const snap = JSON.parse(row.snapshot);
    delete snap.context.terms;
    delete snap.context.grassroots;
    await s.knex('instances').where({ id }).update({ snapshot: JSON.stringify(snap) });
    await s.call('POST', events(id), 'guomao.requester', { type: 'NOMINATE', candidates: [candidate] });
    const agreed = await s.call('POST', events(id), 'jianwai.approver', { type: 'APPROVE_CANDIDATE', ...party });
    expect(agreed.status).to.equal(200);
    expect(agreed.body.context.nominations[0].publicity.lastDay).to.equal('2026-03-09');
    s.clock.set('2026-03-09T16:00:01Z');
    await s.scheduler.tick();
    s.clock.set('2026-03-12T06:00:00Z');
    const failed = await s.call('POST', events(id), 'guomao.requester', { ...vote('2026-03-12'), present: 59, votes: 50 });
    expect(failed.body, JSON.stringify(failed.body)).to.include({ state: 'open.beforeTheVote.nomination' }); // 59 of 90 is short of ⅔
  });

  it('a vote held in time but recorded after the deadline fired: the case is no longer overdue while the result is reported and reviewed', async () => {
    const id = await toElection();
    s.clock.set('2026-05-10T16:01:00Z');
    await s.scheduler.tick();
    const overdue = (await s.call('GET', `/api/instances/${id}`, 'jianwai.approver')).body;
    expect(overdue).to.include({ overdue: true });
    expect(overdue.subject).to.match(/^【已逾期/);
    s.clock.set('2026-05-12T02:00:00Z');
    const elected = await s.call('POST', events(id), 'guomao.requester', vote('2026-05-10'));
    expect(elected.body).to.include({ state: 'open.elected', overdue: false });
    expect(elected.body.subject).to.not.include('已逾期');
    expect(elected.body.context).to.include({ overdue: false, overdueNotices: 1 });
    const hard = await s.knex('deadlines').where({ instance_id: id, decl_id: 'by-election-due' }).orderBy('id');
    expect(hard.map((d) => d.status)).to.deep.equal(['closed', 'cancelled']); // fired once (history keeps it), the weekly repeat dropped
  });

  it('approving the result closes the outgoing chair\'s record on the vacancy date; other records stay; the grassroots chair is onboarding', async () => {
    const now = new Date('2026-03-02T02:00:00Z');
    const person = (org: string, role: string, name: string) => insertPerson(s.knex, {
      org_id: s.demo!.orgs[org].id, name, identity_id: null, kind: 'cadre', status: 'in_post', start_date: '2021-05-01', end_date: null,
      details: JSON.stringify({ role }), source_instance_id: null, created_at: now.toISOString(),
    });
    const oldChair = await person('guomao', 'chair', '钱主席');
    const vice = await person('guomao', 'vice_chair', '赵副主席');
    const otherChair = await person('jianwai-hotel', 'chair', '吴主席');
    const id = await toElection();
    await s.call('POST', events(id), 'guomao.requester', vote('2026-03-12'));
    await s.call('POST', events(id), 'guomao.requester', { type: 'REPORT_RESULT', startDate: '2026-03-12' });
    expect((await s.call('POST', events(id), 'jianwai.approver', { type: 'APPROVE_RESULT' })).body.state).to.equal('chairRecorded');
    const row = (pid: number) => s.knex('people').where({ id: pid }).first();
    const gone = await row(oldChair);
    expect(gone).to.include({ status: 'exited', end_date: '2026-02-10' });
    expect(JSON.parse(gone.details).exit).to.include({ instanceId: id });
    expect(await row(vice)).to.include({ status: 'in_post', end_date: null });
    expect(await row(otherChair)).to.include({ status: 'in_post', end_date: null });
    const chairs = await s.knex('people').where({ org_id: s.demo!.orgs.guomao.id, kind: 'cadre' }).whereIn('status', ['in_post', 'onboarding']);
    expect(chairs.filter((p) => JSON.parse(p.details).role === 'chair').map((p) => [p.name, p.status])).to.deep.equal([['孙敏', 'onboarding']]);
  });

  it('a street federation\'s new chair is in post, not onboarding: pre-job training is for grassroots chairs (R-prejob §3.2.3)', async () => {
    const made = await s.call('POST', '/api/users', 'admin', { name: '建外申请人', login: 'jianwai.req', orgId: s.demo!.orgs.jianwai.id, roles: ['requester'] });
    const jianwai = { authorization: `Bearer ${made.body.token}` };
    const id = (await s.call('POST', `${P4}?org=${s.demo!.orgs.jianwai.id}`, 'chaoyang.approver', vacancy)).body.id;
    await s.call('POST', events(id), null, { type: 'NOMINATE', candidates: [candidate] }, jianwai);
    expect((await s.call('POST', events(id), 'chaoyang.approver', { type: 'APPROVE_CANDIDATE', ...party })).status).to.equal(200);
    s.clock.set('2026-03-09T16:00:01Z');
    await s.scheduler.tick();
    s.clock.set('2026-03-12T06:00:00Z');
    await s.call('POST', events(id), null, vote('2026-03-12'), jianwai);
    await s.call('POST', events(id), null, { type: 'REPORT_RESULT', startDate: '2026-03-12' }, jianwai);
    expect((await s.call('POST', events(id), 'chaoyang.approver', { type: 'APPROVE_RESULT' })).body.state).to.equal('chairRecorded');
    expect(await s.knex('people').where({ source_instance_id: id }).first()).to.include({ name: '孙敏', status: 'in_post' });
  });
});

describe('P4 numbers are settings', () => {
  let s: Sys;
  before(async () => { s = await startTestSystem({ settings: { byElectionContestedSlate: true, candidatePublicityDays: 5, byElectionReminderDaysBefore: [45, 3] } }); });
  after(async () => s.cleanup());

  it('a contested slate when required, the publicity and the reminder ladder as set, frozen into the case', async () => {
    const started = await s.call('POST', P4, 'guomao.requester', vacancy);
    expect(started.body.context.terms).to.include({ contestedSlate: true, publicityDays: 5 });
    expect(started.body.deadlines.filter((d: any) => d.kind === 'reminder').map((d: any) => d.dueAt)).to.deep.equal(['2026-03-26T01:00:00.000Z', '2026-05-07T01:00:00.000Z']);
    const id = started.body.id;
    const one = await s.call('POST', events(id), 'guomao.requester', { type: 'NOMINATE', candidates: [candidate] });
    expect(one.status).to.equal(422);
    expect(one.body.errors.map((e: any) => e.pointer)).to.deep.equal(['/candidates']);
    expect((await s.call('POST', events(id), 'guomao.requester', { type: 'NOMINATE', candidates: [candidate, { ...candidate, name: '周强' }] })).status).to.equal(200);
    const publicity = await s.call('POST', events(id), 'jianwai.approver', { type: 'APPROVE_CANDIDATE', ...party });
    expect(publicity.body.deadlines.find((d: any) => d.title.zh === '候选人公示期满').dueAt).to.equal('2026-03-07T16:00:00.000Z'); // 5 days after 03-02
  });
});
