// P2 campaign's definition: the machine plus what the engine, API and UI need to know about it.
import { allKeys, type WorkflowDefinition } from '../types.ts';
import { addDays, endOfShanghaiDay, shanghaiDate } from '../rules/calendar.ts';
import { machine, type Context } from './recruitment-exam.machine.ts';
import { eventSchemas, startSchema } from './recruitment-exam.schemas.ts';
import { checks } from './recruitment-exam.checks.ts';
import { BONUS, CALL_UP, CUT, PASS_LINE, PUBLICITY, RATIO, SCORE } from './recruitment-exam.rules.ts';
import { mail } from './recruitment-exam.mail.ts';
import { imports } from './recruitment-exam.imports.ts';

const EXAM = { rule: 'R-exam', clause: '§2(二)(三), §3.1.2(1)(2)' };
const hr = { roles: ['hr' as const], relation: 'own' as const };
const approver = { roles: ['approver' as const], relation: 'parent' as const };
const t = (zh: string, en: string) => ({ zh, en });
type Ev = keyof typeof eventSchemas;
const ev = (type: Ev, title: ReturnType<typeof t>, by: typeof hr | typeof approver | 'system', rules = [EXAM]) =>
  ({ title, by, schema: eventSchemas[type], rules, ...(checks[type] ? { check: (c: Context, e: any, env?: { at: string }) => checks[type](c, { ...e, type, at: env?.at }) } : {}) });
const waitingHr = { relation: 'own' as const, roles: ['hr' as const] };

