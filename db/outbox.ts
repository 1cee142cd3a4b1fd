// Query functions for the outbox: the mailer claims, sends and marks rows; admins list them.
// Rows are written by the engine (workflows/engine/effects.ts) in the transition's transaction.
//
// Row life: pending ─claim─▶ sending ─▶ sent
//                                     ╰─▶ pending (retry later, attempts+1) ─ … ─▶ failed
// For a 'sending' row, next_attempt_at holds the end of its lease: a row still 'sending' after
// that (the process died mid-send) is put back to pending by reclaimStale.
import type { Knex } from 'knex';
import { queueInsert, type WriteQueue } from './write-queue.ts';
import { forClaim, insertRows, num } from './dialect.ts';
import type { OutboxRow } from './tables.ts';

type Db = Knex | Knex.Transaction;

export type OutboxStatus = OutboxRow['status'];

/**
 * The query behind claimDueMail: a range scan of the (status, next_attempt_at) index.
 * Exposed so a test can EXPLAIN it.
 */
export function dueMailQuery(db: Db, now: number, limit: number) {
  return db<OutboxRow>('outbox').where('status', 'pending').where('next_attempt_at', '<=', now)
    .orderBy([{ column: 'next_attempt_at' }, { column: 'id' }]).limit(limit);
}

/**
 * Takes up to `limit` due pending rows for sending: each becomes 'sending' with a lease until
 * `leaseUntil`. The update is guarded by status = 'pending', so a row is taken by one mailer only
 * (PostgreSQL also skips rows another mailer has locked). Returns the rows taken.
 */
export async function claimDueMail(db: Db, a: { now: number; limit: number; leaseUntil: number }): Promise<OutboxRow[]> {
  return db.transaction(async (trx) => {
    const due = await forClaim(trx, dueMailQuery(trx, a.now, a.limit).select('id'));
    const taken: number[] = [];
    for (const { id } of due as { id: number }[]) {
      const n = await trx('outbox').where({ id, status: 'pending' }).update({ status: 'sending', next_attempt_at: a.leaseUntil });
      if (n === 1) taken.push(id);
    }
    if (!taken.length) return [];
    const rows = await trx<OutboxRow>('outbox').whereIn('id', taken).orderBy([{ column: 'next_attempt_at' }, { column: 'id' }]);
    return rows.map(normalise);
  });
}

/**
 * Renews the lease of a row this mailer holds, just before sending it, so the lease covers one
 * message rather than a whole batch. False if the row is no longer ours: do not send it.
 */
export async function renewLease(db: Db, id: number, a: { heldUntil: number; leaseUntil: number }): Promise<boolean> {
  // The lease end this mailer set works as its claim token: another mailer that took the row back
  // and claimed it again set its own.
  const n = await db('outbox').where({ id, status: 'sending', next_attempt_at: a.heldUntil }).update({ next_attempt_at: a.leaseUntil });
  return n === 1;
}

/** SMTP accepted the message. False if the row was no longer ours (its lease expired and it was taken back). */
export async function markSent(db: Db, id: number, sentAt: Date): Promise<boolean> {
  const n = await db('outbox').where({ id, status: 'sending' }).update({ status: 'sent', sent_at: sentAt.toISOString(), last_error: null });
  return n === 1;
}

/**
 * A send failed: count the attempt and either try again at `retryAt` or, with `retryAt` null,
 * give up ('failed', listed for administrators). False if the row was no longer ours.
 */
export async function markFailed(db: Db, id: number, a: { attempts: number; error: string; retryAt: number | null }): Promise<boolean> {
  const n = await db('outbox').where({ id, status: 'sending' }).update({
    status: a.retryAt === null ? 'failed' : 'pending',
    attempts: a.attempts,
    last_error: a.error.slice(0, 1000),
    ...(a.retryAt === null ? {} : { next_attempt_at: a.retryAt }),
  });
  return n === 1;
}

/**
 * Rows left 'sending' past their lease (the process stopped between claiming and marking) go back
 * to pending, counting the interrupted attempt; at maxAttempts they are 'failed' instead, so a
 * message that kills the mailer every time cannot loop forever. Returns how many were taken back.
 */
