// P6's definition: the machine plus what the engine, API and UI need to know about it.
import { allKeys, type EventBodyOf, type Envelope, type WorkflowDefinition } from '../types.ts';
import { standardMail } from '../mail.ts';
import type { RegisterPerson } from '../engine/register-refs.ts';
import { checks, machine, OWN_ROLES, type Context, type Event } from './worker-exit.machine.ts';
import { eventSchemas, REASONS, startSchema, type Reason } from './worker-exit.schemas.ts';

const EXIT = { rule: 'R-lifecycle', clause: '§3.4.1' };
const REALNAME = { rule: 'R-realname', clause: '§3.4' };
const VACANCY = { rule: 'R-chair-vacancy', clause: '§3.1.1' };

const own = { roles: OWN_ROLES, relation: 'own' as const };
const parent = { roles: ['approver' as const], relation: 'parent' as const };
const { task_assigned, decision } = standardMail;
const whole = <T extends Event['type']>(type: T, e: EventBodyOf<Extract<Event, { type: T }>>, env?: Envelope) => ({ ...e, type, ...env! }) as unknown as Extract<Event, { type: T }>;

type Start = { personId: number; person: RegisterPerson; reason: Reason; note?: string; sourceCaseId?: string };

export const workerExit: WorkflowDefinition<typeof machine> = {
  type: 'worker-exit',
  version: 1,
  title: { zh: '工会工作者退出', en: 'Union worker exit' },
  description: {
    zh: '辞职、合同期满不再续签、年度考核不称职、违纪、退休或调离的工会工作者退出：所在工会审核，主席、干部或解聘的报上一级工会批准，办理交接后在实名制名册中登记退出日期，记录保留；主席退出自动启动补选。',
    en: 'A union worker leaves (resignation, contract end, unfit, discipline, retirement, transfer): their union reviews, the parent union approves a chair\'s, a cadre\'s or a dismissal, the handover is ticked and the register records the end date (the record is kept); a chair\'s exit opens the by-election.',
  },
  rules: [EXIT, REALNAME, VACANCY],
  machine,
  mail: { task_assigned, decision },
  documents: {},
  // Cadres are the kind whose exit the parent union approves (the machine reads it).
  personKinds: {},
  contextKeys: allKeys<Context>()(['person', 'reason', 'note', 'sourceCaseId', 'openedAt', 'openedBy', 'needsParentApproval', 'chair', 'exitDate', 'review', 'approval', 'handover', 'ended']),
  start: {
    // hr of the person's union or above, or the union's own staff; the system for P5's 不称职.
    by: [{ roles: ['hr'], relation: 'ownOrAbove' }, { roles: ['requester'], relation: 'own' }],
    schema: startSchema, title: { zh: '发起人员退出', en: 'Start an exit' },
    // One open exit per person.
    correlationKey: (b: Start) => `exit:${b.personId}`,
    check: (b: Start, env) => [
      ...(b.person.orgId !== env.orgId ? [{ pointer: '/personId', message: `请在该人员所在工会（编号 ${b.person.orgId}）发起退出 / start the exit at the person's own union (id ${b.person.orgId}, ?org=)` }] : []),
      ...(b.person.status === 'exited' ? [{ pointer: '/personId', message: '该人员已退出 / the person has already left' }] : []),
    ],
  },
  input: (b: Start, env) => ({ person: b.person, reason: b.reason, ...(b.note ? { note: b.note } : {}), ...(b.sourceCaseId ? { sourceCaseId: b.sourceCaseId } : {}), actor: env.actor, at: env.at }),
  subject: (c: Context) => `人员退出：${c.person.name}（${REASONS[c.reason].zh}${c.exitDate ? `，${c.exitDate} 退出` : ''}）`,
  submitter: (c: Context) => c.review?.by.id,
  events: {
    CONFIRM: { title: { zh: '审核同意退出', en: 'Agree to the exit' }, by: own, schema: eventSchemas.CONFIRM, rules: [EXIT] },
    REJECT: { title: { zh: '不同意退出', en: 'Do not agree to the exit' }, by: own, schema: eventSchemas.REJECT, rules: [EXIT] },
    APPROVE: {
      title: { zh: '批准退出（上一级工会）', en: 'Approve the exit (parent union)' }, by: parent, notBySubmitter: true, schema: eventSchemas.APPROVE, rules: [EXIT, VACANCY],
      check: (c, e, env) => checks.APPROVE(c, whole('APPROVE', e, env)),
    },
    REFUSE: { title: { zh: '不批准退出', en: 'Refuse the exit' }, by: parent, notBySubmitter: true, schema: eventSchemas.REFUSE, rules: [EXIT] },
    WITHDRAW: { title: { zh: '撤回退出', en: 'Withdraw the exit' }, by: own, schema: eventSchemas.WITHDRAW, rules: [EXIT] },
    HANDOVER_DONE: {
      title: { zh: '交接完毕，登记退出', en: 'Handover done: record the exit' }, by: own, schema: eventSchemas.HANDOVER_DONE, rules: [EXIT, REALNAME],
      check: (c, e, env) => checks.HANDOVER_DONE(c, whole('HANDOVER_DONE', e, env)),
    },
  },
  states: {
    review: { title: { zh: '所在工会审核', en: 'Review by the person\'s union' }, waitingOn: { relation: 'own', roles: OWN_ROLES } },
    parentApproval: { title: { zh: '上一级工会审批', en: 'Approval by the parent union' }, waitingOn: { relation: 'parent', roles: ['approver'] } },
    handover: { title: { zh: '办理交接', en: 'Handover' }, waitingOn: { relation: 'own', roles: OWN_ROLES } },
    exited: { title: { zh: '已退出（记录保留）', en: 'Exited (record kept)' } },
    rejected: { title: { zh: '未同意退出', en: 'Exit not agreed' } },
    cancelled: { title: { zh: '已撤回', en: 'Withdrawn' } },
  },
  finalStatus: { exited: 'done', rejected: 'cancelled', cancelled: 'cancelled' },
  deadlines: [],
};
