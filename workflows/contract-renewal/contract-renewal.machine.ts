// 合同到期续签或退出 — 60 days [default] before a contract ends, the person's union decides to
// renew it (the new period is recorded in the register) or not (an exit with reason contract_end
// opens, P6); no answer by the end date opens that exit by itself (R-lifecycle §3.4.1). The
// register's notToRenew (P5: 基本称职 two years running) is shown with the case. Pure.
import { assign, setup } from 'xstate';
import type { AddRegisterEntryParams, Envelope, NotifyParams, Role, StartCaseParams, UpdateRegisterParams } from '../types.ts';
import type { RegisterPerson } from '../engine/register-refs.ts';
import type { IsoDate } from '../rules/calendar.ts';

type By = { id: string; name: string };
export type Context = {
  person: Pick<RegisterPerson, 'id' | 'name' | 'kind' | 'orgId'>;
  contract: { from: IsoDate | null; to: IsoDate };
  /** The register says not to renew (P5's consequence), as it stood when the case opened. */
  notToRenew: boolean;
  openedAt: string;
  renewal?: { from: IsoDate; to: IsoDate; contractKind?: string; number?: string; note?: string; at: string; by: By };
  notRenewed?: { at: string; by: By; note?: string; noAnswer: boolean };
  /** Closed without a decision (e.g. the person left meanwhile by another exit). */
  cancelled?: { at: string; by: By; reason: string };
};
type E<T extends string, P = {}> = { type: T } & P & Envelope;
export type Event =
  | E<'RENEW', { from: IsoDate; to: IsoDate; contractKind?: string; number?: string; note?: string }>
  | E<'NOT_RENEW', { note: string }>
  | E<'NO_ANSWER'>
  | E<'CANCEL', { reason: string }>;
type Ev<T extends Event['type']> = Extract<Event, { type: T }>;
export type Input = { person: RegisterPerson; contractFrom?: IsoDate; contractTo: IsoDate } & Envelope;

export const OWN_ROLES: Role[] = ['requester', 'hr', 'approver'];
const by = (e: Envelope): By => ({ id: e.actor.id, name: e.actor.name });

/** The new period follows the old one and ends after it starts. */
export const renewalProblems = (c: Context, e: { from: IsoDate; to: IsoDate }) => [
  ...(e.to <= e.from ? [{ pointer: '/to', message: '新合同到期日须晚于起始日 / the new contract must end after it starts' }] : []),
  ...(e.to <= c.contract.to ? [{ pointer: '/to', message: `新合同须在现合同到期日 ${c.contract.to} 之后到期 / the new contract must end after the current one (${c.contract.to})` }] : []),
];

const exitCase = (note: string) => ({
  type: 'startCase' as const,
  params: ({ context }: { context: Context }): StartCaseParams => ({
    type: 'exit', ifOpen: 'link', orgId: context.person.orgId,
    body: { personId: context.person.id, reason: 'contract_end', note },
  }),
});

export const machine = setup({
  types: {} as { context: Context; events: Event; input: Input },
  actions: {
    notify: (_, _p: NotifyParams) => {},
    addRegisterEntry: (_, _p: AddRegisterEntryParams) => {},
    updateRegister: (_, _p: UpdateRegisterParams) => {},
    startCase: (_, _p: StartCaseParams) => {},
    renew: assign({
      renewal: ({ event }) => {
        const { type: _t, actor: _a, at, deadline: _d, cause: _c, ...r } = event as Ev<'RENEW'>;
        return { ...r, at, by: by(event) };
      },
    }),
    cancel: assign({ cancelled: ({ event }) => ({ at: event.at, by: by(event), reason: (event as Ev<'CANCEL'>).reason }) }),
    notRenewed: assign({ notRenewed: ({ event }) => ({ at: event.at, by: by(event), noAnswer: event.type === 'NO_ANSWER', ...(event.type === 'NOT_RENEW' ? { note: event.note } : {}) }) }),
  },
  guards: {
    canRenew: ({ context, event }) => event.type === 'RENEW' && renewalProblems(context, event).length === 0,
  },
}).createMachine({
  id: 'contract-renewal',
  context: ({ input }) => ({
    person: { id: input.person.id, name: input.person.name, kind: input.person.kind, orgId: input.person.orgId },
    contract: { from: input.contractFrom ?? null, to: input.contractTo },
    notToRenew: input.person.details.notToRenew === true,
    openedAt: input.at,
  }),
  entry: { type: 'notify', params: { template: 'task_assigned', to: { relation: 'own', roles: OWN_ROLES }, deadlineId: 'contract-ends' } },
  initial: 'deciding',
  states: {
    deciding: {
      on: {
        RENEW: {
          guard: 'canRenew', target: 'renewed',
          actions: ['renew', {
            type: 'addRegisterEntry',
            params: ({ context, event }) => {
              const e = event as Ev<'RENEW'>;
              return { personId: context.person.id, kind: 'contract' as const, onDate: e.from, data: { from: e.from, to: e.to, ...(e.contractKind ? { kind: e.contractKind } : {}), ...(e.number ? { number: e.number } : {}), renews: context.contract } };
            },
          }, {
            type: 'updateRegister',
            params: ({ context, event }) => {
              const e = event as Ev<'RENEW'>;
              return { personId: context.person.id, onDate: e.from, details: { contract: { from: e.from, to: e.to, ...(e.contractKind ? { kind: e.contractKind } : {}), ...(e.number ? { number: e.number } : {}) } } };
            },
          }],
        },
        NOT_RENEW: { target: 'exitOpened', actions: ['notRenewed', exitCase('合同期满，所在工会决定不再续签 / the union decided not to renew')] },
        CANCEL: { target: 'cancelled', actions: 'cancel' },
        NO_ANSWER: { target: 'exitOpened', actions: ['notRenewed', exitCase('合同到期前未作续签决定 / no renewal decided by the end date'), { type: 'notify', params: { template: 'decision', to: { relation: 'own', roles: OWN_ROLES } } }] },
      },
    },
    renewed: { type: 'final' },
    exitOpened: { type: 'final' },
    cancelled: { type: 'final' },
  },
});
