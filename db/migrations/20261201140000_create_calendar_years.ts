import type { Knex } from 'knex';

// Years after the holiday package's range whose whole schedule an admin has entered and marked
// complete: only then do deadlines reaching into them stop being provisional.
export async function up(knex: Knex) {
  await knex.schema.createTable('calendar_years', (t) => {
    t.integer('year').primary();
    t.string('marked_by', 40).notNullable();
    t.string('marked_at', 40).notNullable();
  });
}
export async function down(knex: Knex) {
  await knex.schema.dropTable('calendar_years');
}
