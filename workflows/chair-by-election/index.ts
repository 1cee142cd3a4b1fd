// P4's definition: the machine plus what the engine, API and UI need to know about it.
import { allKeys, type DeadlineDecl, type DueInput, type Envelope, type EventBodyOf, type WorkflowDefinition } from '../types.ts';
import { atShanghaiTime, endOfShanghaiDay, shanghaiDate } from '../rules/calendar.ts';
import type { Settings } from '../settings.ts';
import { MAX_REMINDER_RUNGS } from './chair-by-election.settings.ts';
import { checks, HARD_DEADLINE_ID, machine, REPORT_DEADLINE_ID, REVIEW_DEADLINE_ID, caseTerms, type Context, type Event } from './chair-by-election.machine.ts';
import { eventSchemas, startSchema } from './chair-by-election.schemas.ts';
import { mail } from './chair-by-election.mail.ts';
import { hardDeadlineAt, publicityEndsAt, REASON_ZH, reminderDate, vacancyProblems, type Terms, type Vacancy } from './chair-by-election.rules.ts';

const VACANCY = { rule: 'R-chair-vacancy', clause: '§3.1.1' };
// Clauses stay under 80 characters: deadlines.clause is varchar(80).
const CANDIDATES = { rule: 'R-chair-vacancy', clause: '§3.1.1 [default: 《企业工会主席产生办法（试行）》 Art. 9–11, 18]' };
const PUBLICITY = { rule: 'R-chair-vacancy', clause: '§3.1.1 [default: candidatePublicityDays, 7 calendar days]' };
const REALNAME = { rule: 'R-realname', clause: '§3.4' };
const RESULT = { rule: 'R-chair-vacancy', clause: '§3.1.1 [default: resultReport/ReviewWorkingDays, 10 working days]' };

const requester = { roles: ['requester' as const], relation: 'own' as const };
const approver = { roles: ['approver' as const], relation: 'parent' as const };
/** R-chair-vacancy §3.1.1: the parent union sees the by-election through to the recorded chair. */
const supervisor = approver;

/**
 * The states before a valid vote: the hard deadline and its reminders span them all (a failed vote
 * returns to nomination inside the set, so they are created once and never move). A valid vote
 * meets the three months (三个月内进行补选): entering `elected` closes them.
 */
const BEFORE_THE_VOTE = ['nomination' as const, 'candidateReview' as const, 'publicity' as const, 'election' as const];

/** The [default]s a new case keeps (settings.ts). */
export const termsOf = (s: Settings): Terms => ({
  quorum: s.byElectionQuorum, majority: s.byElectionMajority, contestedSlate: s.byElectionContestedSlate,
  publicityDays: s.candidatePublicityDays, reminderDaysBefore: s.byElectionReminderDaysBefore, overdueRepeatDays: s.byElectionOverdueRepeatDays,
  reportWorkingDays: s.resultReportWorkingDays, reviewWorkingDays: s.resultReviewWorkingDays, reviewReminderWorkingDays: s.resultReviewReminderWorkingDays,
});
const terms = (i: { context: unknown }) => caseTerms(i.context as Context);

/** Rung i of the case's reminder ladder (declarations are static; a case with fewer rungs has none for i). */
const reminder = <S extends string>(i: number, states: S[]): Decl<S> => ({
  id: `reminder-rung-${i + 1}`,
  kind: 'reminder' as const,
  title: { zh: `补选期限提醒（第 ${i + 1} 次）`, en: `By-election deadline reminder ${i + 1}` },
  states,
  due: ({ context, settings }: DueInput) => {
    const days = terms({ context }).reminderDaysBefore[i];
    return days === undefined ? null : atShanghaiTime(reminderDate((context as Context).vacancy.vacancyDate, days), settings.reminderHour);
  },
  event: 'REMIND',
  rule: VACANCY,
});

/** N working days after entering the state: at the reminder hour, or at the end of the day. */
const workingDay = (n: (t: Terms) => number, endOfDay: boolean) => ({ context, enteredAt, calendar, settings }: DueInput) => {
  const day = calendar.addWorkingDays(shanghaiDate(enteredAt), n(terms({ context })));
  return endOfDay ? endOfShanghaiDay(day) : atShanghaiTime(day, settings.reminderHour);
};

/** The event as the machine's guard sees it, for the check it shares with the guard (the engine always passes the envelope). */
const whole = <T extends Event['type']>(type: T, e: EventBodyOf<Extract<Event, { type: T }>>, env?: Envelope) => ({ ...e, type, ...env! }) as Extract<Event, { type: T }>;

type Decl<S extends string> = DeadlineDecl<Context, S, Event['type']>;
/** Where each deadline lives: the states before a valid vote, the publicity, the report, the parent union's answer. */
export type DeadlineStates<S extends string> = { beforeTheVote: S[]; publicity: S[]; elected: S[]; resultReview: S[] };

