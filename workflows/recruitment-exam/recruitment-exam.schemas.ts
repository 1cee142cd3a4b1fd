// P2 campaign: JSON Schemas of its start body and events, zh-CN titles with English in x-title-en
// (schema-kit.ts); ID numbers are marked (format cn-resident-id) for the engine to encrypt.
import type { JsonSchema } from '../types.ts';
import { choice, date, event, integer, object, text, titled } from '../schema-kit.ts';
import { BONUS, CALL_UP, CERTIFICATES, PASS_LINE, POST_KINDS, PUBLICITY, RATIO, SCORE } from './recruitment-exam.rules.ts';

const EXAM = { rule: 'R-exam', clause: '§2(二)(三), §3.1.2(1)(2)' };
/** A short line: a one-line box however long it may be. */
const line = (max: number, zh: string, en: string) => titled({ type: 'string', minLength: 1, maxLength: max }, zh, en);
const dateTime = (zh: string, en: string) => titled({ type: 'string', format: 'date-time' }, zh, en);
const key = () => line(300, '报考人编号', 'applicant key');
const keys = () => titled({ type: 'array', minItems: 1, maxItems: 5000, items: key() }, '报考人', 'applicants');
const points = (zh: string, en: string, rule = SCORE) => titled({ type: 'number', minimum: 0, maximum: 100 }, zh, en, { rule });

const post = object({
  id: line(40, '岗位代码', 'post code'),
  title: line(200, '岗位名称', 'post title'),
  // The employing unit must be the organiser's union or below it (engine/org-refs.ts).
  unitId: { ...integer(1, undefined, '用人单位编号', 'employing unit id'), 'x-org': 'subtree' },
  unitName: line(200, '用人单位', 'employing unit'),
  places: integer(1, 1000, '招录人数', 'places'),
  kind: choice(POST_KINDS, '聘用后在名册中的人员类别', 'register kind once hired', { rule: EXAM }),
  quota: titled(object({
    required: integer(0, undefined, '须具备资格的人数', 'places needing the qualification'),
    inPost: integer(0, undefined, '已在岗人数', 'already in post'),
  }, ['required', 'inPost']), '持证人员配备要求', 'certified staff quota'),
}, ['id', 'title', 'unitId', 'unitName', 'places']);
const plan = {
  title: line(200, '招录名称', 'title of the round'),
  posts: titled({ type: 'array', minItems: 1, maxItems: 500, items: post }, '岗位', 'posts'),
};
const slot = {
  time: dateTime('时间', 'time'),
  place: line(300, '地点', 'place'),
};

/** A bulk event's rows: one object per applicant, keyed by the applicant. */
const rows = (fields: Record<string, JsonSchema>, required: string[], more: JsonSchema = {}) =>
  titled({ type: 'array', minItems: 1, maxItems: 5000, items: object({ applicant: key(), ...fields }, ['applicant', ...required], more) }, '逐人记录', 'one row per applicant');
// Each row holds a score or marks the applicant absent, not both: each branch declares the field it requires (ajv strict mode).
const score = () => points('成绩', 'score');
const absent = () => titled({ const: true }, '缺考', 'absent', { widget: 'checkbox' });
const scoreRows = () => rows({ score: score(), absent: absent() }, [], {
  oneOf: [
    titled({ properties: { score: score() }, required: ['score'] }, '有成绩', 'scored'),
    titled({ properties: { absent: absent() }, required: ['absent'] }, '缺考', 'absent'),
  ],
});

const applicant = object({
  name: line(100, '姓名', 'name'),
  idNumber: titled({ type: 'string', format: 'cn-resident-id' }, '公民身份号码', 'resident ID number'),
  post: line(40, '报考岗位代码', 'post code applied for'),
  email: titled({ type: 'string', format: 'email', maxLength: 200 }, '电子邮箱', 'email'),
  phone: titled({ type: 'string', pattern: '^[0-9+\\- ]{5,20}$' }, '电话', 'phone'),
  certificates: titled({ type: 'array', maxItems: 10, uniqueItems: true, items: { enum: Object.keys(CERTIFICATES) } }, '职业资格证书', 'certificates', { rule: BONUS }),
}, ['name', 'idNumber', 'post']);

