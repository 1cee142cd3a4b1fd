// P4 主席补选 — a union whose chair's post fell vacant holds a by-election within three calendar
// months (§3.1.1, R-chair-vacancy). Pure: the engine supplies actor and time in each event; the
// hard deadline is computed from the vacancy date and never moves, whatever round the case is in.
import { assign, setup } from 'xstate';
import type { Envelope, LeaveRegisterParams, NotifyParams, Relation } from '../types.ts';
import {
  electionProblems, hardDeadlineAt, hardDeadlineDate, hasMajority, hasQuorum, heldInTime, nominationProblems, partyAgreementProblems,
  EARLIER_TERMS, publicityLastDay, reminderIsCurrent, reportProblems, REASON_ZH,
  type Candidate, type ElectingBody, type Tally, type Terms, type Vacancy,
} from './chair-by-election.rules.ts';
import { shanghaiDate, type IsoDate } from '../rules/calendar.ts';

/** The declared deadlines the mail names (index.ts declares them under these ids). */
export const HARD_DEADLINE_ID = 'by-election-due';
export const REPORT_DEADLINE_ID = 'result-report-due';
export const REVIEW_DEADLINE_ID = 'result-review-due';

type By = { id: string; name: string };
export type Review = { decision: 'approved' | 'rejected'; at: string; by: By; partyOrganisation?: string; partyAgreedOn?: IsoDate; comment?: string; reason?: string };
export type Publicity = { startedAt: string; lastDay: IsoDate; endedAt?: string; objection?: { objection: string; reason: string; at: string; by: By } };
export type Nomination = {
  no: number;
  candidates: Candidate[];
  note?: string;
  nominatedAt: string;
  nominatedBy: By;
  review?: Review;
  publicity?: Publicity;
  outcome?: 'rejected' | 'objection_upheld' | 'not_elected' | 'elected';
};
export type Attempt = Tally & {
  no: number; nomination: number; candidate: string; candidateName: string; date: IsoDate; electingBody: ElectingBody;
  quorum: boolean; majority: boolean; elected: boolean;
  /** Held on or before the hard deadline's last day (三个月内). */
  inTime: boolean;
  note?: string; recordedAt: string; recordedBy: By;
};
export type ResultReport = { no: number; startDate: IsoDate; documentNo?: string; note?: string; reportedAt: string; reportedBy: By; returnedAt?: string; returnedBy?: By; comment?: string };
export type Context = {
  vacancy: Vacancy;
  /** The [default]s in force when the case started (settings.ts), kept for its whole life. */
  terms: Terms;
  /** The union is a grassroots union (settings.grassrootsOrgKinds): its new chair needs pre-job training (R-prejob §3.2.3). */
  grassroots: boolean;
  /** Last day of the by-election (R-chair-vacancy): vacancy date + 3 calendar months; due at the end of it. */
  deadline: IsoDate;
  reportedAt: string;
  reportedBy: By;
  nominations: Nomination[];
  /** Every vote held, failed ones included: a failed vote returns to nomination and is kept here. */
  attempts: Attempt[];
  reports: ResultReport[];
  /** Who handed the case to the parent union last (they may not decide on it). */
  submittedBy?: By;
  overdue: boolean;
  overdueSince?: string;
  overdueNotices: number;
  reminders: { at: string; dueAt: string }[];
  chair?: { candidate: string; name: string; startDate: IsoDate; approvedAt: string; approvedBy: By; comment?: string };
  cancelled?: { at: string; by: By; reason: string };
};

type E<T extends string, P = {}> = { type: T } & P & Envelope;
export type Event =
  | E<'NOMINATE', { candidates: Omit<Candidate, 'key'>[]; note?: string }>
  | E<'APPROVE_CANDIDATE', { partyAgreement: true; partyOrganisation: string; partyAgreedOn: IsoDate; comment?: string }>
  | E<'REJECT_CANDIDATE', { reason: string }>
  | E<'OBJECTION_UPHELD', { objection: string; reason: string }>
  | E<'ELECTION_HELD', Tally & { date: IsoDate; electingBody: ElectingBody; candidate?: string; note?: string }>
  | E<'REPORT_RESULT', { startDate: IsoDate; documentNo?: string; note?: string }>
  | E<'APPROVE_RESULT', { comment?: string }>
  | E<'RETURN_RESULT', { comment: string }>
  | E<'CANCEL', { reason: string }>
  | E<'PUBLICITY_ENDS'>
  | E<'REMIND'>
  | E<'OVERDUE'>
  | E<'REPORT_OVERDUE'>
  | E<'REVIEW_REMIND'>
  | E<'REVIEW_OVERDUE'>;
