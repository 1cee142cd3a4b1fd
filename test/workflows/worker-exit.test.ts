// P6's machines alone (§3.4.1 R-lifecycle): who approves which exit, the register effects each path
// returns, a chair's approval starting the by-election, and the contract-end decision's three ends.
import { expect } from 'chai';
import type { AnyMachineSnapshot } from 'xstate';
import { pureInitialTransition, pureTransition } from '../../workflows/engine/pure.ts';
import { machine } from '../../workflows/worker-exit/worker-exit.machine.ts';
import { machine as renewal } from '../../workflows/contract-renewal/contract-renewal.machine.ts';
import type { Actor } from '../../workflows/types.ts';
import { definition } from '../../workflows/registry.ts';

const clerk: Actor = { id: '2', name: '王芳', orgId: 10, roles: ['requester'] };
const leader: Actor = { id: '3', name: '李强', orgId: 5, roles: ['approver'] };
const at = '2026-03-02T02:00:00.000Z';
const person = (kind: string, details: Record<string, unknown> = {}) => ({ id: 7, name: '钱主席', kind, orgId: 10, status: 'in_post', startDate: '2021-03-01', endDate: null, details });
const start = (kind: string, reason: string, details?: Record<string, unknown>) => pureInitialTransition(machine, { person: person(kind, details), reason, actor: clerk, at });
const send = (snap: AnyMachineSnapshot, who: Actor, e: Record<string, unknown>) => pureTransition(machine, snap, { ...e, actor: who, at } as never);
const effects = (actions: { type: string; params?: any }[], type: string) => actions.filter((a) => a.type === type).map((a) => a.params);
const handover = { type: 'HANDOVER_DONE', work: true, files: true, assets: true, accounts: true, pay: true };

describe('worker-exit machine', () => {
  it('puts the person under exit review at the start', () => {
    const [snap, actions] = start('social_worker', 'resignation');
    expect(snap.value).to.equal('review');
    expect(effects(actions, 'updateRegister')).to.deep.equal([{ personId: 7, onDate: '2026-03-02', status: 'exit_review', reason: '退出审核（辞职）/ exit review (resignation)' }]);
  });

  for (const [kind, reason, details, parent] of [
    ['social_worker', 'resignation', {}, false], ['social_worker', 'retirement', {}, false], ['social_worker', 'unfit', {}, true],
    ['community_officer', 'discipline', {}, true], ['cadre', 'transfer', {}, true], ['cadre', 'resignation', { role: 'chair' }, true],
  ] as const)
    it(`${kind}${'role' in details ? ' (chair)' : ''} leaving by ${reason}: ${parent ? 'the parent union approves' : 'straight to the handover'}`, () => {
      const [snap] = start(kind, reason, details);
      expect(send(snap, clerk, { type: 'CONFIRM', exitDate: '2026-03-01' })[0].value).to.equal(parent ? 'parentApproval' : 'handover');
    });

  it('a chair\'s approval starts the by-election with the exit date as the vacancy date, or joins the open one; a cadre\'s starts none', () => {
    const approved = (kind: string, details: Record<string, unknown>) => {
      const [s1] = start(kind, 'retirement', details);
      const [s2] = send(s1, clerk, { type: 'CONFIRM', exitDate: '2026-03-01' });
      return send(s2, leader, { type: 'APPROVE', actingChair: '赵副主席' });
    };
    const [chair, actions] = approved('cadre', { role: 'chair' });
    expect(chair.value).to.equal('handover');
    expect(effects(actions, 'startCase')).to.deep.equal([{
      type: 'byElection', ifOpen: 'link', body: { vacancyDate: '2026-03-01', reason: 'retired', previousChair: '钱主席', actingChair: '赵副主席' },
    }]);
    expect(effects(approved('cadre', {})[1], 'startCase')).to.deep.equal([]);
  });

  it('a chair\'s approval needs an acting chair and an exit date not after today', () => {
    const [s1] = start('cadre', 'resignation', { role: 'chair' });
    const [late] = send(s1, clerk, { type: 'CONFIRM', exitDate: '2026-03-03' });
    expect(late.can({ type: 'APPROVE', actingChair: '赵副主席', actor: leader, at } as never)).to.equal(false);
    const [soon] = send(s1, clerk, { type: 'CONFIRM', exitDate: '2026-03-02' });
    expect(soon.can({ type: 'APPROVE', actor: leader, at } as never)).to.equal(false);
    expect(soon.can({ type: 'APPROVE', actingChair: '赵副主席', actor: leader, at } as never)).to.equal(true);
  });

  it('the handover closes the record with the exit date; a refusal or withdrawal gives the earlier status back', () => {
    const [s1] = start('social_worker', 'resignation');
    const [s2] = send(s1, clerk, { type: 'CONFIRM', exitDate: '2026-04-30' });
    const [done, closing] = send(s2, clerk, handover);
    expect(done.status).to.equal('done');
    expect(effects(closing, 'updateRegister')[0]).to.include({ personId: 7, onDate: '2026-04-30', status: 'exited', endDate: '2026-04-30' });
    const [withdrawn, back] = send(s1, clerk, { type: 'WITHDRAW', reason: '本人撤回' });
    expect([withdrawn.value, effects(back, 'updateRegister')[0].status]).to.deep.equal(['cancelled', 'in_post']);
    const [p1] = start('cadre', 'discipline');
    const [p2] = send(p1, clerk, { type: 'CONFIRM', exitDate: '2026-03-01' });
    const [refused, restored] = send(p2, leader, { type: 'REFUSE', reason: '事实不清' });
    expect([refused.value, effects(restored, 'updateRegister')[0].status]).to.deep.equal(['rejected', 'in_post']);
  });

  it('a chair\'s handover needs the exit audit ticked', () => {
    const [s1] = start('cadre', 'resignation', { role: 'chair' });
    const [s2] = send(s1, clerk, { type: 'CONFIRM', exitDate: '2026-03-01' });
    const [s3] = send(s2, leader, { type: 'APPROVE', actingChair: '赵副主席' });
    expect(s3.can({ ...handover, actor: clerk, at } as never)).to.equal(false);
    expect(s3.can({ ...handover, audit: true, actor: clerk, at } as never)).to.equal(true);
  });
});

