import type { Knex } from 'knex';

// A campaign sends each of thousands of children an event by correlation key (openChildrenByKey):
// with only the parent_id index every lookup scanned all the parent's children (O(n²) per bulk step).
export async function up(knex: Knex) {
  await knex.schema.alterTable('instances', (t) => t.index(['parent_id', 'correlation_key'], 'instances_parent_key'));
}
export async function down(knex: Knex) {
  await knex.schema.alterTable('instances', (t) => t.dropIndex(['parent_id', 'correlation_key'], 'instances_parent_key'));
}
