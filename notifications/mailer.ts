// The mailer: sends outbox rows over SMTP, retries with backoff, never sends a row marked sent again.
//
// Without an SMTP URL it leaves mail pending (nothing is lost; a later run with SMTP_URL set sends
// it) and logs: at its first flush one line counting the mail already pending (a restart must not
// log thousands of lines again), then each new message once (recipient and subject, never the body).
//
// At-least-once, not exactly-once: a row is claimed ('sending', with a lease) before the SMTP
// conversation and marked 'sent' after it. If the process dies after the server accepted the
// message but before the row is marked, the lease runs out and a later flush sends it again.
// Every attempt for a row carries the same Message-ID `<outbox-ID@union-workflows>`, so a mail
// server or client that de-duplicates by Message-ID shows it once.
import type { Knex } from 'knex';
import type { Transporter } from 'nodemailer';
import { pino, type Logger } from 'pino';
import { serialLoop } from './loop.ts';
import { claimDueMail, markFailed, markSent, pendingMailAfter, pendingMailSummary, reclaimStale, renewLease } from '../db/outbox.ts';
import type { OutboxRow } from '../db/tables.ts';
import type { Clock } from '../workflows/engine/engine.ts';

export type MailerOptions = {
  knex: Knex;
  clock: Clock;
  /** e.g. smtp://user:pass@host:587 or smtps://host:465; without it mail is only logged. */
  smtpUrl?: string;
  from: string;
  logger?: Logger;
  /** After this many failed attempts a row is 'failed' (listed for administrators). */
  maxAttempts?: number;
  /** Wait before retry n: min(capDelayMs, baseDelayMs · 2^(n-1)). */
  baseDelayMs?: number;
  capDelayMs?: number;
  batch?: number;
  /** How long a claimed row may stay 'sending' before another flush takes it back. */
  leaseMs?: number;
};

export type FlushResult = { sent: number; failed: number; held: number };

export const messageIdOf = (id: number) => `<outbox-${id}@union-workflows>`;

/** Personal ID numbers (18 characters, last may be X) never reach a log line, whatever field they hide in. */
const redact = (s: string | null | undefined) => (s ?? '').replace(/(?<![0-9])[0-9]{17}[0-9Xx](?![0-9A-Za-z])/g, '[id-number]');

export function retryDelay(attempts: number, baseDelayMs: number, capDelayMs: number): number {
  return Math.min(capDelayMs, baseDelayMs * 2 ** Math.max(0, attempts - 1));
}

