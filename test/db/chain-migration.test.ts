// Migration 20261201120000 binds existing cases to their chains: intact chains are re-hashed and
// bound, chains broken before it stay broken, and its down brings the first formula back.
import { expect } from 'chai';
import type { Knex } from 'knex';
import { migrate } from '../../db/index.ts';
import type { HistoryRow, InstanceRow } from '../../db/tables.ts';
import { rowFault, verifyCase } from '../../workflows/engine/hash.ts';
import { actor, downTo, engineFor, p1Request, world, type World } from '../helpers.ts';
import { DEV_PERSONAL_DATA } from '../../workflows/engine/personal-data.ts';

const NAME = '20261201120000_bind_chain_head';

const caseOf = async (knex: Knex, id: string) => ({
  c: (await knex<InstanceRow>('instances').where({ id }).first())!,
  rows: await knex<HistoryRow>('history').where({ instance_id: id }).orderBy('seq'),
});

describe('migration 20261201120000: bind each case to its history chain', () => {
  let w: World;
  const ids: string[] = [];
  before(async () => {
    w = await world();
    const engine = engineFor(w);
    const req = await actor(w, 'guomao.requester');
    const approver = await actor(w, 'jianwai.approver');
    for (let i = 0; i < 3; i++) {
      const { id } = await engine.start({ type: 'purchased-service-hire', body: p1Request(), actor: req, orgId: w.demo.orgs.guomao.id });
      await engine.send({ instanceId: id, event: { type: 'SUBMIT' }, actor: req });
      await engine.send({ instanceId: id, event: { type: 'RETURN', comment: '请补充' }, actor: approver });
      ids.push(id);
    }
  });
  after(async () => w.cleanup());

  it('down: the chains verify under the first formula again and the new columns are gone', async () => {
    await downTo(w.knex, NAME);
    expect(await w.knex.schema.hasColumn('instances', 'head_hash')).to.equal(false);
    expect(await w.knex.schema.hasColumn('history', 'snapshot_hash')).to.equal(false);
    for (const id of ids) {
      const { rows } = await caseOf(w.knex, id);
      expect(rowFault(rows.map((r) => ({ ...r, hash_version: 1, snapshot_hash: null })))).to.equal(null);
    }
  });

  it('up: intact chains are bound and re-hashed; chains broken before it stay broken', async () => {
    const [ok, edited, moved] = ids;
    await w.knex('history').where({ instance_id: edited, seq: 2 }).update({ payload: '{"note":"x"}' });
    await w.knex('instances').where({ id: moved }).update({ state: 'approved' });
    await migrate(w.knex, { personal: DEV_PERSONAL_DATA });

    const a = await caseOf(w.knex, ok);
    expect(verifyCase(a.c, a.rows)).to.equal(null);
    expect(a.rows.map((r) => r.hash_version)).to.deep.equal([2, 2, 2]);
    expect(a.rows.map((r) => r.snapshot_hash === null)).to.deep.equal([true, true, false]);
    expect(a.c.head_hash).to.equal(a.rows[2].hash);

    const b = await caseOf(w.knex, edited);
    expect(verifyCase(b.c, b.rows)).to.deep.equal({ brokenAtSeq: 2, reason: 'hash_mismatch' });
    expect(b.rows.map((r) => r.hash_version)).to.deep.equal([1, 1, 1]);
    const c = await caseOf(w.knex, moved);
    expect(verifyCase(c.c, c.rows)).to.deep.equal({ brokenAtSeq: 3, reason: 'state_mismatch' });
  });

  it('a bound case goes on: the next transition extends the chain and it still verifies', async () => {
    await engineFor(w).send({ instanceId: ids[0], event: { type: 'RESUBMIT' }, actor: await actor(w, 'guomao.requester') });
    const { c, rows } = await caseOf(w.knex, ids[0]);
    expect(rows).to.have.length(4);
    expect(verifyCase(c, rows)).to.equal(null);
  });
});
