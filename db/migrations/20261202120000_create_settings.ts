import type { Knex } from 'knex';

// The settings in force ([default]s an admin of the root union may change) and every change of
// them: who (user id, or `system` for an initial value, and name), when, old → new and why. `value`, `old` and `new` are JSON texts.
export async function up(knex: Knex) {
  await knex.schema.createTable('settings', (t) => {
    t.string('key', 80).primary();
    t.text('value').notNullable();
    t.string('updated_at', 40).notNullable();
    t.string('updated_by', 80).notNullable();
    t.string('updated_by_name', 200).notNullable();
  });
  await knex.schema.createTable('settings_history', (t) => {
    t.increments('id').primary();
    t.string('key', 80).notNullable();
    t.text('old');
    t.text('new').notNullable();
    t.string('who', 80).notNullable();
    t.string('who_name', 200).notNullable();
    t.string('at', 40).notNullable();
    t.text('reason').notNullable();
    t.index(['key', 'id']);
  });
}
export async function down(knex: Knex) {
  await knex.schema.dropTable('settings_history');
  await knex.schema.dropTable('settings');
}
