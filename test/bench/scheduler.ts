// Section 4: one scheduler tick with 10,000 vs 1,000,000 pending deadlines. The due query is a
// range scan of the (status, due_at) index, so a tick should cost the same whatever the number of
// rows pending behind "now": the 1M ÷ 10k ratios should stay near 1.
//
// Two temp SQLite files (migrated, demo tree), each loaded with N pending deadlines due over the
// year after the bench's "now" (multi-row INSERTs in large transactions; they reference a handful
// of draft instances started through the engine, so the foreign keys hold). Each then gets the
// SAME work: K fresh P1 instances started and SUBMITted through the engine at T0, the injected
// clock moved just past their first reminder (answer-reminder-1, due 5 working days later), and
//   (a) fire tick: one scheduler.tick() that fires exactly those K reminders (engine.fire each);
//   (b) empty tick: scheduler.tick() repeated with nothing due (the K just fired; the rest later).
// The clock goes back to T0 for the next round's K instances, so every round ticks at the same
// "now" and the earlier rounds' second reminders and answer deadlines stay in the future. Rounds
// alternate the two databases in ABBA order; empty ticks alternate one by one. The WAL is
// checkpointed (untimed) before each fire tick. N is fixed whatever BENCH_SCALE (the load of 1M
// rows takes ~7 s on 2 cores); the scale only sets the number of rounds and empty ticks.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Knex } from 'knex';
import { pino } from 'pino';
import { dueDeadlinesQuery } from '../../db/deadlines.ts';
import { seedDemo } from '../../db/demo.ts';
import { migrate, openDatabase } from '../../db/index.ts';
import { createScheduler, type Scheduler } from '../../notifications/scheduler.ts';
import { purchasedServiceHire } from '../../workflows/purchased-service-hire/index.ts';
import type { Actor } from '../../workflows/types.ts';
import { actor, engineFor, p1Request, TestClock, type World } from '../helpers.ts';
import { median, round } from './stats.ts';
import type { BenchContext, BenchSection, SectionResult } from './types.ts';
import { DEV_PERSONAL_DATA } from '../../workflows/engine/personal-data.ts';

const TYPE = purchasedServiceHire.type;
const SIZES = { small: 10_000, large: 1_000_000 } as const;
type Size = keyof typeof SIZES;
const K = 50; // due reminders fired per fire tick, the same in both databases
const HOLDERS = 4; // draft instances the filler deadlines belong to
const T0 = '2026-03-02T02:00:00Z'; // Monday 10:00 Shanghai; answer-reminder-1 is due Mon 03-09 09:00
const DAY = 86_400_000;
const ROWS_PER_INSERT = 500; // × 9 columns = 4,500 bound parameters per statement
const ROWS_PER_TRANSACTION = 100_000;

type Bed = {
  size: Size;
  n: number;
  w: World;
  knex: Knex;
  clock: TestClock;
  engine: ReturnType<typeof engineFor>;
  scheduler: Scheduler;
  requester: Actor;
  orgId: number;
  fireAt: number; // epoch ms just past the K reminders
  loadSeconds: number;
};

