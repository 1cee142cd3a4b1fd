// Administrators: the outbox (failures visible, resend) and the working-day overrides.
import { Router } from 'express';
import { deleteOverride, pageOverrides, putOverride } from '../../db/calendar.ts';
import { listOutbox, requeueMail } from '../../db/outbox.ts';
import { clip, conflict, DomainError, notFound } from '../../workflows/engine/errors.ts';
import { isIsoDate } from '../../workflows/rules/calendar.ts';
import { requireRole } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { decodeCursor, encodeCursor, pageLimit, pageOf, paging, queryParams, validBody } from '../http.ts';

const STATUSES = ['pending', 'sending', 'sent', 'failed', 'no_recipient'];
export const outboxQuery = { type: 'object', additionalProperties: false, properties: { ...paging, status: { enum: STATUSES } } };
export const overridesQuery = { type: 'object', additionalProperties: false, properties: paging };
export const overrideSchema = {
  type: 'object', additionalProperties: false, required: ['kind'],
  properties: { kind: { enum: ['workday', 'holiday'], title: '调休上班 workday / 放假 holiday' }, note: { type: 'string', maxLength: 200 } },
};

export function adminRoutes({ knex, clock, calendar }: AppDeps) {
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
    const row = Number.isNaN(id) ? undefined : await knex('outbox').where({ id }).first();
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

  r.put('/calendar/overrides/:date', async (req, res) => {
    requireRole(req.caller, 'admin');
    const date = req.params.date;
    const body = validBody<{ kind: 'workday' | 'holiday'; note?: string }>(req, overrideSchema);
    if (!isIsoDate(date))
      throw new DomainError(400, '日期有误 / Bad date', '路径中的日期无效 / the date in the path is not valid', [{ pointer: '/date', message: `日期应为 YYYY-MM-DD / the date must be YYYY-MM-DD, got ${date.slice(0, 20)}` }]);
    await putOverride(knex, { date, ...body }, clock.now());
    calendar.invalidate();
    res.json({ date, ...body });
  });

  r.delete('/calendar/overrides/:date', async (req, res) => {
    requireRole(req.caller, 'admin');
    const date = req.params.date;
    if (!isIsoDate(date) || !(await deleteOverride(knex, date))) throw notFound(`日期 ${clip(date)} 的调整 / override for that date`);
    calendar.invalidate();
    res.status(204).end();
  });
  return r;
}
