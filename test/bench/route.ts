// Section 4: the project's single event route, `POST /api/instances/:id/events`, against a minimal
// event route the bench builds itself on the same database file: plain express 5 + an XState
// transition + knex writing the same rows (the instance's compare-and-set update, its history row
// with the same chain hash). No auth, no validation, no deadlines, no effects, no view: the floor an
// event route cannot go below on this stack. 16 keep-alive clients, each owning one P1 case it
// moves RETURN ↔ RESUBMIT; the two routes are served in alternating rounds (ABBA) and the ratio of
// each round is taken, so the machine's other load hits both alike. Statements per event are
// counted on the knex 'query' event (BEGIN/COMMIT included) for one event of each kind.
import express from 'express';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { pino } from 'pino';
import type { Knex } from 'knex';
import { transition } from 'xstate';
import { startSystem } from '../../server/system.ts';
import { restore, persistSnapshot } from '../../workflows/engine/engine.ts';
import { chainHash, GENESIS, HASH_VERSION, snapshotHash } from '../../workflows/engine/hash.ts';
import { definition } from '../../workflows/registry.ts';
import type { InstanceRow } from '../../db/tables.ts';
import { p1Request } from '../helpers.ts';
import { tsWorker } from './http.ts';
import type { LoadAnswer, LoadInit, LoadJob } from './http-load.ts';
import { median, percentile, round } from './stats.ts';
import type { BenchContext, BenchSection, SectionResult } from './types.ts';

const CONCURRENCY = 16;

/** The minimal event route: read the case, one XState transition, CAS update + history insert in one transaction. */
function minimalRoute(knex: Knex): express.Express {
  const app = express();
  app.use(express.json());
  app.post('/api/instances/:id/events', async (req, res) => {
    const prev = await knex<InstanceRow>('instances').where({ id: req.params.id }).first();
    if (!prev) return void res.status(404).json({ title: 'not found' });
    const def = definition(prev.type, prev.definition_version)!;
    const at = new Date().toISOString();
    const actor = { id: 'bench', name: 'bench', orgId: prev.org_id, roles: [] };
    const [next] = transition(def.machine, restore(def, prev), { ...req.body, actor, at });
    const snapshot = persistSnapshot(def.machine, next);
    const row = { state: String(next.value), snapshot, version: prev.version + 1, updated_at: at };
    const { type, ...payload } = req.body as Record<string, unknown>;
    const entry = {
      instance_id: prev.id, seq: row.version, type: String(type), actor_id: actor.id, actor_name: actor.name, from_state: prev.state, to_state: row.state,
      at, payload: JSON.stringify(payload), snapshot_hash: snapshotHash(snapshot), hash_version: HASH_VERSION,
    };
    const prevHash = prev.head_hash ?? GENESIS;
    const hash = chainHash(prevHash, entry);
    await knex.transaction(async (trx) => {
      const n = await trx('instances').where({ id: prev.id, version: prev.version }).update({ ...row, head_hash: hash });
      if (n !== 1) throw new Error('conflict');
      await trx('history').insert({ ...entry, prev_hash: prevHash, hash });
    });
    res.json({ id: prev.id, state: row.state, version: row.version });
  });
  return app;
}

const listen = (app: express.Express) =>
  new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });

export const routeSection: BenchSection = {
  id: 'route',
  title: { zh: '单事件接口 对 最小事件接口（16 并发）', en: 'POST /api/instances/:id/events vs a minimal event route, 16 clients' },
  budgetSeconds: 25,
  async run(ctx: BenchContext): Promise<SectionResult> {
    const dir = ctx.tmpDir('uw-bench-route-');
    const system = await startSystem({ databaseUrl: `sqlite:${join(dir, 'bench.sqlite')}`, seedDemo: true, port: 0, log: pino({ level: 'silent' }) });
    const minimal = await listen(minimalRoute(system.knex));
    const minimalUrl = `http://127.0.0.1:${(minimal.address() as { port: number }).port}`;
    const users = system.demo!.users;
    const init: LoadInit = { url: system.url, requester: users['guomao.requester'].token, approver: users['jianwai.approver'].token };
    const worker = tsWorker(new URL('./http-load.ts', import.meta.url), init);
    const job = (j: LoadJob) =>
      new Promise<LoadAnswer>((resolve, reject) => {
        worker.once('message', (m: { ok: boolean; answer?: LoadAnswer; error?: string }) => (m.ok ? resolve(m.answer!) : reject(new Error(`load worker: ${m.error}`))));
        worker.postMessage(j);
      });
    const post = async (path: string, token: string, body: unknown, base = system.url) => {
      const res = await fetch(base + path, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const json = (await res.json()) as { id: string; state: string };
      if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${JSON.stringify(json)}`);
      return json;
    };
    /** A submitted P1 case (the clients move it RETURN ↔ RESUBMIT). */
    const submittedCase = async () => {
      const { id } = await post('/api/workflows/purchased-service-hire/instances', init.requester, p1Request());
      await post(`/api/instances/${id}/events`, init.requester, { type: 'SUBMIT' });
      return id;
    };
    const count = async (fn: () => Promise<unknown>) => {
      let n = 0;
      const on = () => void n++;
      system.knex.on('query', on);
      try {
        await fn();
      } finally {
        system.knex.off('query', on);
      }
      return n;
    };
    try {
      const real = await Promise.all(Array.from({ length: CONCURRENCY }, submittedCase));
      const floor = await Promise.all(Array.from({ length: CONCURRENCY }, submittedCase));
      const events = (base: string, cases: string[], maxMs: number): LoadJob => ({ kind: 'events', base, cases, concurrency: CONCURRENCY, maxCount: 1_000_000, maxMs });
      ctx.progress('route: warm-up');
      await job(events(system.url, real, 1_500));
      await job(events(minimalUrl, floor, 1_500));

      // Statements per event, one RETURN and one RESUBMIT each (the cases are back in 'submitted' after a job).
      const [sqlCase, minCase] = [await submittedCase(), await submittedCase()];
      const realStatements = [
        await count(() => post(`/api/instances/${sqlCase}/events`, init.approver, { type: 'RETURN', comment: '请补充 / please add' })),
        await count(() => post(`/api/instances/${sqlCase}/events`, init.requester, { type: 'RESUBMIT' })),
      ];
      const minStatements = [
        await count(() => post(`/api/instances/${minCase}/events`, '', { type: 'RETURN', comment: '请补充 / please add' }, minimalUrl)),
        await count(() => post(`/api/instances/${minCase}/events`, '', { type: 'RESUBMIT' }, minimalUrl)),
      ];

      const rounds = Math.max(3, Math.round(7 * Math.min(ctx.scale, 1))) | 1;
      const ms = Math.max(1_000, 2_500 * ctx.scale);
      type Round = { order: string; route: number; minimal: number; ratio: number; routeP50: number | null; minimalP50: number | null; failures: number };
      const results: Round[] = [];
      const samples: string[] = [];
      for (let r = 0; r < rounds; r++) {
        const realFirst = r % 2 === 0;
        const a = realFirst ? await job(events(system.url, real, ms)) : await job(events(minimalUrl, floor, ms));
        const b = realFirst ? await job(events(minimalUrl, floor, ms)) : await job(events(system.url, real, ms));
        const [x, m] = realFirst ? [a, b] : [b, a];
        const rps = (l: LoadAnswer) => (l.requests * 1000) / l.elapsedMs;
        results.push({ order: realFirst ? 'route,minimal' : 'minimal,route', route: rps(x), minimal: rps(m), ratio: rps(x) / rps(m), routeP50: percentile(x.requestMs, 50), minimalP50: percentile(m.requestMs, 50), failures: x.failureCount + m.failureCount });
        samples.push(...x.failures, ...m.failures);
        ctx.progress(`route: round ${r + 1}/${rounds}: route ${rps(x).toFixed(0)}/s, minimal ${rps(m).toFixed(0)}/s`);
      }
      const mean = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;
      const failures = results.reduce((s, r) => s + r.failures, 0);
      return {
        metrics: [
          { key: 'route.requestsPerSec', zh: '单事件接口', en: 'POST /api/instances/:id/events req/s', value: median(results.map((r) => r.route)), unit: '次/s' },
          { key: 'route.minimalRequestsPerSec', zh: '最小事件接口', en: 'minimal event route req/s', value: median(results.map((r) => r.minimal)), unit: '次/s' },
          { key: 'route.ratio', zh: '单事件/最小', en: 'route ÷ minimal (median of rounds; goal ≥ 0.6)', value: median(results.map((r) => r.ratio)), unit: '×', digits: 3 },
          { key: 'route.p50', zh: '单事件 p50', en: 'route p50 (median of rounds)', value: median(results.map((r) => r.routeP50 ?? 0)), unit: 'ms' },
          { key: 'route.minimalP50', zh: '最小 p50', en: 'minimal p50 (median of rounds)', value: median(results.map((r) => r.minimalP50 ?? 0)), unit: 'ms' },
          { key: 'route.statementsPerEvent', zh: '每事件语句数（接口）', en: 'SQL statements per HTTP event', value: mean(realStatements), unit: '条', digits: 1 },
          { key: 'route.minimalStatementsPerEvent', zh: '每事件语句数（最小）', en: 'SQL statements per event, minimal route', value: mean(minStatements), unit: '条', digits: 1 },
        ],
        notes: [
          `${rounds} rounds × ${(ms / 1000).toFixed(1)} s each side, ABBA; ratios by round: ${results.map((r) => r.ratio.toFixed(2)).join(' ')}`,
          `statements RETURN|RESUBMIT: route ${realStatements.join('|')}, minimal ${minStatements.join('|')}`,
          ...(failures ? [`FAILURES ${failures}: ${samples.slice(0, 5).join(' | ')}`] : []),
        ],
        details: { concurrency: CONCURRENCY, rounds: results.map((r) => ({ ...r, route: round(r.route, 1), minimal: round(r.minimal, 1), ratio: round(r.ratio, 4) })), realStatements, minStatements },
      };
    } finally {
      await worker.terminate();
      await new Promise((r) => minimal.close(r));
      await system.stop();
    }
  },
};