/** The deadlines of a by-election, declared over the states each lives in (the versions nest them differently). */
export const deadlinesOver = <S extends string>(at: DeadlineStates<S>): Decl<S>[] => [
  // Computed from the vacancy date, not from when a state was entered, and declared over every
  // state before the vote: created once at the start, never re-created or moved by a return to nomination.
  {
    id: HARD_DEADLINE_ID, kind: 'due', title: { zh: '主席补选期限（空缺之日起三个月）', en: 'By-election deadline (three months from the vacancy)' },
    states: at.beforeTheVote, due: ({ context }) => hardDeadlineAt(context.vacancy.vacancyDate), event: 'OVERDUE',
    repeatEveryDays: (context) => terms({ context }).overdueRepeatDays, rule: VACANCY,
  },
  ...Array.from({ length: MAX_REMINDER_RUNGS }, (_, i) => reminder(i, at.beforeTheVote)),
  {
    id: 'publicity-ends', kind: 'due', title: { zh: '候选人公示期满', en: 'Candidate publicity ends' },
    states: at.publicity, due: ({ context, enteredAt }) => publicityEndsAt(enteredAt, terms({ context }).publicityDays), event: 'PUBLICITY_ENDS', rule: PUBLICITY,
  },
  // After the vote: the union reports the result (again, after a return), then the parent union answers.
  {
    id: REPORT_DEADLINE_ID, kind: 'due', title: { zh: '选举结果报送期限', en: 'Report the result by' },
    states: at.elected, due: workingDay((t) => t.reportWorkingDays, true), event: 'REPORT_OVERDUE', rule: RESULT,
  },
  ...[0, 1].map((i): Decl<S> => ({
    id: `result-review-reminder-${i + 1}`, kind: 'reminder', title: { zh: `选举结果审批提醒（第 ${i + 1} 次）`, en: `Reminder ${i + 1} to answer the result` },
    states: at.resultReview, due: workingDay((t) => t.reviewReminderWorkingDays[i], false), event: 'REVIEW_REMIND', rule: RESULT,
  })),
  {
    id: REVIEW_DEADLINE_ID, kind: 'escalation', title: { zh: '上一级工会审批选举结果期限（逾期报再上一级督办）', en: 'Parent union answers the result by; escalated when missed' },
    states: at.resultReview, due: workingDay((t) => t.reviewWorkingDays, true), event: 'REVIEW_OVERDUE', rule: RESULT,
  },
];

