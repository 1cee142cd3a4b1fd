// Administrators: the outbox (failures visible, resend) and the city-wide working-day calendar
// (overrides, years marked complete), which only the city federation's admins may change.
import { Router } from 'express';
import { deleteOverride, holidayOverridesIn, listCompleteYears, markYear, pageOverrides, putOverride } from '../../db/calendar.ts';
import { getMail, listOutbox, requeueMail } from '../../db/outbox.ts';
import { clip, conflict, DomainError, forbidden, invalid, notFound } from '../../workflows/engine/errors.ts';
import type { Recomputed } from '../../workflows/engine/engine.ts';
import { isIsoDate, PACKAGE_YEARS, shanghaiDate } from '../../workflows/rules/calendar.ts';
import { requireRole, type Caller } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { decodeCursor, encodeCursor, pageLimit, pageOf, paging, queryParams, validBody } from '../http.ts';
import { titled } from '../../workflows/schema-kit.ts';

const STATUSES = ['pending', 'sending', 'sent', 'failed', 'no_recipient'];
export const outboxQuery = { type: 'object', additionalProperties: false, properties: { ...paging, status: { enum: STATUSES } } };
export const overridesQuery = { type: 'object', additionalProperties: false, properties: paging };
export const overrideSchema = {
  type: 'object', additionalProperties: false, required: ['kind'],
  properties: { kind: titled({ enum: ['workday', 'holiday'] }, '调休上班或放假', 'workday or holiday'), note: titled({ type: 'string', maxLength: 200 }, '说明', 'note') },
};

export const yearSchema = {
  type: 'object', additionalProperties: false, required: ['complete'],
  properties: { complete: titled({ type: 'boolean' }, '该年节假日安排已全部录入', 'the year\'s whole schedule is entered', { widget: 'checkbox' }) },
};

/** The calendar is city-wide: a district's admin may not change the holidays of every union. */
function requireCityAdmin(c: Caller) {
  requireRole(c, 'admin');
  if (c.org.parent_id !== null)
    throw forbidden('全市工作日历只能由市总工会（根工会）的管理员修改 / only an admin of the city federation (the root union) may change the city-wide calendar');
}

const badDate = (s: string) => new DomainError('bad_request', '日期有误 / Bad date', '路径中的日期无效 / the date in the path is not valid',
  [{ pointer: '/date', message: `日期应为 YYYY-MM-DD / the date must be YYYY-MM-DD, got ${s.slice(0, 20)}` }]);

const summary = (cases: { deadlines: Recomputed[] }[]) => ({ cases: cases.length, deadlines: cases.reduce((n, c) => n + c.deadlines.length, 0) });

