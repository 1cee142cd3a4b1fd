// Two real server processes on one PostgreSQL database (not two pools in one process): they start
// together (one migrates and seeds), split conflicting events with one winner per case, fire 200
// deadlines due at once exactly once each, and send each outbox row once to a real SMTP server.
import { expect } from 'chai';
import { openDatabase } from '../../db/index.ts';
import { freshDatabase, onPostgres } from '../database.ts';
import { p1Request } from '../helpers.ts';
import { smtpServer } from '../smtp.ts';
import { request, spawnServer, type ServerProcess } from './child.ts';
import { P1 } from './client.ts';

const REMINDERS = ['answer-reminder-1', 'answer-reminder-2'];

/** Runs `work` over `items`, `width` at a time. */
async function inParallel<T>(items: T[], width: number, work: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) { const i = next++; await work(items[i], i); }
  }));
}

describe('two server processes on one PostgreSQL database', () => {
  it('fire 200 due deadlines once each, give one winner per conflicting pair of events, and send each mail once', async function () {
    if (!onPostgres) this.skip();
    this.timeout(120_000);
    const db = await freshDatabase('uw-two-');
    const smtp = await smtpServer();
    let both: ServerProcess[] = [];
    const knex = openDatabase(db.url);
    try {
      // Started together on an empty database: one migrates and seeds, the other waits and finds it done.
      both = await Promise.all([spawnServer({ DATABASE_URL: db.url }), spawnServer({ DATABASE_URL: db.url })]);
      const seeded = both.filter((p) => Object.keys(p.tokens).length);
      expect(seeded, 'exactly one process seeded the demo tree').to.have.length(1);
      const tokens = seeded[0].tokens;
      expect(await knex('orgs').count({ n: '*' }).first()).to.satisfy((r: { n: string }) => Number(r.n) === 14);

      // 200 submitted cases, their requests spread over both processes.
      const ids: string[] = [];
      await inParallel(Array.from({ length: 200 }), 8, async (_, i) => {
        const base = both[i % 2].url;
        const started = await request(base, 'POST', P1, tokens['guomao.requester'], p1Request());
        expect(started.status).to.equal(201);
        const submitted = await request(both[(i + 1) % 2].url, 'POST', `/api/instances/${started.body.id}/events`, tokens['guomao.requester'], { type: 'SUBMIT' });
        expect(submitted.status).to.equal(200);
        ids[i] = started.body.id;
      });

      // 100 conflicting pairs: APPROVE to one process, REJECT to the other, at the same moment.
      const contested = ids.slice(0, 100);
      const outcomes: number[][] = [];
      await inParallel(contested, 8, async (id, i) => {
        const [a, b] = i % 2 ? [both[0], both[1]] : [both[1], both[0]];
        const answers = await Promise.all([
          request(a.url, 'POST', `/api/instances/${id}/events`, tokens['jianwai.approver'], { type: 'APPROVE' }),
          request(b.url, 'POST', `/api/instances/${id}/events`, tokens['jianwai.approver'], { type: 'REJECT', reason: '经费不足' }),
        ]);
        outcomes[i] = answers.map((x) => x.status).sort();
      });
      expect(outcomes.filter((o) => o[0] !== 200 || o[1] !== 409), 'per case: one 200 and one 409').to.deep.equal([]);
      const decided: { state: string; version: number }[] = await knex('instances').whereIn('id', contested).select('state', 'version');
      expect(decided.every((c) => ['approved', 'rejected'].includes(c.state) && c.version === 3)).to.equal(true);

      // Stop both; make the two reminders of the other 100 cases due now, then start both again with SMTP.
      await Promise.all(both.map((p) => p.kill('SIGTERM')));
      const waiting = ids.slice(100);
      const moved = await knex('deadlines').whereIn('instance_id', waiting).whereIn('decl_id', REMINDERS).where('status', 'pending')
        .update({ due_at: Date.now() - 60_000 });
      expect(moved).to.equal(200);
      const env = { DATABASE_URL: db.url, SMTP_URL: `smtp://127.0.0.1:${smtp.port}` };
      // Serving is logged after the first tick and the first flush: with 500 mails that takes a while.
      both = await Promise.all([spawnServer(env, 90_000), spawnServer(env, 90_000)]);

      // Each process's first tick ends only once every row it saw is fired (by it or the other), so
      // by now all 200 have fired; mail written meanwhile goes out at the first flush or soon after.
      const fired: { instance_id: string; n: string }[] = await knex('history').whereIn('instance_id', waiting).where('type', 'REMIND')
        .groupBy('instance_id').select('instance_id').count({ n: '*' });
      expect(fired.length).to.equal(100);
      expect(fired.filter((f) => Number(f.n) !== 2), 'cases whose two reminders did not fire exactly once each').to.deep.equal([]);
      expect(await knex('deadlines').whereIn('instance_id', waiting).whereIn('decl_id', REMINDERS).where('status', 'fired').count({ n: '*' }).first())
        .to.satisfy((r: { n: string }) => Number(r.n) === 200);

      let outbox: { id: number; status: string }[] = [];
      for (let waited = 0; waited < 20_000; waited += 100) {
        outbox = await knex('outbox').whereNotNull('to_email').select('id', 'status');
        if (outbox.every((r) => r.status === 'sent') && smtp.received.length >= outbox.length) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(outbox.filter((r) => r.status !== 'sent')).to.deep.equal([]);
      const received = smtp.received.map((m) => Number(m.headers['x-union-workflows-outbox'])).sort((x, y) => x - y);
      expect(received, 'each outbox row received once').to.deep.equal(outbox.map((r) => Number(r.id)).sort((x, y) => x - y));
      expect(outbox.length).to.be.at.least(200 + 100 + 200); // submits, decisions, reminders
    } finally {
      await Promise.all(both.map((p) => p.kill('SIGTERM')));
      await knex.destroy();
      await smtp.close();
      await db.drop();
    }
  });
});
