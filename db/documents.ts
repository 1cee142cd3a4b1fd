// Query functions for issued documents: numbered per issuing union, kind and year, never updated.
import type { Knex } from 'knex';
import { lockRows, rawRows } from './dialect.ts';
import type { DocumentRow } from './tables.ts';

type Db = Knex | Knex.Transaction;

/**
 * The issuer's next number for the kind and year. Two approvals by the same union at once take
 * turns on the issuer's row (until the document is inserted and committed), so they never take the
 * same number.
 */
export async function nextDocumentSeq(trx: Knex.Transaction, issuerOrgId: number, kind: string, year: number): Promise<number> {
  await lockRows(trx, 'orgs', { id: issuerOrgId });
  const row = await trx('documents').where({ issuer_org_id: issuerOrgId, kind, year }).max({ m: 'seq' }).first();
  return Number(row?.m ?? 0) + 1;
}

export async function insertDocument(db: Db, d: Omit<DocumentRow, 'id'>): Promise<number> {
  const [row] = await db('documents').insert(d).returning('id');
  return typeof row === 'object' ? (row as { id: number }).id : (row as number);
}

export async function getDocument(db: Db, id: number): Promise<DocumentRow | undefined> {
  return db<DocumentRow>('documents').where({ id }).first();
}

/** The documents of many cases in one query, oldest first. */
export async function documentsOf(db: Db, instanceIds: string[]): Promise<DocumentRow[]> {
  if (!instanceIds.length) return [];
  // One case (an event's answer): fixed text, no query compiler (rawRows).
  if (instanceIds.length === 1) return rawRows<DocumentRow>(db, 'select * from documents where instance_id = ? order by id', instanceIds);
  return db<DocumentRow>('documents').whereIn('instance_id', instanceIds).orderBy('id');
}
