import { expect } from 'chai';
import type { Knex } from 'knex';
import { pino, type Logger } from 'pino';
import { claimDueMail, dueMailQuery, listOutbox, requeueMail } from '../../db/outbox.ts';
import type { OutboxRow } from '../../db/tables.ts';
import { createMailer, retryDelay, type MailerOptions } from '../../notifications/mailer.ts';
import { onPostgres, queryPlan } from '../database.ts';
import { actor, engineFor, p1Request, world, type World } from '../helpers.ts';
import { closedPort, smtpServer } from '../smtp.ts';

const FROM = '"工会工作者队伍建设工作流" <workflows@bjzgh.example.org.cn>';
const CASE_SUBJECT = '工会专职工作人员×1（年度经费 96000 元）';

// ---------------------------------------------------------------------------

function memoryLogger(): { logger: Logger; lines: any[] } {
  const lines: any[] = [];
  return { lines, logger: pino({ level: 'debug' }, { write: (s: string) => void lines.push(JSON.parse(s)) }) };
}

/** Two P1 requests submitted on 2026-02-12: one mail to the approver of each parent union. */
async function twoSubmittedRequests(w: World): Promise<OutboxRow[]> {
  const engine = engineFor(w);
  for (const [login, org] of [['guomao.requester', 'guomao'], ['zgc-soft.requester', 'zgc-soft']] as const) {
    const requester = await actor(w, login);
    const inst = await engine.start({ type: 'purchased-service-hire', body: p1Request(), actor: requester, orgId: w.demo.orgs[org].id });
    await engine.send({ instanceId: inst.id, event: { type: 'SUBMIT' }, actor: requester });
  }
  return outbox(w.knex);
}

const outbox = (knex: Knex) => knex<OutboxRow>('outbox').orderBy('id');