/** A migrated, seeded temp database with `n` pending filler deadlines due well after T0. */
async function openBed(ctx: BenchContext, size: Size): Promise<Bed> {
  const n = SIZES[size];
  const dir = ctx.tmpDir(`uw-bench-sched-${size}-`);
  const file = join(dir, 'bench.sqlite');
  const knex = openDatabase(`sqlite:${file}`);
  await migrate(knex, { personal: DEV_PERSONAL_DATA });
  const clock = new TestClock(new Date(T0));
  const demo = await seedDemo(knex, clock.now());
  const w: World = { dir, file, knex, demo, clock, cleanup: () => knex.destroy() };
  const engine = engineFor(w);
  const scheduler = createScheduler({ knex, engine, clock, logger: pino({ level: 'silent' }) });
  const requester = await actor(w, 'guomao.requester');
  const orgId = demo.orgs.guomao.id;

  const holders: string[] = [];
  for (let i = 0; i < HOLDERS; i++) holders.push((await engine.start({ type: TYPE, body: p1Request(), actor: requester, orgId })).id);

  // Filler: spread over a year starting 60 days after T0, cycling through P1's declared deadlines.
  const t = performance.now();
  const decls = purchasedServiceHire.deadlines;
  const from = clock.now().getTime() + 60 * DAY;
  const createdAt = clock.now().toISOString();
  const cols = ['instance_id', 'decl_id', 'kind', 'event', 'due_at', 'status', 'rule', 'clause', 'created_at'];
  const tuple = `(${cols.map(() => '?').join(',')})`;
  const statement = (rows: number) => `insert into deadlines (${cols.join(',')}) values ${Array.from({ length: rows }, () => tuple).join(',')}`;
  const full = statement(ROWS_PER_INSERT);
  for (let start = 0; start < n; start += ROWS_PER_TRANSACTION) {
    const end = Math.min(n, start + ROWS_PER_TRANSACTION);
    await knex.transaction(async (trx) => {
      for (let i = start; i < end; i += ROWS_PER_INSERT) {
        const rows = Math.min(ROWS_PER_INSERT, end - i);
        const b: (string | number)[] = [];
        for (let j = i; j < i + rows; j++) {
          const d = decls[j % decls.length];
          b.push(holders[j % HOLDERS], d.id, d.kind, d.event, from + Math.floor((j * 365 * DAY) / n), 'pending', d.rule.rule, d.rule.clause, createdAt);
        }
        await trx.raw(rows === ROWS_PER_INSERT ? full : statement(rows), b);
      }
    });
  }
  await knex.raw('PRAGMA wal_checkpoint(TRUNCATE)');
  const loadSeconds = (performance.now() - t) / 1000;
  const pending = Number((await knex('deadlines').where({ status: 'pending' }).count({ c: '*' }).first())?.c);
  if (pending !== n) throw new Error(`${size}: ${pending} pending deadlines, expected ${n}`);
  return { size, n, w, knex, clock, engine, scheduler, requester, orgId, fireAt: 0, loadSeconds };
}

/** K fresh P1 instances SUBMITted at T0; the clock then stands just past their first reminder. */
async function arm(b: Bed): Promise<string[]> {
  b.clock.t = new Date(T0);
  const ids: string[] = [];
  for (let i = 0; i < K; i++) {
    const inst = await b.engine.start({ type: TYPE, body: p1Request(), actor: b.requester, orgId: b.orgId });
    await b.engine.send({ instanceId: inst.id, event: { type: 'SUBMIT' }, actor: b.requester });
    ids.push(inst.id);
  }
  const due = await b.knex('deadlines').whereIn('instance_id', ids).where({ decl_id: 'answer-reminder-1', status: 'pending' }).select('due_at');
  const dues = new Set(due.map((r: { due_at: number | string }) => Number(r.due_at)));
  if (due.length !== K || dues.size !== 1) throw new Error(`${b.size}: expected ${K} reminders due at one instant, got ${due.length} rows at ${dues.size} instants`);
  b.fireAt = [...dues][0] + 1_000;
  b.clock.t = new Date(b.fireAt);
  // Start every timed tick with an empty WAL, so an automatic checkpoint (every 1,000 pages) does
  // not land inside some ticks and not others.
  await b.knex.raw('PRAGMA wal_checkpoint(TRUNCATE)');
  return ids;
}

async function fireTick(b: Bed): Promise<number> {
  const ids = await arm(b);
  const a = performance.now();
  const r = await b.scheduler.tick();
  const ms = performance.now() - a;
  if (r.fired !== K || r.cancelled !== 0) throw new Error(`${b.size}: fire tick gave ${JSON.stringify(r)}, expected ${K} fired`);
  const left = await b.knex('deadlines').whereIn('instance_id', ids).where({ decl_id: 'answer-reminder-1' }).whereNot({ status: 'fired' }).count({ c: '*' }).first();
  if (Number(left?.c) !== 0) throw new Error(`${b.size}: ${left?.c} of the K reminders not fired`);
  return ms;
}

