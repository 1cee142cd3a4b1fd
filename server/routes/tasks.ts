// The caller's inbox: cases waiting on the caller's union and role, and those it oversees (marked
// `watching`), soonest deadline first, paged in SQL; a page costs the same few queries however full.
import { Router } from 'express';
import { inboxPage, type InboxCursor, type Wait } from '../../db/inbox.ts';
import { allDefinitions, definitions } from '../../workflows/registry.ts';
import { machineLeafPaths, waitingOnOf, watchedByOf } from '../../workflows/engine/state-path.ts';
import type { AppDeps } from '../deps.ts';
import type { StateMeta } from '../../workflows/types.ts';
import { decodeCursor, pageLimit, pageOf, paging, queryParams } from '../http.ts';
import { instanceViews } from '../views.ts';
import { taskRows, taskSheet } from '../list-exports.ts';
import { exportFormat, exportParams, pagesOf, sendSheet, type Lang } from '../sheets/write.ts';
import { shanghaiDate } from '../../workflows/rules/calendar.ts';

export const taskListQuery = {
  type: 'object', additionalProperties: false,
  properties: {
    ...paging, ...exportParams,
    type: { enum: definitions.map((d) => d.type), description: '只看该流程 / only this process' },
    org: { type: 'string', pattern: '^[0-9]{1,9}$', description: '只看该工会的事项 / only this union\'s cases' },
  },
};

type Who = NonNullable<StateMeta['waitingOn']>;

export function taskRoutes({ knex, clock, engine, calendar }: AppDeps) {
  const r = Router();
  r.get('/tasks', async (req, res) => {
    const q = queryParams<{ limit?: string; cursor?: string; type?: string; org?: string; lang?: Lang }>(req, taskListQuery);
    const c = req.caller;
    const limit = pageLimit(q, 100);
    const after = decodeCursor<InboxCursor>(q.cursor, ['int', 'str', 'str']);
    // Leaf by leaf, each with the waitingOn and the watchedBy of the nearest declared state around it
    // that says (a parent's holds inside it): the caller's tasks, and the cases its union oversees.
    const mine = (w: Who | undefined): w is Who => !!w && w.roles.some((role) => c.roles.includes(role));
    const waits: Wait[] = allDefinitions.filter((d) => !q.type || d.type === q.type).flatMap((d) => machineLeafPaths(d.machine).flatMap((state) => {
      const w = waitingOnOf(d.states, state), v = watchedByOf(d.states, state);
      return [
        ...(mine(w) ? [{ type: d.type, version: d.version, state, relation: w.relation }] : []),
        ...(mine(v) ? [{ type: d.type, version: d.version, state, relation: v.relation, watch: true }] : []),
      ];
    }));
    const org = q.org ? Number(q.org) : undefined;
    const format = exportFormat(req, res);
    if (format)
      return sendSheet(res, {
        format, name: { zh: '待办', en: 'Tasks' }, date: shanghaiDate(clock.now()), lang: q.lang ?? 'zh', columns: taskSheet(q.lang ?? 'zh'),
        pages: pagesOf((from: InboxCursor | undefined, n) => inboxPage(knex, { orgId: c.org.id, waits, org, limit: n, after: from }), (x): InboxCursor => [x.soonest, x.created_at, x.id],
          (rows) => taskRows(knex, rows.map(({ soonest: _, ...row }) => row), clock.now())),
      });
    const page = pageOf(await inboxPage(knex, { orgId: c.org.id, waits, org, limit: limit + 1, after }), limit, (x) => [x.soonest, x.created_at, x.id]);
    const items = await instanceViews(knex, page.items.map(({ soonest: _, watching: __, ...row }) => row), clock.now(), { caller: c, engine, calendar: await calendar.get() });
    res.json({ items: items.map((x, i) => ({ ...x, watching: page.items[i].watching })), next: page.next });
  });
  return r;
}
