// P3 工会专职律师 — a union buys a law firm's services (§2(五), §3.1.2(4)): the contract is approved
// by the union's leadership and signed, the firm assigns named lawyers to the stations it covers
// (each enters the register onboarding, and leaves it when released or the contract ends), the union
// is asked N days before the end to renew (a new period, approved again) or end. Pure.
import { assign, enqueueActions, setup } from 'xstate';
import type { EnterRegisterParams, Envelope, LeaveRegisterParams } from '../types.ts';
import { shanghaiDate } from '../rules/calendar.ts';
import { addRound, appointingUpdate, by, notify, onboardingEntry, reviewState, type AppointingEvent, type By, type Decision, type Round, type Unit } from '../appointments.ts';
import {
  active, endProblems, WHO, lawyerProblems, lawyerRole, periodProblems, releaseProblems, renewalProblems, unitsProblems,
  type Contract, type Lawyer, type LawyerEvent, type Period, type Terms,
} from './union-lawyer.rules.ts';

export type Context = {
  /** This case's handle in the register's roles (lawyerRole), from the union and the start time. */
  code: string;
  contract: Contract;
  /** The signed period, then each renewal: the last one is current. */
  periods: Period[];
  terms: Terms;
  startedBy: By;
  rounds: Round[];
  decision?: Decision;
  signedOn?: string;
  lawyers: Lawyer[];
  seq: number;
  /** A renewal waiting for the leadership's approval. */
  proposal?: Period;
  ended?: { at: string; by: By; endDate: string; reason: string };
  cancelled?: { at: string; by: By; reason?: string };
};
type E<T extends string, P = {}> = { type: T } & P & Envelope;
export type Start = { firm: string; firmLicence?: string; units: Unit[] } & Period;
export type Event =
  | E<'UPDATE', Partial<Start>> | E<'SUBMIT', { note?: string }> | E<'WITHDRAW', { reason?: string }>
  | E<'APPROVE', { comment?: string }> | E<'RETURN', { comment: string }> | E<'REJECT', { reason: string }>
  | E<'RECORD_SIGNING', { signedOn: string }>
  | E<'ASSIGN_LAWYER', LawyerEvent> | E<'RELEASE_LAWYER', { lawyer: string; endDate: string; reason: string }>
  | E<'CONTRACT_ENDING'> | E<'RENEWAL_REMIND'> | E<'RENEW', Period> | E<'APPROVE_RENEWAL', { comment?: string }> | E<'RETURN_RENEWAL', { comment: string }>
  | E<'END', { endDate: string; reason: string }> | E<'CONTRACT_EXPIRES'>
  | E<'REVIEW_REMIND'> | E<'REVIEW_OVERDUE'>;
type Ev<T extends Event['type']> = Extract<Event, { type: T }>;

const POST = '工会专职律师 / union lawyer';
const manager = ['hr' as const, 'requester' as const];
const approver = ['approver' as const];
export const current = (c: Context) => c.periods[c.periods.length - 1];
const split = (s: Partial<Start>) => {
  const { firm, firmLicence, units, number, startDate, endDate, feeYuan } = s;
  return { contract: { firm, firmLicence, units }, period: { number, startDate, endDate, feeYuan } };
};
const defined = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/** The checks of each event, shared by the guards here and the 422 answers (index.ts). */
export const checks = {
  UPDATE: (c: Context, e: Ev<'UPDATE'>) => [...periodProblems({ ...current(c), ...defined(split(e).period) }), ...unitsProblems(e.units)],
  RECORD_SIGNING: (c: Context, e: Ev<'RECORD_SIGNING'>) =>
    c.decision && e.signedOn < shanghaiDate(new Date(c.decision.at)) ? [{ pointer: '/signedOn', message: `签订日期早于批准日期 ${shanghaiDate(new Date(c.decision.at))} / signed before it was approved (${WHO.rule} ${WHO.clause})` }] : [],
  ASSIGN_LAWYER: (c: Context, e: Ev<'ASSIGN_LAWYER'>) => lawyerProblems(c.contract, current(c), c.lawyers, e),
  RELEASE_LAWYER: (c: Context, e: Ev<'RELEASE_LAWYER'>) => releaseProblems(current(c), c.lawyers, e),
  RENEW: (c: Context, e: Ev<'RENEW'>) => renewalProblems(current(c), e),
  END: (c: Context, e: Ev<'END'>) => endProblems(current(c), e),
};
const ok = <T extends keyof typeof checks>(type: T) => ({ context, event }: { context: Context; event: Event }) =>
  event.type === type && (checks[type] as (c: Context, e: Event) => unknown[])(context, event).length === 0;
