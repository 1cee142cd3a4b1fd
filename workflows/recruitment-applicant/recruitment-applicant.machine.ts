// P2 报考人 — one applicant of a recruitment exam, a child case of its campaign. Every move but a
// withdrawal is the campaign's (system events sent by its bulk steps); a withdrawal tells the
// campaign, which may call up the next in rank (递补). Pure: xstate and types only.
import { assign, enqueueActions, setup } from 'xstate';
import type { EnterRegisterParams, Envelope, NotifyParams, SendToCaseParams } from '../types.ts';

export type Person = { name: string; idNumber: string; idNumberRef?: number; email?: string; phone?: string; certificates: string[] };
export type Context = {
  key: string;
  post: { id: string; title: string; unitId: number; unitName: string; kind?: 'social_worker' | 'community_officer' };
  person: Person;
  bonus: number;
  scores: { written?: number; writtenAdj?: number; interview?: number; total?: number; writtenRank?: number; rank?: number };
  /** Why the applicant stopped: disqualified, absent, check failed, objection, withdrawal, post or campaign cancelled. */
  outcome?: { at: string; reason: string };
  exam?: { time: string; place: string };
  interview?: { time: string; place: string };
  calledUp?: string;
  startDate?: string;
};
type E<T extends string, P = {}> = { type: T } & P & Envelope;
type Slot = { time: string; place: string };
export type Event =
  | E<'QUALIFY'> | E<'DISQUALIFY', { reason: string }> | E<'EXAM_NOTICE', Slot>
  | E<'WRITTEN_SCORE', { written: number; writtenAdj: number }> | E<'ABSENT', { reason: string }>
  | E<'INVITE', Slot & { writtenRank: number }> | E<'NOT_INVITE', { writtenRank?: number; reason: string }>
  | E<'INTERVIEW_SCORE', { interview: number; total: number }>
  | E<'SELECT', { rank: number }> | E<'RESERVE', { rank: number }> | E<'CALL_UP'>
  | E<'CHECK_PASS'> | E<'CHECK_FAIL', { reason: string }> | E<'PUBLICISE'> | E<'OBJECTION_UPHELD', { reason: string }>
  | E<'HIRE', { startDate: string }> | E<'POST_CANCELLED', { reason: string }> | E<'CAMPAIGN_CANCELLED', { reason: string }>
  | E<'WITHDRAW', { reason: string }> | E<'ROUND_CLOSED', { reason: string }>;

const field = <K extends string>(k: K) => ({ event }: { event: Event }) => (event as unknown as Record<K, any>)[k];
// Helpers built outside setup(): typed loosely, the machine's own types check their use.
const stop: any = assign({ outcome: ({ event }: { event: Event }) => ({ at: event.at, reason: field('reason')({ event }) as string }) });
/** Mail to the applicant's own address, when one was given (none is no error: many register by phone). */
const tell = (template: string, note?: (c: Context, e: Event) => string): any => enqueueActions(({ context, event, enqueue }: { context: Context; event: Event; enqueue: any }) => {
  if (context.person.email) enqueue({ type: 'notify', params: { template, to: { email: context.person.email, name: context.person.name }, ...(note ? { note: note(context, event) } : {}) } satisfies NotifyParams });
});
const slotNote = (label: string) => (_: Context, e: Event) => `${label}时间 / time：${(e as E<'INVITE', Slot>).time}；地点 / place：${(e as E<'INVITE', Slot>).place}`;
/** The scores and ranks known so far: what decided the result the mail tells. */
const scoresNote = (c: Context) => {
  const s = c.scores;
  return [
    s.written !== undefined && `笔试成绩 / written：${s.written}${s.writtenAdj !== s.written ? `（含持证加分 / with the bonus ${s.writtenAdj}）` : ''}`,
    s.writtenRank !== undefined && `笔试名次 / written rank：第 ${s.writtenRank} 名`,
    s.interview !== undefined && `面试成绩 / interview：${s.interview}`, s.total !== undefined && `总成绩 / total：${s.total}`,
    s.rank !== undefined && `总成绩名次 / rank by total：第 ${s.rank} 名`,
  ].filter(Boolean).join('；');
};
const both = (...notes: ((c: Context, e: Event) => string)[]) => (c: Context, e: Event) => notes.map((n) => n(c, e)).filter(Boolean).join('；');
const leave = (target: string, template: string): any => ({ target, actions: [stop, tell(template)] });
/** A hire enters the real-name register at the post's unit, onboarding until its pre-job training (R-realname §3.4, R-prejob). */
const hireParams = ({ context, event }: { context: Context; event: Event }): EnterRegisterParams => ({
  personKind: context.post.kind ?? 'social_worker', name: context.person.name, idNumber: context.person.idNumber, idNumberRef: context.person.idNumberRef,
  status: 'onboarding', startDate: field('startDate')({ event }), orgId: context.post.unitId, details: { post: context.post.title, unitName: context.post.unitName, applicant: context.key },
});
const withdraw: any = {
  WITHDRAW: {
    target: '#recruitment-applicant.withdrawn',
    actions: [stop, { type: 'sendToCase' as const, params: ({ context, event }: { context: Context; event: Event }) => ({ to: 'parent' as const, event: { type: 'APPLICANT_WITHDREW', applicant: context.key, reason: field('reason')({ event }) } }) }],
  },
  CAMPAIGN_CANCELLED: leave('#recruitment-applicant.cancelled', 'applicant_campaign_cancelled'),
};

