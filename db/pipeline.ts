// Queries of a board over a case's children (workflows/pipeline.ts): counts per state and group,
// pages of cards, and the state changes the funnel's time in stage is measured from. Filters are
// SQL, on the children's rows and on values inside their snapshots (jsonAt).
import type { Knex } from 'knex';
import { jsonAt, num } from './dialect.ts';
import { subtree } from './orgs.ts';
import type { OrgRow } from './tables.ts';

type Db = Knex | Knex.Transaction;
type Path = string[];
/** Paths are into the child's context. `lists`: with (true) or without (false) an item. */
export type ChildFilter = {
  parentId: string; childType: string; subtreeOf: OrgRow; states?: string[];
  group?: { path: Path; value: string }; ranges?: { path: Path; min?: number; max?: number }[]; lists?: { path: Path; has: boolean }[];
};

const at = (db: Db, path: Path, as: 'text' | 'number' | 'length') => jsonAt(db, 'snapshot', ['context', ...path], as);

/** The children a filter keeps, in the caller's subtree. */
function children(db: Db, f: ChildFilter): Knex.QueryBuilder {
  let q = db('instances').where({ parent_id: f.parentId, type: f.childType }).whereIn('org_id', subtree(db, f.subtreeOf).select('id'));
  if (f.states) q = q.whereIn('state', f.states);
  if (f.group) q = q.where(db.raw('? = ?', [at(db, f.group.path, 'text'), f.group.value]));
  for (const r of f.ranges ?? []) {
    if (r.min !== undefined) q = q.where(db.raw('? >= ?', [at(db, r.path, 'number'), r.min]));
    if (r.max !== undefined) q = q.where(db.raw('? <= ?', [at(db, r.path, 'number'), r.max]));
  }
  for (const l of f.lists ?? []) q = q.where(db.raw(l.has ? '? > 0' : 'coalesce(?, 0) = 0', [at(db, l.path, 'length')]));
  return q;
}

/** How many children are in each state, per group (its value at `groupPath`, and a label beside it). */
export async function childCounts(db: Db, f: ChildFilter, groupPath: Path, labelPath: Path): Promise<{ state: string; group: string | null; label: string | null; n: number }[]> {
  const rows = await children(db, f)
    .select('state', db.raw('? as ??', [at(db, groupPath, 'text'), 'grp']), db.raw('? as ??', [at(db, labelPath, 'text'), 'label']), db.raw('count(*) as ??', ['n']))
    .groupBy('state', 'grp', 'label'); // by the output names: PostgreSQL cannot tell two bound copies of one expression are the same
  return rows.map((r: any) => ({ state: r.state, group: r.grp ?? null, label: r.label ?? null, n: num(r.n)! }));
}

export type ChildCard = { id: string; key: string | null; state: string; createdAt: string; updatedAt: string; values: Record<string, unknown> };

/**
 * A page of children with the values at `values` (alias → path, `number` or `text`), ordered by
 * `order` (aliases of numbers, highest first, absent last), then start time and the number at `then`.
 */
export async function childCards(db: Db, f: ChildFilter, a: {
  values: Record<string, { path: Path; as: 'text' | 'number' | 'length' }>; order?: string[]; then?: Path; offset: number; limit: number;
}): Promise<ChildCard[]> {
  const cols = Object.entries(a.values).map(([alias, v]) => db.raw('? as ??', [at(db, v.path, v.as), `v_${alias}`]));
  let q = children(db, f).select('id', 'correlation_key', 'state', 'created_at', 'updated_at', ...cols);
  for (const o of a.order ?? []) {
    const e = at(db, a.values[o].path, 'number');
    q = q.orderByRaw('(case when ? is null then 1 else 0 end), ? desc', [e, e]);
  }
  q = q.orderBy('created_at');
  if (a.then) q = q.orderByRaw('?', [at(db, a.then, 'number')]);
  const rows = await q.orderBy('id').offset(a.offset).limit(a.limit);
  return rows.map((r: any) => ({
    id: r.id, key: r.correlation_key, state: r.state, createdAt: r.created_at, updatedAt: r.updated_at,
    values: Object.fromEntries(Object.entries(a.values).map(([alias, v]) => [alias, v.as === 'text' ? r[`v_${alias}`] ?? null : num(r[`v_${alias}`])])),
  }));
}

/** The children's state changes (their start and every history row that moved the state), per child in order. */
export async function childStateChanges(db: Db, f: ChildFilter): Promise<{ child: string; state: string; at: string }[]> {
  const rows = await db('history').whereIn('instance_id', children(db, f).select('id'))
    .where((w) => w.whereNull('from_state').orWhereRaw('?? <> ??', ['from_state', 'to_state']))
    .select('instance_id', 'to_state', 'at').orderBy([{ column: 'instance_id' }, { column: 'seq' }]);
  return rows.map((r: any) => ({ child: r.instance_id, state: r.to_state, at: r.at }));
}

/** A case's history rows at the given instants (a parent's rows that moved a child, found by the child's `cause` and time). */
export async function historyAt(db: Db, instanceId: string, ats: string[]) {
  if (!ats.length) return [];
  return db('history').where({ instance_id: instanceId }).whereIn('at', [...new Set(ats)]).orderBy('seq');
}