describe('contract-renewal machine', () => {
  const open = (details: Record<string, unknown> = {}) => pureInitialTransition(renewal, { person: person('social_worker', details), contractFrom: '2023-05-01', contractTo: '2026-04-30', actor: clerk, at })[0];
  const sendR = (snap: AnyMachineSnapshot, e: Record<string, unknown>) => pureTransition(renewal, snap, { ...e, actor: clerk, at } as never);

  it('shows notToRenew from the register; a renewal records the new period as an entry and in the details', () => {
    expect(open({ notToRenew: true }).context.notToRenew).to.equal(true);
    const [done, actions] = sendR(open(), { type: 'RENEW', from: '2026-05-01', to: '2029-04-30', number: 'HT-1' });
    expect(done.value).to.equal('renewed');
    expect(effects(actions, 'addRegisterEntry')[0]).to.deep.include({ personId: 7, kind: 'contract', onDate: '2026-05-01' });
    expect(effects(actions, 'updateRegister')[0].details).to.deep.equal({ contract: { from: '2026-05-01', to: '2029-04-30', number: 'HT-1' } });
    expect(open().can({ type: 'RENEW', from: '2026-05-01', to: '2026-04-30', actor: clerk, at } as never)).to.equal(false);
  });

  it('not renewing, or no answer by the end date, opens an exit for contract end', () => {
    for (const e of [{ type: 'NOT_RENEW', note: '不再续签' }, { type: 'NO_ANSWER' }]) {
      const [end, actions] = sendR(open(), e);
      expect(end.value).to.equal('exitOpened');
      expect(effects(actions, 'startCase')[0]).to.deep.include({ type: 'exit', ifOpen: 'link', orgId: 10 });
      expect(effects(actions, 'startCase')[0].body).to.include({ personId: 7, reason: 'contract_end' });
    }
  });

  it("the names the machines start cases by are bound to processes in the registry (no folder names another)", () => {
    expect([definition('worker-exit')!.links, definition('contract-renewal')!.links, definition('assessment-member')!.links, definition('annual-assessment')!.links, definition('recruitment-exam')!.links])
      .to.deep.equal([{ byElection: 'chair-by-election' }, { exit: 'worker-exit' }, { exit: 'worker-exit' }, { member: 'assessment-member' }, { applicant: 'recruitment-applicant' }]);
  });
});
