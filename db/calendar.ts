// Query functions for the operator's working-day overrides.
import type { Knex } from 'knex';
import { lockTableForWriters } from './dialect.ts';

type Db = Knex | Knex.Transaction;
/** One operator's override of a date ('YYYY-MM-DD', Asia/Shanghai): the calendar's DayOverride as stored. */
export type DayOverride = { date: string; kind: 'workday' | 'holiday'; note?: string };

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

/**
 * Calendar changes take turns: each then reads the calendar with the one before it committed, so
 * the deadlines it recomputes never miss a concurrent change.
 */
export const lockCalendar = (trx: Knex.Transaction) => lockTableForWriters(trx, 'calendar_overrides');

/** Sets the kind of one date (insert or replace). */
export async function putOverride(db: Db, o: DayOverride, now: Date): Promise<void> {
  await db('calendar_overrides').insert({ date: o.date, kind: o.kind, note: o.note ?? null, created_at: now.toISOString() })
    .onConflict('date').merge(['kind', 'note', 'created_at']);
}

export async function deleteOverride(db: Db, date: string): Promise<boolean> {
  return (await db('calendar_overrides').where({ date }).del()) === 1;
}

/** Years after the package's range that an admin marked complete, ascending. */
export async function listCompleteYears(db: Db): Promise<{ year: number; markedBy: string; markedAt: string }[]> {
  const rows = await db('calendar_years').orderBy('year');
  return rows.map((r) => ({ year: Number(r.year), markedBy: r.marked_by, markedAt: r.marked_at }));
}

/** Marks a year's schedule as entered (complete) or takes the mark back; true when something changed. */
export async function markYear(db: Db, year: number, complete: boolean, by: string, now: Date): Promise<boolean> {
  if (!complete) return (await db('calendar_years').where({ year }).del()) === 1;
  if (await db('calendar_years').where({ year }).first()) return false;
  await db('calendar_years').insert({ year, marked_by: by, marked_at: now.toISOString() });
  return true;
}

export async function holidayOverridesIn(db: Db, year: number): Promise<number> {
  const row = await db('calendar_overrides').where({ kind: 'holiday' }).whereBetween('date', [`${year}-01-01`, `${year}-12-31`]).count({ n: '*' }).first();
  return Number(row?.n ?? 0);
}
