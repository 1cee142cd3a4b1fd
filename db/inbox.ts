// The inbox query (GET /api/tasks): active cases in states that wait on the caller's union,
// soonest open deadline first, paged in SQL.
import type { Knex } from 'knex';
import { inStatePath, num } from './dialect.ts';
import type { InstanceRow } from './tables.ts';

type Db = Knex | Knex.Transaction;
/** Which union, relative to the case's union, a state waits on. */
export type Relation = 'own' | 'parent' | 'grandparent';
/** A state of a process (with every state inside it) that waits on the union at `relation` of the case's union. */
export type Wait = { type: string; version: number; state: string; relation: Relation };
/** Where a page ended: the soonest due (NO_DEADLINE when none), created_at and id of its last row. */
export type InboxCursor = [number, string, string];
export type InboxRow = InstanceRow & { soonest: number };

/** Cases without an open deadline sort after all others. */
export const NO_DEADLINE = Number.MAX_SAFE_INTEGER;

/** Orgs whose cases wait on `orgId` when the state waits on `relation` of the case's union. */
function orgsFor(db: Db, orgId: number, relation: Relation) {
  if (relation === 'own') return db('orgs').select('id').where('id', orgId);
  if (relation === 'parent') return db('orgs').select('id').where('parent_id', orgId);
  return db('orgs').select('id').whereIn('parent_id', db('orgs').select('id').where('parent_id', orgId));
}

/** `org`: only the cases of that union. */
export async function inboxPage(db: Db, a: { orgId: number; waits: Wait[]; org?: number; limit: number; after?: InboxCursor }): Promise<InboxRow[]> {
  if (!a.waits.length) return [];
  const soonest = db.raw(
    `coalesce((select min(d.due_at) from deadlines d where d.instance_id = instances.id and d.status in ('pending', 'fired')), ?) as soonest`, [NO_DEADLINE]);
  const waiting = db('instances').select('instances.*', soonest).where('status', 'active').where((w) => {
    for (const x of a.waits) w.orWhere((o) => o.where({ type: x.type, definition_version: x.version }).where(inStatePath(db, 'state', x.state)).whereIn('org_id', orgsFor(db, a.orgId, x.relation)));
  });
  if (a.org !== undefined) waiting.where('org_id', a.org);
  const q = db.from(waiting.as('t')).select('*')
    .orderBy([{ column: 'soonest' }, { column: 'created_at' }, { column: 'id' }]).limit(a.limit);
  if (a.after) {
    const [due, at, id] = a.after;
    q.where((w) => w.where('soonest', '>', due).orWhere((x) => x.where('soonest', '=', due)
      .where((y) => y.where('created_at', '>', at).orWhere((z) => z.where('created_at', '=', at).where('id', '>', id)))));
  }
  return ((await q) as InboxRow[]).map((r) => ({ ...r, soonest: num(r.soonest)! }));
}
