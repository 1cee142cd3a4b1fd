// Section 1+2: engine transitions/s on SQLite (better-sqlite3, temp file, WAL) against the floor of
// raw knex writes of the same rows, measured in alternating rounds of the same run.
//
// Engine: N P1 instances started with engine.start, then driven breadth-first (step 1 for every
// instance, then step 2 …) through SUBMIT → RETURN → RESUBMIT → RETURN → RESUBMIT → APPROVE →
// RECORD_CANDIDATE → RECORD_CONTRACT with engine.send, one awaited call at a time. Each call is
// one committed transaction (instance CAS + history + deadlines + effects).
//
// Floor: for each of the same transitions, one knex transaction that UPDATEs the instance row with
// a version check and INSERTs the history, deadline, outbox (and document/person) rows the engine
// wrote for that step — copied from a calibration instance, so the JSON is precomputed and the
// rows are byte-for-byte the engine's. No XState, no ajv, no reads, no deadline closing.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Knex } from 'knex';
import { withCheckDigit } from '../../workflows/rules/resident-id.ts';
import type { Actor } from '../../workflows/types.ts';
import { actor, engineFor, p1Request, world } from '../helpers.ts';
import { median, round } from './stats.ts';
import type { BenchContext, BenchSection, SectionResult } from './types.ts';
import { addDays, shanghaiDate } from '../../workflows/rules/calendar.ts';

/** A contract cannot start before its approval (R-psh-contract §3.1.3): the bench approves today. */
const CONTRACT_START = shanghaiDate(new Date());

const TYPE = 'purchased-service-hire';
type Who = 'requester' | 'approver';
type Step = { type: string; by: Who; body?: Record<string, unknown> };

export const P1_STEPS: Step[] = [
  { type: 'SUBMIT', by: 'requester' },
  { type: 'RETURN', by: 'approver', body: { comment: '请补充岗位职责 / please detail the duties' } },
  { type: 'RESUBMIT', by: 'requester', body: { note: '已补充岗位职责 / duties detailed' } },
  { type: 'RETURN', by: 'approver', body: { comment: '请说明经费测算 / please explain the budget' } },
  { type: 'RESUBMIT', by: 'requester', body: { note: '已说明经费测算 / budget explained' } },
  { type: 'APPROVE', by: 'approver', body: { conditions: '按批准岗位和经费聘用 / hire within the approved posts and budget' } },
  {
    type: 'RECORD_CANDIDATE', by: 'requester',
    body: { postIndex: 0, name: '张敏', idNumber: withCheckDigit('11010519900307123'), phone: '010-65001234', knowsLabourLaw: true, goodAtMassWork: true },
  },
  { type: 'RECORD_CONTRACT', by: 'requester', body: { candidate: 'c1', kind: 'labour_contract', number: 'HT-2026-001', startDate: CONTRACT_START, endDate: addDays(CONTRACT_START, 730) } },
];

/** The rows one engine step wrote, with the instance id left to fill in. */
type Template = {
  type: string;
  fromVersion: number;
  instance: Record<string, unknown>; // the instance row after the step, without id
  history: Record<string, unknown>[];
  deadlines: Record<string, unknown>[];
  outbox: Record<string, unknown>[];
  documents: Record<string, unknown>[];
  people: Record<string, unknown>[];
};

const WRITTEN = ['history', 'deadlines', 'outbox', 'documents', 'people'] as const;
type Written = (typeof WRITTEN)[number];

async function maxIds(knex: Knex): Promise<Record<Written, number>> {
  const out = {} as Record<Written, number>;
  for (const t of WRITTEN) out[t] = Number((await knex(t).max({ m: 'id' }).first())?.m ?? 0);
  return out;
}

const strip = (rows: Record<string, unknown>[]) => rows.map(({ id: _id, instance_id: _i, source_instance_id: _s, ...rest }) => rest);

/** Counts statements sent to the database while `fn` runs (knex 'query' events, BEGIN/COMMIT included). */
async function countQueries<T>(knex: Knex, fn: () => Promise<T>): Promise<{ value: T; queries: number }> {
  let queries = 0;
  const on = () => void queries++;
  knex.on('query', on);
  try {
    return { value: await fn(), queries };
  } finally {
    knex.off('query', on);
  }
}

