import type { Knex } from 'knex';

// One row counting writes to the union tree. Each process keeps the unions it read in memory
// (db/orgs.ts); on PostgreSQL, where several processes share the tree, a reader compares this
// counter (one primary-key read) with the one its copy was read at and drops the copy when it moved.
export async function up(knex: Knex) {
  await knex.schema.createTable('org_tree_version', (t) => {
    t.integer('id').primary();
    t.integer('version').notNullable();
  });
  await knex('org_tree_version').insert({ id: 1, version: 0 });
}
export async function down(knex: Knex) {
  await knex.schema.dropTable('org_tree_version');
}
