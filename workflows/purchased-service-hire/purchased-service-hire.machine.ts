// P1 购买服务聘用 — a grassroots union asks its parent union for written approval to hire staff
// with its own union funds (§3.1.3, R-psh-*). Pure: the engine supplies actor and time in each event.
import { assign, setup } from 'xstate';
import type { EnterRegisterParams, Envelope, IssueDocumentParams, NotifyParams, Relation } from '../types.ts';
import { shanghaiDate } from '../rules/calendar.ts';
import {
  candidateProblems, contractProblems, contracted, lapseOf, slots,
  type Candidate, type Contract, type Lapse, type Request, type Terms,
} from './purchased-service-hire.rules.ts';

type By = { id: string; name: string };
export type Round = { no: number; submittedAt: string; submittedBy: By; returnedAt?: string; returnedBy?: By; comment?: string };
export type Context = {
  request: Request;
  /** Settings frozen at the start (settings.ts); absent in cases started before (their lapse is the settings' at approval). */
  terms: Terms;
  requestedBy: By;
  rounds: Round[];
  /** An approval carries the lapse it was issued with: its written approval states that date. */
  decision?: { kind: 'approved' | 'rejected'; by: By; at: string; conditions?: string; reason?: string; lapse?: Lapse };
  escalatedAt?: string;
  candidates: Candidate[];
  closed?: { at: string; by: By; note?: string };
  withdrawn?: { at: string; by: By; reason?: string };
};
type E<T extends string, P = {}> = { type: T } & P & Envelope;
export type Event =
  | E<'UPDATE', Partial<Request>>
  | E<'SUBMIT'> | E<'RESUBMIT', { note?: string }>
  | E<'WITHDRAW', { reason?: string }>
  | E<'APPROVE', { conditions?: string }> | E<'REJECT', { reason: string }> | E<'RETURN', { comment: string }>
  | E<'RECORD_CANDIDATE', Omit<Candidate, 'key' | 'selectedAt' | 'selectedBy' | 'contract' | 'postIndex'> & { postIndex?: number }>
  | E<'RECORD_CONTRACT', Contract & { candidate: string }>
  | E<'CLOSE_HIRING', { note?: string }>
  | E<'REMIND'> | E<'ESCALATE'> | E<'LAPSE_REMIND'> | E<'LAPSE'>;

const by = (e: Envelope): By => ({ id: e.actor.id, name: e.actor.name });
const notify = (template: string, relation: Relation, role: 'approver' | 'requester') =>
  ({ type: 'notify', params: { template, to: { relation, roles: [role] } } satisfies NotifyParams }) as const;

