// The register's request bodies (R-realname §3.4): a person added or edited by HR, and a dated entry.
// What a schema cannot say (a valid ID number, an end after its start) is checked by registerProblems.
import { checkbox, choice, date, object, text, titled } from '../../workflows/schema-kit.ts';
import type { JsonSchema, Problem } from '../../workflows/types.ts';
import { residentIdProblem } from '../../workflows/rules/resident-id.ts';
import { PERSON_KINDS, PERSON_KIND_TITLES } from '../person-kinds.ts';

export const PERSON_STATUSES = {
  onboarding: { zh: '入职培训中', en: 'Onboarding' }, in_post: { zh: '在岗', en: 'In post' }, exit_review: { zh: '退出审核中', en: 'Exit under review' }, exited: { zh: '已退出', en: 'Exited' },
};
export const ENTRY_KINDS = ['training', 'certificate', 'contract', 'talk', 'commendation'] as const;
const prejob = { rule: 'R-prejob', clause: '§3.2.3' };
const realname = { rule: 'R-realname', clause: '§3.4' };

/** Not required, but visible text when given (validate.ts refuses control-only strings for minLength ≥ 1). */
const optionalText = (max: number, zh: string, en: string) => titled({ type: 'string', minLength: 1, maxLength: max }, zh, en);
const contractFields: Record<string, JsonSchema> = {
  kind: choice({ labour_contract: { zh: '劳动合同', en: 'Labour contract' }, service_agreement: { zh: '劳务协议', en: 'Service agreement' }, appointment: { zh: '聘任', en: 'Appointment' } }, '合同类型', 'Contract kind'),
  number: optionalText(60, '合同编号', 'Contract number'),
  from: date('合同起始日', 'Contract from'),
  to: date('合同终止日', 'Contract to'),
};
const contract = object(contractFields, ['kind', 'from']);
const certificates = titled({ type: 'array', maxItems: 20, items: text(100, '证书', 'Certificate') }, '职业资格证书', 'Certificates', { rule: { rule: 'R-psh-certificate', clause: '§3.1.3' } });

const personFields: Record<string, JsonSchema> = {
  name: text(50, '姓名', 'Name'),
  idNumber: titled({ type: 'string', minLength: 1, maxLength: 40 }, '公民身份号码', 'Resident ID number', { rule: realname }),
  kind: choice(Object.fromEntries(PERSON_KINDS.map((k) => [k, PERSON_KIND_TITLES[k]])), '人员类别', 'Kind'),
  orgId: titled({ type: 'integer', minimum: 1 }, '所在工会', 'Union'),
  post: text(200, '岗位', 'Post'),
  startDate: date('到岗日期', 'Start date', { rule: prejob }),
  contract,
  payBand: optionalText(40, '薪酬档次', 'Pay band'),
  phone: titled({ type: 'string', minLength: 3, maxLength: 30, pattern: '^[0-9+() -]*$' }, '电话', 'Phone'),
  email: titled({ type: 'string', minLength: 3, maxLength: 200, format: 'email' }, '电子邮箱', 'Email'),
  certificates,
};
export const personCreateSchema = object(personFields, ['name', 'idNumber', 'kind', 'orgId', 'startDate']);
export const personPatchSchema = object({
  ...personFields,
  status: choice(PERSON_STATUSES, '状态', 'Status'),
  endDate: date('离岗日期', 'End date'),
  reason: optionalText(500, '变更原因', 'Reason'),
}, [], { minProperties: 1 });

const hours = titled({ type: 'number', exclusiveMinimum: 0, maximum: 1000, multipleOf: 0.5 }, '学时', 'Class hours', { rule: prejob });
const on = (zh: string) => date(zh, 'Date');
/** Each kind of entry's body; `kind` names it (the contract's own kind is `contractKind`). */
export const ENTRY_SCHEMAS: Record<(typeof ENTRY_KINDS)[number], JsonSchema> = {
  training: object({ kind: { const: 'training' }, onDate: on('培训日期'), course: text(200, '课程', 'Course'), hours, provider: optionalText(200, '培训机构', 'Provider'), ethics: checkbox('含理想信念和道德品行教育', 'Covers ethics', { rule: { rule: 'R-ethics', clause: '§3.2.2' } }) }, ['kind', 'onDate', 'course', 'hours']),
  certificate: object({ kind: { const: 'certificate' }, onDate: on('取得日期'), name: text(100, '证书', 'Certificate'), number: optionalText(60, '证书编号', 'Number') }, ['kind', 'onDate', 'name']),
  contract: object({ kind: { const: 'contract' }, onDate: on('签订日期'), contractKind: contractFields.kind, number: contractFields.number, from: contractFields.from, to: contractFields.to }, ['kind', 'onDate', 'contractKind', 'from']),
  talk: object({ kind: { const: 'talk' }, onDate: on('谈话日期'), with: text(50, '谈话人', 'Talked with'), topic: text(500, '谈话内容', 'Topic') }, ['kind', 'onDate', 'with', 'topic'], { 'x-rule': { id: 'R-talk', clause: '§3.3' } }),
  commendation: object({ kind: { const: 'commendation' }, onDate: on('表彰日期'), title: text(200, '表彰名称', 'Commendation'), by: optionalText(200, '表彰单位', 'Awarded by') }, ['kind', 'onDate', 'title'], { 'x-rule': { id: 'R-commend', clause: '§3.3' } }),
};
export const entryKindSchema = { type: 'object', required: ['kind'], properties: { kind: { enum: [...ENTRY_KINDS] } } };
/** As published: one of the kinds' bodies. */
export const entrySchema: JsonSchema = { oneOf: Object.values(ENTRY_SCHEMAS) };

type Body = Record<string, unknown> & { idNumber?: string; startDate?: string; endDate?: string; contract?: { from?: string; to?: string }; from?: string; to?: string };

/** Field errors beyond the schema: the ID number (GB 11643), and periods whose end comes before their start. */
export function registerProblems(b: Body, at = ''): Problem[] {
  const out: Problem[] = [];
  if (typeof b.idNumber === 'string') {
    const p = residentIdProblem(b.idNumber);
    if (p) out.push({ pointer: `${at}/idNumber`, message: p });
  }
  const before = (from: unknown, to: unknown) => typeof from === 'string' && typeof to === 'string' && to < from;
  if (before(b.contract?.from, b.contract?.to)) out.push({ pointer: `${at}/contract/to`, message: '合同终止日早于起始日 / the contract ends before it starts' });
  if (before(b.from, b.to)) out.push({ pointer: `${at}/to`, message: '合同终止日早于起始日 / the contract ends before it starts' });
  if (before(b.startDate, b.endDate)) out.push({ pointer: `${at}/endDate`, message: '离岗日期早于到岗日期 / the end date is before the start date' });
  return out;
}
