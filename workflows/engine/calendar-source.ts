// The working-day calendar with the operator's overrides, re-read at most once a minute
// (and at once after an override is edited in this process).
import type { Knex } from 'knex';
import { listOverrides } from '../../db/calendar.ts';
import { WorkingDayCalendar } from '../rules/calendar.ts';

export type CalendarSource = { get(): Promise<WorkingDayCalendar>; invalidate(): void };

export function calendarSource(knex: Knex, ttlMs = 60_000): CalendarSource {
  let cached: { cal: WorkingDayCalendar; at: number } | undefined;
  return {
    async get() {
      if (!cached || Date.now() - cached.at > ttlMs) cached = { cal: new WorkingDayCalendar(await listOverrides(knex)), at: Date.now() };
      return cached.cal;
    },
    invalidate() {
      cached = undefined;
    },
  };
}
