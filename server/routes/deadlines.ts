// Open deadlines in the caller's subtree, with their clause and days left.
import { Router } from 'express';
import { listDeadlines } from '../../db/deadlines.ts';
import { definition } from '../../workflows/registry.ts';
import type { AppDeps } from '../deps.ts';
import { decodeCursor, pageLimit, pageOf, paging, queryParams } from '../http.ts';
import { deadlineView } from '../views.ts';
import { deadlineRows, deadlineSheet } from '../list-exports.ts';
import { exportFormat, exportParams, pagesOf, sendSheet, type Lang } from '../sheets/write.ts';
import { shanghaiDate } from '../../workflows/rules/calendar.ts';
import { titled } from '../../workflows/schema-kit.ts';

export const deadlineListQuery = {
  type: 'object', additionalProperties: false,
  properties: {
    within: titled({ type: 'string', pattern: '^[0-9]{1,4}d$' }, '期限范围，如 30d', 'within, e.g. 30d'),
    overdue: { enum: ['true', 'false'] },
    ...paging, ...exportParams,
  },
};

export function deadlineRoutes({ knex, clock, calendar }: AppDeps) {
  const r = Router();
  r.get('/deadlines', async (req, res) => {
    const q = queryParams<{ within?: string; overdue?: string; limit?: string; cursor?: string; lang?: Lang }>(req, deadlineListQuery);
    const now = clock.now();
    const filter = { now: now.getTime(), orgPathPrefix: req.caller.org.path, overdue: q.overdue === 'true', within: q.within ? Number(q.within.slice(0, -1)) * 86_400_000 : undefined };
    const format = exportFormat(req, res);
    if (format)
      return sendSheet(res, {
        format, name: { zh: '期限', en: 'Deadlines' }, date: shanghaiDate(now), lang: q.lang ?? 'zh', columns: deadlineSheet(q.lang ?? 'zh'),
        pages: pagesOf((after: [number, number] | undefined, n) => listDeadlines(knex, { ...filter, after, limit: n }), (d): [number, number] => [Number(d.due_at), d.id], (rows) => deadlineRows(knex, rows, now)),
      });
    const limit = pageLimit(q, 100);
    const rows = await listDeadlines(knex, { ...filter, limit: limit + 1, after: decodeCursor<[number, number]>(q.cursor, ['int', 'int']) });
    const page = pageOf(rows, limit, (d) => [d.due_at as number, d.id]);
    const cal = await calendar.get();
    const items = page.items.map((d) =>
      deadlineView(d, now, definition(d.instance_type, Number(d.instance_version)), { id: d.instance_id, type: d.instance_type, org_id: d.org_id, subject: d.instance_subject }, cal));
    res.json({ items, next: page.next });
  });
  return r;
}
