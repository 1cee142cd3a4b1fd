// Query functions for the operator's working-day overrides.
import type { Knex } from 'knex';
import type { DayOverride } from '../workflows/rules/calendar.ts';

type Db = Knex | Knex.Transaction;

export async function listOverrides(db: Db): Promise<DayOverride[]> {
  const rows = await db('calendar_overrides').orderBy('date');
  return rows.map((r) => ({ date: r.date, kind: r.kind, note: r.note ?? undefined }));
}

/** Overrides in date order, after the date `after` (a page of GET /api/calendar/overrides). */
export async function pageOverrides(db: Db, a: { limit: number; after?: string }): Promise<DayOverride[]> {
  const q = db('calendar_overrides').orderBy('date').limit(a.limit);
  if (a.after !== undefined) q.where('date', '>', a.after);
  return (await q).map((r) => ({ date: r.date, kind: r.kind, note: r.note ?? undefined }));
}

/** Sets the kind of one date (insert or replace). */
export async function putOverride(db: Db, o: DayOverride, now: Date): Promise<void> {
  await db('calendar_overrides').insert({ date: o.date, kind: o.kind, note: o.note ?? null, created_at: now.toISOString() })
    .onConflict('date').merge(['kind', 'note', 'created_at']);
}

export async function deleteOverride(db: Db, date: string): Promise<boolean> {
  return (await db('calendar_overrides').where({ date }).del()) === 1;
}
