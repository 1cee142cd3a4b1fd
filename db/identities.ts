// Query functions for the register's identities: resident ID numbers, encrypted, found by keyed hash.
import type { Knex } from 'knex';

type Db = Knex | Knex.Transaction;
export type IdentityRow = { id: number; encrypted: string; keyed_hash: string; masked: string; created_at: string };

export async function identityByHash(db: Db, keyedHash: string): Promise<IdentityRow | undefined> {
  return db<IdentityRow>('person_identities').where({ keyed_hash: keyedHash }).first();
}

/** Inserts unless the number is there already (a concurrent insert of the same number included); the new row's id, undefined when nothing was inserted. */
export async function insertIdentityIfNew(db: Db, row: Omit<IdentityRow, 'id'>): Promise<number | undefined> {
  const [inserted] = await db('person_identities').insert(row).onConflict('keyed_hash').ignore().returning('id');
  return inserted === undefined ? undefined : Number(typeof inserted === 'object' ? (inserted as { id: number }).id : inserted);
}

export async function identitiesByIds(db: Db, ids: number[]): Promise<IdentityRow[]> {
  return ids.length ? db<IdentityRow>('person_identities').whereIn('id', ids) : [];
}

/** Many numbers at once (a spreadsheet import): the identities among these keyed hashes. */
export async function identitiesByHashes(db: Db, hashes: string[]): Promise<IdentityRow[]> {
  return hashes.length ? db<IdentityRow>('person_identities').whereIn('keyed_hash', hashes) : [];
}

/** Inserts those not there yet, in one statement (a number inserted meanwhile is left as it is). */
export async function insertIdentitiesIfNew(db: Db, rows: Omit<IdentityRow, 'id'>[]): Promise<void> {
  if (rows.length) await db('person_identities').insert(rows).onConflict('keyed_hash').ignore();
}
