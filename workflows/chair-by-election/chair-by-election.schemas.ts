// JSON Schemas (ajv) of P4's start input and events: zh-CN titles, English in x-title-en (schema-kit.ts).
import type { JsonSchema } from '../types.ts';
import { affirm, checkbox, choice, date, event, integer, object, text, titled } from '../schema-kit.ts';

const VACANCY = { rule: 'R-chair-vacancy', clause: '§3.1.1' };
const count = (zh: string, en: string) => integer(0, 1000000, zh, en);

export const startSchema: JsonSchema = titled(object({
  vacancyDate: date('空缺日期（不得晚于报告当日）', 'date the post fell vacant (not after today)', { rule: VACANCY }),
  reason: choice({
    resigned: { zh: '辞职', en: 'resigned' }, retired: { zh: '退休', en: 'retired' }, transferred: { zh: '调离', en: 'transferred' },
    dismissed: { zh: '罢免', en: 'dismissed' }, deceased: { zh: '去世', en: 'deceased' }, other: { zh: '其他', en: 'other' },
  }, '空缺原因', 'reason the post fell vacant'),
  reasonNote: text(2000, '原因说明（原因为「其他」时必填）', 'explanation (required for "other")'),
  actingChair: text(50, '临时主持工作的负责人', 'acting chair'),
  previousChair: text(50, '原主席姓名', 'previous chair'),
}, ['vacancyDate', 'reason', 'actingChair', 'previousChair'], {
  if: { properties: { reason: { const: 'other' } }, required: ['reason'] },
  then: { properties: { reasonNote: true }, required: ['reasonNote'] }, // properties: the OpenAPI linter wants each required name defined where it is required
}), '主席职位空缺报告', 'chair vacancy report', { rule: VACANCY });

const candidate = titled(object({
  name: text(50, '姓名', 'name'),
  currentPost: text(200, '现任职务', 'current post'),
  partyMember: checkbox('是否中共党员', 'party member'),
  idNumber: titled({ type: 'string', format: 'cn-resident-id' }, '公民身份号码（实名登记用）', 'resident ID number (for the real-name register)'),
}, ['name', 'currentPost', 'partyMember']), '候选人', 'candidate');

export const eventSchemas: Record<string, JsonSchema> = {
  NOMINATE: event('NOMINATE', {
    candidates: titled({ type: 'array', minItems: 1, maxItems: 3, items: candidate }, '候选人（等额或差额）', 'candidates'),
    note: text(2000, '提名说明', 'how they were nominated'),
  }, ['candidates']),
  APPROVE_CANDIDATE: event('APPROVE_CANDIDATE', {
    partyAgreement: affirm('已征得同级党组织同意', 'the same-level party organisation agrees', {
      description: { zh: '《企业工会主席产生办法》第九至十一条', en: 'Rules on electing enterprise union chairs, Art. 9–11' },
    }),
    partyOrganisation: text(200, '同级党组织名称', 'the party organisation'),
    partyAgreedOn: date('党组织同意日期', 'date of its agreement'),
    comment: text(2000, '审查意见', 'comment'),
  }, ['partyAgreement', 'partyOrganisation', 'partyAgreedOn']),
  REJECT_CANDIDATE: event('REJECT_CANDIDATE', { reason: text(2000, '不同意的理由', 'reason') }, ['reason']),
  OBJECTION_UPHELD: event('OBJECTION_UPHELD', {
    objection: text(2000, '公示期间反映的问题', 'the objection raised during publicity'),
    reason: text(2000, '认定属实的理由', 'why it is upheld'),
  }, ['objection', 'reason']),
  ELECTION_HELD: event('ELECTION_HELD', {
    date: date('选举日期', 'date of the vote'),
    electingBody: choice({ members_assembly: { zh: '会员大会', en: 'members\' assembly' }, members_congress: { zh: '会员代表大会', en: 'members\' congress' }, committee: { zh: '工会委员会', en: 'union committee' } },
      '选举机构', 'electing body'),
    entitled: { ...count('应到人数', 'entitled to vote'), minimum: 1 },
    present: count('实到人数', 'present'),
    votes: count('候选人得票数', 'votes for the candidate'),
    candidate: titled({ type: 'string', pattern: '^c[0-9]+$' }, '候选人编号，如 c1（仅一名候选人时可省略）', 'the candidate, e.g. c1 (optional if only one)'),
    note: text(2000, '说明', 'note'),
  }, ['date', 'electingBody', 'entitled', 'present', 'votes']),
  REPORT_RESULT: event('REPORT_RESULT', {
    startDate: date('任职日期', 'the new chair takes office on'),
    documentNo: text(100, '报告文号', 'report reference'),
    note: text(2000, '说明', 'note'),
  }, ['startDate']),
  APPROVE_RESULT: event('APPROVE_RESULT', { comment: text(2000, '审批意见', 'comment') }),
  RETURN_RESULT: event('RETURN_RESULT', { comment: text(2000, '退回意见', 'what to correct') }, ['comment']),
  CANCEL: event('CANCEL', { reason: text(2000, '撤销理由（如工会撤销）', 'reason, e.g. the union was dissolved') }, ['reason']),
  // The scheduler's events carry no fields; the deadline that fired travels in the envelope.
  PUBLICITY_ENDS: event('PUBLICITY_ENDS'),
  REMIND: event('REMIND'),
  OVERDUE: event('OVERDUE'),
  REPORT_OVERDUE: event('REPORT_OVERDUE'),
  REVIEW_REMIND: event('REVIEW_REMIND'),
  REVIEW_OVERDUE: event('REVIEW_OVERDUE'),
};
