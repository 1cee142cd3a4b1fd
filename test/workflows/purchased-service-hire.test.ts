// P1's machine alone: pure transitions, no database. Paths generated from the model with @xstate/graph.
import { expect } from 'chai';
import { getShortestPaths, getSimplePaths } from '@xstate/graph';
import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { machine } from '../../workflows/purchased-service-hire/purchased-service-hire.machine.ts';
import { purchasedServiceHire as def } from '../../workflows/purchased-service-hire/index.ts';
import { withCheckDigit } from '../../workflows/rules/resident-id.ts';
import { p1Request } from '../helpers.ts';
import { contractProblems } from '../../workflows/purchased-service-hire/purchased-service-hire.rules.ts';

const requester = { actor: { id: '2', name: '王芳', orgId: 10, roles: ['requester' as const] }, at: '2026-03-02T02:00:00.000Z' };
const approver = { actor: { id: '3', name: '李强', orgId: 5, roles: ['approver' as const] }, at: '2026-03-03T02:00:00.000Z' };
const system = { actor: { id: 'system', name: '系统', orgId: null, roles: [] }, at: '2026-09-03T02:00:00.000Z' };
const request = p1Request() as any;
const terms = { lapseMonths: 6, lapseReminderDays: 30 }; // settings frozen at the start (settings.ts defaults)
const person = (name: string) => ({ name, idNumber: withCheckDigit('11010519900307123'), knowsLabourLaw: true as const, goodAtMassWork: true as const });
const contract = (candidate: string) => ({ candidate, kind: 'labour_contract' as const, number: `HT-${candidate}`, startDate: '2026-04-01', endDate: '2028-03-31' });

const EVENTS: any[] = [
  { type: 'UPDATE', reason: '补充说明', ...requester },
  { type: 'SUBMIT', ...requester },
  { type: 'RESUBMIT', ...requester },
  { type: 'WITHDRAW', ...requester },
  { type: 'APPROVE', ...approver },
  { type: 'REJECT', reason: '经费不足', ...approver },
  { type: 'RETURN', comment: '请补充', ...approver },
  { type: 'RECORD_CANDIDATE', ...person('周敏'), ...requester },
  { type: 'RECORD_CONTRACT', ...contract('c1'), ...requester },
  { type: 'CLOSE_HIRING', ...requester },
  { type: 'REMIND', ...system },
  { type: 'ESCALATE', ...system },
  { type: 'LAPSE_REMIND', ...system },
  { type: 'LAPSE', ...system },
];

const start = () => initialTransition(machine, { request, terms, ...requester })[0];
function run(events: any[], from: AnyMachineSnapshot = start()) {
  let s = from;
  const actions: { type: string; params?: any }[] = [];
  for (const e of events) {
    const [next, acts] = transition(machine, s, e);
    s = next;
    actions.push(...acts);
  }
  return { s, actions };
}
const ev = (type: string) => EVENTS.find((e) => e.type === type);
// Rounds are capped in the key and traversal stops after three, so return/resubmit loops stay finite.
const key = (s: AnyMachineSnapshot) => `${JSON.stringify(s.value)}|${Math.min(s.context.rounds.length, 3)}|${s.context.candidates.length}|${s.context.candidates.filter((c: any) => c.contract).length}`;

