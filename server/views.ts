// What clients see: the API's field names (API.md "Names clients rely on"), personal ID numbers masked.
import type { Knex } from 'knex';
import { childrenOf, type ChildRow } from '../db/case-links.ts';
import { documentsOf } from '../db/documents.ts';
import { openDeadlines } from '../db/instances.ts';
import { lineagesOf } from '../db/orgs.ts';
import type { DeadlineRow, HistoryRow, InstanceRow, OrgRow, PersonRecordRow, PersonRow, UserRow } from '../db/tables.ts';
import { daysBetween, provisionalNote, shanghaiDate, type WorkingDayCalendar } from '../workflows/rules/calendar.ts';
import { maskResidentId } from '../workflows/rules/resident-id.ts';
import { definition } from '../workflows/registry.ts';
import type { Engine, Held } from '../workflows/engine/engine.ts';
import { restore } from '../workflows/engine/engine.ts';
import { stateTitle } from '../workflows/engine/state-path.ts';
import type { Caller } from './auth.ts';
import type { WorkflowDefinition } from '../workflows/types.ts';

type Db = Knex | Knex.Transaction;

/** Deep copy of JSON data with every `idNumber` masked (a walk: a JSON round trip with a reviver cost every answer ~3% of its CPU). */
export function masked<T>(v: T): T {
  if (Array.isArray(v)) return v.map(masked) as T;
  if (typeof v !== 'object' || v === null) return v;
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return masked((v as unknown as { toJSON(): T }).toJSON()); // a Date, as JSON writes it
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = k === 'idNumber' && typeof x === 'string' ? maskResidentId(x) : masked(x);
  return out as T;
}

export const orgView = (o: OrgRow) => ({
  id: o.id, name: o.name, abbr: o.abbr, kind: o.kind, parentId: o.parent_id, members: o.members, employees: o.employees,
  enterprises: o.enterprises, ownership: o.ownership, hasUnion: !!o.has_union,
});

export const userView = (u: UserRow) => ({
  id: u.id, name: u.name, login: u.login, email: u.email, orgId: u.org_id, roles: JSON.parse(u.roles), disabled: !!u.disabled, mustChangePassword: !!u.must_change_password,
});

/** A dated register entry (R-realname §3.4): what it is about in `data`, the case or user that wrote it. */
export const entryView = (e: PersonRecordRow) => ({
  id: e.id, kind: e.kind, onDate: e.on_date, data: masked(JSON.parse(e.data)), sourceInstanceId: e.source_instance_id, actorId: e.actor_id, createdAt: e.created_at,
});

/** `idNumber`: the identity's masked number, or the full one (decrypted for hr and admin on one record). */
export function personView(p: PersonRow, idNumber: string | null = null, full = false) {
  return {
    id: p.id, name: p.name, kind: p.kind, orgId: p.org_id, status: p.status, startDate: p.start_date, endDate: p.end_date,
    idNumber, post: p.post ?? (typeof JSON.parse(p.details).post === 'string' ? JSON.parse(p.details).post : null), contractEnd: p.contract_end ?? null,
    details: full ? JSON.parse(p.details) : masked(JSON.parse(p.details)),
    sourceInstanceId: p.source_instance_id,
  };
}

/**
 * `def` gives the deadline its title; `instance` adds which case it belongs to (for lists across
 * cases); `cal` adds `workingDaysLeft`: working days after today up to the deadline's day (0 when
 * it is due today or passed), on the calendar with the operator's holiday overrides.
 */
export function deadlineView(d: DeadlineRow, now: Date, def: WorkflowDefinition | undefined, instance?: Pick<InstanceRow, 'id' | 'type' | 'org_id' | 'subject'>, cal?: WorkingDayCalendar) {
  const decl = def?.deadlines.find((x) => x.id === d.decl_id);
  const due = new Date(Number(d.due_at));
  const lastDay = shanghaiDate(new Date(due.getTime() - 1));
  return {
    id: d.id, kind: d.kind, title: decl?.title, dueAt: due.toISOString(), clause: d.clause, rule: d.rule,
    // The deadline's calendar day is the last day it covers (an end-of-day deadline falls at the next 00:00).
    daysLeft: daysBetween(shanghaiDate(now), lastDay),
    ...(cal ? { workingDaysLeft: cal.workingDaysBetween(shanghaiDate(now), lastDay) } : {}),
    overdue: d.kind !== 'reminder' && due.getTime() <= now.getTime(), // a reminder that went out is not a missed deadline
    status: d.status,
    // Computed over a year whose holiday schedule is not known yet: it moves once the admin enters it.
    provisional: !!d.provisional,
    ...(d.provisional && d.calendar_from && d.calendar_to ? { note: provisionalNote(d.calendar_from, d.calendar_to) } : {}),
    ...(instance ? { instanceId: instance.id, type: instance.type, orgId: instance.org_id, subject: instance.subject } : {}),
  };
}

