// The working-day calendar with the operator's overrides and the years marked complete, re-read at
// most once a minute (and at once after the calendar is edited in this process).
import type { Knex } from 'knex';
import { listCompleteYears, listOverrides } from '../../db/calendar.ts';
import { WorkingDayCalendar } from '../rules/calendar.ts';

export type CalendarSource = { get(): Promise<WorkingDayCalendar>; invalidate(): void };

/** The calendar as the database holds it now (inside a transaction: as that transaction sees it). */
export async function loadCalendar(db: Knex | Knex.Transaction): Promise<WorkingDayCalendar> {
  const years = await listCompleteYears(db);
  return new WorkingDayCalendar(await listOverrides(db), { completeYears: years.map((y) => y.year) });
}

export function calendarSource(knex: Knex, ttlMs = 60_000): CalendarSource {
  let cached: { cal: WorkingDayCalendar; at: number } | undefined;
  return {
    async get() {
      if (!cached || Date.now() - cached.at > ttlMs) cached = { cal: await loadCalendar(knex), at: Date.now() };
      return cached.cal;
    },
    invalidate() {
      cached = undefined;
    },
  };
}
