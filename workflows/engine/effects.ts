// The named effects a transition returns become rows in the same transaction: mail in the outbox,
// an issued document, a person in the register.
import type { Knex } from 'knex';
import { createHash } from 'node:crypto';
import { insertDocument, nextDocumentSeq } from '../../db/documents.ts';
import { closeRecord, insertPerson, openRecordsOf } from '../../db/people.ts';
import type { DeadlineRow, InstanceRow, OrgRow } from '../../db/tables.ts';
import { insertMail } from '../../db/outbox.ts';
import { usersWithRole } from '../../db/users.ts';
import { render, type MailData } from '../../notifications/templates.ts';
import { provisionalNote, shanghaiDate } from '../rules/calendar.ts';
import { conflict } from './errors.ts';
import { identityFor } from './identities.ts';
import type { PersonalData } from './personal-data.ts';
import { isResidentId } from '../rules/resident-id.ts';
import { own } from './own.ts';
import { stateTitle } from './state-path.ts';
import type { Actor, EnterRegisterParams, IssueDocumentParams, LeaveRegisterParams, NotifyParams, WorkflowDefinition } from '../types.ts';

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
  openDeadlines: DeadlineRow[];
  publicUrl: string;
  personal: PersonalData;
};

const relationIndex = { own: 0, parent: 1, grandparent: 2 } as const;

export async function runEffect(s: EffectScope, action: { type: string; params?: unknown }): Promise<void> {
  if (action.type === 'notify') return notify(s, action.params as NotifyParams);
  if (action.type === 'issueDocument') return issueDocument(s, action.params as IssueDocumentParams);
  if (action.type === 'enterRegister') return enterRegister(s, action.params as EnterRegisterParams);
  if (action.type === 'leaveRegister') return leaveRegister(s, action.params as LeaveRegisterParams);
}

async function notify(s: EffectScope, p: NotifyParams): Promise<void> {
  const org = s.orgs[relationIndex[p.to.relation]];
  // The deadline the mail is about: the one the machine names, else the soonest that is not a mere reminder.
  const due = (p.deadlineId && s.openDeadlines.find((d) => d.decl_id === p.deadlineId)) || s.openDeadlines.find((d) => d.kind !== 'reminder') || s.openDeadlines[0];
  const decl = due && s.def.deadlines.find((x) => x.id === due.decl_id);
  const state = stateTitle(s.def.states, s.row.state) ?? { zh: s.row.state, en: s.row.state };
  const event = own(s.def.events, s.eventType)?.title ?? { zh: s.eventType, en: s.eventType };
  const data: MailData = {
    process: s.def.title,
    subject: s.row.subject,
    orgName: s.orgs[0].name,
    state,
    event,
    actorName: s.actor.name,
    due: due && decl ? {
      title: decl.title, at: new Date(Number(due.due_at)), clause: due.clause, rule: due.rule,
      provisional: due.provisional && due.calendar_from && due.calendar_to ? provisionalNote(due.calendar_from, due.calendar_to) : undefined,
    } : undefined,
    clauses: (own(s.def.events, s.eventType)?.rules ?? s.def.rules).map((r) => `${r.rule} ${r.clause}`).join('；'),
    note: [s.payload.reason, s.payload.comment, s.payload.conditions].filter((x) => typeof x === 'string').join('；') || undefined,
    link: `${s.publicUrl}/api/instances/${s.row.id}`,
  };
  const { subject, body } = render(p.template, data);
  const base = { instance_id: s.row.id, template: p.template, subject, body, attempts: 0, next_attempt_at: s.now.getTime(), created_at: s.now.toISOString() };
  const users = org ? await Promise.all(p.to.roles.map((r) => usersWithRole(s.trx, org.id, r))).then((x) => x.flat()) : [];
  const reachable = users.filter((u) => u.email);
  // Nobody to write to is itself something an administrator must see: keep a row that says so.
  if (!reachable.length) {
    await insertMail(s.trx, { ...base, status: 'no_recipient', last_error: `${org?.name ?? p.to.relation}：无 ${p.to.roles.join('/')} 邮箱 / no ${p.to.roles.join('/')} with an email` });
    return;
  }
  await insertMail(s.trx, reachable.map((u) => ({ ...base, to_user_id: u.id, to_email: u.email, status: 'pending' })));
}

const abbrOf = (o: OrgRow) => o.abbr ?? `${o.name.slice(0, 2)}工`;

async function issueDocument(s: EffectScope, p: IssueDocumentParams): Promise<void> {
  const issuer = s.orgs.find((o) => o.id === s.actor.orgId) ?? s.orgs[1];
  const year = Number(shanghaiDate(s.now).slice(0, 4));
  const seq = await nextDocumentSeq(s.trx, issuer.id, p.kind, year);
  const number = `${abbrOf(issuer)}批〔${year}〕${seq}号`;
  const title = `关于同意${s.orgs[0].name}以购买服务方式聘用工会工作人员的批复`;
  const content = {
    number, title, kind: p.kind,
    to: s.orgs[0].name, issuer: issuer.name, date: shanghaiDate(s.now),
    approver: s.actor.name, decision: s.context.decision, request: s.context.request,
    rules: s.def.rules, process: s.def.title, instanceId: s.row.id,
  };
  const json = JSON.stringify(content);
  await insertDocument(s.trx, {
    instance_id: s.row.id, kind: p.kind, issuer_org_id: issuer.id, year, seq, number, title, content: json,
    content_hash: createHash('sha256').update(json).digest('hex'), issued_at: s.now.toISOString(),
  });
}

async function enterRegister(s: EffectScope, p: EnterRegisterParams): Promise<void> {
  const { idNumberRef: _ref, ...details } = p.details;
  await insertPerson(s.trx, {
    org_id: s.row.org_id, name: p.name, identity_id: await identityOf(s, p), kind: p.personKind, status: p.status,
    start_date: p.startDate, end_date: null, details: JSON.stringify(details), source_instance_id: s.row.id, created_at: s.now.toISOString(),
  });
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
async function leaveRegister(s: EffectScope, p: LeaveRegisterParams): Promise<void> {
  const open = (await openRecordsOf(s.trx, s.row.org_id, p.personKind)).filter((r) => JSON.parse(r.details).role === p.role);
  for (const r of open) await closeRecord(s.trx, r, { endDate: p.endDate, status: p.status, exit: { reason: p.reason, instanceId: s.row.id, at: s.now.toISOString() } });
}
