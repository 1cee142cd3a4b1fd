// P3 工资集体协商指导员 — the city federation recruits retirees, or a district federation selects 3
// per street/town station from its social workers (§2(四), §3.1.2(3)); the union's leadership
// approves, HR appoints, and each appointee enters the register onboarding (R-prejob §3.2.3).
// Pure: the engine supplies actor and time in each event.
import { assign, enqueueActions, setup } from 'xstate';
import type { EnterRegisterParams, Envelope, UpdateRegisterParams } from '../types.ts';
import {
  appointingChecks, appointingContext, appointingUpdate, approvedState, by, nominationState, notify, onboardingEntry, reviewState,
  type Appointing, type AppointingEvent,
} from '../appointments.ts';
import { retireeProblems, socialWorkerProblems, STATION, type Nominee, type RetireeEvent, type Pathway, type SocialWorkerEvent, type Terms } from './wage-instructor.rules.ts';

export type Context = { pathway: Pathway } & Appointing<Nominee, Terms>;
type E<T extends string, P = {}> = { type: T } & P & Envelope;
export type Event = E<'NOMINATE_RETIREE', RetireeEvent> | E<'NOMINATE_SOCIAL_WORKER', SocialWorkerEvent> | AppointingEvent;
type Ev<T extends Event['type']> = Extract<Event, { type: T }>;

const POST = '工资集体协商指导员 / wage bargaining instructor';
const hr = ['hr' as const];

/** The checks of each event, shared by the guards here and the 422 answers (index.ts). */
export const checks = {
  NOMINATE_RETIREE: (c: Context, e: Ev<'NOMINATE_RETIREE'>) => retireeProblems(c.pathway, c.nominees, e),
  NOMINATE_SOCIAL_WORKER: (c: Context, e: Ev<'NOMINATE_SOCIAL_WORKER'>) => socialWorkerProblems(c.pathway, c.nominees, e, c.terms.perStation),
  ...appointingChecks(STATION),
};
const ok = <T extends keyof typeof checks>(type: T) => ({ context, event }: { context: Context; event: Event }) =>
  event.type === type && (checks[type] as (c: Context, e: Event) => unknown[])(context, event).length === 0;

const nominee = (c: Context, e: Ev<'NOMINATE_RETIREE'> | Ev<'NOMINATE_SOCIAL_WORKER'>): Nominee => {
  const { type, actor, at, ...f } = e;
  const base = { key: `n${c.seq + 1}`, nominatedBy: by(e), nominatedAt: at };
  if (type === 'NOMINATE_RETIREE') {
    const { unitId, unitName, ...rest } = f as Omit<RetireeEvent, never>;
    return { ...rest, ...base, unit: { id: unitId, name: unitName } };
  }
  const { stationId, stationName, ...rest } = f as SocialWorkerEvent;
  return { ...rest, ...base, unit: { id: stationId, name: stationName } };
};

export const machine = setup({
  types: {} as { context: Context; events: Event; input: { pathway: Pathway; title: string; terms: Terms } & Envelope },
  actions: {
    notify: (_, _p: unknown) => {},
    enterRegister: (_, _p: EnterRegisterParams) => {},
    updateRegister: (_, _p: UpdateRegisterParams) => {},
    register: enqueueActions(({ context, event, enqueue: queue }) => {
      const enqueue = queue as unknown as (a: { type: string; params: unknown }) => void;
      const { startDate } = event as Ev<'APPOINT'>;
      for (const n of context.nominees) {
        // A selected social worker keeps their record, the instructor's post noted on it; the effect
        // refuses anyone who is not a social worker of this district's register (R-wi-station §3.1.2(3)).
        if (n.socialWorkerId !== undefined)
          enqueue({ type: 'updateRegister', params: { personId: n.socialWorkerId, onDate: startDate, match: { kind: 'social_worker', statuses: ['onboarding', 'in_post'] }, details: { wageInstructor: { station: n.unit, since: startDate } } } });
        const { key, name, idNumber, idNumberRef, unit, nominatedBy, nominatedAt, ...details } = n;
        enqueue({ type: 'enterRegister', params: onboardingEntry({ personKind: 'wage_instructor', name, idNumber, idNumberRef, startDate, unit, post: POST, details: { ...details, pathway: context.pathway, nominee: key } }) });
      }
    }),
    appointing: assign(({ context, event }) => appointingUpdate(context, event as AppointingEvent) as Partial<Context>),
    nominate: assign(({ context, event }) => ({ nominees: [...context.nominees, nominee(context, event as Ev<'NOMINATE_RETIREE'>)], seq: context.seq + 1 })),
  },
  guards: {
    canNominateRetiree: ok('NOMINATE_RETIREE'),
    canNominateSocialWorker: ok('NOMINATE_SOCIAL_WORKER'),
    canRemove: ok('REMOVE_NOMINEE'),
    canSubmit: ok('SUBMIT'),
    canAppoint: ok('APPOINT'),
  },
}).createMachine({
  id: 'wage-instructor',
  context: ({ input }) => ({ pathway: input.pathway, ...appointingContext(input) }),
  initial: 'nomination',
  states: {
    nomination: nominationState({ NOMINATE_RETIREE: 'canNominateRetiree', NOMINATE_SOCIAL_WORKER: 'canNominateSocialWorker' }),
    review: reviewState('nomination', hr),
    approved: approvedState(notify('appointment_made', 'own', hr)),
    appointed: { type: 'final' },
    rejected: { type: 'final' },
    cancelled: { type: 'final' },
  },
});
