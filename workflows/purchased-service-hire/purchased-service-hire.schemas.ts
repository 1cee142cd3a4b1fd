// JSON Schemas (ajv) of P1's start input and events. Titles are zh-CN first, English beside.
import type { JsonSchema } from '../types.ts';

const text = (max: number, title: string): JsonSchema => ({ type: 'string', minLength: 1, maxLength: max, pattern: '\\S', title });
const date = (title: string): JsonSchema => ({ type: 'string', format: 'date', title });

const requestFields: Record<string, JsonSchema> = {
  posts: {
    type: 'array', minItems: 1, maxItems: 20, title: '岗位 / posts',
    items: {
      type: 'object', additionalProperties: false, required: ['title', 'count', 'duties'],
      properties: {
        title: text(100, '岗位名称 / post title'),
        count: { type: 'integer', minimum: 1, maximum: 50, title: '人数 / number of people' },
        duties: text(2000, '岗位职责 / duties'),
      },
    },
  },
  annualBudgetYuan: { type: 'number', exclusiveMinimum: 0, maximum: 100000000, title: '年度经费（元，本级工会经费）/ yearly budget in yuan from own union funds' },
  fundSource: { const: 'own_union_funds', title: '经费来源：本级工会经费 / paid from the union\'s own funds (R-psh-approval §3.1.3)' },
  reason: text(2000, '聘用理由 / reason'),
  qualifications: text(2000, '任职条件 / required qualifications'),
  contractKind: { enum: ['labour_contract', 'service_agreement'], title: '用工形式：劳动合同或服务协议 / labour contract or service agreement (R-psh-contract §3.1.3)' },
};

export const startSchema: JsonSchema = {
  type: 'object', additionalProperties: false, title: '购买服务聘用申请 / purchased-service hire request',
  required: ['posts', 'annualBudgetYuan', 'fundSource', 'reason', 'qualifications', 'contractKind'],
  properties: requestFields,
};

const event = (type: string, properties: Record<string, JsonSchema> = {}, required: string[] = []): JsonSchema => ({
  type: 'object', additionalProperties: false, required: ['type', ...required],
  properties: { type: { const: type }, ...properties },
});

export const eventSchemas: Record<string, JsonSchema> = {
  UPDATE: { ...event('UPDATE', requestFields), minProperties: 2 },
  SUBMIT: event('SUBMIT'),
  RESUBMIT: event('RESUBMIT', { note: text(2000, '修改说明 / what changed') }),
  WITHDRAW: event('WITHDRAW', { reason: text(2000, '撤回理由 / reason') }),
  APPROVE: event('APPROVE', { conditions: text(2000, '批准条件 / conditions of the approval') }),
  REJECT: event('REJECT', { reason: text(2000, '不予批准理由 / reason for rejection') }, ['reason']),
  RETURN: event('RETURN', { comment: text(2000, '退回修改意见 / what to revise') }, ['comment']),
  RECORD_CANDIDATE: event('RECORD_CANDIDATE', {
    postIndex: { type: 'integer', minimum: 0, title: '岗位序号（从 0 起）/ index of the post' },
    name: text(50, '姓名 / name'),
    idNumber: { type: 'string', format: 'cn-resident-id', title: '公民身份号码 / resident ID number' },
    phone: { type: 'string', pattern: '^[0-9+\\- ]{5,20}$', title: '电话 / phone' },
    knowsLabourLaw: { const: true, title: '熟悉劳动法律法规 / knows labour law (R-psh-qualified §3.1.3)' },
    goodAtMassWork: { const: true, title: '擅长开展群众工作 / good at mass work (R-psh-qualified §3.1.3)' },
    certificate: {
      type: 'object', additionalProperties: false, required: ['name', 'number'], title: '职业水平证书 / professional certificate (R-psh-certificate §3.1.3)',
      properties: { name: text(100, '证书名称 / certificate'), number: text(50, '证书编号 / number'), level: { enum: ['assistant', 'intermediate', 'senior'], title: '等级 / level' } },
    },
  }, ['name', 'idNumber', 'knowsLabourLaw', 'goodAtMassWork']),
  RECORD_CONTRACT: event('RECORD_CONTRACT', {
    candidate: { type: 'string', pattern: '^c[0-9]+$', title: '人选编号，如 c1 / the selected person, e.g. c1' },
    kind: requestFields.contractKind,
    number: text(50, '合同编号 / contract number'),
    startDate: date('起始日期 / start date'),
    endDate: date('终止日期（无固定期限劳动合同不填）/ end date (none for an open-ended labour contract)'),
    openEnded: { const: true, title: '无固定期限劳动合同 / open-ended labour contract (R-psh-contract §3.1.3)' },
  }, ['candidate', 'kind', 'number', 'startDate']),
  CLOSE_HIRING: event('CLOSE_HIRING', { note: text(2000, '说明 / note') }),
  REMIND: event('REMIND'),
  ESCALATE: event('ESCALATE'),
  LAPSE_REMIND: event('LAPSE_REMIND'),
  LAPSE: event('LAPSE'),
};
