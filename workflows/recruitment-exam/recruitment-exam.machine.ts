// P2 招录考试 — one campaign per exam round (§2(二)(三), §3.1.2). Its roster is its view of its
// applicants (child cases, one per application); every bulk step changes the roster and
// sends each applicant it moves a system event in the same transaction. Pure: xstate and types only.
import { assign, enqueueActions, setup } from 'xstate';
import type { Envelope, NotifyParams, SendToCaseParams, StartCaseParams } from '../types.ts';
import { problemsOf } from './recruitment-exam.checks.ts';
import {
  bonusOf, invitations, nextCallUp, postCuts, selection, totalScore, writtenAdjusted,
  type Entry, type Post, type Stage, type Terms,
} from './recruitment-exam.rules.ts';

export type Registration = { name: string; idNumber: string; idNumberRef?: number; post: string; email?: string; phone?: string; certificates?: string[] };
type Slot = { time: string; place: string };
export type Context = {
  title: string;
  /** Unique among the organiser's campaigns: the prefix of its applicants' correlation keys. */
  code: string;
  posts: Post[];
  terms: Terms;
  plan: { submittedAt?: string; approvedAt?: string; approvedBy?: string; comment?: string };
  registrationClosesAt?: string;
  roster: Entry[];
  exam?: Slot;
  interview?: Slot;
  cuts: { post: string; from: number; to: number }[];
  callUps: Record<string, number>;
  objections: { applicant: string; reason: string; at: string }[];
  hiringStarted: boolean;
  cancelled?: { at: string; reason: string };
};
type E<T extends string, P = {}> = { type: T } & P & Envelope;
export type Event =
  | E<'UPDATE_PLAN', { title?: string; posts?: Post[] }> | E<'SET_TERMS', Partial<Terms>>
  | E<'SUBMIT_PLAN'> | E<'APPROVE_PLAN', { comment?: string }> | E<'RETURN_PLAN', { comment: string }>
  | E<'ANNOUNCE', { registrationClosesAt: string }> | E<'OPEN_REGISTRATION'>
  | E<'REGISTER', { applicants: Registration[] }> | E<'CLOSE_REGISTRATION'>
  | E<'QUALIFY', { applicants: string[] }> | E<'DISQUALIFY', { rows: { applicant: string; reason: string }[] }>
  | E<'SCHEDULE_WRITTEN', Slot> | E<'RECORD_WRITTEN', { rows: { applicant: string; score?: number; absent?: boolean }[] }>
  | E<'SCHEDULE_INTERVIEW', Slot> | E<'RECORD_INTERVIEW', { rows: { applicant: string; score?: number; absent?: boolean }[] }>
  | E<'CLOSE_INTERVIEW'> | E<'RECORD_CHECKS', { rows: { applicant: string; passed: boolean; reason?: string }[] }>
  | E<'START_PUBLICITY'> | E<'UPHOLD_OBJECTION', { applicant: string; reason: string }> | E<'END_PUBLICITY'>
  | E<'HIRE', { applicants: string[]; startDate: string }> | E<'CLOSE'> | E<'CANCEL', { reason: string }>
  | E<'APPLICANT_WITHDREW', { applicant: string; reason: string }>;
type Of<T extends Event['type']> = Extract<Event, { type: T }>;
type Enqueue = (a: { type: string; params: unknown }) => void;

/** The applicant's correlation key: campaign code + the identity the engine recorded (one application per person and campaign). */
export const applicantKey = (code: string, r: Registration, seq: number) => `${code}/${r.idNumberRef ?? `n${seq}`}`;
const send = (enqueue: Enqueue, key: string, event: Record<string, unknown> & { type: string }) =>
  enqueue({ type: 'sendToCase', params: { to: { correlationKey: key }, event } satisfies SendToCaseParams });
const keyed = (roster: Entry[]) => new Map(roster.map((e) => [e.key, e]));
const setStage = (roster: Entry[], stages: Map<string, Partial<Entry>>) => roster.map((e) => (stages.has(e.key) ? { ...e, ...stages.get(e.key) } : e));
const toHr = (template: string) => ({ type: 'notify' as const, params: { template, to: { relation: 'own' as const, roles: ['hr' as const] } } satisfies NotifyParams });
const ACTIVE: Stage[] = ['registered', 'qualified', 'writtenScored', 'invited', 'interviewed', 'ranked', 'checks', 'checksPassed', 'publicised'];

