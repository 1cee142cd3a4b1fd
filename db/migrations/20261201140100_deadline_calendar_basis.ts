import type { Knex } from 'knex';

// What a deadline was computed from, so a calendar change can compute it again: the instant its
// states were entered (basis_at), the first and last date its due rule read from the working-day
// calendar (null when it read none), and whether one of those dates lay in a year not yet known.
export async function up(knex: Knex) {
  await knex.schema.alterTable('deadlines', (t) => {
    t.boolean('provisional').notNullable().defaultTo(false);
    t.bigInteger('basis_at'); // epoch ms
    t.string('calendar_from', 10);
    t.string('calendar_to', 10);
  });
  await knex.schema.alterTable('deadlines', (t) => {
    t.index(['status', 'calendar_to']);
    t.index(['provisional', 'status']);
  });
  // Rows from before: entered when created (the engine writes both in one transition); their span is
  // taken as the whole stretch up to the due date, so a calendar change covering it recomputes them.
  const day = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10); // Asia/Shanghai date
  const rows = await knex('deadlines').where({ status: 'pending' }).select('id', 'created_at', 'due_at');
  for (const r of rows) {
    const basis = Date.parse(r.created_at);
    if (!Number.isFinite(basis)) continue;
    await knex('deadlines').where({ id: r.id }).update({ basis_at: basis, calendar_from: day(basis), calendar_to: day(Number(r.due_at) - 1) });
  }
}
export async function down(knex: Knex) {
  await knex.schema.alterTable('deadlines', (t) => {
    t.dropIndex(['status', 'calendar_to']);
    t.dropIndex(['provisional', 'status']);
  });
  await knex.schema.alterTable('deadlines', (t) => {
    t.dropColumn('provisional');
    t.dropColumn('basis_at');
    t.dropColumn('calendar_from');
    t.dropColumn('calendar_to');
  });
}
