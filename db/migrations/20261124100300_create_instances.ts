import type { Knex } from 'knex';

// A running case of a process: its persisted XState snapshot, versioned for compare-and-set.
export async function up(knex: Knex) {
  await knex.schema.createTable('instances', (t) => {
    t.string('id', 36).primary();
    t.string('type', 60).notNullable();
    t.integer('definition_version').notNullable();
    t.string('state', 60).notNullable();
    t.string('status', 20).notNullable(); // active | done | cancelled
    t.integer('org_id').notNullable().references('orgs.id');
    t.string('subject', 500).notNullable();
    t.text('snapshot').notNullable();
    t.integer('version').notNullable();
    t.string('created_by', 40).notNullable();
    t.string('created_at', 40).notNullable();
    t.string('updated_at', 40).notNullable();
    t.index(['org_id', 'status']);
    t.index(['type', 'state']);
  });
}
export async function down(knex: Knex) {
  await knex.schema.dropTable('instances');
}
