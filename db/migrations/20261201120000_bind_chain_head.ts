import type { Knex } from 'knex';
import { dropColumns } from '../dialect.ts';
import { eachCase } from './each-case.ts';
import { chainHash, GENESIS, HASH_VERSION, rowFault, snapshotHash, verifyCase } from '../../workflows/engine/hash.ts';

// Binds each case to the head of its history chain (instances.head_hash; history.snapshot_hash and
// hash_version, see workflows/engine/hash.ts). Existing chains that verify under the old formula are
// re-hashed with the new one: every row keeps its content, the last row gets the hash of the case's
// present snapshot (earlier snapshots are not kept, so theirs stays null). A chain already broken,
// or not ending at the case's version and state, is left exactly as it was (hash_version 1), so the
// check keeps reporting it instead of the migration blessing it.
export async function up(knex: Knex) {
  await knex.schema.alterTable('instances', (t) => t.string('head_hash', 64));
  await knex.schema.alterTable('history', (t) => {
    t.string('snapshot_hash', 64);
    t.integer('hash_version').notNullable().defaultTo(1);
  });
  await eachCase(knex, async (trx, c, rows) => {
    const last = rows.at(-1);
    const intact = !rowFault(rows) && last && last.seq === c.version && last.to_state === c.state;
    if (!intact) return void (await trx('instances').where({ id: c.id }).update({ head_hash: last?.hash ?? null }));
    let prev = GENESIS;
    for (const r of rows) {
      const next = { ...r, hash_version: HASH_VERSION, snapshot_hash: r === last ? snapshotHash(c.snapshot) : null, prev_hash: prev };
      next.hash = chainHash(prev, next);
      await trx('history').where({ id: r.id }).update({ hash_version: next.hash_version, snapshot_hash: next.snapshot_hash, prev_hash: prev, hash: next.hash });
      prev = next.hash;
    }
    await trx('instances').where({ id: c.id }).update({ head_hash: prev });
  });
}

export async function down(knex: Knex) {
  // Back to the first formula for every chain that verifies, so the previous code verifies them again.
  await eachCase(knex, async (trx, c, rows) => {
    if (verifyCase(c, rows)) return;
    let prev = GENESIS;
    for (const r of rows) {
      const hash = chainHash(prev, { ...r, hash_version: 1 });
      await trx('history').where({ id: r.id }).update({ prev_hash: prev, hash });
      prev = hash;
    }
  });
  await dropColumns(knex, 'history', ['snapshot_hash', 'hash_version']);
  await dropColumns(knex, 'instances', ['head_hash']);
}
