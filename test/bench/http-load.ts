// The HTTP load generator, run in a worker thread so the clients' work (undici, JSON) does not share
// the server's event loop. Jobs come in as messages; each answer carries raw latencies (ms).
// Only ever talks to 127.0.0.1.
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { withCheckDigit } from '../../workflows/rules/resident-id.ts';
import { p1Request } from '../helpers.ts';
import { addDays, shanghaiDate } from '../../workflows/rules/calendar.ts';

/** A contract cannot start before its approval (R-psh-contract §3.1.3): the bench approves today. */
const CONTRACT_START = shanghaiDate(new Date());

export type LoadInit = { url: string; requester: string; approver: string };
export type LoadJob =
  | { kind: 'lifecycle'; concurrency: number; maxCount: number; maxMs: number }
  | { kind: 'health'; concurrency: number; maxCount: number; maxMs: number }
  /** Each client moves its own submitted P1 case RETURN → RESUBMIT (pairs, so it ends submitted again) at `base`. */
  | { kind: 'events'; base: string; cases: string[]; concurrency: number; maxCount: number; maxMs: number };
export type LoadAnswer = {
  kind: LoadJob['kind'];
  elapsedMs: number;
  requests: number;
  completed: number; // lifecycles ending in 'completed' (or health answers 'ok')
  failures: string[]; // first few
  failureCount: number;
  requestMs: number[];
  byStep: Record<string, number[]>;
  lifecycleMs: number[];
};

const init = workerData as LoadInit;
if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(init.url)) throw new Error(`the bench only loads 127.0.0.1, not ${init.url}`);

const LIFECYCLE = [
  { step: 'START', who: 'requester', path: (_id: string) => '/api/workflows/purchased-service-hire/instances', status: 201, state: 'draft', body: () => p1Request() },
  { step: 'SUBMIT', who: 'requester', path: (id: string) => `/api/instances/${id}/events`, status: 200, state: 'submitted', body: () => ({ type: 'SUBMIT' }) },
  { step: 'APPROVE', who: 'approver', path: (id: string) => `/api/instances/${id}/events`, status: 200, state: 'approved', body: () => ({ type: 'APPROVE', conditions: '按批准岗位聘用 / as approved' }) },
  {
    step: 'RECORD_CANDIDATE', who: 'requester', path: (id: string) => `/api/instances/${id}/events`, status: 200, state: 'approved',
    body: () => ({ type: 'RECORD_CANDIDATE', postIndex: 0, name: '张敏', idNumber: withCheckDigit('11010519900307123'), knowsLabourLaw: true, goodAtMassWork: true }),
  },
  {
    step: 'RECORD_CONTRACT', who: 'requester', path: (id: string) => `/api/instances/${id}/events`, status: 200, state: 'completed',
    body: () => ({ type: 'RECORD_CONTRACT', candidate: 'c1', kind: 'labour_contract', number: 'HT-2026-001', startDate: CONTRACT_START, endDate: addDays(CONTRACT_START, 730) }),
  },
] as const;

async function run(job: LoadJob): Promise<LoadAnswer> {
  const a: LoadAnswer = { kind: job.kind, elapsedMs: 0, requests: 0, completed: 0, failures: [], failureCount: 0, requestMs: [], byStep: {}, lifecycleMs: [] };
  const fail = (what: string) => {
    a.failureCount++;
    if (a.failures.length < 5) a.failures.push(what);
  };
  const headers = (who: 'requester' | 'approver') => ({ authorization: `Bearer ${init[who]}`, 'content-type': 'application/json', accept: 'application/json' });
  const t0 = performance.now();
  const deadline = t0 + job.maxMs;
  let begun = 0;
  const more = () => {
    if (begun >= job.maxCount || performance.now() >= deadline) return false;
    begun++;
    return true;
  };

  async function lifecycleClient() {
    while (more()) {
      const l0 = performance.now();
      let id = '';
      let ok = true;
      for (const s of LIFECYCLE) {
        const r0 = performance.now();
        let res: Response;
        let body: any;
        try {
          res = await fetch(init.url + s.path(id), { method: 'POST', headers: headers(s.who), body: JSON.stringify(s.body()) });
          body = await res.json();
        } catch (e) {
          fail(`${s.step}: ${(e as Error).message}`);
          ok = false;
          break;
        }
        const ms = performance.now() - r0;
        a.requests++;
        a.requestMs.push(ms);
        (a.byStep[s.step] ??= []).push(ms);
        if (res.status !== s.status || body.state !== s.state) {
          fail(`${s.step}: HTTP ${res.status} ${body.state ?? body.detail ?? ''}`);
          ok = false;
          break;
        }
        if (s.step === 'START') id = body.id;
      }
      if (ok) {
        a.completed++;
        a.lifecycleMs.push(performance.now() - l0);
      }
    }
  }

  async function healthClient() {
    while (more()) {
      const r0 = performance.now();
      try {
        const res = await fetch(`${init.url}/api/health`);
        const body = (await res.json()) as { status?: string };
        a.requests++;
        a.requestMs.push(performance.now() - r0);
        if (res.status === 200 && body.status === 'ok') a.completed++;
        else fail(`health: HTTP ${res.status}`);
      } catch (e) {
        fail(`health: ${(e as Error).message}`);
      }
    }
  }

  async function eventsClient(base: string, id: string) {
    const pair = [
      { who: 'approver', state: 'returned', body: JSON.stringify({ type: 'RETURN', comment: '请补充岗位职责 / please detail the duties' }) },
      { who: 'requester', state: 'submitted', body: JSON.stringify({ type: 'RESUBMIT' }) },
    ] as const;
    while (more())
      for (const s of pair) {
        const r0 = performance.now();
        try {
          const res = await fetch(`${base}/api/instances/${id}/events`, { method: 'POST', headers: headers(s.who), body: s.body });
          const body = (await res.json()) as { state?: string; detail?: string };
          a.requests++;
          a.requestMs.push(performance.now() - r0);
          if (res.status === 200 && body.state === s.state) a.completed++;
          else fail(`event: HTTP ${res.status} ${body.state ?? body.detail ?? ''}`);
        } catch (e) {
          fail(`event: ${(e as Error).message}`);
        }
      }
  }

  if (job.kind === 'events') {
    if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(job.base)) throw new Error(`the bench only loads 127.0.0.1, not ${job.base}`);
    await Promise.all(job.cases.slice(0, job.concurrency).map((id) => eventsClient(job.base, id)));
  } else {
    const client = job.kind === 'lifecycle' ? lifecycleClient : healthClient;
    await Promise.all(Array.from({ length: job.concurrency }, () => client()));
  }
  a.elapsedMs = performance.now() - t0;
  return a;
}

parentPort!.on('message', (job: LoadJob) => {
  run(job).then(
    (answer) => parentPort!.postMessage({ ok: true, answer }),
    (e: Error) => parentPort!.postMessage({ ok: false, error: e.stack ?? String(e) }),
  );
});
