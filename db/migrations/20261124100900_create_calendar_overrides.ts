import type { Knex } from 'knex';

// Operator overrides of the working-day calendar (next year's schedule before the package has it).
export async function up(knex: Knex) {
  await knex.schema.createTable('calendar_overrides', (t) => {
    t.string('date', 10).primary();
    t.string('kind', 10).notNullable(); // workday | holiday
    t.string('note', 200);
    t.string('created_at', 40).notNullable();
  });
}
export async function down(knex: Knex) {
  await knex.schema.dropTable('calendar_overrides');
}
