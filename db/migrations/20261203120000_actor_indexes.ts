import type { Knex } from 'knex';

// The page's lists 我发起的 and 已办 (GET /api/instances?startedBy=me, ?actedBy=me) find a user's
// cases by who started them and by who wrote their history rows.
export async function up(knex: Knex) {
  await knex.schema.alterTable('instances', (t) => t.index(['created_by', 'created_at'], 'instances_created_by'));
  await knex.schema.alterTable('history', (t) => t.index(['actor_id', 'instance_id'], 'history_actor_id'));
}

export async function down(knex: Knex) {
  await knex.schema.alterTable('history', (t) => t.dropIndex(['actor_id', 'instance_id'], 'history_actor_id'));
  await knex.schema.alterTable('instances', (t) => t.dropIndex(['created_by', 'created_at'], 'instances_created_by'));
}
