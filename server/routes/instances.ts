// Starting cases, reading them, sending events, and their history. Thin: the engine does the work.
import { Router } from 'express';
import type { Knex } from 'knex';
import { getInstance, historyOf, listInstances } from '../../db/instances.ts';
import { getOrg } from '../../db/orgs.ts';
import type { InstanceRow } from '../../db/tables.ts';
import { clip, notFound } from '../../workflows/engine/errors.ts';
import type { EventBody, Held } from '../../workflows/engine/engine.ts';
import { verifyCase } from '../../workflows/engine/hash.ts';
import { pathTaken } from '../../workflows/diagram.ts';
import { definition, definitions } from '../../workflows/registry.ts';
import { requireInSubtree, type Caller } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { decodeCursor, etag, idempotent, ifMatch, jsonBody, largeJson, pageLimit, pageOf, paging, queryParams, type Save } from '../http.ts';
import { historyView, instanceView, instanceViews } from '../views.ts';
import { caseRows, caseSheet } from '../list-exports.ts';
import { exportFormat, exportParams, pagesOf, sendSheet, type Lang } from '../sheets/write.ts';
import { shanghaiDate } from '../../workflows/rules/calendar.ts';

export const instanceListQuery = {
  type: 'object', additionalProperties: false,
  properties: {
    ...paging, ...exportParams,
    type: { enum: definitions.map((d) => d.type) },
    state: { type: 'string', maxLength: 500 },
    org: { type: 'string', pattern: '^[0-9]{1,9}$' },
    status: { enum: ['active', 'done', 'cancelled'] },
    overdue: { enum: ['true', 'false'] },
    parent: { type: 'string', format: 'uuid', description: '该事项发起的事项 / the cases this case started' },
    startedBy: { const: 'me', description: '我发起的：调用者发起的事项 / the cases the caller started' },
    actedBy: { const: 'me', description: '已办：调用者办理过（发送过事件）的事项 / the cases the caller sent an event on' },
  },
};

export const startQuery = { type: 'object', additionalProperties: false, properties: { org: { type: 'string', pattern: '^[0-9]{1,9}$' } } };

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A case the caller may read: 404 for an id that names none, 403 outside the caller's subtree. */
export async function visibleCase(knex: Knex, id: string, caller: Caller): Promise<InstanceRow> {
  const row = UUID.test(id) ? await getInstance(knex, id) : undefined;
  if (!row) throw notFound(`事项 ${clip(id)} / case ${clip(id)}`);
  requireInSubtree(caller, (await getOrg(knex, row.org_id))!);
  return row;
}

