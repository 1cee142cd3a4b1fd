// Query functions for linked cases: a case's children, the open case holding a correlation key.
import type { Knex } from 'knex';
import { isUniqueViolation, lockRows, rawRows } from './dialect.ts';
import type { InstanceRow } from './tables.ts';

type Db = Knex | Knex.Transaction;
export type ChildRow = Pick<InstanceRow, 'id' | 'type' | 'state' | 'status' | 'subject' | 'org_id'> & { parent_id: string };

/** The children of several cases in one query, oldest first. */
export async function childrenOf(db: Db, parentIds: string[]): Promise<ChildRow[]> {
  if (!parentIds.length) return [];
  // One case (an event's answer): fixed text, no query compiler (rawRows).
  if (parentIds.length === 1) return rawRows<ChildRow>(db, 'select id, type, state, status, subject, org_id, parent_id from instances where parent_id = ? order by created_at, id', parentIds);
  return db<InstanceRow>('instances').whereIn('parent_id', parentIds)
    .select('id', 'type', 'state', 'status', 'subject', 'org_id', 'parent_id').orderBy([{ column: 'created_at' }, { column: 'id' }]) as Promise<ChildRow[]>;
}

/** The active case of a type holding a correlation key, if any (at most one: a partial unique index). */
export async function openCaseByKey(db: Db, type: string, key: string): Promise<InstanceRow | undefined> {
  return db<InstanceRow>('instances').where({ type, correlation_key: key, status: 'active' }).first();
}

/** A case's active children holding a correlation key (one per type). */
export async function openChildrenByKey(db: Db, parentId: string, key: string): Promise<InstanceRow[]> {
  return db<InstanceRow>('instances').where({ parent_id: parentId, correlation_key: key, status: 'active' }).orderBy('id');
}

/** A case's active children, locked for this transaction (PostgreSQL), in one statement each: a campaign's bulk step reaches thousands. */
export async function lockOpenChildren(trx: Knex.Transaction, parentId: string): Promise<InstanceRow[]> {
  await lockRows(trx, 'instances', { parent_id: parentId, status: 'active' });
  return trx<InstanceRow>('instances').where({ parent_id: parentId, status: 'active' }).orderBy('id');
}

/** Whether an insert failed on the open-correlation-key index (a concurrent start with the same key won). */
export function isCorrelationKeyClash(err: unknown): boolean {
  const e = err as { constraint?: string; message?: string };
  return isUniqueViolation(err) && (e.constraint === 'instances_open_correlation_key' || /instances\.correlation_key/.test(e.message ?? ''));
}

/** The cases of the type holding these keys, newest first per key. */
export async function casesByKeys(db: Db, type: string, keys: string[]): Promise<InstanceRow[]> {
  if (!keys.length) return [];
  return db<InstanceRow>('instances').where({ type }).whereIn('correlation_key', keys).orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id' }]);
}

/** An open case without a parent becomes a child of `parentId` (an exit joining the by-election already open); false if it has a parent. */
export async function adoptCase(trx: Knex.Transaction, id: string, parentId: string): Promise<boolean> {
  return (await trx('instances').where({ id }).whereNull('parent_id').update({ parent_id: parentId })) === 1;
}
