// db/write-queue.ts against a fresh migrated database (SQLite, or PostgreSQL with TEST_DATABASE_URL).
import { expect } from 'chai';
import type { HistoryRow, InstanceRow } from '../../db/tables.ts';
import { flushWriteQueue, newWriteQueue, queueDeadlines, queuedRow, queueFull, queueInsert, queueUpdate } from '../../db/write-queue.ts';
import { deadlineRow, instanceRow, mailRow, newInstance, sharedWorld } from './fixture.ts';

const historyRow = (instanceId: string, seq: number): Omit<HistoryRow, 'id'> => ({
  instance_id: instanceId, seq, type: 'SUBMIT', actor_id: '1', actor_name: '王芳', from_state: 'draft', to_state: 'submitted',
  at: '2026-03-01T00:00:00.000Z', payload: '{}', prev_hash: 'p'.repeat(64), hash: `${seq}`.padStart(64, '0'), snapshot_hash: null, hash_version: 2,
});
const moved = (r: InstanceRow, state: string): InstanceRow => ({ ...r, state, version: r.version + 1, snapshot: `{"s":"${state}"}`, subject: `主题 ${state}`, updated_at: '2026-03-02T00:00:00.000Z', head_hash: state.padEnd(64, '0') });

describe('db/write-queue', () => {
  const s = sharedWorld();
  const org = () => s.w.demo.orgs.guomao.id;
  const row = (id: string) => s.knex<InstanceRow>('instances').where({ id }).first();

  describe('newWriteQueue', () => {
    it('starts empty', () => {
      const q = newWriteQueue();
      expect([q.updates.size, q.inserts.size]).to.deep.equal([0, 0]);
    });
  });

  describe('queueInsert', () => {
    it('collects rows per table, one or many at a time, and writes nothing yet', async () => {
      const q = newWriteQueue();
      const before = Number((await s.knex('outbox').count({ n: '*' }))[0].n);
      queueInsert(q, 'outbox', mailRow());
      queueInsert(q, 'outbox', [mailRow(), mailRow()]);
      expect(q.inserts.get('outbox')).to.have.length(3);
      expect(Number((await s.knex('outbox').count({ n: '*' }))[0].n)).to.equal(before);
    });
  });

  describe('queueUpdate', () => {
    it('keeps the last row a case reached and the version it had before the first move', async () => {
      const c = await newInstance(s.knex, org());
      const q = newWriteQueue();
      const once = moved(c, 'a');
      queueUpdate(q, once, c.version);
      queueUpdate(q, moved(once, 'b'), once.version);
      expect(q.updates.get(c.id)).to.deep.include({ expected: c.version });
      expect(q.updates.get(c.id)!.row.state).to.equal('b');
    });
  });

  describe('queueDeadlines', () => {
    it('answers the deadlines as they will be stored, id 0 as yet, and writes them at the flush', async () => {
      const c = await newInstance(s.knex, org());
      const q = newWriteQueue();
      const rows = queueDeadlines(q, [deadlineRow(c.id, { decl_id: 'a' }), deadlineRow(c.id, { decl_id: 'b' })]);
      expect(rows.map((r) => [r.id, r.decl_id])).to.deep.equal([[0, 'a'], [0, 'b']]);
      expect(await s.knex('deadlines').where({ instance_id: c.id })).to.have.length(0);
      await s.knex.transaction((trx) => flushWriteQueue(trx, q));
      expect((await s.knex('deadlines').where({ instance_id: c.id }).orderBy('id')).map((r) => r.decl_id)).to.deep.equal(['a', 'b']);
    });
  });

  describe('queueFull', () => {
    it('is full at the given number of rows held, updates and inserts together', async () => {
      const c = await newInstance(s.knex, org());
      const q = newWriteQueue();
      queueUpdate(q, moved(c, 'a'), c.version);
      queueInsert(q, 'outbox', [mailRow(), mailRow()]);
      expect([queueFull(q, 3), queueFull(q, 4), queueFull(newWriteQueue())]).to.deep.equal([true, false, false]);
    });
  });

  describe('queuedRow', () => {
    it('gives the row a queued case reached; nothing for a case not queued or no queue', async () => {
      const c = await newInstance(s.knex, org());
      const q = newWriteQueue();
      queueUpdate(q, moved(c, 'a'), c.version);
      expect(queuedRow(q, c.id)?.state).to.equal('a');
      expect(queuedRow(q, 'other')).to.equal(undefined);
      expect(queuedRow(undefined, c.id)).to.equal(undefined);
    });
  });

  describe('flushWriteQueue', () => {
    it('writes 900 moved cases (three statements of at most 400) with their history and mail, and empties the queue', async () => {
      const cases = await s.knex.transaction(async (trx) => {
        const out: InstanceRow[] = [];
        for (let i = 0; i < 900; i++) out.push(await newInstance(trx, org()));
        return out;
      });
      const q = newWriteQueue();
      for (const c of cases) {
        queueUpdate(q, moved(c, 'submitted'), c.version);
        queueInsert(q, 'history', historyRow(c.id, c.version + 1));
        queueInsert(q, 'outbox', mailRow({ instance_id: c.id }));
      }
      let statements = 0;
      const count = () => statements++;
      s.knex.on('query', count);
      const stale = await s.knex.transaction((trx) => flushWriteQueue(trx, q)).finally(() => s.knex.removeListener('query', count));
      expect(stale).to.deep.equal([]);
      expect(statements).to.be.at.most(3 + 3 + 3 + 2); // updates, history, outbox; BEGIN and COMMIT
      const stored = await s.knex<InstanceRow>('instances').whereIn('id', cases.slice(0, 500).map((c) => c.id));
      expect(stored.every((r) => r.state === 'submitted' && r.version === 2 && r.subject === '主题 submitted' && r.snapshot === '{"s":"submitted"}' && r.head_hash === 'submitted'.padEnd(64, '0'))).to.equal(true);
      expect(Number((await s.knex('history').whereIn('instance_id', cases.map((c) => c.id)).count({ n: '*' }))[0].n)).to.equal(900);
      expect(Number((await s.knex('outbox').whereIn('instance_id', cases.map((c) => c.id)).count({ n: '*' }))[0].n)).to.equal(900);
      expect([q.updates.size, q.inserts.size]).to.deep.equal([0, 0]);
    });

    it('writes a new case before what refers to it: its move in the same step, its history, deadlines and mail', async () => {
      const fresh = instanceRow(org());
      const q = newWriteQueue();
      queueInsert(q, 'outbox', mailRow({ instance_id: fresh.id }));
      queueDeadlines(q, [deadlineRow(fresh.id)]);
      queueInsert(q, 'history', historyRow(fresh.id, 1));
      queueUpdate(q, moved(fresh, 'next'), fresh.version);
      queueInsert(q, 'instances', fresh);
      expect(await s.knex.transaction((trx) => flushWriteQueue(trx, q))).to.deep.equal([]);
      expect([(await row(fresh.id))!.state, (await row(fresh.id))!.version]).to.deep.equal(['next', 2]);
      for (const t of ['history', 'deadlines', 'outbox']) expect(await s.knex(t).where({ instance_id: fresh.id }), t).to.have.length(1);
    });

    it('answers the cases another writer moved first and leaves their rows as that writer left them', async () => {
      const [a, b] = [await newInstance(s.knex, org()), await newInstance(s.knex, org())];
      await s.knex('instances').where({ id: b.id }).update({ version: 5, state: 'elsewhere' });
      const q = newWriteQueue();
      queueUpdate(q, moved(a, 'x'), a.version);
      queueUpdate(q, moved(b, 'x'), b.version);
      expect(await s.knex.transaction((trx) => flushWriteQueue(trx, q))).to.deep.equal([b.id]);
      expect([(await row(a.id))!.state, (await row(b.id))!.state, (await row(b.id))!.version]).to.deep.equal(['x', 'elsewhere', 5]);
    });
  });
});
