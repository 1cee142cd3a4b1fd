// P1's definition: the machine plus what the engine, API and UI need to know about it.
import { allKeys, type DueInput, type WorkflowDefinition } from '../types.ts';
import { addCalendarMonths, addDays, atShanghaiTime, endOfShanghaiDay, shanghaiDate } from '../rules/calendar.ts';
import { approvedOn, machine, type Context } from './purchased-service-hire.machine.ts';
import { eventSchemas, startSchema } from './purchased-service-hire.schemas.ts';
import { candidateProblems, contractProblems } from './purchased-service-hire.rules.ts';
import { documents } from './purchased-service-hire.documents.ts';
import { mail } from './purchased-service-hire.mail.ts';

const APPROVAL = { rule: 'R-psh-approval', clause: '§3.1.3' };
const QUALIFIED = { rule: 'R-psh-qualified', clause: '§3.1.3' };
const CONTRACT = { rule: 'R-psh-contract', clause: '§3.1.3' };
const CERTIFICATE = { rule: 'R-psh-certificate', clause: '§3.1.3' };
const RESPONSE = { rule: 'R-psh-approval', clause: '§3.1.3 [default: 10 working days]' };
const LAPSE = { rule: 'R-psh-contract', clause: '§3.1.3 [default: 6 months]' };

const requester = { roles: ['requester' as const], relation: 'own' as const };
const approver = { roles: ['approver' as const], relation: 'parent' as const };

const workingDay = (n: (s: DueInput['settings']) => number, endOfDay: boolean) => ({ enteredAt, calendar, settings }: DueInput) => {
  const day = calendar.addWorkingDays(shanghaiDate(enteredAt), n(settings));
  return endOfDay ? endOfShanghaiDay(day) : atShanghaiTime(day, settings.reminderHour);
};
// The lapse the approval was issued with (its written approval states it); cases from before it was frozen: the settings.
const lapseDate = ({ context, enteredAt, settings }: DueInput) =>
  (context as Context).decision?.lapse?.on ?? addCalendarMonths(shanghaiDate(enteredAt), settings.approvalLapseMonths);
const lapseReminderDays = ({ context, settings }: DueInput) => (context as Context).terms?.lapseReminderDays ?? settings.approvalLapseReminderDays;

