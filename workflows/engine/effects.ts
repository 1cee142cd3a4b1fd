// The named effects a transition returns become rows in the same transaction: mail in the outbox,
// an issued document, a person in the register. The handlers are a registry the engine is given.
import type { Knex } from 'knex';
import { createHash } from 'node:crypto';
import { insertDocument, nextDocumentSeq } from '../../db/documents.ts';
import { closeRecord, getPerson, insertPerson, openRecordsOf, updatePerson } from '../../db/people.ts';
import { getOrg, inSubtree } from '../../db/orgs.ts';
import { insertPersonRecords } from '../../db/person-records.ts';
import { getInstance } from '../../db/instances.ts';
import type { DeadlineRow, InstanceRow, OrgRow } from '../../db/tables.ts';
import type { WriteQueue } from '../../db/write-queue.ts';
import { shanghaiDate } from '../rules/calendar.ts';
import { conflict } from './errors.ts';
import { identityFor } from './identities.ts';
import type { PersonalData } from './personal-data.ts';
import { isResidentId } from '../rules/resident-id.ts';
import { own } from './own.ts';
import { writeEntries } from './register.ts';
import { loadSettingsFrom } from './settings-source.ts';
import type {
  Actor, AddRegisterEntryParams, EnterRegisterParams, IssueDocumentParams, LeaveRegisterParams, NotifyParams, SendToCaseParams, StartCaseParams, UpdateRegisterParams, WorkflowDefinition,
} from '../types.ts';
import { stateTitle } from './state-path.ts';

export type EffectScope = {
  trx: Knex.Transaction;
  def: WorkflowDefinition;
  row: InstanceRow;
  context: any;
  orgs: OrgRow[]; // own, parent, grandparent …
  actor: Actor;
  eventType: string;
  payload: Record<string, unknown>;
  now: Date;
  /** The case's deadlines in force after the transition (read at the first call, once). */
  openDeadlines: () => Promise<DeadlineRow[]>;
  personal: PersonalData;
  /** Cases linked to this one, through the engine's own start and step paths in this transaction. */
  cases: LinkedCases;
  /** Set in a batch (batch.ts) for a handler that can finish a batch: hand it a row to write once at the batch's end instead of now. */
  defer?: (item: unknown) => void;
  /** In a batch: what its handlers deferred so far, by effect type. */
  batch?: Map<string, unknown[]>;
  /** In a bulk step: where rows nothing reads back within it (mail) wait to be written together at its end. */
  queue?: WriteQueue;
};

/** What the engine lends the link effects: start a child of this case; send an event to a case by id (the handler chose it). */
export type LinkedCases = {
  start(p: StartCaseParams): Promise<InstanceRow>;
  /** This case's active children holding a correlation key. */
  childrenByKey(key: string): Promise<InstanceRow[]>;
  send(instanceId: string, event: SendToCaseParams['event']): Promise<InstanceRow>;
};

/** Turns one effect into rows in the transition's transaction; throwing rolls the whole transition back. */
export type EffectHandler<P> = ((s: EffectScope, params: P) => Promise<void>) & {
  /** Writes what the handler deferred over a whole batch, once, at its end (e.g. mail grouped per recipient); without it nothing is deferred. */
  finishBatch?: (trx: Knex.Transaction, deferred: unknown[], now: Date) => Promise<void>;
};

/**
 * The effects a machine may return, by action type: the engine is given these by the composition
 * root (server/system.ts) and runs nothing else. An optional slot left empty in a registry (a test's)
 * makes a machine returning its effect an error there.
 */
export type EffectHandlers = {
  notify: EffectHandler<NotifyParams>;
  issueDocument: EffectHandler<IssueDocumentParams>;
  enterRegister: EffectHandler<EnterRegisterParams>;
  updateRegister?: EffectHandler<UpdateRegisterParams>;
  addRegisterEntry?: EffectHandler<AddRegisterEntryParams>;
  leaveRegister: EffectHandler<LeaveRegisterParams>;
  startCase?: EffectHandler<StartCaseParams>;
  sendToCase?: EffectHandler<SendToCaseParams>;
};

/** An effect nobody handles is a fault of the definition, never a silent no-op. */
export async function runEffect(handlers: EffectHandlers, s: EffectScope, action: { type: string; params?: unknown }): Promise<void> {
  const handler = Object.hasOwn(handlers, action.type) ? (handlers as Record<string, EffectHandler<unknown> | undefined>)[action.type] : undefined;
  if (!handler) throw new Error(`${s.def.type}: no handler for effect ${action.type} (event ${s.eventType})`);
  const batch = s.batch;
  const defer = batch && handler.finishBatch ? (item: unknown) => {
    if (!batch.has(action.type)) batch.set(action.type, []);
    batch.get(action.type)!.push(item);
  } : undefined;
  await handler(defer ? { ...s, defer } : s, action.params);
}

