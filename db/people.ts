// Query functions for the real-name register (R-realname §3.4).
import type { Knex } from 'knex';
import type { PersonRow } from './tables.ts';

type Db = Knex | Knex.Transaction;

export async function insertPerson(db: Db, p: Omit<PersonRow, 'id'>): Promise<number> {
  const [row] = await db('people').insert(p).returning('id');
  return typeof row === 'object' ? (row as { id: number }).id : (row as number);
}

export async function getPerson(db: Db, id: number): Promise<PersonRow | undefined> {
  return db<PersonRow>('people').where({ id }).first();
}

/** Register records still open (in post, or onboarding) of a union, by kind. */
export async function openRecordsOf(db: Db, orgId: number, kind: string): Promise<PersonRow[]> {
  return db<PersonRow>('people').where({ org_id: orgId, kind }).whereIn('status', ['in_post', 'onboarding']).orderBy('id');
}

/** Closes a record: its end date and status, with why in its details (details.exit). */
export async function closeRecord(db: Db, p: Pick<PersonRow, 'id' | 'details'>, a: { endDate: string; status: string; exit: Record<string, unknown> }): Promise<void> {
  const details = { ...JSON.parse(p.details), exit: a.exit };
  await db('people').where({ id: p.id }).update({ end_date: a.endDate, status: a.status, details: JSON.stringify(details) });
}
