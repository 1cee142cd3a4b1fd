import type { Knex } from 'knex';

// The case an upload's rows go into (an import kind with a target, e.g. a recruitment campaign's
// registrations): named at the upload, committed as one event to that case.
export async function up(knex: Knex) {
  await knex.schema.alterTable('imports', (t) => t.string('target_id', 36));
}
export async function down(knex: Knex) {
  await knex.schema.alterTable('imports', (t) => t.dropColumn('target_id'));
}