describe('P1 purchased-service hire machine', () => {
  const traversal = { input: { request, terms, ...requester }, events: EVENTS, serializeState: key, stopWhen: (s: AnyMachineSnapshot) => s.context.rounds.length >= 3, limit: 5000 };
  let paths: ReturnType<typeof getShortestPaths<typeof machine>>;
  before(() => { paths = getShortestPaths(machine, traversal); });

  it('reaches every state the definition describes, and only those', () => {
    const reached = new Set(paths.map((p) => String(p.state.value)));
    expect([...reached].sort()).to.deep.equal(Object.keys(def.states).sort());
  });

  it('on every generated path, a case is approved only by an APPROVE after its latest submission', () => {
    for (const p of paths.filter((x) => x.state.value === 'approved' || x.state.value === 'completed')) {
      const types = p.steps.map((st) => st.event.type);
      const lastSubmit = Math.max(types.lastIndexOf('SUBMIT'), types.lastIndexOf('RESUBMIT'));
      expect(types.indexOf('APPROVE', lastSubmit), types.join('>')).to.be.greaterThan(lastSubmit);
    }
  });

  it('on every simple path to completion, each approved place ends with a recorded contract or an explicit close', () => {
    const simple = getSimplePaths(machine, { ...traversal, toState: (s) => s.value === 'completed' });
    expect(simple.length).to.be.greaterThan(0);
    for (const p of simple) expect(p.state.context.candidates.some((c: any) => c.contract)).to.equal(true);
  });

  it('keeps every round when the parent union returns the request and it is resubmitted', () => {
    const { s, actions } = run([ev('SUBMIT'), ev('RETURN'), ev('UPDATE'), ev('RESUBMIT')]);
    expect(s.value).to.equal('submitted');
    expect(s.context.rounds).to.have.length(2);
    expect(s.context.rounds[0]).to.include({ comment: '请补充', returnedAt: approver.at });
    expect(s.context.request.reason).to.equal('补充说明');
    expect(actions.filter((a) => a.type === 'notify').map((a) => a.params.template)).to.deep.equal(['task_assigned', 'decision', 'task_assigned']);
  });

  it('issues the written approval and tells the requester on approval', () => {
    const { s, actions } = run([ev('SUBMIT'), { type: 'APPROVE', conditions: '按月足额发放', ...approver }]);
    expect(s.value).to.equal('approved');
    expect(s.context.decision).to.include({ kind: 'approved', conditions: '按月足额发放' });
    expect(actions.map((a) => a.type)).to.include('issueDocument');
  });

  it('escalation notifies the grandparent union and keeps the case with the parent', () => {
    const { s, actions } = run([ev('SUBMIT'), ev('ESCALATE')]);
    expect(s.value).to.equal('submitted');
    expect(s.context.escalatedAt).to.equal(system.at);
    expect(actions.filter((a) => a.type === 'notify').map((a) => a.params.to.relation)).to.include.members(['grandparent', 'parent']);
  });

  it('records no more people for a post than were approved', () => {
    const { s } = run([ev('SUBMIT'), ev('APPROVE'), ev('RECORD_CANDIDATE'), { type: 'RECORD_CANDIDATE', ...person('第二人'), ...requester }]);
    expect(s.context.candidates).to.have.length(1);
  });

  it('completes by itself when the last approved place has a contract, entering the person in the register', () => {
    const { s, actions } = run([ev('SUBMIT'), ev('APPROVE'), ev('RECORD_CANDIDATE'), ev('RECORD_CONTRACT')]);
    expect(s.value).to.equal('completed');
    expect(s.status).to.equal('done');
    const entered = actions.find((a) => a.type === 'enterRegister')?.params;
    expect(entered).to.include({ personKind: 'purchased_service_staff', name: '周敏', status: 'in_post', startDate: '2026-04-01' });
    expect(entered.details).to.include({ candidate: 'c1', knowsLabourLaw: true, goodAtMassWork: true });
    expect(entered.details.contract).to.include({ number: 'HT-c1', kind: 'labour_contract' });
  });

  it('with two places and one contract, hiring stays open until closed or lapsed', () => {
    const two = initialTransition(machine, { request: { ...request, posts: [{ ...request.posts[0], count: 2 }] }, terms, ...requester })[0];
    const { s } = run([ev('SUBMIT'), ev('APPROVE'), ev('RECORD_CANDIDATE'), ev('RECORD_CONTRACT')], two);
    expect(s.value).to.equal('approved');
    expect(run([ev('LAPSE')], s).s.value).to.equal('completed');
    expect(run([ev('CLOSE_HIRING')], s).s.value).to.equal('completed');
  });

  it('lapses after six months without any contract', () => {
    const { s, actions } = run([ev('SUBMIT'), ev('APPROVE'), ev('RECORD_CANDIDATE'), ev('LAPSE')]);
    expect(s.value).to.equal('lapsed');
    expect(actions.filter((a) => a.type === 'notify').map((a) => a.params.template)).to.include('lapsed');
  });

  it('refuses a contract of another kind than approved, and a second contract for the same person', () => {
    const approved = run([ev('SUBMIT'), ev('APPROVE'), ev('RECORD_CANDIDATE')]).s;
    expect(approved.can({ type: 'RECORD_CONTRACT', ...contract('c1'), kind: 'service_agreement', ...requester } as any)).to.equal(false);
    expect(approved.can({ type: 'RECORD_CONTRACT', ...contract('c9'), ...requester } as any)).to.equal(false);
    expect(def.events.RECORD_CONTRACT.check!(approved.context, { ...contract('c1'), kind: 'service_agreement' })[0].pointer).to.equal('/kind');
  });

  it('cannot be withdrawn once decided', () => {
    const approved = run([ev('SUBMIT'), ev('APPROVE')]).s;
    expect(approved.can(ev('WITHDRAW'))).to.equal(false);
  });

  describe('the contract and the lapse (R-psh-contract §3.1.3)', () => {
    const approvedAt = (at: string) => run([ev('SUBMIT'), { ...ev('APPROVE'), at }, ev('RECORD_CANDIDATE')]).s;
    const problems = (s: AnyMachineSnapshot, c: object) => def.events.RECORD_CONTRACT.check!(s.context, { ...contract('c1'), ...c }).map((p) => p.pointer);

    it('refuses a contract that starts before the approval date (Asia/Shanghai), and accepts one starting that day', () => {
      const s = approvedAt('2026-03-02T17:00:00.000Z'); // 2026-03-03 01:00 in Beijing
      expect(s.can({ type: 'RECORD_CONTRACT', ...contract('c1'), startDate: '2020-01-01', ...requester } as any)).to.equal(false);
      expect(problems(s, { startDate: '2026-03-02' })).to.deep.equal(['/startDate']);
      expect(problems(s, { startDate: '2026-03-03' })).to.deep.equal([]);
      const { s: done, actions } = run([{ type: 'RECORD_CONTRACT', ...contract('c1'), startDate: '2026-03-03', ...requester }], s);
      expect(done.value).to.equal('completed');
      expect(actions.find((a) => a.type === 'enterRegister')?.params.startDate).to.equal('2026-03-03');
    });

    it('a labour contract has an end date or is open-ended, not both and not neither; a service agreement always ends', () => {
      const s = approvedAt('2026-03-03T02:00:00.000Z');
      const { endDate, ...noEnd } = contract('c1');
      const only = (c: typeof noEnd & { endDate?: string; openEnded?: true }) => def.events.RECORD_CONTRACT.check!(s.context, c).map((p) => p.pointer);
      expect(only(noEnd)).to.deep.equal(['/endDate']);
      expect(only({ ...noEnd, openEnded: true })).to.deep.equal([]);
      expect(only({ ...contract('c1'), openEnded: true })).to.deep.equal(['/endDate']);
      expect(only({ ...contract('c1'), endDate: '2026-04-01' })).to.deep.equal(['/endDate']); // not after the start
      const service = { ...request, contractKind: 'service_agreement' };
      expect(contractProblems(service, s.context.candidates, { ...noEnd, kind: 'service_agreement', openEnded: true }, '2026-03-03').map((p) => p.pointer)).to.deep.equal(['/openEnded']);
      expect(contractProblems(service, s.context.candidates, { ...noEnd, kind: 'service_agreement' }, '2026-03-03').map((p) => p.pointer)).to.deep.equal(['/endDate']);
      const { s: open } = run([{ type: 'RECORD_CONTRACT', ...noEnd, openEnded: true, ...requester }], s);
      expect(open.value).to.equal('completed');
      expect(open.context.candidates[0].contract).to.include({ openEnded: true });
    });

    it('the approval carries the lapse it was issued with, from the terms frozen at the start', () => {
      expect(run([ev('SUBMIT'), ev('APPROVE')]).s.context.decision.lapse).to.deep.equal({ months: 6, on: '2026-09-03' });
      const three = initialTransition(machine, { request, terms: { lapseMonths: 3, lapseReminderDays: 10 }, ...requester })[0];
      expect(run([ev('SUBMIT'), ev('APPROVE')], three).s.context.decision.lapse).to.deep.equal({ months: 3, on: '2026-06-03' });
    });
  });
});
