// Liveness and "who am I".
import { Router } from 'express';
import { ping } from '../../db/index.ts';
import type { Clock } from '../../workflows/engine/engine.ts';
import type { WorkingDayCalendar } from '../../workflows/rules/calendar.ts';
import { shanghaiDate } from '../../workflows/rules/calendar.ts';
import type { AppDeps } from '../deps.ts';
import { orgView, userView } from '../views.ts';
import { sendProblem } from '../problem.ts';

export type Warning = { code: 'calendar_ending'; message: string; knownThrough: string };

/**
 * From 1 November of the last known year (Beijing date; the State Council usually publishes the next
 * year's schedule in November), warn until the next year is entered and marked complete.
 */
export function calendarWarnings(cal: WorkingDayCalendar, now: Date): Warning[] {
  const year = Number(cal.knownThrough.slice(0, 4));
  if (shanghaiDate(now) < `${year}-11-01`) return [];
  const next = year + 1;
  return [{
    code: 'calendar_ending', knownThrough: cal.knownThrough,
    message: `节假日日历只到 ${cal.knownThrough}：请在国务院公布后录入 ${next} 年节假日安排（PUT /api/calendar/overrides/日期）并确认全年已录入（PUT /api/calendar/years/${next}），此前跨入 ${next} 年的期限均为暂定 / ` +
      `the holiday calendar is known only through ${cal.knownThrough}: enter the ${next} schedule once published (PUT /api/calendar/overrides/{date}) and mark it complete (PUT /api/calendar/years/${next}); deadlines reaching into ${next} are provisional until then`,
  }];
}

export function healthRoute({ knex, calendar, clock }: { knex: AppDeps['knex']; calendar: AppDeps['calendar']; clock: Clock }) {
  const r = Router();
  r.get('/health', async (_req, res) => {
    try {
      await ping(knex);
      res.json({ status: 'ok', database: 'ok', warnings: calendarWarnings(await calendar.get(), clock.now()) });
    } catch {
      sendProblem(res, 503, '数据库不可用 / Database unavailable', '无法连接数据库 / the database cannot be reached');
    }
  });
  return r;
}

export function meRoute(_deps: AppDeps) {
  const r = Router();
  r.get('/me', (req, res) => {
    res.json({ user: userView(req.caller.user), org: orgView(req.caller.org), roles: req.caller.roles });
  });
  return r;
}
