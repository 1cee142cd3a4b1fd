// P5 member's definition: a child case only its campaign starts (start.by is empty) and moves
// (every event is the campaign's, or a deadline's). Its union is the person's, so that union sees it.
import { allKeys, type JsonSchema, type WorkflowDefinition } from '../types.ts';
import { addDays, endOfShanghaiDay, shanghaiDate } from '../rules/calendar.ts';
import { event, integer, object, text, titled } from '../schema-kit.ts';
import { ASSESS, CAP, COMMEND, CONSEQUENCE, grade, GRADES, PRIORITY } from '../rules/assessment.ts';
import { mail } from './assessment-member.mail.ts';
import { machine, type Context } from './assessment-member.machine.ts';
import { openCaseByKey } from '../../db/case-links.ts';

/** Before a 不称职 is confirmed: whether the person's exit case (P6) is open already (a second would be refused, and the confirmation with it). */
const openExit = async (db: Parameters<typeof openCaseByKey>[0], a: { context: Context; event: object; links: Record<string, string> }) =>
  ((("grade" in a.event ? a.event.grade : undefined) ?? a.context.grade) === 'incompetent' ? { openExit: (await openCaseByKey(db, a.links.exit, `exit:${a.context.person.personId}`))?.id ?? null } : {});

const t = (zh: string, en: string) => ({ zh, en });
const num = (zh: string, en: string) => titled({ type: 'number', minimum: 0, maximum: 100 }, zh, en);
const line = (zh: string, en: string) => titled({ type: 'string', minLength: 1, maxLength: 300 }, zh, en);
const weight = () => titled({ type: 'number', minimum: 0, maximum: 1 }, '权重', 'weight');
const sys = (type: string, zh: string, en: string, fields: Record<string, JsonSchema> = {}, required = Object.keys(fields), rules = [ASSESS]) =>
  ({ title: t(zh, en), by: 'system' as const, schema: event(type, fields, required), rules });
const reason = () => text(2000, '理由', 'reason');
const scores = { political: num('政治素质', 'political quality'), performance: num('工作业绩', 'work performance'), attitude: num('工作态度', 'work attitude') };

const startSchema = titled(object({
  campaignKey: line('考核编号', 'campaign key'),
  year: integer(2015, 2100, '考核年度', 'year'),
  person: titled(object({
    personId: integer(1, undefined, '人员编号', 'person id'), name: line('姓名', 'name'), kind: line('人员类别', 'kind'),
    orgId: integer(1, undefined, '所在工会编号', 'union id'), orgName: line('所在工会', 'union'), startDate: titled({ type: 'string', format: 'date' }, '到岗日期', 'start date'),
  }, ['personId', 'name', 'kind', 'orgId', 'orgName', 'startDate']), '考核对象', 'person assessed'),
  previous: titled({
    anyOf: [{ type: 'null' }, object({ year: integer(2000, 2100, '年度', 'year'), grade: line('等次', 'grade'), caseId: titled({ type: ['string', 'null'] }, '考核事项', 'assessment case') }, ['year', 'grade', 'caseId'])],
  }, '上一年度考核', 'last year\'s assessment'),
  commentOnly: titled({ type: 'boolean' }, '只写评语、不定等次', 'comment only, no grade'),
  terms: titled(object({ publicityWorkingDays: integer(1, 30, '公示工作日', 'publicity working days'), reviewDays: integer(1, 90, '复核申请天数', 'review days') }, ['publicityWorkingDays', 'reviewDays']), '期限', 'terms'),
}, ['campaignKey', 'year', 'person', 'previous', 'commentOnly', 'terms']), '考核对象', 'a person assessed', { rule: ASSESS });

