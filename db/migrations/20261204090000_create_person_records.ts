import type { Knex } from 'knex';

// What the real-name register keeps about a person over time (R-realname §3.4): contracts, certificates,
// training (R-prejob, R-training), assessments (R-assess), commendations (R-commend), talks (R-talk) and
// every status change. One table of dated, typed entries, each with the case that caused it, so a
// person's timeline is one ordered read and a consequence links back to its cause.
export async function up(knex: Knex) {
  await knex.schema.createTable('person_records', (t) => {
    t.increments('id');
    t.integer('person_id').notNullable().references('people.id');
    t.string('kind', 20).notNullable(); // contract | certificate | training | assessment | commendation | talk | status
    t.string('on_date', 10).notNullable(); // the day the entry is about (YYYY-MM-DD)
    t.text('data').notNullable().defaultTo('{}'); // JSON, its shape per kind
    t.string('source_instance_id', 36); // the case that wrote it, if any
    t.string('actor_id', 100).notNullable();
    t.string('created_at', 40).notNullable();
    t.index(['person_id', 'kind', 'on_date']);
  });
}
export async function down(knex: Knex) {
  await knex.schema.dropTable('person_records');
}