type Enqueue = (a: { type: string; params: unknown }) => void;
const leave = (c: Context, l: Lawyer, endDate: string, reason: string) =>
  ({ type: 'leaveRegister', params: { personKind: 'lawyer', role: lawyerRole(c.code, l.key), endDate, status: 'exited', reason } satisfies LeaveRegisterParams });

/** The contract ends: every assigned lawyer leaves the register on its last day. */
function endContract(context: Context, event: Event, enqueue: Enqueue, day: string, reason: string): Partial<Context> {
  for (const l of active(context.lawyers)) enqueue(leave(context, l, day, reason));
  return {
    lawyers: context.lawyers.map((l) => (l.endDate ? l : { ...l, endDate: day, leftReason: reason })),
    ended: { at: event.at, by: by(event), endDate: day, reason },
  };
}
const lawyerStates = {
  ASSIGN_LAWYER: { guard: 'canAssign', actions: 'assignLawyer' },
  RELEASE_LAWYER: { guard: 'canRelease', actions: 'releaseLawyer' },
} as const;

export const machine = setup({
  types: {} as { context: Context; events: Event; input: { start: Start; code: string; terms: Terms } & Envelope },
  actions: {
    notify: (_, _p: unknown) => {},
    enterRegister: (_, _p: EnterRegisterParams) => {},
    leaveRegister: (_, _p: LeaveRegisterParams) => {},
    submitRound: assign({ rounds: ({ context, event }) => addRound(context.rounds, event) }),
    appointing: assign(({ context, event }) => appointingUpdate(context, event as AppointingEvent) as Partial<Context>),
    propose: assign({ proposal: ({ event }) => { const { type, actor, at, ...p } = event as Ev<'RENEW'>; return p; } }),
    endEarly: enqueueActions(({ context, event, enqueue }) => {
      const e = event as Ev<'END'>;
      enqueue.assign(endContract(context, event, enqueue as unknown as Enqueue, e.endDate, e.reason));
    }),
    expire: enqueueActions(({ context, event, enqueue }) => {
      enqueue.assign(endContract(context, event, enqueue as unknown as Enqueue, current(context).endDate, '合同期满未续签 / the contract ended without renewal'));
    }),
    assignLawyer: enqueueActions(({ context, event, enqueue: q }) => {
      const enqueue = q as unknown as Enqueue & { assign: typeof q.assign };
      const { type, actor, at, unitId, ...e } = event as Ev<'ASSIGN_LAWYER'>;
      const unit = context.contract.units.find((u) => u.id === unitId)!;
      const key = `l${context.seq + 1}`;
      const p = current(context);
      enqueue({
        type: 'enterRegister',
        params: onboardingEntry({
          personKind: 'lawyer', name: e.name, idNumber: e.idNumber, idNumberRef: e.idNumberRef, startDate: e.startDate, unit, post: POST,
          details: { role: lawyerRole(context.code, key), licenceNo: e.licenceNo, firm: context.contract.firm, contractNo: p.number, contractEnds: p.endDate },
        }),
      });
      enqueue.assign({ lawyers: [...context.lawyers, { ...e, key, unit, assignedBy: by(event) }], seq: context.seq + 1 });
    }),
    releaseLawyer: enqueueActions(({ context, event, enqueue: q }) => {
      const enqueue = q as unknown as Enqueue & { assign: typeof q.assign };
      const e = event as Ev<'RELEASE_LAWYER'>;
      enqueue(leave(context, context.lawyers.find((l) => l.key === e.lawyer)!, e.endDate, e.reason));
      enqueue.assign({ lawyers: context.lawyers.map((l) => (l.key === e.lawyer ? { ...l, endDate: e.endDate, leftReason: e.reason } : l)) });
    }),
  },
  guards: {
    canUpdate: ok('UPDATE'), canSign: ok('RECORD_SIGNING'), canAssign: ok('ASSIGN_LAWYER'), canRelease: ok('RELEASE_LAWYER'), canRenew: ok('RENEW'), canEnd: ok('END'),
  },
}).createMachine({
  id: 'union-lawyer',
  context: ({ input }) => {
    const { contract, period } = split(input.start);
    return { code: input.code, contract: contract as Contract, periods: [period as Period], terms: input.terms, startedBy: by(input), rounds: [], lawyers: [], seq: 0 };
  },
  initial: 'draft',
  states: {
    draft: {
      on: {
        UPDATE: {
          guard: 'canUpdate',
          actions: assign(({ context, event }) => {
            const { contract, period } = split(event as Ev<'UPDATE'>);
            return { contract: { ...context.contract, ...defined(contract) }, periods: [{ ...current(context), ...defined(period) }] };
          }),
        },
        SUBMIT: { target: 'review', actions: ['submitRound', notify('task_assigned', 'own', approver)] },
        WITHDRAW: { target: 'cancelled', actions: 'appointing' },
      },
    },
    review: reviewState('draft', manager),
    approved: {
      on: { RECORD_SIGNING: { guard: 'canSign', target: 'inForce', actions: assign({ signedOn: ({ event }) => (event as Ev<'RECORD_SIGNING'>).signedOn }) } },
    },
    inForce: {
      on: {
        ...lawyerStates,
        CONTRACT_ENDING: { target: 'renewalDecision', actions: notify('contract_ending', 'own', manager) },
        RENEW: { guard: 'canRenew', target: 'renewalReview', actions: ['propose', 'submitRound', notify('task_assigned', 'own', approver)] },
        END: { guard: 'canEnd', target: 'ended', actions: 'endEarly' },
      },
    },
    renewalDecision: {
      on: {
        ...lawyerStates,
        RENEWAL_REMIND: { actions: notify('contract_ending', 'own', manager) },
        RENEW: { guard: 'canRenew', target: 'renewalReview', actions: ['propose', 'submitRound', notify('task_assigned', 'own', approver)] },
        END: { guard: 'canEnd', target: 'ended', actions: 'endEarly' },
        CONTRACT_EXPIRES: { target: 'ended', actions: ['expire', notify('contract_ended', 'own', manager)] },
      },
    },
    renewalReview: {
      on: {
        ...lawyerStates,
        RENEWAL_REMIND: { actions: notify('contract_ending', 'own', manager) },
        APPROVE_RENEWAL: { target: 'inForce', actions: [assign({ periods: ({ context }) => [...context.periods, context.proposal!], proposal: undefined }), notify('decision', 'own', manager)] },
        RETURN_RENEWAL: { target: 'renewalDecision', actions: [assign({ proposal: undefined }), notify('decision', 'own', manager)] },
        CONTRACT_EXPIRES: { target: 'ended', actions: ['expire', notify('contract_ended', 'own', manager)] },
        REVIEW_REMIND: reviewState('renewalDecision', manager).on.REVIEW_REMIND,
        REVIEW_OVERDUE: reviewState('renewalDecision', manager).on.REVIEW_OVERDUE,
      },
    },
    ended: { type: 'final' },
    rejected: { type: 'final' },
    cancelled: { type: 'final' },
  },
});
