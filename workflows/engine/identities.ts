// Resident ID numbers never reach a machine, a snapshot or the history: before a machine sees a
// start body or an event, every string its JSON Schema marks `format: 'cn-resident-id'` becomes
// the masked number, with a sibling `<field>Ref` naming the register's identity row, created in
// the same transaction (so a refused request leaves none behind).
import type { Knex } from 'knex';
import { identitiesByHashes, identityByHash, insertIdentitiesIfNew, insertIdentityIfNew, type IdentityRow } from '../../db/identities.ts';
import { isResidentId, maskResidentId } from '../rules/resident-id.ts';
import type { JsonSchema } from '../types.ts';
import type { PersonalData } from './personal-data.ts';

type Db = Knex | Knex.Transaction;
type Holder = Record<string, unknown>;
const isObject = (v: unknown): v is Holder => typeof v === 'object' && v !== null && !Array.isArray(v);
export const refKey = (field: string) => `${field}Ref`;

/** The identity of a number entered before, by its keyed hash: how a duplicate person is found. */
export function findIdentityByNumber(db: Db, pd: PersonalData, number: string): Promise<IdentityRow | undefined> {
  return identityByHash(db, pd.keyedHash(number));
}

/** The identity row of a number: the existing one, or a new one (read again only when a concurrent insert won). */
export async function identityFor(db: Db, pd: PersonalData, number: string, now: Date): Promise<number> {
  const found = await findIdentityByNumber(db, pd, number);
  if (found) return found.id;
  const id = await insertIdentityIfNew(db, { encrypted: pd.encrypt(number), keyed_hash: pd.keyedHash(number), masked: maskResidentId(number), created_at: now.toISOString() });
  return id ?? (await findIdentityByNumber(db, pd, number))!.id;
}

/** The identity rows already on record for these numbers (valid, upper-case), by number: nothing is written. */
export async function knownIdentities(db: Db, pd: PersonalData, numbers: string[]): Promise<Map<string, number>> {
  const hashOf = new Map([...new Set(numbers)].map((n) => [pd.keyedHash(n), n]));
  return new Map((await identitiesByHashes(db, [...hashOf.keys()])).map((i) => [hashOf.get(i.keyed_hash)!, i.id]));
}

const CHUNK = 400;
/** The identity row of each of many numbers (valid, upper-case), existing or new: three statements per 400. */
export async function identitiesFor(db: Db, pd: PersonalData, numbers: string[], now: Date): Promise<Map<string, number>> {
  const distinct = [...new Set(numbers)];
  if (distinct.length > CHUNK) { // SQLite compounds at most 500 rows in one multi-row insert
    const out = new Map<string, number>();
    for (let i = 0; i < distinct.length; i += CHUNK) for (const [n, id] of await identitiesFor(db, pd, distinct.slice(i, i + CHUNK), now)) out.set(n, id);
    return out;
  }
  const hashOf = new Map(distinct.map((n) => [n, pd.keyedHash(n)]));
  const found = await identitiesByHashes(db, [...hashOf.values()]);
  const known = new Set(found.map((i) => i.keyed_hash));
  const fresh = [...hashOf].filter(([, h]) => !known.has(h));
  // Read again only after an insert: a row a concurrent insert won is not in its answer.
  await insertIdentitiesIfNew(db, fresh.map(([n, h]) => ({ encrypted: pd.encrypt(n), keyed_hash: h, masked: maskResidentId(n), created_at: now.toISOString() })));
  const idOf = new Map((fresh.length ? await identitiesByHashes(db, [...hashOf.values()]) : found).map((i) => [i.keyed_hash, i.id]));
  return new Map([...hashOf].map(([n, h]) => [n, idOf.get(h)!]));
}

/** [object, field] of every value the schema marks as a resident ID number (properties, items, allOf/anyOf/oneOf, if/then/else). */
function slots(schema: unknown, value: unknown, out: [Holder, string][]): void {
  if (!isObject(schema)) return;
  if (Array.isArray(value) && schema.items) value.forEach((v) => slots(schema.items, v, out));
  if (isObject(value) && isObject(schema.properties))
    for (const [k, sub] of Object.entries(schema.properties)) {
      if (isObject(sub) && sub.format === 'cn-resident-id') out.push([value, k]);
      else slots(sub, value[k], out);
    }
  for (const k of ['allOf', 'anyOf', 'oneOf']) if (Array.isArray(schema[k])) for (const s of schema[k] as unknown[]) slots(s, value, out);
  for (const k of ['then', 'else']) slots(schema[k], value, out);
}

const marked = new WeakMap<object, boolean>();
/** Whether the schema marks any field as a resident ID number (once per schema: most events carry none). */
function marksIds(schema: unknown): boolean {
  if (!isObject(schema)) return false;
  if (!marked.has(schema)) {
    marked.set(schema, false); // a cycle, if any, is no mark
    const subs = [schema.items, ...Object.values(isObject(schema.properties) ? schema.properties : {}), ...['allOf', 'anyOf', 'oneOf'].flatMap((k) => (Array.isArray(schema[k]) ? schema[k] as unknown[] : [])), schema.then, schema.else];
    marked.set(schema, schema.format === 'cn-resident-id' || subs.some(marksIds));
  }
  return marked.get(schema)!;
}

/** A copy of `value` (already valid against `schema`) with its ID numbers masked and referenced. */
export async function protectResidentIds<T>(db: Db, pd: PersonalData, schema: JsonSchema, value: T, now: Date): Promise<T> {
  if (!marksIds(schema)) return value; // nothing to mask; the caller never changes what it passed
  const copy = structuredClone(value);
  const found: [Holder, string][] = [];
  slots(schema, copy, found);
  const seen = new Map<Holder, Set<string>>();
  const numbers: [Holder, string, string][] = [];
  for (const [holder, k] of found) {
    if (!seen.has(holder)) seen.set(holder, new Set());
    if (seen.get(holder)!.has(k)) continue; // reached twice through allOf and the like
    seen.get(holder)!.add(k);
    const v = holder[k];
    delete holder[refKey(k)]; // only the engine names an identity
    if (typeof v === 'string' && isResidentId(v.toUpperCase())) numbers.push([holder, k, v.toUpperCase()]);
  }
  // All of a bulk event's numbers in three statements (a campaign registers thousands at once).
  const ids = numbers.length ? await identitiesFor(db, pd, numbers.map(([, , n]) => n), now) : new Map<string, number>();
  for (const [holder, k, n] of numbers) {
    holder[k] = maskResidentId(n);
    holder[refKey(k)] = ids.get(n)!;
  }
  return copy;
}

const EMBEDDED = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;

/**
 * For stored JSON without a schema (migrating old cases): every string that is a valid number
 * becomes masked with a sibling ref; a valid number inside other text is masked in place.
 */
export async function protectStoredJson(db: Db, pd: PersonalData, value: unknown, now: Date): Promise<unknown> {
  if (Array.isArray(value)) return Promise.all(value.map((v) => protectStoredJson(db, pd, v, now)));
  if (typeof value === 'string') return value.replace(EMBEDDED, (m) => (isResidentId(m.toUpperCase()) ? maskResidentId(m.toUpperCase()) : m));
  if (!isObject(value)) return value;
  const out: Holder = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string' && isResidentId(v.toUpperCase())) {
      out[k] = maskResidentId(v.toUpperCase());
      out[refKey(k)] = await identityFor(db, pd, v.toUpperCase(), now);
    } else out[k] = await protectStoredJson(db, pd, v, now);
  }
  return out;
}
