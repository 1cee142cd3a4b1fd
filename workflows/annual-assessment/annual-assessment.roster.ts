// The campaign's roster, read from the register inside the OPEN transaction (凡用必评, R-assess
// §3.4.2): everyone in post on the reference date in the campaign's union's subtree, nobody
// missed (one query over the subtree), nobody twice (one person with several records — e.g. a
// cadre also a labour-law supervisor — is assessed once, on the record entered first), each with
// last year's grade for the two-year rule.
import type { Knex } from 'knex';
import type { OrgRow } from '../../db/tables.ts';
import { peopleInPostOn } from '../../db/people.ts';
import { entriesOfPeople } from '../../db/person-records.ts';
import type { Context, InPost } from './annual-assessment.machine.ts';

export async function inPostOn(db: Knex.Transaction, a: { context: Context; org: OrgRow }): Promise<{ people: InPost[] }> {
  const seen = new Set<string>();
  const people = (await peopleInPostOn(db, { subtreeOf: a.org, date: a.context.referenceDate })).filter((p) => {
    const who = p.identity_id === null ? `record ${p.id}` : `identity ${p.identity_id}`;
    return seen.has(who) ? false : (seen.add(who), true);
  });
  const last = new Map<number, InPost['previous']>();
  for (const e of await entriesOfPeople(db, { personIds: people.map((p) => p.id), kind: 'assessment' })) {
    const d = JSON.parse(e.data);
    if (d.year === a.context.year - 1 && d.grade) last.set(e.person_id, { year: d.year, grade: d.grade, caseId: e.source_instance_id });
  }
  return {
    people: people.map((p) => ({ personId: p.id, name: p.name, kind: p.kind, orgId: p.org_id, orgName: p.org_name, startDate: p.start_date!, previous: last.get(p.id) ?? null })),
  };
}
