// JSON Schemas (ajv) of P1's start input and events: zh-CN titles, English in x-title-en (schema-kit.ts).
import type { JsonSchema } from '../types.ts';
import { affirm, choice, date, event, integer, object, text, titled } from '../schema-kit.ts';

const APPROVAL = { rule: 'R-psh-approval', clause: '§3.1.3' };
const QUALIFIED = { rule: 'R-psh-qualified', clause: '§3.1.3' };
const CONTRACT = { rule: 'R-psh-contract', clause: '§3.1.3' };
const CERTIFICATE = { rule: 'R-psh-certificate', clause: '§3.1.3' };

const post = object({
  title: text(100, '岗位名称', 'post title'),
  count: integer(1, 50, '人数', 'number of people'),
  duties: text(2000, '岗位职责', 'duties'),
}, ['title', 'count', 'duties']);

const requestFields: Record<string, JsonSchema> = {
  posts: titled({ type: 'array', minItems: 1, maxItems: 20, items: post }, '岗位', 'posts'),
  annualBudgetYuan: titled({ type: 'number', exclusiveMinimum: 0, maximum: 100000000 }, '年度经费（元，本级工会经费）', 'yearly budget in yuan from own union funds'),
  fundSource: titled({ const: 'own_union_funds' }, '经费来源：本级工会经费', 'paid from the union\'s own funds', { rule: APPROVAL }),
  reason: text(2000, '聘用理由', 'reason'),
  qualifications: text(2000, '任职条件', 'required qualifications'),
  contractKind: choice({ labour_contract: { zh: '劳动合同', en: 'labour contract' }, service_agreement: { zh: '服务协议', en: 'service agreement' } },
    '用工形式：劳动合同或服务协议', 'labour contract or service agreement', { rule: CONTRACT }),
};

export const startSchema: JsonSchema = titled(
  object(requestFields, ['posts', 'annualBudgetYuan', 'fundSource', 'reason', 'qualifications', 'contractKind']),
  '购买服务聘用申请', 'purchased-service hire request', { rule: APPROVAL },
);

export const eventSchemas: Record<string, JsonSchema> = {
  UPDATE: { ...event('UPDATE', requestFields), minProperties: 2 },
  SUBMIT: event('SUBMIT'),
  RESUBMIT: event('RESUBMIT', { note: text(2000, '修改说明', 'what changed') }),
  WITHDRAW: event('WITHDRAW', { reason: text(2000, '撤回理由', 'reason') }),
  APPROVE: event('APPROVE', { conditions: text(2000, '批准条件', 'conditions of the approval') }),
  REJECT: event('REJECT', { reason: text(2000, '不予批准理由', 'reason for rejection') }, ['reason']),
  RETURN: event('RETURN', { comment: text(2000, '退回修改意见', 'what to revise') }, ['comment']),
  RECORD_CANDIDATE: event('RECORD_CANDIDATE', {
    postIndex: integer(0, undefined, '岗位序号（从 0 起）', 'index of the post'),
    name: text(50, '姓名', 'name'),
    idNumber: titled({ type: 'string', format: 'cn-resident-id' }, '公民身份号码', 'resident ID number'),
    phone: titled({ type: 'string', pattern: '^[0-9+\\- ]{5,20}$' }, '电话', 'phone'),
    knowsLabourLaw: affirm('熟悉劳动法律法规', 'knows labour law', { rule: QUALIFIED }),
    goodAtMassWork: affirm('擅长开展群众工作', 'good at mass work', { rule: QUALIFIED }),
    certificate: titled(object({
      name: text(100, '证书名称', 'certificate'),
      number: text(50, '证书编号', 'number'),
      level: choice({ assistant: { zh: '助理级', en: 'assistant' }, intermediate: { zh: '中级', en: 'intermediate' }, senior: { zh: '高级', en: 'senior' } }, '等级', 'level'),
    }, ['name', 'number']), '职业水平证书', 'professional certificate', { rule: CERTIFICATE }),
  }, ['name', 'idNumber', 'knowsLabourLaw', 'goodAtMassWork']),
  RECORD_CONTRACT: event('RECORD_CONTRACT', {
    candidate: titled({ type: 'string', pattern: '^c[0-9]+$' }, '人选编号，如 c1', 'the selected person, e.g. c1'),
    kind: requestFields.contractKind,
    number: text(50, '合同编号', 'contract number'),
    startDate: date('起始日期', 'start date'),
    endDate: date('终止日期（无固定期限劳动合同不填）', 'end date (none for an open-ended labour contract)'),
    openEnded: affirm('无固定期限劳动合同', 'open-ended labour contract', { rule: CONTRACT }),
  }, ['candidate', 'kind', 'number', 'startDate']),
  CLOSE_HIRING: event('CLOSE_HIRING', { note: text(2000, '说明', 'note') }),
  REMIND: event('REMIND'),
  ESCALATE: event('ESCALATE'),
  LAPSE_REMIND: event('LAPSE_REMIND'),
  LAPSE: event('LAPSE'),
};