/** 递补 for a post that lost someone: the next in the reserve gets CALL_UP, counted against the post's limit. */
function callUp(context: Context, post: string, enqueue: Enqueue): Context {
  const next = nextCallUp(context.roster, post, context.callUps[post] ?? 0, context.terms, context.hiringStarted);
  if (!next) return context;
  send(enqueue, next.key, { type: 'CALL_UP' });
  return { ...context, roster: setStage(context.roster, new Map([[next.key, { stage: 'checks', calledUp: true }]])), callUps: { ...context.callUps, [post]: (context.callUps[post] ?? 0) + 1 } };
}

/** A bulk step: compute the new roster and what each applicant is sent, then assign it. */
const bulk = (f: (c: Context, e: any, enqueue: Enqueue) => Context): any =>
  enqueueActions(({ context, event, enqueue }: any) => {
    const next = f(context as Context, event, enqueue as Enqueue);
    enqueue.assign(() => next);
  });

/** Whether a withdrawal leaves a place someone is called up to (R-exam-callup). */
const freesPlace = (c: Context, e: Of<'APPLICANT_WITHDREW'>) => {
  const was = c.roster.find((x) => x.key === e.applicant);
  return !!was && ['checks', 'checksPassed', 'publicised'].includes(was.stage) && !!nextCallUp(c.roster, was.post, c.callUps[was.post] ?? 0, c.terms, c.hiringStarted);
};
const withdrew = bulk((c, e: Of<'APPLICANT_WITHDREW'>, enqueue) => {
  const next = { ...c, roster: setStage(c.roster, new Map([[e.applicant, { stage: 'withdrew' }]])) };
  return freesPlace(c, e) ? callUp(next, c.roster.find((x) => x.key === e.applicant)!.post, enqueue) : next;
});

