// P4 version 2 (nested open states) behaves as version 1 on every path: the same contexts, the same
// named effects, the same events accepted in each state; through the engine its hard deadline lives
// on open.beforeTheVote, a version 1 case keeps running on version 1, and both chains verify.
import { expect } from 'chai';
import { initialTransition, transition, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import { machine as v1 } from '../../workflows/chair-by-election/chair-by-election.machine.ts';
import { machineV2 as v2 } from '../../workflows/chair-by-election/chair-by-election.v2.machine.ts';
import { termsOf } from '../../workflows/chair-by-election/index.ts';
import { acceptedTypes } from '../../workflows/engine/engine.ts';
import { verifyCase } from '../../workflows/engine/hash.ts';
import { statePath } from '../../workflows/engine/state-path.ts';
import { DEFAULT_SETTINGS } from '../../workflows/settings.ts';
import type { DeadlineRow } from '../../db/tables.ts';
import type { Actor } from '../../workflows/types.ts';
import { actor, engineFor, world, type World } from '../helpers.ts';

const V2_PATH: Record<string, string> = {
  nomination: 'open.beforeTheVote.nomination', candidateReview: 'open.beforeTheVote.candidateReview', publicity: 'open.beforeTheVote.publicity',
  election: 'open.beforeTheVote.election', elected: 'open.elected', resultReview: 'open.resultReview', chairRecorded: 'chairRecorded', cancelled: 'cancelled',
};
const requester: Actor = { id: '2', name: '王芳', orgId: 10, roles: ['requester'] };
const approver: Actor = { id: '3', name: '李强', orgId: 5, roles: ['approver'] };
const system: Actor = { id: 'system', name: '系统 system', orgId: null, roles: [] };
const vacancy = { vacancyDate: '2026-01-10', reason: 'resigned' as const, actingChair: '赵副主席', previousChair: '钱主席' };
const candidate = { name: '孙敏', currentPost: '工会副主席', partyMember: true };
const party = { partyAgreement: true, partyOrganisation: '党支部', partyAgreedOn: '2026-01-19' };
const vote = (present: number, votes: number) => ({ type: 'ELECTION_HELD', date: '2026-02-01', electingBody: 'members_congress', entitled: 90, present, votes });
type Step = [Actor, { type: string } & Record<string, unknown>, string];
const s = (who: Actor, e: Step[1], at: string): Step => [who, e, at];

const nominate = s(requester, { type: 'NOMINATE', candidates: [candidate] }, '2026-01-16T02:00:00.000Z');
const agree = s(approver, { type: 'APPROVE_CANDIDATE', ...party }, '2026-01-20T02:00:00.000Z');
const publicityEnds = s(system, { type: 'PUBLICITY_ENDS' }, '2026-01-27T16:00:00.000Z');
const win = s(requester, vote(60, 46), '2026-02-01T08:00:00.000Z');
const report = s(requester, { type: 'REPORT_RESULT', startDate: '2026-02-01' }, '2026-02-02T02:00:00.000Z');
const remind = (at: string) => s(system, { type: 'REMIND', deadline: { id: 1, declId: 'reminder-rung-2', kind: 'reminder', dueAt: at, rule: 'R', clause: '§' } }, at);
const SCRIPTS: Record<string, Step[]> = {
  'the whole story': [nominate, agree, publicityEnds, win, report, s(approver, { type: 'RETURN_RESULT', comment: '补材料' }, '2026-02-03T02:00:00.000Z'), report,
    s(system, { type: 'REVIEW_REMIND' }, '2026-02-09T01:00:00.000Z'), s(system, { type: 'REVIEW_OVERDUE' }, '2026-02-16T16:00:00.000Z'), s(approver, { type: 'APPROVE_RESULT' }, '2026-02-17T02:00:00.000Z')],
  'rejected, objection upheld, failed vote, each back to nomination': [nominate, s(approver, { type: 'REJECT_CANDIDATE', reason: '不符' }, '2026-01-17T02:00:00.000Z'),
    nominate, agree, s(approver, { type: 'OBJECTION_UPHELD', objection: '异议', reason: '属实' }, '2026-01-21T02:00:00.000Z'),
    nominate, agree, publicityEnds, s(requester, vote(59, 46), '2026-02-01T08:00:00.000Z'), remind('2026-03-11T01:00:00.000Z')],
  'overdue before the vote, then elected and reported late': [nominate, s(system, { type: 'OVERDUE' }, '2026-04-10T16:00:00.000Z'), agree, publicityEnds, win,
    s(system, { type: 'REPORT_OVERDUE' }, '2026-04-20T16:00:00.000Z'), report],
  'cancelled in publicity': [nominate, agree, s(approver, { type: 'CANCEL', reason: '误报' }, '2026-01-22T02:00:00.000Z')],
  'cancelled in the review': [nominate, agree, publicityEnds, win, report, s(approver, { type: 'CANCEL', reason: '撤销' }, '2026-02-03T02:00:00.000Z')],
};

/** Where each script ends on version 1 (so the comparison is not of two machines refusing everything). */
const ENDS: Record<string, string> = {
  'the whole story': 'chairRecorded', 'rejected, objection upheld, failed vote, each back to nomination': 'nomination',
  'overdue before the vote, then elected and reported late': 'resultReview', 'cancelled in publicity': 'cancelled', 'cancelled in the review': 'cancelled',
};
const effects = (actions: { type: string; params?: unknown }[]) => actions.map((a) => ({ type: a.type, params: a.params }));
function run(m: AnyStateMachine, steps: Step[]) {
  const [first, actions] = initialTransition(m, { vacancy, terms: termsOf(DEFAULT_SETTINGS), grassroots: true, actor: requester, at: '2026-01-15T02:00:00.000Z' });
  let snap: AnyMachineSnapshot = first;
  const trail = [{ state: statePath(snap.value), context: snap.context, effects: effects(actions), accepted: [...acceptedTypes(snap)].sort() }];
  for (const [who, e, at] of steps) {
    const [next, acts] = transition(m, snap, { ...e, actor: who, at } as any);
    snap = next;
    trail.push({ state: statePath(snap.value), context: snap.context, effects: effects(acts), accepted: [...acceptedTypes(snap)].sort() });
  }
  return trail;
}

describe('P4 version 2: nested open states (§3.1.1 R-chair-vacancy)', () => {
  for (const [name, steps] of Object.entries(SCRIPTS)) {
    it(`behaves as version 1, step by step: ${name}`, () => {
      const one = run(v1, steps);
      const two = run(v2, steps);
      expect(two.map((t) => t.state)).to.deep.equal(one.map((t) => V2_PATH[t.state]));
      expect(one.at(-1)!.state).to.equal(ENDS[name]);
      two.forEach((t, i) => {
        expect(t.context, `step ${i}`).to.deep.equal(one[i].context);
        expect(t.effects, `step ${i}`).to.deep.equal(one[i].effects);
        expect(t.accepted, `step ${i}: events accepted in ${t.state}`).to.deep.equal(one[i].accepted);
      });
    });
  }

  describe('through the engine', () => {
    let w: World;
    let engine: ReturnType<typeof engineFor>;
    beforeEach(async () => {
      w = await world(); // 2026-03-02 10:00 Beijing
      engine = engineFor(w);
    });
    afterEach(async () => w.cleanup());

    const body = { vacancyDate: '2026-02-10', reason: 'transferred', actingChair: '赵副主席', previousChair: '钱主席' };
    const deadlines = (id: string) => w.knex<DeadlineRow>('deadlines').where({ instance_id: id }).orderBy('id');
    const sendAs = async (login: string, id: string, event: { type: string } & Record<string, unknown>) => engine.send({ instanceId: id, event, actor: await actor(w, login) });
    const verified = async (id: string) => verifyCase((await w.knex('instances').where({ id }).first())!, await w.knex('history').where({ instance_id: id }).orderBy('seq'));

    for (const version of [1, 2]) {
      const at = (name: string) => (version === 1 ? name : V2_PATH[name]);
      it(`version ${version}: the hard deadline spans the states before the vote and ends with a valid vote; the chain verifies`, async () => {
        const row = await engine.start({ type: 'chair-by-election', version, body, actor: await actor(w, 'guomao.requester'), orgId: w.demo.orgs.guomao.id });
        expect(row).to.include({ definition_version: version, state: at('nomination') });
        const hard = async () => (await deadlines(row.id)).filter((d) => d.decl_id === 'by-election-due').map((d) => d.status);
        await sendAs('guomao.requester', row.id, { type: 'NOMINATE', candidates: [candidate] });
        const inPublicity = await sendAs('jianwai.approver', row.id, { type: 'APPROVE_CANDIDATE', ...party, partyAgreedOn: '2026-03-01' });
        expect(inPublicity.state).to.equal(at('publicity'));
        const publicity = (await deadlines(row.id)).find((d) => d.decl_id === 'publicity-ends')!;
        w.clock.set('2026-03-09T16:00:01Z');
        expect(await engine.fire(publicity)).to.equal('fired');
        expect(await hard()).to.deep.equal(['pending']); // moving inside beforeTheVote leaves it be
        w.clock.set('2026-03-10T06:00:00Z');
        const elected = await sendAs('guomao.requester', row.id, { ...vote(70, 61), date: '2026-03-10' });
        expect(elected.state).to.equal(at('elected'));
        expect(await hard()).to.deep.equal(['cancelled']);
        expect((await deadlines(row.id)).filter((d) => d.status === 'pending').map((d) => d.decl_id)).to.deep.equal(['result-report-due']);
        expect((await w.knex('instances').where({ id: row.id }).first()).state).to.equal(at('elected')); // as stored
        expect(await verified(row.id)).to.equal(null);
      });
    }
  });
});
