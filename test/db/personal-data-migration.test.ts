// Migration 20261201120100 takes the clear ID numbers an older version stored (people.id_number,
// case snapshots, history payloads) into the encrypted register, masks them everywhere else, and
// re-hashes the chains it rewrote, so they still verify; a chain broken before stays broken.
import { expect } from 'chai';
import type { Knex } from 'knex';
import { migrate } from '../../db/index.ts';
import type { HistoryRow, InstanceRow } from '../../db/tables.ts';
import { chainHash, GENESIS, HASH_VERSION, snapshotHash, verifyCase } from '../../workflows/engine/hash.ts';
import { findIdentityByNumber } from '../../workflows/engine/identities.ts';
import { DEV_PERSONAL_DATA } from '../../workflows/engine/personal-data.ts';
import { maskResidentId, withCheckDigit } from '../../workflows/rules/resident-id.ts';
import { actor, downTo, engineFor, p1Request, world, type World } from '../helpers.ts';

const NAME = '20261201120100_personal_identities';
const number = withCheckDigit('11010519900307123');

/** Puts the clear number back where the masked one and its ref are, and re-chains, as the older version wrote it. */
async function asOlderVersionWrote(knex: Knex, id: string) {
  const clear = (text: string) => JSON.stringify(JSON.parse(text), function (k, v) {
    if (v && typeof v === 'object' && 'idNumberRef' in v) {
      const { idNumberRef: _r, ...rest } = v;
      return { ...rest, idNumber: number };
    }
    return v;
  });
  const c = (await knex<InstanceRow>('instances').where({ id }).first())!;
  const snapshot = clear(c.snapshot);
  let prev = GENESIS;
  const rows = await knex<HistoryRow>('history').where({ instance_id: id }).orderBy('seq');
  for (const [i, r] of rows.entries()) {
    const next = { ...r, payload: clear(r.payload), hash_version: HASH_VERSION, snapshot_hash: i === rows.length - 1 ? snapshotHash(snapshot) : null, prev_hash: prev };
    next.hash = chainHash(prev, next);
    await knex('history').where({ id: r.id }).update({ payload: next.payload, snapshot_hash: next.snapshot_hash, prev_hash: prev, hash: next.hash });
    prev = next.hash;
  }
  await knex('instances').where({ id }).update({ snapshot, head_hash: prev });
}

const caseOf = async (knex: Knex, id: string) => ({
  c: (await knex<InstanceRow>('instances').where({ id }).first())!,
  rows: await knex<HistoryRow>('history').where({ instance_id: id }).orderBy('seq'),
});

describe('migration 20261201120100: resident ID numbers into the encrypted register', () => {
  let w: World;
  const ids: string[] = [];
  before(async () => {
    w = await world();
    const engine = engineFor(w);
    const req = await actor(w, 'guomao.requester');
    const approver = await actor(w, 'jianwai.approver');
    for (let i = 0; i < 2; i++) {
      const { id } = await engine.start({ type: 'purchased-service-hire', body: p1Request(), actor: req, orgId: w.demo.orgs.guomao.id });
      await engine.send({ instanceId: id, event: { type: 'SUBMIT' }, actor: req });
      await engine.send({ instanceId: id, event: { type: 'APPROVE' }, actor: approver });
      await engine.send({ instanceId: id, event: { type: 'RECORD_CANDIDATE', name: '周敏', idNumber: number, knowsLabourLaw: true, goodAtMassWork: true }, actor: req });
      ids.push(id);
    }
    await engine.send({ instanceId: ids[0], event: { type: 'RECORD_CONTRACT', candidate: 'c1', kind: 'labour_contract', number: 'GM-1', startDate: '2026-04-01', endDate: '2029-03-31' }, actor: req });
    await downTo(w.knex, NAME);
    for (const id of ids) await asOlderVersionWrote(w.knex, id);
    await w.knex('history').where({ instance_id: ids[1], seq: 2 }).update({ payload: '{"note":"改过"}' }); // tampered before the migration
  });
  after(async () => w.cleanup());

  it('down put the number back in people.id_number (the older layout)', async () => {
    expect((await w.knex('people').where({ source_instance_id: ids[0] }).first()).id_number).to.equal(number);
    expect(JSON.stringify(await caseOf(w.knex, ids[0]))).to.include(number);
  });

  it('up: the number is only in the encrypted register; cases carry it masked with a reference', async () => {
    await migrate(w.knex, { personal: DEV_PERSONAL_DATA });
    const identity = (await findIdentityByNumber(w.knex, DEV_PERSONAL_DATA, number))!;
    expect(DEV_PERSONAL_DATA.decrypt(identity.encrypted)).to.equal(number);
    expect((await w.knex('people').where({ source_instance_id: ids[0] }).first()).identity_id).to.equal(identity.id);
    expect(await w.knex.schema.hasColumn('people', 'id_number')).to.equal(false);
    for (const id of ids) {
      const { c, rows } = await caseOf(w.knex, id);
      expect(JSON.stringify({ c, rows })).to.not.include(number);
      expect(JSON.parse(c.snapshot).context.candidates[0]).to.include({ idNumber: maskResidentId(number), idNumberRef: identity.id });
    }
  });

  it('the rewritten chain verifies; the one broken before stays broken', async () => {
    const a = await caseOf(w.knex, ids[0]);
    expect(verifyCase(a.c, a.rows)).to.equal(null);
    const b = await caseOf(w.knex, ids[1]);
    expect(verifyCase(b.c, b.rows)).to.include({ reason: 'hash_mismatch' });
  });
});
