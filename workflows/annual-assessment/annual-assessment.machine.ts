// P5 年度考核 — one campaign per union and year over everyone in post in its subtree on the
// reference date (凡用必评, R-assess §3.4.2). Its `members` are its view of its member cases
// (member cases, one per person): every bulk step changes the view and sends
// each member it moves a system event in the same transaction. The 优秀 places are counted here,
// so a decision that would exceed them is refused in the deciding transaction (the case's version
// check makes two decisions at once take turns). Pure: xstate and types only.
import { assign, enqueueActions, setup } from 'xstate';
import type { Envelope, NotifyParams, SendToCaseParams, StartCaseParams } from '../types.ts';
import { indexOf, problemsOf } from './annual-assessment.checks.ts';
import { commentOnly, proposedGrade, totalScore, weightsFor, type Grade, type PreviousAssessment, type Scores, type Terms } from '../rules/assessment.ts';

export type Stage = 'reporting' | 'reported' | 'scored' | 'decided' | 'commentOnly' | 'commented';
export type Member = {
  personId: number; name: string; kind: string; orgId: number; orgName: string; startDate: string;
  stage: Stage; total?: number; proposed?: Grade; grade?: Grade;
};
/** A person in post on the reference date, as the database gave them at OPEN (index.ts `gather`). */
export type InPost = Omit<Member, 'stage'> & { previous: PreviousAssessment | null };
export type Context = {
  year: number;
  referenceDate: string;
  deadline: string;
  /** The campaign's correlation key, prefix of its members' keys. */
  key: string;
  terms: Terms;
  members: Member[];
  /** How many get a grade (not those in post under the year's minimum share): the base of the 优秀 cap. */
  graded: number;
  /** 优秀 places taken. */
  excellent: number;
  openedAt?: string;
  /** Not graded nor commented when the deadline passed: person ids. */
  overdue: number[];
  closedAt?: string;
};
type E<T extends string, P = {}> = { type: T } & P & Envelope;
type ScoreRow = Scores & { person: number; selfReport?: string };
export type Event =
  | E<'OPEN', { people: InPost[] }>
  | E<'SELF_REPORTS', { rows: { person: number; summary: string }[] }>
  | E<'RECORD_SCORES', { rows: ScoreRow[] }>
  | E<'DECIDE', { rows: { person: number; grade: Grade; note?: string }[] }>
  | E<'COMMENT', { rows: { person: number; comment: string }[] }>
  | E<'REQUEST_REVIEW', { person: number; reason: string }>
  | E<'DECIDE_REVIEW', { person: number; grade: Grade; reason: string }>
  | E<'UPHOLD_OBJECTION', { person: number; grade: Grade; reason: string }>
  | E<'REMIND'> | E<'DEADLINE_PASSED'> | E<'CLOSE'>;
type Of<T extends Event['type']> = Extract<Event, { type: T }>;
type Enqueue = (a: { type: string; params: unknown }) => void;

export const memberKey = (campaignKey: string, personId: number) => `${campaignKey}/${personId}`;
const send = (enqueue: Enqueue, c: Context, personId: number, event: Record<string, unknown> & { type: string }) =>
  enqueue({ type: 'sendToCase', params: { to: { correlationKey: memberKey(c.key, personId) }, event } satisfies SendToCaseParams });
const toHr = (template: string, note?: string) => ({ type: 'notify' as const, params: { template, to: { relation: 'own' as const, roles: ['hr' as const] }, ...(note ? { note } : {}) } satisfies NotifyParams });
/** The members with these changes (by person id); the others unchanged. */
const withChanges = (c: Context, changes: Map<number, Partial<Member>>) => c.members.map((m) => (changes.has(m.personId) ? { ...m, ...changes.get(m.personId) } : m));

/** A bulk step: compute the new context and what each member is sent, then assign it. */
const bulk = (f: (c: Context, e: any, enqueue: Enqueue) => Context): any =>
  enqueueActions(({ context, event, enqueue }: any) => {
    const next = f(context as Context, event, enqueue as Enqueue);
    enqueue.assign(() => next);
  });

const open = bulk((c, e: Of<'OPEN'>, enqueue) => {
  const members = e.people.map((p): Member => {
    const only = commentOnly(p.startDate, c.year, c.terms.minShareOfYear);
    const { previous, ...m } = p;
    enqueue({
      type: 'startCase', params: {
        type: 'member', orgId: p.orgId, correlationKey: memberKey(c.key, p.personId),
        body: { campaignKey: c.key, year: c.year, person: m, previous, commentOnly: only, terms: { publicityWorkingDays: c.terms.publicityWorkingDays, reviewDays: c.terms.reviewDays } },
      } satisfies StartCaseParams,
    });
    return { ...m, stage: only ? 'commentOnly' : 'reporting' };
  });
  return { ...c, members, graded: members.filter((m) => m.stage !== 'commentOnly').length, openedAt: e.at };
});

