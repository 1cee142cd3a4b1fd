// 工会劳动法律监督员's machine alone: concurrent, bought-in and invited nominees, the committee's
// quota, the path to appointment and the register entries it returns.
import { expect } from 'chai';
import { machine } from '../../workflows/labor-supervisor/labor-supervisor.machine.ts';
import { runMachine } from './run-machine.ts';
import { machineStatePaths } from '../../workflows/engine/state-path.ts';

const hr = { actor: { id: '7', name: '刘洋', orgId: 2, roles: ['hr' as const] }, at: '2026-03-02T02:00:00.000Z' };
const approver = { actor: { id: '6', name: '张伟', orgId: 2, roles: ['approver' as const] }, at: '2026-03-03T02:00:00.000Z' };
const person = (n: number) => ({ name: `监督员${n}`, idNumber: 'x', idNumberRef: n, knowsLabourLaw: true });
const concurrent = (n: number, extra = {}) => ({ type: 'NOMINATE_CONCURRENT', ...person(n), currentPost: '法律部干部', ...extra, ...hr });
const purchased = (n: number) => ({ type: 'NOMINATE_PURCHASED', ...person(n), profession: 'legal', provider: '京师', agreementNo: 'FW', agreementStart: '2026-03-16', agreementEnd: '2027-03-15', ...hr });
const invited = (n: number) => ({ type: 'NOMINATE_INVITED', ...person(n), body: 'cppcc', deputyOf: '朝阳区政协', ...hr });

const run = (level: string, events: any[]) => runMachine(machine, { level, committee: { id: 2, name: '朝阳区总工会' }, title: '选聘', terms: { reviewWorkingDays: [5, 10] }, ...hr }, events);

describe('labor-supervisor machine', () => {
  it('has the states of an appointment', () => {
    expect(machineStatePaths(machine)).to.have.members(['nomination', 'review', 'approved', 'appointed', 'rejected', 'cancelled']);
  });

  it('a district appoints concurrent, bought-in and invited supervisors: each enters the register onboarding at the committee with its mode and post', () => {
    const { s, actions } = run('district', [concurrent(1), purchased(2), invited(3), { type: 'SUBMIT', ...hr }, { type: 'APPROVE', ...approver }, { type: 'APPOINT', startDate: '2026-03-16', ...hr }]);
    expect(s.value).to.equal('appointed');
    const entered = actions.filter((a) => a.type === 'enterRegister').map((a) => a.params);
    expect(entered.map((p) => [p.personKind, p.status, p.idNumberRef, p.details.mode, p.details.unit.id, p.details.level])).to.deep.equal([
      ['labor_supervisor', 'onboarding', 1, 'concurrent', 2, 'district'], ['labor_supervisor', 'onboarding', 2, 'purchased', 2, 'district'], ['labor_supervisor', 'onboarding', 3, 'invited', 2, 'district'],
    ]);
    expect(entered[1].details).to.include({ provider: '京师', agreementNo: 'FW' });
    expect(entered[2].details.post).to.contain('人大代表、政协委员');
  });

  it('holds the committee to its quota: a street 1, an enterprise 2 of its own cadres', () => {
    expect(run('street', [concurrent(1), concurrent(2)]).s.context.nominees).to.have.length(1);
    expect(run('enterprise', [purchased(1), concurrent(2), concurrent(3, { unionCadre: true }), concurrent(4, { unionCadre: true }), concurrent(5, { unionCadre: true })]).s.context.nominees.map((n: any) => n.name))
      .to.deep.equal(['监督员3', '监督员4']);
  });

  it('a nominee removed is not appointed; withdrawn, nothing is entered', () => {
    const { s, actions } = run('district', [concurrent(1), concurrent(2), { type: 'REMOVE_NOMINEE', nominee: 'n1', ...hr }, { type: 'SUBMIT', ...hr }, { type: 'APPROVE', ...approver }, { type: 'APPOINT', startDate: '2026-03-16', ...hr }]);
    expect(s.value).to.equal('appointed');
    expect(actions.filter((a) => a.type === 'enterRegister').map((a) => a.params.name)).to.deep.equal(['监督员2']);
    const gone = run('district', [concurrent(1), { type: 'SUBMIT', ...hr }, { type: 'APPROVE', ...approver }, { type: 'WITHDRAW', reason: '调整', ...hr }]);
    expect([gone.s.value, gone.actions.some((a) => a.type === 'enterRegister')]).to.deep.equal(['cancelled', false]);
  });
});
