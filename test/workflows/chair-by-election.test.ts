// P4 主席补选 (§3.1.1 R-chair-vacancy): the pure machine on every path, its rules, and the
// engine's deadlines (created once, never moved, weekly overdue notice to the parent union).
import { expect } from 'chai';
import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { endOfShanghaiDay } from '../../workflows/rules/calendar.ts';
import { chairByElection, termsOf } from '../../workflows/chair-by-election/index.ts';
import { DEFAULT_SETTINGS } from '../../workflows/settings.ts';
import { machine, type Context } from '../../workflows/chair-by-election/chair-by-election.machine.ts';
import {
  electionProblems, hardDeadlineAt, hardDeadlineDate, hasMajority, hasQuorum, isElected,
  publicityEndsAt, publicityLastDay, reminderDate, reminderIsCurrent, reportProblems, vacancyProblems,
} from '../../workflows/chair-by-election/chair-by-election.rules.ts';
import { DomainError, type ErrorCode } from '../../workflows/engine/errors.ts';
import { STATUS } from '../../server/problem.ts';
import type { DeadlineRow } from '../../db/tables.ts';
import type { Actor, WorkflowDefinition } from '../../workflows/types.ts';
import { actor, engineFor, world, type World } from '../helpers.ts';

const requester: Actor = { id: '2', name: '王芳（国贸物业工会）', orgId: 10, roles: ['requester'] };
const approver: Actor = { id: '3', name: '李强（建外街道总工会主席）', orgId: 5, roles: ['approver'] };
const system: Actor = { id: 'system', name: '系统 system', orgId: null, roles: [] };

const vacancy = { vacancyDate: '2026-01-10', reason: 'resigned' as const, actingChair: '赵副主席', previousChair: '钱主席' };
const candidate = { name: '孙敏', currentPost: '工会副主席', partyMember: true };
const partyAgreement = { partyAgreement: true, partyOrganisation: '北京国贸物业管理有限公司党支部', partyAgreedOn: '2026-01-19' };
const vote = (entitled: number, present: number, votes: number, date = '2026-02-01') => ({ date, electingBody: 'members_congress', entitled, present, votes });

type Sent = { type: string; [k: string]: unknown };
const terms = termsOf(DEFAULT_SETTINGS);
function start(at = '2026-01-15T02:00:00.000Z', v: typeof vacancy = vacancy) {
  return initialTransition(machine, { vacancy: v, actor: requester, at, terms, grassroots: true });
}
function send(snap: AnyMachineSnapshot, who: Actor, event: Sent, at: string) {
  return transition(machine, snap, { ...event, actor: who, at } as any);
}
const ctx = (s: AnyMachineSnapshot) => s.context as Context;
const notifications = (actions: { type: string; params?: any }[]) =>
  actions.filter((a) => a.type === 'notify').map((a) => `${a.params.template}→${a.params.to.relation}:${a.params.to.roles.join('/')}`);

/** Nominated, approved, publicised: the election may be held (publicity 2026-01-20, last day 2026-01-27). */
function toElection() {
  let [s] = start();
  [s] = send(s, requester, { type: 'NOMINATE', candidates: [candidate] }, '2026-01-16T02:00:00.000Z');
  [s] = send(s, approver, { type: 'APPROVE_CANDIDATE', ...partyAgreement }, '2026-01-20T02:00:00.000Z');
  [s] = send(s, system, { type: 'PUBLICITY_ENDS' }, '2026-01-27T16:00:00.000Z');
  return s;
}

