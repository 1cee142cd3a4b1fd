import type { Knex } from 'knex';

// Append-only transitions; each row's hash chains the previous one of its instance.
export async function up(knex: Knex) {
  await knex.schema.createTable('history', (t) => {
    t.increments('id');
    t.string('instance_id', 36).notNullable().references('instances.id');
    t.integer('seq').notNullable();
    t.string('type', 60).notNullable();
    t.string('actor_id', 40).notNullable();
    t.string('actor_name', 100).notNullable();
    t.string('from_state', 60);
    t.string('to_state', 60).notNullable();
    t.string('at', 40).notNullable();
    t.text('payload').notNullable();
    t.string('prev_hash', 64).notNullable();
    t.string('hash', 64).notNullable();
    t.unique(['instance_id', 'seq']);
  });
}
export async function down(knex: Knex) {
  await knex.schema.dropTable('history');
}
