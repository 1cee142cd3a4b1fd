// Query functions for the scheduler and the deadline lists: which deadlines are due, which are open.
// Writes to deadlines happen in the engine's transition (db/instances.ts); these only read.
import type { Knex } from 'knex';
import { num } from './dialect.ts';
import type { DeadlineRow } from './tables.ts';

type Db = Knex | Knex.Transaction;

/** Where a scan of due deadlines stopped: the last row handed out (rows are ordered by due_at, id). */
export type DueCursor = { dueAt: number; id: number };

/**
 * The query behind dueDeadlines, exposed so a test can EXPLAIN it. It is a range scan of the
 * (status, due_at) index: `status = 'pending' AND due_at <= now`, in index order, stopping after
 * `limit` rows, so its cost depends on how many rows are due, not on how many are pending.
 * `after` continues behind the last row of the previous batch, so rows that stayed pending
 * (their firing failed) are not handed out again in the same pass.
 */
export function dueDeadlinesQuery(db: Db, now: number, limit: number, after?: DueCursor) {
  const q = db<DeadlineRow>('deadlines').where('status', 'pending').where('due_at', '<=', now);
  if (after)
    q.where('due_at', '>=', after.dueAt).where((w) => w.where('due_at', '>', after.dueAt).orWhere('id', '>', after.id));
  return q.orderBy([{ column: 'due_at' }, { column: 'id' }]).limit(limit);
}

/** Pending deadlines due at or before `now` (epoch ms), soonest first. */
export async function dueDeadlines(db: Db, now: number, limit: number, after?: DueCursor): Promise<DeadlineRow[]> {
  const rows = await dueDeadlinesQuery(db, now, limit, after);
  return rows.map(normalise);
}

export type DeadlineListItem = DeadlineRow & { org_id: number; instance_type: string; instance_version: number; instance_state: string; instance_subject: string };

/**
 * Open deadlines (pending, or fired and not yet closed) of active cases, soonest first, for
 * GET /api/deadlines.
 * - orgPathPrefix: only cases of unions in that subtree (an org's materialised path, e.g. '/1/2/').
 * - within: only those due by now + within (ms).
 * - overdue: only those past due that are not reminders (a reminder that went out is not a missed
 *   deadline; an escalation or lapse that fired while the case still waits is).
 * - after: continue behind this (due_at, id), the last row of the previous page; `limit` rows at most.
 */
export async function listDeadlines(
  db: Db,
  a: { now: number; orgPathPrefix?: string; within?: number; overdue?: boolean; limit?: number; after?: [number, number] },
): Promise<DeadlineListItem[]> {
  const q = db('deadlines as d')
    .join('instances as i', 'i.id', 'd.instance_id')
    .join('orgs as o', 'o.id', 'i.org_id')
    .whereIn('d.status', ['pending', 'fired'])
    .where('i.status', 'active')
    .select('d.*', 'i.org_id', 'i.type as instance_type', 'i.definition_version as instance_version', 'i.state as instance_state', 'i.subject as instance_subject')
    .orderBy([{ column: 'd.due_at' }, { column: 'd.id' }])
    .limit(a.limit ?? 100);
  if (a.after) {
    const [dueAt, id] = a.after;
    q.where('d.due_at', '>=', dueAt).where((w) => w.where('d.due_at', '>', dueAt).orWhere('d.id', '>', id));
  }
  if (a.orgPathPrefix) q.where('o.path', 'like', `${a.orgPathPrefix.replace(/[%_\\]/g, '')}%`);
  if (a.within !== undefined) q.where('d.due_at', '<=', a.now + a.within);
  if (a.overdue) q.where('d.due_at', '<=', a.now).whereNot('d.kind', 'reminder');
  const rows = (await q) as DeadlineListItem[];
  return rows.map(normalise);
}

/**
 * Pending deadlines a calendar change over [from, to] may move: those whose due rule read a date in
 * that range, and every provisional one (a year's mark changes what counts as known). Case by case.
 */
export async function deadlinesDependingOn(db: Db, from: string, to: string): Promise<DeadlineRow[]> {
  const spanning = await db<DeadlineRow>('deadlines').where('status', 'pending').where('calendar_to', '>=', from).where('calendar_from', '<=', to);
  const provisional = await db<DeadlineRow>('deadlines').where({ provisional: true, status: 'pending' });
  const byId = new Map([...spanning, ...provisional].map((r) => [num(r.id)!, normalise(r)]));
  return [...byId.values()].sort((a, b) => a.instance_id.localeCompare(b.instance_id) || a.id - b.id);
}

function normalise<T extends DeadlineRow>(r: T): T {
  return { ...r, id: num(r.id)!, due_at: num(r.due_at)! };
}

/** The scheduler takes a pending deadline at the instant it saw (a calendar change may have moved it): false when it is gone. */
export async function claimDeadline(db: Db, d: Pick<DeadlineRow, 'id' | 'due_at'>, now: Date): Promise<boolean> {
  return (await db('deadlines').where({ id: d.id, status: 'pending', due_at: Number(d.due_at) }).update({ status: 'fired', fired_at: now.toISOString() })) === 1;
}

/** A fired deadline whose case has left its states is cancelled, not acted on. */
export async function cancelDeadline(db: Db, id: number, now: Date): Promise<void> {
  await db('deadlines').where({ id }).update({ status: 'cancelled', closed_at: now.toISOString() });
}
