// The register's own import kind: people entered from a spreadsheet straight into the real-name
// register (R-realname §3.4), e.g. the staff a union already has. Unions are named as a clerk
// writes them (full name or abbreviation) and must lie in the importer's subtree; resident ID
// numbers go to the register's identities, encrypted, as every other entry does.
import { inSubtree, orgsNamed } from '../../db/orgs.ts';
import { identitiesByHashes } from '../../db/identities.ts';
import { insertPeople, openRecordsOfIdentities } from '../../db/people.ts';
import type { PersonalData } from '../../workflows/engine/personal-data.ts';
import type { PersonRow } from '../../db/tables.ts';
import type { OrgRow } from '../../db/tables.ts';
import { identitiesFor } from '../../workflows/engine/identities.ts';
import { PERSON_KIND_TITLES } from '../person-kinds.ts';
import type { Row, RowError } from '../sheets/columns.ts';
import type { ImportKind } from './kinds.ts';

const STATUSES: Record<string, string[]> = { in_post: ['在岗', 'in post'], onboarding: ['岗前培训中', '待上岗', 'onboarding'] };
/** Rows per statement: well inside SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 500;
const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max });

export const peopleImport: ImportKind = {
  kind: 'people',
  title: { zh: '实名制名册人员', en: 'Register entries' },
  roles: ['hr', 'admin'],
  columns: [
    { field: 'kind', zh: '人员类别', en: 'kind', aliases: ['类别'], type: 'text', required: true, choices: Object.fromEntries(Object.entries(PERSON_KIND_TITLES).map(([k, t]) => [k, [t.zh, t.en]])) },
    { field: 'union', zh: '所在工会', en: 'union', aliases: ['工会', '单位'], type: 'text', required: true },
    { field: 'name', zh: '姓名', en: 'name', type: 'text', required: true },
    { field: 'idNumber', zh: '公民身份号码', en: 'resident ID number', aliases: ['身份证号', '身份证号码', 'id number'], type: 'resident-id', required: true },
    { field: 'post', zh: '岗位', en: 'post', aliases: ['职务'], type: 'text' },
    { field: 'startDate', zh: '到岗日期', en: 'start date', aliases: ['入职日期', '开始日期'], type: 'date', required: true },
    { field: 'status', zh: '状态', en: 'status', type: 'text', choices: STATUSES },
  ],
  schema: {
    type: 'object', additionalProperties: false, required: ['kind', 'union', 'name', 'idNumber', 'startDate'],
    properties: {
      kind: { type: 'string' }, union: text(200), name: text(100), idNumber: { type: 'string', format: 'cn-resident-id' },
      post: text(100), startDate: { type: 'string', format: 'date' }, status: { enum: Object.keys(STATUSES) },
    },
  },
  async check(db, rows, { caller, personal }) {
    const unions = await unionsOf(db, rows);
    const held = await openRecordsByNumber(db, personal, rows);
    return rows.flatMap((r): RowError[] => {
      const out: RowError[] = [];
      const name = String(r.values.union ?? '');
      const o = unions.get(name);
      if (name && !(o && inSubtree(caller.org, o)))
        out.push({ row: r.row, column: null, header: '所在工会', field: 'union', message: `工会「${name.slice(0, 40)}」不存在或不在您的管辖范围内 / no such union in your subtree` });
      if (held.get(String(r.values.idNumber))?.some((p) => p.kind === r.values.kind))
        out.push({ row: r.row, column: null, header: '公民身份号码', field: 'idNumber', message: '此人已以同一类别在名册中（在岗或岗前培训中），不能重复登记 / this person is already in the register with this kind' });
      return out;
    });
  },
  async commit(trx, rows, { personal, now }) {
    const unions = await unionsOf(trx, rows);
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK).map((r) => r.values as Record<string, string>);
      const ids = await identitiesFor(trx, personal, chunk.map((v) => v.idNumber), now);
      await insertPeople(trx, chunk.map((v) => ({
        org_id: unions.get(v.union)!.id, name: v.name, identity_id: ids.get(v.idNumber)!, kind: v.kind,
        status: v.status ?? 'in_post', start_date: v.startDate, end_date: null, details: JSON.stringify(v.post ? { post: v.post } : {}), post: v.post ?? null,
        source_instance_id: null, created_at: now.toISOString(),
      })));
    }
    return { created: rows.length };
  },
};

/** Each union a row names, by full name or abbreviation (a full name wins over another's abbreviation). */
async function unionsOf(db: Parameters<typeof orgsNamed>[0], rows: Row[]): Promise<Map<string, OrgRow>> {
  const names = [...new Set(rows.map((r) => String(r.values.union ?? '')).filter(Boolean))];
  const found = await orgsNamed(db, names);
  const out = new Map<string, OrgRow>();
  for (const o of found) if (o.abbr && !out.has(o.abbr)) out.set(o.abbr, o);
  for (const o of found) out.set(o.name, o);
  return out;
}

/** The open register records of each number in the file (by keyed hash: the numbers are never stored in clear). */
async function openRecordsByNumber(db: Parameters<typeof orgsNamed>[0], personal: PersonalData, rows: Row[]): Promise<Map<string, PersonRow[]>> {
  const numbers = [...new Set(rows.map((r) => r.values.idNumber).filter((n): n is string => typeof n === 'string'))];
  const byHash = new Map(numbers.map((n) => [personal.keyedHash(n), n]));
  const out = new Map<string, PersonRow[]>();
  for (let i = 0; i < numbers.length; i += CHUNK) {
    const ids = await identitiesByHashes(db, [...byHash.keys()].slice(i, i + CHUNK));
    const numberOf = new Map(ids.map((x) => [x.id, byHash.get(x.keyed_hash)!]));
    for (const p of await openRecordsOfIdentities(db, ids.map((x) => x.id))) {
      const n = numberOf.get(p.identity_id!)!;
      out.set(n, [...(out.get(n) ?? []), p]);
    }
  }
  return out;
}