type Ev<T extends Event['type']> = Extract<Event, { type: T }>;

/** What the engine's enterRegister effect needs to put the new chair in the real-name register (R-realname §3.4). */
export type ChairRegisterParams = {
  personKind: 'cadre';
  role: 'chair';
  candidate: string;
  name: string;
  idNumber?: string;
  startDate: IsoDate;
  /** R-prejob §3.2.3: a grassroots union's new chair is `onboarding` until ≥ 16 class hours of pre-job training are recorded (P7); a federation's chair is `in_post`. */
  status: 'onboarding' | 'in_post';
  details: Record<string, unknown>;
};

/** Mail templates used (chair-by-election.mail.ts). */
export const MAIL = {
  toDecide: 'task_assigned',
  decided: 'decision',
  publicityEnded: 'publicity_ended',
  reminder: 'vacancy_reminder',
  reported: 'vacancy_reported',
  overdue: 'overdue',
  stillWaiting: 'reminder',
  escalated: 'escalation',
  reportOverdue: 'result_report_overdue',
  reviewOverdue: 'result_review_overdue',
} as const;

const by = (e: Envelope): By => ({ id: e.actor.id, name: e.actor.name });
export const notify = (template: string, relation: Relation, role: 'approver' | 'requester', deadlineId?: string) =>
  ({ type: 'notify', params: { template, to: { relation, roles: [role] }, ...(deadlineId ? { deadlineId } : {}) } satisfies NotifyParams }) as const;

export const current = (c: Context): Nomination | undefined => c.nominations.at(-1);
/** Candidates the parent union approved in the current round (empty until it has). */
export const approvedCandidates = (c: Context): Candidate[] => (current(c)?.review?.decision === 'approved' ? current(c)!.candidates : []);
const lastElected = (c: Context): Attempt | undefined => [...c.attempts].reverse().find((a) => a.elected);
/** The case's terms (cases from before they were frozen: the constants they ran with). */
export const caseTerms = (c: Context): Terms => c.terms ?? EARLIER_TERMS;
const today = (e: Envelope) => shanghaiDate(new Date(e.at));
/** The checks of each event, shared by the guards here and the 422 answers (index.ts). */
export const checks = {
  NOMINATE: (c: Context, e: Ev<'NOMINATE'>) => nominationProblems(caseTerms(c), e),
  APPROVE_CANDIDATE: (c: Context, e: Ev<'APPROVE_CANDIDATE'>) => partyAgreementProblems(c.vacancy.vacancyDate, today(e), e),
  ELECTION_HELD: (c: Context, e: Ev<'ELECTION_HELD'>) => electionProblems(approvedCandidates(c), current(c)?.publicity?.lastDay, today(e), e),
  REPORT_RESULT: (c: Context, e: Ev<'REPORT_RESULT'>) => reportProblems(lastElected(c)?.date, e),
};
const wins = (c: Context, t: Tally) => hasQuorum(t, caseTerms(c).quorum) && hasMajority(t, caseTerms(c).majority);
const withCurrent = (c: Context, patch: (n: Nomination) => Nomination) => c.nominations.map((n, i) => (i === c.nominations.length - 1 ? patch(n) : n));