export const engineSection: BenchSection = {
  id: 'engine',
  title: { zh: '引擎迁移（SQLite，逐次提交）', en: 'Engine transitions on SQLite, one commit each' },
  budgetSeconds: 15,
  async run(ctx: BenchContext): Promise<SectionResult> {
    const w = await world(new Date().toISOString());
    try {
      return await measure(ctx, w);
    } finally {
      await w.cleanup();
    }
  },
};

async function measure(ctx: BenchContext, w: Awaited<ReturnType<typeof world>>): Promise<SectionResult> {
  const { knex } = w;
  const journal = (await knex.raw('PRAGMA journal_mode'))[0]?.journal_mode;
  const sync = (await knex.raw('PRAGMA synchronous'))[0]?.synchronous;
  const engine = engineFor(w);
  const actors: Record<Who, Actor> = { requester: await actor(w, 'guomao.requester'), approver: await actor(w, 'jianwai.approver') };
  const orgId = actors.requester.orgId!;
  const event = (s: Step) => ({ type: s.type, ...s.body });

  // Calibration: one instance through the engine, capturing what each step writes and how many
  // statements it sends. The captured rows are the floor's precomputed rows.
  const startCount = await countQueries(knex, () => engine.start({ type: TYPE, body: p1Request(), actor: actors.requester, orgId }));
  const calId = startCount.value.id;
  const startRow = (await knex('instances').where({ id: calId }).first()) as Record<string, unknown>;
  const templates: Template[] = [];
  const engineQueries: number[] = [];
  for (const s of P1_STEPS) {
    const before = await maxIds(knex);
    const { value: row, queries } = await countQueries(knex, () => engine.send({ instanceId: calId, event: event(s), actor: actors[s.by] }));
    engineQueries.push(queries);
    const after = (await knex('instances').where({ id: calId }).first()) as Record<string, unknown>;
    const { id: _id, ...instance } = after;
    const rows = {} as Record<Written, Record<string, unknown>[]>;
    for (const t of WRITTEN) rows[t] = strip(await knex(t).where('id', '>', before[t]).orderBy('id'));
    templates.push({ type: s.type, fromVersion: row.version - 1, instance, ...rows });
  }
  if (templates.at(-1)!.instance.state !== 'completed') throw new Error(`calibration instance ended in ${String(templates.at(-1)!.instance.state)}, not completed`);

  // The floor replays the templates. Documents need a fresh number each (unique issuer/kind/year/seq)
  // that never meets the engine's max(seq)+1 in the same table: the floor files them 1000 years on.
  let docSeq = 1;
  const { id: _startId, ...startTemplate } = startRow;
  async function rawStep(id: string, t: Template): Promise<void> {
    await knex.transaction(async (trx) => {
      const n = await trx('instances').where({ id, version: t.fromVersion }).update(t.instance);
      if (n !== 1) throw new Error(`raw CAS failed on ${id} v${t.fromVersion}`);
      await trx('history').insert(t.history.map((r) => ({ ...r, instance_id: id })));
      if (t.deadlines.length) await trx('deadlines').insert(t.deadlines.map((r) => ({ ...r, instance_id: id })));
      if (t.outbox.length) await trx('outbox').insert(t.outbox.map((r) => ({ ...r, instance_id: id })));
      if (t.documents.length) await trx('documents').insert(t.documents.map((r) => ({ ...r, instance_id: id, year: Number(r.year) + 1000, seq: docSeq++ })));
      if (t.people.length) await trx('people').insert(t.people.map((r) => ({ ...r, source_instance_id: id })));
    });
  }
  const rawInstances = async (n: number) => {
    const ids = Array.from({ length: n }, () => randomUUID());
    for (let i = 0; i < ids.length; i += 50) await knex('instances').insert(ids.slice(i, i + 50).map((id) => ({ ...startTemplate, id })));
    return ids;
  };
  const rawQueries: number[] = [];
  {
    const [id] = await rawInstances(1);
    for (const t of templates) rawQueries.push((await countQueries(knex, () => rawStep(id, t))).queries);
  }

  const stepMs = { engine: new Map<string, number[]>(), raw: new Map<string, number[]>() };
  const note = (m: Map<string, number[]>, type: string, ms: number) => (m.get(type) ?? m.set(type, []).get(type)!).push(ms);

  async function engineRound(n: number, record: boolean) {
    const t0 = performance.now();
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push((await engine.start({ type: TYPE, body: p1Request(), actor: actors.requester, orgId })).id);
    const t1 = performance.now();
    const c1 = process.cpuUsage();
    for (const s of P1_STEPS) {
      const ev = event(s);
      for (const id of ids) {
        const a = performance.now();
        await engine.send({ instanceId: id, event: ev, actor: actors[s.by] });
        if (record) note(stepMs.engine, s.type, performance.now() - a);
      }
    }
    const t2 = performance.now();
    const cpu = process.cpuUsage(c1);
    const done = await knex('instances').whereIn('id', ids).where({ state: 'completed', status: 'done' }).count({ n: '*' }).first();
    if (Number(done?.n) !== n) throw new Error(`engine round: ${done?.n} of ${n} instances completed`);
    return { startsPerSec: (n * 1000) / (t1 - t0), transitionsPerSec: (n * P1_STEPS.length * 1000) / (t2 - t1), cpuMs: (cpu.user + cpu.system) / 1000 / (n * P1_STEPS.length) };
  }

  async function rawRound(n: number, record: boolean) {
    const ids = await rawInstances(n);
    const t1 = performance.now();
    const c1 = process.cpuUsage();
    for (const t of templates)
      for (const id of ids) {
        const a = performance.now();
        await rawStep(id, t);
        if (record) note(stepMs.raw, t.type, performance.now() - a);
      }
    const t2 = performance.now();
    const cpu = process.cpuUsage(c1);
    return { transitionsPerSec: (n * templates.length * 1000) / (t2 - t1), cpuMs: (cpu.user + cpu.system) / 1000 / (n * templates.length) };
  }

  // Warm-up (JIT, statement caches, page cache), not counted.
  ctx.progress('engine: warm-up');
  await engineRound(Math.max(5, Math.round(15 * ctx.scale)), false);
  await rawRound(Math.max(5, Math.round(15 * ctx.scale)), false);

  // An odd number of rounds, so the median is one measured round.
  const rounds = Math.max(3, Math.round(9 * Math.min(ctx.scale, 1))) | 1;
  const perRound = Math.max(10, Math.round(60 * ctx.scale));
  // CPU time of this process per step beside the wall time: on a machine others load, waiting for a core swells wall time, not CPU time.
  type Round = { order: string; engine: number; starts: number; raw: number; ratio: number; engineCpuMs: number; rawCpuMs: number; cpuRatio: number };
  const results: Round[] = [];
  for (let r = 0; r < rounds; r++) {
    // ABBA: engine first in even rounds, raw first in odd ones, so drift hits both alike.
    const engineFirst = r % 2 === 0;
    let e!: Awaited<ReturnType<typeof engineRound>>;
    let raw!: Awaited<ReturnType<typeof rawRound>>;
    if (engineFirst) { e = await engineRound(perRound, true); raw = await rawRound(perRound, true); }
    else { raw = await rawRound(perRound, true); e = await engineRound(perRound, true); }
    results.push({ order: engineFirst ? 'engine,raw' : 'raw,engine', engine: e.transitionsPerSec, starts: e.startsPerSec, raw: raw.transitionsPerSec, ratio: e.transitionsPerSec / raw.transitionsPerSec, engineCpuMs: e.cpuMs, rawCpuMs: raw.cpuMs, cpuRatio: raw.cpuMs / e.cpuMs });
    ctx.progress(`engine: round ${r + 1}/${rounds}: engine ${e.transitionsPerSec.toFixed(0)}/s, raw ${raw.transitionsPerSec.toFixed(0)}/s; CPU ms/step engine ${e.cpuMs.toFixed(3)}, raw ${raw.cpuMs.toFixed(3)}`);
  }

  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const perStep = P1_STEPS.map((s, i) => ({
    type: s.type,
    engineMeanMs: round(mean(stepMs.engine.get(s.type) ?? [0]), 3),
    rawMeanMs: round(mean(stepMs.raw.get(s.type) ?? [0]), 3),
    engineStatements: engineQueries[i],
    rawStatements: rawQueries[i],
    rowsWritten: { history: templates[i].history.length, deadlines: templates[i].deadlines.length, outbox: templates[i].outbox.length, documents: templates[i].documents.length, people: templates[i].people.length },
  }));
  // RETURN and RESUBMIT appear twice in the sequence: the per-type means pool both.
  const uniqueSteps = perStep.filter((s, i) => perStep.findIndex((x) => x.type === s.type) === i);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const stmtsEngine = sum(engineQueries) / engineQueries.length;
  const stmtsRaw = sum(rawQueries) / rawQueries.length;
  const engineMedian = median(results.map((r) => r.engine));
  const rawMedian = median(results.map((r) => r.raw));
  const ratioMedian = median(results.map((r) => r.ratio));

  return {
    metrics: [
      { key: 'engine.transitionsPerSec', zh: '引擎迁移', en: 'engine transitions/s', value: engineMedian, unit: '次/s' },
      { key: 'engine.rawWritesPerSec', zh: '裸写下限', en: 'raw knex floor, same rows/s', value: rawMedian, unit: '次/s' },
      { key: 'engine.ratio', zh: '引擎/裸写', en: 'engine ÷ raw (median of rounds)', value: ratioMedian, unit: '×', digits: 3 },
      { key: 'engine.cpuMsPerTransition', zh: '每次迁移 CPU 时间（引擎）', en: 'CPU ms per transition, engine', value: median(results.map((r) => r.engineCpuMs)), unit: 'ms', digits: 3 },
      { key: 'engine.rawCpuMsPerTransition', zh: '每次迁移 CPU 时间（裸写）', en: 'CPU ms per transition, raw floor', value: median(results.map((r) => r.rawCpuMs)), unit: 'ms', digits: 3 },
      { key: 'engine.cpuRatio', zh: '引擎/裸写（CPU 时间）', en: 'engine ÷ raw by CPU time (median of rounds)', value: median(results.map((r) => r.cpuRatio)), unit: '×', digits: 3 },
      { key: 'engine.startsPerSec', zh: '新建实例', en: 'engine.start/s', value: median(results.map((r) => r.starts)), unit: '次/s' },
      { key: 'engine.msPerTransition', zh: '每次迁移耗时（引擎）', en: 'ms per transition, engine', value: engineMedian && 1000 / engineMedian, unit: 'ms', digits: 3 },
      { key: 'engine.rawMsPerTransition', zh: '每次迁移耗时（裸写）', en: 'ms per transition, raw floor', value: rawMedian && 1000 / rawMedian, unit: 'ms', digits: 3 },
      { key: 'engine.statementsPerTransition', zh: '每次迁移语句数（引擎）', en: 'SQL statements per transition, engine', value: stmtsEngine, unit: '条', digits: 1 },
      { key: 'engine.rawStatementsPerTransition', zh: '每次迁移语句数（裸写）', en: 'SQL statements per transition, raw floor', value: stmtsRaw, unit: '条', digits: 1 },
    ],
    notes: [
      `${rounds} rounds × ${perRound} instances × ${P1_STEPS.length} transitions, ABBA order; journal_mode=${journal}, synchronous=${sync} (1=NORMAL)`,
      `ms/step engine|raw: ${uniqueSteps.map((s) => `${s.type} ${s.engineMeanMs?.toFixed(2)}|${s.rawMeanMs?.toFixed(2)}`).join(', ')}`,
    ],
    details: {
      journalMode: journal, synchronous: sync, rounds: results.map((r) => ({ ...r, engine: round(r.engine, 1), starts: round(r.starts, 1), raw: round(r.raw, 1), ratio: round(r.ratio, 4), engineCpuMs: round(r.engineCpuMs, 4), rawCpuMs: round(r.rawCpuMs, 4), cpuRatio: round(r.cpuRatio, 4) })),
      instancesPerRound: perRound, steps: P1_STEPS.map((s) => s.type), perStep,
      startStatements: startCount.queries,
    },
  };
}
