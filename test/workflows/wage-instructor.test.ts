// 工资集体协商指导员's machine alone: pure transitions, no database — the path to appointment, the
// register effects it returns (onboarding; a selected social worker's own record checked by kind),
// returns and refusals by its guards.
import { expect } from 'chai';
import { machine } from '../../workflows/wage-instructor/wage-instructor.machine.ts';
import { wageInstructor as def } from '../../workflows/wage-instructor/index.ts';
import { machineEventTypes, machineStatePaths } from '../../workflows/engine/state-path.ts';
import { runMachine } from './run-machine.ts';

const hr = { actor: { id: '7', name: '刘洋', orgId: 2, roles: ['hr' as const] }, at: '2026-03-02T02:00:00.000Z' };
const approver = { actor: { id: '6', name: '张伟', orgId: 2, roles: ['approver' as const] }, at: '2026-03-03T02:00:00.000Z' };
const terms = { perStation: 3, reviewWorkingDays: [5, 10] as [number, number] };
const sw = (n: number, stationId = 9) => ({ type: 'NOMINATE_SOCIAL_WORKER', socialWorkerId: 100 + n, name: `社工${n}`, idNumber: '1101**********001X', idNumberRef: n, stationId, stationName: '建外街道工会服务站', ...hr });

const run = (events: any[], pathway: 'district_selection' | 'city_recruitment' = 'district_selection') => runMachine(machine, { pathway, title: '选聘', terms, ...hr }, events);

describe('wage-instructor machine', () => {
  it('declares the machine\'s own states and events', () => {
    expect(machineStatePaths(machine)).to.have.members(['nomination', 'review', 'approved', 'appointed', 'rejected', 'cancelled']);
    expect(Object.keys(def.events)).to.have.members(machineEventTypes(machine));
  });

  it('nominate → submit → approve → appoint: each appointee enters the register onboarding at the station, the social worker\'s own record checked by kind', () => {
    const { s, actions } = run([sw(1), sw(2), { type: 'SUBMIT', ...hr }, { type: 'APPROVE', ...approver }, { type: 'APPOINT', startDate: '2026-03-16', ...hr }]);
    expect(s.value).to.equal('appointed');
    const entries = actions.filter((a) => a.type === 'enterRegister').map((a) => a.params);
    expect(entries.map((p) => [p.personKind, p.name, p.status, p.startDate, p.idNumberRef, p.details.unit.id, p.details.post])).to.deep.equal([
      ['wage_instructor', '社工1', 'onboarding', '2026-03-16', 1, 9, '工资集体协商指导员 / wage bargaining instructor'],
      ['wage_instructor', '社工2', 'onboarding', '2026-03-16', 2, 9, '工资集体协商指导员 / wage bargaining instructor'],
    ]);
    const checks = actions.filter((a) => a.type === 'updateRegister').map((a) => a.params);
    expect(checks.map((p) => [p.personId, p.match])).to.deep.equal([[101, { kind: 'social_worker', statuses: ['onboarding', 'in_post'] }], [102, { kind: 'social_worker', statuses: ['onboarding', 'in_post'] }]]);
    expect(actions.filter((a) => a.type === 'notify').map((a) => a.params.template)).to.deep.equal(['task_assigned', 'decision', 'appointment_made']);
  });

  it('the 4th for a station is not taken; a return goes back to nomination, and a rejection ends the case', () => {
    const four = run([sw(1), sw(2), sw(3), sw(4)]);
    expect(four.s.context.nominees).to.have.length(3);
    const back = run([sw(1), { type: 'SUBMIT', ...hr }, { type: 'RETURN', comment: '补充', ...approver }]);
    expect([back.s.value, back.s.context.rounds[0].comment]).to.deep.equal(['nomination', '补充']);
    expect(run([sw(1), { type: 'SUBMIT', ...hr }, { type: 'REJECT', reason: '不符', ...approver }]).s.value).to.equal('rejected');
  });

  it('submits nobody, appoints nobody before the approval\'s day, and takes a retiree only on the city pathway', () => {
    expect(run([{ type: 'SUBMIT', ...hr }]).s.value).to.equal('nomination');
    const early = run([sw(1), { type: 'SUBMIT', ...hr }, { type: 'APPROVE', ...approver }, { type: 'APPOINT', startDate: '2026-03-02', ...hr }]);
    expect(early.s.value).to.equal('approved');
    const retiree = { type: 'NOMINATE_RETIREE', name: '老周', idNumber: 'x', formerEmployer: '市人社局', employerKind: 'hr_social_security', leaveStatus: 'retired', knowsBargaining: true, unitKind: 'district_federation', unitId: 2, unitName: '朝阳区总工会', ...hr };
    expect(run([retiree]).s.context.nominees).to.have.length(0);
    expect(run([retiree], 'city_recruitment').s.context.nominees.map((n: any) => n.unit)).to.deep.equal([{ id: 2, name: '朝阳区总工会' }]);
  });

  it('the review reminder tells the approvers; overdue, the union above is told too', () => {
    const system = { actor: { id: 'system', name: '系统', orgId: null, roles: [] }, at: '2026-03-20T02:00:00.000Z' };
    const { actions } = run([sw(1), { type: 'SUBMIT', ...hr }, { type: 'REVIEW_REMIND', ...system }, { type: 'REVIEW_OVERDUE', ...system }]);
    expect(actions.filter((a) => a.type === 'notify').map((a) => [a.params.template, a.params.to.relation])).to.deep.equal([
      ['task_assigned', 'own'], ['reminder', 'own'], ['overdue', 'own'], ['escalation', 'parent'],
    ]);
  });
});
