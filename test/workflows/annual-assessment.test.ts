// P5 through the engine: a campaign over a small district (roster from the register, nobody
// missed or twice), scores, decisions with the 优秀 cap, publicity and review closing by the
// clock, and every consequence written in the confirming transaction and linked to its case;
// 不称职 opens P6's worker-exit case.
import { expect } from 'chai';
import { insertPeople } from '../../db/people.ts';
import { insertPersonRecords } from '../../db/person-records.ts';
import { insertIdentitiesIfNew, identitiesByHashes } from '../../db/identities.ts';
import type { PersonRow } from '../../db/tables.ts';
import { createScheduler } from '../../notifications/scheduler.ts';
import { effectHandlers } from '../../server/system.ts';
import { calendarSource } from '../../workflows/engine/calendar-source.ts';
import { createEngine } from '../../workflows/engine/engine.ts';
import { DomainError } from '../../workflows/engine/errors.ts';
import { DEV_PERSONAL_DATA } from '../../workflows/engine/personal-data.ts';
import { settingsSource } from '../../workflows/engine/settings-source.ts';
import { allDefinitions } from '../../workflows/registry.ts';
import { SYSTEM_ACTOR } from '../../workflows/types.ts';
import { silent } from '../api/client.ts';
import { actor, world, type World } from '../helpers.ts';

const person = (w: World, name: string, orgKey: string, o: Partial<PersonRow> = {}): Omit<PersonRow, 'id'> => ({
  org_id: w.demo.orgs[orgKey].id, name, identity_id: null, kind: 'social_worker', status: 'in_post', start_date: '2020-03-01', end_date: null,
  details: '{}', source_instance_id: null, created_at: '2020-03-01T00:00:00.000Z', ...o,
});

