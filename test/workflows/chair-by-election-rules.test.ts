// P4 read as the plan writes it (issue 7, items 14–19): possible dates, the three months met by
// the vote, the parent union's own answer deadline, the outgoing chair leaving the register,
// pre-job training for grassroots chairs only, every number a [default] frozen into the case.
import { expect } from 'chai';
import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { chairByElection, termsOf } from '../../workflows/chair-by-election/index.ts';
import { machine, type Context } from '../../workflows/chair-by-election/chair-by-election.machine.ts';
import { publicityLastDay, reminderIsCurrent, type Terms } from '../../workflows/chair-by-election/chair-by-election.rules.ts';
import { DEFAULT_SETTINGS, loadSettings } from '../../workflows/settings.ts';
import type { Actor, WorkflowDefinition } from '../../workflows/types.ts';

const requester: Actor = { id: '2', name: '王芳（国贸物业工会）', orgId: 10, roles: ['requester'] };
const approver: Actor = { id: '3', name: '李强（建外街道总工会主席）', orgId: 5, roles: ['approver'] };
const system: Actor = { id: 'system', name: '系统 system', orgId: null, roles: [] };
const vacancy = { vacancyDate: '2026-01-10', reason: 'resigned' as const, actingChair: '赵副主席', previousChair: '钱主席' }; // deadline 2026-04-10
const candidate = { name: '孙敏', currentPost: '工会副主席', partyMember: true };
const party = { partyAgreement: true, partyOrganisation: '北京国贸物业管理有限公司党支部', partyAgreedOn: '2026-01-19' };
const vote = (entitled: number, present: number, votes: number, date: string) => ({ date, electingBody: 'members_congress', entitled, present, votes });
const defaults = termsOf(DEFAULT_SETTINGS);

const start = (o: { terms?: Partial<Terms>; grassroots?: boolean } = {}) =>
  initialTransition(machine, { vacancy, actor: requester, at: '2026-01-15T02:00:00.000Z', terms: { ...defaults, ...o.terms }, grassroots: o.grassroots ?? true })[0];
const send = (s: AnyMachineSnapshot, who: Actor, e: { type: string; [k: string]: unknown }, at: string) => transition(machine, s, { ...e, actor: who, at } as any);
const can = (s: AnyMachineSnapshot, who: Actor, e: { type: string; [k: string]: unknown }, at: string) => s.can({ ...e, actor: who, at } as any);
const check = (type: string, s: AnyMachineSnapshot, e: object, at: string) =>
  (chairByElection as WorkflowDefinition).events[type].check!(s.context, { type, ...e }, { actor: requester, at }).map((p) => p.pointer);
const ctx = (s: AnyMachineSnapshot) => s.context as Context;
const notes = (actions: { type: string; params?: any }[]) =>
  actions.filter((a) => a.type === 'notify').map((a) => `${a.params.template}→${a.params.to.relation}:${a.params.deadlineId ?? ''}`);

/** Through publicity (approved 01-20, last day 01-27) to the election, from a given start. */
function toElection(s = start()) {
  [s] = send(s, requester, { type: 'NOMINATE', candidates: [candidate] }, '2026-01-16T02:00:00.000Z');
  [s] = send(s, approver, { type: 'APPROVE_CANDIDATE', ...party }, '2026-01-20T02:00:00.000Z');
  [s] = send(s, system, { type: 'PUBLICITY_ENDS' }, '2026-01-27T16:00:00.000Z');
  return s;
}
const overdueFired = (s: AnyMachineSnapshot) =>
  send(s, system, { type: 'OVERDUE', deadline: { id: 1, declId: 'by-election-due', kind: 'due', dueAt: '2026-04-10T16:00:00.000Z', rule: 'R-chair-vacancy', clause: '§3.1.1' } }, '2026-04-10T16:00:05.000Z')[0];

