import type { Knex } from 'knex';

// Issued documents (书面批准): immutable, numbered per issuing union and year.
export async function up(knex: Knex) {
  await knex.schema.createTable('documents', (t) => {
    t.increments('id');
    t.string('instance_id', 36).notNullable().references('instances.id');
    t.string('kind', 40).notNullable();
    t.integer('issuer_org_id').notNullable().references('orgs.id');
    t.integer('year').notNullable();
    t.integer('seq').notNullable();
    t.string('number', 60).notNullable();
    t.string('title', 200).notNullable();
    t.text('content').notNullable(); // JSON, frozen at issue
    t.string('content_hash', 64).notNullable();
    t.string('issued_at', 40).notNullable();
    t.unique(['issuer_org_id', 'kind', 'year', 'seq']);
  });
}
export async function down(knex: Knex) {
  await knex.schema.dropTable('documents');
}
