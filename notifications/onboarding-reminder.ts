// A sweep on the scheduler's loop (R-prejob §3.2.3, P7): HR is told of anyone still onboarding
// `onboardingReminderDays` after their start date, once per person. The person's row records the
// reminder in the transaction that writes the mail, guarded, so a restart or a second worker never
// sends it twice; a reminder due while the server was down goes out at the next tick.
import type { Knex } from 'knex';
import { lineageOf } from '../db/orgs.ts';
import { insertMail, type NewMail } from '../db/outbox.ts';
import { markOnboardingReminded, onboardingUnreminded } from '../db/people.ts';
import type { PersonRow } from '../db/tables.ts';
import { usersWithRole } from '../db/users.ts';
import type { SettingsSource } from '../workflows/engine/settings-source.ts';
import { addDays, shanghaiDate } from '../workflows/rules/calendar.ts';
import { PERSON_KIND_TITLES } from '../server/person-kinds.ts';

export const ONBOARDING_TEMPLATE = 'register.onboarding_overdue';
const BATCH = 200;

/** The HR of the person's union, or, where it has none with an email, of the nearest union above that has. */
async function hrFor(trx: Knex.Transaction, orgId: number) {
  for (const org of (await lineageOf(trx, orgId)) ?? []) {
    const hr = (await usersWithRole(trx, org.id, 'hr')).filter((u) => u.email);
    if (hr.length) return { org, hr };
  }
  return undefined;
}

function mail(p: PersonRow, orgName: string, days: number, threshold: number, link: string) {
  const kind = PERSON_KIND_TITLES[p.kind] ?? { zh: p.kind, en: p.kind };
  return {
    subject: `【岗前培训 / Pre-job training】${p.name} 到岗 ${days} 天仍未完成岗前培训 / still onboarding after ${days} days`,
    body: [
      `${p.name}（${kind.zh} / ${kind.en}，${orgName}）自 ${p.start_date} 到岗，至今岗前培训未满 ${threshold} 学时，仍为“入职培训中”。请安排培训并录入培训记录。`,
      `${p.name} (${kind.en}) started on ${p.start_date} and has not completed ${threshold} class hours of pre-job training; please arrange it and record it.`,
      '', `依据 / Rule：R-prejob §3.2.3`, `查看 / Open：${link}`, '', '—— 工会工作者队伍建设工作流系统（自动发送，请勿回复）/ sent automatically, do not reply',
    ].join('\n'),
  };
}

export function onboardingSweep(o: { knex: Knex; settings: SettingsSource; publicUrl: string }) {
  /** One pass: every person now due, batch by batch; the count reminded. */
  return async (now: Date): Promise<number> => {
    const { onboardingReminderDays: days, prejobHours } = await o.settings.get();
    const startedBy = addDays(shanghaiDate(now), -days);
    let sent = 0;
    for (;;) {
      const due = await onboardingUnreminded(o.knex, { startedBy, limit: BATCH });
      for (const p of due)
        await o.knex.transaction(async (trx) => {
          if (!(await markOnboardingReminded(trx, p.id, now.toISOString()))) return; // another worker took it
          const to = await hrFor(trx, p.org_id);
          const { subject, body } = mail(p, (await lineageOf(trx, p.org_id))?.[0]?.name ?? '', days, prejobHours, `${o.publicUrl}/people/${p.id}`);
          const base = { instance_id: null, template: ONBOARDING_TEMPLATE, subject, body, attempts: 0, next_attempt_at: now.getTime(), created_at: now.toISOString() };
          const rows: NewMail[] = to
            ? to.hr.map((u) => ({ ...base, to_user_id: u.id, to_email: u.email, status: 'pending' as const }))
            : [{ ...base, status: 'no_recipient', last_error: '无人事（hr）邮箱 / no hr with an email' }];
          await insertMail(trx, rows);
          sent++;
        });
      if (due.length < BATCH) return sent;
    }
  };
}
