// HTTP test harness: the real system on port 0 with a fresh database (a temp SQLite file, or its
// own PostgreSQL database with TEST_DATABASE_URL) and a hand-moved clock.
import { pino, type Logger } from 'pino';
import { startSystem, type System } from '../../server/system.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../workflows/settings.ts';
import { freshDatabase, type TestDatabase } from '../database.ts';
import { p1Request, TestClock } from '../helpers.ts';

export type Answer = { status: number; body: any; headers: Headers };
/** `cleanup` stops the system and drops its database, unless the database was passed in (`db`): then its owner drops it. */
export type Sys = System & { clock: TestClock; db: TestDatabase; token: (login: string) => string; call: Call; cleanup(): Promise<void> };
type Call = (method: string, path: string, login: string | null, body?: unknown, headers?: Record<string, string>) => Promise<Answer>;

export const silent = pino({ level: 'silent' });

/** `log`: a logger to read (default silent). */
export async function startTestSystem(opts: { db?: TestDatabase; clock?: TestClock; tokens?: Record<string, string>; smtpUrl?: string; settings?: Partial<Settings>; log?: Logger } = {}): Promise<Sys> {
  const db = opts.db ?? (await freshDatabase('uw-api-'));
  const clock = opts.clock ?? new TestClock(new Date('2026-03-02T02:00:00Z'));
  const settings = opts.settings && { ...DEFAULT_SETTINGS, ...opts.settings };
  const sys = await startSystem({ databaseUrl: db.url, port: 0, clock, seedDemo: true, log: opts.log ?? silent, background: false, smtpUrl: opts.smtpUrl, settings });
  const tokens = opts.tokens ?? Object.fromEntries(Object.entries(sys.demo!.users).map(([k, v]) => [k, v.token]));
  const token = (login: string) => tokens[login];
  const call: Call = async (method, path, login, body, headers = {}) => {
    const h: Record<string, string> = { ...headers };
    if (login) h.authorization = `Bearer ${token(login)}`;
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      h['content-type'] ??= 'application/json';
    }
    const res = await fetch(sys.url + path, { method, headers: h, body: payload });
    const text = await res.text();
    let parsed: unknown = text;
    try { parsed = JSON.parse(text); } catch { /* html or empty */ }
    return { status: res.status, body: parsed, headers: res.headers };
  };
  return {
    ...sys, clock, db, token, call,
    cleanup: async () => { await sys.stop(); if (!opts.db) await db.drop(); },
  };
}

export const P1 = '/api/workflows/purchased-service-hire/instances';

/** A P1 request started and submitted by a union's requester (default: 国贸物业工会): its id. */
export async function submittedRequest(s: Sys, login = 'guomao.requester'): Promise<string> {
  const id = (await s.call('POST', P1, login, p1Request())).body.id;
  await s.call('POST', `/api/instances/${id}/events`, login, { type: 'SUBMIT' });
  return id;
}

const CHANGE_TABLES = ['orgs', 'users', 'tokens', 'people', 'person_identities', 'instances', 'history', 'deadlines', 'outbox', 'documents', 'idempotency_keys'];
/** Row counts and every case's version and state, as text: equal before and after means a request changed nothing. */
export async function databaseState(s: Sys): Promise<string> {
  const counts = await Promise.all(CHANGE_TABLES.map(async (t) => [t, Number((await s.knex(t).count({ n: '*' }).first())!.n)]));
  return JSON.stringify([counts, await s.knex('instances').select('id', 'version', 'state').orderBy('id')]);
}
