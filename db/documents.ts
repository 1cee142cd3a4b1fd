// Query functions for issued documents: numbered per issuing union, kind and year, never updated.
import type { Knex } from 'knex';
import type { DocumentRow } from './tables.ts';

type Db = Knex | Knex.Transaction;

export async function nextDocumentSeq(db: Db, issuerOrgId: number, kind: string, year: number): Promise<number> {
  const row = await db('documents').where({ issuer_org_id: issuerOrgId, kind, year }).max({ m: 'seq' }).first();
  return Number(row?.m ?? 0) + 1;
}

export async function insertDocument(db: Db, d: Omit<DocumentRow, 'id'>): Promise<number> {
  const [row] = await db('documents').insert(d).returning('id');
  return typeof row === 'object' ? (row as { id: number }).id : (row as number);
}

export async function getDocument(db: Db, id: number): Promise<DocumentRow | undefined> {
  return db<DocumentRow>('documents').where({ id }).first();
}

export async function documentsOf(db: Db, instanceId: string): Promise<DocumentRow[]> {
  return db<DocumentRow>('documents').where({ instance_id: instanceId }).orderBy('id');
}