/** The by-election's actions and guards, shared by every version of its machine. */
export const byElection = setup({
  types: {} as { context: Context; events: Event; input: { vacancy: Vacancy; terms: Terms; grassroots: boolean } & Envelope },
  actions: {
    notify: (_, _p: NotifyParams) => {},
    enterRegister: (_, _p: ChairRegisterParams) => {},
    leaveRegister: (_, _p: LeaveRegisterParams) => {},
    nominate: assign({
      nominations: ({ context, event }) => {
        const { candidates, note } = event as Ev<'NOMINATE'>;
        const before = context.nominations.reduce((n, x) => n + x.candidates.length, 0);
        const keyed = candidates.map((c, i) => ({ key: `c${before + i + 1}`, ...c }));
        return [...context.nominations, { no: context.nominations.length + 1, candidates: keyed, ...(note ? { note } : {}), nominatedAt: event.at, nominatedBy: by(event) }];
      },
      submittedBy: ({ event }) => by(event),
    }),
    approveCandidate: assign({
      nominations: ({ context, event }) => {
        const e = event as Ev<'APPROVE_CANDIDATE'>;
        return withCurrent(context, (n) => ({
          ...n,
          review: { decision: 'approved', at: e.at, by: by(e), partyOrganisation: e.partyOrganisation, partyAgreedOn: e.partyAgreedOn, ...(e.comment ? { comment: e.comment } : {}) },
          publicity: { startedAt: e.at, lastDay: publicityLastDay(new Date(e.at), caseTerms(context).publicityDays) },
        }));
      },
    }),
    rejectCandidate: assign({
      nominations: ({ context, event }) =>
        withCurrent(context, (n) => ({ ...n, review: { decision: 'rejected', at: event.at, by: by(event), reason: (event as Ev<'REJECT_CANDIDATE'>).reason }, outcome: 'rejected' })),
    }),
    upholdObjection: assign({
      nominations: ({ context, event }) => {
        const { objection, reason } = event as Ev<'OBJECTION_UPHELD'>;
        return withCurrent(context, (n) => ({ ...n, publicity: { ...n.publicity!, endedAt: event.at, objection: { objection, reason, at: event.at, by: by(event) } }, outcome: 'objection_upheld' }));
      },
    }),
    endPublicity: assign({ nominations: ({ context, event }) => withCurrent(context, (n) => ({ ...n, publicity: { ...n.publicity!, endedAt: event.at } })) }),
    recordAttempt: assign(({ context, event }) => {
      const e = event as Ev<'ELECTION_HELD'>;
      const nomination = current(context)!;
      const cand = approvedCandidates(context).find((c) => c.key === (e.candidate ?? approvedCandidates(context)[0]?.key))!;
      const quorum = hasQuorum(e, caseTerms(context).quorum);
      const majority = hasMajority(e, caseTerms(context).majority);
      const inTime = heldInTime(context.vacancy.vacancyDate, e.date);
      const attempt: Attempt = {
        no: context.attempts.length + 1, nomination: nomination.no, candidate: cand.key, candidateName: cand.name,
        date: e.date, electingBody: e.electingBody, entitled: e.entitled, present: e.present, votes: e.votes,
        quorum, majority, elected: quorum && majority, inTime, ...(e.note ? { note: e.note } : {}), recordedAt: e.at, recordedBy: by(e),
      };
      // A valid vote in time meets the three months, even if recorded after the deadline fired; one
      // held late leaves the case overdue for good (the attempt and the history say why).
      const overdue = attempt.elected ? !inTime : context.overdue;
      return {
        attempts: [...context.attempts, attempt],
        nominations: withCurrent(context, (n) => ({ ...n, outcome: attempt.elected ? 'elected' : 'not_elected' })),
        overdue,
        ...(overdue && !context.overdueSince ? { overdueSince: hardDeadlineAt(context.vacancy.vacancyDate).toISOString() } : {}),
      };
    }),
    reportResult: assign({
      reports: ({ context, event }) => {
        const { startDate, documentNo, note } = event as Ev<'REPORT_RESULT'>;
        return [...context.reports, { no: context.reports.length + 1, startDate, ...(documentNo ? { documentNo } : {}), ...(note ? { note } : {}), reportedAt: event.at, reportedBy: by(event) }];
      },
      submittedBy: ({ event }) => by(event),
    }),
    returnResult: assign({
      reports: ({ context, event }) =>
        context.reports.map((r, i) => (i === context.reports.length - 1 ? { ...r, returnedAt: event.at, returnedBy: by(event), comment: (event as Ev<'RETURN_RESULT'>).comment } : r)),
    }),
    recordChair: assign({
      chair: ({ context, event }) => {
        const won = lastElected(context)!;
        const comment = (event as Ev<'APPROVE_RESULT'>).comment;
        return { candidate: won.candidate, name: won.candidateName, startDate: context.reports.at(-1)!.startDate, approvedAt: event.at, approvedBy: by(event), ...(comment ? { comment } : {}) };
      },
    }),
    cancel: assign({ cancelled: ({ event }) => ({ at: event.at, by: by(event), reason: (event as Ev<'CANCEL'>).reason }) }),
    recordReminder: assign({ reminders: ({ context, event }) => [...context.reminders, { at: event.at, dueAt: (event as Ev<'REMIND'>).deadline?.dueAt ?? event.at }] }),
    markOverdue: assign({
      overdue: () => true,
      overdueSince: ({ context, event }) => context.overdueSince ?? (event as Ev<'OVERDUE'>).deadline?.dueAt ?? event.at,
      overdueNotices: ({ context }) => context.overdueNotices + 1,
    }),
  },
  guards: {
    canNominate: ({ context, event }) => event.type === 'NOMINATE' && checks.NOMINATE(context, event).length === 0,
    canApproveCandidate: ({ context, event }) => event.type === 'APPROVE_CANDIDATE' && checks.APPROVE_CANDIDATE(context, event).length === 0,
    elected: ({ context, event }) => event.type === 'ELECTION_HELD' && checks.ELECTION_HELD(context, event).length === 0 && wins(context, event),
    notElected: ({ context, event }) => event.type === 'ELECTION_HELD' && checks.ELECTION_HELD(context, event).length === 0 && !wins(context, event),
    canReport: ({ context, event }) => event.type === 'REPORT_RESULT' && checks.REPORT_RESULT(context, event).length === 0,
    reminderIsCurrent: ({ context, event }) =>
      event.type === 'REMIND' &&
      reminderIsCurrent({
        vacancyDate: context.vacancy.vacancyDate, openedAt: new Date(context.reportedAt), dueAt: new Date(event.deadline?.dueAt ?? event.at), at: new Date(event.at),
        ladder: caseTerms(context).reminderDaysBefore,
      }),
  },
});