const running = {
  SELF_REPORTS: { guard: 'ok', actions: bulk((c, e: Of<'SELF_REPORTS'>, enqueue) => {
    e.rows.forEach((r) => send(enqueue, c, r.person, { type: 'SELF_REPORT', summary: r.summary }));
    return { ...c, members: withChanges(c, new Map(e.rows.map((r) => [r.person, { stage: 'reported' as const }]))) };
  }) },
  RECORD_SCORES: { guard: 'ok', actions: bulk((c, e: Of<'RECORD_SCORES'>, enqueue) => {
    const at = indexOf(c);
    const changes = new Map<number, Partial<Member>>();
    for (const r of e.rows) {
      const weights = weightsFor(c.terms, at.get(r.person)!.kind);
      const scores = { political: r.political, performance: r.performance, attitude: r.attitude };
      const total = totalScore(scores, weights);
      const proposed = proposedGrade(total, c.terms.lines);
      send(enqueue, c, r.person, { type: 'SCORE', ...scores, weights, total, proposed, ...(r.selfReport ? { selfReport: r.selfReport } : {}) });
      changes.set(r.person, { stage: 'scored', total, proposed });
    }
    return { ...c, members: withChanges(c, changes) };
  }) },
  DECIDE: { guard: 'ok', actions: bulk((c, e: Of<'DECIDE'>, enqueue) => {
    e.rows.forEach((r) => send(enqueue, c, r.person, { type: 'DECIDE', grade: r.grade, ...(r.note ? { note: r.note } : {}) }));
    const taken = e.rows.filter((r) => r.grade === 'excellent').length;
    return { ...c, excellent: c.excellent + taken, members: withChanges(c, new Map(e.rows.map((r) => [r.person, { stage: 'decided' as const, grade: r.grade }]))) };
  }) },
  COMMENT: { guard: 'ok', actions: bulk((c, e: Of<'COMMENT'>, enqueue) => {
    e.rows.forEach((r) => send(enqueue, c, r.person, { type: 'COMMENT', comment: r.comment }));
    return { ...c, members: withChanges(c, new Map(e.rows.map((r) => [r.person, { stage: 'commented' as const }]))) };
  }) },
  REQUEST_REVIEW: { guard: 'ok', actions: bulk((c, e: Of<'REQUEST_REVIEW'>, enqueue) => {
    send(enqueue, c, e.person, { type: 'REQUEST_REVIEW', reason: e.reason });
    return c;
  }) },
  DECIDE_REVIEW: { guard: 'ok', actions: bulk((c, e: Of<'DECIDE_REVIEW'>, enqueue) => {
    send(enqueue, c, e.person, { type: 'REVIEW_DECIDED', grade: e.grade, reason: e.reason });
    const was = indexOf(c).get(e.person)!.grade;
    return { ...c, excellent: c.excellent - (was === 'excellent' && e.grade !== 'excellent' ? 1 : 0), members: withChanges(c, new Map([[e.person, { grade: e.grade }]])) };
  }) },
  // An upheld objection during the 优秀 publicity: the grade the union sets instead; the place is freed.
  UPHOLD_OBJECTION: { guard: 'ok', actions: bulk((c, e: Of<'UPHOLD_OBJECTION'>, enqueue) => {
    send(enqueue, c, e.person, { type: 'OBJECTION_UPHELD', grade: e.grade, reason: e.reason });
    return { ...c, excellent: c.excellent - 1, members: withChanges(c, new Map([[e.person, { grade: e.grade }]])) };
  }) },
  REMIND: { actions: enqueueActions(({ context, enqueue }: { context: Context; enqueue: any }) => {
    const left = context.members.filter((m) => m.stage !== 'decided' && m.stage !== 'commented').length;
    if (left) enqueue(toHr('assessment_reminder', `尚有 ${left} 人未完成考核，截止日期 ${context.deadline} / ${left} people not assessed yet; deadline ${context.deadline}`));
  }) as any },
  // The deadline passed: who is not assessed is listed here, HR told, and each member's own union told through its case.
  DEADLINE_PASSED: { actions: bulk((c, _e, enqueue) => {
    const late = c.members.filter((m) => m.stage !== 'decided' && m.stage !== 'commented');
    late.forEach((m) => send(enqueue, c, m.personId, { type: 'OVERDUE', deadline: c.deadline }));
    if (late.length) enqueue(toHr('assessment_overdue', `截止日期 ${c.deadline} 已过，${late.length} 人未完成考核：${late.slice(0, 50).map((m) => `${m.name}（${m.orgName}）`).join('、')}${late.length > 50 ? ' …' : ''} / ${late.length} people not assessed by the deadline`));
    return { ...c, overdue: late.map((m) => m.personId) };
  }) },
} as const;

export const machine = setup({
  types: {} as { context: Context; events: Event; input: Pick<Context, 'year' | 'referenceDate' | 'deadline' | 'key' | 'terms'> },
  actions: {
    notify: (_, _p: NotifyParams) => {},
    startCase: (_, _p: StartCaseParams) => {},
    sendToCase: (_, _p: SendToCaseParams) => {},
  },
  guards: {
    // The same checks the definition answers 422 with (annual-assessment.checks.ts).
    ok: ({ context, event }) => problemsOf(context, event).length === 0,
  },
}).createMachine({
  id: 'annual-assessment',
  context: ({ input }) => ({ ...input, members: [], graded: 0, excellent: 0, overdue: [] }),
  initial: 'draft',
  states: {
    draft: { on: { OPEN: { target: 'open', actions: open } } },
    open: {
      on: {
        ...running,
        CLOSE: { guard: 'ok', target: 'closed', actions: assign({ closedAt: ({ event }) => event.at }) },
      },
    },
    closed: { type: 'final' },
  },
});
