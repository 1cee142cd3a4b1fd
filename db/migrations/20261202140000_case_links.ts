import type { Knex } from 'knex';
import { dropColumns, isPostgres } from '../dialect.ts';

// Cases that start cases: a child names the case whose transition started it (parent_id), and a
// case may carry a correlation key (e.g. one open by-election per union). At most one ACTIVE case
// of a type holds a key: a partial unique index, the same on both databases, so two concurrent
// starts with one key leave exactly one (the second waits for the first's commit, then fails).
export async function up(knex: Knex) {
  // SQLite: a plain ADD COLUMN (knex would rebuild the table, which history's foreign keys refuse).
  if (isPostgres(knex)) await knex.schema.alterTable('instances', (t) => t.string('parent_id', 36).references('instances.id'));
  else await knex.raw('ALTER TABLE instances ADD COLUMN parent_id varchar(36) REFERENCES instances(id)');
  await knex.schema.alterTable('instances', (t) => {
    t.string('correlation_key', 200);
    t.index(['parent_id'], 'instances_parent_id');
  });
  await knex.raw(`CREATE UNIQUE INDEX instances_open_correlation_key ON instances (type, correlation_key) WHERE status = 'active' AND correlation_key IS NOT NULL`);
}

export async function down(knex: Knex) {
  await knex.raw('DROP INDEX instances_open_correlation_key');
  await knex.schema.alterTable('instances', (t) => t.dropIndex(['parent_id'], 'instances_parent_id'));
  await dropColumns(knex, 'instances', ['correlation_key', 'parent_id']);
}
