// P2 applicant's definition: a child case only its campaign starts (start.by is empty); HR may
// record a withdrawal, every other move is the campaign's.
import { allKeys, type JsonSchema, type WorkflowDefinition } from '../types.ts';
import { choice, date, event, integer, object, text, titled } from '../schema-kit.ts';
import { machine, type Context } from './recruitment-applicant.machine.ts';
import { mail } from './recruitment-applicant.mail.ts';
import { kindTitles } from '../person-kinds.ts';

const EXAM = { rule: 'R-exam', clause: '§2(二)(三), §3.1.2(1)(2)' };
const t = (zh: string, en: string) => ({ zh, en });
// The campaign's events, each naming its own type (the API document's oneOf stays exclusive) and declaring what it carries.
const reason = { reason: text(2000, '原因', 'reason') };
const num = (zh: string, en: string) => titled({ type: 'number' }, zh, en);
const rank = (zh: string, en: string) => integer(1, undefined, zh, en);
const slot = { time: titled({ type: 'string', format: 'date-time' }, '时间', 'time'), place: text(300, '地点', 'place') };
const sys = (type: string, zh: string, en: string, fields: Record<string, JsonSchema> = {}, required = Object.keys(fields)) =>
  ({ title: t(zh, en), by: 'system' as const, schema: event(type, fields, required), rules: [EXAM] });
const line = (zh: string, en: string) => titled({ type: 'string', minLength: 1, maxLength: 300 }, zh, en);
/** What a hire becomes in the register (as the campaign's post says). */
const PERSON_KINDS = kindTitles('social_worker', 'community_officer');
const startSchema = titled(object({
  key: line('报考人编号', 'applicant key'),
  post: titled(object({
    id: line('岗位代码', 'post code'), title: line('岗位名称', 'post title'), unitId: integer(1, undefined, '用人单位编号', 'employing unit id'), unitName: line('用人单位', 'employing unit'),
    kind: choice(PERSON_KINDS, '聘用后在名册中的人员类别', 'register kind once hired'),
  }, ['id', 'title', 'unitId', 'unitName']), '报考岗位', 'post applied for'),
  // The person as the campaign hands it on: the number already masked, its identity row beside it.
  person: titled(object({
    name: line('姓名', 'name'), idNumber: titled({ type: 'string' }, '公民身份号码（已遮蔽）', 'resident ID number (masked)'),
    idNumberRef: titled({ type: 'integer' }, '身份记录编号', 'identity row'), email: titled({ type: 'string' }, '电子邮箱', 'email'), phone: titled({ type: 'string' }, '电话', 'phone'),
    certificates: titled({ type: 'array', items: { type: 'string' } }, '职业资格证书', 'certificates'),
  }, ['name', 'idNumber', 'certificates']), '报考人', 'applicant'),
  bonus: num('持证加分', 'certificate bonus'),
}, ['key', 'post', 'person', 'bonus']), '报考人报名', 'an applicant\'s registration', { rule: EXAM });
const final = (zh: string, en: string) => ({ title: t(zh, en) });

