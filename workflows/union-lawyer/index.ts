// 工会专职律师's definition: the machine plus what the engine, API and UI need to know about it.
import { allKeys, type DeadlineDecl, type DueInput, type WorkflowDefinition } from '../types.ts';
import { atShanghaiTime, endOfShanghaiDay } from '../rules/calendar.ts';
import { reviewDeadlines } from '../appointments.ts';
import { checks, current, machine, type Context, type Event } from './union-lawyer.machine.ts';
import { eventSchemas, startSchema } from './union-lawyer.schemas.ts';
import { active, DISTRICT, lawyersNeeded, PAY, periodProblems, reminderDate, STATION, unitsProblems, WHO } from './union-lawyer.rules.ts';
import { mail } from './union-lawyer.mail.ts';

const REALNAME = { rule: 'R-realname', clause: '§3.4' };
const REVIEW = { rule: 'R-law-district', clause: '§2(五), §4.2 [default: 10 working days]' };
const ENDING = { rule: 'R-law-district', clause: '§2(五) [default: lawyerContractReminderDays, 60 and 30]' };
const manager = { roles: ['hr' as const, 'requester' as const], relation: 'own' as const };
// The union's own leadership decides on the contract (§4.2); the plan asks no approval above.
const approver = { roles: ['approver' as const], relation: 'own' as const };
const t = (zh: string, en: string) => ({ zh, en });
const check = <K extends keyof typeof checks>(type: K) => (c: Context, e: any, env?: any) => (checks[type] as any)(c, { ...e, type, ...env });
type State = keyof typeof states;
const RENEWAL: State[] = ['renewalDecision', 'renewalReview'];

/** Rung i of the reminders before the contract's end (declarations are static; a case with fewer rungs has none). */
const rung = (i: number) => ({ context, settings }: DueInput<Context>) => {
  const days = context.terms.reminderDays[i];
  return days === undefined ? null : atShanghaiTime(reminderDate(current(context).endDate, days), settings.reminderHour);
};

const states = {
  draft: { title: t('拟订合同', 'Drafting the contract'), waitingOn: { relation: 'own' as const, roles: manager.roles } },
  review: { title: t('待本级工会审批', 'Awaiting the leadership\'s approval'), waitingOn: { relation: 'own' as const, roles: ['approver' as const] } },
  approved: { title: t('已批准，待签订', 'Approved; to be signed'), waitingOn: { relation: 'own' as const, roles: manager.roles } },
  inForce: { title: t('合同履行中', 'Contract in force') },
  renewalDecision: { title: t('合同将到期，待决定续签或终止', 'Ending soon: renew or end'), waitingOn: { relation: 'own' as const, roles: manager.roles } },
  renewalReview: { title: t('续签待本级工会审批', 'Renewal awaiting approval'), waitingOn: { relation: 'own' as const, roles: ['approver' as const] } },
  ended: { title: t('合同已终止', 'Contract ended') },
  rejected: { title: t('未获批准', 'Rejected') },
  cancelled: { title: t('已撤销', 'Withdrawn') },
};

const deadlines: DeadlineDecl<Context, State, Event['type']>[] = [
  ...reviewDeadlines<State, Event['type']>(['review', 'renewalReview'], (c: Context) => c.terms.reviewWorkingDays, REVIEW, { remind: 'REVIEW_REMIND', overdue: 'REVIEW_OVERDUE' }),
  // From the contract's end date, not from when the state was entered: a renewal re-enters inForce, so the next period gets its own.
  { id: 'contract-ending', kind: 'reminder', title: t('合同期满前提醒续签或终止', 'Renew or end: the contract ends soon'), states: ['inForce'], due: rung(0), event: 'CONTRACT_ENDING', rule: ENDING },
  { id: 'contract-ending-2', kind: 'reminder', title: t('合同期满前再次提醒', 'Second reminder before the contract ends'), states: RENEWAL, due: rung(1), event: 'RENEWAL_REMIND', rule: ENDING },
  { id: 'contract-expires', kind: 'lapse', title: t('合同期满（未续签则律师退出名册）', 'Contract ends (without renewal its lawyers leave the register)'), states: RENEWAL, due: ({ context }) => endOfShanghaiDay(current(context).endDate), event: 'CONTRACT_EXPIRES', rule: ENDING },
];