const abbrOf = (o: OrgRow) => o.abbr ?? `${o.name.slice(0, 2)}工`;

/** A document the definition declares, numbered per issuing union, kind and year; its content frozen with its hash. */
export const issueDocument: EffectHandler<IssueDocumentParams> = async (s, p) => {
  const decl = own(s.def.documents, p.kind);
  if (!decl) throw new Error(`${s.def.type} has no document ${p.kind}`);
  const issuer = s.orgs.find((o) => o.id === s.actor.orgId) ?? s.orgs[1];
  const year = Number(shanghaiDate(s.now).slice(0, 4));
  const seq = await nextDocumentSeq(s.trx, issuer.id, p.kind, year);
  const input = { context: s.context, to: { name: s.orgs[0].name }, issuer: { name: issuer.name, abbr: abbrOf(issuer) }, year, seq };
  const number = decl.number(input);
  const title = decl.heading(input);
  const content = {
    number, title, kind: p.kind,
    to: s.orgs[0].name, issuer: issuer.name, date: shanghaiDate(s.now),
    approver: s.actor.name, ...decl.content(input),
    rules: s.def.rules, process: s.def.title, instanceId: s.row.id,
  };
  const json = JSON.stringify(content);
  await insertDocument(s.trx, {
    instance_id: s.row.id, kind: p.kind, issuer_org_id: issuer.id, year, seq, number, title, content: json,
    content_hash: createHash('sha256').update(json).digest('hex'), issued_at: s.now.toISOString(),
  });
};

/** A new record, with its first status entry and, when it came with a contract, that contract as an entry (the timeline's start). */
export const enterRegister: EffectHandler<EnterRegisterParams> = async (s, p) => {
  const { idNumberRef: _ref, ...details } = p.details;
  const contract = contractOf(details.contract);
  const at = p.orgId === undefined || p.orgId === s.row.org_id ? undefined : await getOrg(s.trx, p.orgId);
  if (p.orgId !== undefined && p.orgId !== s.row.org_id && !(at && inSubtree(s.orgs[0], at)))
    throw conflict(`工会 ${p.orgId} 不在「${s.orgs[0].name}」的管辖范围内，不能登记到名册 / union ${p.orgId} is outside ${s.orgs[0].name}'s subtree: not entered in the register`);
  const id = await insertPerson(s.trx, {
    org_id: at?.id ?? s.row.org_id, name: p.name, identity_id: await identityOf(s, p), kind: p.personKind, status: p.status,
    start_date: p.startDate, end_date: null, details: JSON.stringify(details), source_instance_id: s.row.id, created_at: s.now.toISOString(),
    post: typeof details.post === 'string' ? details.post.slice(0, 200) : null, contract_end: contract?.to ?? null,
  });
  await insertPersonRecords(s.trx, [
    entry(s, id, 'status', p.startDate, { from: null, to: p.status, reason: null }),
    ...(contract ? [entry(s, id, 'contract', contract.from, contract)] : []),
  ]);
};

/** A contract as a case recorded it ({from, to} or P1's {startDate, endDate}), in the register's shape; none without a start day. */
function contractOf(c: unknown): { kind: unknown; number: unknown; from: string; to: string | null } | undefined {
  if (typeof c !== 'object' || c === null) return undefined;
  const o = c as Record<string, unknown>;
  const day = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null);
  const from = day(o.from) ?? day(o.startDate);
  return from ? { kind: o.kind ?? null, number: o.number ?? null, from, to: day(o.to) ?? day(o.endDate) } : undefined;
}

/**
 * The identity the engine recorded when the number was entered (identities.ts): named by the
 * params, or found in the case's context beside the masked number and the person's name.
 */
async function identityOf(s: EffectScope, p: EnterRegisterParams): Promise<number | null> {
  const named = p.idNumberRef ?? p.details.idNumberRef;
  if (typeof named === 'number') return named;
  if (!p.idNumber) return null;
  if (isResidentId(p.idNumber)) return identityFor(s.trx, s.personal, p.idNumber, s.now);
  const refs = new Set<number>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (typeof v !== 'object' || v === null) return;
    const o = v as Record<string, unknown>;
    if (o.idNumber === p.idNumber && o.name === p.name && typeof o.idNumberRef === 'number') refs.add(o.idNumberRef);
    Object.values(o).forEach(walk);
  };
  walk(s.context);
  if (refs.size !== 1)
    throw conflict(`无法确定「${p.name}」的身份记录（${refs.size} 条相符）/ cannot tell which identity record is ${p.name}'s (${refs.size} match)`);
  return [...refs][0];
}