export const assessmentMember: WorkflowDefinition<typeof machine> = {
  type: 'assessment-member',
  version: 1,
  title: t('年度考核对象', 'Person assessed'),
  description: t('年度考核中的一人：述职、评分、拟定等次、工会决定、优秀公示、复核、确认；确认后结果及其后果记入实名制名册。',
    'One person of an annual assessment: self-report, scores, proposed grade, decision, publicity of 优秀, review, confirmation; then the register.'),
  rules: [ASSESS, CAP, COMMEND, PRIORITY, CONSEQUENCE],
  machine, mail, documents: {}, personKinds: {},
  contextKeys: allKeys<Context>()(['campaignKey', 'year', 'person', 'previous', 'commentOnly', 'terms', 'selfReport', 'scores', 'proposed', 'grade', 'decidedAt', 'comment', 'objection', 'review', 'overdueAt', 'confirmedAt', 'consequences']),
  start: { by: [], title: t('列入考核', 'Put on the roster'), schema: startSchema },
  input: (body) => body,
  subject: (c) => `${c.person.name}（${c.person.orgName}）${c.year} 年度考核${c.grade ? `：${GRADES[c.grade].zh}` : ''}`,
  events: {
    SELF_REPORT: sys('SELF_REPORT', '述职', 'Self-report', { summary: text(5000, '述职摘要', 'self-report') }),
    SCORE: sys('SCORE', '评分', 'Scores', {
      ...scores, weights: titled(object({ political: weight(), performance: weight(), attitude: weight() }, ['political', 'performance', 'attitude']), '权重', 'weights'),
      total: num('总分', 'total'), proposed: grade(), selfReport: text(5000, '述职摘要', 'self-report'),
    }, ['political', 'performance', 'attitude', 'weights', 'total', 'proposed']),
    DECIDE: sys('DECIDE', '确定等次', 'Grade decided', { grade: grade(), note: text(1000, '备注', 'note') }, ['grade'], [ASSESS, CAP]),
    COMMENT: sys('COMMENT', '写评语', 'Written comment', { comment: text(2000, '评语', 'comment') }),
    END_PUBLICITY: sys('END_PUBLICITY', '优秀公示期满', 'Publicity ended', {}, [], [COMMEND]),
    OBJECTION_UPHELD: sys('OBJECTION_UPHELD', '公示异议成立', 'Objection upheld', { grade: grade(), reason: reason() }),
    REQUEST_REVIEW: sys('REQUEST_REVIEW', '申请复核', 'Review asked for', { reason: reason() }),
    REVIEW_DECIDED: { ...sys('REVIEW_DECIDED', '复核决定', 'Review decided', { grade: grade(), reason: reason() }), gather: openExit },
    REVIEW_LAPSED: { ...sys('REVIEW_LAPSED', '复核申请期满', 'Review window over'), gather: openExit },
    OVERDUE: sys('OVERDUE', '考核逾期', 'Not assessed by the deadline', { deadline: titled({ type: 'string', format: 'date' }, '截止日期', 'deadline') }),
  },
  states: {
    start: { title: t('列入考核', 'On the roster') },
    reporting: { title: t('待述职', 'Awaiting the self-report') },
    scoring: { title: t('待评分', 'Awaiting scores') },
    proposed: { title: t('已拟定等次，待工会决定', 'Proposed: awaiting the union\'s decision') },
    publicity: { title: t('优秀公示中', '优秀 publicised') },
    reviewWindow: { title: t('已告知结果，复核申请期内', 'Told: review may be asked for') },
    review: { title: t('复核中', 'Under review') },
    confirmed: { title: t('等次已确认', 'Grade final') },
    commentOnly: { title: t('在岗不足半年，待写评语', 'Under half a year in post: awaiting the comment') },
    commented: { title: t('已写评语（不定等次）', 'Commented (no grade)') },
  },
  finalStatus: { confirmed: 'done', commented: 'done' },
  deadlines: [
    { id: 'publicity-end', kind: 'due', title: t('优秀公示期满', 'Publicity ends'), states: ['publicity'], event: 'END_PUBLICITY', rule: COMMEND,
      due: ({ context, enteredAt, calendar }) => endOfShanghaiDay(calendar.addWorkingDays(shanghaiDate(enteredAt), context.terms.publicityWorkingDays)) },
    { id: 'review-window', kind: 'due', title: t('复核申请期满', 'Review window ends'), states: ['reviewWindow'], event: 'REVIEW_LAPSED', rule: ASSESS,
      due: ({ context, enteredAt }) => endOfShanghaiDay(addDays(shanghaiDate(enteredAt), context.terms.reviewDays)) },
  ],
};
