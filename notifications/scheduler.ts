// The scheduler: turns due deadline rows into events, through the engine's own path as the
// system actor (engine.fire claims the row, sends the event and marks it fired in one transaction).
//
// It holds no timers per deadline: each tick asks the database what is due, so deadlines that fell
// due while the server was down fire once at the next start, and any number of scheduler processes
// can tick the same database (fire's guarded claim lets only one of them fire a row).
import type { Knex } from 'knex';
import { pino, type Logger } from 'pino';
import { serialLoop } from './loop.ts';
import { dueDeadlines, type DueCursor } from '../db/deadlines.ts';
import type { DeadlineRow } from '../db/tables.ts';
import type { Clock, Engine } from '../workflows/engine/engine.ts';
import { shanghaiDate } from '../workflows/rules/calendar.ts';

export type SchedulerOptions = {
  knex: Knex;
  engine: Pick<Engine, 'fire'>;
  clock: Clock;
  logger?: Logger;
  batch?: number;
  /**
   * Generic passes that are due by the clock but are no case's deadline (e.g. a reminder about a
   * register record), run after the deadlines each tick: each finds its own due rows, marks them
   * done in the transaction that acts, and answers how many it did. A failing one is logged and
   * tried again next tick; it never keeps the others or the deadlines from running.
   */
  sweeps?: Record<string, (now: Date) => Promise<number>>;
  /** Runs at the first tick of each Asia/Shanghai day (and at the first after a start), after the deadlines (sweep.ts). */
  daily?: () => Promise<unknown>;
};

export type TickResult = { fired: number; cancelled: number };

export function createScheduler(o: SchedulerOptions) {
  const { knex, engine, clock } = o;
  const log = o.logger ?? pino({ name: 'scheduler' });
  const batch = o.batch ?? 100;

  /**
   * One pass over what is due now, in (due_at, id) order, batch by batch. Each batch continues
   * behind the last row of the one before, so a row whose firing throws (it stays pending and is
   * tried again next tick) is met once per tick and cannot keep the rows behind it from firing.
   */
  async function tickOnce(): Promise<TickResult> {
    const result: TickResult = { fired: 0, cancelled: 0 };
    const now = clock.now().getTime();
    let after: DueCursor | undefined;
    for (;;) {
      const rows = await dueDeadlines(knex, now, batch, after);
      for (const row of rows) await fireOne(row, result);
      if (rows.length < batch) break;
      const last = rows[rows.length - 1];
      after = { dueAt: Number(last.due_at), id: last.id };
    }
    if (result.fired || result.cancelled) log.info(result, 'deadlines processed');
    for (const [name, sweep] of Object.entries(o.sweeps ?? {}))
      try {
        const done = await sweep(clock.now());
        if (done) log.info({ sweep: name, done }, 'sweep processed');
      } catch (err) {
        log.error({ sweep: name, err }, 'sweep failed; tried again next tick');
      }
    await runDaily();
    return result;
  }

  let lastDay: string | undefined;
  async function runDaily(): Promise<void> {
    const day = shanghaiDate(clock.now());
    if (!o.daily || day === lastDay) return;
    try {
      await o.daily();
      lastDay = day;
    } catch (err) {
      log.error({ err }, 'daily sweep failed; retried next tick');
    }
  }

  async function fireOne(row: DeadlineRow, result: TickResult): Promise<void> {
    const fields = { deadlineId: row.id, instanceId: row.instance_id, decl: row.decl_id, event: row.event, dueAt: new Date(Number(row.due_at)).toISOString() };
    try {
      const outcome = await engine.fire(row);
      if (outcome === 'fired') result.fired++;
      else if (outcome === 'cancelled') result.cancelled++;
      log.debug({ ...fields, outcome }, 'deadline');
    } catch (err) {
      // Left pending: the next tick tries again. Nothing else in this tick waits on it.
      log.error({ ...fields, err }, 'deadline could not be fired; it stays pending and is retried next tick');
    }
  }

  const job = serialLoop(tickOnce, log, 'scheduler tick');
  return {
    /** Fires what is due now; concurrent calls run one after another. */
    tick: job.run,
    /** Ticks at once (deadlines that fell due while the server was down fire now), then intervalMs after each tick. */
    start: job.start,
    stop: job.stop,
  };
}

export type Scheduler = ReturnType<typeof createScheduler>;
