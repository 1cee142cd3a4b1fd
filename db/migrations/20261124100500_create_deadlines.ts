import type { Knex } from 'knex';

// Deadlines as data: the scheduler claims due rows by the (status, due_at) index.
export async function up(knex: Knex) {
  await knex.schema.createTable('deadlines', (t) => {
    t.increments('id');
    t.string('instance_id', 36).notNullable().references('instances.id');
    t.string('decl_id', 60).notNullable();
    t.string('kind', 20).notNullable();
    t.string('event', 60).notNullable();
    t.bigInteger('due_at').notNullable(); // epoch ms
    t.string('status', 20).notNullable(); // pending | fired | cancelled | closed
    t.string('rule', 40).notNullable();
    t.string('clause', 80).notNullable();
    t.string('created_at', 40).notNullable();
    t.string('fired_at', 40);
    t.string('closed_at', 40);
    t.index(['status', 'due_at']);
    t.index(['instance_id', 'status']);
  });
}
export async function down(knex: Knex) {
  await knex.schema.dropTable('deadlines');
}
