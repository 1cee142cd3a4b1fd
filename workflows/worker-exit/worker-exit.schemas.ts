// JSON Schemas (ajv) of P6's start input and events: zh-CN titles, English in x-title-en (schema-kit.ts).
import type { JsonSchema } from '../types.ts';
import { affirm, checkbox, choice, date, event, object, registerPerson, text, titled } from '../schema-kit.ts';

const EXIT = { rule: 'R-lifecycle', clause: '§3.4.1' };

/** The reasons of PROCESSES.md P6, as agreed with P5 (which starts `unfit`). */
export const REASONS = {
  resignation: { zh: '辞职', en: 'resignation' },
  contract_end: { zh: '合同期满不再续签', en: 'contract end without renewal' },
  unfit: { zh: '年度考核不称职', en: 'unfit (annual assessment)' },
  discipline: { zh: '违纪解聘', en: 'discipline' },
  retirement: { zh: '退休', en: 'retirement' },
  transfer: { zh: '调离', en: 'transfer' },
} as const;
export type Reason = keyof typeof REASONS;

export const startSchema: JsonSchema = titled(object({
  personId: registerPerson('person', '退出人员（名册编号）', 'the person leaving (register id)'),
  reason: choice(REASONS, '退出原因', 'reason', { rule: EXIT }),
  note: text(2000, '情况说明', 'note'),
  sourceCaseId: titled({ type: 'string', minLength: 1, maxLength: 36 }, '引起退出的事项（如年度考核）', 'the case that caused it (e.g. an assessment)'),
}, ['personId', 'reason']), '人员退出', 'a union worker\'s exit', { rule: EXIT });

/** The handover checklist the person's union ticks (PROCESSES.md P6 "handover"). */
export const HANDOVER_ITEMS = {
  work: { zh: '工作已交接', en: 'work handed over' },
  files: { zh: '档案、印章、文件已移交', en: 'files, seals and papers handed over' },
  assets: { zh: '经费、资产已清点移交', en: 'union funds and assets handed over' },
  accounts: { zh: '系统账号已停用', en: 'system accounts closed' },
  pay: { zh: '薪酬、社会保险已结算', en: 'pay and social insurance settled' },
} as const;

export const eventSchemas: Record<string, JsonSchema> = {
  CONFIRM: event('CONFIRM', {
    exitDate: date('退出日期', 'exit date', { rule: EXIT }),
    opinion: text(2000, '审核意见', 'review opinion'),
  }, ['exitDate']),
  REJECT: event('REJECT', { reason: text(2000, '不同意退出的理由', 'why the exit is not agreed') }, ['reason']),
  APPROVE: event('APPROVE', {
    comment: text(2000, '审批意见', 'comment'),
    actingChair: text(50, '临时主持工作的负责人（主席退出时必填）', 'acting chair (required when a chair leaves)'),
  }),
  REFUSE: event('REFUSE', { reason: text(2000, '不批准的理由', 'why it is not approved') }, ['reason']),
  WITHDRAW: event('WITHDRAW', { reason: text(2000, '撤回理由', 'why it is withdrawn') }, ['reason']),
  HANDOVER_DONE: event('HANDOVER_DONE', {
    ...Object.fromEntries(Object.entries(HANDOVER_ITEMS).map(([k, t]) => [k, affirm(t.zh, t.en)])),
    audit: checkbox('离任经济责任审计已完成（主席、经费审批人）', 'exit audit done (chairs, fund approvers)'),
    note: text(2000, '交接说明', 'handover note'),
  }, Object.keys(HANDOVER_ITEMS)),
};