export const unionLawyer: WorkflowDefinition<typeof machine> = {
  type: 'union-lawyer',
  version: 1,
  title: t('工会专职律师购买服务', 'Union lawyers by purchased service'),
  description: t(
    '工会以购买服务的形式与律师事务所签订合同（期限、费用、服务的工会服务站或企业），经本级工会审批后签订；律师事务所指派的律师派驻到服务站，录入实名制名册；合同期满前 60 天提醒续签或终止，未续签的律师期满退出名册。区县总工会为每 3 至 5 个工会服务站配备 1 名专职律师。',
    'A union buys a law firm\'s services under a contract (period, fee, stations or enterprises covered), approved by its leadership and signed; the lawyers the firm assigns to the stations enter the real-name register; 60 days before the end the union is asked to renew or end, and without a renewal the lawyers leave the register. A district federation has 1 lawyer per 3–5 service stations.',
  ),
  rules: [WHO, DISTRICT, STATION, PAY, REALNAME],
  machine, mail, documents: {},
  personKinds: {},
  contextKeys: allKeys<Context>()(['code', 'contract', 'periods', 'terms', 'startedBy', 'rounds', 'decision', 'signedOn', 'lawyers', 'seq', 'proposal', 'ended', 'cancelled']),
  start: {
    by: [manager], schema: startSchema, title: t('新建律师服务合同', 'New lawyer service contract'),
    check: (body) => [...periodProblems(body), ...unitsProblems(body.units)],
  },
  input: (body, env) => ({
    start: body, code: `${env.orgId}.${Date.parse(env.at).toString(36)}`, actor: env.actor, at: env.at,
    terms: { reminderDays: env.settings.lawyerContractReminderDays, reviewWorkingDays: env.settings.lawyerReviewWorkingDays },
  }),
  submitter: (c: Context) => c.rounds.at(-1)?.submittedBy.id,
  subject: (c: Context) => {
    const p = current(c);
    return `${c.contract.firm}（合同 ${p.number}，${p.startDate} 至 ${p.endDate}；律师 ${active(c.lawyers).length} 名，服务 ${c.contract.units.length} 个站点，至少需 ${lawyersNeeded(c.contract.units.length)} 名）`;
  },
  events: {
    UPDATE: { title: t('修改合同', 'Edit the contract'), by: manager, schema: eventSchemas.UPDATE, rules: [WHO], check: check('UPDATE') },
    SUBMIT: { title: t('报本级工会审批', 'Submit for approval'), by: manager, schema: eventSchemas.SUBMIT, rules: [WHO] },
    WITHDRAW: { title: t('撤销', 'Withdraw'), by: manager, schema: eventSchemas.WITHDRAW },
    APPROVE: { title: t('同意签订', 'Approve the contract'), by: approver, notBySubmitter: true, schema: eventSchemas.APPROVE, rules: [WHO, PAY] },
    RETURN: { title: t('退回修改', 'Return for revision'), by: approver, notBySubmitter: true, schema: eventSchemas.RETURN },
    REJECT: { title: t('不同意', 'Reject'), by: approver, notBySubmitter: true, schema: eventSchemas.REJECT },
    RECORD_SIGNING: { title: t('登记合同签订', 'Record the signing'), by: manager, schema: eventSchemas.RECORD_SIGNING, rules: [WHO], check: check('RECORD_SIGNING') },
    ASSIGN_LAWYER: { title: t('登记派驻律师（录入实名制名册）', 'Record an assigned lawyer (enters the register)'), by: manager, schema: eventSchemas.ASSIGN_LAWYER, rules: [STATION, REALNAME], check: check('ASSIGN_LAWYER') },
    RELEASE_LAWYER: { title: t('律师离岗（退出名册）', 'A lawyer leaves (leaves the register)'), by: manager, schema: eventSchemas.RELEASE_LAWYER, rules: [REALNAME], check: check('RELEASE_LAWYER') },
    CONTRACT_ENDING: { title: t('合同将到期，请决定续签或终止', 'The contract ends soon: renew or end'), by: 'system', schema: eventSchemas.CONTRACT_ENDING, rules: [ENDING] },
    RENEWAL_REMIND: { title: t('合同到期再次提醒', 'Reminder: the contract ends soon'), by: 'system', schema: eventSchemas.RENEWAL_REMIND, rules: [ENDING] },
    RENEW: { title: t('续签（新合同期）报审批', 'Renew for a new period (for approval)'), by: manager, schema: eventSchemas.RENEW, rules: [WHO, PAY], check: check('RENEW') },
    APPROVE_RENEWAL: { title: t('同意续签', 'Approve the renewal'), by: approver, notBySubmitter: true, schema: eventSchemas.APPROVE_RENEWAL, rules: [WHO, PAY] },
    RETURN_RENEWAL: { title: t('退回续签', 'Return the renewal'), by: approver, notBySubmitter: true, schema: eventSchemas.RETURN_RENEWAL },
    END: { title: t('终止合同（律师退出名册）', 'End the contract (its lawyers leave the register)'), by: manager, schema: eventSchemas.END, rules: [WHO, REALNAME], check: check('END') },
    CONTRACT_EXPIRES: { title: t('合同期满未续签', 'The contract ends without renewal'), by: 'system', schema: eventSchemas.CONTRACT_EXPIRES, rules: [ENDING, REALNAME] },
    REVIEW_REMIND: { title: t('审批提醒', 'Reminder to decide'), by: 'system', schema: eventSchemas.REVIEW_REMIND, rules: [REVIEW] },
    REVIEW_OVERDUE: { title: t('审批逾期，报上一级工会督办', 'Decision overdue; the union above is told'), by: 'system', schema: eventSchemas.REVIEW_OVERDUE, rules: [REVIEW] },
  },
  states,
  finalStatus: { ended: 'done', rejected: 'done', cancelled: 'cancelled' },
  deadlines,
};
