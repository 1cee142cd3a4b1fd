// P2 over HTTP (issue 10 items 1, 2, 3, 6): a whole small round through the API with the hand
// clock — plan approved by the parent union, registration closed by the clock, bulk steps each
// moving the applicant cases in one transaction, call-ups, publicity closing by itself, hiring —
// and the objection, 核减, cancellation, frozen terms and another district's view.
import { expect } from 'chai';
import { withCheckDigit } from '../../workflows/rules/resident-id.ts';
import { databaseState, startTestSystem, type Sys } from './client.ts';

const P2 = '/api/workflows/recruitment-exam/instances';
const events = (id: string) => `/api/instances/${id}/events`;
const HR = 'chaoyang.hr';
const CLOSES = '2026-03-10T10:00:00.000Z';
const slot = (time: string) => ({ time, place: '朝阳区职工服务中心 / Chaoyang staff service centre' });

/** Applicant n of a post: a valid ID number, an address for every other one. */
const person = (post: string, n: number, extra: Record<string, unknown> = {}) => ({
  name: `${post}报考人${n}`, idNumber: withCheckDigit(`11010519900${post === 'A' ? 1 : 2}${String(n).padStart(2, '0')}${String(100 + n).slice(1)}1`),
  post, ...(n % 2 ? { email: `${post.toLowerCase()}${n}@example.org.cn` } : {}), ...extra,
});