/** A new case: its vacancy, the terms in force, and the hard deadline computed from the vacancy date. */
export const initialContext = ({ input }: { input: { vacancy: Vacancy; terms: Terms; grassroots: boolean } & Envelope }): Context => ({
    vacancy: input.vacancy,
    terms: input.terms,
    grassroots: input.grassroots,
    deadline: hardDeadlineDate(input.vacancy.vacancyDate),
    reportedAt: input.at,
    reportedBy: by(input),
    nominations: [],
    attempts: [],
    reports: [],
    overdue: false,
    overdueNotices: 0,
    reminders: [],
});

/** Approving the result: the new chair is recorded, the outgoing one leaves the register, the new one enters it. */
export const approveResult = [
  'recordChair' as const,
  // The chair being replaced leaves the register on the day the post fell vacant (R-lifecycle §3.4).
  {
    type: 'leaveRegister' as const,
    params: ({ context }: { context: Context }): LeaveRegisterParams => ({
      personKind: 'cadre', role: 'chair', endDate: context.vacancy.vacancyDate, status: 'exited',
      reason: `主席职位空缺（${REASON_ZH[context.vacancy.reason]}），已补选 / chair post vacant (${context.vacancy.reason}); by-election held`,
    }),
  },
  {
    type: 'enterRegister' as const,
    params: ({ context }: { context: Context }): ChairRegisterParams => {
      const won = lastElected(context)!;
      const cand = context.nominations.flatMap((n) => n.candidates).find((c) => c.key === won.candidate)!;
      return {
        personKind: 'cadre', role: 'chair', candidate: cand.key, name: cand.name, ...(cand.idNumber ? { idNumber: cand.idNumber } : {}),
        startDate: context.chair!.startDate, status: context.grassroots === false ? 'in_post' : 'onboarding', // earlier cases: as they were then
        details: {
          role: 'chair', currentPost: cand.currentPost, partyMember: cand.partyMember,
          election: { date: won.date, electingBody: won.electingBody, entitled: won.entitled, present: won.present, votes: won.votes },
          vacancy: context.vacancy, approvedBy: context.chair!.approvedBy, approvedAt: context.chair!.approvedAt,
        },
      };
    },
  },
  notify(MAIL.decided, 'own', 'requester'),
];

