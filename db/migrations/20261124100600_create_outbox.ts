import type { Knex } from 'knex';

// Mail written in the transition's transaction; the mailer sends each row at most once.
export async function up(knex: Knex) {
  await knex.schema.createTable('outbox', (t) => {
    t.increments('id');
    t.string('instance_id', 36).references('instances.id');
    t.string('template', 40).notNullable();
    t.integer('to_user_id').references('users.id');
    t.string('to_email', 200);
    t.string('subject', 300).notNullable();
    t.text('body').notNullable();
    t.string('status', 20).notNullable(); // pending | sending | sent | failed | no_recipient
    t.integer('attempts').notNullable().defaultTo(0);
    t.bigInteger('next_attempt_at').notNullable(); // epoch ms
    t.string('last_error', 1000);
    t.string('created_at', 40).notNullable();
    t.string('sent_at', 40);
    t.index(['status', 'next_attempt_at']);
  });
}
export async function down(knex: Knex) {
  await knex.schema.dropTable('outbox');
}
