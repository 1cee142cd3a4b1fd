// 工资集体协商指导员选聘's definition: the machine plus what the engine, API and UI need to know about it.
import { allKeys, type WorkflowDefinition } from '../types.ts';
import { appointingEvents, appointingStates, reviewDeadlines } from '../appointments.ts';
import { checks, machine, type Context } from './wage-instructor.machine.ts';
import { eventSchemas, startSchema } from './wage-instructor.schemas.ts';
import { DISTRICT, INDUSTRY, pathwayProblems, STATION, stationShortfalls, WHO } from './wage-instructor.rules.ts';
import { mail } from './wage-instructor.mail.ts';

const REALNAME = { rule: 'R-realname', clause: '§3.4' };
const PREJOB = { rule: 'R-prejob', clause: '§3.2.3' };
const REVIEW = { rule: 'R-wi-station', clause: '§3.1.2(3), §4.2 [default: 10 working days]' };
const manager = { roles: ['hr' as const], relation: 'own' as const };
const t = (zh: string, en: string) => ({ zh, en });
const check = <K extends keyof typeof checks>(type: K) => (c: Context, e: any, env?: any) => (checks[type] as any)(c, { ...e, type, ...env });

export const wageInstructor: WorkflowDefinition<typeof machine> = {
  type: 'wage-instructor',
  version: 1,
  title: t('工资集体协商指导员选聘', 'Wage bargaining instructor selection'),
  description: t(
    '市总工会统一招录熟悉集体协商工作的离岗、内退及退休人员，配备到产业工会（各 2 名）和区县总工会（各 10 至 20 名）；区县总工会从专职工会社会工作者中选聘，确保每个街道（乡镇）工会服务站配备 3 名。经本级工会审批后任命，录入实名制名册并参加岗前培训。',
    'The city federation recruits retired or early-retired staff who know collective bargaining, for industry unions (2 each) and district federations (10–20 each); a district federation selects 3 per street/town service station from its social workers. Approved by the union\'s leadership, appointed, entered in the real-name register and trained before taking up the post.',
  ),
  rules: [WHO, INDUSTRY, DISTRICT, STATION, REALNAME, PREJOB],
  machine, mail, documents: {},
  personKinds: {},
  contextKeys: allKeys<Context>()(['pathway', 'title', 'terms', 'startedBy', 'nominees', 'seq', 'rounds', 'decision', 'appointed', 'cancelled']),
  start: {
    by: [manager], schema: startSchema, title: t('发起选聘', 'Start a selection'),
    check: (body, env) => pathwayProblems(body.pathway, env.org.kind),
  },
  input: (body, env) => ({
    pathway: body.pathway, title: body.title, actor: env.actor, at: env.at,
    terms: { perStation: env.settings.wageInstructorsPerStation, reviewWorkingDays: env.settings.wageInstructorReviewWorkingDays },
  }),
  submitter: (c: Context) => c.rounds.at(-1)?.submittedBy.id,
  subject: (c: Context) => {
    const short = c.pathway === 'district_selection' ? stationShortfalls(c.nominees, c.terms.perStation) : [];
    return `${c.title}（提名 ${c.nominees.length} 人${short.length ? `；未满 ${c.terms.perStation} 名：${short.map((s) => `${s.unit.name} ${s.nominated}/${c.terms.perStation}`).join('、')}` : ''}）`;
  },
  events: {
    NOMINATE_RETIREE: { title: t('提名离岗、内退或退休人员', 'Nominate a retiree'), by: manager, schema: eventSchemas.NOMINATE_RETIREE, rules: [WHO, INDUSTRY, DISTRICT], check: check('NOMINATE_RETIREE') },
    NOMINATE_SOCIAL_WORKER: { title: t('提名专职工会社会工作者', 'Nominate a social worker'), by: manager, schema: eventSchemas.NOMINATE_SOCIAL_WORKER, rules: [STATION], check: check('NOMINATE_SOCIAL_WORKER') },
    ...appointingEvents({ manager, rule: STATION, review: REVIEW, check }),
  },
  states: appointingStates(manager.roles),

  finalStatus: { appointed: 'done', rejected: 'done', cancelled: 'cancelled' },
  deadlines: reviewDeadlines(['review'], (c: Context) => c.terms.reviewWorkingDays, REVIEW, { remind: 'REVIEW_REMIND', overdue: 'REVIEW_OVERDUE' }),
};