describe('P2 recruitment exam over HTTP', function () {
  this.timeout(20_000);
  let s: Sys;
  let approverToken: string;
  beforeEach(async () => {
    s = await startTestSystem(); // Mon 2026-03-02 10:00 Beijing
    // The city federation's approver: the parent union of 朝阳区总工会, where the plan goes.
    approverToken = (await s.call('POST', '/api/users', 'admin', { name: '市总审批人', login: 'city.approver', email: 'city.approver@example.org.cn', orgId: s.demo!.orgs.city.id, roles: ['approver'] })).body.token;
  });
  afterEach(async () => s.cleanup());

  const asApprover = (path: string, body: unknown) => s.call('POST', path, null, body, { authorization: `Bearer ${approverToken}` });
  const send = async (id: string, body: Record<string, unknown>, login = HR) => {
    const r = await s.call('POST', events(id), login, body);
    expect(r.status, `${body.type}: ${JSON.stringify(r.body).slice(0, 600)}`).to.equal(200);
    return r.body;
  };
  const posts = (places = [1, 1]) => [
    { id: 'A', title: '社会工作者', unitId: s.demo!.orgs['jianwai-station'].id, unitName: '建外街道工会服务站', places: places[0] },
    { id: 'B', title: '社区工会专职干事', unitId: s.demo!.orgs.yonganli.id, unitName: '永安里社区联合工会', places: places[1] },
  ];
  /** Planned, approved by the parent union, announced, registration open. */
  async function openRound(places = [1, 1]): Promise<string> {
    const id = (await s.call('POST', P2, HR, { title: '2026 年朝阳区社会工作者招录', posts: posts(places) })).body.id;
    await send(id, { type: 'SUBMIT_PLAN' });
    expect((await asApprover(events(id), { type: 'APPROVE_PLAN', comment: '同意 / agreed' })).status).to.equal(200);
    await send(id, { type: 'ANNOUNCE', registrationClosesAt: CLOSES });
    await send(id, { type: 'OPEN_REGISTRATION' });
    return id;
  }
  const view = async (id: string, login = HR) => (await s.call('GET', `/api/instances/${id}`, login)).body;
  /** The applicants' cases by name: [state, status]. */
  async function applicants(id: string): Promise<Record<string, any>> {
    const kids = await s.knex('instances').where({ parent_id: id }).orderBy('created_at');
    return Object.fromEntries(kids.map((k) => [JSON.parse(k.snapshot).context.person.name, { id: k.id, key: k.correlation_key, state: k.state, status: k.status }]));
  }
  const keyOf = async (id: string) => Object.fromEntries((await view(id)).context.roster.map((e: any) => [e.name, e.key]));
  async function closeRegistration(id: string) {
    s.clock.set('2026-03-10T10:00:01Z');
    await s.scheduler.tick();
  }

  /** Mail rows of a case tree, [template, address], oldest first; `since` drops the earlier ones. */
  const mailTo = async (ids: string[], since = 0) => (await s.knex('outbox').whereIn('instance_id', ids).where('id', '>', since).orderBy('id')).map((m) => [m.template, m.to_email]);
  const lastMailId = async () => Number((await s.knex('outbox').max({ n: 'id' }).first())!.n ?? 0);
  /** History rows per applicant case for one event type. */
  const historyOf = async (ids: string[], type: string) => (await s.knex('history').whereIn('instance_id', ids).where({ type }).select('instance_id')).map((h) => h.instance_id);

  it('runs a whole round: plan returned and approved, registration closed by the clock, bulk steps with one history row per applicant, ties at the cut-off, a call-up, publicity ending by itself, hiring', async () => {
    const created = await s.call('POST', P2, HR, { title: '2026 年朝阳区社会工作者招录', posts: posts() });
    expect(created.status).to.equal(201);
    const id = created.body.id;
    await send(id, { type: 'SUBMIT_PLAN' });
    // The parent union (the city federation) returns it, HR edits and resubmits, then it is approved.
    const returned = await asApprover(events(id), { type: 'RETURN_PLAN', comment: '请补充岗位职责 / add the duties' });
    expect([returned.status, returned.body.state]).to.deep.equal([200, 'planning']);
    await send(id, { type: 'UPDATE_PLAN', title: '2026 年朝阳区社会工作者和社区工会专职干事招录' });
    await send(id, { type: 'SUBMIT_PLAN' });
    expect((await s.call('POST', events(id), HR, { type: 'APPROVE_PLAN' })).status).to.equal(403);
    const approved = await asApprover(events(id), { type: 'APPROVE_PLAN', comment: '同意 / agreed' });
    expect([approved.status, approved.body.state, approved.body.context.plan.approvedBy]).to.deep.equal([200, 'planApproved', '市总审批人']);
    await send(id, { type: 'ANNOUNCE', registrationClosesAt: CLOSES });
    await send(id, { type: 'OPEN_REGISTRATION' });

    // Twelve applicants in one request, six per post, every other one with an address.
    const people = [1, 2, 3, 4, 5, 6].flatMap((n) => [person('A', n), person('B', n, n === 1 ? { certificates: ['social_worker'] } : {})]);
    const reg = await send(id, { type: 'REGISTER', applicants: people });
    expect(reg.context.roster).to.have.length(12);
    expect(JSON.stringify(reg)).to.not.include(people[0].idNumber); // masked in the answer
    let kids = await applicants(id);
    expect(Object.values(kids).map((k) => k.state)).to.deep.equal(Array(12).fill('registered'));
    const rows = await s.knex('instances').where({ parent_id: id });
    expect(rows.every((r) => !r.snapshot.includes(people[0].idNumber) && !r.snapshot.includes(people[1].idNumber))).to.equal(true);
    const ids = Object.values(kids).map((k) => k.id);
    const all = [id, ...ids];
    const key = await keyOf(id);

    // Registration closes by the clock; HR is told.
    let since = await lastMailId();
    s.clock.set('2026-03-10T09:59:00Z');
    await s.scheduler.tick();
    expect((await view(id)).state).to.equal('registration');
    s.clock.set('2026-03-10T10:00:01Z');
    await s.scheduler.tick();
    expect((await view(id)).state).to.equal('qualification');
    expect(await mailTo(all, since)).to.deep.equal([['registration_closed', 'chaoyang.hr@example.org.cn']]);

    // One bad row (a key not in this round) refuses the whole bulk step, naming the row; nothing changes.
    const before = await databaseState(s);
    const bad = await s.call('POST', events(id), HR, { type: 'QUALIFY', applicants: [key.A报考人1, 'nobody/1', key.B报考人1] });
    expect(bad.status).to.equal(422);
    expect(bad.body.errors.map((e: any) => e.pointer)).to.deep.equal(['/applicants/1']);
    expect(bad.body.errors[0].message).to.include('nobody/1');
    expect(await databaseState(s)).to.equal(before);

    since = await lastMailId();
    const qualified = Object.keys(key).filter((n) => n !== 'A报考人6');
    await send(id, { type: 'QUALIFY', applicants: qualified.map((n) => key[n]) });
    await send(id, { type: 'DISQUALIFY', rows: [{ applicant: key.A报考人6, reason: '学历不符合岗位要求 / education below the post\'s requirement' }] });
    kids = await applicants(id);
    expect(kids.A报考人6).to.include({ state: 'disqualified', status: 'done' });
    expect(qualified.every((n) => kids[n].state === 'qualified')).to.equal(true);
    expect(await historyOf(ids, 'QUALIFY')).to.have.members(qualified.map((n) => kids[n].id));
    const told = await mailTo(all, since);
    // Those with an address (odd numbers) are mailed; A报考人6 has none: nobody to tell by mail.
    expect(told.filter(([t]) => t === 'applicant_qualified').map(([, to]) => to)).to.have.members(['a1@example.org.cn', 'a3@example.org.cn', 'a5@example.org.cn', 'b1@example.org.cn', 'b3@example.org.cn', 'b5@example.org.cn']);

    since = await lastMailId();
    await send(id, { type: 'SCHEDULE_WRITTEN', ...slot('2026-03-21T01:00:00Z') });
    const invitation = await s.knex('outbox').whereIn('instance_id', ids).where({ template: 'applicant_exam_invitation', to_email: 'a1@example.org.cn' }).first();
    expect(invitation.body).to.include('2026-03-21T01:00:00Z').and.include('朝阳区职工服务中心');
    expect((await mailTo(all, since)).filter(([t]) => t === 'applicant_exam_invitation')).to.have.length(6);

    // Written scores in bulk, one absent. A: 80, 75, 75 (tied at the cut-off of 2), 70, 50 (below the pass line). B: 90 (+20 bonus), 85, 70, 65, absent, 55.
    const written = { A报考人1: 80, A报考人2: 75, A报考人3: 75, A报考人4: 70, A报考人5: 50, B报考人1: 70, B报考人2: 85, B报考人3: 70, B报考人4: 65, B报考人6: 55 } as Record<string, number>;
    await send(id, { type: 'RECORD_WRITTEN', rows: [...Object.entries(written).map(([n, score]) => ({ applicant: key[n], score })), { applicant: key.B报考人5, absent: true }] });
    kids = await applicants(id);
    expect(kids.B报考人5).to.include({ state: 'absent', status: 'done' });
    expect(await historyOf(ids, 'WRITTEN_SCORE')).to.have.length(10);

    since = await lastMailId();
    await send(id, { type: 'SCHEDULE_INTERVIEW', ...slot('2026-03-28T01:00:00Z') });
    kids = await applicants(id);
    const states = (names: string[]) => names.map((n) => kids[n].state);
    expect(states(['A报考人1', 'A报考人2', 'A报考人3', 'A报考人4', 'A报考人5'])).to.deep.equal(['invited', 'invited', 'invited', 'notInvited', 'notInvited']);
    expect(states(['B报考人1', 'B报考人2', 'B报考人3', 'B报考人4', 'B报考人6'])).to.deep.equal(['invited', 'invited', 'notInvited', 'notInvited', 'notInvited']);
    const invitations = (await mailTo(all, since)).filter(([t]) => t === 'applicant_interview_invitation').map(([, to]) => to);
    expect(invitations).to.have.members(['a1@example.org.cn', 'a3@example.org.cn', 'b1@example.org.cn']);

    // Interview: totals 0.6 × written(+bonus) + 0.4 × interview. A: 76, 81, 77 → A2 first; B: 86, 85 → B1 first.
    await send(id, { type: 'RECORD_INTERVIEW', rows: [['A报考人1', 70], ['A报考人2', 90], ['A报考人3', 80], ['B报考人1', 80], ['B报考人2', 85]].map(([n, score]) => ({ applicant: key[n], score })) });
    await send(id, { type: 'CLOSE_INTERVIEW' });
    kids = await applicants(id);
    expect(states(['A报考人2', 'A报考人3', 'A报考人1', 'B报考人1', 'B报考人2'])).to.deep.equal(['checks', 'ranked', 'ranked', 'checks', 'ranked']);

    // A2 fails the checks: A3, next in rank, is called up.
    since = await lastMailId();
    const noReason = await s.call('POST', events(id), HR, { type: 'RECORD_CHECKS', rows: [{ applicant: key.A报考人2, passed: false }] });
    expect([noReason.status, noReason.body.errors?.[0]?.pointer]).to.deep.equal([422, '/rows/0/reason']);
    await send(id, { type: 'RECORD_CHECKS', rows: [{ applicant: key.A报考人2, passed: false, reason: '体检不合格 / failed the physical' }, { applicant: key.B报考人1, passed: true }] });
    kids = await applicants(id);
    expect(states(['A报考人2', 'A报考人3', 'A报考人1', 'B报考人1'])).to.deep.equal(['checksFailed', 'checks', 'ranked', 'checksPassed']);
    expect((await mailTo(all, since)).filter(([t]) => t === 'applicant_called_up')).to.deep.equal([['applicant_called_up', 'a3@example.org.cn']]);
    expect((await s.call('POST', events(id), HR, { type: 'START_PUBLICITY' })).status).to.equal(422); // A3 still in the checks
    await send(id, { type: 'RECORD_CHECKS', rows: [{ applicant: key.A报考人3, passed: true }] });

    // Publicity from Thu 2026-04-02 for 7 days: it ends by itself at the end of 2026-04-09 (Beijing).
    s.clock.set('2026-04-02T02:00:00Z');
    const publicity = await send(id, { type: 'START_PUBLICITY' });
    expect(publicity.state).to.equal('publicity');
    expect(publicity.deadlines.map((d: any) => d.dueAt)).to.deep.equal(['2026-04-09T16:00:00.000Z']);
    since = await lastMailId();
    s.clock.set('2026-04-09T15:59:00Z');
    await s.scheduler.tick();
    expect((await view(id)).state).to.equal('publicity');
    s.clock.set('2026-04-09T16:00:01Z');
    await s.scheduler.tick();
    expect((await view(id)).state).to.equal('hiring');
    expect(await mailTo(all, since)).to.deep.equal([['publicity_ended', 'chaoyang.hr@example.org.cn']]);

    await send(id, { type: 'HIRE', applicants: [key.A报考人3, key.B报考人1], startDate: '2026-04-20' });
    const closed = await send(id, { type: 'CLOSE' });
    expect([closed.state, closed.status]).to.deep.equal(['closed', 'done']);
    kids = await applicants(id);
    expect(Object.fromEntries(Object.entries(kids).map(([n, k]) => [n, k.state]))).to.deep.equal({
      A报考人1: 'notHired', B报考人1: 'hired', A报考人2: 'checksFailed', B报考人2: 'notHired', A报考人3: 'hired', B报考人3: 'notInvited',
      A报考人4: 'notInvited', B报考人4: 'notInvited', A报考人5: 'notInvited', B报考人5: 'absent', A报考人6: 'disqualified', B报考人6: 'notInvited',
    });
    expect(Object.values(kids).every((k) => k.status === 'done')).to.equal(true);
    expect(await s.knex('outbox').whereIn('instance_id', ids).where({ template: 'applicant_hired' }).pluck('to_email')).to.have.members(['a3@example.org.cn', 'b1@example.org.cn']);

    // The campaign's view of its applicants: its children in the API, and ?parent= lists them.
    const final = await view(id);
    expect(final.children).to.have.length(12);
    expect(final.children.map((c: any) => c.state).sort()).to.deep.equal(Object.values(kids).map((k) => k.state).sort());
    const listed = await s.call('GET', `/api/instances?parent=${id}&limit=100`, HR);
    expect(listed.body.items).to.have.length(12);
    expect(final.context.roster.filter((e: any) => e.stage === 'hired').map((e: any) => e.name)).to.have.members(['A报考人3', 'B报考人1']);
    const audit = await s.call('GET', '/api/audit/verify', 'admin');
    expect([audit.body.checked, audit.body.broken]).to.deep.equal([13, []]); // the campaign and its 12 applicants
    // One history row per applicant per step that moved it: A3 was registered, qualified, invited, scored, ranked, called up, passed, publicised, hired.
    expect((await s.knex('history').where({ instance_id: kids.A报考人3.id }).orderBy('seq').pluck('type'))).to.deep.equal(
      ['START', 'QUALIFY', 'EXAM_NOTICE', 'WRITTEN_SCORE', 'INVITE', 'INTERVIEW_SCORE', 'RESERVE', 'CALL_UP', 'CHECK_PASS', 'PUBLICISE', 'HIRE']);
  });
  it('one REGISTER request carries 400 applicants, past the global 64 kB body limit, and starts a case for each in one transaction', async () => {
    const id = await openRound([10, 10]);
    const many = Array.from({ length: 400 }, (_, i) => ({
      name: `报考人${i}`, idNumber: withCheckDigit(`1101051990${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}${String(i).padStart(3, '0')}`),
      post: i % 2 ? 'A' : 'B', email: `applicant.${i}@example.org.cn`, phone: `138${String(i).padStart(8, '0')}`, certificates: ['social_worker_assistant'],
    }));
    expect(JSON.stringify({ type: 'REGISTER', applicants: many }).length).to.be.above(64 * 1024);
    const started = Date.now();
    const reg = await send(id, { type: 'REGISTER', applicants: many });
    expect(reg.context.roster).to.have.length(400);
    expect(await s.knex('instances').where({ parent_id: id, state: 'registered' }).count({ n: '*' }).first().then((r) => Number(r!.n))).to.equal(400);
    expect(Date.now() - started).to.be.below(10_000);
  });

  /** A round of three applicants per post, every one qualified; written A 80/70/65, B 85/75/62; interviews of the two invited per post. */
  async function toChecks(): Promise<{ id: string; key: Record<string, string>; ids: () => Promise<string[]> }> {
    const id = await openRound();
    await send(id, { type: 'REGISTER', applicants: [1, 2, 3].flatMap((n) => [person('A', n), person('B', n)]) });
    await closeRegistration(id);
    const key = await keyOf(id);
    await send(id, { type: 'QUALIFY', applicants: Object.values(key) });
    await send(id, { type: 'SCHEDULE_WRITTEN', ...slot('2026-03-21T01:00:00Z') });
    const w = { A报考人1: 80, A报考人2: 70, A报考人3: 65, B报考人1: 85, B报考人2: 75, B报考人3: 62 } as Record<string, number>;
    await send(id, { type: 'RECORD_WRITTEN', rows: Object.entries(w).map(([n, score]) => ({ applicant: key[n], score })) });
    await send(id, { type: 'SCHEDULE_INTERVIEW', ...slot('2026-03-28T01:00:00Z') });
    await send(id, { type: 'RECORD_INTERVIEW', rows: ['A报考人1', 'A报考人2', 'B报考人1', 'B报考人2'].map((n) => ({ applicant: key[n], score: 80 })) });
    await send(id, { type: 'CLOSE_INTERVIEW' });
    return { id, key, ids: async () => Object.values(await applicants(id)).map((k) => k.id) };
  }
  const stateOf = async (id: string) => Object.fromEntries(Object.entries(await applicants(id)).map(([n, k]) => [n, k.state]));

  it('an upheld objection during publicity: the one objected to is replaced, the next ranked is called up to the checks, a new publicity runs its full days; no cancelling once hiring', async () => {
    const { id, key, ids } = await toChecks();
    await send(id, { type: 'RECORD_CHECKS', rows: [{ applicant: key.A报考人1, passed: true }, { applicant: key.B报考人1, passed: true }] });
    s.clock.set('2026-04-02T02:00:00Z');
    await send(id, { type: 'START_PUBLICITY' });
    const since = await lastMailId();
    s.clock.set('2026-04-05T02:00:00Z');
    const upheld = await send(id, { type: 'UPHOLD_OBJECTION', applicant: key.B报考人1, reason: '经核实学历造假 / forged diploma, confirmed' });
    expect(upheld.state).to.equal('checks');
    expect(upheld.deadlines).to.deep.equal([]); // the stopped publicity has no deadline left
    expect(await stateOf(id)).to.include({ A报考人1: 'publicised', B报考人1: 'replaced', B报考人2: 'checks' });
    expect(await mailTo(await ids(), since)).to.have.deep.members([['applicant_result', 'b1@example.org.cn']]); // B2 has no address
    const b1 = await s.knex('outbox').where({ template: 'applicant_result', to_email: 'b1@example.org.cn' }).orderBy('id', 'desc').first();
    expect(b1.body).to.include('学历造假');
    expect((await s.call('POST', events(id), HR, { type: 'HIRE', applicants: [key.A报考人1], startDate: '2026-04-20' })).status).to.equal(409);

    await send(id, { type: 'RECORD_CHECKS', rows: [{ applicant: key.B报考人2, passed: true }] });
    const again = await send(id, { type: 'START_PUBLICITY' });
    expect(again.deadlines.map((d: any) => d.dueAt)).to.deep.equal(['2026-04-12T16:00:00.000Z']); // 7 days from 2026-04-05
    s.clock.set('2026-04-09T16:00:01Z'); // when the first publicity would have ended
    await s.scheduler.tick();
    expect((await view(id)).state).to.equal('publicity');
    s.clock.set('2026-04-12T16:00:01Z');
    await s.scheduler.tick();
    expect((await view(id)).state).to.equal('hiring');
    const late = await s.call('POST', events(id), HR, { type: 'CANCEL', reason: '太迟 / too late' }); // cancellable only before hiring
    expect([late.status, late.body.allowedEvents]).to.deep.equal([409, ['HIRE', 'CLOSE']]);
    await send(id, { type: 'HIRE', applicants: [key.A报考人1, key.B报考人2], startDate: '2026-04-20' });
    expect(await stateOf(id)).to.include({ A报考人1: 'hired', B报考人2: 'hired', B报考人1: 'replaced' });
    expect((await view(id)).context.objections.map((o: any) => o.applicant)).to.deep.equal([key.B报考人1]);
  });

  it('an applicant who withdraws from the checks (HR records it on their case) frees the place: the campaign calls up the next ranked', async () => {
    const { id, key } = await toChecks();
    const kids = await applicants(id);
    const since = await lastMailId();
    const withdrawn = await send(kids.A报考人1.id, { type: 'WITHDRAW', reason: '已在他处就业 / took another job' });
    expect([withdrawn.state, withdrawn.status]).to.deep.equal(['withdrawn', 'cancelled']);
    expect(await stateOf(id)).to.include({ A报考人1: 'withdrawn', A报考人2: 'checks' });
    const campaign = await view(id);
    expect(campaign.context.roster.find((e: any) => e.key === key.A报考人1).stage).to.equal('withdrew');
    expect(campaign.context.callUps).to.deep.equal({ A: 1 });
    expect((await s.knex('history').where({ instance_id: id }).orderBy('seq', 'desc').first()).type).to.equal('APPLICANT_WITHDREW');
    expect(await mailTo(Object.values(kids).map((k) => k.id), since)).to.deep.equal([]); // A2 has no address
    // A person may not send the campaign the applicant's system event.
    expect((await s.call('POST', events(id), HR, { type: 'APPLICANT_WITHDREW', applicant: key.A报考人2, reason: 'x' })).status).to.equal(403);
  });

  it('a withdrawal during publicity calls up the next ranked and takes the round back to the checks; once hiring has begun nobody is called up', async () => {
    const { id, key } = await toChecks();
    await send(id, { type: 'RECORD_CHECKS', rows: [{ applicant: key.A报考人1, passed: true }, { applicant: key.B报考人1, passed: true }] });
    await send(id, { type: 'START_PUBLICITY' });
    let kids = await applicants(id);
    await send(kids.B报考人1.id, { type: 'WITHDRAW', reason: '个人原因 / personal reasons' });
    const back = await view(id);
    expect(back.state).to.equal('checks'); // B2 must pass the checks before a new publicity
    expect(await stateOf(id)).to.include({ A报考人1: 'publicised', B报考人1: 'withdrawn', B报考人2: 'checks' });
    await send(id, { type: 'RECORD_CHECKS', rows: [{ applicant: key.B报考人2, passed: true }] });
    await send(id, { type: 'START_PUBLICITY' });
    s.clock.set('2026-03-30T16:00:01Z');
    await s.scheduler.tick();
    expect((await view(id)).state).to.equal('hiring');
    // In hiring a withdrawal frees no place for a call-up (R-exam-callup: none once formalities begin).
    kids = await applicants(id);
    await send(kids.A报考人1.id, { type: 'WITHDRAW', reason: '已在他处就业 / took another job' });
    const hiring = await view(id);
    expect([hiring.state, hiring.context.callUps]).to.deep.equal(['hiring', { B: 1 }]);
    expect(await stateOf(id)).to.include({ A报考人2: 'ranked' });
    await send(id, { type: 'HIRE', applicants: [key.B报考人2], startDate: '2026-04-20' });
    expect((await send(id, { type: 'CLOSE' })).state).to.equal('closed');
    expect(await stateOf(id)).to.include({ A报考人2: 'notHired', B报考人2: 'hired' });
  });

  it('refuses a registration of someone registered already, or for a post the round does not have, naming the rows; nothing registered', async () => {
    const id = await openRound();
    await send(id, { type: 'REGISTER', applicants: [person('A', 1)] });
    const before = await databaseState(s);
    const bad = await s.call('POST', events(id), HR, { type: 'REGISTER', applicants: [person('A', 2), person('A', 1), { ...person('B', 2), post: 'Z' }, person('A', 2)] });
    expect(bad.status).to.equal(422);
    expect(bad.body.errors.map((e: any) => e.pointer)).to.deep.equal(['/applicants/1/idNumber', '/applicants/2/post', '/applicants/3/idNumber']);
    expect(await databaseState(s)).to.equal(before);
  });

  it('核减: a post with fewer qualified than places × ratio is cut, one with too few for a single place is cancelled and its applicants told; HR is told before any interview', async () => {
    const id = await openRound([2, 1]); // A needs 4 qualified for 2 places, B needs 2 for 1
    await send(id, { type: 'REGISTER', applicants: [person('A', 1), person('A', 2), person('A', 3), person('B', 1), person('B', 2)] });
    await closeRegistration(id);
    const key = await keyOf(id);
    await send(id, { type: 'QUALIFY', applicants: [key.A报考人1, key.A报考人2, key.A报考人3, key.B报考人1] });
    await send(id, { type: 'DISQUALIFY', rows: [{ applicant: key.B报考人2, reason: '年龄超出岗位要求 / over the age limit' }] });
    const since = await lastMailId();
    const scheduled = await send(id, { type: 'SCHEDULE_WRITTEN', ...slot('2026-03-21T01:00:00Z') });
    expect(scheduled.state).to.equal('writtenExam');
    expect(scheduled.context.cuts).to.deep.equal([{ post: 'A', from: 2, to: 1 }, { post: 'B', from: 1, to: 0 }]);
    expect(scheduled.context.posts.map((p: any) => p.places)).to.deep.equal([1, 0]);
    expect(await stateOf(id)).to.include({ A报考人1: 'qualified', B报考人1: 'postCancelled', B报考人2: 'disqualified' });
    const kids = await applicants(id);
    expect(kids.B报考人1.status).to.equal('cancelled');
    const mail = await mailTo([id, ...Object.values(kids).map((k) => k.id)], since);
    expect(mail).to.deep.include(['posts_cut', 'chaoyang.hr@example.org.cn']);
    expect(mail).to.deep.include(['applicant_post_cancelled', 'b1@example.org.cn']);
    expect(mail.filter(([t]) => t === 'applicant_exam_invitation').map(([, to]) => to)).to.have.members(['a1@example.org.cn', 'a3@example.org.cn']);
    // The cut post invites its one place × 2 to the interview.
    await send(id, { type: 'RECORD_WRITTEN', rows: [[key.A报考人1, 80], [key.A报考人2, 70], [key.A报考人3, 65]].map(([applicant, score]) => ({ applicant, score })) });
    await send(id, { type: 'SCHEDULE_INTERVIEW', ...slot('2026-03-28T01:00:00Z') });
    expect(await stateOf(id)).to.include({ A报考人1: 'invited', A报考人2: 'invited', A报考人3: 'notInvited' });
  });

  it('cancelling before hiring ends every applicant still in the round, each told by mail', async () => {
    const id = await openRound();
    await send(id, { type: 'REGISTER', applicants: [1, 2, 3].flatMap((n) => [person('A', n), person('B', n)]) });
    await closeRegistration(id);
    const key = await keyOf(id);
    await send(id, { type: 'QUALIFY', applicants: [key.A报考人1, key.A报考人2, key.B报考人1, key.B报考人2, key.B报考人3] });
    await send(id, { type: 'DISQUALIFY', rows: [{ applicant: key.A报考人3, reason: '材料不全 / incomplete papers' }] });
    await send(id, { type: 'SCHEDULE_WRITTEN', ...slot('2026-03-21T01:00:00Z') });
    const since = await lastMailId();
    const cancelled = await send(id, { type: 'CANCEL', reason: '编制调整，本次招录取消 / staffing changed: this round is cancelled' });
    expect([cancelled.state, cancelled.status]).to.deep.equal(['cancelled', 'cancelled']);
    const kids = await applicants(id);
    expect(Object.fromEntries(Object.entries(kids).map(([n, k]) => [n, [k.state, k.status]]))).to.deep.equal({
      A报考人1: ['cancelled', 'cancelled'], B报考人1: ['cancelled', 'cancelled'], A报考人2: ['cancelled', 'cancelled'],
      B报考人2: ['cancelled', 'cancelled'], A报考人3: ['disqualified', 'done'], B报考人3: ['cancelled', 'cancelled'],
    });
    const mail = await s.knex('outbox').whereIn('instance_id', Object.values(kids).map((k) => k.id)).where('id', '>', since).orderBy('id');
    expect(mail.map((m) => [m.template, m.to_email])).to.have.deep.members([['applicant_campaign_cancelled', 'a1@example.org.cn'], ['applicant_campaign_cancelled', 'b1@example.org.cn'], ['applicant_campaign_cancelled', 'b3@example.org.cn']]);
    expect(mail[0].body).to.include('编制调整');
    expect((await s.call('GET', '/api/tasks', HR)).body.items.map((i: any) => i.id)).to.not.include(id);

  });

  it('its terms are copied from the settings at the start, changeable while planning, and frozen once registration opens (refused with a clear message)', async () => {
    expect((await s.call('PUT', '/api/settings/examInterviewRatio', 'admin', { value: 3, reason: '市总常委会决定 / decided by the standing committee' })).status).to.equal(200);
    const id = (await s.call('POST', P2, HR, { title: '2026 年朝阳区社会工作者招录', posts: posts() })).body.id;
    expect((await view(id)).context.terms.interviewRatio).to.equal(3);
    const set = await send(id, { type: 'SET_TERMS', interviewRatio: 2, publicityDays: 5 });
    expect(set.context.terms).to.include({ interviewRatio: 2, publicityDays: 5, writtenWeight: 0.6 });
    await s.call('PUT', '/api/settings/examInterviewRatio', 'admin', { value: 4, reason: '再次调整 / changed again' });
    expect((await view(id)).context.terms.interviewRatio).to.equal(2); // a campaign keeps its own
    await send(id, { type: 'SUBMIT_PLAN' });
    await asApprover(events(id), { type: 'APPROVE_PLAN' });
    await send(id, { type: 'ANNOUNCE', registrationClosesAt: CLOSES });
    await send(id, { type: 'OPEN_REGISTRATION' });
    const before = await databaseState(s);
    const frozen = await s.call('POST', events(id), HR, { type: 'SET_TERMS', interviewRatio: 3 });
    expect(frozen.status).to.equal(409);
    expect(frozen.headers.get('content-type')).to.match(/problem\+json/);
    expect(frozen.body.detail).to.match(/报名.*冻结|冻结.*报名/).and.match(/frozen/i);
    expect(await databaseState(s)).to.equal(before);
  });

  it('a user of another district sees none of it: not in the lists, not the cases, not in the inbox, and cannot act', async () => {
    const { id, key } = await toChecks();
    const haidian = (await s.call('POST', '/api/users', 'admin', { name: '海淀人事', login: 'haidian.hr', email: 'haidian.hr@example.org.cn', orgId: s.demo!.orgs.haidian.id, roles: ['hr'] })).body.token;
    const as = (method: string, path: string, body?: unknown) => s.call(method, path, null, body, { authorization: `Bearer ${haidian}` });
    const kids = Object.values(await applicants(id)).map((k) => k.id);
    const list = await as('GET', '/api/instances?limit=100');
    expect(list.status).to.equal(200);
    expect(list.body.items.map((i: any) => i.id)).to.not.include.members([id, ...kids]);
    expect(list.body.items.filter((i: any) => i.type.startsWith('recruitment-'))).to.deep.equal([]);
    for (const c of [id, kids[0]]) {
      expect((await as('GET', `/api/instances/${c}`)).status).to.equal(403);
      expect((await as('GET', `/api/instances/${c}/history`)).status).to.equal(403);
    }
    expect((await as('GET', `/api/instances?parent=${id}`)).body.items).to.deep.equal([]);
    expect((await as('GET', '/api/tasks')).body.items).to.deep.equal([]);
    const act = await as('POST', events(id), { type: 'RECORD_CHECKS', rows: [{ applicant: key.A报考人1, passed: true }] });
    expect(act.status).to.equal(403);
    // Chaoyang's own HR has the round in its inbox.
    expect((await s.call('GET', '/api/tasks', HR)).body.items.map((i: any) => i.id)).to.include(id);
  });
});