export const machine = setup({
  types: {} as { context: Context; events: Event; input: Omit<Context, 'scores'> },
  actions: {
    notify: (_, _p: NotifyParams) => {}, sendToCase: (_, _p: SendToCaseParams) => {},
    enterRegister: (_, _p: EnterRegisterParams) => {},
  },
}).createMachine({
  id: 'recruitment-applicant',
  context: ({ input }) => ({ ...input, scores: {} }),
  initial: 'registered',
  states: {
    registered: {
      on: {
        ...withdraw,
        QUALIFY: { target: 'qualified', actions: tell('applicant_qualified') },
        DISQUALIFY: leave('disqualified', 'applicant_disqualified'),
      },
    },
    qualified: {
      on: {
        ...withdraw,
        EXAM_NOTICE: { actions: [assign({ exam: ({ event }) => ({ time: field('time')({ event }), place: field('place')({ event }) }) }), tell('applicant_exam_invitation', slotNote('笔试'))] },
        WRITTEN_SCORE: { target: 'writtenScored', actions: assign({ scores: ({ event }) => ({ written: field('written')({ event }), writtenAdj: field('writtenAdj')({ event }) }) }) },
        ABSENT: { target: 'absent', actions: [stop, tell('applicant_result')] },
        POST_CANCELLED: leave('postCancelled', 'applicant_post_cancelled'),
      },
    },
    writtenScored: {
      on: {
        ...withdraw,
        INVITE: {
          target: 'invited',
          actions: [assign({ interview: ({ event }) => ({ time: field('time')({ event }), place: field('place')({ event }) }), scores: ({ context, event }) => ({ ...context.scores, writtenRank: field('writtenRank')({ event }) }) }), tell('applicant_interview_invitation', both(slotNote('面试'), scoresNote))],
        },
        NOT_INVITE: { target: 'notInvited', actions: [stop, assign({ scores: ({ context, event }) => ({ ...context.scores, writtenRank: field('writtenRank')({ event }) }) }), tell('applicant_result', scoresNote)] },
      },
    },
    invited: {
      on: {
        ...withdraw,
        INTERVIEW_SCORE: { target: 'interviewed', actions: assign({ scores: ({ context, event }) => ({ ...context.scores, interview: field('interview')({ event }), total: field('total')({ event }) }) }) },
        ABSENT: { target: 'absent', actions: [stop, tell('applicant_result')] },
      },
    },
    interviewed: {
      on: {
        ...withdraw,
        SELECT: { target: 'checks', actions: [assign({ scores: ({ context, event }) => ({ ...context.scores, rank: field('rank')({ event }) }) }), tell('applicant_selected', scoresNote)] },
        RESERVE: { target: 'ranked', actions: [assign({ scores: ({ context, event }) => ({ ...context.scores, rank: field('rank')({ event }) }) }), tell('applicant_result', scoresNote)] },
      },
    },
    /** The reserve: ranked beyond the post's places, waiting for a call-up (递补). */
    ranked: {
      on: {
        ...withdraw,
        CALL_UP: { target: 'checks', actions: [assign({ calledUp: ({ event }) => event.at }), tell('applicant_called_up')] },
        ROUND_CLOSED: { target: 'notHired', actions: [stop, tell('applicant_result', scoresNote)] },
      },
    },
    checks: { on: { ...withdraw, CHECK_PASS: 'checksPassed', CHECK_FAIL: leave('checksFailed', 'applicant_result') } },
    checksPassed: { on: { ...withdraw, PUBLICISE: 'publicised' } },
    publicised: {
      on: {
        ...withdraw,
        OBJECTION_UPHELD: leave('replaced', 'applicant_result'),
        HIRE: { target: 'hired', actions: [assign({ startDate: field('startDate') }), { type: 'enterRegister', params: hireParams }, tell('applicant_hired', (_c, e) => `到岗日期 / start date：${field('startDate')({ event: e })}`)] },
      },
    },
    hired: { type: 'final' },
    disqualified: { type: 'final' },
    absent: { type: 'final' },
    notInvited: { type: 'final' },
    checksFailed: { type: 'final' },
    replaced: { type: 'final' },
    withdrawn: { type: 'final' },
    postCancelled: { type: 'final' },
    cancelled: { type: 'final' },
    notHired: { type: 'final' },
  },
});
