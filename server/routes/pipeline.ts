// A case's children as a board, as its definition's `pipeline` declares (workflows/pipeline.ts):
// counts per stage and group, pages of cards with filters, the funnel with time in each stage;
// and any case's whole timeline (its history and the parent's events that moved it). Filters are
// SQL over the children's rows (db/pipeline.ts), not over a copy in the parent's context: the
// children are the record, indexed by parent, and SQL pages them.
import { Router, type Request } from 'express';
import { childCards, childCounts, childStateChanges, historyAt, type ChildFilter } from '../../db/pipeline.ts';
import { getInstance, historyOf } from '../../db/instances.ts';
import { getOrg, inSubtree } from '../../db/orgs.ts';
import type { HistoryRow, InstanceRow } from '../../db/tables.ts';
import { clip, DomainError, notFound } from '../../workflows/engine/errors.ts';
import { stateTitle } from '../../workflows/engine/state-path.ts';
import { actionForm, funnel, payloadFor, staysOf, type Pipeline } from '../../workflows/pipeline.ts';
import { definition, definitions } from '../../workflows/registry.ts';
import { own } from '../../workflows/engine/own.ts';
import type { Caller } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { decodeCursor, pageLimit, pageOf, paging, queryParams } from '../http.ts';
import { masked } from '../views.ts';
import { visibleCase } from './instances.ts';

const declared = definitions.flatMap((d) => d.pipeline?.fields ?? []);
const NUMBER = { type: 'string', pattern: '^-?[0-9]{1,6}(\\.[0-9]{1,2})?$' };
/** Filters every board shares, plus a range per number field and yes/no per list field of any definition's pipeline. */
const filterProps = {
  group: { type: 'string', maxLength: 200, description: '分组（如岗位代码）/ a group, e.g. a post code' },
  ...Object.fromEntries(declared.filter((f) => f.kind === 'number').flatMap((f) => [
    [`min.${f.id}`, { ...NUMBER, description: `${f.title.zh}不低于 / ${f.title.en} at least` }], [`max.${f.id}`, { ...NUMBER, description: `${f.title.zh}不高于 / ${f.title.en} at most` }]])),
  ...Object.fromEntries(declared.filter((f) => f.kind === 'list').map((f) => [`has.${f.id}`, { enum: ['true', 'false'], description: `有无${f.title.zh} / with or without ${f.title.en}` }])),
};
export const boardQuery = { type: 'object', additionalProperties: false, properties: filterProps };
export const cardQuery = {
  type: 'object', additionalProperties: false,
  properties: {
    ...paging, ...filterProps, stage: { type: 'string', maxLength: 60, description: '看板的列 / a column of the board' },
    sort: { enum: ['registration', 'ranking'], description: '报名先后（默认），或按流程的排名规则 / registration order (default), or the process\'s ranking order' },
  },
};

type Q = Record<string, string | undefined>;
const bad = (detail: string) => new DomainError('bad_request', '请求有误 / Bad request', detail);

