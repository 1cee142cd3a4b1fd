// Unions named inside a start body or an event (a post's employing unit): a field the schema marks
// `x-org: 'subtree'` must name a union in the case's union's subtree (itself or below), checked
// against the tree before the machine sees it — a district cannot plan posts in another district.
import type { Knex } from 'knex';
import { inSubtree, orgsByIds } from '../../db/orgs.ts';
import type { OrgRow } from '../../db/tables.ts';
import type { JsonSchema } from '../types.ts';
import type { FieldError } from './errors.ts';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** [pointer, id] of every value the schema marks `x-org: 'subtree'` (properties and items). */
function refs(schema: unknown, value: unknown, at: string, out: [string, number][]): void {
  if (!isObject(schema)) return;
  if (schema['x-org'] === 'subtree' && typeof value === 'number') out.push([at, value]);
  if (Array.isArray(value) && schema.items) value.forEach((v, i) => refs(schema.items, v, `${at}/${i}`, out));
  if (isObject(value) && isObject(schema.properties)) for (const [k, sub] of Object.entries(schema.properties)) refs(sub, value[k], `${at}/${k}`, out);
}

const marked = new WeakMap<object, boolean>();
/** Whether the schema marks any field (once per schema: most carry none). */
function marks(schema: unknown): boolean {
  if (!isObject(schema)) return false;
  if (!marked.has(schema)) {
    marked.set(schema, false);
    marked.set(schema, schema['x-org'] === 'subtree' || marks(schema.items) || Object.values(isObject(schema.properties) ? schema.properties : {}).some(marks));
  }
  return marked.get(schema)!;
}

/** A problem for each marked union that does not exist or lies outside `root`'s subtree. */
export async function orgRefProblems(db: Knex | Knex.Transaction, schema: JsonSchema, value: unknown, root: OrgRow): Promise<FieldError[]> {
  if (!marks(schema)) return [];
  const found: [string, number][] = [];
  refs(schema, value, '', found);
  if (!found.length) return [];
  const orgs = new Map((await orgsByIds(db, [...new Set(found.map(([, id]) => id))])).map((o) => [o.id, o]));
  return found.filter(([, id]) => !(orgs.has(id) && inSubtree(root, orgs.get(id)!)))
    .map(([pointer, id]) => ({ pointer, message: `工会 ${id}${orgs.get(id) ? `（${orgs.get(id)!.name}）` : ''}不在「${root.name}」的管辖范围内 / union ${id} is not in ${root.name}'s subtree` }));
}