export const chairByElection: WorkflowDefinition<typeof machine> = {
  type: 'chair-by-election',
  version: 1,
  title: { zh: '工会主席补选', en: 'Union chair by-election' },
  description: {
    zh: '工会主席职位因故空缺的，应在三个月内进行补选：提名候选人，经上一级工会和同级党组织审查同意，公示 7 天，召开会员（代表）大会或委员会选举，结果报上一级工会批准后登记。',
    en: 'When a union chair\'s post falls vacant, a by-election is held within three calendar months: candidates are nominated, agreed by the parent union and the party organisation, publicised for 7 days, elected, and the result is approved by the parent union and recorded.',
  },
  rules: [VACANCY, CANDIDATES, PUBLICITY],
  machine,
  mail,
  documents: {},
  personKinds: {},
  contextKeys: allKeys<Context>()([
    'vacancy', 'terms', 'grassroots', 'deadline', 'reportedAt', 'reportedBy', 'nominations', 'attempts', 'reports',
    'submittedBy', 'overdue', 'overdueSince', 'overdueNotices', 'reminders', 'chair', 'cancelled',
  ]),
  // The union itself reports its vacancy, or its parent union does (PROCESSES.md P4).
  start: {
    by: [requester, approver], schema: startSchema, title: { zh: '报告主席职位空缺', en: 'Report a chair vacancy' }, requiresParent: true,
    // One by-election at a time per union: a second report of its vacancy is refused, naming the open case.
    onePerOrg: true,
    check: (body: Vacancy, env) => vacancyProblems(body, new Date(env.at)),
  },
  input: (body: Vacancy, env) => ({
    vacancy: body, actor: env.actor, at: env.at, terms: termsOf(env.settings),
    grassroots: env.settings.grassrootsOrgKinds.includes(env.org.kind),
  }),
  submitter: (c: Context) => c.submittedBy?.id,
  subject: (c: Context) =>
    `${c.overdue ? '【已逾期 / overdue】' : ''}主席补选：原主席 ${c.vacancy.previousChair}（${REASON_ZH[c.vacancy.reason]}，${c.vacancy.vacancyDate} 空缺），须于 ${c.deadline} 前完成`
    + (c.chair ? `；新任主席 ${c.chair.name}` : ''),
  events: {
    NOMINATE: {
      title: { zh: '提名候选人并报上一级工会审查', en: 'Nominate candidates for review' }, by: requester, schema: eventSchemas.NOMINATE, rules: [VACANCY, CANDIDATES],
      check: (c, e, env) => checks.NOMINATE(c, whole('NOMINATE', e, env)),
    },
    APPROVE_CANDIDATE: {
      title: { zh: '同意候选人（已征得同级党组织同意）', en: 'Agree to the candidates (party organisation agreed)' },
      by: approver, notBySubmitter: true, schema: eventSchemas.APPROVE_CANDIDATE, rules: [CANDIDATES],
      check: (c, e, env) => checks.APPROVE_CANDIDATE(c, whole('APPROVE_CANDIDATE', e, env)),
    },
    REJECT_CANDIDATE: { title: { zh: '不同意候选人，重新提名', en: 'Reject the candidates; nominate again' }, by: approver, notBySubmitter: true, schema: eventSchemas.REJECT_CANDIDATE, rules: [CANDIDATES] },
    OBJECTION_UPHELD: { title: { zh: '公示异议成立，重新提名', en: 'Objection upheld; nominate again' }, by: approver, schema: eventSchemas.OBJECTION_UPHELD, rules: [PUBLICITY] },
    ELECTION_HELD: {
      title: { zh: '登记选举结果', en: 'Record the vote' }, by: requester, schema: eventSchemas.ELECTION_HELD, rules: [VACANCY, CANDIDATES],
      check: (c, e, env) => checks.ELECTION_HELD(c, whole('ELECTION_HELD', e, env)),
    },
    REPORT_RESULT: {
      title: { zh: '将选举结果报上一级工会', en: 'Report the result to the parent union' }, by: requester, schema: eventSchemas.REPORT_RESULT, rules: [CANDIDATES],
      check: (c, e, env) => checks.REPORT_RESULT(c, whole('REPORT_RESULT', e, env)),
    },
    APPROVE_RESULT: { title: { zh: '批准选举结果', en: 'Approve the result' }, by: approver, notBySubmitter: true, schema: eventSchemas.APPROVE_RESULT, rules: [CANDIDATES, REALNAME] },
    RETURN_RESULT: { title: { zh: '退回选举结果报告', en: 'Return the report' }, by: approver, notBySubmitter: true, schema: eventSchemas.RETURN_RESULT, rules: [CANDIDATES] },
    CANCEL: { title: { zh: '撤销补选', en: 'Cancel the by-election' }, by: approver, schema: eventSchemas.CANCEL, rules: [VACANCY] },
    PUBLICITY_ENDS: { title: { zh: '公示期满', en: 'Publicity ends' }, by: 'system', schema: eventSchemas.PUBLICITY_ENDS, rules: [PUBLICITY] },
    REMIND: { title: { zh: '补选期限提醒', en: 'By-election deadline reminder' }, by: 'system', schema: eventSchemas.REMIND, rules: [VACANCY] },
    OVERDUE: { title: { zh: '补选逾期（每周通报上一级工会）', en: 'By-election overdue (weekly notice to the parent union)' }, by: 'system', schema: eventSchemas.OVERDUE, rules: [VACANCY] },
    REPORT_OVERDUE: { title: { zh: '选举结果逾期未报', en: 'Result not reported in time' }, by: 'system', schema: eventSchemas.REPORT_OVERDUE, rules: [RESULT] },
    REVIEW_REMIND: { title: { zh: '选举结果审批提醒', en: 'Reminder to answer the reported result' }, by: 'system', schema: eventSchemas.REVIEW_REMIND, rules: [RESULT] },
    REVIEW_OVERDUE: { title: { zh: '选举结果逾期未批，报再上一级工会督办', en: 'Result review overdue; escalated to the grandparent union' }, by: 'system', schema: eventSchemas.REVIEW_OVERDUE, rules: [RESULT] },
  },
  // Until the chair is recorded the parent union supervises the three months (PROCESSES.md P4):
  // the case is in its inbox, marked as supervised where it is not the parent union's move.
  states: {
    nomination: { title: { zh: '提名候选人', en: 'Nominating candidates' }, waitingOn: { relation: 'own', roles: ['requester'] }, watchedBy: supervisor },
    candidateReview: { title: { zh: '上一级工会审查候选人', en: 'Candidate review by the parent union' }, waitingOn: { relation: 'parent', roles: ['approver'] }, watchedBy: supervisor },
    // Nobody has to act: the publicity ends by itself; the parent union may uphold an objection.
    publicity: { title: { zh: '候选人公示', en: 'Candidate publicity' }, watchedBy: supervisor },
    election: { title: { zh: '待召开选举', en: 'Election to be held' }, waitingOn: { relation: 'own', roles: ['requester'] }, watchedBy: supervisor },
    elected: { title: { zh: '已当选，待报上一级工会', en: 'Elected; result to be reported' }, waitingOn: { relation: 'own', roles: ['requester'] }, watchedBy: supervisor },
    resultReview: { title: { zh: '上一级工会审批选举结果', en: 'Result review by the parent union' }, waitingOn: { relation: 'parent', roles: ['approver'] }, watchedBy: supervisor },
    chairRecorded: { title: { zh: '新任主席已登记', en: 'New chair recorded' } },
    cancelled: { title: { zh: '补选已撤销', en: 'By-election cancelled' } },
  },
  finalStatus: { chairRecorded: 'done', cancelled: 'cancelled' },
  deadlines: deadlinesOver({ beforeTheVote: BEFORE_THE_VOTE, publicity: ['publicity'], elected: ['elected'], resultReview: ['resultReview'] }),
};