export function instanceRoutes(deps: AppDeps) {
  const { knex, engine, clock } = deps;
  const r = Router();

  const visible = (id: string, caller: Caller) => visibleCase(knex, id, caller);
  const detail = async (db: Knex | Knex.Transaction, row: InstanceRow, caller: Caller, held?: Held, calendar = deps.calendar.get()) =>
    instanceView(db, row, clock.now(), { caller, engine, held, calendar: await calendar });
  /**
   * The answer is built inside the transaction from what the engine already read (open deadlines,
   * lineage), so nothing is read twice; with an Idempotency-Key it is stored there too, and sent as is.
   */
  function answer(caller: Caller, save?: Save) {
    let built: unknown;
    // Read before the transaction: a transaction outliving the calendar's cache would otherwise
    // wait inside it for SQLite's one connection, which it holds (a 10,000-member bulk event).
    const calendar = deps.calendar.get();
    calendar.catch(() => undefined); // awaited in `within`; not unhandled when the step fails first
    return {
      within: async (trx: Knex.Transaction, row: InstanceRow, held: Held) => {
        built = await detail(trx, row, caller, held, calendar);
        await save?.(trx, built);
      },
      view: (row: InstanceRow) => built ?? detail(knex, row, caller),
    };
  }

  r.post('/workflows/:type/instances', async (req, res) => {
    const def = definition(req.params.type);
    if (!def) throw notFound(`流程 ${clip(req.params.type)} / process ${clip(req.params.type)}`);
    const body = jsonBody(req);
    // ?org= opens the case for a union below the caller's (e.g. a parent reporting a vacancy); default: the caller's own.
    const { org } = queryParams<{ org?: string }>(req, startQuery);
    const target = org ? await getOrg(knex, Number(org)) : req.caller.org;
    if (!target) throw notFound(`工会 ${org} / union ${org}`);
    requireInSubtree(req.caller, target);
    await idempotent(req, res, deps, 201, async (save) => {
      const a = answer(req.caller, save);
      const row = await engine.start({ type: def.type, body, actor: req.caller.actor, orgId: target.id, within: a.within });
      res.set('Location', `/api/instances/${row.id}`);
      return a.view(row);
    });
  });

  r.get('/instances', async (req, res) => {
    const q = queryParams<{ limit?: string; cursor?: string; type?: string; state?: string; org?: string; status?: string; overdue?: string; parent?: string; startedBy?: 'me'; actedBy?: 'me'; lang?: Lang }>(req, instanceListQuery);
    const me = req.caller.actor.id;
    const filter = {
      subtreeOf: req.caller.org, type: q.type, state: q.state, org: q.org ? Number(q.org) : undefined, status: q.status as InstanceRow['status'] | undefined,
      overdue: q.overdue ? q.overdue === 'true' : undefined, parent: q.parent,
      startedBy: q.startedBy && me, actedBy: q.actedBy && me, now: clock.now().getTime(),
    };
    const format = exportFormat(req, res);
    if (format)
      return sendSheet(res, {
        format, name: { zh: '事项', en: 'Cases' }, date: shanghaiDate(clock.now()), lang: q.lang ?? 'zh', columns: caseSheet(q.lang ?? 'zh'),
        pages: pagesOf((after: [string, string] | undefined, n) => listInstances(knex, { ...filter, after, limit: n }), (x): [string, string] => [x.created_at, x.id], (rows) => caseRows(knex, rows, clock.now())),
      });
    const limit = pageLimit(q, 50);
    const rows = await listInstances(knex, { ...filter, after: decodeCursor<[string, string]>(q.cursor, ['str', 'str']), limit: limit + 1 });
    const page = pageOf(rows, limit, (x) => [x.created_at, x.id]);
    res.json({ items: await instanceViews(knex, page.items, clock.now()), next: page.next });
  });

  // One case as its page shows it: beside the view, the path it took and whether its history chain holds.
  r.get('/instances/:id', async (req, res) => {
    const row = await visible(req.params.id, req.caller);
    const [view, history] = await Promise.all([detail(knex, row, req.caller), historyOf(knex, row.id)]);
    const chain = { verified: !verifyCase(row, history), checkedAt: clock.now().toISOString() };
    res.set('ETag', etag(row.version)).json({ ...view, path: pathTaken(history.map((h) => h.to_state)), chain });
  });

  r.post('/instances/:id/events', largeJson, async (req, res) => {
    // The engine finds the case and checks it lies in the caller's subtree; no second look here.
    // Only a case id's form is checked first: anything else (a NUL byte, say) never reaches SQL.
    if (!UUID.test(req.params.id)) throw notFound(`事项 ${req.params.id.slice(0, 40)} / case`);
    const event = jsonBody(req) as EventBody;
    const expected = ifMatch(req);
    await idempotent(req, res, deps, 200, async (save) => {
      const a = answer(req.caller, save);
      return a.view(await engine.send({ instanceId: req.params.id, event, actor: req.caller.actor, ifMatch: expected, within: a.within }));
    });
  });

  r.get('/instances/:id/history', async (req, res) => {
    const row = await visible(req.params.id, req.caller);
    const rows = await historyOf(knex, row.id);
    const fault = verifyCase(row, rows);
    res.json({ items: rows.map(historyView), path: pathTaken(rows.map((h) => h.to_state)), chain: { valid: !fault, brokenAtSeq: fault?.brokenAtSeq ?? null, reason: fault?.reason ?? null } });
  });

  return r;
}