export async function reclaimStale(db: Db, a: { now: number; maxAttempts: number }): Promise<number> {
  const stale = () => db('outbox').where('status', 'sending').where('next_attempt_at', '<=', a.now);
  const error = '发送中断（租约到期）/ sending was interrupted (lease expired); the message may have been delivered already';
  const failed = await stale().where('attempts', '>=', a.maxAttempts - 1)
    .update({ status: 'failed', attempts: db.raw('attempts + 1'), last_error: error });
  const back = await stale().update({ status: 'pending', attempts: db.raw('attempts + 1'), last_error: error, next_attempt_at: a.now });
  return failed + back;
}

/** How many rows are pending, and the highest pending id (0 when none): one query. */
export async function pendingMailSummary(db: Db): Promise<{ count: number; maxId: number }> {
  const row = (await db('outbox').where('status', 'pending').count({ n: '*' }).max({ m: 'id' }).first()) as { n: number | string; m: number | string | null } | undefined;
  return { count: Number(row?.n ?? 0), maxId: Number(row?.m ?? 0) };
}

/** Pending rows with id above `afterId`, oldest first: what a mailer without SMTP has not logged yet. */
export async function pendingMailAfter(db: Db, afterId: number, limit: number): Promise<OutboxRow[]> {
  const rows = await db<OutboxRow>('outbox').where('id', '>', afterId).where('status', 'pending').orderBy('id').limit(limit);
  return rows.map(normalise);
}

/**
 * Outbox rows for administrators (GET /api/notifications), newest first. `cursor` is the id of
 * the last row of the previous page; `next` is the cursor for the page after this one.
 */
export async function listOutbox(
  db: Db,
  a: { status?: OutboxStatus | OutboxStatus[]; limit?: number; cursor?: number; orgPathPrefix?: string } = {},
): Promise<{ items: OutboxRow[]; next?: number }> {
  const limit = Math.max(1, Math.min(a.limit ?? 50, 200));
  const q = db<OutboxRow>('outbox').orderBy('id', 'desc').limit(limit + 1);
  if (a.orgPathPrefix)
    q.whereIn('instance_id', db('instances').select('instances.id').join('orgs', 'orgs.id', 'instances.org_id').where('orgs.path', 'like', `${a.orgPathPrefix}%`));
  if (a.status) q.whereIn('status', Array.isArray(a.status) ? a.status : [a.status]);
  if (a.cursor !== undefined) q.where('id', '<', a.cursor);
  const rows = (await q).map(normalise);
  const items = rows.slice(0, limit);
  return { items, next: rows.length > limit ? items[items.length - 1].id : undefined };
}

/** One outbox row by id (whatever its status): the retry route tells a missing mail (404) from one it may not resend (409). */
export async function getMail(db: Db, id: number): Promise<OutboxRow | undefined> {
  const row = await db<OutboxRow>('outbox').where({ id }).first();
  return row && normalise(row);
}

/** An administrator sends a failed row again (e.g. after fixing the SMTP settings): back to pending, attempts reset. */
export async function requeueMail(db: Db, id: number, now: number): Promise<boolean> {
  const n = await db('outbox').where({ id }).where('status', 'failed').whereNotNull('to_email')
    .update({ status: 'pending', attempts: 0, next_attempt_at: now, last_error: null });
  return n === 1;
}

function normalise(r: OutboxRow): OutboxRow {
  return { ...r, id: num(r.id)!, attempts: num(r.attempts)!, next_attempt_at: num(r.next_attempt_at)! };
}

/** Mail a transition causes, written in its transaction: one row per recipient, or one `no_recipient` row. */
export type NewMail = Omit<OutboxRow, 'id' | 'sent_at' | 'to_user_id' | 'to_email' | 'last_error'> & Partial<Pick<OutboxRow, 'to_user_id' | 'to_email' | 'last_error'>>;
const MAIL_COLUMNS = ['instance_id', 'template', 'to_user_id', 'to_email', 'subject', 'body', 'status', 'attempts', 'next_attempt_at', 'last_error', 'created_at'] as const;

/** `queue`: a bulk step's, which writes the rows with the step's others at its end. */
export async function insertMail(db: Db, rows: NewMail | NewMail[], queue?: WriteQueue): Promise<void> {
  if (queue) queueInsert(queue, 'outbox', rows);
  else for (let i = 0, list = Array.isArray(rows) ? rows : [rows]; i < list.length; i += 400) await insertRows(db, 'outbox', MAIL_COLUMNS, list.slice(i, i + 400));
}
