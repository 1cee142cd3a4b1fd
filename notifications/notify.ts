// The notify effect: a transition's mail, rendered from its process's template and put in the
// outbox in the transition's transaction. Handed to the engine by the composition root.
import { insertMail } from '../db/outbox.ts';
import { usersWithRole } from '../db/users.ts';
import type { EffectHandler } from '../workflows/engine/effects.ts';
import { own } from '../workflows/engine/own.ts';
import { stateTitle } from '../workflows/engine/state-path.ts';
import { provisionalNote } from '../workflows/rules/calendar.ts';
import type { MailData, NotifyParams } from '../workflows/types.ts';
import { render } from './templates.ts';
import { writeDigests, type Deferred } from './digest.ts';

const relationIndex = { own: 0, parent: 1, grandparent: 2 } as const;

/** `publicUrl`: where the mail's link points. */
export function notifyEffect(o: { publicUrl: string }): EffectHandler<NotifyParams> {
  const handler: EffectHandler<NotifyParams> = async (s, p) => {
    const template = own(s.def.mail, p.template);
    if (!template) throw new Error(`${s.def.type} has no mail template ${p.template}`);
    const to = p.to;
    const org = 'email' in to ? undefined : s.orgs[relationIndex[to.relation]];
    // The deadline the mail is about: the one the machine names, else the soonest that is not a mere reminder.
    const open = await s.openDeadlines();
    const due = (p.deadlineId && open.find((d) => d.decl_id === p.deadlineId)) || open.find((d) => d.kind !== 'reminder') || open[0];
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
      note: [p.note, s.payload.reason, s.payload.comment, s.payload.conditions].filter((x) => typeof x === 'string').join('；') || undefined,
      link: `${o.publicUrl}/api/instances/${s.row.id}`,
    };
    const { subject, body } = render(template, data);
    const base = { instance_id: s.row.id, template: p.template, subject, body, attempts: 0, next_attempt_at: s.now.getTime(), created_at: s.now.toISOString() };
    // An address the case holds (not a user's): its own mail, in a batch too (a digest is for users with many cases).
    if ('email' in to) return void (await insertMail(s.trx, { ...base, to_email: to.email, status: 'pending' }, s.queue));
    // In a batch: one digest per recipient and template at the batch's end (digest.ts), not a mail per case.
    if (s.defer) return s.defer({ orgId: org?.id ?? null, to: org?.name ?? to.relation, roles: to.roles, template: p.template, subject, body, caseSubject: s.row.subject, instanceId: s.row.id, link: data.link } satisfies Deferred);
    const users = org ? await Promise.all(to.roles.map((r) => usersWithRole(s.trx, org.id, r))).then((x) => x.flat()) : [];
    const reachable = users.filter((u) => u.email);
    // Nobody to write to is itself something an administrator must see: keep a row that says so.
    if (!reachable.length) {
      await insertMail(s.trx, { ...base, status: 'no_recipient', last_error: `${org?.name ?? to.relation}：无 ${to.roles.join('/')} 邮箱 / no ${to.roles.join('/')} with an email` }, s.queue);
      return;
    }
    await insertMail(s.trx, reachable.map((u) => ({ ...base, to_user_id: u.id, to_email: u.email, status: 'pending' })), s.queue);
  };
  handler.finishBatch = writeDigests;
  return handler;
}
