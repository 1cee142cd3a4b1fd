// P3 工会劳动法律监督员 — a union appoints the members of its labour-law supervision committee:
// concurrently from qualified union staff, bought in (lawyers, media staff) or invited deputies
// (§2(六), §3.1.2(5)); its leadership approves, and each appointee enters the register onboarding
// (R-prejob §3.2.3). Pure: the engine supplies actor and time in each event.
import { assign, enqueueActions, setup } from 'xstate';
import type { EnterRegisterParams, Envelope } from '../types.ts';
import {
  appointingChecks, appointingContext, appointingUpdate, approvedState, by, nominationState, notify, onboardingEntry, reviewState,
  type Appointing, type AppointingEvent, type Unit,
} from '../appointments.ts';
import { agreementProblems, nomineeProblems, POST, WHO, type Level, type Mode, type Nominee, type NomineeEvent, type Terms } from './labor-supervisor.rules.ts';

/** `committee`: the union whose committee the supervisors sit on. */
export type Context = { level: Level; committee: Unit } & Appointing<Nominee, Terms>;
type E<T extends string, P = {}> = { type: T } & P & Envelope;
export type Event =
  | E<'NOMINATE_CONCURRENT', NomineeEvent<'concurrent'>> | E<'NOMINATE_PURCHASED', NomineeEvent<'purchased'>> | E<'NOMINATE_INVITED', NomineeEvent<'invited'>>
  | AppointingEvent;
type Ev<T extends Event['type']> = Extract<Event, { type: T }>;
type Nominate = Ev<'NOMINATE_CONCURRENT'> | Ev<'NOMINATE_PURCHASED'> | Ev<'NOMINATE_INVITED'>;

const MODE: Record<Nominate['type'], Mode> = { NOMINATE_CONCURRENT: 'concurrent', NOMINATE_PURCHASED: 'purchased', NOMINATE_INVITED: 'invited' };
const manager = ['hr' as const, 'requester' as const];
const nominate = (c: Context, e: Nominate) => nomineeProblems(c.level, c.nominees, MODE[e.type], e as Partial<NomineeEvent<'concurrent'>>);

/** The checks of each event, shared by the guards here and the 422 answers (index.ts). */
export const checks = {
  NOMINATE_CONCURRENT: (c: Context, e: Ev<'NOMINATE_CONCURRENT'>) => nominate(c, e),
  NOMINATE_PURCHASED: (c: Context, e: Ev<'NOMINATE_PURCHASED'>) => [...nominate(c, e), ...agreementProblems(e)],
  NOMINATE_INVITED: (c: Context, e: Ev<'NOMINATE_INVITED'>) => nominate(c, e),
  ...appointingChecks(WHO),
};
const ok = <T extends keyof typeof checks>(type: T) => ({ context, event }: { context: Context; event: Event }) =>
  event.type === type && (checks[type] as (c: Context, e: Event) => unknown[])(context, event).length === 0;

export const machine = setup({
  types: {} as { context: Context; events: Event; input: { level: Level; committee: Unit; title: string; terms: Terms } & Envelope },
  actions: {
    notify: (_, _p: unknown) => {},
    enterRegister: (_, _p: EnterRegisterParams) => {},
    nominate: assign(({ context, event }) => {
      const { type, actor, at, ...fields } = event as Nominate;
      const n: Nominee = { ...fields, key: `n${context.seq + 1}`, mode: MODE[type], nominatedBy: by(event), nominatedAt: at };
      return { nominees: [...context.nominees, n], seq: context.seq + 1 };
    }),
    appointing: assign(({ context, event }) => appointingUpdate(context, event as AppointingEvent) as Partial<Context>),
    register: enqueueActions(({ context, event, enqueue: q }) => {
      const enqueue = q as unknown as (a: { type: string; params: unknown }) => void;
      const { startDate } = event as Ev<'APPOINT'>;
      for (const { key, name, idNumber, idNumberRef, mode, nominatedBy, nominatedAt, knowsLabourLaw, ...details } of context.nominees)
        enqueue({ type: 'enterRegister', params: onboardingEntry({ personKind: 'labor_supervisor', name, idNumber, idNumberRef, startDate, unit: context.committee, post: POST[mode], details: { ...details, mode, level: context.level, nominee: key } }) });
    }),
  },
  guards: {
    canConcurrent: ok('NOMINATE_CONCURRENT'), canPurchased: ok('NOMINATE_PURCHASED'), canInvited: ok('NOMINATE_INVITED'),
    canRemove: ok('REMOVE_NOMINEE'), canSubmit: ok('SUBMIT'), canAppoint: ok('APPOINT'),
  },
}).createMachine({
  id: 'labor-supervisor',
  context: ({ input }) => ({ level: input.level, committee: input.committee, ...appointingContext(input) }),
  initial: 'nomination',
  states: {
    nomination: nominationState({ NOMINATE_CONCURRENT: 'canConcurrent', NOMINATE_PURCHASED: 'canPurchased', NOMINATE_INVITED: 'canInvited' }),
    review: reviewState('nomination', manager),
    approved: approvedState(notify('appointment_made', 'own', manager)),
    appointed: { type: 'final' },
    rejected: { type: 'final' },
    cancelled: { type: 'final' },
  },
});