export const machine = setup({
  types: {} as { context: Context; events: Event; input: Pick<Context, 'title' | 'code' | 'posts' | 'terms'> },
  actions: {
    notify: (_, _p: NotifyParams) => {},
    startCase: (_, _p: StartCaseParams) => {},
    sendToCase: (_, _p: SendToCaseParams) => {},
  },
  guards: {
    // The same checks the definition answers 422 with (recruitment-exam.checks.ts).
    ok: ({ context, event }) => problemsOf(context, event).length === 0,
    freesPlace: ({ context, event }) => freesPlace(context, event as Of<'APPLICANT_WITHDREW'>),
  },
}).createMachine({
  id: 'recruitment-exam',
  context: ({ input }) => ({ ...input, plan: {}, roster: [], cuts: [], callUps: {}, objections: [], hiringStarted: false }),
  initial: 'planning',
  on: {
    // A withdrawal at any stage (the applicant's own event): a place it leaves is offered to the next in rank.
    APPLICANT_WITHDREW: { actions: withdrew },
  },
  states: {
    planning: {
      on: {
        UPDATE_PLAN: { actions: assign(({ context, event }) => ({ title: event.title ?? context.title, posts: event.posts ?? context.posts })) },
        SET_TERMS: { actions: assign({ terms: ({ context, event }) => ({ ...context.terms, ...terms(event) }) }) },
        SUBMIT_PLAN: { target: 'planReview', actions: [assign({ plan: ({ event }) => ({ submittedAt: event.at }) }), { type: 'notify', params: { template: 'task_assigned', to: { relation: 'parent', roles: ['approver'] } } }] },
        CANCEL: '#recruitment-exam.cancelled',
      },
    },
    planReview: {
      on: {
        APPROVE_PLAN: { target: 'planApproved', actions: [assign({ plan: ({ context, event }) => ({ ...context.plan, approvedAt: event.at, approvedBy: event.actor.name, comment: event.comment }) }), toHr('decision')] },
        RETURN_PLAN: { target: 'planning', actions: [assign({ plan: ({ context, event }) => ({ ...context.plan, comment: event.comment }) }), toHr('decision')] },
        CANCEL: '#recruitment-exam.cancelled',
      },
    },
    planApproved: {
      on: {
        SET_TERMS: { actions: assign({ terms: ({ context, event }) => ({ ...context.terms, ...terms(event) }) }) },
        ANNOUNCE: { guard: 'ok', target: 'announced', actions: assign({ registrationClosesAt: ({ event }) => event.registrationClosesAt }) },
        CANCEL: '#recruitment-exam.cancelled',
      },
    },
    announced: {
      on: {
        SET_TERMS: { actions: assign({ terms: ({ context, event }) => ({ ...context.terms, ...terms(event) }) }) },
        // From here the terms are frozen: no state below takes SET_TERMS.
        OPEN_REGISTRATION: 'registration',
        CANCEL: '#recruitment-exam.cancelled',
      },
    },
    registration: {
      on: {
        REGISTER: {
          guard: 'ok', actions: bulk((c, e: Of<'REGISTER'>, enqueue) => {
            const added = e.applicants.map((r, i): Entry => {
              const seq = c.roster.length + i + 1;
              const post = c.posts.find((p) => p.id === r.post)!;
              const key = applicantKey(c.code, r, seq);
              const { post: _p, ...person } = r;
              enqueue({ type: 'startCase', params: { type: 'applicant', correlationKey: key, body: { key, post: { id: post.id, title: post.title, unitId: post.unitId, unitName: post.unitName, ...(post.kind ? { kind: post.kind } : {}) }, person: { ...person, certificates: r.certificates ?? [] }, bonus: bonusOf(r.certificates ?? [], c.terms) } } satisfies StartCaseParams });
              return { key, seq, post: r.post, name: r.name, id: r.idNumber, stage: 'registered', bonus: bonusOf(r.certificates ?? [], c.terms) };
            });
            return { ...c, roster: [...c.roster, ...added] };
          }),
        },
        CLOSE_REGISTRATION: { target: 'qualification', actions: toHr('registration_closed') },
        CANCEL: '#recruitment-exam.cancelled',
      },
    },
    qualification: {
      on: {
        QUALIFY: { guard: 'ok', actions: bulk((c, e: Of<'QUALIFY'>, enqueue) => {
          e.applicants.forEach((k) => send(enqueue, k, { type: 'QUALIFY' }));
          return { ...c, roster: setStage(c.roster, new Map(e.applicants.map((k) => [k, { stage: 'qualified' }]))) };
        }) },
        DISQUALIFY: { guard: 'ok', actions: bulk((c, e: Of<'DISQUALIFY'>, enqueue) => {
          e.rows.forEach((r) => send(enqueue, r.applicant, { type: 'DISQUALIFY', reason: r.reason }));
          return { ...c, roster: setStage(c.roster, new Map(e.rows.map((r) => [r.applicant, { stage: 'disqualified' }]))) };
        }) },
        // 核减 here, before any exam: HR is told of every post cut or cancelled.
        SCHEDULE_WRITTEN: {
          guard: 'ok', target: 'writtenExam',
          actions: [bulk((c, e: Of<'SCHEDULE_WRITTEN'>, enqueue) => {
            const cuts = postCuts(c.posts, c.roster, c.terms);
            const cancelledPosts = new Set(cuts.filter((x) => x.to === 0).map((x) => x.post));
            const stages = new Map<string, Partial<Entry>>();
            for (const x of c.roster.filter((y) => y.stage === 'qualified')) {
              if (cancelledPosts.has(x.post)) {
                send(enqueue, x.key, { type: 'POST_CANCELLED', reason: '报考人数未达开考比例，岗位取消 / too few qualified applicants: post cancelled (核减)' });
                stages.set(x.key, { stage: 'postCancelled' });
              } else send(enqueue, x.key, { type: 'EXAM_NOTICE', time: e.time, place: e.place });
            }
            if (cuts.length) enqueue(toHr('posts_cut'));
            const posts = c.posts.map((p) => ({ ...p, places: cuts.find((x) => x.post === p.id)?.to ?? p.places }));
            return { ...c, posts, cuts, exam: { time: e.time, place: e.place }, roster: setStage(c.roster, stages) };
          })],
        },
        CANCEL: '#recruitment-exam.cancelled',
      },
    },
    writtenExam: {
      on: {
        RECORD_WRITTEN: { guard: 'ok', actions: bulk((c, e: Of<'RECORD_WRITTEN'>, enqueue) => {
          const stages = new Map<string, Partial<Entry>>();
          const byKey = keyed(c.roster);
          for (const r of e.rows) {
            const x = byKey.get(r.applicant)!;
            if (r.absent) {
              send(enqueue, r.applicant, { type: 'ABSENT', reason: '缺考笔试 / absent from the written exam' });
              stages.set(r.applicant, { stage: 'absent' });
            } else {
              const writtenAdj = writtenAdjusted(r.score!, x.bonus);
              send(enqueue, r.applicant, { type: 'WRITTEN_SCORE', written: r.score, writtenAdj });
              stages.set(r.applicant, { stage: 'writtenScored', written: r.score, writtenAdj });
            }
          }
          return { ...c, roster: setStage(c.roster, stages) };
        }) },
        SCHEDULE_INTERVIEW: {
          guard: 'ok', target: 'interview',
          actions: bulk((c, e: Of<'SCHEDULE_INTERVIEW'>, enqueue) => {
            const { invited, ranksOf } = invitations(c.posts, c.roster, c.terms);
            const stages = new Map<string, Partial<Entry>>();
            for (const x of c.roster.filter((y) => y.stage === 'writtenScored')) {
              const writtenRank = ranksOf.get(x.key);
              if (invited.has(x.key)) send(enqueue, x.key, { type: 'INVITE', time: e.time, place: e.place, writtenRank });
              else send(enqueue, x.key, { type: 'NOT_INVITE', ...(writtenRank ? { writtenRank } : {}), reason: writtenRank ? '笔试排名未进入面试范围 / written rank outside the interview ratio' : `笔试成绩低于合格线 ${c.terms.passLine} 分 / below the pass line` });
              stages.set(x.key, { stage: invited.has(x.key) ? 'invited' : 'notInvited', rank: writtenRank });
            }
            return { ...c, interview: { time: e.time, place: e.place }, roster: setStage(c.roster, stages) };
          }),
        },
        CANCEL: '#recruitment-exam.cancelled',
      },
    },
    interview: {
      on: {
        RECORD_INTERVIEW: { guard: 'ok', actions: bulk((c, e: Of<'RECORD_INTERVIEW'>, enqueue) => {
          const stages = new Map<string, Partial<Entry>>();
          const byKey = keyed(c.roster);
          for (const r of e.rows) {
            const x = byKey.get(r.applicant)!;
            if (r.absent) {
              send(enqueue, r.applicant, { type: 'ABSENT', reason: '缺考面试 / absent from the interview' });
              stages.set(r.applicant, { stage: 'absent' });
            } else {
              const total = totalScore(x.writtenAdj!, r.score!, c.terms);
              send(enqueue, r.applicant, { type: 'INTERVIEW_SCORE', interview: r.score, total });
              stages.set(r.applicant, { stage: 'interviewed', interview: r.score, total });
            }
          }
          return { ...c, roster: setStage(c.roster, stages) };
        }) },
        CLOSE_INTERVIEW: {
          guard: 'ok', target: 'checks',
          actions: bulk((c, _e, enqueue) => {
            const { selected, rank } = selection(c.posts, c.roster);
            const stages = new Map<string, Partial<Entry>>();
            for (const [key, r] of rank) {
              send(enqueue, key, { type: selected.has(key) ? 'SELECT' : 'RESERVE', rank: r });
              stages.set(key, { stage: selected.has(key) ? 'checks' : 'ranked', rank: r });
            }
            return { ...c, roster: setStage(c.roster, stages) };
          }),
        },
        CANCEL: '#recruitment-exam.cancelled',
      },
    },
    checks: {
      on: {
        RECORD_CHECKS: { guard: 'ok', actions: bulk((c, e: Of<'RECORD_CHECKS'>, enqueue) => {
          // Results first (one pass over the roster), then a call-up per failed check, in the rows' order.
          e.rows.forEach((r) => send(enqueue, r.applicant, r.passed ? { type: 'CHECK_PASS' } : { type: 'CHECK_FAIL', reason: r.reason }));
          let next = { ...c, roster: setStage(c.roster, new Map(e.rows.map((r) => [r.applicant, { stage: r.passed ? 'checksPassed' as const : 'checksFailed' as const }]))) };
          const byKey = keyed(c.roster);
          for (const r of e.rows) if (!r.passed) next = callUp(next, byKey.get(r.applicant)!.post, enqueue);
          return next;
        }) },
        START_PUBLICITY: {
          guard: 'ok', target: 'publicity',
          actions: bulk((c, _e, enqueue) => {
            const ready = c.roster.filter((y) => y.stage === 'checksPassed');
            ready.forEach((y) => send(enqueue, y.key, { type: 'PUBLICISE' }));
            return { ...c, roster: setStage(c.roster, new Map(ready.map((y) => [y.key, { stage: 'publicised' }]))) };
          }),
        },
        CANCEL: '#recruitment-exam.cancelled',
      },
    },
    publicity: {
      on: {
        // An upheld objection stops this publicity: back to the checks for whoever is called up, then a new publicity.
        UPHOLD_OBJECTION: {
          guard: 'ok', target: 'checks',
          actions: bulk((c, e: Of<'UPHOLD_OBJECTION'>, enqueue) => {
            const x = c.roster.find((y) => y.key === e.applicant)!;
            send(enqueue, e.applicant, { type: 'OBJECTION_UPHELD', reason: e.reason });
            const next = { ...c, objections: [...c.objections, { applicant: e.applicant, reason: e.reason, at: e.at }], roster: setStage(c.roster, new Map([[e.applicant, { stage: 'replaced' }]])) };
            return callUp(next, x.post, enqueue);
          }),
        },
        // Whoever is called up for a place freed in publicity passes the checks before a new publicity.
        APPLICANT_WITHDREW: [{ guard: 'freesPlace', target: 'checks', actions: withdrew }, { actions: withdrew }],
        // Hiring formalities begin: no more call-ups (R-exam-callup).
        END_PUBLICITY: { target: 'hiring', actions: [assign({ hiringStarted: true }), toHr('publicity_ended')] },
        CANCEL: '#recruitment-exam.cancelled',
      },
    },
    hiring: {
      on: {
        HIRE: { guard: 'ok', actions: bulk((c, e: Of<'HIRE'>, enqueue) => {
          e.applicants.forEach((k) => send(enqueue, k, { type: 'HIRE', startDate: e.startDate }));
          return { ...c, hiringStarted: true, roster: setStage(c.roster, new Map(e.applicants.map((k) => [k, { stage: 'hired' }]))) };
        }) },
        CLOSE: {
          guard: 'ok', target: 'closed',
          actions: bulk((c, _e, enqueue) => {
            const left = c.roster.filter((y) => y.stage === 'ranked');
            left.forEach((y) => send(enqueue, y.key, { type: 'ROUND_CLOSED', reason: '招录结束，未递补 / the round closed without a call-up' }));
            return { ...c, roster: setStage(c.roster, new Map(left.map((y) => [y.key, { stage: 'notHired' }]))) };
          }),
        },
      },
    },
    closed: { type: 'final' },
    // Every applicant still in the round is told (CAMPAIGN_CANCELLED → their mail).
    cancelled: {
      type: 'final',
      entry: bulk((c, e: Of<'CANCEL'>, enqueue) => {
        const left = c.roster.filter((y) => ACTIVE.includes(y.stage));
        left.forEach((y) => send(enqueue, y.key, { type: 'CAMPAIGN_CANCELLED', reason: e.reason }));
        return { ...c, cancelled: { at: e.at, reason: e.reason }, roster: setStage(c.roster, new Map(left.map((y) => [y.key, { stage: 'cancelled' }]))) };
      }),
    },
  },
});

const terms = (e: Event): Partial<Terms> => {
  const { type: _t, actor: _a, at: _at, ...rest } = e as Of<'SET_TERMS'>;
  return rest;
};
