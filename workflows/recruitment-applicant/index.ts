// P2 applicant's definition: a child case only its campaign starts (start.by is empty); HR may
// record a withdrawal, every other move is the campaign's.
import { allKeys, type WorkflowDefinition } from '../types.ts';
import { machine, type Context } from './recruitment-applicant.machine.ts';
import { mail } from './recruitment-applicant.mail.ts';

const EXAM = { rule: 'R-exam', clause: '§2(二)(三), §3.1.2(1)(2)' };
const t = (zh: string, en: string) => ({ zh, en });
const str = { type: 'string', minLength: 1, maxLength: 500 };
// The campaign's events, each schema naming its own type (the API document's oneOf stays exclusive).
const sys = (type: string, zh: string, en: string) => ({ title: t(zh, en), by: 'system' as const, schema: { type: 'object', required: ['type'], properties: { type: { const: type } } }, rules: [EXAM] });
const unit = { type: 'object', required: ['id', 'title', 'unitId', 'unitName'], properties: { id: { type: 'string' }, title: { type: 'string' }, unitId: { type: 'integer' }, unitName: { type: 'string' } } };
// The person as the campaign hands it on: the number already masked, its identity row beside it.
const person = { type: 'object', required: ['name', 'idNumber', 'certificates'], properties: { name: str, idNumber: { type: 'string' }, idNumberRef: { type: 'integer' }, email: { type: 'string' }, phone: { type: 'string' }, certificates: { type: 'array', items: { type: 'string' } } } };
const final = (zh: string, en: string) => ({ title: t(zh, en) });

export const recruitmentApplicant: WorkflowDefinition<typeof machine> = {
  type: 'recruitment-applicant',
  version: 1,
  title: t('招录报考人', 'Recruitment applicant'),
  description: t('招录考试中的一名报考人：资格审查、笔试、面试、体检考察、公示、聘用或递补。', 'One applicant of a recruitment exam: qualification, exams, checks, publicity, hiring or call-up.'),
  rules: [EXAM],
  machine, mail, documents: {}, personKinds: {},
  contextKeys: allKeys<Context>()(['key', 'post', 'person', 'bonus', 'scores', 'outcome', 'exam', 'interview', 'calledUp', 'startDate']),
  start: { by: [], title: t('报名', 'Register'), schema: { type: 'object', required: ['key', 'post', 'person', 'bonus'], properties: { key: { type: 'string' }, post: unit, person, bonus: { type: 'number' } } } },
  input: (body) => body,
  subject: (c) => `${c.person.name}（${c.person.idNumber}）— ${c.post.unitName} ${c.post.title}`,
  events: {
    QUALIFY: sys('QUALIFY', '资格审查通过', 'Qualified'), DISQUALIFY: sys('DISQUALIFY', '资格审查不通过', 'Disqualified'), EXAM_NOTICE: sys('EXAM_NOTICE', '笔试通知', 'Written exam notice'),
    WRITTEN_SCORE: sys('WRITTEN_SCORE', '笔试成绩', 'Written score'), ABSENT: sys('ABSENT', '缺考', 'Absent'), INVITE: sys('INVITE', '进入面试', 'Invited to interview'),
    NOT_INVITE: sys('NOT_INVITE', '未进入面试', 'Not invited'), INTERVIEW_SCORE: sys('INTERVIEW_SCORE', '面试成绩', 'Interview score'), SELECT: sys('SELECT', '进入体检考察', 'To the checks'),
    RESERVE: sys('RESERVE', '排名候补', 'Ranked in reserve'), CALL_UP: sys('CALL_UP', '递补', 'Called up'), CHECK_PASS: sys('CHECK_PASS', '体检考察通过', 'Checks passed'),
    CHECK_FAIL: sys('CHECK_FAIL', '体检考察未通过', 'Checks failed'), PUBLICISE: sys('PUBLICISE', '公示', 'Publicised'), OBJECTION_UPHELD: sys('OBJECTION_UPHELD', '异议成立', 'Objection upheld'),
    HIRE: sys('HIRE', '聘用', 'Hired'), POST_CANCELLED: sys('POST_CANCELLED', '岗位取消', 'Post cancelled'), CAMPAIGN_CANCELLED: sys('CAMPAIGN_CANCELLED', '招录取消', 'Campaign cancelled'),
    ROUND_CLOSED: sys('ROUND_CLOSED', '招录结束', 'Round closed'),
    WITHDRAW: { title: t('报考人放弃', 'Withdraw'), by: { roles: ['hr'], relation: 'own' }, schema: { type: 'object', required: ['type', 'reason'], additionalProperties: false, properties: { type: { const: 'WITHDRAW' }, reason: str } }, rules: [EXAM] },
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
