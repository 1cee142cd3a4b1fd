import { expect } from 'chai';
import type { Knex } from 'knex';
import { pino, type Logger } from 'pino';
import { dueDeadlinesQuery, listDeadlines } from '../../db/deadlines.ts';
import { migrate, openDatabase } from '../../db/index.ts';
import type { DeadlineRow, HistoryRow, OutboxRow } from '../../db/tables.ts';
import { createScheduler } from '../../notifications/scheduler.ts';
import { onPostgres, queryPlan } from '../database.ts';
import { actor, engineFor, p1Request, urlOf, world, type World } from '../helpers.ts';
import { DEV_PERSONAL_DATA } from '../../workflows/engine/personal-data.ts';

// Expected instants are worked out by hand from the State Council schedules (国办发明电 2026):
//   Spring Festival: off Sun 02-15 .. Mon 02-23; make-up working days Sat 02-14 and Sat 02-28.
//   Mid-autumn: off Fri 09-25 .. Sun 09-27.
//   National Day: off Thu 10-01 .. Wed 10-07; make-up working days Sun 09-20 and Sat 10-10.
// Day 1 is the first working day after the submission date; reminders go out at 09:00 Shanghai
// on days 5 and 8; the answer is due at the end of day 10 (24:00 Shanghai), then escalated.

const P1 = 'purchased-service-hire';
/** An instant given as Shanghai wall time. */
const sh = (wall: string) => new Date(`${wall}+08:00`);
const ms = (wall: string) => sh(wall).getTime();

/** Log lines of every scheduler in the running test; a failing test prints the errors among them. */
let logged: any[] = [];
function memoryLogger(): { logger: Logger; lines: any[] } {
  const lines: any[] = [];
  const write = (s: string) => {
    const line = JSON.parse(s);
    lines.push(line);
    logged.push(line);
  };
  return { lines, logger: pino({ level: 'debug' }, { write }) };
}

async function submitP1(w: World, engine = engineFor(w)): Promise<string> {
  const requester = await actor(w, 'guomao.requester');
  const inst = await engine.start({ type: P1, body: p1Request(), actor: requester, orgId: w.demo.orgs.guomao.id });
  await engine.send({ instanceId: inst.id, event: { type: 'SUBMIT' }, actor: requester });
  return inst.id;
}

const deadlinesOf = (knex: Knex, id: string) => knex<DeadlineRow>('deadlines').where({ instance_id: id }).orderBy('id');
const historyOf = (knex: Knex, id: string) => knex<HistoryRow>('history').where({ instance_id: id }).orderBy('seq');
const mailOf = (knex: Knex, id: string, template: string) => knex<OutboxRow>('outbox').where({ instance_id: id, template }).orderBy('id');
const systemEvents = async (knex: Knex, id: string) => (await historyOf(knex, id)).filter((h) => h.actor_id === 'system').map((h) => h.type);

type Ladder = { reminder1: string; reminder2: string; escalation: string };

/** The three P1 deadlines stored for a case, as Shanghai wall times. */
async function storedLadder(knex: Knex, id: string): Promise<Record<string, number>> {
  const rows = await deadlinesOf(knex, id);
  return Object.fromEntries(rows.map((d) => [d.decl_id, Number(d.due_at)]));
}

