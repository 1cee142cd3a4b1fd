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
