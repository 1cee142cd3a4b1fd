// Contracts of the register ending soon (R-lifecycle §3.4, PROCESSES.md P6): each person's current
// contract is their latest 'contract' entry (person_records, by on_date then id; what wt-register's
// contract API and the renewals write), else the contract their record was entered with
// (people.details.contract, e.g. from a hire). Exited people have none.
import type { Knex } from 'knex';
import { subtree } from './orgs.ts';
import type { OrgRow, PersonRecordRow, PersonRow } from './tables.ts';

type Db = Knex | Knex.Transaction;
/** A current contract of the register: the person's latest contract entry, else details.contract. */
export type EndingContract = { personId: number; orgId: number; name: string; kind: string; status: string; from: string | null; to: string; source: 'entry' | 'details'; details: Record<string, unknown> };
const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

/** Current contracts ending on a day in [from, to], soonest first; optionally only in a union's subtree. */
export async function contractsEnding(db: Db, a: { from: string; to: string; subtreeOf?: OrgRow }): Promise<EndingContract[]> {
  const people = db<PersonRow>('people').whereNot('status', 'exited');
  if (a.subtreeOf) people.whereIn('org_id', subtree(db, a.subtreeOf).select('id'));
  const [rows, entries] = await Promise.all([
    people.clone().select('id', 'org_id', 'name', 'kind', 'status', 'details'),
    db<PersonRecordRow>('person_records').where({ kind: 'contract' }).whereIn('person_id', people.clone().select('id'))
      .orderBy([{ column: 'on_date' }, { column: 'id' }]).select('person_id', 'data'),
  ]);
  const latest = new Map<number, Record<string, unknown>>();
  for (const e of entries) latest.set(Number(e.person_id), JSON.parse(e.data));
  const out: EndingContract[] = [];
  for (const p of rows) {
    const details = JSON.parse(p.details) as Record<string, unknown>;
    const entry = latest.get(Number(p.id));
    const c = (entry ?? details.contract) as Record<string, unknown> | undefined;
    if (!c || !isDate(c.to) || c.to < a.from || c.to > a.to) continue;
    out.push({
      personId: Number(p.id), orgId: Number(p.org_id), name: p.name, kind: p.kind, status: p.status,
      from: isDate(c.from) ? c.from : null, to: c.to, source: entry ? 'entry' : 'details', details,
    });
  }
  return out.sort((x, y) => x.to.localeCompare(y.to) || x.personId - y.personId);
}
