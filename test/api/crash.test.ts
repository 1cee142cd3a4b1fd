// A server process killed with SIGKILL mid-load, three times, loses nothing it acknowledged: every
// transition answered 2xx is in the history, every chain verifies, and each case holds exactly the
// pending deadlines its state declares (none lost, none doubled). On SQLite and PostgreSQL.
import { expect } from 'chai';
import { openDatabase } from '../../db/index.ts';
import { definition } from '../../workflows/registry.ts';
import { freshDatabase } from '../database.ts';
import { p1Request } from '../helpers.ts';
import { request, spawnServer, type ServerProcess } from './child.ts';
import { P1 } from './client.ts';

type Acked = { id: string; seq: number; type: string };
const CLIENTS = 8;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('crash: SIGKILL under load', () => {
  it('keeps every acknowledged transition, every chain and every declared deadline across three kills', async function () {
    this.timeout(90_000);
    const db = await freshDatabase('uw-crash-');
    let server: ServerProcess = await spawnServer({ DATABASE_URL: db.url });
    const tokens = { ...server.tokens };
    const acked: Acked[] = [];
    let running = true;

    // One client: P1 cases of its union, from start to an answer, along one of four paths.
    const pairs = [['guomao.requester', 'jianwai.approver'], ['zgc-soft.requester', 'zgc.approver']];
    async function client(n: number): Promise<void> {
      const [requester, approver] = pairs[n % 2];
      for (let round = 0; running; round++) {
        const started = await request(server.url, 'POST', P1, tokens[requester], p1Request());
        if (started.status !== 201) { await pause(50); continue; } // down, or refused: start another
        const id: string = started.body.id;
        acked.push({ id, seq: started.body.version, type: 'START' });
        const path: [string, string, Record<string, unknown>][] = [
          [requester, 'SUBMIT', {}],
          ...[
            [[approver, 'APPROVE', { conditions: '按月足额发放薪酬' }]],
            [[approver, 'REJECT', { reason: '经费不足' }]],
            [[approver, 'RETURN', { comment: '补充岗位职责' }], [requester, 'RESUBMIT', { note: '已补充' }], [approver, 'APPROVE', {}]],
            [], // stays submitted, with its three deadlines
          ][(round + n) % 4] as [string, string, Record<string, unknown>][],
        ];
        for (const [login, type, body] of path) {
          const answer = await request(server.url, 'POST', `/api/instances/${id}/events`, tokens[login], { type, ...body });
          if (answer.status < 200 || answer.status > 299) break; // killed mid-request: leave this case as it is
          acked.push({ id, seq: answer.body.version, type });
        }
      }
    }

    const clients = Array.from({ length: CLIENTS }, (_, n) => client(n));
    try {
      for (let kill = 0; kill < 3; kill++) {
        // Mid-load: after some transitions were answered since the (re)start, at a different moment each time.
        const before = acked.length;
        await pause(700 + 300 * kill);
        for (let waited = 0; acked.length < before + 40 && waited < 20_000; waited += 50) await pause(50);
        expect(acked.length, 'load was running before the kill').to.be.at.least(before + 40);
        await server.kill('SIGKILL');
        server = await spawnServer({ DATABASE_URL: db.url });
        expect(server.tokens, 'not seeded again').to.deep.equal({});
      }
      await pause(1000);
    } finally {
      running = false;
      await Promise.all(clients);
    }

    try {
      const verify = await request(server.url, 'GET', '/api/audit/verify', tokens.admin);
      expect(verify.status).to.equal(200);
      expect(verify.body.broken).to.deep.equal([]);

      const knex = openDatabase(db.url);
      try {
        const history: { instance_id: string; seq: number; type: string }[] = await knex('history').select('instance_id', 'seq', 'type');
        const have = new Set(history.map((h) => `${h.instance_id}#${h.seq}#${h.type}`));
        const lost = acked.filter((a) => !have.has(`${a.id}#${a.seq}#${a.type}`));
        expect(lost, 'acknowledged transitions missing from the history').to.deep.equal([]);

        const cases: { id: string; type: string; definition_version: number; state: string; status: string }[] = await knex('instances').select();
        expect(verify.body.checked, 'every case was verified').to.equal(cases.length);
        const pending: { instance_id: string; decl_id: string }[] = await knex('deadlines').where('status', 'pending').select('instance_id', 'decl_id');
        const wrong: string[] = [];
        for (const c of cases) {
          const def = definition(c.type, c.definition_version)!;
          // P1's deadlines all apply to every case in their states (no due rule of P1 returns null).
          const declared = c.status === 'active' ? def.deadlines.filter((d) => d.states.includes(c.state)).map((d) => d.id).sort() : [];
          const held = pending.filter((p) => p.instance_id === c.id).map((p) => p.decl_id).sort();
          if (JSON.stringify(held) !== JSON.stringify(declared)) wrong.push(`${c.id} in ${c.state}: ${held.join(',')} ≠ ${declared.join(',')}`);
        }
        expect(wrong, 'cases whose pending deadlines differ from what their state declares').to.deep.equal([]);
        expect(new Set(cases.map((c) => c.state))).to.include.members(['submitted', 'approved', 'rejected']);
      } finally {
        await knex.destroy();
      }
    } finally {
      await server.kill('SIGTERM');
      await db.drop();
    }
  });
});
