import type { Knex } from 'knex';

// A spreadsheet upload between its preview and its commit: the parsed rows sealed with the
// personal-data key (they carry names and resident ID numbers), the errors and a masked preview in
// clear, and when it stops being committable. Rows of a file with errors are not kept at all.
export async function up(knex: Knex) {
  await knex.schema.createTable('imports', (t) => {
    t.string('id', 36).primary();
    t.string('kind', 60).notNullable();
    t.integer('user_id').notNullable().references('users.id');
    t.integer('org_id').notNullable().references('orgs.id');
    t.string('status', 20).notNullable(); // preview | invalid | committed
    t.integer('row_count').notNullable();
    t.text('errors').notNullable();
    t.text('preview').notNullable();
    t.text('sealed_rows'); // PersonalData.encrypt(JSON of the rows); null once committed or when invalid
    t.text('result');
    t.string('created_at', 40).notNullable();
    t.bigInteger('expires_at').notNullable();
    t.string('committed_at', 40);
    t.index(['expires_at']);
  });
}
export async function down(knex: Knex) {
  await knex.schema.dropTable('imports');
}