describe('P4 chair by-election (§3.1.1 R-chair-vacancy)', () => {
  describe('the machine', () => {
    it('starts in nomination with the hard deadline three calendar months after the vacancy', () => {
      const [s] = start();
      expect(s.value).to.equal('nomination');
      expect(ctx(s)).to.deep.include({ deadline: '2026-04-10', overdue: false, attempts: [], nominations: [] });
      expect(ctx(s).vacancy).to.deep.equal(vacancy);
    });

    it('happy path: nominate → review with party agreement → 7-day publicity → elected → reported → approved → chair in the register', () => {
      let [s, actions] = start();
      [s, actions] = send(s, requester, { type: 'NOMINATE', candidates: [candidate], note: '工会委员会提名' }, '2026-01-16T02:00:00.000Z');
      expect(s.value).to.equal('candidateReview');
      expect(ctx(s).nominations[0].candidates[0]).to.include({ key: 'c1', name: '孙敏', partyMember: true });
      expect(notifications(actions)).to.deep.equal(['task_assigned→parent:approver']);

      [s, actions] = send(s, approver, { type: 'APPROVE_CANDIDATE', ...partyAgreement }, '2026-01-20T02:00:00.000Z');
      expect(s.value).to.equal('publicity');
      expect(ctx(s).nominations[0].review).to.include({ decision: 'approved', partyOrganisation: '北京国贸物业管理有限公司党支部', partyAgreedOn: '2026-01-19' });
      expect(ctx(s).nominations[0].publicity).to.include({ lastDay: '2026-01-27' });
      expect(notifications(actions)).to.deep.equal(['decision→own:requester']);

      [s, actions] = send(s, system, { type: 'PUBLICITY_ENDS' }, '2026-01-27T16:00:00.000Z');
      expect(s.value).to.equal('election');

      [s, actions] = send(s, requester, { type: 'ELECTION_HELD', ...vote(90, 60, 46) }, '2026-02-01T08:00:00.000Z');
      expect(s.value).to.equal('elected');
      expect(ctx(s).attempts).to.have.length(1);
      expect(ctx(s).attempts[0]).to.include({ candidate: 'c1', quorum: true, majority: true, elected: true });

      [s, actions] = send(s, requester, { type: 'REPORT_RESULT', startDate: '2026-02-01', documentNo: '国贸工〔2026〕3号' }, '2026-02-02T02:00:00.000Z');
      expect(s.value).to.equal('resultReview');
      expect(notifications(actions)).to.deep.equal(['task_assigned→parent:approver']);

      [s, actions] = send(s, approver, { type: 'APPROVE_RESULT', comment: '同意' }, '2026-02-03T02:00:00.000Z');
      expect(s.value).to.equal('chairRecorded');
      expect(s.status).to.equal('done');
      expect((chairByElection as WorkflowDefinition).finalStatus[s.value as string]).to.equal('done');
      expect(ctx(s).chair).to.include({ candidate: 'c1', name: '孙敏', startDate: '2026-02-01' });
      const register = actions.find((a) => a.type === 'enterRegister');
      expect(register?.params).to.deep.include({ personKind: 'cadre', role: 'chair', candidate: 'c1', name: '孙敏', startDate: '2026-02-01', status: 'onboarding' });
      expect(notifications(actions)).to.deep.equal(['decision→own:requester']);
    });

    it('a rejected candidate goes back to nomination, the round is kept, and a new nominee gets a new key', () => {
      let [s] = start();
      [s] = send(s, requester, { type: 'NOMINATE', candidates: [candidate] }, '2026-01-16T02:00:00.000Z');
      let actions;
      [s, actions] = send(s, approver, { type: 'REJECT_CANDIDATE', reason: '同级党组织未同意' }, '2026-01-18T02:00:00.000Z');
      expect(s.value).to.equal('nomination');
      expect(notifications(actions)).to.deep.equal(['decision→own:requester']);
      expect(ctx(s).nominations[0]).to.deep.include({ outcome: 'rejected' });
      expect(ctx(s).nominations[0].review).to.include({ decision: 'rejected', reason: '同级党组织未同意' });
      [s] = send(s, requester, { type: 'NOMINATE', candidates: [{ ...candidate, name: '周强' }] }, '2026-01-20T02:00:00.000Z');
      expect(s.value).to.equal('candidateReview');
      expect(ctx(s).nominations).to.have.length(2);
      expect(ctx(s).nominations[1].candidates[0]).to.include({ key: 'c2', name: '周强' });
    });

    it('an objection upheld during publicity goes back to nomination and keeps the objection', () => {
      let [s] = start();
      [s] = send(s, requester, { type: 'NOMINATE', candidates: [candidate] }, '2026-01-16T02:00:00.000Z');
      [s] = send(s, approver, { type: 'APPROVE_CANDIDATE', ...partyAgreement }, '2026-01-20T02:00:00.000Z');
      [s] = send(s, approver, { type: 'OBJECTION_UPHELD', objection: '候选人兼任公司行政副总', reason: '经核实属实' }, '2026-01-22T02:00:00.000Z');
      expect(s.value).to.equal('nomination');
      expect(ctx(s).nominations[0].outcome).to.equal('objection_upheld');
      expect(ctx(s).nominations[0].publicity?.objection).to.include({ objection: '候选人兼任公司行政副总', reason: '经核实属实' });
    });

    it('a failed quorum goes back to nomination with the attempt kept', () => {
      const [s] = send(toElection(), requester, { type: 'ELECTION_HELD', ...vote(90, 59, 50) }, '2026-02-01T08:00:00.000Z');
      expect(s.value).to.equal('nomination');
      expect(ctx(s).attempts).to.have.length(1);
      expect(ctx(s).attempts[0]).to.include({ entitled: 90, present: 59, votes: 50, quorum: false, majority: true, elected: false });
      expect(ctx(s).nominations[0].outcome).to.equal('not_elected');
    });

    it('a failed majority goes back to nomination; a second round elects and both attempts are kept', () => {
      let [s] = send(toElection(), requester, { type: 'ELECTION_HELD', ...vote(90, 60, 45) }, '2026-02-01T08:00:00.000Z');
      expect(s.value).to.equal('nomination');
      expect(ctx(s).attempts[0]).to.include({ quorum: true, majority: false, elected: false });

      [s] = send(s, requester, { type: 'NOMINATE', candidates: [candidate] }, '2026-02-02T02:00:00.000Z');
      [s] = send(s, approver, { type: 'APPROVE_CANDIDATE', ...partyAgreement, partyAgreedOn: '2026-02-03' }, '2026-02-03T02:00:00.000Z');
      [s] = send(s, system, { type: 'PUBLICITY_ENDS' }, '2026-02-10T16:00:00.000Z');
      // The earlier vote's date lies inside this round's publicity: refused.
      expect(s.can({ type: 'ELECTION_HELD', ...vote(90, 60, 46, '2026-02-05'), actor: requester, at: '2026-02-11T02:00:00.000Z' } as any)).to.equal(false);
      [s] = send(s, requester, { type: 'ELECTION_HELD', ...vote(90, 80, 70, '2026-02-11') }, '2026-02-11T08:00:00.000Z');
      expect(s.value).to.equal('elected');
      expect(ctx(s).attempts.map((a) => [a.nomination, a.candidate, a.elected])).to.deep.equal([[1, 'c1', false], [2, 'c2', true]]);
    });

    it('boundary: of 90 entitled, 60 present is a quorum and 59 is not; 46 votes elect and 45 do not', () => {
      const at = '2026-02-01T08:00:00.000Z';
      expect(send(toElection(), requester, { type: 'ELECTION_HELD', ...vote(90, 60, 46) }, at)[0].value).to.equal('elected');
      expect(send(toElection(), requester, { type: 'ELECTION_HELD', ...vote(90, 59, 46) }, at)[0].value).to.equal('nomination');
      expect(send(toElection(), requester, { type: 'ELECTION_HELD', ...vote(90, 60, 45) }, at)[0].value).to.equal('nomination');
    });

    it('an impossible tally is not a vote at all: no transition, and the check says why (422)', () => {
      const s = toElection();
      const bad = { type: 'ELECTION_HELD', ...vote(90, 91, 92) };
      expect(s.can({ ...bad, actor: requester, at: '2026-02-01T08:00:00.000Z' } as any)).to.equal(false);
      const problems = (chairByElection as WorkflowDefinition).events.ELECTION_HELD.check!(s.context, bad, { actor: requester, at: '2026-02-01T08:00:00.000Z' });
      expect(problems.map((p) => p.pointer)).to.have.members(['/present', '/votes']);
    });

    it('the parent union can cancel from any open state; a cancelled case accepts nothing more', () => {
      const cases: AnyMachineSnapshot[] = [start()[0], toElection()];
      for (const open of cases) {
        const [s, actions] = send(open, approver, { type: 'CANCEL', reason: '企业注销，工会撤销' }, '2026-02-01T02:00:00.000Z');
        expect(s.value).to.equal('cancelled');
        expect(s.status).to.equal('done');
        expect(chairByElection.finalStatus.cancelled).to.equal('cancelled');
        expect(ctx(s).cancelled).to.include({ reason: '企业注销，工会撤销' });
        expect(notifications(actions)).to.deep.equal(['decision→own:requester']);
        expect(s.can({ type: 'OVERDUE', actor: system, at: '2026-05-01T00:00:00.000Z' } as any)).to.equal(false);
      }
    });

    it('a reminder on its day mails the union and its parent; one already past when the case opened is dropped', () => {
      const [s] = start('2026-01-15T02:00:00.000Z'); // deadline 2026-04-10: rungs 02-09, 03-11, 04-03, 04-09
      const [r, actions] = send(s, system, { type: 'REMIND', deadline: { id: 1, kind: 'reminder', dueAt: '2026-02-09T01:00:00.000Z', rule: 'R-chair-vacancy', clause: '§3.1.1' } }, '2026-02-09T01:00:05.000Z');
      expect(notifications(actions)).to.deep.equal(['vacancy_reminder→own:requester', 'vacancy_reminder→parent:approver']);
      expect(actions.filter((a) => a.type === 'notify').every((a: any) => a.params.deadlineId === 'by-election-due')).to.equal(true);
      expect(ctx(r).reminders).to.have.length(1);

      const [late] = start('2026-03-01T02:00:00.000Z'); // reported after the 60-day rung (02-09)
      expect(late.can({ type: 'REMIND', deadline: { id: 1, kind: 'reminder', dueAt: '2026-02-09T01:00:00.000Z', rule: 'R-chair-vacancy', clause: '§3.1.1' }, actor: system, at: '2026-03-01T02:00:05.000Z' } as any)).to.equal(false);
    });

    it('overdue flags the case and mails the parent union', () => {
      const [s] = start();
      const dueAt = '2026-04-10T16:00:00.000Z';
      const [o, actions] = send(s, system, { type: 'OVERDUE', deadline: { id: 2, kind: 'due', dueAt, rule: 'R-chair-vacancy', clause: '§3.1.1' } }, '2026-04-10T16:00:30.000Z');
      expect(o.value).to.equal('nomination');
      expect(ctx(o)).to.include({ overdue: true, overdueSince: dueAt, overdueNotices: 1 });
      expect(notifications(actions)).to.deep.equal(['overdue→parent:approver']);
      expect(chairByElection.subject(o.context)).to.match(/^【已逾期/);

    });
  });

  describe('the rules', () => {
    it('three calendar months clamp to the month end: 2025-11-30 → end of 2026-02-28', () => {
      expect(hardDeadlineDate('2025-11-30')).to.equal('2026-02-28');
      expect(hardDeadlineAt('2025-11-30').toISOString()).to.equal('2026-02-28T16:00:00.000Z');
    });

    it('in a leap year 2027-11-29 → 2028-02-29; an ordinary day keeps its day-of-month', () => {
      expect(hardDeadlineDate('2027-11-29')).to.equal('2028-02-29');
      expect(hardDeadlineDate('2026-01-10')).to.equal('2026-04-10');
      expect(hardDeadlineAt('2027-11-29').getTime()).to.equal(endOfShanghaiDay('2028-02-29').getTime());
    });

    it('reminders fall 60, 30, 7 and 1 days before the deadline date', () => {
      expect([60, 30, 7, 1].map((n) => reminderDate('2025-11-30', n))).to.deep.equal(['2025-12-30', '2026-01-29', '2026-02-21', '2026-02-27']);
    });

    it('quorum is present ≥ ⅔ of entitled and election is votes > ½ of entitled, in integers', () => {
      expect(hasQuorum({ entitled: 90, present: 60 }, [2, 3])).to.equal(true);
      expect(hasQuorum({ entitled: 90, present: 59 }, [2, 3])).to.equal(false);
      expect(hasQuorum({ entitled: 91, present: 61 }, [2, 3])).to.equal(true);
      expect(hasQuorum({ entitled: 91, present: 60 }, [2, 3])).to.equal(false);
      expect(hasMajority({ entitled: 90, votes: 46 }, [1, 2])).to.equal(true);
      expect(hasMajority({ entitled: 90, votes: 45 }, [1, 2])).to.equal(false);
      expect(hasMajority({ entitled: 91, votes: 46 }, [1, 2])).to.equal(true);
      expect(isElected({ entitled: 90, present: 59, votes: 59 }, terms)).to.equal(false);
    });

    it('a vacancy may not lie in the future of the report (Shanghai date); "other" needs a note', () => {
      const at = new Date('2026-03-01T17:00:00Z'); // 2026-03-02 01:00 in Beijing
      expect(vacancyProblems({ vacancyDate: '2026-03-02', reason: 'retired' }, at)).to.deep.equal([]);
      expect(vacancyProblems({ vacancyDate: '2026-03-03', reason: 'retired' }, at).map((p) => p.pointer)).to.deep.equal(['/vacancyDate']);
      expect(vacancyProblems({ vacancyDate: '2026-03-01', reason: 'other' }, at).map((p) => p.pointer)).to.deep.equal(['/reasonNote']);
    });

    it('checks a tally and its candidate against the approved list and the publicity', () => {
      const cs = [{ key: 'c1', name: '甲', currentPost: '副主席', partyMember: true }, { key: 'c2', name: '乙', currentPost: '委员', partyMember: false }];
      expect(electionProblems(cs, '2026-01-27', '2026-02-01', { date: '2026-01-28', entitled: 90, present: 60, votes: 46, candidate: 'c2' })).to.deep.equal([]);
      expect(electionProblems(cs, '2026-01-27', '2026-02-01', { date: '2026-01-27', entitled: 90, present: 60, votes: 46 }).map((p) => p.pointer)).to.have.members(['/candidate', '/date']);
      expect(electionProblems(cs, undefined, '2026-02-01', { date: '2026-01-28', entitled: 90, present: 60, votes: 46, candidate: 'c9' }).map((p) => p.pointer)).to.deep.equal(['/candidate']);
      expect(reportProblems('2026-02-01', { startDate: '2026-01-31' }).map((p) => p.pointer)).to.deep.equal(['/startDate']);
    });

    it('publicity is 7 calendar days counted from the day after it starts, ending at the end of the 7th day', () => {
      expect(publicityLastDay(new Date('2026-01-20T02:00:00Z'), 7)).to.equal('2026-01-27');
      expect(publicityLastDay(new Date('2026-01-20T17:00:00Z'), 7)).to.equal('2026-01-28'); // already 01-21 in Beijing
      expect(publicityEndsAt(new Date('2026-01-20T02:00:00Z'), 7).toISOString()).to.equal('2026-01-27T16:00:00.000Z');
    });

    it('a reminder is current only if it was future at opening, the deadline has not passed and no later rung is due', () => {
      const base = { vacancyDate: '2026-01-10', openedAt: new Date('2026-01-15T02:00:00Z'), ladder: [60, 30, 7, 1] };
      const rung30 = new Date('2026-03-11T01:00:00Z');
      expect(reminderIsCurrent({ ...base, dueAt: rung30, at: new Date('2026-03-11T01:00:01Z') })).to.equal(true);
      expect(reminderIsCurrent({ ...base, dueAt: rung30, at: new Date('2026-04-02T15:00:00Z') })).to.equal(true); // late, but 04-02 23:00 Beijing: still before the 7-day rung's day
      expect(reminderIsCurrent({ ...base, dueAt: rung30, at: new Date('2026-04-02T16:00:00Z') })).to.equal(false); // 04-03 00:00 Beijing: the 7-day rung's day has come
      expect(reminderIsCurrent({ ...base, openedAt: new Date('2026-03-12T00:00:00Z'), dueAt: rung30, at: new Date('2026-03-12T00:00:01Z') })).to.equal(false);
      expect(reminderIsCurrent({ ...base, dueAt: new Date('2026-04-09T01:00:00Z'), at: new Date('2026-04-10T16:00:00Z') })).to.equal(false); // deadline passed
    });
  });

  describe('through the engine', () => {
    let w: World;
    let engine: ReturnType<typeof engineFor>;
    beforeEach(async () => {
      w = await world(); // 2026-03-02 10:00 Beijing
      engine = engineFor(w);
    });
    afterEach(async () => w.cleanup());

    const TYPE = 'chair-by-election';
    const body = { vacancyDate: '2026-02-10', reason: 'transferred', actingChair: '赵副主席', previousChair: '钱主席' };
    const startCase = async (b: object = body) => engine.start({ type: TYPE, body: b, actor: await actor(w, 'guomao.requester'), orgId: w.demo.orgs.guomao.id });
    const deadlines = (id: string) => w.knex<DeadlineRow>('deadlines').where({ instance_id: id }).orderBy('id');
    const sendAs = async (login: string, id: string, event: { type: string } & Record<string, unknown>) => engine.send({ instanceId: id, event, actor: await actor(w, login) });
    const ms = (iso: string) => new Date(iso).getTime();
    const ctxOf = (row: { snapshot: string }) => JSON.parse(row.snapshot).context as Context;

    it('starting creates the hard deadline (vacancy + 3 months) and four reminders, all citing §3.1.1', async () => {
      const row = await startCase();
      expect(row).to.include({ state: 'open.beforeTheVote.nomination', status: 'active' });
      const rows = await deadlines(row.id);
      const byDecl = Object.fromEntries(rows.map((d) => [d.decl_id, d]));
      // Reminder rungs are declared by position, their days are settings (byElectionReminderDaysBefore: 60, 30, 7, 1).
      expect(Object.keys(byDecl)).to.have.members(['by-election-due', 'reminder-rung-1', 'reminder-rung-2', 'reminder-rung-3', 'reminder-rung-4']);
      for (const d of rows) expect(d).to.include({ clause: '§3.1.1', rule: 'R-chair-vacancy', status: 'pending' });
      expect(byDecl['by-election-due']).to.include({ kind: 'due', event: 'OVERDUE' });
      expect(Number(byDecl['by-election-due'].due_at)).to.equal(ms('2026-05-10T16:00:00Z')); // end of 2026-05-10, Beijing
      expect(Number(byDecl['reminder-rung-1'].due_at)).to.equal(ms('2026-03-11T01:00:00Z')); // 09:00 Beijing
      expect(Number(byDecl['reminder-rung-2'].due_at)).to.equal(ms('2026-04-10T01:00:00Z'));
      expect(Number(byDecl['reminder-rung-3'].due_at)).to.equal(ms('2026-05-03T01:00:00Z'));
      expect(Number(byDecl['reminder-rung-4'].due_at)).to.equal(ms('2026-05-09T01:00:00Z'));
    });

    it('refuses a vacancy dated after today with a 422 naming the field', async () => {
      const err = await startCase({ ...body, vacancyDate: '2026-03-03' }).catch((e) => e);
      expect(err).to.be.instanceOf(DomainError);
      expect(STATUS[err.code as ErrorCode]).to.equal(422);
      expect(err.errors.map((e: any) => e.pointer)).to.deep.equal(['/vacancyDate']);
    });

    it('the union itself or its parent union reports the vacancy; the grandparent union cannot', async () => {
      const byParent = await engine.start({ type: TYPE, body, actor: await actor(w, 'jianwai.approver'), orgId: w.demo.orgs.guomao.id });
      expect(byParent.state).to.equal('open.beforeTheVote.nomination');
      const err = await engine.start({ type: TYPE, body, actor: await actor(w, 'chaoyang.approver'), orgId: w.demo.orgs.guomao.id }).catch((e) => e);
      expect(STATUS[err.code as ErrorCode]).to.equal(403);
    });

    it('after a failed vote the case is back in nomination and the hard deadline row is untouched', async () => {
      const row = await startCase();
      const hardBefore = (await deadlines(row.id)).find((d) => d.decl_id === 'by-election-due')!;
      await sendAs('guomao.requester', row.id, { type: 'NOMINATE', candidates: [candidate] });
      const inPublicity = await sendAs('jianwai.approver', row.id, { type: 'APPROVE_CANDIDATE', ...partyAgreement, partyAgreedOn: '2026-03-01' });
      expect(inPublicity.state).to.equal('open.beforeTheVote.publicity');
      const publicity = (await deadlines(row.id)).find((d) => d.decl_id === 'publicity-ends')!;
      expect(Number(publicity.due_at)).to.equal(ms('2026-03-09T16:00:00Z')); // end of 2026-03-09 = 7 days after 03-02

      w.clock.set('2026-03-09T16:00:01Z');
      expect(await engine.fire(publicity)).to.equal('fired');
      w.clock.set('2026-03-10T06:00:00Z');
      const failed = await sendAs('guomao.requester', row.id, { type: 'ELECTION_HELD', ...vote(90, 59, 50, '2026-03-10') });
      expect(failed.state).to.equal('open.beforeTheVote.nomination');
      expect(ctxOf(failed).attempts).to.have.length(1);

      const hardAfter = (await deadlines(row.id)).filter((d) => d.decl_id === 'by-election-due');
      expect(hardAfter).to.have.length(1);
      expect(hardAfter[0]).to.include({ id: hardBefore.id, status: 'pending' });
      expect(Number(hardAfter[0].due_at)).to.equal(Number(hardBefore.due_at));
      expect((await deadlines(row.id)).find((d) => d.decl_id === 'publicity-ends')!.status).to.equal('closed');
    });

    it('past the deadline the case is flagged overdue, the parent approver is mailed, and the notice re-arms 7 days later', async () => {
      const row = await startCase();
      const hard = (await deadlines(row.id)).find((d) => d.decl_id === 'by-election-due')!;
      w.clock.set('2026-05-10T16:05:00Z');
      expect(await engine.fire(hard)).to.equal('fired');

      const now = await w.knex('instances').where({ id: row.id }).first();
      expect(ctxOf(now)).to.include({ overdue: true, overdueNotices: 1 });
      expect(now.subject).to.match(/^【已逾期/);
      const mail = await w.knex('outbox').where({ instance_id: row.id, template: 'overdue' });
      expect(mail.map((m) => m.to_user_id)).to.deep.equal([w.demo.users['jianwai.approver'].id]);

      const rows = (await deadlines(row.id)).filter((d) => d.decl_id === 'by-election-due');
      expect(rows.map((d) => d.status)).to.deep.equal(['fired', 'pending']);
      expect(Number(rows[1].due_at)).to.equal(Number(hard.due_at) + 7 * 86_400_000);
    });

    it('a reminder fires to the union and its parent; a reminder already past when the case opened is cancelled unsent', async () => {
      const row = await startCase({ ...body, vacancyDate: '2026-01-10' }); // deadline 04-10; 60-day rung 02-09 already past
      const rows = await deadlines(row.id);
      w.clock.set('2026-03-02T02:01:00Z');
      expect(await engine.fire(rows.find((d) => d.decl_id === 'reminder-rung-1')!)).to.equal('cancelled');
      expect((await w.knex('outbox').where({ instance_id: row.id })).map((m) => m.template)).to.deep.equal(['vacancy_reported']);

      w.clock.set('2026-03-11T01:00:10Z');
      expect(await engine.fire(rows.find((d) => d.decl_id === 'reminder-rung-2')!)).to.equal('fired');
      const mail = await w.knex('outbox').where({ instance_id: row.id, template: 'vacancy_reminder' });
      expect(mail.map((m) => m.to_user_id)).to.have.members([w.demo.users['guomao.requester'].id, w.demo.users['jianwai.approver'].id]);
    });

    it('a vacancy reported after its deadline drops every stale reminder and sends one overdue notice, re-armed after now', async () => {
      const row = await startCase({ ...body, vacancyDate: '2025-10-01' }); // deadline end of 2026-01-01, two months ago
      const due = async () => w.knex<DeadlineRow>('deadlines').where({ instance_id: row.id, status: 'pending' }).where('due_at', '<=', w.clock.now().getTime()).orderBy('due_at');
      const outcomes: string[] = [];
      for (let batch = await due(); batch.length; batch = await due()) for (const d of batch) outcomes.push(`${d.decl_id}:${await engine.fire(d)}`);
      expect(outcomes.filter((o) => o.startsWith('reminder-'))).to.have.members(['reminder-rung-1:cancelled', 'reminder-rung-2:cancelled', 'reminder-rung-3:cancelled', 'reminder-rung-4:cancelled']);
      const firings = outcomes.filter((o) => o === 'by-election-due:fired').length;
      expect(firings).to.equal(1); // re-armed at the first weekly slot after now, not back to back
      const mail = await w.knex('outbox').where({ instance_id: row.id });
      expect(mail.map((m) => m.template)).to.deep.equal(['vacancy_reported', 'overdue']);
      const now = await w.knex('instances').where({ id: row.id }).first();
      expect(ctxOf(now)).to.include({ overdue: true, overdueNotices: 1, overdueSince: '2026-01-01T16:00:00.000Z' });
      const next = await w.knex<DeadlineRow>('deadlines').where({ instance_id: row.id, status: 'pending' });
      expect(next.map((d) => [d.decl_id, new Date(Number(d.due_at)).toISOString()])).to.deep.equal([['by-election-due', '2026-03-05T16:00:00.000Z']]);
    });

    it('cancelling by the parent approver ends the case and closes every deadline', async () => {
      const row = await startCase();
      const done = await sendAs('jianwai.approver', row.id, { type: 'CANCEL', reason: '企业注销，工会撤销' });
      expect(done).to.include({ state: 'cancelled', status: 'cancelled' });
      expect((await deadlines(row.id)).map((d) => d.status)).to.deep.equal(['cancelled', 'cancelled', 'cancelled', 'cancelled', 'cancelled']);
    });

    it('the whole story runs to the result review; nobody but the parent approver decides', async () => {
      const row = await startCase();
      await sendAs('guomao.requester', row.id, { type: 'NOMINATE', candidates: [candidate] });
      const refused = await sendAs('guomao.requester', row.id, { type: 'APPROVE_CANDIDATE', ...partyAgreement }).catch((e) => e);
      expect(STATUS[refused.code as ErrorCode]).to.equal(403);
      await sendAs('jianwai.approver', row.id, { type: 'APPROVE_CANDIDATE', ...partyAgreement, partyAgreedOn: '2026-03-01' });
      w.clock.set('2026-03-09T16:00:01Z');
      await engine.fire((await deadlines(row.id)).find((d) => d.decl_id === 'publicity-ends')!);
      w.clock.set('2026-03-12T06:00:00Z');
      const bad = await sendAs('guomao.requester', row.id, { type: 'ELECTION_HELD', ...vote(90, 95, 46, '2026-03-12') }).catch((e) => e);
      expect(STATUS[bad.code as ErrorCode]).to.equal(422);
      expect(bad.errors.map((e: any) => e.pointer)).to.deep.equal(['/present']);
      const elected = await sendAs('guomao.requester', row.id, { type: 'ELECTION_HELD', ...vote(90, 70, 61, '2026-03-12') });
      expect(elected.state).to.equal('open.elected');
      const reported = await sendAs('guomao.requester', row.id, { type: 'REPORT_RESULT', startDate: '2026-03-12' });
      expect(reported.state).to.equal('open.resultReview');
      const returned = await sendAs('jianwai.approver', row.id, { type: 'RETURN_RESULT', comment: '请附选举会议记录' });
      expect(returned.state).to.equal('open.elected');
      const again = await sendAs('guomao.requester', row.id, { type: 'REPORT_RESULT', startDate: '2026-03-12', note: '已附会议记录' });
      expect(ctxOf(again).reports).to.have.length(2);
    });

    // Enable once workflows/engine/effects.ts's enterRegister reads P4's params (see the report).
    it('approving the result records the new chair as a cadre in the register', async () => {
      const row = await startCase();
      await sendAs('guomao.requester', row.id, { type: 'NOMINATE', candidates: [candidate] });
      await sendAs('jianwai.approver', row.id, { type: 'APPROVE_CANDIDATE', ...partyAgreement, partyAgreedOn: '2026-03-01' });
      w.clock.set('2026-03-09T16:00:01Z');
      await engine.fire((await deadlines(row.id)).find((d) => d.decl_id === 'publicity-ends')!);
      w.clock.set('2026-03-12T06:00:00Z');
      await sendAs('guomao.requester', row.id, { type: 'ELECTION_HELD', ...vote(90, 70, 61, '2026-03-12') });
      await sendAs('guomao.requester', row.id, { type: 'REPORT_RESULT', startDate: '2026-03-12' });
      const done = await sendAs('jianwai.approver', row.id, { type: 'APPROVE_RESULT' });
      expect(done).to.include({ state: 'chairRecorded', status: 'done' });
      const person = await w.knex('people').where({ source_instance_id: row.id }).first();
      expect(person).to.include({ name: '孙敏', kind: 'cadre', status: 'onboarding', start_date: '2026-03-12', org_id: w.demo.orgs.guomao.id });
      expect((await deadlines(row.id)).map((d) => d.status)).to.not.include('pending').and.not.include('fired');
    });
  });
});
