// The columns of each list's spreadsheet export (server/sheets/write.ts), and the page enrichers
// that give a page of rows what its columns show (union names, titles, ID numbers).
// ID numbers (people): in full for hr and admin — the list holds only people of the caller's
// subtree, so that is "hr of the person's union or above" — masked for everyone else.
import type { Knex } from 'knex';
import { identitiesByIds } from '../db/identities.ts';
import { cachedOrgs } from '../db/orgs.ts';
import type { DeadlineListItem } from '../db/deadlines.ts';
import type { InstanceRow, PersonRow, UserRow } from '../db/tables.ts';
import type { PersonalData } from '../workflows/engine/personal-data.ts';
import { definition } from '../workflows/registry.ts';
import type { Text } from '../workflows/types.ts';
import type { Caller } from './auth.ts';
import { PERSON_KIND_TITLES } from './person-kinds.ts';
import type { ExportColumn, Lang } from './sheets/write.ts';
import { deadlineView, instanceViews } from './views.ts';

type Db = Knex | Knex.Transaction;
const pick = (t: Text | undefined, lang: Lang) => (t ? t[lang] : undefined);
const unionNames = async (db: Db, ids: number[]) => new Map([...(await cachedOrgs(db, ids)).values()].map((o) => [o.id, o.name]));

export const mayReadIdNumbers = (c: Caller) => c.roles.includes('hr') || c.roles.includes('admin');

type PersonOut = { p: PersonRow; idNumber: string | null; union: string | undefined; details: Record<string, unknown> };
export const peopleSheet = (lang: Lang): ExportColumn<PersonOut>[] => [
  { zh: '编号', en: 'id', value: (r) => r.p.id, width: 8 },
  { zh: '人员类别', en: 'kind', value: (r) => pick(PERSON_KIND_TITLES[r.p.kind], lang) ?? r.p.kind, width: 24 },
  { zh: '所在工会', en: 'union', value: (r) => r.union, width: 30 },
  { zh: '姓名', en: 'name', value: (r) => r.p.name },
  { zh: '公民身份号码', en: 'resident ID number', value: (r) => r.idNumber, width: 22 },
  { zh: '岗位', en: 'post', value: (r) => r.p.post ?? (typeof r.details.post === 'string' ? r.details.post : null) },
  { zh: '状态', en: 'status', value: (r) => r.p.status },
  { zh: '到岗日期', en: 'start date', value: (r) => r.p.start_date, width: 12 },
  { zh: '离岗日期', en: 'end date', value: (r) => r.p.end_date, width: 12 },
  { zh: '合同类型', en: 'contract kind', value: (r) => detail(r.details.contract, 'kind') },
  { zh: '合同编号', en: 'contract number', value: (r) => detail(r.details.contract, 'number') },
  { zh: '合同起始日', en: 'contract from', value: (r) => detail(r.details.contract, 'from'), width: 12 },
  { zh: '合同终止日', en: 'contract to', value: (r) => r.p.contract_end ?? null, width: 12 },
  { zh: '薪酬档次', en: 'pay band', value: (r) => detail(r.details, 'payBand') },
  { zh: '电话', en: 'phone', value: (r) => detail(r.details, 'phone'), width: 16 },
  { zh: '电子邮箱', en: 'email', value: (r) => detail(r.details, 'email'), width: 24 },
  { zh: '证书', en: 'certificates', value: (r) => (Array.isArray(r.details.certificates) ? r.details.certificates.join('；') : null), width: 24 },
];
/** A text field of a details object, if it is one. */
const detail = (o: unknown, k: string) => (o && typeof o === 'object' && typeof (o as Record<string, unknown>)[k] === 'string' ? (o as Record<string, string>)[k] : null);
export async function peopleRows(db: Db, personal: PersonalData, caller: Caller, rows: PersonRow[]): Promise<PersonOut[]> {
  const full = mayReadIdNumbers(caller);
  const [ids, unions] = await Promise.all([
    identitiesByIds(db, rows.flatMap((p) => (p.identity_id === null ? [] : [p.identity_id]))),
    unionNames(db, rows.map((p) => p.org_id)),
  ]);
  const byId = new Map(ids.map((i) => [i.id, i]));
  return rows.map((p) => {
    const i = p.identity_id === null ? undefined : byId.get(p.identity_id);
    return { p, idNumber: i ? (full ? personal.decrypt(i.encrypted) : i.masked) : null, union: unions.get(p.org_id), details: JSON.parse(p.details) };
  });
}

