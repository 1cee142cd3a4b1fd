// Query functions for the union tree. Subtree membership is a prefix match on the materialised path.
import type { Knex } from 'knex';
import { lockRows } from './dialect.ts';
import type { OrgRow } from './tables.ts';

type Db = Knex | Knex.Transaction;

/** Whether the tree has a union at all (an empty database is seeded or bootstrapped). */
export async function anyOrg(db: Db): Promise<boolean> {
  return !!(await db('orgs').first('id'));
}

export async function getOrg(db: Db, id: number): Promise<OrgRow | undefined> {
  return db<OrgRow>('orgs').where({ id }).first();
}

/** Holds the union's row until the transaction ends: starts that must see each other's cases take turns (PostgreSQL; see lockRows). */
export const lockOrg = (trx: Knex.Transaction, id: number) => lockRows(trx, 'orgs', { id });

export async function insertOrg(db: Db, org: Omit<OrgRow, 'id' | 'path' | 'created_at'>, now: Date): Promise<OrgRow> {
  const parent = org.parent_id ? await getOrg(db, org.parent_id) : undefined;
  const [row] = await db<OrgRow>('orgs').insert({ ...org, path: '', created_at: now.toISOString() }).returning('id');
  const id = typeof row === 'object' ? (row as { id: number }).id : (row as number);
  const path = `${parent?.path ?? '/'}${id}/`;
  await db('orgs').where({ id }).update({ path });
  return (await getOrg(db, id))!;
}

export async function updateOrg(db: Db, id: number, patch: Partial<OrgRow>): Promise<void> {
  await db('orgs').where({ id }).update(patch);
}

/** Orgs in the subtree rooted at `root` (inclusive). */
export function subtree(db: Db, root: OrgRow) {
  return db<OrgRow>('orgs').where('path', 'like', `${root.path}%`);
}

/** Unions of a subtree by id, `limit` of them after id `after`, optionally of one kind or parent. */
export async function listOrgs(db: Db, a: { subtreeOf: OrgRow; kind?: string; parentId?: number; after?: number; limit: number }): Promise<OrgRow[]> {
  let q = subtree(db, a.subtreeOf).orderBy('id').limit(a.limit);
  if (a.after !== undefined) q = q.where('id', '>', a.after);
  if (a.kind) q = q.where({ kind: a.kind });
  if (a.parentId !== undefined) q = q.where({ parent_id: a.parentId });
  return q;
}

/** The unions with these ids, in no particular order (none for no ids). */
export async function orgsByIds(db: Db, ids: number[]): Promise<OrgRow[]> {
  return ids.length ? db<OrgRow>('orgs').whereIn('id', ids) : [];
}

export const inSubtree = (root: OrgRow, org: Pick<OrgRow, 'path'>) => org.path.startsWith(root.path);

/** The org's ancestor ids, nearest first (from the path, no query). */
export const ancestorIds = (org: OrgRow) => org.path.split('/').filter(Boolean).map(Number).slice(0, -1).reverse();

/** Each org's lineage ids (itself, then its ancestors nearest first), for many orgs in at most two queries. */
export async function lineagesOf(db: Db, orgIds: number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  if (!orgIds.length) return out;
  for (const o of await orgsByIds(db, orgIds)) out.set(o.id, [o.id, ...ancestorIds(o)]);
  return out;
}