export const machine = setup({
  types: {} as { context: Context; events: Event; input: { request: Request; terms: Terms } & Envelope },
  actions: {
    notify: (_, _p: NotifyParams) => {},
    issueDocument: (_, _p: IssueDocumentParams & { kind: 'written_approval' }) => {},
    enterRegister: (_, _p: EnterRegisterParams) => {},
    submitRound: assign({
      rounds: ({ context, event }) => [...context.rounds, { no: context.rounds.length + 1, submittedAt: event.at, submittedBy: by(event) }],
    }),
  },
  guards: {
    canSelect: ({ context, event }) =>
      event.type === 'RECORD_CANDIDATE' && candidateProblems(context.request, context.candidates, event).length === 0,
    canContract: ({ context, event }) =>
      event.type === 'RECORD_CONTRACT' && contractProblems(context.request, context.candidates, event, approvedOn(context)).length === 0,
    allContracted: ({ context }) => contracted(context.candidates) >= slots(context.request),
    anyContracted: ({ context }) => contracted(context.candidates) > 0,
  },
}).createMachine({
  id: 'purchased-service-hire',
  context: ({ input }) => ({ request: input.request, terms: input.terms, requestedBy: by(input), rounds: [], candidates: [] }),
  initial: 'draft',
  states: {
    draft: {
      on: {
        UPDATE: { actions: assign({ request: ({ context, event }) => ({ ...context.request, ...payload(event) }) }) },
        SUBMIT: { target: 'submitted', actions: ['submitRound', notify('task_assigned', 'parent', 'approver')] },
        WITHDRAW: { target: 'withdrawn', actions: assign({ withdrawn: ({ event }) => ({ at: event.at, by: by(event), reason: (event as any).reason }) }) },
      },
    },
    submitted: {
      on: {
        APPROVE: {
          target: 'approved',
          actions: [
            assign({ decision: ({ context, event }) => ({ kind: 'approved' as const, by: by(event), at: event.at, conditions: (event as any).conditions, ...(context.terms ? { lapse: lapseOf(event.at, context.terms.lapseMonths) } : {}) }) }),
            { type: 'issueDocument', params: { kind: 'written_approval' } },
            notify('decision', 'own', 'requester'),
          ],
        },
        REJECT: {
          target: 'rejected',
          actions: [
            assign({ decision: ({ event }) => ({ kind: 'rejected' as const, by: by(event), at: event.at, reason: (event as any).reason }) }),
            notify('decision', 'own', 'requester'),
          ],
        },
        RETURN: {
          target: 'returned',
          actions: [
            assign({
              rounds: ({ context, event }) =>
                context.rounds.map((r, i) => (i === context.rounds.length - 1 ? { ...r, returnedAt: event.at, returnedBy: by(event), comment: (event as any).comment } : r)),
            }),
            notify('decision', 'own', 'requester'),
          ],
        },
        WITHDRAW: {
          target: 'withdrawn',
          actions: [assign({ withdrawn: ({ event }) => ({ at: event.at, by: by(event), reason: (event as any).reason }) }), notify('withdrawn', 'parent', 'approver')],
        },
        REMIND: { actions: notify('reminder', 'parent', 'approver') },
        ESCALATE: {
          actions: [assign({ escalatedAt: ({ event }) => event.at }), notify('escalation', 'grandparent', 'approver'), notify('overdue', 'parent', 'approver')],
        },
      },
    },
    returned: {
      on: {
        UPDATE: { actions: assign({ request: ({ context, event }) => ({ ...context.request, ...payload(event) }) }) },
        RESUBMIT: { target: 'submitted', actions: ['submitRound', notify('task_assigned', 'parent', 'approver')] },
        WITHDRAW: { target: 'withdrawn', actions: assign({ withdrawn: ({ event }) => ({ at: event.at, by: by(event), reason: (event as any).reason }) }) },
      },
    },
    approved: {
      always: { guard: 'allContracted', target: 'completed' },
      on: {
        RECORD_CANDIDATE: {
          guard: 'canSelect',
          actions: assign({
            candidates: ({ context, event }) => {
              const e = event as Extract<Event, { type: 'RECORD_CANDIDATE' }>;
              const { type, actor, at, ...person } = e;
              return [...context.candidates, { ...person, postIndex: e.postIndex ?? 0, key: `c${context.candidates.length + 1}`, selectedAt: at, selectedBy: actor.name }];
            },
          }),
        },
        RECORD_CONTRACT: {
          guard: 'canContract',
          actions: [
            assign({
              candidates: ({ context, event }) => {
                const { type, actor, at, candidate, ...contract } = event as Extract<Event, { type: 'RECORD_CONTRACT' }>;
                return context.candidates.map((c) => (c.key === candidate ? { ...c, contract: { ...contract, recordedAt: at, recordedBy: actor.name } } : c));
              },
            }),
            {
              type: 'enterRegister',
              params: ({ context, event }): EnterRegisterParams => {
                // Resolved after the assign above, so the candidate already carries the contract.
                const e = event as Extract<Event, { type: 'RECORD_CONTRACT' }>;
                const { name, idNumber, key, ...details } = context.candidates.find((c) => c.key === e.candidate)!;
                return { personKind: 'purchased_service_staff', name, idNumber, status: 'in_post', startDate: e.startDate, details: { ...details, candidate: key } };
              },
            },
          ],
        },
        CLOSE_HIRING: {
          guard: 'anyContracted',
          target: 'completed',
          actions: assign({ closed: ({ event }) => ({ at: event.at, by: by(event), note: (event as any).note }) }),
        },
        LAPSE_REMIND: { actions: notify('lapse_reminder', 'own', 'requester') },
        LAPSE: [
          {
            guard: 'anyContracted', target: 'completed',
            actions: assign({ closed: ({ context, event }) => ({ at: event.at, by: by(event), note: `批准满 ${context.decision?.lapse?.months ?? context.terms?.lapseMonths ?? 6} 个月，未用名额失效 / unfilled places lapsed` }) }),
          },
          { target: 'lapsed', actions: notify('lapsed', 'own', 'requester') },
        ],
      },
    },
    completed: { type: 'final' },
    rejected: { type: 'final' },
    withdrawn: { type: 'final' },
    lapsed: { type: 'final' },
  },
});

/** The approval's date, Asia/Shanghai: no contract may start before it (R-psh-contract). */
export const approvedOn = (c: Context) => shanghaiDate(new Date(c.decision!.at));

/** The event's own fields, without the envelope the engine adds. */
function payload(event: Event): Partial<Request> {
  const { type, actor, at, ...rest } = event as E<'UPDATE', Partial<Request>>;
  return rest;
}
