// Query functions for the union tree. Subtree membership is a prefix match on the materialised path.
import type { Knex } from 'knex';
import { isPostgres, lockRows } from './dialect.ts';
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
  await treeChanged(db);
  return (await getOrg(db, id))!;
}

export async function updateOrg(db: Db, id: number, patch: Partial<OrgRow>): Promise<void> {
  await db('orgs').where({ id }).update(patch);
  await treeChanged(db);
}

// The process's copy of the unions it read, per database (keyed by the knex config, which a
// database's transactions share). Every request reads its case's lineage and its caller's union;
// the tree changes a few times a year. Kept exact: every write here drops the copy (and again when
// its transaction ends, since a reader outside it may have copied the old row meanwhile), no copy
// is made while a write is open, and on PostgreSQL, where other processes write too, each read
// first compares the shared counter org_tree_version (one primary-key read) with its copy's.
type OrgCache = { rows: Map<number, OrgRow>; version: number | null; writing: number };
const caches = new WeakMap<object, OrgCache>();
const MAX_CACHED = 50_000;

function cacheOf(db: Db): OrgCache {
  const key = db.client.config as object;
  let c = caches.get(key);
  if (!c) caches.set(key, (c = { rows: new Map(), version: null, writing: 0 }));
  return c;
}

async function treeChanged(db: Db): Promise<void> {
  const c = cacheOf(db);
  const drop = () => void (c.rows.clear(), (c.version = null));
  drop();
  await db('org_tree_version').where({ id: 1 }).increment('version', 1);
  if (!db.isTransaction) return;
  c.writing++;
  (db as Knex.Transaction).executionPromise.finally(() => void (c.writing--, drop())).catch(() => undefined);
}

/** Unions by id, from the process's copy where it holds them (rows shared: never change one). */
export async function cachedOrgs(db: Db, ids: number[]): Promise<Map<number, OrgRow>> {
  const c = cacheOf(db);
  if (isPostgres(db)) {
    const v = Number((await db('org_tree_version').where({ id: 1 }).first('version'))?.version);
    if (v !== c.version) void (c.rows.clear(), (c.version = v));
  }
  const out = new Map<number, OrgRow>();
  const missing = [...new Set(ids)].filter((id) => (c.rows.has(id) ? void out.set(id, c.rows.get(id)!) : true));
  if (!missing.length) return out;
  const keep = c.writing === 0;
  if (keep && c.rows.size + missing.length > MAX_CACHED) c.rows.clear();
  for (const o of await orgsByIds(db, missing)) {
    out.set(o.id, Object.freeze(o));
    if (keep) c.rows.set(o.id, o);
  }
  return out;
}

export const getCachedOrg = async (db: Db, id: number): Promise<OrgRow | undefined> => (await cachedOrgs(db, [id])).get(id);

/** A union and its ancestors, nearest first; undefined for no such union. */
export async function lineageOf(db: Db, orgId: number): Promise<OrgRow[] | undefined> {
  const org = await getCachedOrg(db, orgId);
  if (!org) return undefined;
  const ids = ancestorIds(org);
  const rows = await cachedOrgs(db, ids);
  return [org, ...ids.map((id) => rows.get(id)!)];
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

/** The unions whose full name or abbreviation is one of these (how a clerk names a union in a spreadsheet). */
export async function orgsNamed(db: Db, names: string[]): Promise<OrgRow[]> {
  return names.length ? db<OrgRow>('orgs').whereIn('name', names).orWhereIn('abbr', names) : [];
}

export const inSubtree = (root: OrgRow, org: Pick<OrgRow, 'path'>) => org.path.startsWith(root.path);

/** The org's ancestor ids, nearest first (from the path, no query). */
export const ancestorIds = (org: OrgRow) => org.path.split('/').filter(Boolean).map(Number).slice(0, -1).reverse();

/** Each org's lineage ids (itself, then its ancestors nearest first), for many orgs in at most two queries. */
export async function lineagesOf(db: Db, orgIds: number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  if (!orgIds.length) return out;
  for (const o of (await cachedOrgs(db, orgIds)).values()) out.set(o.id, [o.id, ...ancestorIds(o)]);
  return out;
}
