// P5 考核对象 — one person's annual assessment, a child case of the campaign:
// 述职 → scores → proposed grade → the union's decision → 优秀 publicised → told, with a window to
// ask for review (复核) → confirmed. The grade is final only at `confirmed`, and its consequences
// are written there, in the confirming transaction, each linked to this case: the register entry,
// 优秀's commendation and eligibility (R-commend §3.3.2, R-priority §3.3.3), 基本称职 twice → not
// to be renewed, 不称职 → an exit case (P6). Pure: xstate and types only.
import { assign, enqueueActions, setup } from 'xstate';
import type { AddRegisterEntryParams, Envelope, NotifyParams, StartCaseParams, UpdateRegisterParams } from '../types.ts';
import { COMMEND, CONSEQUENCE, gradeTitle, notToRenew, PRIORITY, PRIORITY_KINDS, type Grade, type PreviousAssessment, type Scores, type Weights } from '../rules/assessment.ts';

export type Person = { personId: number; name: string; kind: string; orgId: number; orgName: string; startDate: string };
export type Context = {
  campaignKey: string;
  year: number;
  person: Person;
  previous: PreviousAssessment | null;
  /** In post under the year's minimum share: a written comment, no grade. */
  commentOnly: boolean;
  terms: { publicityWorkingDays: number; reviewDays: number };
  selfReport?: string;
  scores?: Scores & { weights: Weights; total: number };
  proposed?: Grade;
  grade?: Grade;
  decidedAt?: string;
  comment?: string;
  objection?: { reason: string; at: string; from: Grade };
  review?: { reason: string; requestedAt: string; decidedAt?: string; from?: Grade; outcome?: string };
  overdueAt?: string;
  confirmedAt?: string;
  /** What the confirmation caused, as written: for the case page and the audit trail. */
  consequences: string[];
};
type E<T extends string, P = {}> = { type: T } & P & Envelope;
/** What the confirming events read from the database (index.ts `gather`): an exit case already open for the person. */
export type Gathered = { openExit?: string | null };
export type Event =
  | E<'SELF_REPORT', { summary: string }>
  | E<'SCORE', Scores & { weights: Weights; total: number; proposed: Grade; selfReport?: string }>
  | E<'DECIDE', { grade: Grade; note?: string }>
  | E<'COMMENT', { comment: string }>
  | E<'END_PUBLICITY'> | E<'OBJECTION_UPHELD', { grade: Grade; reason: string }>
  | E<'REQUEST_REVIEW', { reason: string }> | E<'REVIEW_DECIDED', { grade: Grade; reason: string } & Gathered> | E<'REVIEW_LAPSED', Gathered>
  | E<'OVERDUE', { deadline: string }>;
type Of<T extends Event['type']> = Extract<Event, { type: T }>;

const day = (at: string) => at.slice(0, 10);
const toHr = (template: string, note?: string) => ({ type: 'notify' as const, params: { template, to: { relation: 'own' as const, roles: ['hr' as const] }, ...(note ? { note } : {}) } satisfies NotifyParams });

/** The confirmed grade's consequences, as effects of the confirming transition (see the file's head). */
const confirm: any = enqueueActions(({ context: c, event, enqueue }: { context: Context; event: Event; enqueue: any }) => {
  const grade = c.grade!;
  const onDate = day(event.at);
  const caseId = event.caseId ?? null;
  const personId = c.person.personId;
  const done: string[] = [];
  enqueue({ type: 'addRegisterEntry', params: {
    personId, kind: 'assessment', onDate,
    data: { year: c.year, grade, gradeTitle: gradeTitle(grade), scores: c.scores ?? null, campaign: c.campaignKey, caseId, ...(c.review ? { review: c.review } : {}) },
  } satisfies AddRegisterEntryParams });
  done.push(`年度考核登记 / assessment entered: ${gradeTitle(grade)}`);
  if (grade === 'excellent') {
    enqueue({ type: 'addRegisterEntry', params: { personId, kind: 'commendation', onDate, data: { title: `${c.year} 年度考核优秀 / ${c.year} assessment: excellent`, rule: COMMEND, assessmentCaseId: caseId } } satisfies AddRegisterEntryParams });
    const eligibility: Record<string, unknown> = { capitalLabourMedal: { year: c.year, assessmentCaseId: caseId, rule: COMMEND } };
    if (PRIORITY_KINDS.includes(c.person.kind)) eligibility.publicInstitutionPriority = { year: c.year, assessmentCaseId: caseId, rule: PRIORITY };
    enqueue({ type: 'updateRegister', params: { personId, onDate, details: { eligibility } } satisfies UpdateRegisterParams });
    done.push('表彰登记，可推荐参评首都劳动奖章 / commendation entered, eligible for the Capital Labour Medal');
    if (eligibility.publicInstitutionPriority) done.push('事业编制招聘同等条件下优先 / priority in public-institution recruitment');
  }
  if (notToRenew(grade, c.year, c.previous)) {
    const assessments = [{ year: c.previous!.year, caseId: c.previous!.caseId }, { year: c.year, caseId }];
    enqueue({ type: 'updateRegister', params: { personId, onDate, details: { notToRenew: { since: onDate, reason: '连续两年基本称职 / basically competent two years running', rule: CONSEQUENCE, assessments } } } satisfies UpdateRegisterParams });
    done.push('连续两年基本称职：合同期满不再续聘 / basically competent twice: not to be renewed');
  }
  const openExit = (event as Gathered).openExit;
  if (grade === 'incompetent' && openExit) done.push(`年度考核不称职：此人已有进行中的退出事项 ${openExit} / incompetent: an exit case is already open`);
  else if (grade === 'incompetent') {
    enqueue({ type: 'startCase', params: {
      type: 'exit', orgId: c.person.orgId, correlationKey: `exit:${personId}`,
      body: { personId, reason: 'unfit', note: `${c.year} 年度考核不称职 / graded incompetent in the ${c.year} assessment`, ...(caseId ? { sourceCaseId: caseId } : {}) },
    } satisfies StartCaseParams });
    done.push('年度考核不称职：已启动退出程序 / incompetent: the exit case is opened');
  }
  // Mail only where the grade changes more than the entry (a round of 10,000 does not mail 10,000 times).
  if (done.length > 1) enqueue(toHr('assessment_confirmed', done.join('；')));
  enqueue.assign({ confirmedAt: event.at, consequences: done });
});

