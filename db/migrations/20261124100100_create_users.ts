import type { Knex } from 'knex';

// Users belong to one union; tokens are kept only as SHA-256 hashes.
export async function up(knex: Knex) {
  await knex.schema.createTable('users', (t) => {
    t.increments('id');
    t.integer('org_id').notNullable().references('orgs.id');
    t.string('name', 100).notNullable();
    t.string('login', 100).notNullable().unique();
    t.string('email', 200);
    t.text('roles').notNullable(); // JSON array of role codes
    t.string('password_hash', 200);
    t.string('created_at', 40).notNullable();
    t.index(['org_id']);
  });
  await knex.schema.createTable('tokens', (t) => {
    t.increments('id');
    t.integer('user_id').notNullable().references('users.id');
    t.string('token_hash', 64).notNullable().unique();
    t.string('created_at', 40).notNullable();
    t.string('revoked_at', 40);
  });
}
export async function down(knex: Knex) {
  await knex.schema.dropTable('tokens');
  await knex.schema.dropTable('users');
}
