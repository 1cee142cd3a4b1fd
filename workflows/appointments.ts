// What processes of appointment without an exam (PROCESSES.md P3) share, naming none of them: who
// acted, the union leadership's review with its reminder and overdue notice, and the register entry
// of a new appointee (onboarding until pre-job training, R-prejob §3.2.3).
import { atShanghaiTime, endOfShanghaiDay, shanghaiDate } from './rules/calendar.ts';
import { setting } from './settings-decl.ts';
import { date, event, text, titled } from './schema-kit.ts';
import type { DeadlineDecl, DueInput, EnterRegisterParams, Envelope, EventMeta, NotifyParams, Problem, Relation, Role, RuleRef, StateMeta } from './types.ts';

export type By = { id: string; name: string };
export const by = (e: Envelope): By => ({ id: e.actor.id, name: e.actor.name });
/** A submission to the leadership's review: who submitted (they may not decide on it) and a return's comment. */
export type Round = { no: number; submittedAt: string; submittedBy: By; returnedAt?: string; comment?: string };
export type Decision = { kind: 'approved' | 'rejected'; by: By; at: string; comment?: string; reason?: string };
/** A unit a person is assigned to: a union of the tree, by id and name as the form gave them. */
export type Unit = { id: number; name: string };

export const notify = (template: string, relation: Relation, roles: Role[]) =>
  ({ type: 'notify', params: { template, to: { relation, roles } } satisfies NotifyParams }) as const;

export const addRound = (rounds: Round[], e: Envelope): Round[] => [...rounds, { no: rounds.length + 1, submittedAt: e.at, submittedBy: by(e) }];

/**
 * The leadership's review as a machine state: approve, return (to `back`), reject, and the
 * deadlines' reminder and overdue notice. The machine declares the action 'appointing'
 * (appointingUpdate); `tell` are the roles of the case's own union told of the decision.
 */
export const reviewState = <B extends string>(back: B, tell: Role[]) => ({
  on: {
    APPROVE: { target: 'approved' as const, actions: ['appointing' as const, notify('decision', 'own', tell)] },
    RETURN: { target: back, actions: ['appointing' as const, notify('decision', 'own', tell)] },
    REJECT: { target: 'rejected' as const, actions: ['appointing' as const, notify('decision', 'own', tell)] },
    REVIEW_REMIND: { actions: notify('reminder', 'own', ['approver']) },
    REVIEW_OVERDUE: { actions: [notify('overdue', 'own', ['approver']), notify('escalation', 'parent', ['approver'])] },
  },
});

/** [reminder day, answer day]: working days after the case entered review. */
export type ReviewDays = [number, number];

/**
 * The review deadlines: a reminder to the approvers at day N, and at day M the answer is overdue
 * (the union above is told, R-… of the caller). `days` reads the case's frozen terms.
 */
export function reviewDeadlines<S extends string, T extends string>(
  states: S[], days: (context: any) => ReviewDays, rule: RuleRef, events: { remind: T; overdue: T },
): DeadlineDecl<any, S, T>[] {
  const at = (i: 0 | 1, endOfDay: boolean) => ({ context, enteredAt, calendar, settings }: DueInput) => {
    const day = calendar.addWorkingDays(shanghaiDate(enteredAt), days(context)[i]);
    return endOfDay ? endOfShanghaiDay(day) : atShanghaiTime(day, settings.reminderHour);
  };
  return [
    { id: 'review-reminder', kind: 'reminder', title: { zh: '审批提醒', en: 'Reminder to decide' }, states, due: at(0, false), event: events.remind, rule },
    { id: 'review-due', kind: 'escalation', title: { zh: '审批期限（逾期报上一级工会督办）', en: 'Decision due; the union above is told when missed' }, states, due: at(1, true), event: events.overdue, rule },
  ];
}

/** A new appointee in the real-name register (R-realname §3.4), onboarding until 16 class hours of pre-job training (R-prejob §3.2.3). */
export const onboardingEntry = (p: { personKind: string; name: string; idNumber?: string; idNumberRef?: number; startDate: string; unit: Unit; post: string; details: Record<string, unknown> }): EnterRegisterParams => ({
  personKind: p.personKind, name: p.name, idNumber: p.idNumber, idNumberRef: p.idNumberRef, status: 'onboarding', startDate: p.startDate,
  details: { unit: p.unit, post: p.post, ...p.details },
});

/** An appointment takes effect on or after the day it was approved (Asia/Shanghai): nobody is appointed before the decision. */
export function startDateProblems(approvedAt: string | undefined, startDate: string, rule: RuleRef): { pointer: string; message: string }[] {
  const approvedOn = approvedAt ? shanghaiDate(new Date(approvedAt)) : undefined;
  return approvedOn && startDate < approvedOn
    ? [{ pointer: '/startDate', message: `任职日期 ${startDate} 早于批准日期 ${approvedOn}（${rule.rule} ${rule.clause}）/ the appointment cannot start before its approval on ${approvedOn}` }]
    : [];
}

