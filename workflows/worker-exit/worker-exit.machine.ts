// P6 退出 — a union worker leaves (§3.4.1 R-lifecycle): the person's union reviews, the parent union
// approves when the person is a chair or cadre or the exit is a dismissal, the union ticks the
// handover, and the register record is closed with the exit date (kept, never deleted). While the
// case is open the person is `exit_review`; a refusal or withdrawal gives the earlier status back.
// A chair's approved exit opens the by-election (P4, §3.1.1 R-chair-vacancy) in the same
// transaction, the exit date its vacancy date, or joins the union's open one. Pure.
import { assign, setup } from 'xstate';
import type { Envelope, NotifyParams, Relation, Role, StartCaseParams, UpdateRegisterParams } from '../types.ts';
import type { RegisterPerson } from '../engine/register-refs.ts';
import { shanghaiDate, type IsoDate } from '../rules/calendar.ts';
import { HANDOVER_ITEMS, REASONS, type Reason } from './worker-exit.schemas.ts';

type By = { id: string; name: string };
export type Person = Pick<RegisterPerson, 'id' | 'name' | 'kind' | 'orgId' | 'status'> & { role: string | null };
export type Context = {
  person: Person;
  reason: Reason;
  note?: string;
  sourceCaseId?: string;
  openedAt: string;
  openedBy: By;
  /** A chair, a cadre, or a dismissal (不称职, discipline): the parent union approves (PROCESSES.md P6). */
  needsParentApproval: boolean;
  /** The person is a union's chair: the approval opens the by-election. */
  chair: boolean;
  exitDate?: IsoDate;
  review?: { at: string; by: By; opinion?: string };
  approval?: { at: string; by: By; comment?: string; actingChair?: string };
  handover?: { at: string; by: By; items: Record<string, boolean>; note?: string };
  /** How it ended without an exit: refused by the union or its parent, or withdrawn. */
  ended?: { how: 'rejected' | 'refused' | 'withdrawal'; at: string; by: By; reason: string };
};

type E<T extends string, P = {}> = { type: T } & P & Envelope;
export type Event =
  | E<'CONFIRM', { exitDate: IsoDate; opinion?: string }>
  | E<'REJECT', { reason: string }>
  | E<'APPROVE', { comment?: string; actingChair?: string }>
  | E<'REFUSE', { reason: string }>
  | E<'WITHDRAW', { reason: string }>
  | E<'HANDOVER_DONE', Record<keyof typeof HANDOVER_ITEMS, true> & { audit?: boolean; note?: string }>;
type Ev<T extends Event['type']> = Extract<Event, { type: T }>;
export type Input = { person: RegisterPerson; reason: Reason; note?: string; sourceCaseId?: string } & Envelope;

const DISMISSALS: Reason[] = ['unfit', 'discipline'];
/** Who acts for the person's union: its staff, hr or leaders. */
export const OWN_ROLES: Role[] = ['requester', 'hr', 'approver'];
/** The register kind of union cadres (RULES.md §2), whose exit the parent union approves. */
export const CADRE = 'cadre';
const by = (e: Envelope): By => ({ id: e.actor.id, name: e.actor.name });
const today = (e: Envelope) => shanghaiDate(new Date(e.at));
const notify = (template: string, relation: Relation, roles: Role[]) => ({ type: 'notify', params: { template, to: { relation, roles } } satisfies NotifyParams }) as const;

/** P4's reason for a vacancy from this exit's reason. */
const VACANCY_REASON: Record<Reason, string> = {
  resignation: 'resigned', retirement: 'retired', transfer: 'transferred', unfit: 'dismissed', discipline: 'dismissed', contract_end: 'other',
};

/** The checks of each event, shared by the guards and the 422 answers (index.ts). */
export const checks = {
  APPROVE: (c: Context, e: Ev<'APPROVE'>) => [
    ...(c.chair && !e.actingChair ? [{ pointer: '/actingChair', message: '主席退出须指定临时主持工作的负责人 / a chair\'s exit names the acting chair' }] : []),
    // P4 takes no vacancy after the day it is reported (R-chair-vacancy §3.1.1).
    ...(c.chair && c.exitDate! > today(e) ? [{ pointer: '/type', message: `主席退出日期 ${c.exitDate} 尚未到，届时再批准（补选自退出之日起计三个月）/ approve a chair's exit on or after its exit date ${c.exitDate}: the by-election's three months run from it` }] : []),
  ],
  HANDOVER_DONE: (c: Context, e: Ev<'HANDOVER_DONE'>) =>
    (c.chair && e.audit !== true ? [{ pointer: '/audit', message: '主席离任须完成经济责任审计 / a chair\'s handover needs the exit audit' }] : []),
};

/** The record goes back to what it was when the exit opened. */
const restore = (reason: string) => ({
  type: 'updateRegister' as const,
  params: ({ context, event }: { context: Context; event: Event }): UpdateRegisterParams => ({ personId: context.person.id, onDate: today(event), status: context.person.status, reason }),
});
const ended = (how: NonNullable<Context['ended']>['how'], event: Event) => ({ how, at: event.at, by: by(event), reason: (event as Ev<'REJECT'>).reason });

