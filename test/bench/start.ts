// Section: the server process itself. Cold start to the first 200 on /api/health of the compiled
// server (`npm start`: node dist/server/index.js) against the tsx server (`npm run dev`, what
// `npm start` ran before), in alternating rounds, on a fresh SQLite file (migrations and demo seed
// included) and again on that file (a restart); the compiled server's RSS right after its first 200;
// and its retained heap (after forced GC) with 1,000 and with 50,000 open cases, after serving the
// same few hundred list and read requests, to show memory does not grow with the cases stored.
// The open cases are copies of one submitted P1 case (instance, history and deadline rows).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { startSystem } from '../../server/system.ts';
import { openDatabase } from '../../db/index.ts';
import { actor, p1Request, type World } from '../helpers.ts';
import { median, round } from './stats.ts';
import type { BenchContext, BenchSection, SectionResult } from './types.ts';
import { START_FLAGS } from '../start-flags.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX_CLI = fileURLToPath(import.meta.resolve('tsx/cli'));
const PROBE = new URL('./heap-probe.mjs', import.meta.url).href;
const MiB = 2 ** 20;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

type Child = { proc: ChildProcess; url: string; ms: number; stop(): Promise<void> };

/** Spawns a server on dbFile and resolves at its first 200 on /api/health, with the time that took. */
async function startServer(kind: 'compiled' | 'tsx', dbFile: string, probe = false): Promise<Child> {
  const port = await freePort();
  const { NODE_ENV: _unset, ...env } = process.env;
  const args = kind === 'tsx' ? [TSX_CLI, 'server/index.ts'] : [...START_FLAGS, ...(probe ? ['--expose-gc', '--import', PROBE] : []), 'dist/server/index.js'];
  const t0 = performance.now();
  const proc = spawn(process.execPath, args, {
    cwd: ROOT, env: { ...env, DATABASE_URL: `sqlite:${dbFile}`, PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe', ...(probe ? ['ipc' as const] : [])],
  });
  let stderr = '';
  proc.stderr!.setEncoding('utf8').on('data', (c: string) => void (stderr += c));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`${kind} server exited with ${proc.exitCode}: ${stderr.slice(-2000)}`);
    if (performance.now() - t0 > 60_000) throw new Error(`${kind} server not up in 60 s: ${stderr.slice(-2000)}`);
    const ok = await fetch(`${url}/api/health`).then((r) => r.status === 200, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  const ms = performance.now() - t0;
  return { proc, url, ms, stop: async () => { if (proc.exitCode === null) proc.kill('SIGTERM'); await exited; } };
}

/** Resident set of a process, from /proc (Linux), in MiB. */
function rssMiB(pid: number): number | null {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

const heapOf = (proc: ChildProcess) =>
  new Promise<NodeJS.MemoryUsage>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the heap probe did not answer in 20 s')), 20_000);
    proc.once('message', (m) => (clearTimeout(timer), resolve(m as NodeJS.MemoryUsage)));
    proc.send('heap');
  });

