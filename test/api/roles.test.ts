// ROLE=web|worker|all: what one process does; SQLite's one process per file.
import { expect } from 'chai';
import { startSystem } from '../../server/system.ts';
import { parseRole, parseTrustProxy } from '../../server/roles.ts';
import { freshDatabase, onPostgres, skipOnPostgres } from '../database.ts';
import { p1Request } from '../helpers.ts';
import { smtpServer } from '../smtp.ts';
import { request, spawnServer } from './child.ts';
import { P1, silent } from './client.ts';

describe('process roles (ROLE)', () => {
  it('reads web, worker and all (default all), and refuses anything else with a clear message', () => {
    expect(parseRole(undefined)).to.equal('all');
    expect(parseRole(' worker ')).to.equal('worker');
    expect(() => parseRole('scheduler')).to.throw(/ROLE must be web, worker or all/);
    expect(parseTrustProxy(undefined)).to.equal(false);
    expect(parseTrustProxy('1')).to.equal(1);
    expect(parseTrustProxy('loopback, 10.0.0.0/8')).to.equal('loopback,10.0.0.0/8');
    expect(() => parseTrustProxy('"; drop')).to.throw(/TRUST_PROXY/);
  });

  it('a process started with an unknown ROLE exits 1 before opening the database, saying why', async function () {
    this.timeout(30_000);
    const db = await freshDatabase('uw-role-');
    try {
      const err = await spawnServer({ DATABASE_URL: db.url, ROLE: 'scheduler' }).then(() => undefined, (e: Error) => e);
      expect(err?.message).to.match(/exited with 1/).and.match(/ROLE must be web, worker or all/);
      expect(err?.message).not.to.match(/at .*\.ts:\d+/); // a message, not a stack
    } finally {
      await db.drop();
    }
  });

  it('SQLite: ROLE=web or worker is refused (one process does everything there)', async function () {
    skipOnPostgres(this);
    const db = await freshDatabase('uw-role-');
    try {
      for (const role of ['web', 'worker'] as const) {
        const err = await startSystem({ databaseUrl: db.url, role, log: silent, background: false }).then(() => undefined, (e: Error) => e);
        expect(err?.message).to.include(`ROLE=${role} needs PostgreSQL`);
      }
    } finally {
      await db.drop();
    }
  });

  it('SQLite: a second server process on the same file is refused while the first runs, and starts once it stopped', async function () {
    skipOnPostgres(this);
    const db = await freshDatabase('uw-role-');
    const first = await startSystem({ databaseUrl: db.url, log: silent, background: false, seedDemo: true });
    try {
      const err = await startSystem({ databaseUrl: db.url, log: silent, background: false }).then(() => undefined, (e: Error) => e);
      expect(err?.message).to.include('another server process is using the SQLite database');
      await first.stop();
      const again = await startSystem({ databaseUrl: db.url, log: silent, background: false });
      await again.stop();
    } finally {
      await first.stop();
      await db.drop();
    }
  });

  it('PostgreSQL: a web process sends no mail, a worker sends it and serves GET /api/health only', async function () {
    if (!onPostgres) this.skip();
    const db = await freshDatabase('uw-role-');
    const smtp = await smtpServer();
    const smtpUrl = `smtp://127.0.0.1:${smtp.port}`;
    try {
      const seed = await startSystem({ databaseUrl: db.url, log: silent, background: false, seedDemo: true });
      const requester = seed.demo!.users['guomao.requester'].token;
      const id = (await request(seed.url, 'POST', P1, requester, p1Request())).body.id;
      expect((await request(seed.url, 'POST', `/api/instances/${id}/events`, requester, { type: 'SUBMIT' })).status).to.equal(200);
      await seed.stop();

      const web = await startSystem({ databaseUrl: db.url, log: silent, role: 'web', smtpUrl });
      expect((await request(web.url, 'GET', '/api/tasks', requester)).status).to.equal(200);
      await web.stop();
      expect(smtp.received).to.have.length(0); // the mail to the approver waits for a worker

      const worker = await startSystem({ databaseUrl: db.url, log: silent, role: 'worker', smtpUrl });
      try {
        expect(smtp.received.map((m) => m.rcptTo)).to.deep.equal([['jianwai.approver@example.org.cn']]); // its first flush, at start
        const health = await request(worker.url, 'GET', '/api/health', undefined);
        expect(health).to.deep.include({ status: 200, body: { status: 'ok', database: 'ok', role: 'worker' } });
        const api = await request(worker.url, 'GET', '/api/tasks', requester);
        expect(api.status).to.equal(404);
        expect(api.body.detail).to.include('worker');
      } finally {
        await worker.stop();
      }
    } finally {
      await smtp.close();
      await db.drop();
    }
  });
});

describe('TRUST_PROXY', () => {
  it('behind a trusted proxy, the token throttle counts each forwarded client, not the proxy', async () => {
    const db = await freshDatabase('uw-proxy-');
    const sys = await startSystem({ databaseUrl: db.url, log: silent, background: false, seedDemo: true, trustProxy: 'loopback' });
    try {
      const token = sys.demo!.users['guomao.requester'].token;
      const from = (ip: string, t: string) => fetch(`${sys.url}/api/me`, { headers: { authorization: `Bearer ${t}`, 'x-forwarded-for': ip } }).then((r) => r.status);
      for (let i = 0; i < 20; i++) expect(await from('203.0.113.7', 'wrong')).to.equal(401);
      expect(await from('203.0.113.7', token)).to.equal(429);
      expect(await from('203.0.113.8', token)).to.equal(200);
    } finally {
      await sys.stop();
      await db.drop();
    }
  });
});