export function adminRoutes({ knex, clock, calendar, engine }: AppDeps) {
  const r = Router();

  r.get('/notifications', async (req, res) => {
    requireRole(req.caller, 'admin');
    const q = queryParams<{ limit?: string; cursor?: string; status?: string }>(req, outboxQuery);
    const page = await listOutbox(knex, {
      status: q.status as never, limit: pageLimit(q, 50), cursor: decodeCursor<[number]>(q.cursor, ['int'])?.[0], orgPathPrefix: req.caller.org.path,
    });
    const items = page.items.map((m) => ({
      id: m.id, instanceId: m.instance_id, template: m.template, to: m.to_email, toUserId: m.to_user_id, subject: m.subject, status: m.status,
      attempts: m.attempts, nextAttemptAt: new Date(Number(m.next_attempt_at)).toISOString(), lastError: m.last_error, createdAt: m.created_at, sentAt: m.sent_at,
    }));
    res.json({ items, next: page.next === undefined ? null : encodeCursor([page.next]) });
  });

  r.post('/notifications/:id/retry', async (req, res) => {
    requireRole(req.caller, 'admin');
    const id = /^[0-9]{1,9}$/.test(req.params.id) ? Number(req.params.id) : NaN;
    const row = Number.isNaN(id) ? undefined : await getMail(knex, id);
    if (!row) throw notFound(`邮件 ${clip(req.params.id)} / mail ${clip(req.params.id)}`);
    if (!(await requeueMail(knex, id, clock.now().getTime())))
      throw conflict('只有发送失败的邮件可以重发 / only a failed mail with a recipient can be sent again');
    res.json({ id, status: 'pending' });
  });

  r.get('/calendar/overrides', async (req, res) => {
    const q = queryParams<{ limit?: string; cursor?: string }>(req, overridesQuery);
    const limit = pageLimit(q, 100);
    const page = pageOf(await pageOverrides(knex, { limit: limit + 1, after: decodeCursor<[string]>(q.cursor, ['str'])?.[0] }), limit, (o) => [o.date]);
    res.json(page);
  });

  // Each change commits with the pending deadlines it moves and their cases' history entries.
  const by = (c: Caller) => ({ userId: c.user.id, name: c.user.name });

  r.put('/calendar/overrides/:date', async (req, res) => {
    requireCityAdmin(req.caller);
    const date = req.params.date;
    const body = validBody<{ kind: 'workday' | 'holiday'; note?: string }>(req, overrideSchema);
    if (!isIsoDate(date)) throw badDate(date);
    const cause = { kind: 'override', date, change: 'put', overrideKind: body.kind, note: body.note ?? null, by: by(req.caller) };
    const { cases } = await engine.changeCalendar({ from: date, to: date, cause, change: (trx) => putOverride(trx, { date, ...body }, clock.now()) });
    res.json({ date, ...body, recomputed: summary(cases) });
  });

  r.delete('/calendar/overrides/:date', async (req, res) => {
    requireCityAdmin(req.caller);
    const date = req.params.date;
    if (!isIsoDate(date)) throw notFound(`日期 ${clip(date)} 的调整 / override for ${clip(date)}`);
    const cause = { kind: 'override', date, change: 'delete', by: by(req.caller) };
    await engine.changeCalendar({
      from: date, to: date, cause,
      change: async (trx) => { if (!(await deleteOverride(trx, date))) throw notFound(`日期 ${date} 的调整 / override for ${date}`); },
    });
    res.status(204).end();
  });

  r.get('/calendar/years', async (_req, res) => {
    const cal = await calendar.get();
    res.json({ knownThrough: cal.knownThrough, package: { ...PACKAGE_YEARS }, completeYears: await listCompleteYears(knex) });
  });

  // The admin's statement that a year's whole holiday schedule is entered: only then are deadlines in it firm.
  r.put('/calendar/years/:year', async (req, res) => {
    requireCityAdmin(req.caller);
    if (!/^[0-9]{4}$/.test(req.params.year))
      throw new DomainError('bad_request', '年份有误 / Bad year', '路径中的年份应为四位数字 / the year in the path must have four digits', [{ pointer: '/year', message: req.params.year.slice(0, 20) }]);
    const year = Number(req.params.year);
    const { complete } = validBody<{ complete: boolean }>(req, yearSchema);
    const refuse = (message: string) => invalid(message, [{ pointer: '/year', message }]);
    if (year <= PACKAGE_YEARS.to)
      throw refuse(`${year} 年的节假日安排已包含在 chinese-days 数据中，无需确认 / the ${year} schedule is already in the chinese-days data`);
    const thisYear = Number(shanghaiDate(clock.now()).slice(0, 4));
    if (year > thisYear + 1)
      throw refuse(`国务院每年只公布下一年的节假日安排，${year} 年的尚不可能公布 / the State Council publishes only next year's schedule; ${year}'s cannot be out yet`);
    const cause = { kind: 'year', year, complete, by: by(req.caller) };
    const { cases } = await engine.changeCalendar({
      from: `${year}-01-01`, to: `${year}-12-31`, cause,
      change: async (trx) => {
        if (complete && !(await holidayOverridesIn(trx, year)))
          throw refuse(`尚未录入 ${year} 年的任何节假日，请先按国务院通知录入全年安排 / no ${year} holiday is entered yet; enter the whole schedule first`);
        await markYear(trx, year, complete, String(req.caller.user.id), clock.now());
      },
    });
    res.json({ year, complete, knownThrough: (await calendar.get()).knownThrough, recomputed: summary(cases) });
  });
  return r;
}
