// P5 campaign's definition: the machine plus what the engine, API and UI need to know about it.
import { allKeys, type WorkflowDefinition } from '../types.ts';
import { addDays, atShanghaiTime, endOfShanghaiDay } from '../rules/calendar.ts';
import { machine, type Context } from './annual-assessment.machine.ts';
import { eventSchemas, startSchema } from './annual-assessment.schemas.ts';
import { checks } from './annual-assessment.checks.ts';
import { ASSESS, CAP, COMMEND, CONSEQUENCE, DAILY, PRIORITY } from '../rules/assessment.ts';
import { mail } from './annual-assessment.mail.ts';
import { inPostOn } from './annual-assessment.roster.ts';
import { scoresImport } from './annual-assessment.imports.ts';

const hr = { roles: ['hr' as const], relation: 'own' as const };
const t = (zh: string, en: string) => ({ zh, en });
type Ev = keyof typeof eventSchemas;
const ev = (type: Ev, title: ReturnType<typeof t>, by: typeof hr | 'system', rules = [ASSESS]) =>
  ({ title, by, schema: eventSchemas[type], rules, ...(checks[type] ? { check: (c: Context, e: any) => checks[type](c, { ...e, type }) } : {}) });
const waitingHr = { relation: 'own' as const, roles: ['hr' as const] };
/** Reminder rungs: the campaign's terms name the days before the deadline (a rung it has not: none). */
const reminder = (i: number) => ({
  id: `reminder-${i}`, kind: 'reminder' as const, title: t('考核截止提醒', 'Assessment deadline reminder'), states: ['open' as const], event: 'REMIND' as const, rule: ASSESS,
  due: ({ context, enteredAt, settings }: { context: Context; enteredAt: Date; settings: { reminderHour: number } }) => {
    const days = context.terms.reminderDays?.[i];
    if (days === undefined) return null;
    const at = atShanghaiTime(addDays(context.deadline, -days), settings.reminderHour);
    return at > enteredAt ? at : null;
  },
});

export const annualAssessment: WorkflowDefinition<typeof machine> = {
  type: 'annual-assessment',
  version: 1,
  title: t('年度考核', 'Annual assessment'),
  description: t('凡用必评：本工会及下级所有在岗工会工作者的年度考核——述职、评分（政治素质、工作业绩、工作态度）、拟定等次、工会决定、优秀公示、复核，结果记入实名制名册。',
    'Everyone in post in the union\'s subtree is assessed each year: self-report, scores, proposed grade, the union\'s decision, publicity of 优秀, review; the results go into the real-name register.'),
  rules: [ASSESS, DAILY, CAP, COMMEND, PRIORITY, CONSEQUENCE],
  machine, mail, documents: {}, personKinds: {},
  contextKeys: allKeys<Context>()(['year', 'referenceDate', 'deadline', 'key', 'terms', 'members', 'graded', 'excellent', 'openedAt', 'overdue', 'closedAt']),
  start: {
    by: [hr], schema: startSchema, title: t('发起年度考核', 'Start an annual assessment'),
    // One campaign per union and year (a second start is refused naming the open one).
    correlationKey: (body, env) => `assessment:${env.orgId}:${body.year}`,
    check: (body) => {
      const ref = body.referenceDate ?? `${body.year}-12-31`;
      return [
        ...(ref.startsWith(`${body.year}-`) ? [] : [{ pointer: '/referenceDate', message: `在岗基准日须在 ${body.year} 年内 / the reference date must lie in ${body.year}` }]),
        ...(body.deadline >= ref ? [] : [{ pointer: '/deadline', message: '截止日期不能早于在岗基准日 / the deadline cannot be before the reference date' }]),
      ];
    },
  },
  input: (body, env) => ({
    year: body.year, referenceDate: body.referenceDate ?? `${body.year}-12-31`, deadline: body.deadline, key: `assessment:${env.orgId}:${body.year}`,
    terms: {
      excellentShare: env.settings.assessmentExcellentShare, weights: env.settings.assessmentWeights, lines: env.settings.assessmentGradeLines,
      publicityWorkingDays: env.settings.assessmentPublicityWorkingDays, reviewDays: env.settings.assessmentReviewDays,
      minShareOfYear: env.settings.assessmentMinShareOfYear, reminderDays: env.settings.assessmentReminderDays,
    },
  }),
  subject: (c) => `${c.year} 年度考核（${c.members.length} 人；优秀 ${c.excellent} 名）`,
  events: {
    OPEN: { ...ev('OPEN', t('开始考核（按基准日在岗人员生成考核名单）', 'Open: everyone in post on the reference date'), hr), gather: inPostOn },
    SELF_REPORTS: ev('SELF_REPORTS', t('录入述职', 'Record self-reports'), hr),
    RECORD_SCORES: ev('RECORD_SCORES', t('录入评分', 'Record scores'), hr),
    DECIDE: ev('DECIDE', t('确定等次', 'Decide grades'), hr, [ASSESS, CAP]),
    COMMENT: ev('COMMENT', t('写评语（在岗不足半年，不定等次）', 'Write comments (under half a year in post: no grade)'), hr),
    REQUEST_REVIEW: ev('REQUEST_REVIEW', t('登记复核申请', 'Record a review request'), hr),
    DECIDE_REVIEW: ev('DECIDE_REVIEW', t('复核决定', 'Decide a review'), hr),
    UPHOLD_OBJECTION: ev('UPHOLD_OBJECTION', t('公示异议成立', 'Uphold a publicity objection'), hr, [ASSESS, COMMEND]),
    REMIND: ev('REMIND', t('考核截止提醒', 'Deadline reminder'), 'system'),
    DEADLINE_PASSED: ev('DEADLINE_PASSED', t('考核截止', 'Deadline passed'), 'system'),
    CLOSE: ev('CLOSE', t('结束考核（此后不再受理复核和异议）', 'Close (no more reviews or objections)'), hr),
  },
  states: {
    draft: { title: t('待开始', 'Draft'), waitingOn: waitingHr },
    open: { title: t('考核中', 'Assessing'), waitingOn: waitingHr },
    closed: { title: t('考核结束', 'Closed') },
  },
  finalStatus: { closed: 'done' },
  deadlines: [
    reminder(0), reminder(1), reminder(2),
    { id: 'deadline', kind: 'due', title: t('考核截止', 'Assessment deadline'), states: ['open'], event: 'DEADLINE_PASSED', rule: ASSESS, due: ({ context }) => endOfShanghaiDay(context.deadline) },
  ],
  imports: [scoresImport],
};
