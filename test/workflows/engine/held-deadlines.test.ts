// The open deadlines the engine hands to effects and to the caller's answer (Held.openDeadlines):
// the rows a read in the same transaction gives, whether the step could know them without reading
// (no deadline in force before it) or read them (a parent state's deadline stays in force).
import { expect } from 'chai';
import type { Knex } from 'knex';
import { openDeadlines } from '../../../db/instances.ts';
import type { InstanceRow } from '../../../db/tables.ts';
import type { Held } from '../../../workflows/engine/engine.ts';
import { P1_STEPS } from '../../bench/engine.ts';
import { actor, engineFor, p1Request, world, type World } from '../../helpers.ts';

describe('engine: open deadlines held for effects and the answer', () => {
  let w: World;
  before(async () => { w = await world(); });
  after(async () => w.cleanup());

  /** `within` that compares what the engine holds with a read, and counts the reads it needed. */
  function checker() {
    const seen: { state: string; held: unknown; read: unknown }[] = [];
    const within = async (trx: Knex.Transaction, row: InstanceRow, held: Held) => {
      seen.push({ state: row.state, held: await held.openDeadlines(), read: await openDeadlines(trx, [row.id]) });
    };
    return { seen, within };
  }

  it('P1 through its whole life: the held rows equal a read after every step (ids, due instants, order)', async () => {
    const engine = engineFor(w);
    const who = { requester: await actor(w, 'guomao.requester'), approver: await actor(w, 'jianwai.approver') };
    const c = checker();
    const row = await engine.start({ type: 'purchased-service-hire', body: p1Request(), actor: who.requester, orgId: who.requester.orgId!, within: c.within });
    for (const s of P1_STEPS) await engine.send({ instanceId: row.id, event: { type: s.type, ...s.body }, actor: who[s.by], within: c.within });
    expect(c.seen).to.have.length(P1_STEPS.length + 1);
    for (const s of c.seen) expect(s.held, s.state).to.deep.equal(s.read);
    expect(c.seen.some((s) => (s.read as unknown[]).length > 0)).to.equal(true);
  });

  it('P4, whose hard deadline stays in force across its nested states: the held rows equal a read', async () => {
    const engine = engineFor(w);
    const c = checker();
    const body = { vacancyDate: '2026-02-10', reason: 'transferred', actingChair: '赵副主席', previousChair: '钱主席' };
    const row = await engine.start({ type: 'chair-by-election', body, actor: await actor(w, 'guomao.requester'), orgId: w.demo.orgs.guomao.id, within: c.within });
    await engine.send({ instanceId: row.id, event: { type: 'NOMINATE', candidates: [{ name: '孙敏', currentPost: '工会副主席', partyMember: true }] }, actor: await actor(w, 'guomao.requester'), within: c.within });
    expect(c.seen.map((s) => s.state)).to.deep.equal(['open.beforeTheVote.nomination', 'open.beforeTheVote.candidateReview']);
    for (const s of c.seen) expect(s.held, s.state).to.deep.equal(s.read);
    expect((c.seen[1].read as unknown[]).length).to.be.greaterThan(0);
  });
});