export const purchasedServiceHire: WorkflowDefinition<typeof machine> = {
  type: 'purchased-service-hire',
  version: 1,
  title: { zh: '购买服务聘用审批', en: 'Purchased-service hire approval' },
  description: {
    zh: '基层工会使用本级工会经费以购买服务方式聘用工会工作人员，须经上一级工会书面批准，并依法签订劳动合同或服务协议。',
    en: 'A grassroots union hires union staff with its own funds only with the written approval of the union one level above, and signs a labour contract or service agreement.',
  },
  rules: [APPROVAL, QUALIFIED, CONTRACT, CERTIFICATE],
  machine,
  mail,
  documents,
  personKinds: { purchased_service_staff: { zh: '购买服务工会工作人员', en: 'Union staff hired by purchased service' } },
  contextKeys: allKeys<Context>()(['request', 'terms', 'requestedBy', 'rounds', 'decision', 'escalatedAt', 'candidates', 'closed', 'withdrawn']),
  start: {
    by: [requester], schema: startSchema, title: { zh: '新建申请', en: 'New request' }, requiresParent: true,
    // "有条件的基层工会" (R-psh-approval §3.1.3): a federation does not hire this way.
    orgKinds: { kinds: (s) => s.grassrootsOrgKinds, title: { zh: '基层工会', en: 'grassroots unions' }, rule: APPROVAL },
  },
  input: (body, env) => ({
    request: body, actor: env.actor, at: env.at,
    terms: { lapseMonths: env.settings.approvalLapseMonths, lapseReminderDays: env.settings.approvalLapseReminderDays },
  }),
  submitter: (c: Context) => c.rounds.at(-1)?.submittedBy.id,
  subject: (c: Context) => `${c.request.posts.map((p) => `${p.title}×${p.count}`).join('、')}（年度经费 ${c.request.annualBudgetYuan} 元）`,
  events: {
    UPDATE: { title: { zh: '修改申请', en: 'Edit request' }, by: requester, schema: eventSchemas.UPDATE },
    SUBMIT: { title: { zh: '提交上一级工会审批', en: 'Submit to the parent union' }, by: requester, schema: eventSchemas.SUBMIT, rules: [APPROVAL] },
    RESUBMIT: { title: { zh: '修改后重新提交', en: 'Resubmit' }, by: requester, schema: eventSchemas.RESUBMIT, rules: [APPROVAL] },
    WITHDRAW: { title: { zh: '撤回申请', en: 'Withdraw' }, by: requester, schema: eventSchemas.WITHDRAW },
    APPROVE: { title: { zh: '批准并出具书面批复', en: 'Approve in writing' }, by: approver, notBySubmitter: true, schema: eventSchemas.APPROVE, rules: [APPROVAL] },
    REJECT: { title: { zh: '不予批准', en: 'Reject' }, by: approver, notBySubmitter: true, schema: eventSchemas.REJECT, rules: [APPROVAL] },
    RETURN: { title: { zh: '退回修改', en: 'Return for revision' }, by: approver, notBySubmitter: true, schema: eventSchemas.RETURN, rules: [APPROVAL] },
    RECORD_CANDIDATE: {
      title: { zh: '登记拟聘人员', en: 'Record the selected person' }, by: requester, schema: eventSchemas.RECORD_CANDIDATE, rules: [QUALIFIED, CERTIFICATE],
      check: (c: Context, e) => candidateProblems(c.request, c.candidates, e),
    },
    RECORD_CONTRACT: {
      title: { zh: '登记劳动合同或服务协议', en: 'Record the signed contract' }, by: requester, schema: eventSchemas.RECORD_CONTRACT, rules: [CONTRACT],
      check: (c: Context, e) => contractProblems(c.request, c.candidates, e, approvedOn(c)),
    },
    CLOSE_HIRING: {
      title: { zh: '结束聘用（余下名额不再使用）', en: 'Close hiring' }, by: requester, schema: eventSchemas.CLOSE_HIRING,
      check: (c: Context) => (c.candidates.some((x) => x.contract) ? [] : [{ pointer: '/type', message: '尚未登记任何合同，无可结束的聘用；未用的批复到期自动失效 / no contract recorded yet; an unused approval lapses by itself' }]),
    },
    REMIND: { title: { zh: '审批提醒', en: 'Reminder to answer' }, by: 'system', schema: eventSchemas.REMIND, rules: [RESPONSE] },
    ESCALATE: { title: { zh: '逾期未批，报再上一级工会督办', en: 'Escalate to the grandparent union' }, by: 'system', schema: eventSchemas.ESCALATE, rules: [RESPONSE] },
    LAPSE_REMIND: { title: { zh: '批复即将失效提醒', en: 'Approval about to lapse' }, by: 'system', schema: eventSchemas.LAPSE_REMIND, rules: [LAPSE] },
    LAPSE: { title: { zh: '批复失效', en: 'Approval lapses' }, by: 'system', schema: eventSchemas.LAPSE, rules: [LAPSE] },
  },
  states: {
    draft: { title: { zh: '草稿', en: 'Draft' }, waitingOn: { relation: 'own', roles: ['requester'] } },
    submitted: { title: { zh: '待上一级工会审批', en: 'Awaiting the parent union' }, waitingOn: { relation: 'parent', roles: ['approver'] } },
    returned: { title: { zh: '退回修改', en: 'Returned for revision' }, waitingOn: { relation: 'own', roles: ['requester'] } },
    approved: { title: { zh: '已批准，聘用中', en: 'Approved; hiring' }, waitingOn: { relation: 'own', roles: ['requester'] } },
    completed: { title: { zh: '聘用完成', en: 'Hiring completed' } },
    rejected: { title: { zh: '不予批准', en: 'Rejected' } },
    withdrawn: { title: { zh: '已撤回', en: 'Withdrawn' } },
    lapsed: { title: { zh: '批复已失效', en: 'Approval lapsed' } },
  },
  finalStatus: { completed: 'done', rejected: 'done', withdrawn: 'cancelled', lapsed: 'cancelled' },
  deadlines: [
    { id: 'answer-reminder-1', kind: 'reminder', title: { zh: '审批提醒（第一次）', en: 'First reminder to answer' }, states: ['submitted'],
      due: workingDay((s) => s.approvalReminderWorkingDays[0], false), event: 'REMIND', rule: RESPONSE },
    { id: 'answer-reminder-2', kind: 'reminder', title: { zh: '审批提醒（第二次）', en: 'Second reminder to answer' }, states: ['submitted'],
      due: workingDay((s) => s.approvalReminderWorkingDays[1], false), event: 'REMIND', rule: RESPONSE },
    { id: 'answer-due', kind: 'escalation', title: { zh: '审批期限（逾期报再上一级督办）', en: 'Answer due; escalated when missed' }, states: ['submitted'],
      due: workingDay((s) => s.approvalAnswerWorkingDays, true), event: 'ESCALATE', rule: RESPONSE },
    { id: 'lapse-reminder', kind: 'reminder', title: { zh: '批复失效前提醒', en: 'Reminder before the approval lapses' }, states: ['approved'],
      due: (i) => atShanghaiTime(addDays(lapseDate(i), -lapseReminderDays(i)), i.settings.reminderHour), event: 'LAPSE_REMIND', rule: LAPSE },
    { id: 'lapse', kind: 'lapse', title: { zh: '批复失效（未签订合同）', en: 'Approval lapses without a contract' }, states: ['approved'],
      due: (i) => endOfShanghaiDay(lapseDate(i)), event: 'LAPSE', rule: LAPSE },
  ],
};
