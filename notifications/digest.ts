// Mail from a batch (engine.sendMany): the notify effect of each case hands its rendered mail here
// instead of writing it, and at the batch's end each recipient gets ONE digest per template
// listing its cases, not one message per case. A single event's mail is unchanged (notify.ts).
import type { Knex } from 'knex';
import { insertMail, type NewMail } from '../db/outbox.ts';
import { usersWithRole } from '../db/users.ts';
import type { UserRow } from '../db/tables.ts';

/** One case's mail as notify.ts rendered it: to whom (union, roles), and what it says. */
export type Deferred = {
  orgId: number | null; to: string; roles: string[]; template: string; subject: string; body: string; caseSubject: string; instanceId: string; link: string;
};

const MAX_BODY = 1_000_000; // a 5,000-case digest stays one row; a line per case is ~200 bytes

/** A case alone keeps its own mail and case, as a single event writes it. */
function digest(items: Deferred[]): { subject: string; body: string; instance_id: string | null } {
  const n = items.length;
  if (n === 1) return { subject: items[0].subject, body: items[0].body, instance_id: items[0].instanceId };
  const lines = items.map(line);
  const body = [`批量办理，共 ${n} 件 / a batch of ${n} cases:`, '', ...lines, '', '—— 工会工作者队伍建设工作流系统（自动发送，请勿回复）/ sent automatically, do not reply'].join('\n');
  return { subject: `【汇总 ${n} 件 / ${n} cases】${items[0].subject}`.slice(0, 500), body: body.slice(0, MAX_BODY), instance_id: null };
}
const line = (d: Deferred, i: number) => `${i + 1}. ${d.caseSubject} — ${d.subject}\n   ${d.link}`;

/** Groups the batch's mail per recipient and template: one pending row each; one no_recipient row per union, roles and template nobody can be written to for. */
export async function writeDigests(trx: Knex.Transaction, deferred: unknown[], now: Date): Promise<void> {
  const items = deferred as Deferred[];
  const holders = new Map<string, Promise<UserRow[]>>(); // (union, role) → its users: one query each, not one per case
  const usersOf = (orgId: number, role: string) => {
    const k = `${orgId}\u0000${role}`;
    if (!holders.has(k)) holders.set(k, usersWithRole(trx, orgId, role));
    return holders.get(k)!;
  };
  const toUser = new Map<string, { user: UserRow; template: string; items: Deferred[] }>();
  const nobody = new Map<string, Deferred[]>();
  for (const d of items) {
    const users = d.orgId === null ? [] : (await Promise.all(d.roles.map((r) => usersOf(d.orgId!, r)))).flat().filter((u) => u.email);
    if (!users.length) {
      const k = JSON.stringify([d.orgId, d.roles, d.template]);
      if (!nobody.has(k)) nobody.set(k, []);
      nobody.get(k)!.push(d);
    }
    for (const u of new Map(users.map((x) => [x.id, x])).values()) {
      const k = `${u.id}\u0000${d.template}`;
      if (!toUser.has(k)) toUser.set(k, { user: u, template: d.template, items: [] });
      toUser.get(k)!.items.push(d);
    }
  }
  const base = { attempts: 0, next_attempt_at: now.getTime(), created_at: now.toISOString() };
  const rows: NewMail[] = [...toUser.values()].map((g) => ({ ...base, template: g.template, ...digest(g.items), to_user_id: g.user.id, to_email: g.user.email, status: 'pending' as const }));
  for (const group of nobody.values()) {
    const d = group[0];
    rows.push({ ...base, template: d.template, ...digest(group), status: 'no_recipient', last_error: `${d.to}：无 ${d.roles.join('/')} 邮箱 / no ${d.roles.join('/')} with an email` });
  }
  for (let i = 0; i < rows.length; i += 200) await insertMail(trx, rows.slice(i, i + 200));
}