/** The [default] of a review's reminder and answer days (RULES.md defaults, "approval response time"), declared by each process under its own key. */
export const reviewDaysSetting = (rule: RuleRef, what: { zh: string; en: string }) => setting<ReviewDays>({
  default: [5, 10], rule, source: 'RULES.md defaults, "approval response time" (10 working days; reminder at 5)',
  schema: { type: 'array', items: { type: 'integer', minimum: 1, maximum: 60 }, minItems: 2, maxItems: 2 },
  check: (v) => (v[0] < v[1] ? null : '提醒日须早于期限日 / the reminder comes before the due day'),
  title: { zh: `${what.zh}：提醒与答复期限（第几个工作日）`, en: `${what.en}: reminder and answer, in working days` },
});

/**
 * Nominating: the process's own nominate events (each with its guard), removing a nominee, submitting
 * to the leadership, withdrawing (to the final state 'cancelled'). The machine declares 'nominate',
 * 'appointing' and the guards 'canRemove', 'canSubmit'.
 */
export const nominationState = <const T extends Record<string, string>>(nominate: T) => ({
  on: {
    ...(Object.fromEntries(Object.entries(nominate).map(([type, guard]) => [type, { guard, actions: 'nominate' as const }])) as { [K in keyof T]: { guard: T[K]; actions: 'nominate' } }),
    REMOVE_NOMINEE: { guard: 'canRemove' as const, actions: 'appointing' as const },
    SUBMIT: { guard: 'canSubmit' as const, target: 'review' as const, actions: ['appointing' as const, notify('task_assigned', 'own', ['approver'])] },
    WITHDRAW: { target: 'cancelled' as const, actions: 'appointing' as const },
  },
});

/** Approved: HR appoints on a start date (guard 'canAppoint', actions 'appointing' and 'register'; `told`: the mail it sends), or withdraws. */
export const approvedState = (told: ReturnType<typeof notify>) => ({
  on: {
    APPOINT: { guard: 'canAppoint' as const, target: 'appointed' as const, actions: ['appointing' as const, 'register' as const, told] },
    WITHDRAW: { target: 'cancelled' as const, actions: 'appointing' as const },
  },
});

/** What a nominate → review → appoint case keeps beside its own keys. */
export type Appointing<N, T> = {
  title: string;
  terms: T;
  startedBy: By;
  nominees: N[];
  /** The last nominee key handed out (n1, n2 …): keys are never reused after a removal. */
  seq: number;
  rounds: Round[];
  decision?: Decision;
  appointed?: { at: string; by: By; startDate: string };
  cancelled?: { at: string; by: By; reason?: string };
};
type E<T extends string, P = {}> = { type: T } & P & Envelope;
/** Its events beside the process's own nominate events. */
export type AppointingEvent =
  | E<'REMOVE_NOMINEE', { nominee: string }>
  | E<'SUBMIT', { note?: string }> | E<'APPROVE', { comment?: string }> | E<'RETURN', { comment: string }> | E<'REJECT', { reason: string }>
  | E<'APPOINT', { startDate: string }> | E<'WITHDRAW', { reason?: string }>
  | E<'REVIEW_REMIND'> | E<'REVIEW_OVERDUE'>;
/** What a case of the shared shape keeps that the shared events change (a contract case has no nominees). */
type Shared = { rounds: Round[]; decision?: Decision; cancelled?: Appointing<unknown, unknown>['cancelled']; appointed?: Appointing<unknown, unknown>['appointed']; nominees?: { key: string }[] };
/** The shared events' changes to the context: the machines' one action 'appointing'. */
export function appointingUpdate(c: Shared, e: AppointingEvent): Partial<Shared> {
  const last = (patch: Partial<Round>) => c.rounds.map((r, i) => (i === c.rounds.length - 1 ? { ...r, ...patch } : r));
  switch (e.type) {
    case 'REMOVE_NOMINEE': return { nominees: c.nominees?.filter((n) => n.key !== e.nominee) };
    case 'SUBMIT': return { rounds: addRound(c.rounds, e) };
    case 'APPROVE': return { decision: { kind: 'approved', by: by(e), at: e.at, comment: e.comment } };
    case 'REJECT': return { decision: { kind: 'rejected', by: by(e), at: e.at, reason: e.reason } };
    case 'RETURN': return { rounds: last({ returnedAt: e.at, comment: e.comment }) };
    case 'APPOINT': return { appointed: { at: e.at, by: by(e), startDate: e.startDate } };
    case 'WITHDRAW': return { cancelled: { at: e.at, by: by(e), reason: e.reason } };
    default: return {};
  }
}
export const appointingContext = <T>(input: Envelope & { title: string; terms: T }) =>
  ({ title: input.title, terms: input.terms, startedBy: by(input), nominees: [], seq: 0, rounds: [] });

