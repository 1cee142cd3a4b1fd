// db/outbox.ts against a fresh migrated database (SQLite, or PostgreSQL with TEST_DATABASE_URL).
import { expect } from 'chai';
import {
  claimDueMail, dueMailQuery, getMail, insertMail, listOutbox, markFailed, markSent, pendingMailAfter, pendingMailSummary, reclaimStale,
  renewLease, requeueMail,
} from '../../db/outbox.ts';
import type { OutboxRow } from '../../db/tables.ts';
import { ids, mailRow, newInstance, sharedWorld } from './fixture.ts';

describe('db/outbox', () => {
  const s = sharedWorld();
  beforeEach(async () => { await s.knex('outbox').del(); }); // these queries read the whole table
  const rows = async () => (await s.knex<OutboxRow>('outbox').orderBy('id')).map((r) => ({ ...r, id: Number(r.id), next_attempt_at: Number(r.next_attempt_at) }));
  const put = async (...list: Partial<OutboxRow>[]) => {
    await insertMail(s.knex, list.map((o) => mailRow(o)));
    return ids(await rows()).slice(-list.length);
  };

  describe('insertMail', () => {
    it('writes one row or many in one statement', async () => {
      await insertMail(s.knex, mailRow({ to_email: 'one@example.org.cn' }));
      await insertMail(s.knex, [mailRow({ to_email: 'two@example.org.cn' }), mailRow({ to_email: null, status: 'no_recipient' })]);
      expect((await rows()).map((r) => [r.to_email, r.status, r.attempts])).to.deep.equal([
        ['one@example.org.cn', 'pending', 0], ['two@example.org.cn', 'pending', 0], [null, 'no_recipient', 0],
      ]);
    });
  });

  describe('dueMailQuery', () => {
    it('is the builder claimDueMail runs: pending rows due by now, oldest due first, limited', async () => {
      const [late, early] = await put({ next_attempt_at: 20 }, { next_attempt_at: 10 }, { next_attempt_at: 30 }, { next_attempt_at: 5, status: 'sent' });
      expect(ids(await dueMailQuery(s.knex, 25, 10))).to.deep.equal([early, late]);
      expect(ids(await dueMailQuery(s.knex, 25, 1))).to.deep.equal([early]);
    });
  });

  describe('claimDueMail', () => {
    it('takes due pending rows into sending with the lease, up to the limit, and no row twice', async () => {
      const [a, b, c] = await put({ next_attempt_at: 10 }, { next_attempt_at: 11 }, { next_attempt_at: 12 }, { next_attempt_at: 99 });
      const taken = await claimDueMail(s.knex, { now: 50, limit: 2, leaseUntil: 500 });
      expect(taken.map((r) => [r.id, r.status, r.next_attempt_at])).to.deep.equal([[a, 'sending', 500], [b, 'sending', 500]]);
      const [x, y] = await Promise.all([1, 2].map(() => claimDueMail(s.knex, { now: 50, limit: 5, leaseUntil: 600 })));
      expect([...ids(x), ...ids(y)]).to.deep.equal([c]);
      expect(await claimDueMail(s.knex, { now: 50, limit: 5, leaseUntil: 700 })).to.deep.equal([]);
    });
  });

  describe('renewLease', () => {
    it('extends a lease this mailer holds; false once another lease replaced it', async () => {
      const [a] = await put({ next_attempt_at: 10 });
      await claimDueMail(s.knex, { now: 50, limit: 1, leaseUntil: 500 });
      expect(await renewLease(s.knex, a, { heldUntil: 500, leaseUntil: 800 })).to.equal(true);
      expect(await renewLease(s.knex, a, { heldUntil: 500, leaseUntil: 900 })).to.equal(false);
      expect((await rows())[0].next_attempt_at).to.equal(800);
    });
  });

  describe('markSent', () => {
    it('marks a sending row sent with its time and no error; false for a row not sending', async () => {
      const [a, b] = await put({ status: 'sending', last_error: 'earlier' }, { status: 'pending' });
      const at = new Date('2026-03-02T02:00:00Z');
      expect(await markSent(s.knex, a, at)).to.equal(true);
      expect(await markSent(s.knex, b, at)).to.equal(false);
      expect(await markSent(s.knex, a, at)).to.equal(false);
      expect((await rows()).map((r) => [r.status, r.sent_at, r.last_error])).to.deep.equal([['sent', at.toISOString(), null], ['pending', null, null]]);
    });
  });

  describe('markFailed', () => {
    it('puts a sending row back to pending at the retry time, or fails it without one; the error is cut at 1000 characters', async () => {
      const [a, b, c] = await put({ status: 'sending' }, { status: 'sending', next_attempt_at: 77 }, { status: 'sent' });
      expect(await markFailed(s.knex, a, { attempts: 1, error: 'x'.repeat(2000), retryAt: 300 })).to.equal(true);
      expect(await markFailed(s.knex, b, { attempts: 5, error: '550 拒收', retryAt: null })).to.equal(true);
      expect(await markFailed(s.knex, c, { attempts: 1, error: 'e', retryAt: 1 })).to.equal(false);
      const [ra, rb, rc] = await rows();
      expect([ra.status, ra.attempts, ra.next_attempt_at, ra.last_error!.length]).to.deep.equal(['pending', 1, 300, 1000]);
      expect([rb.status, rb.attempts, rb.next_attempt_at, rb.last_error]).to.deep.equal(['failed', 5, 77, '550 拒收']);
      expect(rc.status).to.equal('sent');
    });
  });

  describe('reclaimStale', () => {
    it('takes rows sending past their lease back to pending (counting the attempt), or fails them at maxAttempts', async () => {
      const [stale, last, leased] = await put(
        { status: 'sending', next_attempt_at: 10, attempts: 0 },
        { status: 'sending', next_attempt_at: 10, attempts: 2 },
        { status: 'sending', next_attempt_at: 500, attempts: 0 },
      );
      expect(await reclaimStale(s.knex, { now: 100, maxAttempts: 3 })).to.equal(2);
      const byId = new Map((await rows()).map((r) => [r.id, r]));
      expect(byId.get(stale)).to.deep.include({ status: 'pending', attempts: 1, next_attempt_at: 100 });
      expect(byId.get(last)).to.deep.include({ status: 'failed', attempts: 3 });
      expect(byId.get(last)!.last_error).to.match(/租约到期/);
      expect(byId.get(leased)).to.deep.include({ status: 'sending', attempts: 0, next_attempt_at: 500 });
    });
  });

  describe('pendingMailSummary', () => {
    it('counts the pending rows and gives the highest pending id (0 and 0 when none)', async () => {
      expect(await pendingMailSummary(s.knex)).to.deep.equal({ count: 0, maxId: 0 });
      const [, b] = await put({}, {}, { status: 'sent' });
      expect(await pendingMailSummary(s.knex)).to.deep.equal({ count: 2, maxId: b });
    });
  });

  describe('pendingMailAfter', () => {
    it('gives pending rows after an id, oldest first, limited', async () => {
      const [a, b, , d] = await put({}, {}, { status: 'sent' }, {});
      expect(ids(await pendingMailAfter(s.knex, 0, 10))).to.deep.equal([a, b, d]);
      expect(ids(await pendingMailAfter(s.knex, a, 1))).to.deep.equal([b]);
    });
  });

  describe('listOutbox', () => {
    it('lists newest first, filtered by status and subtree, paged by cursor with a next cursor', async () => {
      const o = s.w.demo.orgs;
      const g = await newInstance(s.knex, o.guomao.id);
      const z = await newInstance(s.knex, o.zgc.id);
      const [a, b, c, d] = await put({ instance_id: g.id }, { instance_id: z.id, status: 'failed' }, { instance_id: g.id, status: 'sent' }, {});
      expect(await listOutbox(s.knex)).to.deep.equal({ items: (await rows()).reverse(), next: undefined });
      const page = await listOutbox(s.knex, { limit: 2 });
      expect([ids(page.items), page.next]).to.deep.equal([[d, c], c]);
      expect(ids((await listOutbox(s.knex, { limit: 2, cursor: page.next })).items)).to.deep.equal([b, a]);
      expect(ids((await listOutbox(s.knex, { status: 'failed' })).items)).to.deep.equal([b]);
      expect(ids((await listOutbox(s.knex, { status: ['pending', 'sent'] })).items)).to.deep.equal([d, c, a]);
      expect(ids((await listOutbox(s.knex, { orgPathPrefix: o.chaoyang.path })).items)).to.deep.equal([c, a]);
      expect((await listOutbox(s.knex, { limit: 0 })).items).to.have.length(1); // at least one row a page
    });
  });

  describe('getMail', () => {
    it('reads one row by id whatever its status, with numbers; nothing for an unknown id', async () => {
      const [a] = await put({ status: 'failed', attempts: 3, next_attempt_at: 12 });
      expect(await getMail(s.knex, a)).to.deep.include({ id: a, status: 'failed', attempts: 3, next_attempt_at: 12 });
      expect(await getMail(s.knex, 999_999)).to.equal(undefined);
    });
  });

  describe('requeueMail', () => {
    it('puts a failed row with an address back to pending with attempts reset; false for any other row', async () => {
      const [failed, noAddress, sent] = await put(
        { status: 'failed', attempts: 5, last_error: 'e' }, { status: 'failed', to_email: null }, { status: 'sent' });
      expect(await requeueMail(s.knex, failed, 1234)).to.equal(true);
      expect(await requeueMail(s.knex, noAddress, 1234)).to.equal(false);
      expect(await requeueMail(s.knex, sent, 1234)).to.equal(false);
      expect(await getMail(s.knex, failed)).to.deep.include({ status: 'pending', attempts: 0, next_attempt_at: 1234, last_error: null });
    });
  });
});
