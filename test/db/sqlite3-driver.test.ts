// Smoke test: the whole system (migrations, demo seed, engine, HTTP API) also runs on the
// alternative `sqlite3` driver, not only on better-sqlite3.
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { startSystem, type System } from '../../server/system.ts';
import { skipOnPostgres } from '../database.ts';
import { p1Request } from '../helpers.ts';

describe('the system on the sqlite3 driver', () => {
  let dir: string;
  let system: System;
  let tokens: Record<string, string>;

  const call = async (method: string, path: string, login: string | null, body?: unknown) => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (login) headers.authorization = `Bearer ${tokens[login]}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${system.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as any };
  };

  before(async function () {
    skipOnPostgres(this); // a SQLite driver: nothing to test on a PostgreSQL run
    dir = mkdtempSync(join(tmpdir(), 'uw-sqlite3-'));
    system = await startSystem({
      sqliteClient: 'sqlite3', databaseUrl: `sqlite:${join(dir, 'test.sqlite')}`, seedDemo: true, port: 0, log: pino({ level: 'silent' }),
    });
    tokens = Object.fromEntries(Object.entries(system.demo!.users).map(([login, u]) => [login, u.token]));
  });

  after(async () => {
    await system?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('opens the database with the sqlite3 client in WAL mode', async () => {
    expect(system.knex.client.config.client).to.equal('sqlite3');
    const rows = await system.knex.raw('PRAGMA journal_mode');
    expect(rows[0].journal_mode).to.equal('wal');
  });

  it('reports itself healthy', async () => {
    const res = await call('GET', '/api/health', null);
    expect(res.status).to.equal(200);
    expect(res.body).to.include({ status: 'ok', database: 'ok' }); // warnings depend on the real date (the calendar's known range)
  });

  it('takes a P1 request from start through submission to written approval, issuing a numbered document', async () => {
    const started = await call('POST', '/api/workflows/purchased-service-hire/instances', 'guomao.requester', p1Request());
    expect(started.status).to.equal(201);
    expect(started.body).to.include({ state: 'draft', status: 'active', version: 1 });
    const id = started.body.id as string;

    const submitted = await call('POST', `/api/instances/${id}/events`, 'guomao.requester', { type: 'SUBMIT' });
    expect(submitted.status).to.equal(200);
    expect(submitted.body).to.include({ state: 'submitted', version: 2 });
    expect(submitted.body.deadlines).to.have.length(3);

    const approved = await call('POST', `/api/instances/${id}/events`, 'jianwai.approver', { type: 'APPROVE', conditions: '按批准岗位聘用' });
    expect(approved.status).to.equal(200);
    expect(approved.body).to.include({ state: 'approved', version: 3 });
    expect(approved.body.documents).to.have.length(1);
    const doc = approved.body.documents[0];
    expect(doc.kind).to.equal('written_approval');
    expect(doc.number).to.match(/^建外工批〔\d{4}〕1号$/);

    const fetched = await call('GET', doc.href, 'guomao.requester');
    expect(fetched.status).to.equal(200);
    expect(fetched.body).to.include({ number: doc.number, instanceId: id });
    expect(fetched.body.content.decision).to.include({ kind: 'approved', conditions: '按批准岗位聘用' });
  });

  it('records the transitions as an unbroken history chain', async () => {
    const [{ id }] = await system.knex('instances').select('id');
    const res = await call('GET', `/api/instances/${id}/history`, 'guomao.requester');
    expect(res.status).to.equal(200);
    expect(res.body.items.map((h: { type: string }) => h.type)).to.deep.equal(['START', 'SUBMIT', 'APPROVE']);
    expect(res.body.chain).to.deep.equal({ valid: true, brokenAtSeq: null, reason: null });
  });

  it('stops cleanly, closing the server and the database', async () => {
    await system.stop();
    expect(system.server.listening).to.equal(false);
    let error: unknown;
    try {
      await system.knex.raw('select 1');
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(Error);
  });
});
