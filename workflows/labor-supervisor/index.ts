// 工会劳动法律监督员选聘's definition: the machine plus what the engine, API and UI need to know about it.
import { allKeys, type WorkflowDefinition } from '../types.ts';
import { appointingEvents, appointingStates, reviewDeadlines } from '../appointments.ts';
import { checks, machine, type Context } from './labor-supervisor.machine.ts';
import { eventSchemas, startSchema } from './labor-supervisor.schemas.ts';
import { DISTRICT, ENTERPRISE, LEVEL_OF_KIND, QUOTA, STREET, WHO } from './labor-supervisor.rules.ts';
import { mail } from './labor-supervisor.mail.ts';

const REALNAME = { rule: 'R-realname', clause: '§3.4' };
const PREJOB = { rule: 'R-prejob', clause: '§3.2.3' };
const REVIEW = { rule: 'R-ls-district', clause: '§3.1.2(5), §4.2 [default: 10 working days]' };
const manager = { roles: ['hr' as const, 'requester' as const], relation: 'own' as const };
const t = (zh: string, en: string) => ({ zh, en });
const check = <K extends keyof typeof checks>(type: K) => (c: Context, e: any, env?: any) => (checks[type] as any)(c, { ...e, type, ...env });
const QUOTAS = [WHO, DISTRICT, STREET, ENTERPRISE];

export const laborSupervisor: WorkflowDefinition<typeof machine> = {
  type: 'labor-supervisor',
  version: 1,
  title: t('劳动法律监督员选聘', 'Labour-law supervisor appointment'),
  description: t(
    '各级工会选聘符合条件的工会工作人员兼职担任劳动法律监督员，或通过购买服务聘用律师、媒体从业人员，或吸收人大代表、政协委员参与；区县总工会劳动法律监督委员会配备 3 至 5 名，街道（乡镇）1 名，百人以上已建会企业从本企业工会干部中选聘 2 人兼任。经本级工会审批后任命，录入实名制名册并参加岗前培训。',
    'Each union appoints qualified union staff as concurrent labour-law supervisors, buys in lawyers or media staff, or invites people\'s congress deputies and CPPCC members; a district committee has 3–5, a street/town 1, an enterprise with a union and 100+ employees 2 concurrent from its own union cadres. Approved by the union\'s leadership, appointed, entered in the real-name register and trained before taking up the post.',
  ),
  rules: [...QUOTAS, REALNAME, PREJOB],
  machine, mail, documents: {},
  personKinds: {},
  contextKeys: allKeys<Context>()(['level', 'committee', 'title', 'terms', 'startedBy', 'nominees', 'seq', 'rounds', 'decision', 'appointed', 'cancelled']),
  start: {
    by: [manager], schema: startSchema, title: t('发起选聘', 'Start an appointment'),
    orgKinds: { kinds: () => Object.keys(LEVEL_OF_KIND), title: t('设有劳动法律监督委员会的工会（市、区、街道乡镇、基层）', 'unions with a supervision committee (city, district, street, grassroots)'), rule: WHO },
  },
  input: (body, env) => ({
    level: LEVEL_OF_KIND[env.org.kind], committee: { id: env.org.id, name: env.org.name }, title: body.title, actor: env.actor, at: env.at,
    terms: { reviewWorkingDays: env.settings.laborSupervisorReviewWorkingDays },
  }),
  submitter: (c: Context) => c.rounds.at(-1)?.submittedBy.id,
  subject: (c: Context) => {
    const q = QUOTA[c.level];
    return `${c.title}（提名 ${c.nominees.length} 人${q ? `，本级配备不超过 ${q.max} 名` : ''}）`;
  },
  events: {
    NOMINATE_CONCURRENT: { title: t('提名兼职监督员（工会工作人员）', 'Nominate union staff (concurrent)'), by: manager, schema: eventSchemas.NOMINATE_CONCURRENT, rules: QUOTAS, check: check('NOMINATE_CONCURRENT') },
    NOMINATE_PURCHASED: { title: t('提名购买服务监督员（律师、媒体等）', 'Nominate a bought-in supervisor (lawyer, media …)'), by: manager, schema: eventSchemas.NOMINATE_PURCHASED, rules: QUOTAS, check: check('NOMINATE_PURCHASED') },
    NOMINATE_INVITED: { title: t('提名人大代表、政协委员', 'Nominate a deputy'), by: manager, schema: eventSchemas.NOMINATE_INVITED, rules: QUOTAS, check: check('NOMINATE_INVITED') },
    ...appointingEvents({ manager, rule: WHO, review: REVIEW, check }),
  },
  states: appointingStates(manager.roles),

  finalStatus: { appointed: 'done', rejected: 'done', cancelled: 'cancelled' },
  deadlines: reviewDeadlines(['review'], (c: Context) => c.terms.reviewWorkingDays, REVIEW, { remind: 'REVIEW_REMIND', overdue: 'REVIEW_OVERDUE' }),
};
