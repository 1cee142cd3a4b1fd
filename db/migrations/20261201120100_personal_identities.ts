import type { Knex } from 'knex';
import type { MigrationContext } from './index.ts';
import { eachCase } from './each-case.ts';
import { chainHash, GENESIS, HASH_VERSION, snapshotHash, verifyCase } from '../../workflows/engine/hash.ts';
import { identityFor, protectStoredJson } from '../../workflows/engine/identities.ts';

// Resident ID numbers leave the register's clear column and every case (个人信息保护法: sensitive
// personal information). The full number is kept only in person_identities, encrypted, with a keyed
// hash to find it again; people link to it. Snapshots and history payloads get the masked number and
// a reference instead. That rewrites hashed history, so a chain that verified before is hashed
// again here, as the same rows with only the numbers masked (earlier rows' snapshot hashes, taken of
// snapshots that held the number, become null); a chain that did not verify is not re-hashed and
// stays reported as broken. No clear number survives anywhere, which is the point.
export async function up(knex: Knex, { personal }: MigrationContext) {
  const now = new Date();
  await knex.schema.createTable('person_identities', (t) => {
    t.increments('id');
    t.text('encrypted').notNullable(); // AES-256-GCM (workflows/engine/personal-data.ts)
    t.string('keyed_hash', 64).notNullable().unique(); // HMAC-SHA256: the same number finds the same row
    t.string('masked', 18).notNullable(); // 1101**********123X, for lists
    t.string('created_at', 40).notNullable();
  });
  await knex.schema.alterTable('people', (t) => t.integer('identity_id').references('person_identities.id'));
  for (const p of await knex('people').whereNotNull('id_number').select('id', 'id_number'))
    await knex('people').where({ id: p.id }).update({ identity_id: await identityFor(knex, personal, String(p.id_number).toUpperCase(), now) });
  await knex.schema.alterTable('people', (t) => t.dropColumn('id_number'));
  for (const p of await knex('people').select('id', 'details')) {
    const details = JSON.stringify(await protectStoredJson(knex, personal, JSON.parse(p.details), now));
    if (details !== p.details) await knex('people').where({ id: p.id }).update({ details });
  }

  await eachCase(knex, async (trx, c, rows) => {
    const rewrite = async (text: string) => JSON.stringify(await protectStoredJson(trx, personal, JSON.parse(text), now));
    const snapshot = await rewrite(c.snapshot);
    const payloads = await Promise.all(rows.map((r) => rewrite(r.payload)));
    if (snapshot === c.snapshot && payloads.every((p, i) => p === rows[i].payload)) return;
    const intact = !verifyCase(c, rows);
    let prev = GENESIS;
    for (const [i, r] of rows.entries()) {
      if (!intact) {
        await trx('history').where({ id: r.id }).update({ payload: payloads[i] });
        continue;
      }
      const next = { ...r, payload: payloads[i], hash_version: HASH_VERSION, snapshot_hash: i === rows.length - 1 ? snapshotHash(snapshot) : null, prev_hash: prev };
      next.hash = chainHash(prev, next);
      await trx('history').where({ id: r.id }).update({ payload: next.payload, hash_version: next.hash_version, snapshot_hash: next.snapshot_hash, prev_hash: prev, hash: next.hash });
      prev = next.hash;
    }
    await trx('instances').where({ id: c.id }).update(intact ? { snapshot, head_hash: prev } : { snapshot });
  });
}

// Back to the clear column for the register. Cases stay masked: the numbers are not put back where
// they never needed to be.
export async function down(knex: Knex, { personal }: MigrationContext) {
  await knex.schema.alterTable('people', (t) => t.string('id_number', 18));
  const ids = await knex('person_identities').select('id', 'encrypted');
  for (const p of await knex('people').whereNotNull('identity_id').select('id', 'identity_id'))
    await knex('people').where({ id: p.id }).update({ id_number: personal.decrypt(ids.find((i) => i.id === p.identity_id)!.encrypted) });
  await knex.schema.alterTable('people', (t) => t.dropColumn('identity_id'));
  await knex.schema.dropTable('person_identities');
}
