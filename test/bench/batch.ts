// Section: a batch of 5,000 events (engine.sendMany, one transaction) on SQLite against the floor
// of 5,000 raw knex writes of the same rows in one transaction: time, peak memory, statements.
//
// Setup: one P1 case started by the engine, copied raw into 2 × N draft cases (the same snapshot,
// new ids). Batch: SUBMIT of N of them by the requester, checked whole and committed at once (its
// mail grouped into one digest for the approver). Floor: for each of the other N, the instance
// UPDATE with its version check and the INSERTs of its history and deadline rows, copied from the
// batch's first case, plus the batch's digest row once; no XState, no ajv, no reads.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Knex } from 'knex';
import { actor, engineFor, p1Request, world } from '../helpers.ts';
import { round } from './stats.ts';
import type { BenchContext, BenchSection, SectionResult } from './types.ts';

async function counted<T>(knex: Knex, fn: () => Promise<T>): Promise<{ value: T; statements: number; ms: number; peakRssMiB: number; peakHeapMiB: number }> {
  let statements = 0;
  const base = process.memoryUsage();
  let rss = base.rss;
  let heap = base.heapUsed;
  // Sampled every 200 statements: better-sqlite3 answers synchronously, so a timer would never run mid-batch.
  const on = () => {
    if (++statements % 200) return;
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  };
  knex.on('query', on);
  const t0 = performance.now();
  try {
    const value = await fn();
    return { value, statements, ms: performance.now() - t0, peakRssMiB: (rss - base.rss) / 2 ** 20, peakHeapMiB: (heap - base.heapUsed) / 2 ** 20 };
  } finally {
    knex.off('query', on);
  }
}

export const batchSection: BenchSection = {
  id: 'batch',
  title: { zh: '批量办理 5,000 件（一个事务）', en: 'A batch of 5,000 events in one transaction' },
  budgetSeconds: 20,
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
  const n = Math.max(100, Math.round(5000 * Math.min(ctx.scale, 1)));
  const engine = engineFor(w);
  const requester = await actor(w, 'guomao.requester');
  const start = await engine.start({ type: 'purchased-service-hire', body: p1Request(), actor: requester, orgId: requester.orgId! });
  const { id: _id, ...draft } = (await knex('instances').where({ id: start.id }).first()) as Record<string, unknown>;
  const copies = async () => {
    const ids = Array.from({ length: n }, () => randomUUID());
    for (let i = 0; i < ids.length; i += 100) await knex('instances').insert(ids.slice(i, i + 100).map((id) => ({ ...draft, id })));
    return ids;
  };
  const [forBatch, forRaw] = [await copies(), await copies()];
  const max = async (t: string) => Number((await knex(t).max({ m: 'id' }).first())?.m ?? 0);
  const before = { history: await max('history'), deadlines: await max('deadlines'), outbox: await max('outbox') };

  ctx.progress(`batch: sendMany of ${n} SUBMIT`);
  const batch = await counted(knex, () => engine.sendMany({ items: forBatch.map((instanceId) => ({ instanceId, event: { type: 'SUBMIT' } })), actor: requester }));
  const first = forBatch[0];
  const after = (await knex('instances').where({ id: first }).first()) as Record<string, unknown>;
  const { id: _a, ...instance } = after;
  const strip = (rows: Record<string, unknown>[]) => rows.map(({ id: _i, ...r }) => r);
  const history = strip(await knex('history').where({ instance_id: first }).where('id', '>', before.history));
  const deadlines = strip(await knex('deadlines').where({ instance_id: first }).where('id', '>', before.deadlines));
  const outbox = strip(await knex('outbox').where('id', '>', before.outbox));
  const written = { history: (await max('history')) - before.history, deadlines: (await max('deadlines')) - before.deadlines, outbox: outbox.length };
  if (written.history !== n) throw new Error(`batch wrote ${written.history} history rows for ${n} events`);

  ctx.progress(`batch: ${n} raw writes of the same rows`);
  const raw = await counted(knex, () => knex.transaction(async (trx) => {
    for (const id of forRaw) {
      if ((await trx('instances').where({ id, version: Number(draft.version) }).update(instance)) !== 1) throw new Error(`raw CAS failed on ${id}`);
      await trx('history').insert(history.map((r) => ({ ...r, instance_id: id })));
      if (deadlines.length) await trx('deadlines').insert(deadlines.map((r) => ({ ...r, instance_id: id })));
    }
    await trx('outbox').insert(outbox);
  }));

  return {
    metrics: [
      { key: 'batch.events', zh: '批量件数', en: 'events in the batch', value: n, unit: '件' },
      { key: 'batch.seconds', zh: '批量耗时', en: 'batch time', value: batch.ms / 1000, unit: 's', digits: 2 },
      { key: 'batch.rawSeconds', zh: '裸写耗时（同样的行）', en: 'raw floor time, same rows', value: raw.ms / 1000, unit: 's', digits: 2 },
      { key: 'batch.ratio', zh: '批量/裸写（速度）', en: 'batch ÷ raw (speed)', value: raw.ms / batch.ms, unit: '×', digits: 3 },
      { key: 'batch.statementsPerEvent', zh: '每件语句数（批量）', en: 'SQL statements per event, batch', value: batch.statements / n, unit: '条', digits: 2 },
      { key: 'batch.rawStatementsPerEvent', zh: '每件语句数（裸写）', en: 'SQL statements per event, raw floor', value: raw.statements / n, unit: '条', digits: 2 },
      { key: 'batch.peakRssMiB', zh: '峰值内存增量 RSS', en: 'peak RSS growth, batch', value: batch.peakRssMiB, unit: 'MiB', digits: 1 },
      { key: 'batch.peakHeapMiB', zh: '峰值堆增量', en: 'peak heap growth, batch', value: batch.peakHeapMiB, unit: 'MiB', digits: 1 },
    ],
    notes: [`rows written by the batch: ${written.history} history, ${written.deadlines} deadlines, ${written.outbox} outbox (digest); raw peak RSS growth ${raw.peakRssMiB.toFixed(1)} MiB`],
    details: { n, batch: { ...batch, value: undefined, ms: round(batch.ms, 1) }, raw: { ...raw, value: undefined, ms: round(raw.ms, 1) }, written },
  };
}