export function pipelineRoutes({ knex, clock }: AppDeps) {
  const r = Router();

  const visible = (id: string, caller: Caller) => visibleCase(knex, id, caller);
  async function board(req: Request): Promise<{ row: InstanceRow; p: Pipeline }> {
    const row = await visible(req.params.id as string, req.caller);
    const p = definition(row.type)?.pipeline;
    if (!p) throw notFound(`事项 ${row.id} 的看板（其流程未声明）/ a board of case ${row.id} (its process declares none)`);
    return { row, p };
  }
  function filterOf(p: Pipeline, row: InstanceRow, caller: Caller, q: Q): ChildFilter {
    const f: ChildFilter = { parentId: row.id, childType: p.childType, subtreeOf: caller.org, ranges: [], lists: [] };
    if (q.group) f.group = { path: p.groupBy.id, value: q.group };
    for (const [k, v] of Object.entries(q)) {
      const m = /^(min|max|has)\.(.+)$/.exec(k);
      if (!m || v === undefined) continue;
      const field = p.fields.find((x) => x.id === m[2] && x.kind === (m[1] === 'has' ? 'list' : 'number'));
      if (!field) throw bad(`本看板没有可筛选的「${clip(m[2])}」/ this board has no filter ${clip(k)}`);
      if (m[1] === 'has') f.lists!.push({ path: field.path, has: v === 'true' });
      else f.ranges!.push({ path: field.path, [m[1]]: Number(v) });
    }
    if (q.stage) {
      const stage = p.stages.find((s) => s.id === q.stage);
      if (!stage) throw bad(`本看板没有「${clip(q.stage)}」列 / this board has no column ${clip(q.stage)}`);
      f.states = stage.states;
    }
    return f;
  }
  const childDef = (p: Pipeline) => definition(p.childType)!;
  const finalStages = (p: Pipeline) => new Set(p.stages.filter((s) => s.states.every((st) => own(childDef(p).finalStatus, st))).map((s) => s.id));
  // Each action with its id and the form of what it asks, from the parent's event schema.
  const actionsOf = (row: InstanceRow, p: Pipeline) => p.actions.map((a) => {
    const form = actionForm(a, definition(row.type)!.events[a.event].schema as Record<string, any>);
    return { ...a, id: a.id ?? a.event, ask: Object.keys(form.properties!), form };
  });
  const stageOf = (p: Pipeline, state: string) => p.stages.find((s) => s.states.includes(state))?.id ?? null;

  r.get('/instances/:id/pipeline', async (req, res) => {
    const { row, p } = await board(req);
    const q = queryParams<Q>(req, boardQuery);
    const rows = await childCounts(knex, filterOf(p, row, req.caller, q), p.groupBy.id, p.groupBy.label);
    const finals = finalStages(p);
    const groups = new Map<string, { id: string; label: string | null; count: number }>();
    for (const x of rows) {
      const g = groups.get(x.group ?? '') ?? { id: x.group ?? '', label: x.label, count: 0 };
      groups.set(g.id, { ...g, count: g.count + x.n });
    }
    const stages = p.stages.map((s) => {
      const mine = rows.filter((x) => s.states.includes(x.state));
      const byGroup: Record<string, number> = {};
      for (const x of mine) byGroup[x.group ?? ''] = (byGroup[x.group ?? ''] ?? 0) + x.n;
      return { id: s.id, title: s.title, states: s.states, final: finals.has(s.id), count: mine.reduce((n, x) => n + x.n, 0), byGroup };
    });
    res.json({
      instanceId: row.id, childType: p.childType, total: rows.reduce((n, x) => n + x.n, 0), stages, groups: [...groups.values()],
      groupBy: { title: p.groupBy.title }, fields: p.fields.map(({ id, title, kind }) => ({ id, title, kind })), actions: actionsOf(row, p), ranking: p.ranking,
    });
  });

  r.get('/instances/:id/pipeline/cards', async (req, res) => {
    const { row, p } = await board(req);
    const q = queryParams<Q>(req, cardQuery);
    const limit = pageLimit(q, 50);
    const [offset] = decodeCursor<[number]>(q.cursor, ['int']) ?? [0];
    const values = {
      name: { path: p.name, as: 'text' as const }, group: { path: p.groupBy.id, as: 'text' as const }, groupLabel: { path: p.groupBy.label, as: 'text' as const },
      ...Object.fromEntries(p.fields.map((f) => [`f_${f.id}`, { path: f.path, as: f.kind === 'list' ? 'length' as const : f.kind }])),
    };
    const cards = await childCards(knex, filterOf(p, row, req.caller, q), { values, order: q.sort === 'ranking' ? p.ranking.order.map((o) => `f_${o}`) : [], then: p.order, offset, limit: limit + 1 });
    const page = pageOf(cards, limit, () => [offset + limit]);
    const states = childDef(p).states as Record<string, { title: { zh: string; en: string } }>;
    res.json({
      items: page.items.map((c) => ({
        id: c.id, key: c.key, state: c.state, stateTitle: stateTitle(states, c.state) ?? null, stage: stageOf(p, c.state),
        name: c.values.name, group: c.values.group, groupLabel: c.values.groupLabel,
        values: Object.fromEntries(p.fields.map((f) => [f.id, c.values[`f_${f.id}`] ?? null])), createdAt: c.createdAt, updatedAt: c.updatedAt,
      })),
      next: page.next,
    });
  });

  r.get('/instances/:id/pipeline/funnel', async (req, res) => {
    const { row, p } = await board(req);
    const q = queryParams<Q>(req, boardQuery);
    const now = clock.now();
    const stays = staysOf(p, await childStateChanges(knex, filterOf(p, row, req.caller, q)));
    res.json({ instanceId: row.id, at: now.toISOString(), stages: funnel(p, stays, now, finalStages(p)) });
  });

  // Any case's timeline: its own history, and the rows of its parent (if the caller sees it) whose transitions moved it.
  r.get('/instances/:id/timeline', async (req, res) => {
    const row = await visible(req.params.id as string, req.caller);
    const def = definition(row.type);
    const mine = await historyOf(knex, row.id);
    const parent = row.parent_id ? await getInstance(knex, row.parent_id) : undefined;
    const parentOrg = parent && (await getOrg(knex, parent.org_id));
    const caused = mine.filter((h) => (JSON.parse(h.payload).cause?.instanceId ?? null) === parent?.id);
    const theirs = parent && parentOrg && inSubtree(req.caller.org, parentOrg)
      ? (await historyAt(knex, parent.id, caused.map((h) => h.at))).filter((h: HistoryRow) => caused.some((c) => c.at === h.at && JSON.parse(c.payload).cause.event === h.type))
      : [];
    const item = (h: HistoryRow, source: 'case' | 'parent', d = def, key: string | null = null) => ({
      source, instanceId: h.instance_id, seq: h.seq, type: h.type, title: h.type === 'START' ? d?.start.title ?? null : d?.events[h.type]?.title ?? null,
      actorName: h.actor_name, from: h.from_state, to: h.to_state, at: h.at,
      payload: masked(source === 'parent' ? payloadFor(JSON.parse(h.payload), key) : JSON.parse(h.payload)),
    });
    const items = [...mine.map((h) => item(h, 'case')), ...theirs.map((h: HistoryRow) => item(h, 'parent', definition(parent!.type), row.correlation_key ?? null))]
      .sort((a, b) => a.at.localeCompare(b.at) || (a.source === b.source ? a.seq - b.seq : a.source === 'parent' ? -1 : 1));
    res.json({ instanceId: row.id, parentId: parent?.id ?? null, items });
  });
  return r;
}