export const recruitmentApplicant: WorkflowDefinition<typeof machine> = {
  type: 'recruitment-applicant',
  version: 1,
  title: t('招录报考人', 'Recruitment applicant'),
  description: t('招录考试中的一名报考人：资格审查、笔试、面试、体检考察、公示、聘用或递补。', 'One applicant of a recruitment exam: qualification, exams, checks, publicity, hiring or call-up.'),
  rules: [EXAM],
  machine, mail, documents: {},
  personKinds: {},
  contextKeys: allKeys<Context>()(['key', 'post', 'person', 'bonus', 'scores', 'outcome', 'exam', 'interview', 'calledUp', 'startDate']),
  start: { by: [], title: t('报名', 'Register'), schema: startSchema },
  input: (body) => body,
  subject: (c) => `${c.person.name}（${c.person.idNumber}）— ${c.post.unitName} ${c.post.title}`,
  events: {
    QUALIFY: sys('QUALIFY', '资格审查通过', 'Qualified'), DISQUALIFY: sys('DISQUALIFY', '资格审查不通过', 'Disqualified', reason),
    EXAM_NOTICE: sys('EXAM_NOTICE', '笔试通知', 'Written exam notice', slot),
    WRITTEN_SCORE: sys('WRITTEN_SCORE', '笔试成绩', 'Written score', { written: num('笔试成绩', 'written score'), writtenAdj: num('笔试成绩（含加分）', 'written score with the bonus') }),
    ABSENT: sys('ABSENT', '缺考', 'Absent', reason),
    INVITE: sys('INVITE', '进入面试', 'Invited to interview', { ...slot, writtenRank: rank('笔试名次', 'written rank') }),
    NOT_INVITE: sys('NOT_INVITE', '未进入面试', 'Not invited', { writtenRank: rank('笔试名次', 'written rank'), ...reason }, ['reason']),
    INTERVIEW_SCORE: sys('INTERVIEW_SCORE', '面试成绩', 'Interview score', { interview: num('面试成绩', 'interview score'), total: num('总成绩', 'total score') }),
    SELECT: sys('SELECT', '进入体检考察', 'To the checks', { rank: rank('总成绩名次', 'rank by total') }),
    RESERVE: sys('RESERVE', '排名候补', 'Ranked in reserve', { rank: rank('总成绩名次', 'rank by total') }),
    CALL_UP: sys('CALL_UP', '递补', 'Called up'), CHECK_PASS: sys('CHECK_PASS', '体检考察通过', 'Checks passed'),
    CHECK_FAIL: sys('CHECK_FAIL', '体检考察未通过', 'Checks failed', reason), PUBLICISE: sys('PUBLICISE', '公示', 'Publicised'),
    OBJECTION_UPHELD: sys('OBJECTION_UPHELD', '异议成立', 'Objection upheld', reason),
    HIRE: sys('HIRE', '聘用', 'Hired', { startDate: date('聘用起始日期', 'start date') }), POST_CANCELLED: sys('POST_CANCELLED', '岗位取消', 'Post cancelled', reason),
    CAMPAIGN_CANCELLED: sys('CAMPAIGN_CANCELLED', '招录取消', 'Campaign cancelled', reason), ROUND_CLOSED: sys('ROUND_CLOSED', '招录结束', 'Round closed', reason),
    WITHDRAW: { title: t('报考人放弃', 'Withdraw'), by: { roles: ['hr'], relation: 'own' }, schema: event('WITHDRAW', { reason: text(500, '放弃原因', 'reason') }, ['reason']), rules: [EXAM] },
  },
  states: {
    registered: { title: t('已报名', 'Registered') }, qualified: { title: t('资格审查通过', 'Qualified') },
    writtenScored: { title: t('已录笔试成绩', 'Written scored') }, invited: { title: t('进入面试', 'Invited to interview') },
    interviewed: { title: t('已面试', 'Interviewed') }, ranked: { title: t('排名候补', 'Ranked (reserve)') },
    checks: { title: t('体检考察中', 'In the checks') }, checksPassed: { title: t('体检考察通过', 'Checks passed') },
    publicised: { title: t('公示中', 'Publicised') }, hired: final('已聘用', 'Hired'),
    disqualified: final('资格审查不通过', 'Disqualified'), absent: final('缺考', 'Absent'), notInvited: final('未进入面试', 'Not invited'),
    checksFailed: final('体检考察未通过', 'Checks failed'), replaced: final('异议成立，已被替换', 'Replaced'), withdrawn: final('已放弃', 'Withdrawn'),
    postCancelled: final('岗位取消', 'Post cancelled'), cancelled: final('招录取消', 'Campaign cancelled'), notHired: final('未被聘用', 'Not hired'),
  },
  finalStatus: {
    hired: 'done', disqualified: 'done', absent: 'done', notInvited: 'done', checksFailed: 'done', replaced: 'done',
    withdrawn: 'cancelled', postCancelled: 'cancelled', cancelled: 'cancelled', notHired: 'done',
  },
  deadlines: [],
};