const overdue = { OVERDUE: { actions: [assign({ overdueAt: ({ event }: { event: Of<'OVERDUE'> }) => event.at }), toHr('assessment_member_overdue')] } } as any;
const score = assign(({ context, event }: { context: Context; event: Of<'SCORE'> }) => ({
  scores: { political: event.political, performance: event.performance, attitude: event.attitude, weights: event.weights, total: event.total },
  proposed: event.proposed, selfReport: event.selfReport ?? context.selfReport,
})) as any;

export const machine = setup({
  types: {} as { context: Context; events: Event; input: Omit<Context, 'consequences'> },
  actions: {
    notify: (_, _p: NotifyParams) => {},
    addRegisterEntry: (_, _p: AddRegisterEntryParams) => {},
    updateRegister: (_, _p: UpdateRegisterParams) => {},
    startCase: (_, _p: StartCaseParams) => {},
  },
  guards: { excellent: ({ event }) => (event as Of<'DECIDE'>).grade === 'excellent' },
}).createMachine({
  id: 'assessment-member',
  context: ({ input }) => ({ ...input, consequences: [] }),
  initial: 'start',
  states: {
    start: { always: [{ guard: ({ context }) => context.commentOnly, target: 'commentOnly' }, { target: 'reporting' }] },
    reporting: { on: { ...overdue, SELF_REPORT: { target: 'scoring', actions: assign({ selfReport: ({ event }) => event.summary }) }, SCORE: { target: 'proposed', actions: score } } },
    scoring: { on: { ...overdue, SELF_REPORT: { actions: assign({ selfReport: ({ event }) => event.summary }) }, SCORE: { target: 'proposed', actions: score } } },
    proposed: {
      on: {
        ...overdue,
        SCORE: { actions: score },
        DECIDE: [
          { guard: 'excellent', target: 'publicity', actions: assign({ grade: ({ event }) => event.grade, decidedAt: ({ event }) => event.at }) },
          { target: 'reviewWindow', actions: assign({ grade: ({ event }) => event.grade, decidedAt: ({ event }) => event.at }) },
        ],
      },
    },
    publicity: {
      on: {
        END_PUBLICITY: 'reviewWindow',
        OBJECTION_UPHELD: { target: 'reviewWindow', actions: [assign({ objection: ({ context, event }) => ({ reason: event.reason, at: event.at, from: context.grade! }), grade: ({ event }) => event.grade }), toHr('assessment_result', '优秀公示异议成立，等次已改定 / a publicity objection was upheld: the grade is changed')] },
      },
    },
    reviewWindow: {
      on: {
        REQUEST_REVIEW: { target: 'review', actions: assign({ review: ({ event }) => ({ reason: event.reason, requestedAt: event.at }) }) },
        REVIEW_LAPSED: 'confirmed',
      },
    },
    review: {
      on: {
        REVIEW_DECIDED: {
          target: 'confirmed',
          actions: assign(({ context, event }) => ({ grade: event.grade, review: { ...context.review!, decidedAt: event.at, from: context.grade, outcome: event.reason } })),
        },
      },
    },
    confirmed: { type: 'final', entry: confirm },
    commentOnly: { on: { ...overdue, COMMENT: { target: 'commented', actions: assign({ comment: ({ event }) => event.comment, confirmedAt: ({ event }) => event.at }) } } },
    // No grade: the comment is what the register keeps for the year.
    commented: {
      type: 'final',
      entry: { type: 'addRegisterEntry', params: ({ context: c, event }: { context: Context; event: Event }) => ({
        personId: c.person.personId, kind: 'assessment' as const, onDate: day(event.at), data: { year: c.year, grade: null, comment: c.comment, campaign: c.campaignKey, caseId: event.caseId ?? null },
      }) },
    },
  },
});
