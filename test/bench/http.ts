// Section 3: full P1 lifecycles over HTTP against the real system, 32 concurrent keep-alive clients,
// with the HTTP round-trip floor (GET /api/health at the same concurrency) measured in the same run,
// before and after the lifecycles.
//
// The system runs on this thread; the clients run in a worker thread (test/bench/http-load.ts) so
// that their work does not queue on the server's event loop.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Worker } from 'node:worker_threads';
import { pino } from 'pino';
import { startSystem } from '../../server/system.ts';
import type { LoadAnswer, LoadInit, LoadJob } from './http-load.ts';
import { latencySummary, percentile, round } from './stats.ts';
import type { BenchContext, BenchSection, SectionResult } from './types.ts';

const CONCURRENCY = 32;

/** A full GC on demand (without --expose-gc on the command line), so heap growth means retained memory. */
function gcFunction(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/**
 * A worker thread running a .ts module. On Node 20 a worker inherits tsx's `--import` flag but its
 * entry module is loaded before the hook is in place, so the worker registers tsx itself first.
 */
export function tsWorker(module: URL, workerData: unknown): Worker {
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(module.href)}); });`;
  return new Worker(code, { eval: true, workerData });
}

export const httpSection: BenchSection = {
  id: 'http',
  title: { zh: 'HTTP 全流程（32 并发，keep-alive）', en: 'P1 lifecycles over HTTP, 32 concurrent keep-alive clients' },
  budgetSeconds: 30,
  async run(ctx: BenchContext): Promise<SectionResult> {
    const dir = ctx.tmpDir('uw-bench-http-');
    const system = await startSystem({ databaseUrl: `sqlite:${join(dir, 'bench.sqlite')}`, seedDemo: true, port: 0, log: pino({ level: 'silent' }) });
    let sockets = 0;
    let socketsClosed = 0;
    system.server.on('connection', (socket) => {
      sockets++;
      socket.on('close', () => void socketsClosed++);
    });
    const gc = gcFunction();
    const users = system.demo!.users;
    const init: LoadInit = { url: system.url, requester: users['guomao.requester'].token, approver: users['jianwai.approver'].token };
    const worker = tsWorker(new URL('./http-load.ts', import.meta.url), init);
    const job = (j: LoadJob) =>
      new Promise<LoadAnswer>((resolve, reject) => {
        const onError = (e: Error) => reject(e);
        worker.once('error', onError);
        worker.once('message', (m: { ok: boolean; answer?: LoadAnswer; error?: string }) => {
          worker.off('error', onError);
          if (m.ok) resolve(m.answer!);
          else reject(new Error(`load worker: ${m.error}`));
        });
        worker.postMessage(j);
      });
    const s = ctx.scale;
    try {
      ctx.progress('http: warm-up');
      await job({ kind: 'lifecycle', concurrency: CONCURRENCY, maxCount: Math.max(32, Math.round(96 * s)), maxMs: 5_000 });
      await job({ kind: 'health', concurrency: CONCURRENCY, maxCount: 2_000, maxMs: 1_000 });
      const socketsAfterWarmup = sockets;

      ctx.progress('http: GET /api/health (before)');
      const healthA = await job({ kind: 'health', concurrency: CONCURRENCY, maxCount: 100_000, maxMs: 3_000 * s });
      ctx.progress('http: P1 lifecycles');
      gc();
      const heap0 = process.memoryUsage().heapUsed;
      const elu0 = performance.eventLoopUtilization();
      const cpu0 = process.cpuUsage();
      const life = await job({ kind: 'lifecycle', concurrency: CONCURRENCY, maxCount: Math.round(2_000 * s), maxMs: 15_000 * s });
      const elu = performance.eventLoopUtilization(elu0);
      const cpu = process.cpuUsage(cpu0);
      gc();
      // Retained server-side JS heap per lifecycle (the load worker has its own heap): ~0 unless something leaks.
      const heapPerLifecycleKiB = life.completed ? (process.memoryUsage().heapUsed - heap0) / 1024 / life.completed : null;
      ctx.progress('http: GET /api/health (after)');
      const healthB = await job({ kind: 'health', concurrency: CONCURRENCY, maxCount: 100_000, maxMs: 3_000 * s });

      const completedInDb = Number((await system.knex('instances').where({ state: 'completed' }).count({ n: '*' }).first())?.n);
      const health = {
        requests: healthA.requests + healthB.requests,
        elapsedMs: healthA.elapsedMs + healthB.elapsedMs,
        requestMs: [...healthA.requestMs, ...healthB.requestMs],
        failureCount: healthA.failureCount + healthB.failureCount,
      };
      const healthRps = (health.requests * 1000) / health.elapsedMs;
      const lifeRps = (life.requests * 1000) / life.elapsedMs;
      const lifecyclesPerSec = (life.completed * 1000) / life.elapsedMs;
      const reqP50 = percentile(life.requestMs, 50);
      const healthP50 = percentile(health.requestMs, 50);
      const byStep = Object.fromEntries(Object.entries(life.byStep).map(([k, v]) => [k, latencySummary(v)]));
      const failures = [...life.failures, ...healthA.failures, ...healthB.failures];

      return {
        metrics: [
          { key: 'http.lifecyclesPerSec', zh: '全流程', en: 'P1 lifecycles/s (5 requests each)', value: lifecyclesPerSec, unit: '个/s', digits: 1 },
          { key: 'http.requestsPerSec', zh: '流程请求', en: 'lifecycle requests/s', value: lifeRps, unit: '次/s' },
          { key: 'http.requestP50', zh: '单请求 p50', en: 'per request p50', value: reqP50, unit: 'ms' },
          { key: 'http.requestP99', zh: '单请求 p99', en: 'per request p99', value: percentile(life.requestMs, 99), unit: 'ms' },
          { key: 'http.lifecycleP50', zh: '全流程 p50', en: 'per lifecycle p50', value: percentile(life.lifecycleMs, 50), unit: 'ms' },
          { key: 'http.lifecycleP99', zh: '全流程 p99', en: 'per lifecycle p99', value: percentile(life.lifecycleMs, 99), unit: 'ms' },
          { key: 'http.healthRequestsPerSec', zh: '健康检查', en: 'GET /api/health requests/s (floor)', value: healthRps, unit: '次/s' },
          { key: 'http.healthP50', zh: '健康检查 p50', en: 'health p50', value: healthP50, unit: 'ms' },
          { key: 'http.healthP99', zh: '健康检查 p99', en: 'health p99', value: percentile(health.requestMs, 99), unit: 'ms' },
          { key: 'http.ratioRps', zh: '流程/健康 吞吐比', en: 'lifecycle req/s ÷ health req/s', value: lifeRps / healthRps, unit: '×', digits: 3 },
          { key: 'http.ratioP50', zh: '流程/健康 p50 比', en: 'lifecycle p50 ÷ health p50', value: reqP50 !== null && healthP50 ? reqP50 / healthP50 : null, unit: '×', digits: 1 },
          { key: 'http.heapPerLifecycle', zh: '每流程堆增长', en: 'server heap retained per lifecycle (after GC)', value: heapPerLifecycleKiB, unit: 'KiB', digits: 2 },
          { key: 'http.serverElu', zh: '服务端事件循环占用', en: 'server event-loop utilisation (lifecycles)', value: elu.utilization * 100, unit: '%', digits: 0 },
        ],
        notes: [
          `${life.completed} lifecycles (${life.requests} requests) in ${(life.elapsedMs / 1000).toFixed(1)} s; health ${health.requests} requests in ${(health.elapsedMs / 1000).toFixed(1)} s (before+after); ${sockets} sockets opened (${socketsAfterWarmup} in warm-up), ${socketsClosed} closed before the end: keep-alive`,
          `p50|p99 ms by request: ${Object.entries(byStep).map(([k, v]) => `${k} ${v.p50?.toFixed(1)}|${v.p99?.toFixed(1)}`).join(', ')}`,
          `process CPU during lifecycles (server + client threads): ${((cpu.user + cpu.system) / 1000 / life.elapsedMs * 100).toFixed(0)}% of one core`,
          ...(failures.length || life.failureCount ? [`FAILURES ${life.failureCount + health.failureCount}: ${failures.join(' | ')}`] : []),
        ],
        details: {
          concurrency: CONCURRENCY,
          // startSystem's defaults: the scheduler (30 s) and mailer (15 s, no SMTP: holds and logs) run during the bench.
          backgroundLoops: 'startSystem default',
          lifecycle: { completed: life.completed, completedInDb, requests: life.requests, elapsedMs: round(life.elapsedMs, 1), failures: life.failureCount, request: latencySummary(life.requestMs), lifecycle: latencySummary(life.lifecycleMs), byStep },
          health: { requests: health.requests, elapsedMs: round(health.elapsedMs, 1), failures: health.failureCount, before: latencySummary(healthA.requestMs), after: latencySummary(healthB.requestMs), all: latencySummary(health.requestMs), beforeRps: round((healthA.requests * 1000) / healthA.elapsedMs, 1), afterRps: round((healthB.requests * 1000) / healthB.elapsedMs, 1) },
          serverEventLoopUtilization: round(elu.utilization, 4),
          processCpuMs: round((cpu.user + cpu.system) / 1000, 0),
          socketsOpened: sockets,
          socketsClosedBeforeEnd: socketsClosed,
          heapPerLifecycleKiB: round(heapPerLifecycleKiB, 3),
          failureSamples: failures,
        },
      };
    } finally {
      await worker.terminate();
      await system.stop();
    }
  },
};
