import type { Knex } from 'knex';

// Idempotency-Key: the first answer, stored in the same transaction as the change it made.
export async function up(knex: Knex) {
  await knex.schema.createTable('idempotency_keys', (t) => {
    t.integer('user_id').notNullable().references('users.id');
    t.string('key', 200).notNullable();
    t.string('request_hash', 64).notNullable();
    t.integer('status').notNullable();
    t.text('response').notNullable();
    t.string('created_at', 40).notNullable();
    t.primary(['user_id', 'key']);
  });
}
export async function down(knex: Knex) {
  await knex.schema.dropTable('idempotency_keys');
}