/** The case's union's open records of that kind and role (details.role) end on `endDate`. */
export const leaveRegister: EffectHandler<LeaveRegisterParams> = async (s, p) => {
  const open = (await openRecordsOf(s.trx, s.row.org_id, p.personKind)).filter((r) => JSON.parse(r.details).role === p.role);
  for (const r of open) await closeRecord(s.trx, r, { endDate: p.endDate, status: p.status, exit: { reason: p.reason, instanceId: s.row.id, at: s.now.toISOString() } });
};

/** A register record a case may touch: only of a person in the case's union's subtree (R-realname §3.4). */
async function personOfCase(s: EffectScope, id: number) {
  const p = await getPerson(s.trx, id);
  const org = p && (await getOrg(s.trx, p.org_id));
  if (!p || !org || !inSubtree(s.orgs[0], org))
    throw conflict(`人员 ${id} 不在本事项所属工会及其下级的名册中 / person ${id} is not in the register of this case's union or below`);
  return p;
}

export const updateRegister: EffectHandler<UpdateRegisterParams> = async (s, p) => {
  const person = await personOfCase(s, p.personId);
  if (p.match && person.kind !== p.match.kind)
    throw conflict(`人员 ${p.personId}（${person.name}）不是 ${p.match.kind}，而是 ${person.kind} / person ${p.personId} is a ${person.kind}, not a ${p.match.kind}`);
  if (p.match?.statuses && !p.match.statuses.includes(person.status))
    throw conflict(`人员 ${p.personId}（${person.name}）的状态为 ${person.status}，须为 ${p.match.statuses.join('/')} / person ${p.personId} is ${person.status}, not ${p.match.statuses.join(' or ')}`);
  const details = p.details ? JSON.stringify({ ...JSON.parse(person.details), ...p.details }) : undefined;
  await updatePerson(s.trx, person.id, { ...(p.status ? { status: p.status } : {}), ...(p.endDate ? { end_date: p.endDate } : {}), ...(details ? { details } : {}) });
  if (p.status && p.status !== person.status)
    await insertPersonRecords(s.trx, [entry(s, person.id, 'status', p.onDate, { from: person.status, to: p.status, reason: p.reason ?? null })]);
};

/** Through register.ts, so a case's training entry moves an onboarding person in post as HR's own would. */
export const addRegisterEntry: EffectHandler<AddRegisterEntryParams> = async (s, p) => {
  const person = await personOfCase(s, p.personId);
  const { prejobHours } = (await loadSettingsFrom(s.trx)).settings;
  await writeEntries(s.trx, person, [{ kind: p.kind, onDate: p.onDate, data: p.data }], { actorId: s.actor.id, sourceInstanceId: s.row.id, now: s.now, prejobHours });
};

const entry = (s: EffectScope, personId: number, kind: string, onDate: string, data: Record<string, unknown>) =>
  ({ person_id: personId, kind, on_date: onDate, data: JSON.stringify(data), source_instance_id: s.row.id, actor_id: s.actor.id, created_at: s.now.toISOString() });

/** A child case, started by this transition (StartCaseParams): its type as the definition's links bind it. */
export const startCase: EffectHandler<StartCaseParams> = async (s, p) => {
  await s.cases.start({ ...p, type: s.def.links?.[p.type] ?? p.type });
};

/** An event to a linked case (SendToCaseParams): only this case's parent or its own children may be reached. */
export const sendToCase: EffectHandler<SendToCaseParams> = async (s, p) => {
  await s.cases.send(await linkedCase(s, p.to), p.event);
};

async function linkedCase(s: EffectScope, to: SendToCaseParams['to']): Promise<string> {
  if (to === 'parent') {
    if (!s.row.parent_id) throw conflict(`本事项不是由其他事项发起的，没有上级事项 / this case has no parent case`);
    return s.row.parent_id;
  }
  if ('instanceId' in to) {
    const target = to.instanceId === s.row.parent_id ? to.instanceId : (await getInstance(s.trx, to.instanceId))?.parent_id === s.row.id ? to.instanceId : undefined;
    if (!target) throw conflict(`事项 ${to.instanceId} 与本事项无关联 / case ${to.instanceId} is neither this case's parent nor its child`);
    return target;
  }
  const open = await s.cases.childrenByKey(to.correlationKey);
  if (open.length !== 1)
    throw conflict(`关联键「${to.correlationKey}」对应 ${open.length} 件进行中的子事项（须恰好一件）/ ${open.length} open child cases hold the key ${to.correlationKey} (one needed)`);
  return open[0].id;
}
