// engine.send on PostgreSQL when two transitions lock the same two cases in opposite orders: the
// database aborts one to break the deadlock, and the engine runs that send again, reads included.
import { expect } from 'chai';
import { verifyCase } from '../../../workflows/engine/hash.ts';
import type { Within } from '../../../workflows/engine/engine.ts';
import { onPostgres } from '../../database.ts';
import { actor, engineFor, p1Request, world, type World } from '../../helpers.ts';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('engine: a deadlock PostgreSQL breaks', () => {
  let w: World;
  before(async function () {
    if (!onPostgres) return this.skip(); // one connection on SQLite: transactions never interleave
    w = await world();
  });
  after(async () => { await w?.cleanup(); });

  it('runs the aborted send again: both transitions commit once each, with one history row each and chains that verify', async () => {
    const engine = engineFor(w);
    const requester = await actor(w, 'guomao.requester');
    const start = () => engine.start({ type: 'purchased-service-hire', body: p1Request(), actor: requester, orgId: requester.orgId! });
    const [a, b] = [await start(), await start()];
    let held = 0;
    let runs = 0;
    let bothHold!: () => void;
    const barrier = new Promise<void>((r) => { bothHold = r; });
    // Each transition, holding its own case's row, then writes the other's (as a link effect would).
    const touching = (other: string): Within => async (trx) => {
      runs++;
      if (++held === 2) bothHold();
      await Promise.race([barrier, pause(2000)]);
      await trx('instances').where({ id: other }).update({ updated_at: new Date().toISOString() });
    };
    const [sa, sb] = await Promise.all([
      engine.send({ instanceId: a.id, event: { type: 'SUBMIT' }, actor: requester, within: touching(b.id) }),
      engine.send({ instanceId: b.id, event: { type: 'SUBMIT' }, actor: requester, within: touching(a.id) }),
    ]);
    expect(runs, 'one of the two ran twice').to.equal(3);
    for (const [c, after] of [[a, sa], [b, sb]] as const) {
      const row = await w.knex('instances').where({ id: c.id }).first();
      const history = await w.knex('history').where({ instance_id: c.id }).orderBy('seq');
      expect([row.state, row.version, after.version]).to.deep.equal(['submitted', 2, 2]);
      expect(history.map((h) => h.type)).to.deep.equal(['START', 'SUBMIT']);
      expect(verifyCase(row, history)).to.equal(null);
    }
  });
});