const terms = {
  writtenWeight: titled({ type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 }, '笔试成绩权重', 'weight of the written score', { rule: SCORE }),
  interviewRatio: integer(1, 10, '每个名额进入面试人数', 'invited to interview per place', { rule: RATIO }),
  passLine: points('笔试合格线', 'written pass line', PASS_LINE),
  publicityDays: integer(1, 30, '公示天数', 'publicity days', { rule: PUBLICITY }),
  maxCallUpsPerPost: integer(0, 10, '每岗位最多递补人数', 'most call-ups per post', { rule: CALL_UP }),
  bonus: titled(object({
    full: titled({ type: 'number', minimum: 0, maximum: 50 }, '持证加分（社会工作师等）', 'bonus for a full certificate'),
    assistant: titled({ type: 'number', minimum: 0, maximum: 50 }, '持证加分（助理社会工作师等）', 'bonus for an assistant certificate'),
  }, ['full', 'assistant']), '持证加分', 'certificate bonus', { rule: BONUS }),
};
const reason = (zh = '理由', en = 'reason') => text(2000, zh, en);

export const startSchema: JsonSchema = titled(object(plan, ['title', 'posts']), '招录计划', 'recruitment plan', { rule: EXAM });
export const eventSchemas = {
  UPDATE_PLAN: event('UPDATE_PLAN', plan),
  SET_TERMS: event('SET_TERMS', terms),
  SUBMIT_PLAN: event('SUBMIT_PLAN'),
  APPROVE_PLAN: event('APPROVE_PLAN', { comment: reason('审批意见', 'comment') }),
  RETURN_PLAN: event('RETURN_PLAN', { comment: reason('退回意见', 'what to revise') }, ['comment']),
  ANNOUNCE: event('ANNOUNCE', { registrationClosesAt: dateTime('报名截止时间', 'registration closes at') }, ['registrationClosesAt']),
  OPEN_REGISTRATION: event('OPEN_REGISTRATION'),
  REGISTER: event('REGISTER', { applicants: titled({ type: 'array', minItems: 1, maxItems: 5000, items: applicant }, '报考人', 'applicants') }, ['applicants']),
  CLOSE_REGISTRATION: event('CLOSE_REGISTRATION'),
  QUALIFY: event('QUALIFY', { applicants: keys() }, ['applicants']),
  DISQUALIFY: event('DISQUALIFY', { rows: rows({ reason: text(500, '不通过理由', 'reason') }, ['reason']) }, ['rows']),
  SCHEDULE_WRITTEN: event('SCHEDULE_WRITTEN', slot, ['time', 'place']),
  RECORD_WRITTEN: event('RECORD_WRITTEN', { rows: scoreRows() }, ['rows']),
  SCHEDULE_INTERVIEW: event('SCHEDULE_INTERVIEW', slot, ['time', 'place']),
  RECORD_INTERVIEW: event('RECORD_INTERVIEW', { rows: scoreRows() }, ['rows']),
  CLOSE_INTERVIEW: event('CLOSE_INTERVIEW'),
  RECORD_CHECKS: event('RECORD_CHECKS', {
    // A failed check says why (its applicant is told, and the call-up it may cause cites it: R-exam-callup); in the schema, so the board's form asks before anything is sent.
    rows: rows({ passed: titled({ type: 'boolean' }, '体检考察通过', 'checks passed', { widget: 'checkbox' }), reason: text(500, '未通过理由', 'reason') }, ['passed'], {
      if: { properties: { passed: { const: false } } },
      then: { properties: { reason: text(500, '未通过理由', 'reason') }, required: ['reason'] },
    }),
  }, ['rows']),
  START_PUBLICITY: event('START_PUBLICITY'),
  UPHOLD_OBJECTION: event('UPHOLD_OBJECTION', { applicant: key(), reason: reason('异议成立理由', 'why the objection stands') }, ['applicant', 'reason']),
  END_PUBLICITY: event('END_PUBLICITY'),
  HIRE: event('HIRE', { applicants: keys(), startDate: date('聘用起始日期', 'start date') }, ['applicants', 'startDate']),
  CLOSE: event('CLOSE'),
  CANCEL: event('CANCEL', { reason: reason('取消理由', 'reason') }, ['reason']),
  APPLICANT_WITHDREW: event('APPLICANT_WITHDREW', { applicant: key(), reason: reason('放弃理由', 'reason') }, ['applicant', 'reason']),
} satisfies Record<string, JsonSchema>;
