import type { Knex } from 'knex';

// The union tree (PROCESSES.md "The org tree") with the counts the staffing rules read.
export async function up(knex: Knex) {
  await knex.schema.createTable('orgs', (t) => {
    t.increments('id');
    t.integer('parent_id').references('orgs.id');
    t.string('name', 200).notNullable();
    t.string('abbr', 20); // 发文简称 for document numbers, e.g. 朝工 → 朝工批〔2026〕7号
    t.string('kind', 40).notNullable();
    t.string('path', 500).notNullable().defaultTo(''); // '/1/4/9/': subtree = path LIKE '/1/4/%'
    t.integer('members');
    t.integer('employees');
    t.integer('enterprises');
    t.string('ownership', 20);
    t.boolean('has_union').notNullable().defaultTo(true);
    t.string('created_at', 40).notNullable();
    t.index(['path']);
    t.index(['parent_id']);
  });
}
export async function down(knex: Knex) {
  await knex.schema.dropTable('orgs');
}