describe('mailer', () => {
  let w: World;
  const closers: (() => Promise<void>)[] = [];
  const mailerFor = (o: Partial<MailerOptions>) => {
    const m = createMailer({ knex: w.knex, clock: w.clock, from: FROM, logger: memoryLogger().logger, ...o });
    closers.push(() => m.stop());
    return m;
  };
  beforeEach(async () => {
    w = await world('2026-02-12T02:00:00Z');
  });
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
    await w.cleanup();
  });

  it('delivers each pending mail to its recipient with its subject, and a body naming the case, the due time and the clause', async () => {
    const smtp = await smtpServer();
    closers.push(smtp.close);
    const rows = await twoSubmittedRequests(w);
    expect(rows.map((r) => [r.template, r.to_email, r.status])).to.deep.equal([
      ['task_assigned', 'jianwai.approver@example.org.cn', 'pending'],
      ['task_assigned', 'zgc.approver@example.org.cn', 'pending'],
    ]);
    w.clock.advance(5_000);
    const mailer = mailerFor({ smtpUrl: `smtp://127.0.0.1:${smtp.port}` });

    expect(await mailer.flush()).to.deep.equal({ sent: 2, failed: 0, held: 0 });

    expect(smtp.received).to.have.length(2);
    for (const [i, row] of rows.entries()) {
      const got = smtp.received.find((m) => m.rcptTo[0] === row.to_email)!;
      expect(got, `mail ${i} arrived`).to.exist;
      expect(got.rcptTo).to.deep.equal([row.to_email]);
      expect(got.mailFrom).to.equal('workflows@bjzgh.example.org.cn');
      expect(got.headers.to).to.equal(row.to_email);
      expect(got.headers['message-id']).to.equal(`<outbox-${row.id}@union-workflows>`);
      expect(new Date(got.headers.date).getTime()).to.equal(Math.floor(w.clock.now().getTime() / 1000) * 1000);
      expect(got.subject).to.equal(row.subject);
      expect(got.subject).to.equal('【待办 / To do】' + (i === 0 ? '北京国贸物业管理有限公司工会' : '中关村软件园开发有限公司工会') + '：购买服务聘用审批');
      expect(got.body).to.contain(CASE_SUBJECT);
      expect(got.body).to.contain('办理期限 / Due by：2026-03-04 24:00');
      expect(got.body).to.contain('R-psh-approval §3.1.3');
      expect(got.body.trimEnd()).to.equal(row.body);
    }
    expect((await outbox(w.knex)).map((r) => [r.status, r.sent_at, r.attempts])).to.deep.equal([
      ['sent', w.clock.now().toISOString(), 0],
      ['sent', w.clock.now().toISOString(), 0],
    ]);
  });

  it('never sends a sent mail again, however often it flushes', async () => {
    const smtp = await smtpServer();
    closers.push(smtp.close);
    await twoSubmittedRequests(w);
    const mailer = mailerFor({ smtpUrl: `smtp://127.0.0.1:${smtp.port}` });
    expect(await mailer.flush()).to.deep.equal({ sent: 2, failed: 0, held: 0 });
    expect(await mailer.flush()).to.deep.equal({ sent: 0, failed: 0, held: 0 });
    w.clock.advance(30 * 86_400_000);
    expect(await mailer.flush()).to.deep.equal({ sent: 0, failed: 0, held: 0 });
    // A second mailer on the same database (another process) does not send them either.
    expect(await mailerFor({ smtpUrl: `smtp://127.0.0.1:${smtp.port}` }).flush()).to.deep.equal({ sent: 0, failed: 0, held: 0 });
    expect(smtp.received).to.have.length(2);
  });

  it('two mailers flushing at once send each mail once', async () => {
    const smtp = await smtpServer();
    closers.push(smtp.close);
    await twoSubmittedRequests(w);
    await twoSubmittedRequests(w);
    const url = `smtp://127.0.0.1:${smtp.port}`;
    const [a, b] = await Promise.all([mailerFor({ smtpUrl: url, batch: 1 }).flush(), mailerFor({ smtpUrl: url, batch: 1 }).flush()]);
    expect(a.sent + b.sent).to.equal(4);
    expect(smtp.received.map((m) => m.headers['message-id']).sort()).to.deep.equal([1, 2, 3, 4].map((id) => `<outbox-${id}@union-workflows>`));
  });

  it('while the SMTP server is down keeps mail pending with growing backoff, then delivers each message once when it is back', async () => {
    const port = await closedPort();
    await twoSubmittedRequests(w);
    const { logger, lines } = memoryLogger();
    const mailer = createMailer({ knex: w.knex, clock: w.clock, from: FROM, logger, smtpUrl: `smtp://127.0.0.1:${port}` });
    closers.push(() => mailer.stop());

    const expectRows = async (attempts: number, delayMs: number) => {
      const rows = await outbox(w.knex);
      expect(rows.map((r) => [r.status, r.attempts, Number(r.next_attempt_at)])).to.deep.equal(
        rows.map(() => ['pending', attempts, w.clock.now().getTime() + delayMs]),
      );
      for (const r of rows) expect(r.last_error).to.contain('ECONNREFUSED');
    };
    expect(await mailer.flush()).to.deep.equal({ sent: 0, failed: 2, held: 0 });
    await expectRows(1, 60_000);
    // Not due yet: nothing is tried.
    w.clock.advance(59_999);
    expect(await mailer.flush()).to.deep.equal({ sent: 0, failed: 0, held: 0 });
    w.clock.advance(1);
    expect(await mailer.flush()).to.deep.equal({ sent: 0, failed: 2, held: 0 });
    await expectRows(2, 120_000);
    w.clock.advance(120_000);
    expect(await mailer.flush()).to.deep.equal({ sent: 0, failed: 2, held: 0 });
    await expectRows(3, 240_000);
    expect(lines.filter((l) => l.msg === 'mail not sent; will retry')).to.have.length(6);

    const smtp = await smtpServer(port);
    closers.push(smtp.close);
    w.clock.advance(239_000);
    expect(await mailer.flush(), 'still waiting for the backoff').to.deep.equal({ sent: 0, failed: 0, held: 0 });
    expect(smtp.received).to.have.length(0);
    w.clock.advance(1_000);
    const deliveredAt = w.clock.now().toISOString();
    expect(await mailer.flush()).to.deep.equal({ sent: 2, failed: 0, held: 0 });
    w.clock.advance(86_400_000);
    expect(await mailer.flush()).to.deep.equal({ sent: 0, failed: 0, held: 0 });
    expect(smtp.received.map((m) => m.rcptTo[0]).sort()).to.deep.equal(['jianwai.approver@example.org.cn', 'zgc.approver@example.org.cn']);
    expect((await outbox(w.knex)).map((r) => [r.status, r.attempts, r.sent_at])).to.deep.equal([['sent', 3, deliveredAt], ['sent', 3, deliveredAt]]);
  });

  it('waits min(cap, base·2^(n-1)) before retry n', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => retryDelay(n, 60_000, 6 * 3600_000) / 60_000)).to.deep.equal([1, 2, 4, 8, 16, 32, 64]);
    expect(retryDelay(10, 60_000, 6 * 3600_000)).to.equal(6 * 3600_000);
    expect(retryDelay(60, 60_000, 6 * 3600_000)).to.equal(6 * 3600_000);
  });

  it('marks a mail failed after maxAttempts, for an administrator to see, and leaves it alone after that', async () => {
    const port = await closedPort();
    await twoSubmittedRequests(w);
    const { logger, lines } = memoryLogger();
    const mailer = createMailer({ knex: w.knex, clock: w.clock, from: FROM, logger, smtpUrl: `smtp://127.0.0.1:${port}`, maxAttempts: 3, baseDelayMs: 1_000 });
    closers.push(() => mailer.stop());
    expect(await mailer.flush()).to.deep.equal({ sent: 0, failed: 2, held: 0 });
    w.clock.advance(1_000);
    expect(await mailer.flush()).to.deep.equal({ sent: 0, failed: 2, held: 0 });
    w.clock.advance(2_000);
    expect(await mailer.flush()).to.deep.equal({ sent: 0, failed: 2, held: 0 });
    expect((await outbox(w.knex)).map((r) => [r.status, r.attempts])).to.deep.equal([['failed', 3], ['failed', 3]]);
    expect(lines.filter((l) => l.level === 50 && l.msg.startsWith('mail failed for good'))).to.have.length(2);

    w.clock.advance(30 * 86_400_000);
    expect(await mailer.flush()).to.deep.equal({ sent: 0, failed: 0, held: 0 });
    const { items } = await listOutbox(w.knex, { status: 'failed' });
    expect(items.map((r) => [r.to_email, r.attempts])).to.deep.equal([['zgc.approver@example.org.cn', 3], ['jianwai.approver@example.org.cn', 3]]);
    expect(items[0].last_error).to.contain('ECONNREFUSED');

    // An administrator fixes the mail server and sends one again.
    const smtp = await smtpServer();
    closers.push(smtp.close);
    expect(await requeueMail(w.knex, items[0].id, w.clock.now().getTime())).to.equal(true);
    expect(await mailerFor({ smtpUrl: `smtp://127.0.0.1:${smtp.port}` }).flush()).to.deep.equal({ sent: 1, failed: 0, held: 0 });
    expect(smtp.received.map((m) => m.rcptTo)).to.deep.equal([['zgc.approver@example.org.cn']]);
  });

  it('without an SMTP URL sums up the mail already pending in one line, logs new mail once, keeps it pending, and sends it once SMTP is configured', async () => {
    await twoSubmittedRequests(w);
    const { logger, lines } = memoryLogger();
    const mailer = createMailer({ knex: w.knex, clock: w.clock, from: FROM, logger });
    closers.push(() => mailer.stop());
    const held = () => lines.filter((l) => l.msg.startsWith('SMTP not configured'));

    expect(await mailer.flush()).to.deep.equal({ sent: 0, failed: 0, held: 2 });
    expect(held().map((l) => l.pending)).to.deep.equal([2]);
    w.clock.advance(86_400_000);
    expect(await mailer.flush(), 'nothing new to log').to.deep.equal({ sent: 0, failed: 0, held: 0 });
    expect(held(), 'logged once').to.have.length(1);
    expect((await outbox(w.knex)).map((r) => [r.status, r.attempts, r.sent_at])).to.deep.equal([['pending', 0, null], ['pending', 0, null]]);

    // New mail is logged once each, recipient and subject only, not the body.
    await twoSubmittedRequests(w);
    expect(await mailer.flush()).to.deep.equal({ sent: 0, failed: 0, held: 2 });
    expect(held().slice(1).map((l) => [l.to, l.subject])).to.deep.equal((await outbox(w.knex)).slice(2).map((r) => [r.to_email, r.subject]));
    expect(JSON.stringify(lines)).not.to.contain(CASE_SUBJECT);
    expect(held()).to.have.length(3);
    await mailer.stop();

    // The next run has SMTP: all of it goes out, once.
    const smtp = await smtpServer();
    closers.push(smtp.close);
    const withSmtp = mailerFor({ smtpUrl: `smtp://127.0.0.1:${smtp.port}` });
    expect(await withSmtp.flush()).to.deep.equal({ sent: 4, failed: 0, held: 0 });
    expect(await withSmtp.flush()).to.deep.equal({ sent: 0, failed: 0, held: 0 });
    expect(smtp.received).to.have.length(4);
  });

  it('without an SMTP URL logs one summary line at each start, however much mail is pending, not one line per mail', async () => {
    const base = { instance_id: null, template: 'reminder', subject: '【提醒 / Reminder】', body: 'x', attempts: 0, next_attempt_at: 0, created_at: w.clock.now().toISOString(), status: 'pending', to_email: 'a@example.org.cn' };
    for (let i = 0; i < 3; i++) await w.knex('outbox').insert(Array.from({ length: 100 }, () => base));
    for (const restart of [1, 2]) {
      const { logger, lines } = memoryLogger();
      const mailer = createMailer({ knex: w.knex, clock: w.clock, from: FROM, logger, batch: 40 });
      await mailer.start(3_600_000);
      await mailer.stop();
      const held = lines.filter((l) => l.msg.startsWith('SMTP not configured'));
      expect(held, `start ${restart}`).to.have.length(1);
      expect(held[0].pending).to.equal(300);
      expect(lines.length, 'the warning, the summary and nothing per mail').to.be.at.most(3);
    }
  });

  it('never writes a personal ID number to the log', async () => {
    const idNumber = '11010519491231002X';
    await w.knex('outbox').insert({
      template: 'decision', to_email: 'guomao.requester@example.org.cn', subject: `【审批结果】拟聘人员 ${idNumber}`, body: `身份证号 ${idNumber}`,
      status: 'pending', attempts: 0, next_attempt_at: w.clock.now().getTime(), created_at: w.clock.now().toISOString(),
    });
    const withoutSmtp = memoryLogger();
    await createMailer({ knex: w.knex, clock: w.clock, from: FROM, logger: withoutSmtp.logger }).flush();
    expect(withoutSmtp.lines).to.have.length(1);
    expect(JSON.stringify(withoutSmtp.lines)).not.to.contain(idNumber);

    const smtp = await smtpServer();
    closers.push(smtp.close);
    const withSmtp = memoryLogger();
    const mailer = createMailer({ knex: w.knex, clock: w.clock, from: FROM, logger: withSmtp.logger, smtpUrl: `smtp://127.0.0.1:${smtp.port}` });
    closers.push(() => mailer.stop());
    expect(await mailer.flush()).to.deep.equal({ sent: 1, failed: 0, held: 0 });
    expect(withSmtp.lines.length).to.be.greaterThan(0);
    expect(JSON.stringify(withSmtp.lines)).not.to.contain(idNumber);
  });

  it('sends again, with the same Message-ID, a mail left "sending" by a process that stopped, once its lease has run out', async () => {
    const smtp = await smtpServer();
    closers.push(smtp.close);
    await twoSubmittedRequests(w);
    // A process claims both rows and dies before sending.
    const now = w.clock.now().getTime();
    expect(await claimDueMail(w.knex, { now, limit: 10, leaseUntil: now + 600_000 })).to.have.length(2);
    const mailer = mailerFor({ smtpUrl: `smtp://127.0.0.1:${smtp.port}` });

    w.clock.advance(599_999);
    expect(await mailer.flush(), 'still leased to the stopped process').to.deep.equal({ sent: 0, failed: 0, held: 0 });
    w.clock.advance(1);
    expect(await mailer.flush()).to.deep.equal({ sent: 2, failed: 0, held: 0 });
    expect(smtp.received.map((m) => m.headers['message-id']).sort()).to.deep.equal(['<outbox-1@union-workflows>', '<outbox-2@union-workflows>']);
    const rows = await outbox(w.knex);
    expect(rows.map((r) => [r.status, r.attempts])).to.deep.equal([['sent', 1], ['sent', 1]]);
    expect(rows[0].last_error).to.equal(null);
  });

  it('start sends what is due at once; stop waits for the flush and ends the loop', async () => {
    const smtp = await smtpServer();
    closers.push(smtp.close);
    await twoSubmittedRequests(w);
    const mailer = mailerFor({ smtpUrl: `smtp://127.0.0.1:${smtp.port}` });
    await mailer.start(3_600_000);
    expect(smtp.received).to.have.length(2);
    await mailer.stop();
  });

  it('finds due mail by a range scan of the (status, next_attempt_at) index', async () => {
    const details = await queryPlan(w.knex, dueMailQuery(w.knex, w.clock.now().getTime(), 50));
    if (onPostgres) {
      // The order by (next_attempt_at, id) may still sort the few due rows the range yields.
      expect(details).to.match(/Index Scan using outbox_status_next_attempt_at_index on outbox/);
      expect(details).to.match(/Index Cond: \(\(\(status\)::text = 'pending'::text\) AND \(next_attempt_at <= /);
      expect(details).not.to.contain('Seq Scan');
      return;
    }
    expect(details).to.match(/^SEARCH outbox USING (COVERING )?INDEX outbox_status_next_attempt_at_index \(status=\? AND next_attempt_at/);
    expect(details).not.to.contain('TEMP B-TREE');
  });
});
