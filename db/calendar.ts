// Query functions for the operator's working-day overrides.
import type { Knex } from 'knex';
import type { DayOverride } from '../workflows/rules/calendar.ts';

type Db = Knex | Knex.Transaction;

export async function listOverrides(db: Db): Promise<DayOverride[]> {
  const rows = await db('calendar_overrides').orderBy('date');
  return rows.map((r) => ({ date: r.date, kind: r.kind, note: r.note ?? undefined }));
}