/** Overdue: a deadline that is not a mere reminder has passed while its states still hold. */
export const isOverdue = (ds: DeadlineRow[], now: Date) => ds.some((d) => d.kind !== 'reminder' && Number(d.due_at) <= now.getTime());

/** `held`: for a single case, its open deadlines, lineage and snapshot as the engine just read or made them (nothing read or restored twice). */
type ViewOpts = { caller?: Caller; engine?: Engine; held?: Held; calendar?: WorkingDayCalendar };

/**
 * Views of a page of cases in a fixed number of queries whatever the page holds: open deadlines,
 * and with a caller their unions' lineages, documents and children (those in the caller's subtree:
 * a child may be another union's case), one query each, and one more for the children's unions.
 */
export async function instanceViews(db: Db, rows: InstanceRow[], now: Date, opts: ViewOpts = {}) {
  const ids = rows.map((r) => r.id);
  const withCaller = !!(opts.caller && opts.engine);
  const held = rows.length === 1 ? opts.held : undefined;
  // A process that declares no documents has none: no query for them.
  const withDocs = withCaller && rows.some((r) => Object.keys(definition(r.type, r.definition_version)?.documents ?? {}).length);
  const [ds, lineages, docs, kids] = await Promise.all([
    held ? held.openDeadlines() : openDeadlines(db, ids),
    held ? new Map([[rows[0].org_id, held.lineage]]) : withCaller ? lineagesOf(db, [...new Set(rows.map((r) => r.org_id))]) : new Map<number, number[]>(),
    withDocs ? documentsOf(db, ids) : [],
    withCaller ? childrenOf(db, ids) : [],
  ]);
  const kidLineages = await lineagesOf(db, [...new Set(kids.map((k) => k.org_id))].filter((o) => !lineages.has(o)));
  const seen = (k: ChildRow) => (lineages.get(k.org_id) ?? kidLineages.get(k.org_id))?.includes(opts.caller!.org.id);
  return rows.map((row) => {
    const def = definition(row.type, row.definition_version);
    const open = ds.filter((d) => d.instance_id === row.id);
    const snap = held && def ? held.snapshot : def ? restore(def, row) : undefined;
    const out: Record<string, unknown> = {
      id: row.id, type: row.type, definitionVersion: row.definition_version, version: row.version, state: row.state,
      stateTitle: def && stateTitle(def.states, row.state), status: row.status, orgId: row.org_id, subject: row.subject,
      context: masked(snap?.context ?? {}), deadlines: open.map((d) => deadlineView(d, now, def, undefined, opts.calendar)), overdue: isOverdue(open, now),
      createdBy: row.created_by, createdAt: row.created_at, updatedAt: row.updated_at,
      parentId: row.parent_id ?? null, correlationKey: row.correlation_key ?? null,
    };
    if (withCaller && def && snap) {
      out.allowedEvents = row.status === 'active' ? opts.engine!.allowedEvents(def, snap, opts.caller!.actor, lineages.get(row.org_id) ?? []) : [];
      out.documents = docs.filter((d) => d.instance_id === row.id)
        .map((d) => ({ id: d.id, kind: d.kind, number: d.number, title: d.title, issuedAt: d.issued_at, href: `/api/documents/${d.id}` }));
    }
    if (withCaller) out.children = kids.filter((k) => k.parent_id === row.id && seen(k)).map((k) => ({ id: k.id, type: k.type, state: k.state, status: k.status, subject: k.subject }));
    return out;
  });
}

export const instanceView = async (db: Db, row: InstanceRow, now: Date, opts: ViewOpts = {}) => (await instanceViews(db, [row], now, opts))[0];

export function historyView(h: HistoryRow) {
  return {
    seq: h.seq, type: h.type, actorId: h.actor_id, actorName: h.actor_name, from: h.from_state, to: h.to_state, at: h.at,
    payload: masked(JSON.parse(h.payload)), prevHash: h.prev_hash, hash: h.hash,
  };
}
