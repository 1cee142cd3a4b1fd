// Query functions for uploads awaiting their commit (server/imports): one row per upload.
import type { Knex } from 'knex';

type Db = Knex | Knex.Transaction;
export type ImportRow = {
  id: string; kind: string; user_id: number; org_id: number; status: 'preview' | 'invalid' | 'committed'; row_count: number;
  errors: string; preview: string; sealed_rows: string | null; result: string | null; created_at: string; expires_at: number | string; committed_at: string | null;
  /** The case the rows go into, for a kind with a target. */
  target_id?: string | null;
};

export async function insertImport(db: Db, row: ImportRow): Promise<void> {
  await db('imports').insert(row);
}

export async function getImport(db: Db, id: string): Promise<ImportRow | undefined> {
  return db<ImportRow>('imports').where({ id }).first();
}

/** Claims a preview for its commit: true for exactly one caller, while it has not expired; its rows are dropped. */
export async function claimImport(db: Db, id: string, now: Date, result: unknown): Promise<boolean> {
  const n = await db('imports').where({ id, status: 'preview' }).where('expires_at', '>', now.getTime())
    .update({ status: 'committed', committed_at: now.toISOString(), sealed_rows: null, result: JSON.stringify(result) });
  return n === 1;
}

/** Drops uploads past their expiry (their sealed rows with them); how many. */
export async function deleteExpiredImports(db: Db, now: Date): Promise<number> {
  return db('imports').where('expires_at', '<=', now.getTime()).del();
}