/** Jump to 1 ms before each deadline (nothing fires), then onto it (exactly that one fires, once). */
async function walkLadder(w: World, id: string, ladder: Ladder) {
  const scheduler = createScheduler({ knex: w.knex, engine: engineFor(w), clock: w.clock, logger: memoryLogger().logger });
  const steps: [string, string, string][] = [
    [ladder.reminder1, 'answer-reminder-1', 'REMIND'],
    [ladder.reminder2, 'answer-reminder-2', 'REMIND'],
    [ladder.escalation, 'answer-due', 'ESCALATE'],
  ];
  const fired: string[] = [];
  for (const [at, decl, event] of steps) {
    w.clock.t = new Date(ms(at) - 1);
    expect(await scheduler.tick(), `nothing due just before ${at}`).to.deep.equal({ fired: 0, cancelled: 0 });
    expect(await systemEvents(w.knex, id)).to.deep.equal(fired);
    w.clock.t = sh(at);
    expect(await scheduler.tick(), `${decl} at ${at}`).to.deep.equal({ fired: 1, cancelled: 0 });
    for (let i = 0; i < 3; i++) expect(await scheduler.tick()).to.deep.equal({ fired: 0, cancelled: 0 });
    fired.push(event);
    expect(await systemEvents(w.knex, id)).to.deep.equal(fired);
    const row = (await deadlinesOf(w.knex, id)).find((d) => d.decl_id === decl)!;
    expect(row.status).to.equal('fired');
    expect(row.fired_at).to.equal(sh(at).toISOString());
  }
  return scheduler;
}