export function createMailer(o: MailerOptions) {
  const { knex, clock, from } = o;
  const log = o.logger ?? pino({ name: 'mailer' });
  const maxAttempts = o.maxAttempts ?? 8;
  const baseDelayMs = o.baseDelayMs ?? 60_000;
  const capDelayMs = o.capDelayMs ?? 6 * 3600_000;
  const batch = o.batch ?? 50;
  const leaseMs = o.leaseMs ?? 10 * 60_000;

  // One transport for the mailer's life, keeping its SMTP connection between messages (a new one per
  // message cost ~150 ms of greeting each); timeouts keep one send well inside its lease.
  // nodemailer (~12 MB resident) is loaded at the first message, not at start: most processes of a
  // day never send one, and a web process never does.
  const smtpUrl = o.smtpUrl;
  const transport = smtpUrl ? { pending: undefined as Promise<Transporter> | undefined } : undefined;
  const connect = () => (transport!.pending ??= import('nodemailer').then(({ default: nodemailer }) =>
    nodemailer.createTransport({ url: smtpUrl, pool: true, maxConnections: 1, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 })));
  let loggedUpTo: number | undefined; // without SMTP: the highest outbox id already accounted for by this process

  async function send(row: OutboxRow, heldUntil: number): Promise<'sent' | 'retry' | 'failed' | 'lost'> {
    const leaseUntil = clock.now().getTime() + leaseMs;
    if (!(await renewLease(knex, row.id, { heldUntil, leaseUntil }))) return 'lost';
    try {
      await (await connect()).sendMail({
        from,
        to: row.to_email!,
        subject: row.subject,
        text: row.body,
        messageId: messageIdOf(row.id),
        date: clock.now(),
        headers: { 'Auto-Submitted': 'auto-generated', 'X-Union-Workflows-Outbox': String(row.id) },
      });
    } catch (err) {
      const attempts = row.attempts + 1;
      const error = redact(err instanceof Error ? `${(err as { code?: string }).code ?? err.name}: ${err.message}` : String(err));
      const giveUp = attempts >= maxAttempts;
      const retryAt = giveUp ? null : clock.now().getTime() + retryDelay(attempts, baseDelayMs, capDelayMs);
      await markFailed(knex, row.id, { attempts, error, retryAt });
      const fields = { outboxId: row.id, to: row.to_email, template: row.template, attempts, error, retryAt: retryAt && new Date(retryAt).toISOString() };
      if (giveUp) log.error(fields, 'mail failed for good; an administrator must look at it');
      else log.warn(fields, 'mail not sent; will retry');
      return giveUp ? 'failed' : 'retry';
    }
    if (!(await markSent(knex, row.id, clock.now())))
      log.warn({ outboxId: row.id }, 'mail sent but its row was taken back meanwhile; it may go out twice (same Message-ID)');
    log.info({ outboxId: row.id, to: row.to_email, template: row.template, subject: redact(row.subject) }, 'mail sent');
    return 'sent';
  }

  /** Without SMTP: log what would have gone out (first a count, then each new message once); the rows stay pending. Returns how many were newly accounted for. */
  async function hold(): Promise<number> {
    if (loggedUpTo === undefined) {
      const { count, maxId } = await pendingMailSummary(knex);
      loggedUpTo = maxId;
      if (count) log.info({ pending: count }, `SMTP not configured: ${count} mails pending in the outbox, kept, not sent`);
      return count;
    }
    let logged = 0;
    for (;;) {
      const rows = await pendingMailAfter(knex, loggedUpTo, batch);
      for (const r of rows) {
        log.info({ outboxId: r.id, to: r.to_email, template: r.template, subject: redact(r.subject), instanceId: r.instance_id },
          'SMTP not configured: mail kept in the outbox, not sent');
        loggedUpTo = r.id;
        logged++;
      }
      if (rows.length < batch) break;
    }
    return logged;
  }

  async function flushOnce(): Promise<FlushResult> {
    const result: FlushResult = { sent: 0, failed: 0, held: 0 };
    const now = clock.now().getTime();
    const reclaimed = await reclaimStale(knex, { now, maxAttempts });
    if (reclaimed) log.warn({ reclaimed }, 'mail left sending by a stopped process taken back');
    if (!transport) {
      result.held = await hold();
      return result;
    }
    for (;;) {
      const leaseUntil = clock.now().getTime() + leaseMs;
      const rows = await claimDueMail(knex, { now, limit: batch, leaseUntil });
      for (const row of rows) {
        const r = await send(row, leaseUntil);
        if (r === 'sent') result.sent++;
        else if (r !== 'lost') result.failed++;
      }
      // A failed row is rescheduled after `now`, so each pass takes new rows; stop when none are due.
      if (rows.length < batch) break;
    }
    return result;
  }

  const job = serialLoop(flushOnce, log, 'mail flush');
  return {
    /** Sends what is due; concurrent calls run one after another. */
    flush: job.run,
    /** Flushes at once (mail left from before a restart goes out now), then every intervalMs. */
    async start(intervalMs: number): Promise<void> {
      if (!transport) log.warn('SMTP_URL not set: mail is logged and kept in the outbox, not sent');
      await job.start(intervalMs);
    },
    /** No new flushes; waits for a running one, then closes the SMTP transport. */
    async stop(): Promise<void> {
      await job.stop();
      await transport?.pending?.then((t) => t.close(), () => undefined);
    },
  };
}

export type Mailer = ReturnType<typeof createMailer>;