describe('P5 annual assessment through the engine', function () {
  this.timeout(30_000);
  let w: World;
  let engine: ReturnType<typeof createEngine>;
  const ids: Record<string, number> = {};
  beforeEach(async () => {
    w = await world('2026-12-01T02:00:00Z'); // Tue 2026-12-01 10:00 Beijing
    engine = createEngine({ knex: w.knex, clock: w.clock, settings: settingsSource(w.knex), calendar: calendarSource(w.knex), personal: DEV_PERSONAL_DATA, definitions: allDefinitions, effects: effectHandlers({ publicUrl: 'http://localhost' }) });
    await insertIdentitiesIfNew(w.knex, [{ encrypted: 'x', keyed_hash: 'same-human', masked: '****', created_at: '2020-01-01T00:00:00Z' }]);
    const [identity] = await identitiesByHashes(w.knex, ['same-human']);
    await insertPeople(w.knex, [
      ...Array.from({ length: 8 }, (_, i) => person(w, `社工${i + 1}`, 'jianwai-station', i === 0 ? { identity_id: identity.id } : {})),
      person(w, '干事乙', 'yonganli', { kind: 'community_officer' }), person(w, '主席丙', 'guomao', { kind: 'cadre' }),
      person(w, '新人戊', 'jianwai', { start_date: '2026-09-01' }), person(w, '海淀己', 'zgc'),
      person(w, '社工1兼监督员', 'jianwai', { kind: 'labor_supervisor', identity_id: identity.id }), person(w, '岗前庚', 'jianwai', { status: 'onboarding' }),
    ]);
    for (const p of await w.knex('people').select('id', 'name')) ids[p.name] = p.id;
    await insertPersonRecords(w.knex, [{ person_id: ids['干事乙'], kind: 'assessment', on_date: '2026-01-10', data: JSON.stringify({ year: 2025, grade: 'basic' }), source_instance_id: 'case-of-2025', actor_id: 'x', created_at: '2026-01-10T00:00:00Z' }]);
  });
  afterEach(async () => w.cleanup());

  const hr = () => actor(w, 'chaoyang.hr');
  const send = async (id: string, event: Record<string, unknown> & { type: string }) => engine.send({ instanceId: id, event, actor: await hr() });
  async function openCampaign() {
    const a = await hr();
    const c = await engine.start({ type: 'annual-assessment', body: { year: 2026, deadline: '2027-01-15' }, actor: a, orgId: a.orgId! });
    await send(c.id, { type: 'OPEN' });
    return c.id;
  }
  const members = async (id: string) => Object.fromEntries((await w.knex('instances').where({ parent_id: id })).map((k) => [JSON.parse(k.snapshot).context.person.name, k]));
  const context = async (id: string) => JSON.parse((await w.knex('instances').where({ id }).first()).snapshot).context;
  const scores = (names: string[], s = 80) => names.map((n) => ({ person: ids[n], political: s, performance: s, attitude: s, selfReport: '本年度完成职工服务工作 / served the workers' }));
  const graded = () => [...Array.from({ length: 8 }, (_, i) => `社工${i + 1}`), '干事乙', '主席丙'];
  const tick = () => createScheduler({ knex: w.knex, engine, clock: w.clock, logger: silent }).tick();

  it('puts everyone in post in the subtree on the roster once (one case each), nobody outside, onboarding or twice; under half a year: comment only', async () => {
    const id = await openCampaign();
    const m = await members(id);
    expect(Object.keys(m).sort()).to.deep.equal([...graded(), '新人戊'].sort());
    expect(m['新人戊'].state).to.equal('commentOnly');
    expect(m['社工1'].state).to.equal('reporting');
    expect(m['社工1'].org_id).to.equal(w.demo.orgs['jianwai-station'].id);
    expect(m['社工1'].correlation_key).to.equal(`assessment:${w.demo.orgs.chaoyang.id}:2026/${ids['社工1']}`);
    expect((await context(id)).graded).to.equal(10);
    const a = await hr();
    const again = await engine.start({ type: 'annual-assessment', body: { year: 2026, deadline: '2027-01-20' }, actor: a, orgId: a.orgId! }).catch((e) => e);
    expect(again).to.be.instanceOf(DomainError).and.include({ code: 'conflict' });
  });

  it('caps 优秀 at 2 of 10 in the deciding step, and of two decisions at once for the last place only one commits', async () => {
    const id = await openCampaign();
    await send(id, { type: 'RECORD_SCORES', rows: scores(graded(), 95) });
    await send(id, { type: 'DECIDE', rows: [{ person: ids['社工1'], grade: 'excellent' }] });
    const refused = await send(id, { type: 'DECIDE', rows: ['社工2', '社工3'].map((n) => ({ person: ids[n], grade: 'excellent' })) }).catch((e) => e);
    expect(refused).to.be.instanceOf(DomainError).and.include({ code: 'invalid' });
    expect(refused.errors[0].message).to.include('优秀名额不足');
    const both = await Promise.allSettled(['社工2', '社工3'].map((n) => send(id, { type: 'DECIDE', rows: [{ person: ids[n], grade: 'excellent' }] })));
    expect(both.map((r) => r.status).sort()).to.deep.equal(['fulfilled', 'rejected']);
    expect((await context(id)).excellent).to.equal(2);
    const m = await members(id);
    expect(['社工2', '社工3'].map((n) => m[n].state).sort()).to.deep.equal(['proposed', 'publicity']);
  });

  it('confirms after publicity and the review window, writing each consequence linked to the member case; 不称职 opens the exit, which ends with the person exited; the deadline lists who is left', async () => {
    const id = await openCampaign();
    const refusedNegative = await send(id, { type: 'RECORD_SCORES', rows: [{ ...scores(['社工1'])[0], political: -1 }] }).catch((e) => e);
    expect(refusedNegative).to.be.instanceOf(DomainError);
    await send(id, { type: 'RECORD_SCORES', rows: scores(graded()) });
    await send(id, { type: 'DECIDE', rows: [
      ...['社工1', '社工2'].map((n) => ({ person: ids[n], grade: 'excellent' })), { person: ids['干事乙'], grade: 'basic' }, { person: ids['主席丙'], grade: 'incompetent' },
      ...['社工3', '社工4', '社工5', '社工6', '社工7', '社工8'].map((n) => ({ person: ids[n], grade: 'competent' })),
    ] });
    expect((await members(id))['社工1'].state).to.equal('publicity');
    w.clock.set('2026-12-09T01:00:00Z'); // 5 working days after Tue 1 Dec end on Tue 8 Dec
    await tick();
    expect((await members(id))['社工1'].state).to.equal('reviewWindow');
    await send(id, { type: 'REQUEST_REVIEW', person: ids['主席丙'], reason: '本人对等次有异议 / disputes the grade' });
    w.clock.set('2027-01-16T01:00:00Z'); // review windows over; the campaign deadline (15 Jan) passed with 新人戊 not commented
    await tick();
    const c = await context(id);
    expect(c.overdue).to.deep.equal([ids['新人戊']]);
    const mail = await w.knex('outbox').whereIn('template', ['assessment_overdue', 'assessment_member_overdue']).select('template', 'instance_id');
    expect(mail.map((r) => r.template)).to.include.members(['assessment_overdue']);
    let m = await members(id);
    expect(m['社工1'].state).to.equal('confirmed');
    expect(m['主席丙'].state).to.equal('review');
    await send(id, { type: 'DECIDE_REVIEW', person: ids['主席丙'], grade: 'incompetent', reason: '复核维持 / upheld on review' });
    await send(id, { type: 'COMMENT', rows: [{ person: ids['新人戊'], comment: '到岗不足半年，表现良好 / under half a year, doing well' }] });
    m = await members(id);

    const entries = await w.knex('person_records').whereNot({ source_instance_id: 'case-of-2025' });
    const of = (name: string, kind: string) => entries.filter((e) => e.person_id === ids[name] && e.kind === kind);
    expect(entries.filter((e) => e.kind === 'assessment')).to.have.length(11);
    expect(of('社工1', 'assessment')[0].source_instance_id).to.equal(m['社工1'].id);
    expect(JSON.parse(of('社工1', 'commendation')[0].data)).to.include({ assessmentCaseId: m['社工1'].id });
    const details = async (name: string) => JSON.parse((await w.knex('people').where({ id: ids[name] }).first()).details);
    expect((await details('社工1')).eligibility).to.have.keys('capitalLabourMedal', 'publicInstitutionPriority');
    expect((await details('社工3')).eligibility).to.equal(undefined);
    expect((await details('干事乙')).notToRenew.assessments).to.deep.equal([{ year: 2025, caseId: 'case-of-2025' }, { year: 2026, caseId: m['干事乙'].id }]);
    expect(JSON.parse(of('新人戊', 'assessment')[0].data)).to.include({ grade: null });

    const exit = await w.knex('instances').where({ type: 'worker-exit' }).first();
    expect(exit).to.include({ parent_id: m['主席丙'].id, correlation_key: `exit:${ids['主席丙']}`, org_id: w.demo.orgs.guomao.id });
    const ctx = JSON.parse(exit.snapshot).context;
    expect([ctx.person.id, ctx.reason, ctx.sourceCaseId]).to.deep.equal([ids['主席丙'], 'unfit', m['主席丙'].id]);
    expect((await w.knex('people').where({ id: ids['主席丙'] }).first()).status).to.equal('exit_review'); // P6 holds the record while the exit is open
    // The exit runs its own course at the person's union and ends with the record closed, kept.
    const as = async (login: string, event: Record<string, unknown> & { type: string }) => engine.send({ instanceId: exit.id, event, actor: await actor(w, login) });
    await as('guomao.requester', { type: 'CONFIRM', exitDate: '2027-01-16' });
    expect((await as('jianwai.approver', { type: 'APPROVE', comment: '考核不称职，解除聘用' })).state).to.equal('handover'); // a cadre: the parent union approves
    await as('guomao.requester', { type: 'HANDOVER_DONE', work: true, files: true, assets: true, accounts: true, pay: true });
    expect(await w.knex('people').where({ id: ids['主席丙'] }).first('status', 'end_date')).to.deep.equal({ status: 'exited', end_date: '2027-01-16' });
    await send(id, { type: 'CLOSE' });
    expect((await w.knex('instances').where({ id }).first()).status).to.equal('done');
  });

  it('confirms a 不称职 without a second exit case when one is open for the person already', async () => {
    const id = await openCampaign();
    const open = await engine.start({ type: 'worker-exit', body: { personId: ids['主席丙'], reason: 'resignation' }, actor: SYSTEM_ACTOR, orgId: w.demo.orgs.guomao.id, correlationKey: `exit:${ids['主席丙']}` });
    await send(id, { type: 'RECORD_SCORES', rows: scores(['主席丙'], 50) });
    await send(id, { type: 'DECIDE', rows: [{ person: ids['主席丙'], grade: 'incompetent' }] });
    w.clock.set('2027-01-05T01:00:00Z');
    await tick();
    const m = (await members(id))['主席丙'];
    expect(m.state).to.equal('confirmed');
    expect(JSON.parse(m.snapshot).context.consequences.join()).to.include(open.id);
    expect(await w.knex('instances').where({ type: 'worker-exit' }).pluck('id')).to.deep.equal([open.id]);
  });
});
