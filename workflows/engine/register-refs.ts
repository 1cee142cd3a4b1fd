// A start body may name a register record by its id (`x-register-person: '<key>'` on a top-level
// integer field): before a start check or a machine sees the body, the engine puts the record
// beside the id under that key, so a pure machine knows whom the case is about. Only a person of
// the case's union's subtree (R-realname §3.4); any other id is a 422 on its field.
import type { Knex } from 'knex';
import { getPerson } from '../../db/people.ts';
import { getOrg, inSubtree } from '../../db/orgs.ts';
import type { OrgRow, PersonRow } from '../../db/tables.ts';
import type { JsonSchema, Problem } from '../types.ts';

/** What a machine sees of a register record. */
export type RegisterPerson = {
  id: number; name: string; kind: string; orgId: number; status: string; startDate: string | null; endDate: string | null; details: Record<string, unknown>;
};

export const personView = (p: PersonRow): RegisterPerson => ({
  id: p.id, name: p.name, kind: p.kind, orgId: p.org_id, status: p.status, startDate: p.start_date ?? null, endDate: p.end_date ?? null, details: JSON.parse(p.details),
});

/** The body (already valid against its schema) with each named record beside its id, or the problems. */
export async function resolveRegisterPeople(db: Knex | Knex.Transaction, schema: JsonSchema, body: Record<string, unknown>, caseOrg: OrgRow): Promise<{ body: Record<string, unknown>; problems: Problem[] }> {
  const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const out: Record<string, unknown> = { ...body };
  const problems: Problem[] = [];
  for (const [field, sub] of Object.entries(props)) {
    const as = sub['x-register-person'];
    if (typeof as !== 'string') continue;
    delete out[as]; // only the engine puts a record there
    if (typeof body[field] !== 'number') continue;
    const p = await getPerson(db, body[field] as number);
    const org = p && (await getOrg(db, p.org_id));
    if (!p || !org || !inSubtree(caseOrg, org))
      problems.push({ pointer: `/${field}`, message: `名册中没有该人员（须为本事项所属工会及其下级的人员）/ no such person in the register of this case's union or below` });
    else out[as] = personView(p);
  }
  return { body: out, problems };
}