/** A database with the demo tree and `open` submitted P1 cases; `grow` adds more later. */
async function seeded(dbFile: string) {
  const system = await startSystem({ databaseUrl: `sqlite:${dbFile}`, seedDemo: true, port: 0, log: pino({ level: 'silent' }), background: false });
  const { knex, engine } = system;
  const requester = await actor({ knex } as World, 'guomao.requester');
  const first = await engine.start({ type: 'purchased-service-hire', body: p1Request(), actor: requester, orgId: requester.orgId! });
  await engine.send({ instanceId: first.id, event: { type: 'SUBMIT' }, actor: requester });
  const { id: _i, ...instance } = (await knex('instances').where({ id: first.id }).first()) as Record<string, unknown>;
  const strip = (rows: Record<string, unknown>[]) => rows.map(({ id: _id, ...r }) => r);
  const history = strip(await knex('history').where({ instance_id: first.id }));
  const deadlines = strip(await knex('deadlines').where({ instance_id: first.id }));
  let count = 1;
  const tokens = Object.fromEntries(Object.entries(system.demo!.users).map(([login, u]) => [login, u.token]));
  await system.stop();
  const withDb = async <T>(fn: (k: ReturnType<typeof openDatabase>) => Promise<T>) => {
    const k = openDatabase(`sqlite:${dbFile}`);
    try {
      return await fn(k);
    } finally {
      await k.destroy();
    }
  };
  const grow = (to: number) =>
    withDb((k) => k.transaction(async (trx) => {
      for (; count < to; ) {
        const ids = Array.from({ length: Math.min(100, to - count) }, () => randomUUID());
        await trx('instances').insert(ids.map((id) => ({ ...instance, id })));
        await trx('history').insert(ids.flatMap((id) => history.map((r) => ({ ...r, instance_id: id }))));
        await trx('deadlines').insert(ids.flatMap((id) => deadlines.map((r) => ({ ...r, instance_id: id }))));
        count += ids.length;
      }
    }));
  const sampleIds = (n: number) => withDb(async (k) => (await k('instances').select('id').orderByRaw('random()').limit(n)).map((r: { id: string }) => r.id));
  return { tokens, grow, sampleIds };
}

