// The inbox query (GET /api/tasks): active cases in states that wait on the caller's union, and
// those its union oversees without acting (marked `watching`), soonest open deadline first, paged in SQL.
import type { Knex } from 'knex';
import { inStatePath, num } from './dialect.ts';
import type { InstanceRow } from './tables.ts';

type Db = Knex | Knex.Transaction;
/** Which union, relative to the case's union, a state waits on. */
export type Relation = 'own' | 'parent' | 'grandparent';
/**
 * A state of a process (with every state inside it) that waits on the union at `relation` of the
 * case's union; `watch`: that union oversees it without acting (a case it also waits on is a task).
 */
export type Wait = { type: string; version: number; state: string; relation: Relation; watch?: boolean };
/** Where a page ended: the soonest due (NO_DEADLINE when none), created_at and id of its last row. */
export type InboxCursor = [number, string, string];
export type InboxRow = InstanceRow & { soonest: number; watching: boolean };

/** Cases without an open deadline sort after all others. */
export const NO_DEADLINE = Number.MAX_SAFE_INTEGER;

/** Orgs whose cases wait on `orgId` when the state waits on `relation` of the case's union. */
function orgsFor(db: Db, orgId: number, relation: Relation) {
  if (relation === 'own') return db('orgs').select('id').where('id', orgId);
  if (relation === 'parent') return db('orgs').select('id').where('parent_id', orgId);
  return db('orgs').select('id').whereIn('parent_id', db('orgs').select('id').where('parent_id', orgId));
}

/** The case is in the wait's process and state, and its union is at the wait's relation to `orgId`. */
const matches = (db: Db, orgId: number, x: Wait) =>
  db.raw('(?? = ? and ?? = ? and ? and ?? in ?)', ['instances.type', x.type, 'instances.definition_version', x.version, inStatePath(db, 'instances.state', x.state), 'instances.org_id', orgsFor(db, orgId, x.relation)]);

/** `org`: only the cases of that union. */
type InboxArgs = { orgId: number; waits: Wait[]; org?: number; limit: number; after?: InboxCursor };

export async function inboxPage(db: Db, a: InboxArgs): Promise<InboxRow[]> {
  if (!a.waits.length) return [];
  return ((await inboxQuery(db, a)) as InboxRow[]).map((r) => ({ ...r, soonest: num(r.soonest)!, watching: num(r.watching) === 1 }));
}

/** The page's query, unrun (its plan is tested: it must not grow with the open deadlines of other cases). */
export function inboxQuery(db: Db, a: InboxArgs): Knex.QueryBuilder {
  // A join grouped by case, not a subquery per row: for `min(due_at) where instance_id = … and status
  // in (…)` SQLite's planner picks the (status, due_at) index and scans every open deadline per case
  // (5,000 waiting cases: 15 s); the join looks each case's deadlines up by (instance_id, status).
  const soonest = db.raw('coalesce(min(d.due_at), ?) as soonest', [NO_DEADLINE]);
  const tasks = a.waits.filter((x) => !x.watch);
  // 1 when no wait that is a task matches: the case is only watched.
  const watching = tasks.length ? db.raw(`min(case when ${tasks.map(() => '?').join(' or ')} then 0 else 1 end) as watching`, tasks.map((x) => matches(db, a.orgId, x))) : db.raw('1 as watching');
  const waiting = db('instances').select('instances.*', soonest, watching)
    .leftJoin('deadlines as d', (j) => j.on('d.instance_id', 'instances.id').onIn('d.status', ['pending', 'fired']))
    .where('instances.status', 'active').where(db.raw(`(${a.waits.map(() => '?').join(' or ')})`, a.waits.map((x) => matches(db, a.orgId, x))))
    .groupBy('instances.id');
  if (a.org !== undefined) waiting.where('instances.org_id', a.org);
  const q = db.from(waiting.as('t')).select('*')
    .orderBy([{ column: 'soonest' }, { column: 'created_at' }, { column: 'id' }]).limit(a.limit);
  if (a.after) {
    const [due, at, id] = a.after;
    q.where((w) => w.where('soonest', '>', due).orWhere((x) => x.where('soonest', '=', due)
      .where((y) => y.where('created_at', '>', at).orWhere((z) => z.where('created_at', '=', at).where('id', '>', id)))));
  }
  return q;
}
