import type { Knex } from 'knex';

// The real-name register (R-realname §3.4): every union worker, with where they came from.
export async function up(knex: Knex) {
  await knex.schema.createTable('people', (t) => {
    t.increments('id');
    t.integer('org_id').notNullable().references('orgs.id');
    t.string('name', 100).notNullable();
    t.string('id_number', 18); // shown masked except to hr/admin (DEVELOPERS.md standards)
    t.string('kind', 40).notNullable();
    t.string('status', 20).notNullable();
    t.string('start_date', 10);
    t.string('end_date', 10);
    t.text('details').notNullable().defaultTo('{}'); // JSON: phone, certificate, contract, qualifications
    t.string('source_instance_id', 36);
    t.string('created_at', 40).notNullable();
    t.index(['org_id', 'kind']);
  });
}
export async function down(knex: Knex) {
  await knex.schema.dropTable('people');
}
