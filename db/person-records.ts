// Query functions for a person's dated register entries (R-realname §3.4; migration 20261204090000).
import type { Knex } from 'knex';
import type { PersonRecordRow } from './tables.ts';

type Db = Knex | Knex.Transaction;

export async function insertPersonRecords(db: Db, rows: Omit<PersonRecordRow, 'id'>[]): Promise<void> {
  if (rows.length) await db('person_records').insert(rows);
}

/** A person's entries, oldest first (by day, then as written), optionally of some kinds. */
export async function listPersonRecords(db: Db, a: { personId: number; kinds?: string[] }): Promise<PersonRecordRow[]> {
  let q = db<PersonRecordRow>('person_records').where({ person_id: a.personId }).orderBy([{ column: 'on_date' }, { column: 'id' }]);
  if (a.kinds) q = q.whereIn('kind', a.kinds);
  return q;
}

/** Total class hours of a person's training entries (data.hours), optionally only from a day on. */
export async function trainingHoursOf(db: Db, a: { personId: number; from?: string }): Promise<number> {
  const rows = await listPersonRecords(db, { personId: a.personId, kinds: ['training'] });
  return rows.filter((r) => !a.from || r.on_date >= a.from).reduce((n, r) => n + Number(JSON.parse(r.data).hours ?? 0), 0);
}

/** Entries of one kind of many people (e.g. last year's assessments of a campaign's roster), in chunks inside the bound-parameter limits. */
export async function entriesOfPeople(db: Db, a: { personIds: number[]; kind: string }): Promise<PersonRecordRow[]> {
  const out: PersonRecordRow[] = [];
  for (let i = 0; i < a.personIds.length; i += 500)
    out.push(...(await db<PersonRecordRow>('person_records').where({ kind: a.kind }).whereIn('person_id', a.personIds.slice(i, i + 500)).orderBy([{ column: 'on_date' }, { column: 'id' }])));
  return out;
}
