import type { Knex } from 'knex';

// Sign-in for people (issue 9 item 1). Users: disabled, a password that must be changed (initial
// or reset by an admin), and session_epoch, bumped to end every session of the user at once (a
// session keeps the epoch it began with). sign_in_failures counts wrong passwords per login name,
// known or not (so a lock does not tell which names exist), across processes and restarts.
// sessions: express-session's server-side rows; expires_at in epoch milliseconds.
export async function up(knex: Knex) {
  await knex.schema.alterTable('users', (t) => {
    t.boolean('disabled').notNullable().defaultTo(false);
    t.boolean('must_change_password').notNullable().defaultTo(false);
    t.integer('session_epoch').notNullable().defaultTo(0);
  });
  await knex.schema.createTable('sign_in_failures', (t) => {
    t.string('login', 100).primary();
    t.integer('failures').notNullable();
    t.string('locked_until', 40);
  });
  await knex.schema.createTable('sessions', (t) => {
    t.string('sid', 128).primary();
    t.text('data').notNullable();
    t.bigInteger('expires_at').notNullable().index();
  });
}
export async function down(knex: Knex) {
  await knex.schema.dropTable('sessions');
  await knex.schema.dropTable('sign_in_failures');
  // Plain DROP COLUMN (SQLite 3.35+): knex's SQLite way rebuilds the table, which tokens' foreign key forbids.
  for (const c of ['session_epoch', 'must_change_password', 'disabled']) await knex.raw(`alter table users drop column ${c}`);
}