export const recruitmentExam: WorkflowDefinition<typeof machine> = {
  type: 'recruitment-exam',
  version: 1,
  title: t('招录考试', 'Recruitment exam'),
  description: t('社会工作者（市委社会工委与市总工会）和社区（村）联合工会专职干事（区县总工会）的公开招录：计划报上一级工会批准，报名、资格审查、笔试、面试、体检考察、公示、聘用。',
    'Open recruitment of social workers and community officers: a plan approved by the parent union, registration, qualification, written exam, interview, checks, publicity and hiring.'),
  rules: [EXAM, SCORE, RATIO, BONUS, PASS_LINE, CALL_UP, PUBLICITY],
  machine, mail, documents: {}, personKinds: {}, imports,
  contextKeys: allKeys<Context>()(['title', 'code', 'posts', 'terms', 'plan', 'registrationClosesAt', 'roster', 'exam', 'interview', 'cuts', 'callUps', 'objections', 'hiringStarted', 'cancelled']),
  start: { by: [hr], schema: startSchema, title: t('新建招录计划', 'New recruitment plan'), requiresParent: true },
  // The campaign's numbers from the settings in force, changeable until registration opens.
  input: (body, env) => ({
    title: body.title, posts: body.posts, code: `${env.orgId}.${Date.parse(env.at).toString(36)}`,
    terms: {
      writtenWeight: env.settings.examWrittenWeight, interviewRatio: env.settings.examInterviewRatio, passLine: env.settings.examWrittenPassLine,
      bonus: env.settings.examCertificateBonus, publicityDays: env.settings.examPublicityDays, maxCallUpsPerPost: env.settings.examMaxCallUpsPerPost,
    },
  }),
  subject: (c) => `${c.title}（${c.posts.map((p) => `${p.title}×${p.places}`).join('、')}；报考 ${c.roster.length} 人）`,
  events: {
    UPDATE_PLAN: ev('UPDATE_PLAN', t('修改招录计划', 'Edit the plan'), hr),
    SET_TERMS: ev('SET_TERMS', t('设定本次招录规则（报名开始后冻结）', 'Set this round\'s terms (frozen once registration opens)'), hr, [SCORE, RATIO, BONUS, PASS_LINE, CALL_UP, PUBLICITY]),
    SUBMIT_PLAN: ev('SUBMIT_PLAN', t('报上一级工会审批', 'Submit the plan to the parent union'), hr),
    APPROVE_PLAN: ev('APPROVE_PLAN', t('批准招录计划', 'Approve the plan'), approver),
    RETURN_PLAN: ev('RETURN_PLAN', t('退回招录计划', 'Return the plan'), approver),
    ANNOUNCE: ev('ANNOUNCE', t('发布招录公告', 'Announce'), hr),
    OPEN_REGISTRATION: ev('OPEN_REGISTRATION', t('开始报名', 'Open registration'), hr),
    REGISTER: ev('REGISTER', t('登记报名', 'Register applicants'), hr),
    CLOSE_REGISTRATION: ev('CLOSE_REGISTRATION', t('报名截止', 'Registration closes'), 'system'),
    QUALIFY: ev('QUALIFY', t('资格审查通过', 'Qualify'), hr),
    DISQUALIFY: ev('DISQUALIFY', t('资格审查不通过', 'Disqualify'), hr),
    SCHEDULE_WRITTEN: ev('SCHEDULE_WRITTEN', t('安排笔试（核减岗位）', 'Schedule the written exam (posts cut)'), hr, [EXAM, CUT]),
    RECORD_WRITTEN: ev('RECORD_WRITTEN', t('录入笔试成绩', 'Record written scores'), hr, [SCORE, BONUS]),
    SCHEDULE_INTERVIEW: ev('SCHEDULE_INTERVIEW', t('按比例确定面试人选', 'Invite to interview by ratio'), hr, [RATIO, PASS_LINE]),
    RECORD_INTERVIEW: ev('RECORD_INTERVIEW', t('录入面试成绩', 'Record interview scores'), hr, [SCORE]),
    CLOSE_INTERVIEW: ev('CLOSE_INTERVIEW', t('按总成绩排名确定体检考察人选', 'Rank by total: to the checks'), hr, [SCORE]),
    RECORD_CHECKS: ev('RECORD_CHECKS', t('录入体检考察结果', 'Record check results'), hr, [CALL_UP]),
    START_PUBLICITY: ev('START_PUBLICITY', t('公示拟聘用人员', 'Publicise'), hr, [PUBLICITY]),
    UPHOLD_OBJECTION: ev('UPHOLD_OBJECTION', t('异议成立', 'Uphold an objection'), hr, [PUBLICITY, CALL_UP]),
    END_PUBLICITY: ev('END_PUBLICITY', t('公示期满', 'Publicity ends'), 'system', [PUBLICITY]),
    HIRE: ev('HIRE', t('办理聘用', 'Hire'), hr),
    CLOSE: ev('CLOSE', t('招录结束', 'Close the round'), hr),
    CANCEL: ev('CANCEL', t('取消招录', 'Cancel the round'), hr),
    APPLICANT_WITHDREW: ev('APPLICANT_WITHDREW', t('报考人放弃', 'An applicant withdrew'), 'system', [CALL_UP]),
  },
  states: {
    planning: { title: t('制定招录计划', 'Planning'), waitingOn: waitingHr },
    planReview: { title: t('上一级工会审批计划', 'Plan with the parent union'), waitingOn: { relation: 'parent', roles: ['approver'] } },
    planApproved: { title: t('计划已批准', 'Plan approved'), waitingOn: waitingHr },
    announced: { title: t('已发布公告', 'Announced'), waitingOn: waitingHr },
    registration: { title: t('报名中', 'Registration') },
    qualification: { title: t('资格审查', 'Qualification review'), waitingOn: waitingHr },
    writtenExam: { title: t('笔试', 'Written exam'), waitingOn: waitingHr },
    interview: { title: t('面试', 'Interview'), waitingOn: waitingHr },
    checks: { title: t('体检考察', 'Checks'), waitingOn: waitingHr },
    publicity: { title: t('公示', 'Publicity') },
    hiring: { title: t('聘用', 'Hiring'), waitingOn: waitingHr },
    closed: { title: t('招录结束', 'Closed') },
    cancelled: { title: t('已取消', 'Cancelled') },
  },
  finalStatus: { closed: 'done', cancelled: 'cancelled' },
  deadlines: [
    { id: 'registration-close', kind: 'due', title: t('报名截止', 'Registration closes'), states: ['registration'], event: 'CLOSE_REGISTRATION',
      due: ({ context }) => new Date(context.registrationClosesAt!), rule: EXAM },
    // N calendar days from the day publicity starts, to the end of the last day (Asia/Shanghai).
    { id: 'publicity-end', kind: 'due', title: t('公示期满', 'Publicity ends'), states: ['publicity'], event: 'END_PUBLICITY',
      due: ({ context, enteredAt }) => endOfShanghaiDay(addDays(shanghaiDate(enteredAt), context.terms.publicityDays)), rule: PUBLICITY },
  ],
};
