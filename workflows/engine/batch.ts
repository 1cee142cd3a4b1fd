// Many cases in one step (issue 8 item 4): a list of {instanceId, event} checked whole, then
// committed in ONE transaction through the same per-case step as engine.send (history row, chain,
// deadlines, effects), all or nothing. Every refused item is named; nothing is written then.
//
// A case named twice is applied in order: the later item sees the case as the earlier one left
// it (so SUBMIT then WITHDRAW of one case works). Reads are shared: the batch's cases in one query,
// their unions' lineages in two, the caller's union once; the calendar and settings once.
import type { Knex } from 'knex';
import type { AnyMachineSnapshot } from 'xstate';
import { instancesByIds } from '../../db/instances.ts';
import { ancestorIds, getOrg, inSubtree, orgsByIds } from '../../db/orgs.ts';
import type { InstanceRow, OrgRow } from '../../db/tables.ts';
import { flushWriteQueue, newWriteQueue, queuedRow, type WriteQueue } from '../../db/write-queue.ts';
import { moved as movedMeanwhile } from './history.ts';
import type { WorkingDayCalendar } from '../rules/calendar.ts';
import type { Settings } from '../settings.ts';
import { SYSTEM_ACTOR, type Actor, type DeadlineRef, type WorkflowDefinition } from '../types.ts';
import { eventRefusal } from './authorize.ts';
import type { CalendarSource } from './calendar-source.ts';
import type { EffectHandler, EffectHandlers } from './effects.ts';
import { clip, DomainError, forbidden, invalid, notFound, type ErrorCode, type FieldError } from './errors.ts';
import { acceptedTypes, restoreSnapshot, wrongState, type Clock, type EventBody } from './engine.ts';
import type { SettingsSource } from './settings-source.ts';
import { assertEventObject, knownEvent } from './event-checks.ts';

/** What one step reads once per call (or per batch); `batch` collects deferred effects. */
export type Read = {
  calendar: WorkingDayCalendar; settings: Settings; batch?: Map<string, unknown[]>;
  /** A bulk step's: the case rows and history rows it writes together when its effects are done. */
  queue?: WriteQueue;
};
type Step = (trx: Knex.Transaction, prev: InstanceRow, orgs: OrgRow[], event: EventBody, actor: Actor, read: Read, within?: never, deadline?: DeadlineRef) => Promise<InstanceRow>;
export type BatchDeps = {
  knex: Knex; clock: Clock; effects: EffectHandlers; calendar: CalendarSource; settings: SettingsSource;
  definition: (type: string, version?: number) => WorkflowDefinition | undefined; step: Step;
  allowedEvents: (def: WorkflowDefinition, snap: AnyMachineSnapshot, actor: Actor, lineage: number[]) => { type: string }[];
};
export type BatchItem = { instanceId: string; event: EventBody };
/** One refused item: where it stands in the batch, its case, and the error a single send would have raised. */
export type ItemRefusal = { index: number; instanceId: string; code: ErrorCode; title: string; message: string; errors: FieldError[] } & Record<string, unknown>;
/** Extra writes committed with the batch (e.g. the Idempotency-Key's stored answer). */
export type WithinBatch = (trx: Knex.Transaction, rows: InstanceRow[]) => Promise<void>;

export const MAX_BATCH = 5000;

/** The batch refused as a whole: a conflict when every refusal is one (state, version), else unprocessable. */
export class BatchRefused extends DomainError {
  constructor(readonly items: ItemRefusal[]) {
    const conflicts = items.every((i) => i.code === 'conflict' || i.code === 'stale');
    super(conflicts ? 'conflict' : 'invalid', conflicts ? '状态冲突 / Conflict' : '内容不符合要求 / Unprocessable content',
      `批量办理未执行：${items.length} 项被拒，其余亦未写入 / the batch was not applied: ${items.length} item(s) refused, nothing written`, [], { items });
  }
}

const refusalOf = (index: number, instanceId: string, e: DomainError): ItemRefusal =>
  ({ ...e.extra, index, instanceId, code: e.code, title: e.title, message: e.message, errors: e.errors });

/** Each case's union with its ancestors (own, parent, grandparent …), for all cases in two queries. */
async function lineages(db: Knex, rows: InstanceRow[]): Promise<Map<number, OrgRow[]>> {
  const own = await orgsByIds(db, [...new Set(rows.map((r) => r.org_id))]);
  const byId = new Map(own.map((o) => [o.id, o]));
  const missing = [...new Set(own.flatMap(ancestorIds))].filter((id) => !byId.has(id));
  for (const o of await orgsByIds(db, missing)) byId.set(o.id, o);
  return new Map(own.map((o) => [o.id, [o, ...ancestorIds(o).map((id) => byId.get(id)!)]]));
}