// A chair's exit opens the by-election of their union, or joins the one already open (one per union).
const openByElection = {
  type: 'startCase' as const,
  params: ({ context, event }: { context: Context; event: Event }): StartCaseParams => ({
    type: 'byElection', ifOpen: 'link',
    body: {
      vacancyDate: context.exitDate!, reason: VACANCY_REASON[context.reason], previousChair: context.person.name, actingChair: (event as Ev<'APPROVE'>).actingChair!,
      ...(context.reason === 'contract_end' ? { reasonNote: '合同期满不再续签 / contract ended without renewal' } : {}),
    },
  }),
};

export const machine = setup({
  types: {} as { context: Context; events: Event; input: Input },
  actions: {
    notify: (_, _p: NotifyParams) => {},
    updateRegister: (_, _p: UpdateRegisterParams) => {},
    startCase: (_, _p: StartCaseParams) => {},
    confirm: assign(({ event }) => {
      const e = event as Ev<'CONFIRM'>;
      return { exitDate: e.exitDate, review: { at: e.at, by: by(e), ...(e.opinion ? { opinion: e.opinion } : {}) } };
    }),
    approve: assign({
      approval: ({ event }) => {
        const e = event as Ev<'APPROVE'>;
        return { at: e.at, by: by(e), ...(e.comment ? { comment: e.comment } : {}), ...(e.actingChair ? { actingChair: e.actingChair } : {}) };
      },
    }),
    recordHandover: assign({
      handover: ({ event }) => {
        const e = event as Ev<'HANDOVER_DONE'>;
        const items = Object.fromEntries([...Object.keys(HANDOVER_ITEMS), 'audit'].map((k) => [k, e[k as keyof typeof e] === true]));
        return { at: e.at, by: by(e), items, ...(e.note ? { note: e.note } : {}) };
      },
    }),
    rejected: assign({ ended: ({ event }) => ended('rejected', event) }),
    refused: assign({ ended: ({ event }) => ended('refused', event) }),
    withdraw: assign({ ended: ({ event }) => ended('withdrawal', event) }),
  },
  guards: {
    needsParent: ({ context }) => context.needsParentApproval,
    canApprove: ({ context, event }) => event.type === 'APPROVE' && checks.APPROVE(context, event).length === 0,
    canApproveChair: ({ context, event }) => context.chair && event.type === 'APPROVE' && checks.APPROVE(context, event).length === 0,
    canClose: ({ context, event }) => event.type === 'HANDOVER_DONE' && checks.HANDOVER_DONE(context, event).length === 0,
  },
}).createMachine({
  id: 'worker-exit',
  context: ({ input }) => ({
    person: { id: input.person.id, name: input.person.name, kind: input.person.kind, orgId: input.person.orgId, status: input.person.status, role: typeof input.person.details.role === 'string' ? input.person.details.role : null },
    reason: input.reason,
    ...(input.note ? { note: input.note } : {}),
    ...(input.sourceCaseId ? { sourceCaseId: input.sourceCaseId } : {}),
    openedAt: input.at,
    openedBy: by(input),
    needsParentApproval: input.person.kind === CADRE || input.person.details.role === 'chair' || DISMISSALS.includes(input.reason),
    chair: input.person.details.role === 'chair',
  }),
  // Root entry runs once, at the start: the person is under exit review, and their union is told.
  entry: [
    {
      type: 'updateRegister',
      params: ({ context }) => ({ personId: context.person.id, onDate: shanghaiDate(new Date(context.openedAt)), status: 'exit_review', reason: `退出审核（${REASONS[context.reason].zh}）/ exit review (${context.reason})` }),
    },
    notify('task_assigned', 'own', OWN_ROLES),
  ],
  initial: 'review',
  states: {
    review: {
      on: {
        CONFIRM: [
          { guard: 'needsParent', target: 'parentApproval', actions: ['confirm', notify('task_assigned', 'parent', ['approver'])] },
          { target: 'handover', actions: 'confirm' },
        ],
        REJECT: { target: 'rejected', actions: ['rejected', restore('退出未获同意 / exit not agreed')] },
        WITHDRAW: { target: 'cancelled', actions: ['withdraw', restore('退出已撤回 / exit withdrawn')] },
      },
    },
    parentApproval: {
      on: {
        APPROVE: [
          { guard: 'canApproveChair', target: 'handover', actions: ['approve', notify('decision', 'own', OWN_ROLES), openByElection] },
          { guard: 'canApprove', target: 'handover', actions: ['approve', notify('decision', 'own', OWN_ROLES)] },
        ],
        REFUSE: { target: 'rejected', actions: ['refused', notify('decision', 'own', OWN_ROLES), restore('上一级工会未批准退出 / exit not approved by the parent union')] },
        WITHDRAW: { target: 'cancelled', actions: ['withdraw', restore('退出已撤回 / exit withdrawn')] },
      },
    },
    handover: {
      on: {
        HANDOVER_DONE: {
          guard: 'canClose', target: 'exited',
          actions: ['recordHandover', {
            type: 'updateRegister',
            params: ({ context, event }) => ({
              personId: context.person.id, onDate: context.exitDate!, status: 'exited', endDate: context.exitDate!,
              reason: `${REASONS[context.reason].zh} / ${REASONS[context.reason].en}`,
              details: { exit: { reason: context.reason, date: context.exitDate!, closedAt: event.at } },
            }),
          }],
        },
      },
    },
    exited: { type: 'final' },
    rejected: { type: 'final' },
    cancelled: { type: 'final' },
  },
});
