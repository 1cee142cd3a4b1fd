import type { Knex } from 'knex';

// A case's child by correlation key (sendToCase { correlationKey }): by parent and key, so a
// campaign signalling each of its 10,000 children finds each in one index probe instead of
// scanning all its children (instances_parent_id alone) — a bulk step stays linear.
export async function up(knex: Knex) {
  await knex.schema.alterTable('instances', (t) => t.index(['parent_id', 'correlation_key'], 'instances_parent_correlation_key'));
}

export async function down(knex: Knex) {
  await knex.schema.alterTable('instances', (t) => t.dropIndex(['parent_id', 'correlation_key'], 'instances_parent_correlation_key'));
}