type CaseOut = Awaited<ReturnType<typeof instanceViews>>[number] & { union?: string };
export const caseSheet = (lang: Lang): ExportColumn<CaseOut>[] => [
  { zh: '事项编号', en: 'case id', value: (r) => r.id as string, width: 38 },
  { zh: '流程', en: 'process', value: (r) => pick(definition(r.type as string)?.title, lang) ?? (r.type as string), width: 24 },
  { zh: '事项', en: 'subject', value: (r) => r.subject as string, width: 36 },
  { zh: '当前环节', en: 'stage', value: (r) => pick(r.stateTitle as Text | undefined, lang) ?? (r.state as string), width: 20 },
  { zh: '状态', en: 'status', value: (r) => r.status as string },
  { zh: '所在工会', en: 'union', value: (r) => r.union, width: 30 },
  { zh: '逾期', en: 'overdue', value: (r) => (r.overdue ? (lang === 'zh' ? '是' : 'yes') : ''), width: 8 },
  { zh: '发起时间', en: 'created at', value: (r) => r.createdAt as string, width: 24 },
  { zh: '更新时间', en: 'updated at', value: (r) => r.updatedAt as string, width: 24 },
];
export async function caseRows(db: Db, rows: InstanceRow[], now: Date): Promise<CaseOut[]> {
  const [views, unions] = await Promise.all([instanceViews(db, rows, now), unionNames(db, rows.map((r) => r.org_id))]);
  return views.map((v) => ({ ...v, union: unions.get(v.orgId as number) }));
}

type TaskOut = CaseOut & { watching: boolean };
/** The inbox: the cases' columns, and which it only oversees (督办, the state's watchedBy). */
export const taskSheet = (lang: Lang): ExportColumn<TaskOut>[] => [
  ...caseSheet(lang),
  { zh: '督办', en: 'watching', value: (r) => (r.watching ? (lang === 'zh' ? '督办' : 'watching') : ''), width: 8 },
];
export async function taskRows(db: Db, rows: (InstanceRow & { watching: boolean })[], now: Date): Promise<TaskOut[]> {
  const cases = await caseRows(db, rows.map(({ watching: _, ...row }) => row), now);
  return cases.map((c, i) => ({ ...c, watching: rows[i].watching }));
}

type DeadlineOut = ReturnType<typeof deadlineView> & { union?: string };
export const deadlineSheet = (lang: Lang): ExportColumn<DeadlineOut>[] => [
  { zh: '事项', en: 'subject', value: (r) => r.subject, width: 36 },
  { zh: '所在工会', en: 'union', value: (r) => r.union, width: 30 },
  { zh: '期限', en: 'deadline', value: (r) => pick(r.title, lang) ?? r.kind, width: 24 },
  { zh: '到期时间', en: 'due at', value: (r) => r.dueAt, width: 24 },
  { zh: '剩余天数', en: 'days left', value: (r) => r.daysLeft, width: 10 },
  { zh: '逾期', en: 'overdue', value: (r) => (r.overdue ? (lang === 'zh' ? '是' : 'yes') : ''), width: 8 },
  { zh: '依据', en: 'rule', value: (r) => `${r.rule} ${r.clause}` },
  { zh: '事项编号', en: 'case id', value: (r) => r.instanceId, width: 38 },
];
export async function deadlineRows(db: Db, rows: DeadlineListItem[], now: Date): Promise<DeadlineOut[]> {
  const unions = await unionNames(db, rows.map((d) => d.org_id));
  return rows.map((d) => ({
    ...deadlineView(d, now, definition(d.instance_type, Number(d.instance_version)), { id: d.instance_id, type: d.instance_type, org_id: d.org_id, subject: d.instance_subject }),
    union: unions.get(d.org_id),
  }));
}

type UserOut = UserRow & { union?: string };
export const userSheet = (): ExportColumn<UserOut>[] => [
  { zh: '编号', en: 'id', value: (u) => u.id, width: 8 },
  { zh: '姓名', en: 'name', value: (u) => u.name, width: 28 },
  { zh: '登录名', en: 'login', value: (u) => u.login, width: 20 },
  { zh: '电子邮件', en: 'email', value: (u) => u.email, width: 30 },
  { zh: '所在工会', en: 'union', value: (u) => u.union, width: 30 },
  { zh: '角色', en: 'roles', value: (u) => (JSON.parse(u.roles) as string[]).join(', ') },
];
export const userRows = async (db: Db, rows: UserRow[]): Promise<UserOut[]> => {
  const unions = await unionNames(db, rows.map((u) => u.org_id));
  return rows.map((u) => ({ ...u, union: unions.get(u.org_id) }));
};
