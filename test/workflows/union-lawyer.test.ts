// 工会专职律师's machine alone: the contract approved and signed, lawyers entering and leaving the
// register, the reminder opening the renewal decision, a renewal as a new period, the end by itself.
import { expect } from 'chai';
import { machine } from '../../workflows/union-lawyer/union-lawyer.machine.ts';
import { runMachine, type Action } from './run-machine.ts';
import { machineStatePaths } from '../../workflows/engine/state-path.ts';

const hr = { actor: { id: '7', name: '刘洋', orgId: 2, roles: ['hr' as const] }, at: '2026-03-02T02:00:00.000Z' };
const approver = { actor: { id: '6', name: '张伟', orgId: 2, roles: ['approver' as const] }, at: '2026-03-03T02:00:00.000Z' };
const system = { actor: { id: 'system', name: '系统', orgId: null, roles: [] }, at: '2027-01-14T01:00:00.000Z' };
const start = { firm: '京师', units: [{ id: 9, name: '建外站' }, { id: 10, name: '望京' }], number: 'HT-1', startDate: '2026-03-16', endDate: '2027-03-15', feeYuan: 120000 };
const lawyer = (n: number, unitId = 9) => ({ type: 'ASSIGN_LAWYER', name: `律师${n}`, idNumber: 'x', idNumberRef: n, licenceNo: `1110120201010000${n}`, unitId, startDate: '2026-03-16', ...hr });
const SIGNED = [{ type: 'SUBMIT', ...hr }, { type: 'APPROVE', ...approver }, { type: 'RECORD_SIGNING', signedOn: '2026-03-10', ...hr }];

const run = (events: any[]) => runMachine(machine, { start, code: '2.abc', terms: { reminderDays: [60, 30], reviewWorkingDays: [5, 10] }, ...hr }, events);
const of = (actions: Action[], type: string) => actions.filter((a) => a.type === type).map((a) => a.params);

describe('union-lawyer machine', () => {
  it('has the states of a contract: drafted, reviewed, signed, in force, renewal, ended', () => {
    expect(machineStatePaths(machine)).to.have.members(['draft', 'review', 'approved', 'inForce', 'renewalDecision', 'renewalReview', 'ended', 'rejected', 'cancelled']);
  });

  it('a lawyer assigned to a covered station enters the register onboarding with the firm and contract; a released one leaves by their own role', () => {
    const { s, actions } = run([...SIGNED, lawyer(1), lawyer(2, 10), { type: 'RELEASE_LAWYER', lawyer: 'l2', endDate: '2026-09-30', reason: '调整', ...hr }]);
    expect(s.value).to.equal('inForce');
    const entered = of(actions, 'enterRegister');
    expect(entered.map((p) => [p.personKind, p.status, p.details.unit.name, p.details.firm, p.details.contractNo, p.details.role])).to.deep.equal([
      ['lawyer', 'onboarding', '建外站', '京师', 'HT-1', 'union-lawyer:2.abc:l1'], ['lawyer', 'onboarding', '望京', '京师', 'HT-1', 'union-lawyer:2.abc:l2'],
    ]);
    expect(of(actions, 'leaveRegister')).to.deep.equal([{ personKind: 'lawyer', role: 'union-lawyer:2.abc:l2', endDate: '2026-09-30', status: 'exited', reason: '调整' }]);
    expect(run([...SIGNED, lawyer(1, 11)]).s.context.lawyers).to.have.length(0); // not covered
  });

  it('the reminder opens the renewal decision; a renewal approved is a new period back in force; a returned one waits for another', () => {
    const renew = { type: 'RENEW', number: 'HT-2', startDate: '2027-03-16', endDate: '2028-03-15', feeYuan: 125000, ...hr };
    const { s, actions } = run([...SIGNED, lawyer(1), { type: 'CONTRACT_ENDING', ...system }, { ...renew, startDate: '2027-04-01' }, renew, { type: 'APPROVE_RENEWAL', ...approver }]);
    expect(s.value).to.equal('inForce');
    expect(s.context.periods.map((p: any) => [p.number, p.endDate])).to.deep.equal([['HT-1', '2027-03-15'], ['HT-2', '2028-03-15']]);
    expect(of(actions, 'notify').map((p) => p.template)).to.include('contract_ending');
    expect(of(actions, 'leaveRegister')).to.deep.equal([]);
    const back = run([...SIGNED, { type: 'CONTRACT_ENDING', ...system }, renew, { type: 'RETURN_RENEWAL', comment: '费用过高', ...approver }]);
    expect([back.s.value, back.s.context.proposal]).to.deep.equal(['renewalDecision', undefined]);
  });

  it('left to run out, or ended early, the contract takes every assigned lawyer out of the register on its last day', () => {
    const out = run([...SIGNED, lawyer(1), lawyer(2), { type: 'CONTRACT_ENDING', ...system }, { type: 'CONTRACT_EXPIRES', ...system }]);
    expect(out.s.value).to.equal('ended');
    expect(of(out.actions, 'leaveRegister').map((p) => [p.role, p.endDate])).to.deep.equal([['union-lawyer:2.abc:l1', '2027-03-15'], ['union-lawyer:2.abc:l2', '2027-03-15']]);
    const early = run([...SIGNED, lawyer(1), { type: 'END', endDate: '2026-12-31', reason: '违约', ...hr }]);
    expect([early.s.value, early.s.context.ended.endDate]).to.deep.equal(['ended', '2026-12-31']);
    expect(of(early.actions, 'leaveRegister').map((p) => p.endDate)).to.deep.equal(['2026-12-31']);
  });

  it('a draft is edited, returned, rejected or withdrawn; it is not signed before its approval', () => {
    const edited = run([{ type: 'UPDATE', feeYuan: 110000, ...hr }, { type: 'SUBMIT', ...hr }, { type: 'RETURN', comment: '改', ...approver }]);
    expect([edited.s.value, edited.s.context.periods[0].feeYuan]).to.deep.equal(['draft', 110000]);
    expect(run([{ type: 'WITHDRAW', ...hr }]).s.value).to.equal('cancelled');
    expect(run([{ type: 'SUBMIT', ...hr }, { type: 'REJECT', reason: '不需要', ...approver }]).s.value).to.equal('rejected');
    // Approved 2026-03-03 10:00 Beijing: it cannot have been signed the day before.
    expect(run([{ type: 'SUBMIT', ...hr }, { type: 'APPROVE', ...approver }, { type: 'RECORD_SIGNING', signedOn: '2026-03-02', ...hr }]).s.value).to.equal('approved');
  });
});
