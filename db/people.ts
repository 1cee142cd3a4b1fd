// Query functions for the real-name register (R-realname §3.4).
import type { Knex } from 'knex';
import { subtree } from './orgs.ts';
import type { OrgRow, PersonRow } from './tables.ts';

type Db = Knex | Knex.Transaction;

export async function insertPerson(db: Db, p: Omit<PersonRow, 'id'>): Promise<number> {
  const [row] = await db('people').insert(p).returning('id');
  return typeof row === 'object' ? (row as { id: number }).id : (row as number);
}

/** Register records of a subtree's unions by id, `limit` of them after id `after`, optionally of one kind, union or status. */
/** `name`, `post`: a part of it, as typed (LIKE's wildcards escaped); `contractEndsBefore`: a current contract ending before that day. */
export async function listPeople(db: Db, a: {
  subtreeOf: OrgRow; kind?: string; org?: number; status?: string; name?: string; post?: string; contractEndsBefore?: string; after?: number; limit: number;
}): Promise<PersonRow[]> {
  let q = db<PersonRow>('people').whereIn('org_id', subtree(db, a.subtreeOf).select('id')).orderBy('id').limit(a.limit);
  if (a.after !== undefined) q = q.where('id', '>', a.after);
  if (a.kind) q = q.where({ kind: a.kind });
  if (a.org !== undefined) q = q.where({ org_id: a.org });
  if (a.status) q = q.where({ status: a.status });
  if (a.name) q = q.whereRaw("name like ? escape '\\'", [like(a.name)]);
  if (a.post) q = q.whereRaw("post like ? escape '\\'", [like(a.post)]);
  if (a.contractEndsBefore) q = q.where('contract_end', '<', a.contractEndsBefore);
  return q;
}

const like = (part: string) => `%${part.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

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

/** Changes a record's fields (details already merged by the caller). */
export async function updatePerson(db: Db, id: number, patch: Partial<Omit<PersonRow, 'id' | 'created_at' | 'source_instance_id'>>): Promise<void> {
  if (Object.keys(patch).length) await db('people').where({ id }).update(patch);
}

/** People still onboarding who started on or before `startedBy` and were not reminded yet, by id (R-prejob §3.2.3). */
export async function onboardingUnreminded(db: Db, a: { startedBy: string; limit: number }): Promise<PersonRow[]> {
  return db<PersonRow>('people').where({ status: 'onboarding' }).whereNull('onboarding_reminded_at').whereNotNull('start_date')
    .where('start_date', '<=', a.startedBy).orderBy('id').limit(a.limit);
}

/** Marks the reminder sent unless someone marked it first: true for the one caller that did. */
export async function markOnboardingReminded(db: Db, id: number, at: string): Promise<boolean> {
  return (await db('people').where({ id }).whereNull('onboarding_reminded_at').update({ onboarding_reminded_at: at })) === 1;
}

/** Many register records in one statement (a spreadsheet import's chunk). */
export async function insertPeople(db: Db, rows: Omit<PersonRow, 'id'>[]): Promise<void> {
  if (rows.length) await db('people').insert(rows);
}

/** Open records (in post, or onboarding) of these identities: a person already in the register. */
export async function openRecordsOfIdentities(db: Db, identityIds: number[]): Promise<PersonRow[]> {
  return identityIds.length ? db<PersonRow>('people').whereIn('identity_id', identityIds).whereIn('status', ['in_post', 'onboarding']) : [];
}

/**
 * Everyone in post on `date` in a subtree (P5's 凡用必评 roster, R-assess §3.4.2): started on or
 * before it, not ended before it (an exited record without an end date counts as ended), and not
 * still onboarding. One row per register record, with its union's name, by id.
 */
export async function peopleInPostOn(db: Db, a: { subtreeOf: OrgRow; date: string }): Promise<(PersonRow & { org_name: string })[]> {
  return db<PersonRow>('people').join('orgs', 'orgs.id', 'people.org_id')
    .whereIn('people.org_id', subtree(db, a.subtreeOf).select('id'))
    .where('people.start_date', '<=', a.date)
    .whereNot('people.status', 'onboarding')
    .where((q) => q.where('people.end_date', '>=', a.date).orWhere((n) => n.whereNull('people.end_date').whereNot('people.status', 'exited')))
    .select('people.*', 'orgs.name as org_name').orderBy('people.id');
}