/** The checks of the shared events: a nominee to remove, someone to submit, a start date on or after the approval. */
export const appointingChecks = (rule: RuleRef) => ({
  REMOVE_NOMINEE: (c: Appointing<{ key: string }, unknown>, e: { nominee: string }): Problem[] =>
    c.nominees.some((n) => n.key === e.nominee) ? [] : [{ pointer: '/nominee', message: `没有被提名人 ${e.nominee} / no nominee ${e.nominee}` }],
  SUBMIT: (c: Appointing<unknown, unknown>): Problem[] => (c.nominees.length ? [] : [{ pointer: '/type', message: '尚未提名任何人 / nobody is nominated yet' }]),
  APPOINT: (c: Appointing<unknown, unknown>, e: { startDate: string }) => startDateProblems(c.decision?.at, e.startDate, rule),
});

export const appointingSchemas = {
  REMOVE_NOMINEE: event('REMOVE_NOMINEE', { nominee: titled({ type: 'string', pattern: '^n[0-9]+$' }, '被提名人编号，如 n1', 'the nominee, e.g. n1') }, ['nominee']),
  SUBMIT: event('SUBMIT', { note: text(2000, '说明', 'note') }),
  APPROVE: event('APPROVE', { comment: text(2000, '审批意见', 'comment') }),
  RETURN: event('RETURN', { comment: text(2000, '退回修改意见', 'what to revise') }, ['comment']),
  REJECT: event('REJECT', { reason: text(2000, '不同意的理由', 'reason') }, ['reason']),
  APPOINT: event('APPOINT', { startDate: date('任职日期', 'start date') }, ['startDate']),
  WITHDRAW: event('WITHDRAW', { reason: text(2000, '撤销理由', 'reason') }),
  REVIEW_REMIND: event('REVIEW_REMIND'),
  REVIEW_OVERDUE: event('REVIEW_OVERDUE'),
};

const t = (zh: string, en: string) => ({ zh, en });
type By_ = { roles: Role[]; relation: 'own' };
/**
 * The shared events' metadata: the manager nominates, submits and appoints; the union's own
 * approvers decide (the plan asks no approval above, §4.2); `rule` is the process's own, `review`
 * its deadlines'. `check` gives the event's 422 check from the machine's.
 */
export function appointingEvents(o: { manager: By_; rule: RuleRef; review: RuleRef; check: (type: 'REMOVE_NOMINEE' | 'SUBMIT' | 'APPOINT') => EventMeta['check'] }): Record<AppointingEvent['type'], EventMeta> {
  const approver = { roles: ['approver' as const], relation: 'own' as const };
  const register = [{ rule: 'R-realname', clause: '§3.4' }, { rule: 'R-prejob', clause: '§3.2.3' }];
  const x = appointingSchemas;
  return {
    REMOVE_NOMINEE: { title: t('撤回一名提名', 'Remove a nominee'), by: o.manager, schema: x.REMOVE_NOMINEE, check: o.check('REMOVE_NOMINEE') },
    SUBMIT: { title: t('报本级工会审批', 'Submit for approval'), by: o.manager, schema: x.SUBMIT, rules: [o.rule], check: o.check('SUBMIT') },
    APPROVE: { title: t('同意选聘', 'Approve'), by: approver, notBySubmitter: true, schema: x.APPROVE, rules: [o.rule] },
    RETURN: { title: t('退回修改', 'Return for revision'), by: approver, notBySubmitter: true, schema: x.RETURN },
    REJECT: { title: t('不同意', 'Reject'), by: approver, notBySubmitter: true, schema: x.REJECT },
    APPOINT: { title: t('任命并录入实名制名册', 'Appoint and enter in the register'), by: o.manager, schema: x.APPOINT, rules: register, check: o.check('APPOINT') },
    WITHDRAW: { title: t('撤销选聘', 'Withdraw'), by: o.manager, schema: x.WITHDRAW },
    REVIEW_REMIND: { title: t('审批提醒', 'Reminder to decide'), by: 'system', schema: x.REVIEW_REMIND, rules: [o.review] },
    REVIEW_OVERDUE: { title: t('审批逾期，报上一级工会督办', 'Decision overdue; the union above is told'), by: 'system', schema: x.REVIEW_OVERDUE, rules: [o.review] },
  };
}

export const appointingStates = (manager: Role[]): Record<'nomination' | 'review' | 'approved' | 'appointed' | 'rejected' | 'cancelled', StateMeta> => ({
  nomination: { title: t('提名', 'Nominating'), waitingOn: { relation: 'own', roles: manager } },
  review: { title: t('待本级工会审批', 'Awaiting the leadership\'s approval'), waitingOn: { relation: 'own', roles: ['approver'] } },
  approved: { title: t('已批准，待任命', 'Approved; to be appointed'), waitingOn: { relation: 'own', roles: manager } },
  appointed: { title: t('已任命（岗前培训中）', 'Appointed (onboarding)') },
  rejected: { title: t('未获批准', 'Rejected') },
  cancelled: { title: t('已撤销', 'Withdrawn') },
});