/** The same few hundred reads on either size: list pages, the inbox, open deadlines, single cases. */
async function serveReads(url: string, tokens: Record<string, string>, ids: string[]): Promise<number> {
  const get = async (path: string, login: string) => {
    const res = await fetch(url + path, { headers: { authorization: `Bearer ${tokens[login]}` } });
    const body = (await res.json()) as { next?: string | null };
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
    return body;
  };
  let n = 0;
  let cursor: string | null | undefined;
  for (let page = 0; page < 10; page++, n++) {
    const body = await get(`/api/instances?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, 'jianwai.approver');
    cursor = body.next;
    if (!cursor) break;
  }
  for (let i = 0; i < 20; i++, n += 2) {
    await get('/api/tasks?limit=100', 'jianwai.approver');
    await get('/api/deadlines?limit=100', 'jianwai.approver');
  }
  for (const id of ids) await get(`/api/instances/${id}`, 'jianwai.approver'), n++;
  return n;
}

export const startSection: BenchSection = {
  id: 'start',
  title: { zh: '服务进程：冷启动、内存、5 万件时的常驻堆', en: 'The server process: cold start, memory, retained heap with 50,000 open cases' },
  budgetSeconds: 40,
  async run(ctx: BenchContext): Promise<SectionResult> {
    ctx.progress('start: building dist/ if stale');
    const build = spawnSync(process.execPath, ['scripts/build-if-stale.mjs'], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);

    // Cold starts, alternating which kind goes first each round.
    const rounds = Math.max(3, Math.round(5 * Math.min(ctx.scale, 1)));
    const times = { compiled: { fresh: [] as number[], restart: [] as number[] }, tsx: { fresh: [] as number[], restart: [] as number[] } };
    const rss: number[] = [];
    for (let r = 0; r < rounds; r++) {
      for (const kind of r % 2 ? (['tsx', 'compiled'] as const) : (['compiled', 'tsx'] as const)) {
        const file = join(ctx.tmpDir('uw-bench-start-'), 'start.sqlite');
        for (const when of ['fresh', 'restart'] as const) {
          const child = await startServer(kind, file);
          times[kind][when].push(child.ms);
          if (kind === 'compiled' && when === 'restart') rss.push(rssMiB(child.proc.pid!) ?? NaN);
          await child.stop();
        }
      }
      ctx.progress(`start: round ${r + 1}/${rounds}: compiled ${times.compiled.restart.at(-1)!.toFixed(0)} ms, tsx ${times.tsx.restart.at(-1)!.toFixed(0)} ms (restart)`);
    }

    // Retained heap with few and with many open cases, the same reads served on each.
    const many = Math.max(5_000, Math.round(50_000 * Math.min(ctx.scale, 1)));
    const file = join(ctx.tmpDir('uw-bench-heap-'), 'heap.sqlite');
    const db = await seeded(file);
    const measure = async (open: number) => {
      ctx.progress(`heap: ${open} open cases`);
      await db.grow(open);
      const ids = await db.sampleIds(300);
      const child = await startServer('compiled', file, true);
      try {
        const atStart = await heapOf(child.proc);
        ctx.progress(`heap: up in ${child.ms.toFixed(0)} ms, ${(atStart.heapUsed / MiB).toFixed(1)} MiB; serving reads`);
        const requests = await serveReads(child.url, db.tokens, ids);
        const afterReads = await heapOf(child.proc);
        return { open, requests, startMs: child.ms, heapAtStartMiB: atStart.heapUsed / MiB, heapAfterMiB: afterReads.heapUsed / MiB, rssAfterMiB: afterReads.rss / MiB };
      } finally {
        await child.stop();
      }
    };
    const few = await measure(1_000);
    const lots = await measure(many);

    const med = (xs: number[]) => median(xs.filter(Number.isFinite));
    const [c, t] = [med(times.compiled.restart)!, med(times.tsx.restart)!];
    const [cf, tf] = [med(times.compiled.fresh)!, med(times.tsx.fresh)!];
    return {
      metrics: [
        { key: 'start.compiledMs', zh: '冷启动（编译后，重启）', en: 'cold start to first 200, compiled, restart (goal ≤ 500)', value: c, unit: 'ms' },
        { key: 'start.tsxMs', zh: '冷启动（tsx，重启）', en: 'cold start to first 200, tsx, restart', value: t, unit: 'ms' },
        { key: 'start.ratio', zh: '编译后/tsx（时间）', en: 'compiled ÷ tsx (time)', value: c / t, unit: '×', digits: 2 },
        { key: 'start.compiledFreshMs', zh: '冷启动（编译后，新库）', en: 'cold start, compiled, fresh file (migrate + seed)', value: cf, unit: 'ms' },
        { key: 'start.tsxFreshMs', zh: '冷启动（tsx，新库）', en: 'cold start, tsx, fresh file (migrate + seed)', value: tf, unit: 'ms' },
        { key: 'start.rssMiB', zh: '启动后 RSS（编译后）', en: 'RSS right after start, compiled (goal ≤ 90 MB ≈ 85.8 MiB)', value: med(rss), unit: 'MiB', digits: 1 },
        { key: 'start.heapFewMiB', zh: `常驻堆 ${few.open} 件`, en: `retained heap, ${few.open} open cases, after ${few.requests} reads`, value: few.heapAfterMiB, unit: 'MiB', digits: 1 },
        { key: 'start.heapManyMiB', zh: `常驻堆 ${lots.open} 件`, en: `retained heap, ${lots.open} open cases, after ${lots.requests} reads`, value: lots.heapAfterMiB, unit: 'MiB', digits: 1 },
        { key: 'start.heapRatio', zh: '常驻堆 多/少', en: `retained heap ${lots.open} ÷ ${few.open} (flat: ≈ 1)`, value: lots.heapAfterMiB / few.heapAfterMiB, unit: '×', digits: 3 },
      ],
      notes: [
        `${rounds} rounds, order alternating; restart ms compiled ${times.compiled.restart.map((x) => x.toFixed(0)).join(' ')}, tsx ${times.tsx.restart.map((x) => x.toFixed(0)).join(' ')}`,
        `heap at start ${few.heapAtStartMiB.toFixed(1)} → ${lots.heapAtStartMiB.toFixed(1)} MiB, RSS after reads ${few.rssAfterMiB.toFixed(1)} → ${lots.rssAfterMiB.toFixed(1)} MiB (${few.open} → ${lots.open} open cases)`,
      ],
      details: { times, rss, few: roundAll(few), many: roundAll(lots) },
    };
  },
};

const roundAll = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, round(v, 2)]));