async function emptyTick(b: Bed): Promise<number> {
  const a = performance.now();
  const r = await b.scheduler.tick();
  const us = (performance.now() - a) * 1000;
  if (r.fired !== 0 || r.cancelled !== 0) throw new Error(`${b.size}: empty tick gave ${JSON.stringify(r)}`);
  return us;
}

export const schedulerSection: BenchSection = {
  id: 'scheduler',
  title: { zh: '调度器单次扫描（1万 对 100万 待触发期限）', en: 'Scheduler tick, 10k vs 1M pending deadlines' },
  budgetSeconds: 20,
  async run(ctx: BenchContext): Promise<SectionResult> {
    const beds: Bed[] = [];
    try {
      for (const size of ['small', 'large'] as Size[]) {
        ctx.progress(`scheduler: loading ${SIZES[size].toLocaleString('en-US')} pending deadlines`);
        beds.push(await openBed(ctx, size));
      }
      return await measure(ctx, beds[0], beds[1]);
    } finally {
      for (const b of beds) await b.w.cleanup();
    }
  },
};

async function measure(ctx: BenchContext, small: Bed, large: Bed): Promise<SectionResult> {
  const rounds = Math.max(3, Math.round(21 * Math.min(ctx.scale, 2))) | 1;
  const emptyPerRound = Math.max(50, Math.round(300 * ctx.scale));

  // Warm-up (JIT, statement and page caches), not counted.
  ctx.progress('scheduler: warm-up');
  for (const b of [small, large]) {
    await fireTick(b);
    for (let i = 0; i < 200; i++) await emptyTick(b);
  }

  const fireMs: Record<Size, number[]> = { small: [], large: [] };
  const emptyUs: Record<Size, number[]> = { small: [], large: [] };
  const perRound: { order: string; fireMs: Record<Size, number>; emptyUsMedian: Record<Size, number> }[] = [];
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? [small, large] : [large, small]; // ABBA
    const f = {} as Record<Size, number>;
    for (const b of order) fireMs[b.size].push((f[b.size] = await fireTick(b)));
    // The clocks now stand just past the reminders they fired: nothing is due in either database.
    const e: Record<Size, number[]> = { small: [], large: [] };
    for (let i = 0; i < emptyPerRound; i++) for (const b of i % 2 === 0 ? order : [order[1], order[0]]) e[b.size].push(await emptyTick(b));
    for (const s of ['small', 'large'] as Size[]) emptyUs[s].push(...e[s]);
    perRound.push({ order: order.map((b) => b.size).join(','), fireMs: { small: round(f.small, 3)!, large: round(f.large, 3)! }, emptyUsMedian: { small: round(median(e.small), 1)!, large: round(median(e.large), 1)! } });
    ctx.progress(`scheduler: round ${r + 1}/${rounds}: fire ${f.small.toFixed(1)} | ${f.large.toFixed(1)} ms, empty ${median(e.small)!.toFixed(0)} | ${median(e.large)!.toFixed(0)} µs (10k | 1M)`);
  }

  const { sql, bindings } = dueDeadlinesQuery(large.knex, large.fireAt, 100).toSQL().toNative();
  const plan: { detail: string }[] = await large.knex.raw(`EXPLAIN QUERY PLAN ${sql}`, bindings as any[]);
  const planLine = plan.map((p) => p.detail).join(' | ');
  const pages = async (b: Bed) => Number((await b.knex.raw('PRAGMA page_count'))[0]?.page_count) * Number((await b.knex.raw('PRAGMA page_size'))[0]?.page_size);
  const mib = async (b: Bed) => round((await pages(b)) / 2 ** 20, 1)!;
  const pendingNow = async (b: Bed) => Number((await b.knex('deadlines').where({ status: 'pending' }).count({ c: '*' }).first())?.c);

  const emptySmall = median(emptyUs.small);
  const emptyLarge = median(emptyUs.large);
  const fireSmall = median(fireMs.small);
  const fireLarge = median(fireMs.large);
  const ratio = (a: number | null, b: number | null) => (a === null || b === null ? null : a / b);
  const roundRatios = perRound.map((p) => p.fireMs.large / p.fireMs.small);

  return {
    metrics: [
      { key: 'scheduler.emptyTickUs10k', zh: '空扫描（1万待触发）', en: 'empty tick, 10k pending (median)', value: emptySmall, unit: 'µs', digits: 1 },
      { key: 'scheduler.emptyTickUs1M', zh: '空扫描（100万待触发）', en: 'empty tick, 1M pending (median)', value: emptyLarge, unit: 'µs', digits: 1 },
      { key: 'scheduler.emptyTickRatio', zh: '空扫描 100万/1万', en: 'empty tick 1M ÷ 10k', value: ratio(emptyLarge, emptySmall), unit: '×', digits: 3 },
      { key: 'scheduler.fireTickMs10k', zh: `触发扫描（${K}条到期，1万）`, en: `tick firing ${K} due, 10k pending`, value: fireSmall, unit: 'ms', digits: 2 },
      { key: 'scheduler.fireTickMs1M', zh: `触发扫描（${K}条到期，100万）`, en: `tick firing ${K} due, 1M pending`, value: fireLarge, unit: 'ms', digits: 2 },
      { key: 'scheduler.fireTickRatio', zh: '触发扫描 100万/1万', en: 'firing tick 1M ÷ 10k', value: ratio(fireLarge, fireSmall), unit: '×', digits: 3 },
      { key: 'scheduler.msPerFired10k', zh: '每条触发耗时（1万）', en: 'ms per fired deadline, 10k pending', value: fireSmall && fireSmall / K, unit: 'ms', digits: 3 },
      { key: 'scheduler.msPerFired1M', zh: '每条触发耗时（100万）', en: 'ms per fired deadline, 1M pending', value: fireLarge && fireLarge / K, unit: 'ms', digits: 3 },
      { key: 'scheduler.load1MSeconds', zh: '装载100万条期限', en: 'loading 1M pending deadlines', value: large.loadSeconds, unit: 's', digits: 1 },
    ],
    notes: [
      `${rounds} rounds ABBA: fire tick = ${K} P1 reminders (engine.fire each), empty tick × ${emptyPerRound}/round/db alternating; median of per-round fire ratios ${median(roundRatios)!.toFixed(3)}×`,
      `db 10k ${await mib(small)} MiB, 1M ${await mib(large)} MiB; load 10k ${small.loadSeconds.toFixed(2)} s, 1M ${large.loadSeconds.toFixed(1)} s (${ROWS_PER_INSERT} rows/INSERT, ${ROWS_PER_TRANSACTION.toLocaleString('en-US')} rows/txn)`,
      `EXPLAIN QUERY PLAN (1M): ${planLine}`,
    ],
    details: {
      k: K, sizes: SIZES, rounds: perRound, emptyTicksPerRound: emptyPerRound,
      fireAt: new Date(large.fireAt).toISOString(), t0: T0,
      pendingAtEnd: { small: await pendingNow(small), large: await pendingNow(large) },
      loadSeconds: { small: round(small.loadSeconds, 2), large: round(large.loadSeconds, 2) },
      emptyTickUs: { small: { p50: round(emptySmall, 1), count: emptyUs.small.length }, large: { p50: round(emptyLarge, 1), count: emptyUs.large.length } },
      explain: plan.map((p) => p.detail),
    },
  };
}