describe('P4 rules read as the plan writes them', () => {
  describe('dates must be possible (item 14)', () => {
    it('refuses an election dated after today (Asia/Shanghai) with /date; the same day is fine', () => {
      const s = toElection();
      const at = '2026-02-01T15:00:00.000Z'; // 2026-02-01 23:00 in Beijing
      expect(can(s, requester, { type: 'ELECTION_HELD', ...vote(90, 60, 46, '2026-02-02') }, at)).to.equal(false);
      expect(check('ELECTION_HELD', s, vote(90, 60, 46, '2026-02-02'), at)).to.deep.equal(['/date']);
      expect(check('ELECTION_HELD', s, vote(90, 60, 46, '2026-02-01'), at)).to.deep.equal([]);
    });

    it('refuses a party agreement dated in the future or before the vacancy, with /partyAgreedOn', () => {
      let [s] = send(start(), requester, { type: 'NOMINATE', candidates: [candidate] }, '2026-01-16T02:00:00.000Z');
      const at = '2026-01-20T02:00:00.000Z';
      for (const day of ['2031-01-19', '2026-01-21', '2026-01-09']) {
        expect(can(s, approver, { type: 'APPROVE_CANDIDATE', ...party, partyAgreedOn: day }, at), day).to.equal(false);
        expect(check('APPROVE_CANDIDATE', s, { ...party, partyAgreedOn: day }, at), day).to.deep.equal(['/partyAgreedOn']);
      }
      expect(check('APPROVE_CANDIDATE', s, { ...party, partyAgreedOn: '2026-01-10' }, at)).to.deep.equal([]);
      [s] = send(s, approver, { type: 'APPROVE_CANDIDATE', ...party, partyAgreedOn: '2026-01-20' }, at);
      expect(s.value).to.equal('publicity');
    });

    it('refuses an election dated before the vacancy (it must follow the publicity, which follows the report)', () => {
      expect(check('ELECTION_HELD', toElection(), vote(90, 60, 46, '2026-01-09'), '2026-02-01T08:00:00.000Z')).to.deep.equal(['/date']);
    });

    it('refuses a term starting before the vote, with /startDate', () => {
      const [s] = send(toElection(), requester, { type: 'ELECTION_HELD', ...vote(90, 60, 46, '2026-02-01') }, '2026-02-01T08:00:00.000Z');
      expect(can(s, requester, { type: 'REPORT_RESULT', startDate: '2026-01-31' }, '2026-02-02T02:00:00.000Z')).to.equal(false);
      expect(check('REPORT_RESULT', s, { startDate: '2026-01-31' }, '2026-02-02T02:00:00.000Z')).to.deep.equal(['/startDate']);
    });
  });

  describe('the three months are met by the vote (item 15)', () => {
    it('after a valid vote the hard deadline no longer speaks: no reminder or overdue notice is taken, the report and the review have their own', () => {
      let [s, actions] = send(toElection(), requester, { type: 'ELECTION_HELD', ...vote(90, 60, 46, '2026-02-01') }, '2026-02-01T08:00:00.000Z');
      expect(s.value).to.equal('elected');
      expect(ctx(s).attempts[0]).to.include({ elected: true, inTime: true });
      expect(can(s, system, { type: 'OVERDUE' }, '2026-04-11T00:00:00.000Z')).to.equal(false);
      expect(can(s, system, { type: 'REMIND' }, '2026-04-09T01:00:00.000Z')).to.equal(false);
      [s, actions] = send(s, requester, { type: 'REPORT_RESULT', startDate: '2026-02-01' }, '2026-02-02T02:00:00.000Z');
      expect(notes(actions)).to.deep.equal(['task_assigned→parent:result-review-due']);
      expect(can(s, system, { type: 'OVERDUE' }, '2026-04-11T00:00:00.000Z')).to.equal(false);
      [, actions] = send(s, system, { type: 'REVIEW_REMIND' }, '2026-02-09T01:00:00.000Z');
      expect(notes(actions)).to.deep.equal(['reminder→parent:result-review-due']);
      [, actions] = send(s, system, { type: 'REVIEW_OVERDUE' }, '2026-02-16T16:00:00.000Z');
      expect(notes(actions)).to.deep.equal(['escalation→grandparent:result-review-due', 'result_review_overdue→parent:result-review-due']);
      const [back, returned] = send(s, approver, { type: 'RETURN_RESULT', comment: '请附会议记录' }, '2026-02-03T02:00:00.000Z');
      expect(back.value).to.equal('elected');
      expect(notes(returned)).to.deep.equal(['decision→own:result-report-due']);
      expect(notes(send(back, system, { type: 'REPORT_OVERDUE' }, '2026-02-20T16:00:00.000Z')[1])).to.deep.equal(['result_report_overdue→own:result-report-due', 'result_report_overdue→parent:result-report-due']);
    });

    it('a vote held in time but recorded after the deadline fired clears the overdue mark; the notices sent stay counted', () => {
      const late = overdueFired(toElection());
      expect(ctx(late)).to.include({ overdue: true, overdueNotices: 1 });
      const [s] = send(late, requester, { type: 'ELECTION_HELD', ...vote(90, 60, 46, '2026-04-10') }, '2026-04-13T02:00:00.000Z');
      expect(ctx(s)).to.include({ overdue: false, overdueNotices: 1, overdueSince: '2026-04-10T16:00:00.000Z' });
      expect(ctx(s).attempts[0].inTime).to.equal(true);
      expect(chairByElection.subject(s.context)).to.not.match(/已逾期/);
    });

    it('a vote held after the deadline leaves the case overdue for good, even if no notice had fired yet', () => {
      const [s] = send(toElection(), requester, { type: 'ELECTION_HELD', ...vote(90, 60, 46, '2026-04-11') }, '2026-04-11T08:00:00.000Z');
      expect(s.value).to.equal('elected');
      expect(ctx(s)).to.include({ overdue: true, overdueSince: '2026-04-10T16:00:00.000Z' });
      expect(ctx(s).attempts[0].inTime).to.equal(false);
      expect(chairByElection.subject(s.context)).to.match(/^【已逾期/);
    });

    it('a failed vote leaves the hard deadline in force', () => {
      const [s] = send(toElection(), requester, { type: 'ELECTION_HELD', ...vote(90, 59, 46, '2026-02-01') }, '2026-02-01T08:00:00.000Z');
      expect(s.value).to.equal('nomination');
      expect(can(s, system, { type: 'OVERDUE' }, '2026-04-11T00:00:00.000Z')).to.equal(true);
    });

    it('declares the hard deadline and its reminders over the states before the vote only, the report over elected and the review over resultReview', () => {
      const states = Object.fromEntries(chairByElection.deadlines.map((d) => [d.id, d.states]));
      expect(states['by-election-due']).to.deep.equal(['nomination', 'candidateReview', 'publicity', 'election']);
      expect(states['reminder-rung-1']).to.deep.equal(states['by-election-due']);
      expect(states['result-report-due']).to.deep.equal(['elected']);
      expect(states['result-review-due']).to.deep.equal(['resultReview']);
      expect(states['result-review-reminder-1']).to.deep.equal(['resultReview']);
    });
  });

  describe('the register (items 17, 18)', () => {
    const approved = (o: { grassroots?: boolean } = {}) => {
      let [s] = send(toElection(start(o)), requester, { type: 'ELECTION_HELD', ...vote(90, 60, 46, '2026-02-01') }, '2026-02-01T08:00:00.000Z');
      [s] = send(s, requester, { type: 'REPORT_RESULT', startDate: '2026-02-01' }, '2026-02-02T02:00:00.000Z');
      return send(s, approver, { type: 'APPROVE_RESULT' }, '2026-02-03T02:00:00.000Z');
    };

    it('approving the result closes the outgoing chair\'s record on the vacancy date, before the new chair enters', () => {
      const [, actions] = approved();
      const types = actions.map((a) => a.type).filter((t) => t !== 'notify' && !t.startsWith('xstate.'));
      expect(types.indexOf('leaveRegister')).to.be.lessThan(types.indexOf('enterRegister'));
      const leave = actions.find((a) => a.type === 'leaveRegister') as any;
      expect(leave.params).to.deep.include({ personKind: 'cadre', role: 'chair', endDate: '2026-01-10', status: 'exited' });
      expect(leave.params.reason).to.include('辞职');
    });

    it('a grassroots union\'s new chair is onboarding (pre-job training, R-prejob §3.2.3); a federation\'s is in post', () => {
      const reg = (o: { grassroots?: boolean }) => (approved(o)[1].find((a) => a.type === 'enterRegister') as any).params.status;
      expect(reg({ grassroots: true })).to.equal('onboarding');
      expect(reg({ grassroots: false })).to.equal('in_post');
    });
  });

  describe('every number is a [default] frozen into the case (item 19)', () => {
    it('SETTINGS_JSON may change them, and refuses a fraction that is not one or a ladder longer than the declared rungs', () => {
      expect(loadSettings('{"byElectionQuorum":[1,2],"byElectionContestedSlate":true}')).to.include({ byElectionContestedSlate: true, candidatePublicityDays: 7 });
      expect(() => loadSettings('{"byElectionQuorum":[3,2]}')).to.throw(/byElectionQuorum/);
      expect(() => loadSettings('{"byElectionMajority":[1]}')).to.throw(/byElectionMajority/);
      expect(() => loadSettings('{"byElectionReminderDaysBefore":[90,60,45,30,14,7,1]}')).to.throw(/at most 6/);
    });

    it('the case keeps the terms it started with', () => {
      expect(ctx(start()).terms).to.deep.equal({
        quorum: [2, 3], majority: [1, 2], contestedSlate: false, publicityDays: 7, reminderDaysBefore: [60, 30, 7, 1], overdueRepeatDays: 7,
        reportWorkingDays: 10, reviewWorkingDays: 10, reviewReminderWorkingDays: [5, 8],
      });
    });

    it('quorum and majority follow the case\'s fractions', () => {
      const s = toElection(start({ terms: { quorum: [1, 2], majority: [2, 3] } }));
      const at = '2026-02-01T08:00:00.000Z';
      expect(send(s, requester, { type: 'ELECTION_HELD', ...vote(90, 45, 45, '2026-02-01') }, at)[0].value).to.equal('nomination'); // quorum yes, 45 ≤ ⅔·90
      expect(send(s, requester, { type: 'ELECTION_HELD', ...vote(90, 61, 61, '2026-02-01') }, at)[0].value).to.equal('elected');
      expect(send(s, requester, { type: 'ELECTION_HELD', ...vote(90, 44, 44, '2026-02-01') }, at)[0].value).to.equal('nomination');
    });

    it('a contested slate, when required, needs more candidates than the one seat', () => {
      const s = start({ terms: { contestedSlate: true } });
      const at = '2026-01-16T02:00:00.000Z';
      expect(can(s, requester, { type: 'NOMINATE', candidates: [candidate] }, at)).to.equal(false);
      expect(check('NOMINATE', s, { candidates: [candidate] }, at)).to.deep.equal(['/candidates']);
      expect(send(s, requester, { type: 'NOMINATE', candidates: [candidate, { ...candidate, name: '周强' }] }, at)[0].value).to.equal('candidateReview');
      expect(can(start(), requester, { type: 'NOMINATE', candidates: [candidate] }, at)).to.equal(true); // default: 等额 allowed
    });

    it('the publicity lasts the case\'s days, and the reminder ladder is the case\'s', () => {
      let [s] = send(start({ terms: { publicityDays: 5 } }), requester, { type: 'NOMINATE', candidates: [candidate] }, '2026-01-16T02:00:00.000Z');
      [s] = send(s, approver, { type: 'APPROVE_CANDIDATE', ...party }, '2026-01-20T02:00:00.000Z');
      expect(ctx(s).nominations[0].publicity?.lastDay).to.equal('2026-01-25');
      expect(publicityLastDay(new Date('2026-01-20T02:00:00Z'), 5)).to.equal('2026-01-25');
      const base = { vacancyDate: '2026-01-10', openedAt: new Date('2026-01-15T02:00:00Z'), dueAt: new Date('2026-03-11T01:00:00Z'), at: new Date('2026-04-02T16:00:00Z') };
      expect(reminderIsCurrent({ ...base, ladder: [60, 30, 7, 1] })).to.equal(false); // the 7-day rung's day has come
      expect(reminderIsCurrent({ ...base, ladder: [30, 3] })).to.equal(true); // no 7-day rung in this ladder
    });
  });
});