/** Version 1: the open states side by side, the events they share spread into each. */
export const machine = byElection.createMachine({
  id: 'chair-by-election',
  context: initialContext,
  // Root entry runs once, at the start: the parent union learns of the vacancy and its deadline.
  entry: notify(MAIL.reported, 'parent', 'approver', HARD_DEADLINE_ID),
  initial: 'nomination',
  states: {
    nomination: {
      on: {
        NOMINATE: { guard: 'canNominate', target: 'candidateReview', actions: ['nominate', notify(MAIL.toDecide, 'parent', 'approver', HARD_DEADLINE_ID)] },
        ...beforeTheVote(),
      },
    },
    candidateReview: {
      on: {
        APPROVE_CANDIDATE: { guard: 'canApproveCandidate', target: 'publicity', actions: ['approveCandidate', notify(MAIL.decided, 'own', 'requester')] },
        REJECT_CANDIDATE: { target: 'nomination', actions: ['rejectCandidate', notify(MAIL.decided, 'own', 'requester', HARD_DEADLINE_ID)] },
        ...beforeTheVote(),
      },
    },
    publicity: {
      on: {
        PUBLICITY_ENDS: { target: 'election', actions: ['endPublicity', notify(MAIL.publicityEnded, 'own', 'requester', HARD_DEADLINE_ID)] },
        OBJECTION_UPHELD: { target: 'nomination', actions: ['upholdObjection', notify(MAIL.decided, 'own', 'requester', HARD_DEADLINE_ID)] },
        ...beforeTheVote(),
      },
    },
    election: {
      on: {
        ELECTION_HELD: [
          { guard: 'elected', target: 'elected', actions: 'recordAttempt' },
          { guard: 'notElected', target: 'nomination', actions: 'recordAttempt' },
        ],
        ...beforeTheVote(),
      },
    },
    elected: {
      on: {
        REPORT_RESULT: { guard: 'canReport', target: 'resultReview', actions: ['reportResult', notify(MAIL.toDecide, 'parent', 'approver', REVIEW_DEADLINE_ID)] },
        // The union has not reported the result in time: it and its parent are told.
        REPORT_OVERDUE: { actions: [notify(MAIL.reportOverdue, 'own', 'requester', REPORT_DEADLINE_ID), notify(MAIL.reportOverdue, 'parent', 'approver', REPORT_DEADLINE_ID)] },
        ...cancellable(),
      },
    },
    resultReview: {
      on: {
        APPROVE_RESULT: { target: 'chairRecorded', actions: approveResult },
        RETURN_RESULT: { target: 'elected', actions: ['returnResult', notify(MAIL.decided, 'own', 'requester', REPORT_DEADLINE_ID)] },
        // The parent union's own answer deadline: reminders to its approvers, then escalation to the grandparent union.
        REVIEW_REMIND: { actions: notify(MAIL.stillWaiting, 'parent', 'approver', REVIEW_DEADLINE_ID) },
        REVIEW_OVERDUE: { actions: [notify(MAIL.escalated, 'grandparent', 'approver', REVIEW_DEADLINE_ID), notify(MAIL.reviewOverdue, 'parent', 'approver', REVIEW_DEADLINE_ID)] },
        ...cancellable(),
      },
    },
    chairRecorded: { type: 'final' },
    cancelled: { type: 'final' },
  },
});

/** Every open state: the parent union may call the by-election off (spread in, so final states accept nothing). */
export function cancellable() {
  return { CANCEL: { target: 'cancelled' as const, actions: ['cancel' as const, notify(MAIL.decided, 'own', 'requester')] } };
}

/**
 * Until a valid vote is held, whatever round the case is in: the hard deadline's reminders and
 * weekly overdue notices. A valid vote meets the three months; from then on the report and the
 * parent union's review have deadlines of their own.
 */
function beforeTheVote() {
  return { ...cancellable(), ...hardDeadlineEvents() };
}

/** The hard deadline's own events: its reminders and weekly overdue notices. */
export function hardDeadlineEvents() {
  return {
    REMIND: {
      guard: 'reminderIsCurrent' as const,
      actions: ['recordReminder' as const, notify(MAIL.reminder, 'own', 'requester', HARD_DEADLINE_ID), notify(MAIL.reminder, 'parent', 'approver', HARD_DEADLINE_ID)],
    },
    OVERDUE: { actions: ['markOverdue' as const, notify(MAIL.overdue, 'parent', 'approver', HARD_DEADLINE_ID)] },
  };
}