export async function sendMany(d: BatchDeps, a: { items: BatchItem[]; actor: Actor; within?: WithinBatch }): Promise<InstanceRow[]> {
  if (!a.items.length) return [];
  if (a.items.length > MAX_BATCH) throw invalid(`一次最多 ${MAX_BATCH} 项 / at most ${MAX_BATCH} items`, [{ pointer: '/items', message: `maxItems ${MAX_BATCH}` }]);
  const ids = [...new Set(a.items.map((i) => String(i.instanceId)))];
  const [rows, actorOrg] = await Promise.all([instancesByIds(d.knex, ids), a.actor.orgId === null ? undefined : getOrg(d.knex, a.actor.orgId)]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const orgsOf = await lineages(d.knex, rows);

  // Checked whole before anything is written: what a single send checks before its transaction,
  // and the step's own checks on the case as the batch found it. A later item of a case named
  // twice is checked in the transaction, on the case as the earlier item left it.
  const refusals: ItemRefusal[] = [];
  const seen = new Set<string>();
  a.items.forEach((item, index) => {
    try {
      precheck(d, item, byId.get(item.instanceId), orgsOf, a.actor, actorOrg, seen);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      refusals.push(refusalOf(index, String(item.instanceId), e));
    }
  });
  if (refusals.length) throw new BatchRefused(refusals);

  const [calendar, settings] = await Promise.all([d.calendar.get(), d.settings.get()]);
  // In case id order (stable: a case's own items keep theirs), so two batches over the same cases
  // take their row locks in the same order and never deadlock (PostgreSQL).
  const order = a.items.map((item, index) => ({ item, index })).sort((x, y) => (x.item.instanceId < y.item.instanceId ? -1 : x.item.instanceId > y.item.instanceId ? 1 : x.index - y.index));
  return d.knex.transaction(async (trx) => {
    const batch = new Map<string, unknown[]>();
    const queue = newWriteQueue(); // the cases' rows and history rows, many per statement at the end
    const out: InstanceRow[] = new Array(a.items.length);
    for (const { item, index } of order) {
      const prev = queuedRow(queue, item.instanceId) ?? byId.get(item.instanceId)!; // as this batch left it, also by a link
      try {
        const row = await d.step(trx, prev, orgsOf.get(prev.org_id)!, item.event, a.actor, { calendar, settings, batch, queue });
        out[index] = row;
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        refusals.push(refusalOf(index, item.instanceId, e));
      }
    }
    if (!refusals.length) {
      const moved = new Set(await flushWriteQueue(trx, queue)); // moved meanwhile by another writer (PostgreSQL)
      a.items.forEach((item, index) => moved.has(String(item.instanceId)) && refusals.push(refusalOf(index, String(item.instanceId), movedMeanwhile())));
    }
    if (refusals.length) throw new BatchRefused(refusals.sort((x, y) => x.index - y.index)); // rolls the whole batch back
    const now = d.clock.now();
    for (const [type, deferred] of batch) await (d.effects as unknown as Record<string, EffectHandler<unknown>>)[type]!.finishBatch!(trx, deferred, now);
    await a.within?.(trx, out);
    return out;
  });
}

/** The checks of engine.send and its step that need no write, in their order, raising their errors. */
function precheck(d: BatchDeps, item: BatchItem, prev: InstanceRow | undefined, orgsOf: Map<number, OrgRow[]>, actor: Actor, actorOrg: OrgRow | undefined, seen: Set<string>): void {
  if (!prev) throw notFound(`事项 ${clip(item.instanceId)} / case ${clip(item.instanceId)}`);
  const orgs = orgsOf.get(prev.org_id);
  if (!orgs) throw notFound(`工会 ${prev.org_id} / union ${prev.org_id}`);
  if (actor.id !== SYSTEM_ACTOR.id && (!actorOrg || !inSubtree(actorOrg, orgs[0])))
    throw forbidden(`该事项不在您所在工会的管辖范围内 / this case lies outside your union's subtree`);
  const event: unknown = item.event;
  assertEventObject(event);
  const { def, meta } = knownEvent(d.definition, prev, event);
  const first = !seen.has(prev.id);
  seen.add(prev.id);
  if (!first) return; // the case's state then is the earlier item's result: checked in the transaction
  const snap = restoreSnapshot(def.machine, prev.snapshot);
  const lineage = orgs.map((o) => o.id);
  const refusal = eventRefusal(def, meta, event.type, actor, lineage, def.submitter?.(snap.context));
  if (refusal) throw forbidden(refusal);
  if (prev.status !== 'active' || !acceptedTypes(snap).has(event.type)) {
    const allowed = d.allowedEvents(def, snap, actor, lineage).map((e) => e.type);
    throw wrongState(def, meta, prev.state, allowed);
  }
}