describe('deadline scheduler', () => {
  let w: World;
  beforeEach(() => {
    logged = [];
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      for (const l of logged.filter((x) => x.level >= 50)) console.error('  scheduler error:', l.msg, JSON.stringify(l.err));
    await w?.cleanup();
  });

  describe('a P1 request submitted on 2026-02-12, just before Spring Festival', () => {
    const ladder: Ladder = {
      // 02-13 Fri (1), 02-14 Sat make-up (2), 02-15..02-23 off, 02-24 (3), 02-25 (4), 02-26 (5)
      reminder1: '2026-02-26T09:00:00',
      // 02-27 Fri (6), 02-28 Sat make-up (7), 03-01 Sun off, 03-02 Mon (8)
      reminder2: '2026-03-02T09:00:00',
      // 03-03 (9), 03-04 (10): due at 2026-03-04 24:00 = 2026-03-05 00:00 Shanghai
      escalation: '2026-03-05T00:00:00',
    };

    it('stores the reminders at 09:00 on working days 5 and 8 and the answer due at the end of working day 10', async () => {
      w = await world('2026-02-12T02:00:00Z');
      const id = await submitP1(w);
      expect(await storedLadder(w.knex, id)).to.deep.equal({
        'answer-reminder-1': ms(ladder.reminder1),
        'answer-reminder-2': ms(ladder.reminder2),
        'answer-due': ms(ladder.escalation),
      });
    });

    it('fires reminder 1, reminder 2 and the escalation each at its moment and exactly once, as the system', async () => {
      w = await world('2026-02-12T02:00:00Z');
      const id = await submitP1(w);
      await walkLadder(w, id, ladder);

      const history = (await historyOf(w.knex, id)).filter((h) => h.actor_id === 'system');
      expect(history.map((h) => [h.type, h.actor_name, h.from_state, h.to_state, h.at])).to.deep.equal([
        ['REMIND', '系统 system', 'submitted', 'submitted', sh(ladder.reminder1).toISOString()],
        ['REMIND', '系统 system', 'submitted', 'submitted', sh(ladder.reminder2).toISOString()],
        ['ESCALATE', '系统 system', 'submitted', 'submitted', sh(ladder.escalation).toISOString()],
      ]);
    });

    it('mails each reminder to the parent union approver and the escalation to the grandparent union approver', async () => {
      w = await world('2026-02-12T02:00:00Z');
      const id = await submitP1(w);
      await walkLadder(w, id, ladder);
      const jianwai = w.demo.users['jianwai.approver'].id;
      const chaoyang = w.demo.users['chaoyang.approver'].id;

      const reminders = await mailOf(w.knex, id, 'reminder');
      expect(reminders.map((m) => [m.to_user_id, m.to_email, m.status, m.created_at])).to.deep.equal([
        [jianwai, 'jianwai.approver@example.org.cn', 'pending', sh(ladder.reminder1).toISOString()],
        [jianwai, 'jianwai.approver@example.org.cn', 'pending', sh(ladder.reminder2).toISOString()],
      ]);
      const escalations = await mailOf(w.knex, id, 'escalation');
      expect(escalations.map((m) => [m.to_user_id, m.to_email, m.status])).to.deep.equal([[chaoyang, 'chaoyang.approver@example.org.cn', 'pending']]);
      expect(escalations[0].body).to.contain('2026-03-04 24:00').and.to.contain('§3.1.3');
      // The parent union is told it is overdue; nobody else hears of it.
      expect((await mailOf(w.knex, id, 'overdue')).map((m) => m.to_user_id)).to.deep.equal([jianwai]);
      const users = await w.knex('outbox').where({ instance_id: id }).whereIn('template', ['reminder', 'escalation', 'overdue']).distinct('to_user_id');
      expect(users.map((u) => u.to_user_id).sort()).to.deep.equal([jianwai, chaoyang].sort());
    });

    it('after a long outage one tick fires everything that fell due, in order, once each', async () => {
      w = await world('2026-02-12T02:00:00Z');
      const id = await submitP1(w);
      const scheduler = createScheduler({ knex: w.knex, engine: engineFor(w), clock: w.clock, logger: memoryLogger().logger });
      w.clock.set('2026-04-01T00:00:00Z');
      expect(await scheduler.tick()).to.deep.equal({ fired: 3, cancelled: 0 });
      expect(await scheduler.tick()).to.deep.equal({ fired: 0, cancelled: 0 });
      expect(await systemEvents(w.knex, id)).to.deep.equal(['REMIND', 'REMIND', 'ESCALATE']);
      expect(await mailOf(w.knex, id, 'escalation')).to.have.length(1);
    });

    it('never fires the deadlines of a request approved before they fell due', async () => {
      w = await world('2026-02-12T02:00:00Z');
      const engine = engineFor(w);
      const id = await submitP1(w, engine);
      w.clock.set('2026-02-24T03:00:00Z');
      await engine.send({ instanceId: id, event: { type: 'APPROVE' }, actor: await actor(w, 'jianwai.approver') });

      const scheduler = createScheduler({ knex: w.knex, engine, clock: w.clock, logger: memoryLogger().logger });
      w.clock.set('2026-04-01T00:00:00Z');
      expect(await scheduler.tick()).to.deep.equal({ fired: 0, cancelled: 0 });
      const answer = (await deadlinesOf(w.knex, id)).filter((d) => d.decl_id.startsWith('answer-'));
      expect(answer.map((d) => d.status)).to.deep.equal(['cancelled', 'cancelled', 'cancelled']);
      expect(await systemEvents(w.knex, id)).to.deep.equal([]);
      expect(await w.knex('outbox').where({ instance_id: id }).whereIn('template', ['reminder', 'escalation', 'overdue'])).to.deep.equal([]);
    });

    it('stops after reminder 1 when the request is approved between the reminders', async () => {
      w = await world('2026-02-12T02:00:00Z');
      const engine = engineFor(w);
      const id = await submitP1(w, engine);
      const scheduler = createScheduler({ knex: w.knex, engine, clock: w.clock, logger: memoryLogger().logger });
      w.clock.t = sh(ladder.reminder1);
      expect(await scheduler.tick()).to.deep.equal({ fired: 1, cancelled: 0 });
      w.clock.t = sh('2026-02-27T10:00:00');
      await engine.send({ instanceId: id, event: { type: 'APPROVE' }, actor: await actor(w, 'jianwai.approver') });
      w.clock.set('2026-04-01T00:00:00Z');
      expect(await scheduler.tick()).to.deep.equal({ fired: 0, cancelled: 0 });
      expect((await deadlinesOf(w.knex, id)).filter((d) => d.decl_id.startsWith('answer-')).map((d) => [d.decl_id, d.status])).to.deep.equal([
        ['answer-reminder-1', 'closed'], ['answer-reminder-2', 'cancelled'], ['answer-due', 'cancelled'],
      ]);
      expect(await systemEvents(w.knex, id)).to.deep.equal(['REMIND']);
    });

    it('cancels, without firing, a pending deadline whose case has already left the state', async () => {
      w = await world('2026-02-12T02:00:00Z');
      const engine = engineFor(w);
      const id = await submitP1(w, engine);
      await engine.send({ instanceId: id, event: { type: 'APPROVE' }, actor: await actor(w, 'jianwai.approver') });
      // A row left pending although its state was left (e.g. written by an older release).
      await w.knex('deadlines').where({ instance_id: id, decl_id: 'answer-due' }).update({ status: 'pending', closed_at: null });
      const scheduler = createScheduler({ knex: w.knex, engine, clock: w.clock, logger: memoryLogger().logger });
      w.clock.set('2026-04-01T00:00:00Z');
      expect(await scheduler.tick()).to.deep.equal({ fired: 0, cancelled: 1 });
      expect(await scheduler.tick()).to.deep.equal({ fired: 0, cancelled: 0 });
      expect((await deadlinesOf(w.knex, id)).find((d) => d.decl_id === 'answer-due')!.status).to.equal('cancelled');
      expect(await systemEvents(w.knex, id)).to.deep.equal([]);
    });
  });

  describe('across National Day 2026', () => {
    it('counts the Sunday make-up day 09-20, skips Mid-autumn and the Golden Week (submitted Fri 2026-09-18)', async () => {
      w = await world('2026-09-18T02:00:00Z');
      const id = await submitP1(w);
      const ladder: Ladder = {
        // 09-19 Sat off, 09-20 Sun make-up (1), 09-21 (2), 09-22 (3), 09-23 (4), 09-24 Thu (5)
        reminder1: '2026-09-24T09:00:00',
        // 09-25..09-27 Mid-autumn off, 09-28 (6), 09-29 (7), 09-30 Wed (8)
        reminder2: '2026-09-30T09:00:00',
        // 10-01..10-07 off, 10-08 Thu (9), 10-09 Fri (10): due 2026-10-09 24:00
        escalation: '2026-10-10T00:00:00',
      };
      expect(await storedLadder(w.knex, id)).to.deep.equal({
        'answer-reminder-1': ms(ladder.reminder1), 'answer-reminder-2': ms(ladder.reminder2), 'answer-due': ms(ladder.escalation),
      });
      await walkLadder(w, id, ladder);
      expect((await mailOf(w.knex, id, 'escalation'))[0].body).to.contain('2026-10-09 24:00');
    });

    it('counts the Saturday make-up day 10-10 (submitted Wed 2026-09-30)', async () => {
      w = await world('2026-09-30T02:00:00Z');
      const id = await submitP1(w);
      const ladder: Ladder = {
        // 10-01..10-07 off, 10-08 (1), 10-09 (2), 10-10 Sat make-up (3), 10-11 Sun off, 10-12 (4), 10-13 Tue (5)
        reminder1: '2026-10-13T09:00:00',
        // 10-14 (6), 10-15 (7), 10-16 Fri (8)
        reminder2: '2026-10-16T09:00:00',
        // 10-19 Mon (9), 10-20 Tue (10): due 2026-10-20 24:00
        escalation: '2026-10-21T00:00:00',
      };
      expect(await storedLadder(w.knex, id)).to.deep.equal({
        'answer-reminder-1': ms(ladder.reminder1), 'answer-reminder-2': ms(ladder.reminder2), 'answer-due': ms(ladder.escalation),
      });
      await walkLadder(w, id, ladder);
      const jianwai = w.demo.users['jianwai.approver'].id;
      expect((await mailOf(w.knex, id, 'reminder')).map((m) => m.to_user_id)).to.deep.equal([jianwai, jianwai]);
      expect((await mailOf(w.knex, id, 'escalation')).map((m) => m.to_user_id)).to.deep.equal([w.demo.users['chaoyang.approver'].id]);
    });
  });

  describe('restarts and several schedulers', () => {
    it('fires once at start a deadline that fell due while the server was down', async () => {
      w = await world('2026-02-12T02:00:00Z');
      const id = await submitP1(w);
      await w.knex.destroy();

      // Down over the first reminder; back the morning after.
      w.clock.set('2026-02-27T01:30:00Z');
      const knex = openDatabase(urlOf(w));
      const dropWorld = w.cleanup;
      w = { ...w, knex, cleanup: async () => { await knex.destroy(); await dropWorld(); } };
      await migrate(knex, { personal: DEV_PERSONAL_DATA });
      const scheduler = createScheduler({ knex, engine: engineFor(w), clock: w.clock, logger: memoryLogger().logger });
      await scheduler.start(3_600_000);
      try {
        expect(await systemEvents(knex, id)).to.deep.equal(['REMIND']);
        expect(await mailOf(knex, id, 'reminder')).to.have.length(1);
        expect(await scheduler.tick()).to.deep.equal({ fired: 0, cancelled: 0 });
        expect(await mailOf(knex, id, 'reminder')).to.have.length(1);
        expect((await deadlinesOf(knex, id)).map((d) => d.status)).to.deep.equal(['fired', 'pending', 'pending']);
      } finally {
        await scheduler.stop();
      }
    });

    it('two schedulers ticking at once on one database fire each deadline once', async () => {
      w = await world('2026-02-12T02:00:00Z');
      const ids = [];
      for (let i = 0; i < 4; i++) ids.push(await submitP1(w));
      const logs = [memoryLogger(), memoryLogger()];
      const [a, b] = logs.map(({ logger }) => createScheduler({ knex: w.knex, engine: engineFor(w), clock: w.clock, logger, batch: 2 }));
      w.clock.set('2026-04-01T00:00:00Z');
      const [ra, rb] = await Promise.all([a.tick(), b.tick()]);
      expect(ra.fired + rb.fired).to.equal(12);
      // They did meet: one found rows the other had already fired.
      const taken = logs.flatMap((l) => l.lines).filter((l) => l.outcome === 'taken');
      expect(taken.length).to.be.greaterThan(0);
      for (const id of ids) {
        expect(await systemEvents(w.knex, id)).to.deep.equal(['REMIND', 'REMIND', 'ESCALATE']);
        expect(await mailOf(w.knex, id, 'escalation')).to.have.length(1);
      }
    });

    it('several deadlines of one case fired at the same moment all fire, one after another', async () => {
      // On PostgreSQL the firings run in parallel transactions: each must wait for the case, not
      // lose the compare-and-set to the other and cancel its deadline as if the state had moved on.
      w = await world('2026-02-12T02:00:00Z');
      const id = await submitP1(w);
      const engine = engineFor(w);
      w.clock.set('2026-04-01T00:00:00Z');
      const outcomes = await Promise.all((await deadlinesOf(w.knex, id)).map((d) => engine.fire(d)));
      expect(outcomes).to.deep.equal(['fired', 'fired', 'fired']);
      expect([...(await systemEvents(w.knex, id))].sort()).to.deep.equal(['ESCALATE', 'REMIND', 'REMIND']);
      expect((await historyOf(w.knex, id)).map((h) => h.seq)).to.deep.equal([1, 2, 3, 4, 5]);
    });

    it('two scheduler processes with their own connections to one database fire each deadline once', async () => {
      w = await world('2026-02-12T02:00:00Z');
      const ids = [];
      for (let i = 0; i < 3; i++) ids.push(await submitP1(w));
      // On SQLite, the async sqlite3 driver waits for the file lock off the main thread, as a second
      // process would; on PostgreSQL each has its own pool of connections (the driver choice is moot).
      const k1 = openDatabase(urlOf(w), 'sqlite3');
      const k2 = openDatabase(urlOf(w), 'sqlite3');
      try {
        const a = createScheduler({ knex: k1, engine: engineFor({ ...w, knex: k1 }), clock: w.clock, logger: memoryLogger().logger, batch: 2 });
        const b = createScheduler({ knex: k2, engine: engineFor({ ...w, knex: k2 }), clock: w.clock, logger: memoryLogger().logger, batch: 2 });
        w.clock.set('2026-04-01T00:00:00Z');
        const [ra, rb] = await Promise.all([a.tick(), b.tick()]);
        expect(ra.fired + rb.fired).to.equal(9);
      } finally {
        await k1.destroy();
        await k2.destroy();
      }
      for (const id of ids) expect(await systemEvents(w.knex, id)).to.deep.equal(['REMIND', 'REMIND', 'ESCALATE']);
    });
  });

  describe('failures', () => {
    it('a deadline whose firing throws is logged, stays pending and does not hold back the others', async () => {
      w = await world('2026-02-12T02:00:00Z');
      const first = await submitP1(w);
      const second = await submitP1(w);
      const engine = engineFor(w);
      const broken = (await deadlinesOf(w.knex, first)).find((d) => d.decl_id === 'answer-reminder-1')!;
      let failing = true;
      const flaky = {
        fire: (d: DeadlineRow) => (failing && d.id === broken.id ? Promise.reject(new Error('database hiccup')) : engine.fire(d)),
      };
      const { logger, lines } = memoryLogger();
      // batch 1: the broken row is the first due and would be met first in every batch.
      const scheduler = createScheduler({ knex: w.knex, engine: flaky, clock: w.clock, logger, batch: 1 });
      w.clock.set('2026-04-01T00:00:00Z');
      expect(await scheduler.tick()).to.deep.equal({ fired: 5, cancelled: 0 });
      expect((await deadlinesOf(w.knex, first)).find((d) => d.id === broken.id)!.status).to.equal('pending');
      expect(await systemEvents(w.knex, second)).to.deep.equal(['REMIND', 'REMIND', 'ESCALATE']);
      const errors = lines.filter((l) => l.level >= 50);
      expect(errors).to.have.length(1);
      expect(errors[0]).to.include({ deadlineId: broken.id, instanceId: first });
      expect(errors[0].err.message).to.equal('database hiccup');

      failing = false;
      expect(await scheduler.tick()).to.deep.equal({ fired: 1, cancelled: 0 });
      // The late reminder goes out after the escalation: the case is still waiting, so it is still true.
      expect(await systemEvents(w.knex, first)).to.deep.equal(['REMIND', 'ESCALATE', 'REMIND']);
    });

    it('start ticks at once and then every interval; stop waits for a running tick and ends the ticking', async () => {
      w = await world('2026-02-12T02:00:00Z');
      const first = await submitP1(w);
      const scheduler = createScheduler({ knex: w.knex, engine: engineFor(w), clock: w.clock, logger: memoryLogger().logger });
      await scheduler.start(5);
      expect(await systemEvents(w.knex, first)).to.deep.equal([]);
      w.clock.set('2026-04-01T00:00:00Z');
      for (let i = 0; i < 100 && (await systemEvents(w.knex, first)).length < 3; i++) await new Promise((r) => setTimeout(r, 10));
      expect(await systemEvents(w.knex, first)).to.deep.equal(['REMIND', 'REMIND', 'ESCALATE']);

      w.clock.set('2026-04-02T02:00:00Z');
      const second = await submitP1(w);
      w.clock.set('2026-06-01T00:00:00Z');
      let done = false;
      void scheduler.tick().then(() => (done = true));
      await scheduler.stop();
      expect(done, 'the tick running when stop was called has finished').to.equal(true);
      const fired = await systemEvents(w.knex, second);
      w.clock.set('2026-07-01T00:00:00Z');
      await submitP1(w);
      w.clock.set('2026-09-01T00:00:00Z');
      await new Promise((r) => setTimeout(r, 40));
      expect(Number((await w.knex('history').where({ actor_id: 'system' }).count({ n: '*' }).first())!.n)).to.equal(3 + fired.length);
    });
  });

  describe('deadline lists', () => {
    it('lists open deadlines by subtree, by horizon and the overdue ones (an escalated case stays overdue; a sent reminder is not)', async () => {
      w = await world('2026-02-12T02:00:00Z');
      const id = await submitP1(w);
      const scheduler = createScheduler({ knex: w.knex, engine: engineFor(w), clock: w.clock, logger: memoryLogger().logger });
      const list = (a: Omit<Parameters<typeof listDeadlines>[1], 'now'>) =>
        listDeadlines(w.knex, { now: w.clock.now().getTime(), ...a }).then((rows) => rows.map((d) => [d.decl_id, d.status]));

      expect(await list({ orgPathPrefix: w.demo.orgs.chaoyang.path })).to.deep.equal([
        ['answer-reminder-1', 'pending'], ['answer-reminder-2', 'pending'], ['answer-due', 'pending'],
      ]);
      expect(await list({ orgPathPrefix: w.demo.orgs.haidian.path })).to.deep.equal([]);
      expect(await list({ within: 14 * 86_400_000 })).to.deep.equal([['answer-reminder-1', 'pending']]);
      expect(await list({ overdue: true })).to.deep.equal([]);

      w.clock.t = sh('2026-03-02T10:00:00');
      await scheduler.tick();
      expect(await list({ overdue: true }), 'reminders went out; nothing is late yet').to.deep.equal([]);
      w.clock.t = sh('2026-03-05T08:00:00');
      await scheduler.tick();
      const overdue = await listDeadlines(w.knex, { now: w.clock.now().getTime(), overdue: true });
      expect(overdue.map((d) => [d.decl_id, d.status, d.instance_id, d.org_id, d.instance_state])).to.deep.equal([
        ['answer-due', 'fired', id, w.demo.orgs.guomao.id, 'submitted'],
      ]);
      expect(overdue[0].due_at).to.equal(ms('2026-03-05T00:00:00'));
    });
  });

  describe('the due query', () => {
    it('is a range scan of the (status, due_at) index, with no sort, however many deadlines are pending', async () => {
      w = await world('2026-02-12T02:00:00Z');
      const id = await submitP1(w);
      const future = Array.from({ length: 5000 }, (_, i) => ({
        instance_id: id, decl_id: 'answer-due', kind: 'escalation', event: 'ESCALATE', due_at: ms('2030-01-01T00:00:00') + i * 60_000,
        status: 'pending', rule: 'R-psh-approval', clause: '§3.1.3', created_at: '2026-02-12T02:00:00.000Z',
      }));
      for (let i = 0; i < future.length; i += 500) await w.knex('deadlines').insert(future.slice(i, i + 500));
      await w.knex.raw('ANALYZE');
      const now = ms('2026-04-01T00:00:00');
      for (const q of [dueDeadlinesQuery(w.knex, now, 100), dueDeadlinesQuery(w.knex, now, 100, { dueAt: ms('2026-02-26T09:00:00'), id: 1 })]) {
        const details = await queryPlan(w.knex, q);
        if (onPostgres) {
          expect(details).to.match(/Index Scan using deadlines_status_due_at_index on deadlines/);
          expect(details).to.match(/Index Cond: \(\(\(status\)::text = 'pending'::text\) AND \(due_at <= /);
          // Rows come in due_at order from the index; only ties on due_at are put in id order
          // (an Incremental Sort, "Presorted Key: due_at"), never a sort of everything due.
          expect(details).not.to.match(/^\s*(->\s+)?Sort\s+\(/m);
          expect(details).not.to.contain('Seq Scan');
          continue;
        }
        expect(details).to.match(/^SEARCH deadlines USING (COVERING )?INDEX deadlines_status_due_at_index \(status=\? AND due_at/);
        expect(details).not.to.contain('TEMP B-TREE');
        expect(details).not.to.contain('SCAN');
      }
      const scheduler = createScheduler({ knex: w.knex, engine: engineFor(w), clock: w.clock, logger: memoryLogger().logger });
      w.clock.t = new Date(now);
      expect(await scheduler.tick()).to.deep.equal({ fired: 3, cancelled: 0 });
    });
  });
});
