// The engine: restore → check → transition → persist. No actor lives between calls; each call
// restores the stored snapshot, applies one event, and commits the instance (compare-and-set on
// version), its history row, its deadlines and its effects in ONE transaction.
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { getNextTransitions, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import { lockCalendar } from '../../db/calendar.ts';
import { cancelDeadline, claimDeadline, deadlinesDependingOn } from '../../db/deadlines.ts';
import { closeDeadlines, getInstance, insertDeadline, insertDeadlines, lockInstance, openDeadlines, openInstanceOf, updateDeadlineDue } from '../../db/instances.ts';
import { getCachedOrg, inSubtree, lineageOf, lockOrg } from '../../db/orgs.ts';
import { adoptCase, isCorrelationKeyClash, lockOpenChildren, openCaseByKey, openChildrenByKey } from '../../db/case-links.ts';
import { resolveRegisterPeople } from './register-refs.ts';
import type { DeadlineRow, InstanceRow, OrgRow } from '../../db/tables.ts';
import type { IsoDate, WorkingDayCalendar } from '../rules/calendar.ts';
import type { Settings } from '../settings.ts';
import { SYSTEM_ACTOR, type Actor, type CaseCause, type DeadlineDecl, type DeadlineRef, type EventMeta, type StartCaseParams, type StartEnv, type WorkflowDefinition } from '../types.ts';
import { eventRefusal, startRefusal, type Lineage } from './authorize.ts';
import { loadCalendar, type CalendarSource } from './calendar-source.ts';
import { runEffect, type EffectHandlers, type LinkedCases } from './effects.ts';
import { lookup } from './lookup.ts';
import { loadSettingsFrom, type SettingsSource } from './settings-source.ts';
import { clip, conflict, DomainError, forbidden, invalid, notFound } from './errors.ts';
import { appendHistory, moved, recordEntry } from './history.ts';
import { keepSnapshot, keptSnapshot } from './snapshot-cache.ts';
import { flushWriteQueue, newWriteQueue, queueDeadlines, queuedRow, queueFull, type WriteQueue } from '../../db/write-queue.ts';
import { retryTransient } from '../../db/dialect.ts';
import { protectResidentIds } from './identities.ts';
import { inState, statePath, stateTitle } from './state-path.ts';
import type { PersonalData } from './personal-data.ts';
import { own } from './own.ts';
import { pureInitialTransition, pureTransition, restorePersisted } from './pure.ts';
import { checkBody } from './validate.ts';
import { orgRefProblems } from './org-refs.ts';
import { assertEventObject, knownEvent, type EventBody } from './event-checks.ts';
import { sendMany, type Read } from './batch.ts';

export type Clock = { now(): Date };
/** `settings` is read once per call (a change applies to the calls after it); `definitions`: every process the engine runs, by type and version; `effects`: what it may do besides its own rows (both from the composition root). */
export type EngineDeps = {
  knex: Knex; clock: Clock; settings: SettingsSource; calendar: CalendarSource; personal: PersonalData;
  definitions: readonly WorkflowDefinition[]; effects: EffectHandlers;
};
/** What the engine read for the transition, handed on so the caller need not read it again (e.g. for its answer); open deadlines are read at the first ask, once. */
export type Held = { openDeadlines: () => Promise<DeadlineRow[]>; lineage: number[]; snapshot: AnyMachineSnapshot };
/** Extra writes that must commit with the transition (e.g. the Idempotency-Key's stored answer). */
export type Within = (trx: Knex.Transaction, row: InstanceRow, held: Held) => Promise<void>;
export type { EventBody } from './event-checks.ts';
/** How many links deep one transition may reach (a case starting or signalling a case that does the same …): a definition that starts itself forever stops here. */
export const MAX_LINK_DEPTH = 5;
/** Where a transition stands among linked cases: how deep, and the cases mid-transition above it (none may be signalled again). */
type Link = { depth: number; chain: string[]; cause?: CaseCause };
const TOP: Link = { depth: 0, chain: [] };
/** A start checked and ready to write: the case's union with its ancestors, the start envelope, the instant. */
type ReadyStart = { def: WorkflowDefinition; orgs: OrgRow[]; env: StartEnv; now: Date; body: Record<string, unknown> };
type StartArgs = { body: unknown; actor: Actor; orgId: number; within?: Within; parentId?: string; correlationKey?: string };

/** A deadline moved by a calendar change, as its case's history records it. */
export type Recomputed = { deadlineId: number; declId: string; oldDueAt: string; newDueAt: string; provisional: boolean; wasProvisional: boolean };

/**
 * The snapshot as stored: XState's persisted form, so nothing of it is dropped (history values,
 * children, status, output). A snapshot without child actors (every pure machine's) is written
 * directly in the same form, key for key: a third of the time of getPersistedSnapshot's copies,
 * which matters to a campaign's bulk step over thousands of children.
 */
export function persistSnapshot(machine: AnyStateMachine, snap: AnyMachineSnapshot): string {
  if (Object.keys(snap.children).length) return JSON.stringify(machine.getPersistedSnapshot(snap));
  const { status, output, error, value, historyValue, context } = snap as AnyMachineSnapshot & { historyValue?: Record<string, unknown> };
  const history: Record<string, { id: string }[]> = {};
  for (const k in historyValue) {
    const nodes = historyValue[k];
    if (Array.isArray(nodes)) history[k] = nodes.map((n: { id: string }) => ({ id: n.id }));
  }
  return JSON.stringify({ status, output, error, value, historyValue: history, context, children: {} });
}

/**
 * A stored snapshot back, without starting anything (machine.restoreSnapshot on an inert scope,
 * no actor: pure.ts); no entry action runs. Rows written before persisted snapshots hold only
 * {value, context}: resolved from those, as then. Stored text is never rewritten, so every
 * snapshot_hash of the audit chain still holds.
 */
export function restoreSnapshot(machine: AnyStateMachine, text: string): AnyMachineSnapshot {
  const stored = JSON.parse(text);
  if (!('status' in stored)) return machine.resolveState({ value: stored.value, context: stored.context });
  return restorePersisted(machine, stored);
}

export function restore(def: WorkflowDefinition, row: InstanceRow): AnyMachineSnapshot {
  const known = keptSnapshot(def.machine, row);
  if (known) return known;
  const snap = restoreSnapshot(def.machine, row.snapshot);
  keepSnapshot(def.machine, row, snap);
  return snap;
}

const inDeclared = (path: string, declared: string[]) => declared.some((d) => inState(path, d));

const accepting = new WeakMap<AnyStateMachine, Map<string, ReadonlySet<string>>>();
/** Event types the current state has a transition for (guards aside): they depend on the state alone, so once per machine and state. */
export function acceptedTypes(snap: AnyMachineSnapshot): ReadonlySet<string> {
  const byState = accepting.get(snap.machine) ?? accepting.set(snap.machine, new Map()).get(snap.machine)!;
  const state = statePath(snap.value);
  let types = byState.get(state);
  if (!types) byState.set(state, (types = new Set(getNextTransitions(snap).map((t) => t.eventType))));
  return types;
}

/** 409 for an event the case's state does not take: both titles, so the reason an event's title gives (e.g. "frozen once …") reads in English too. */
export function wrongState(def: WorkflowDefinition, meta: EventMeta, state: string, allowed: string[]) {
  const title = stateTitle(def.states, state);
  return conflict(`当前环节「${title?.zh ?? state}」不能「${meta.title.zh}」；可办理 / not in ${title?.en ?? state}: ${meta.title.en}; allowed now: ${allowed.join(', ') || '无 none'}`, { allowedEvents: allowed, state });
}

export function createEngine(deps: EngineDeps) {
  const { knex, clock } = deps;
  const definition = lookup(deps.definitions);

  async function lineageOrgs(db: Knex | Knex.Transaction, orgId: number): Promise<OrgRow[]> {
    const orgs = await lineageOf(db, orgId);
    if (!orgs) throw notFound(`工会 ${orgId} / union ${orgId}`);
    return orgs;
  }

  async function assertVisible(actor: Actor, org: OrgRow): Promise<void> {
    if (actor.id === SYSTEM_ACTOR.id) return;
    const own = actor.orgId === null ? undefined : await getCachedOrg(knex, actor.orgId);
    if (!own || !inSubtree(own, org)) throw forbidden(`该事项不在您所在工会的管辖范围内 / this case lies outside your union's subtree`);
  }

  /** Events this caller may send now, with their schemas. */
  function allowedEvents(def: WorkflowDefinition, snap: AnyMachineSnapshot, actor: Actor, lineage: Lineage) {
    const accepted = acceptedTypes(snap);
    return Object.entries(def.events)
      .filter(([type, meta]) => accepted.has(type) && !eventRefusal(def, meta, type, actor, lineage, def.submitter?.(snap.context)))
      .map(([type, meta]) => ({ type, title: meta.title, schema: meta.schema, rules: meta.rules ?? [] }));
  }

  /** Runs a due rule and remembers what it read: the calendar dates, and whether one lay in a year not known yet. */
  /** null: the deadline does not apply to this case. */
  function computeDue(d: DeadlineDecl, context: unknown, enteredAt: Date, calendar: WorkingDayCalendar, settings: Settings) {
    const rec = calendar.recording();
    const due = d.due({ context, enteredAt, calendar: rec.calendar, settings });
    if (!due) return null;
    const span = rec.span();
    return { due_at: due.getTime(), basis_at: enteredAt.getTime(), provisional: !!span?.unknownYears.length, calendar_from: span?.from ?? null, calendar_to: span?.to ?? null };
  }

  async function persist(trx: Knex.Transaction, a: {
    def: WorkflowDefinition; row: InstanceRow; prev: InstanceRow | null; snap: AnyMachineSnapshot; actions: { type: string; params?: unknown }[];
    actor: Actor; eventType: string; payload: Record<string, unknown>; orgs: OrgRow[]; now: Date; calendar: WorkingDayCalendar; settings: Settings; within?: Within; link?: Link;
    batch?: Map<string, unknown[]>; // sendMany (batch.ts): effects deferred to the batch's end
    queue?: WriteQueue; // a bulk step's: this case's row and history row written at the step's end
  }): Promise<InstanceRow> {
    const { def, prev, now } = a;
    const at = now.toISOString();
    // A bulk step's new case waits in its queue too when nothing it does now could refer to its row
    // (mail only) and no one-per-union rule must see it (refuseSecondOpen reads the table).
    const queueNew = !prev && a.actions.every((x) => x.type === 'notify') && !def.start.onePerOrg;
    const row = await appendHistory(trx, prev, a.row, { type: a.eventType, actor: a.actor, payload: a.payload, at }, a.queue, queueNew);
    keepSnapshot(def.machine, row, a.snap); // for the case's next event (rolled back, its text is never read back)

    // Deadlines: created on entering the states that declare them (or a state inside one), closed on leaving them.
    const leaving: string[] = [];
    const entering: Parameters<typeof insertDeadlines>[1] = [];
    let staying = false;
    for (const d of def.deadlines) {
      const was = !!prev && prev.status === 'active' && inDeclared(prev.state, d.states);
      const is = row.status === 'active' && inDeclared(row.state, d.states);
      if (!was && is) {
        const due = computeDue(d, a.snap.context, now, a.calendar, a.settings);
        if (due) entering.push({ instance_id: row.id, decl_id: d.id, kind: d.kind, event: d.event, ...due, status: 'pending', rule: d.rule.rule, clause: d.rule.clause, created_at: at, fired_at: null, closed_at: null });
      } else if (was && !is) leaving.push(d.id);
      else if (was && is) staying = true;
    }
    // In a bulk step, the deadlines of a case with none in force before wait in the queue (so `open` is them).
    const entered = a.queue && !staying ? queueDeadlines(a.queue, entering) : await insertDeadlines(trx, entering);
    await closeDeadlines(trx, row.id, leaving, at);

    // A case's open deadlines are those of the declarations its state lies in (each is created on
    // entering them and closed on leaving). So when none was already in force before this step, they
    // are exactly the rows just inserted; otherwise they are read, only when an effect (a mail naming
    // its deadline) or the caller's answer asks, and then once.
    let read: Promise<DeadlineRow[]> | undefined;
    const open = () => (read ??= staying ? openDeadlines(trx, [row.id]) : Promise.resolve(entered.sort((x, y) => Number(x.due_at) - Number(y.due_at) || x.id - y.id)));
    // A step reaching many children (a campaign's bulk step) holds their writes in a queue and makes
    // them together: before any effect that might read them back, when it holds thousands, and at its end.
    const fanOut = a.actions.filter((x) => x.type === 'sendToCase' || x.type === 'startCase').length > 1;
    const children = fanOut ? newWriteQueue() : undefined;
    // Made at the first link effect: most transitions (a bulk step's thousands of children) have none.
    let made: LinkedCases | undefined;
    const cases = () => (made ??= linkedCases(trx, row, a.eventType, { calendar: a.calendar, settings: a.settings, queue: children }, a.link ?? TOP, fanOut));
    for (const action of a.actions) {
      if (children && (queueFull(children) || (action.type !== 'sendToCase' && action.type !== 'startCase'))) await flush(trx, children);
      await runEffect(deps.effects, { trx, def, row, context: a.snap.context, orgs: a.orgs, actor: a.actor, eventType: a.eventType, payload: a.payload, now, openDeadlines: open, personal: deps.personal, get cases() { return cases(); }, batch: a.batch, queue: a.queue }, action);
    }
    if (children) await flush(trx, children);
    await a.within?.(trx, row, { openDeadlines: open, lineage: a.orgs.map((o) => o.id), snapshot: a.snap });
    return row;
  }

  async function flush(trx: Knex.Transaction, q: WriteQueue): Promise<void> {
    const stale = await flushWriteQueue(trx, q).catch((e) => {
      // A bulk start takes no read per key (startIn): the open-key index refuses a key in use here.
      if (isCorrelationKeyClash(e)) throw conflict(`批量办理中有事项的关联键已被进行中的事项使用 / a case of this bulk step holds a correlation key an open case already holds`);
      throw e;
    });
    if (stale.length) throw moved();
  }

  function nextRow(def: WorkflowDefinition, base: InstanceRow, snap: AnyMachineSnapshot, now: Date): InstanceRow {
    const state = statePath(snap.value);
    return {
      ...base,
      state,
      status: snap.status === 'done' ? (own(def.finalStatus, state) ?? 'done') : 'active',
      subject: def.subject(snap.context).slice(0, 500),
      snapshot: persistSnapshot(def.machine, snap),
      version: base.version + 1,
      updated_at: now.toISOString(),
    };
  }

  return {
    lineageOrgs,
    allowedEvents,
    /** Many cases in one transaction (batch.ts). */
    sendMany: (a: Parameters<typeof sendMany>[1]) => retryTransient(() => sendMany({ knex, clock, effects: deps.effects, calendar: deps.calendar, settings: deps.settings, definition, step, allowedEvents }, a)),

    // start, send and sendMany run again, reads included, when PostgreSQL broke a deadlock by
    // rolling their transaction back (cases linked both ways, signalled from both sides at once).
    /** `version`: an earlier version of the definition (default: the newest), e.g. to run a case as older ones run. */
    start: (a: { type: string; version?: number } & Omit<StartArgs, 'parentId'>): Promise<InstanceRow> => retryTransient(async () => {
      const def = definition(a.type, a.version);
      if (!def) throw notFound(`流程 ${clip(a.type)} / process ${clip(a.type)}`);
      const settings = await deps.settings.get();
      const ready = await checkStart(knex, def, a, settings);
      const calendar = await deps.calendar.get();
      return knex.transaction((trx) => startIn(trx, ready, a, { calendar, settings }, TOP));
    }),

    send: (a: { instanceId: string; event: EventBody; actor: Actor; ifMatch?: number; within?: Within }): Promise<InstanceRow> => retryTransient(async () => {
      const prev = await getInstance(knex, a.instanceId);
      if (!prev) throw notFound(`事项 ${clip(a.instanceId)} / case ${clip(a.instanceId)}`);
      const orgs = await lineageOrgs(knex, prev.org_id);
      await assertVisible(a.actor, orgs[0]);
      assertEventObject(a.event);
      if (a.ifMatch !== undefined && a.ifMatch !== prev.version)
        throw new DomainError('stale', '版本已变化 / Precondition failed', `该事项已更新到第 ${prev.version} 版，请刷新后再操作 / the case is at version ${prev.version}, not ${a.ifMatch}`);
      const [calendar, settings] = await Promise.all([deps.calendar.get(), deps.settings.get()]);
      return knex.transaction((trx) => step(trx, prev, orgs, a.event, a.actor, { calendar, settings }, a.within));
    }),

    /** Like send, inside the caller's transaction (an import commits its rows as one event with its own writes). */
    async sendIn(trx: Knex.Transaction, a: { instanceId: string; event: EventBody; actor: Actor }): Promise<InstanceRow> {
      await lockInstance(trx, a.instanceId);
      const prev = await getInstance(trx, a.instanceId);
      if (!prev) throw notFound(`事项 ${clip(a.instanceId)} / case ${clip(a.instanceId)}`);
      const orgs = await lineageOrgs(trx, prev.org_id);
      await assertVisible(a.actor, orgs[0]);
      assertEventObject(a.event);
      // Read through the transaction: the sources' own reads would wait for a second connection (SQLite has one).
      const [calendar, { settings }] = [await loadCalendar(trx), await loadSettingsFrom(trx)];
      return step(trx, prev, orgs, a.event, a.actor, { calendar, settings });
    },

    /** Whether the actor may send an event of this type to the case now (who and state, not the body): the refusal send would raise, else the case's context. */
    async mayNow(db: Knex | Knex.Transaction, a: { instanceId: string; type: string; actor: Actor }): Promise<{ row: InstanceRow; context: unknown }> {
      const prev = await getInstance(db, a.instanceId);
      if (!prev) throw notFound(`事项 ${clip(a.instanceId)} / case ${clip(a.instanceId)}`);
      const orgs = await lineageOrgs(db, prev.org_id);
      await assertVisible(a.actor, orgs[0]);
      const def = definition(prev.type, prev.definition_version);
      const meta = def && own(def.events, a.type) as EventMeta | undefined;
      if (!def || !meta) throw notFound(`事件 ${clip(a.type)} / event ${clip(a.type)}`);
      const snap = restore(def, prev);
      const lineage = orgs.map((o) => o.id);
      const refusal = eventRefusal(def, meta, a.type, a.actor, lineage, def.submitter?.(snap.context));
      if (refusal) throw forbidden(refusal);
      if (prev.status !== 'active' || !acceptedTypes(snap).has(a.type)) throw wrongState(def, meta, prev.state, allowedEvents(def, snap, a.actor, lineage).map((e) => e.type));
      return { row: prev, context: snap.context };
    },

    /**
     * A change of the city-wide calendar with its consequences, in ONE transaction: `change` writes
     * the override or year mark; then every pending deadline whose due rule read a date in [from, to],
     * and every provisional one, is computed again on the new calendar from the instant its states
     * were entered, and each case whose deadlines moved (or became firm) gets a DEADLINE_RECOMPUTED
     * history entry by the system, naming `cause`.
     */
    async changeCalendar<T>(a: { from: IsoDate; to: IsoDate; cause: Record<string, unknown>; change: (trx: Knex.Transaction) => Promise<T> }): Promise<{ result: T; cases: { instanceId: string; deadlines: Recomputed[] }[] }> {
      const settings = await deps.settings.get();
      const out = await knex.transaction(async (trx) => {
        await lockCalendar(trx);
        const result = await a.change(trx);
        const calendar = await loadCalendar(trx);
        const byCase = new Map<string, DeadlineRow[]>();
        for (const r of await deadlinesDependingOn(trx, a.from, a.to)) byCase.set(r.instance_id, [...(byCase.get(r.instance_id) ?? []), r]);
        const cases: { instanceId: string; deadlines: Recomputed[] }[] = [];
        const now = clock.now();
        for (const rows of byCase.values()) {
          const done = await recomputeCase(trx, rows, calendar, settings);
          if (!done?.moved.length) continue;
          await recordEntry(trx, done.prev, { type: 'DEADLINE_RECOMPUTED', actor: SYSTEM_ACTOR, payload: { deadlines: done.moved, cause: a.cause }, at: now.toISOString() });
          cases.push({ instanceId: done.prev.id, deadlines: done.moved });
        }
        return { result, cases };
      });
      deps.calendar.invalidate();
      return out;
    },

    /** The scheduler's path: claim a due deadline and send its event as the system, in one transaction. */
    async fire(deadline: DeadlineRow): Promise<'fired' | 'cancelled' | 'taken'> {
      const [calendar, settings] = await Promise.all([deps.calendar.get(), deps.settings.get()]);
      return knex.transaction(async (trx) => {
        const now = clock.now();
        // The case before its deadline, the order a transition takes them in: a firing waits for a
        // transition or another firing of the same case, then reads the case as it left it, instead
        // of losing the compare-and-set to it and cancelling the deadline (PostgreSQL).
        await lockInstance(trx, deadline.instance_id);
        // Only at the instant the caller saw: a calendar change may have moved it meanwhile.
        if (!(await claimDeadline(trx, deadline, now))) return 'taken';
        const prev = (await getInstance(trx, deadline.instance_id))!;
        const def = definition(prev.type, prev.definition_version);
        const decl = def?.deadlines.find((d) => d.id === deadline.decl_id);
        const cancel = async () => {
          await cancelDeadline(trx, deadline.id, now);
          return 'cancelled' as const;
        };
        if (!def || !decl || prev.status !== 'active' || !inDeclared(prev.state, decl.states)) return cancel();
        const orgs = await lineageOrgs(trx, prev.org_id);
        const fired: DeadlineRef = { id: deadline.id, declId: deadline.decl_id, kind: deadline.kind, dueAt: new Date(Number(deadline.due_at)).toISOString(), rule: deadline.rule, clause: deadline.clause };
        try {
          // In a savepoint: a refusal raised after the case's row was written (by a linked case) leaves nothing of the step behind.
          await trx.transaction((sp) => step(sp, prev, orgs, { type: decl.event }, SYSTEM_ACTOR, { calendar, settings }, undefined, fired));
        } catch (e) {
          // A conflict, or a linked case refusing what this firing would start or send (e.g. an exit for
          // someone who left meanwhile): firing again would meet the same refusal every tick.
          if (e instanceof DomainError && (e.code === 'conflict' || e.extra.linkedCase)) return cancel();
          throw e;
        }
        const days = typeof decl.repeatEveryDays === 'function' ? decl.repeatEveryDays(restore(def, prev).context) : decl.repeatEveryDays;
        if (days) {
          // Re-arm at the first slot after now: a server down for weeks sends one notice, not a burst.
          const every = days * 86_400_000;
          const due = Number(deadline.due_at) + every * Math.max(1, Math.ceil((now.getTime() - Number(deadline.due_at) + 1) / every));
          const { id: _fired, ...again } = deadline;
          // Re-armed from its firing, not from its rule: a calendar change does not recompute it.
          await insertDeadline(trx, { ...again, due_at: due, status: 'pending', created_at: now.toISOString(), fired_at: null, closed_at: null, provisional: false, basis_at: null, calendar_from: null, calendar_to: null });
        }
        return 'fired';
      });
    },
  };

  /** Pending deadlines of one case that a calendar change moves (or makes firm), computed again and written. */
  async function recomputeCase(trx: Knex.Transaction, rows: DeadlineRow[], calendar: WorkingDayCalendar, settings: Settings): Promise<{ prev: InstanceRow; moved: Recomputed[] } | undefined> {
    await lockInstance(trx, rows[0].instance_id);
    const prev = await getInstance(trx, rows[0].instance_id);
    const def = prev && definition(prev.type, prev.definition_version);
    if (!prev || !def || prev.status !== 'active') return undefined;
    const context = restore(def, prev).context;
    const moved: Recomputed[] = [];
    for (const r of rows) {
      const decl = def.deadlines.find((d) => d.id === r.decl_id);
      if (!decl || decl.repeatEveryDays || r.basis_at === null) continue; // repeating ones are re-armed from their firing
      const next = computeDue(decl, context, new Date(Number(r.basis_at)), calendar, settings);
      if (!next || next.due_at === Number(r.due_at) && next.provisional === !!r.provisional) continue;
      if (!(await updateDeadlineDue(trx, r.id, next))) continue; // fired or closed meanwhile
      moved.push({ deadlineId: r.id, declId: r.decl_id, oldDueAt: new Date(Number(r.due_at)).toISOString(), newDueAt: new Date(next.due_at).toISOString(), provisional: next.provisional, wasProvisional: !!r.provisional });
    }
    return { prev, moved };
  }

  /** Every check of a start before its transaction (a child's inside its parent's): who, the body's schema, the start rules. */
  async function checkStart(db: Knex | Knex.Transaction, def: WorkflowDefinition, a: StartArgs, settings: Settings, parent?: InstanceRow, orgsOf = (id: number) => lineageOrgs(db, id)): Promise<ReadyStart> {
    const orgs = await orgsOf(a.orgId);
    const refusal = startRefusal(def, a.actor, orgs.map((o) => o.id), orgs[0], settings);
    if (refusal) throw forbidden(refusal);
    const errors = checkBody(def.start.schema, a.body);
    if (!errors.length) errors.push(...await orgRefProblems(db, def.start.schema, a.body, orgs[0]));
    if (errors.length) throw invalid(`申请内容不完整或有误 / the request is incomplete or wrong`, errors);
    const now = clock.now();
    const { id, kind, name } = orgs[0];
    const env: StartEnv = { actor: a.actor, at: now.toISOString(), orgId: a.orgId, org: { id, kind, name }, settings, ...(parent ? { parent: { id: parent.id, type: parent.type } } : {}) };
    const resolved = await resolveRegisterPeople(db, def.start.schema, a.body as Record<string, unknown>, orgs[0]);
    const problems = resolved.problems.length ? resolved.problems : def.start.check?.(resolved.body, env) ?? [];
    if (problems.length) throw invalid(`「${def.start.title.zh}」不符合规则 / the start input breaks a rule`, problems);
    return { def, orgs, env, now, body: resolved.body };
  }

  async function startIn(trx: Knex.Transaction, { def, orgs, env, now, body: resolved }: ReadyStart, given: StartArgs, read: Read, link: Link): Promise<InstanceRow> {
    const a = { ...given, correlationKey: given.correlationKey ?? def.start.correlationKey?.(resolved, env) };
    if (def.start.onePerOrg) await refuseSecondOpen(trx, def, orgs[0]);
    // In a bulk step (thousands of children) the partial unique index alone refuses a key in use (below): no read per child.
    if (a.correlationKey && !read.queue) await refuseKeyInUse(trx, def, a.correlationKey);
    const body = await protectResidentIds(trx, deps.personal, def.start.schema, resolved, now);
    const [snap, actions] = pureInitialTransition(def.machine, def.input(body, env));
    const base: InstanceRow = {
      id: randomUUID(), type: def.type, definition_version: def.version, state: '', status: 'active', org_id: a.orgId, subject: '',
      snapshot: '', version: 0, created_by: a.actor.id, created_at: now.toISOString(), updated_at: '', head_hash: null,
      parent_id: a.parentId ?? null, correlation_key: a.correlationKey ?? null,
    };
    const row = nextRow(def, base, snap, now);
    const payload = link.cause ? { ...body, cause: link.cause } : body; // a child's history names the case that started it
    try {
      return await persist(trx, { def, row, prev: null, snap, actions, actor: a.actor, eventType: 'START', payload, orgs, now, ...read, within: a.within, link });
    } catch (e) {
      // A concurrent start with the same key committed first (PostgreSQL: this insert waited for it).
      if (a.correlationKey && isCorrelationKeyClash(e)) throw keyInUse(def, a.correlationKey);
      throw e;
    }
  }

  /** At most one active case of a type per correlation key; the partial unique index settles a race. */
  async function refuseKeyInUse(trx: Knex.Transaction, def: WorkflowDefinition, key: string): Promise<void> {
    const open = await openCaseByKey(trx, def.type, key);
    if (open) throw keyInUse(def, key, open);
  }
  function keyInUse(def: WorkflowDefinition, key: string, open?: InstanceRow): DomainError {
    return conflict(`已有一件进行中的「${def.title.zh}」使用关联键「${clip(key)}」${open ? `（${open.id}）` : ''} / an open ${def.type} case already holds the key ${clip(key)}`, open ? { openInstance: { id: open.id, subject: open.subject, state: open.state } } : {});
  }

  /** The link effects' view of the engine, for one persisted transition of `row` (see effects.ts LinkedCases). */
  /**
   * `fanOut`: the transition sends to many children (a campaign's bulk step), so its open children
   * are locked and read in one statement and each is then stepped from the row its last step left.
   */
  function linkedCases(trx: Knex.Transaction, row: InstanceRow, eventType: string, read: Read, link: Link, fanOut = false): LinkedCases {
    let kids: { byId: Map<string, InstanceRow>; byKey: Map<string, string[]> } | undefined;
    // A bulk step's thousands of children lie in a few unions: each union's lineage read once per step.
    const lineages = new Map<number, Promise<OrgRow[]>>();
    const orgsOf = (orgId: number) => lineages.get(orgId) ?? lineages.set(orgId, lineageOrgs(trx, orgId)).get(orgId)!;
    const index = (byKey: Map<string, string[]>, c: InstanceRow) => c.correlation_key && byKey.set(c.correlation_key, [...(byKey.get(c.correlation_key) ?? []), c.id]);
    const children = async () => {
      if (kids) return kids;
      const rows = await lockOpenChildren(trx, row.id);
      kids = { byId: new Map(rows.map((c) => [c.id, c])), byKey: new Map() };
      for (const c of rows) index(kids.byKey, c);
      return kids;
    };
    const next = (): Link => {
      if (link.depth >= MAX_LINK_DEPTH)
        throw conflict(`关联事项层级超过 ${MAX_LINK_DEPTH} 层，已停止 / linked cases nested deeper than ${MAX_LINK_DEPTH}: stopped (${row.type} ${eventType})`);
      return { depth: link.depth + 1, chain: [...link.chain, row.id], cause: { instanceId: row.id, type: row.type, event: eventType } };
    };
    return {
      start: async (p: StartCaseParams) => {
        const inner = next();
        const def = definition(p.type);
        if (!def) throw notFound(`流程 ${clip(p.type)} / process ${clip(p.type)}`);
        const a: StartArgs = { body: p.body, actor: SYSTEM_ACTOR, orgId: p.orgId ?? row.org_id, parentId: row.id, correlationKey: p.correlationKey };
        const child = await linked(def, async () => {
          const ready = await checkStart(trx, def, a, read.settings, row, orgsOf);
          const open = p.ifOpen === 'link' ? await openCaseFor(trx, def, ready, a) : undefined;
          return open ? linkOpen(trx, open, row, eventType) : startIn(trx, ready, a, read, inner);
        });
        if (kids) {
          kids.byId.set(child.id, child);
          index(kids.byKey, child);
        }
        return child;
      },
      childrenByKey: async (key) => {
        if (!fanOut) return openChildrenByKey(trx, row.id, key);
        const { byId, byKey } = await children();
        return (byKey.get(key) ?? []).map((id) => byId.get(id)!).filter((c) => c.status === 'active');
      },
      send: async (instanceId, event) => {
        const inner = next();
        if (inner.chain.includes(instanceId))
          throw conflict(`事项 ${instanceId} 正在办理本次操作，不能在同一操作中再接收事件 / case ${instanceId} is mid-transition in this step and cannot take another event from it`);
        const known = kids?.byId.get(instanceId) ?? queuedRow(read.queue, instanceId);
        if (!known) await lockInstance(trx, instanceId);
        const prev = known ?? await getInstance(trx, instanceId);
        if (!prev) throw notFound(`事项 ${clip(instanceId)} / case ${clip(instanceId)}`);
        const def = definition(prev.type, prev.definition_version);
        const after = await linked(def, async () => step(trx, prev, await orgsOf(prev.org_id), event, SYSTEM_ACTOR, read, undefined, undefined, inner));
        if (kids?.byId.has(instanceId)) kids.byId.set(instanceId, after);
        return after;
      },
    };
  }

  /** The open case a start would be refused for: the union's one (onePerOrg), or the one holding the key. */
  async function openCaseFor(trx: Knex.Transaction, def: WorkflowDefinition, ready: ReadyStart, a: StartArgs): Promise<InstanceRow | undefined> {
    const key = a.correlationKey ?? def.start.correlationKey?.(ready.body, ready.env);
    if (def.start.onePerOrg) {
      await lockOrg(trx, ready.orgs[0].id);
      const open = await openInstanceOf(trx, def.type, ready.orgs[0].id);
      if (open) return open;
    }
    return key ? openCaseByKey(trx, def.type, key) : undefined;
  }

  /** StartCaseParams.ifOpen 'link': the open case joins the starting one (its child, if it has no parent yet); its history says so. */
  async function linkOpen(trx: Knex.Transaction, open: InstanceRow, by: InstanceRow, eventType: string): Promise<InstanceRow> {
    await lockInstance(trx, open.id);
    const now = (await getInstance(trx, open.id))!;
    // updateInstance writes only what a step moves, so the new link is its own write.
    const adopted = !now.parent_id && (await adoptCase(trx, now.id, by.id));
    return recordEntry(trx, { ...now, ...(adopted ? { parent_id: by.id } : {}) }, {
      type: 'LINKED', actor: SYSTEM_ACTOR, at: clock.now().toISOString(),
      payload: { cause: { instanceId: by.id, type: by.type, event: eventType }, adopted },
    });
  }

  /** A linked case's refusal, as the refusal of the transition that caused it (which it rolls back). */
  async function linked<T>(def: WorkflowDefinition | undefined, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (e) {
      if (!(e instanceof DomainError) || !def || e.extra.linkedCase) throw e;
      throw new DomainError(e.code, e.title, `关联事项「${def.title.zh}」：${e.message} / in the linked ${def.type} case`, e.errors, { ...e.extra, linkedCase: { type: def.type } });
    }
  }

  /** start.onePerOrg: the union's row is locked first, so of two concurrent starts the second sees the first's case. */
  async function refuseSecondOpen(trx: Knex.Transaction, def: WorkflowDefinition, org: OrgRow): Promise<void> {
    await lockOrg(trx, org.id);
    const open = await openInstanceOf(trx, def.type, org.id);
    if (open)
      throw conflict(`${org.name} 已有一件进行中的「${def.title.zh}」（${open.id}：${open.subject}），请在该事项中办理 / ${org.name} already has an open ${def.type} case ${open.id}`, { openInstance: { id: open.id, subject: open.subject, state: open.state } });
  }

  async function step(trx: Knex.Transaction, prev: InstanceRow, orgs: OrgRow[], event: EventBody, actor: Actor, read: Read, within?: Within, deadline?: DeadlineRef, link: Link = TOP): Promise<InstanceRow> {
    const { def, meta } = knownEvent(definition, prev, event);
    const snap = restore(def, prev);
    const lineage = orgs.map((o) => o.id);
    const refusal = eventRefusal(def, meta, event.type, actor, lineage, def.submitter?.(snap.context));
    if (refusal) throw forbidden(refusal);
    if (link.cause && meta.by !== 'system')
      throw forbidden(`「${def.title.zh}」的「${meta.title.zh}」不接受其他事项发来 / ${def.type} does not accept ${event.type} from another case (it is not declared by: 'system')`);
    const allowed = () => allowedEvents(def, snap, actor, lineage).map((e) => e.type);
    const closedOrWrongState = () => wrongState(def, meta, prev.state, allowed());
    if (prev.status !== 'active' || !acceptedTypes(snap).has(event.type)) throw closedOrWrongState();
    const outside = await orgRefProblems(trx, meta.schema, event, orgs[0]);
    if (outside.length) throw invalid(`「${meta.title.zh}」的内容有误 / the ${event.type} body is not valid`, outside);
    const now = clock.now();
    const env = { actor, at: now.toISOString(), caseId: prev.id, ...(deadline ? { deadline } : {}), ...(link.cause ? { cause: link.cause } : {}) };
    const safe = await protectResidentIds(trx, deps.personal, meta.schema, event, now); // what the machine and the history see
    const gathered = meta.gather ? await meta.gather(trx, { context: snap.context, event: safe as never, org: orgs[0], links: def.links ?? {} }) : {};
    const full = { ...safe, ...gathered, ...env };
    if (!snap.can(full)) {
      const problems = meta.check?.(snap.context, event, env) ?? [];
      if (problems.length) throw invalid(`「${meta.title.zh}」不符合规则 / ${event.type} breaks a rule`, problems);
      throw closedOrWrongState();
    }
    const [next, actions] = pureTransition(def.machine, snap, full);
    const { type, ...fields } = safe;
    // The audit trail names the deadline that fired, or the linked case that sent the event.
    const payload = { ...fields, ...(deadline ? { deadline } : {}), ...(link.cause ? { cause: link.cause } : {}) };
    const row = nextRow(def, prev, next, now);
    return persist(trx, { def, row, prev, snap: next, actions, actor, eventType: type, payload, orgs, now, ...read, within, link });
  }
}

export type Engine = ReturnType<typeof createEngine>;
