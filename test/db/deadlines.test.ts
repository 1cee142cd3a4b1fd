// db/deadlines.ts against a fresh migrated database (SQLite, or PostgreSQL with TEST_DATABASE_URL).
import { expect } from 'chai';
import { cancelDeadline, claimDeadline, deadlinesDependingOn, dueDeadlines, dueDeadlinesQuery, listDeadlines } from '../../db/deadlines.ts';
import { insertDeadline } from '../../db/instances.ts';
import { deadlineRow, ids, newInstance, sharedWorld } from './fixture.ts';

describe('db/deadlines', () => {
  const s = sharedWorld();
  const o = (key: string) => s.w.demo.orgs[key];
  beforeEach(async () => { await s.knex('deadlines').del(); }); // these queries read the whole table
  const all = () => s.knex('deadlines').orderBy('id');
  /** Inserts deadlines of a new case of `orgKey`; returns their ids in order. */
  const make = async (orgKey: string, rows: Parameters<typeof deadlineRow>[1][], inst = {}) => {
    const c = await newInstance(s.knex, o(orgKey).id, inst);
    for (const r of rows) await insertDeadline(s.knex, deadlineRow(c.id, r));
    return ids(await s.knex('deadlines').where({ instance_id: c.id }).orderBy('id'));
  };

  describe('dueDeadlinesQuery', () => {
    it('is the builder dueDeadlines runs: pending, due by now, by (due_at, id), limited', async () => {
      const [a] = await make('guomao', [{ due_at: 10 }, { due_at: 30 }]);
      const rows = await dueDeadlinesQuery(s.knex, 20, 5);
      expect(ids(rows)).to.deep.equal([a]);
      expect(dueDeadlinesQuery(s.knex, 20, 5).toSQL().sql).to.match(/limit/i);
    });
  });

  describe('dueDeadlines', () => {
    it('gives pending deadlines due by now, soonest first, with numbers for due_at and id', async () => {
      const [late, early, fired, future] = await make('guomao', [{ due_at: 20 }, { due_at: 10 }, { due_at: 5, status: 'fired' }, { due_at: 1_000 }]);
      const rows = await dueDeadlines(s.knex, 100, 10);
      expect(rows.map((r) => [r.id, r.due_at])).to.deep.equal([[early, 10], [late, 20]]);
      expect(ids(rows)).to.not.include.members([fired, future]);
    });
    it('continues behind a cursor (due_at, id), so equal due instants are neither skipped nor repeated', async () => {
      const made = await make('guomao', [{ due_at: 10 }, { due_at: 10 }, { due_at: 10 }, { due_at: 11 }]);
      const first = await dueDeadlines(s.knex, 100, 2);
      const rest = await dueDeadlines(s.knex, 100, 10, { dueAt: Number(first[1].due_at), id: first[1].id });
      expect([...ids(first), ...ids(rest)]).to.deep.equal(made);
    });
  });

  describe('claimDeadline', () => {
    it('fires a pending deadline at the instant seen once; a second claim, or one at a moved instant, is false', async () => {
      const [a, b] = await make('guomao', [{ due_at: 10 }, { due_at: 20 }]);
      const now = new Date('2026-03-02T02:00:00Z');
      expect(await claimDeadline(s.knex, { id: a, due_at: 10 }, now)).to.equal(true);
      expect(await claimDeadline(s.knex, { id: a, due_at: 10 }, now)).to.equal(false);
      expect(await claimDeadline(s.knex, { id: b, due_at: 19 }, now)).to.equal(false); // the calendar moved it
      expect((await all()).map((d) => [d.status, d.fired_at])).to.deep.equal([['fired', now.toISOString()], ['pending', null]]);
    });
    it('lets one of two concurrent claims win', async () => {
      const [a] = await make('guomao', [{ due_at: 10 }]);
      const claim = () => s.knex.transaction((trx) => claimDeadline(trx, { id: a, due_at: '10' }, new Date()));
      expect((await Promise.all([claim(), claim()])).filter(Boolean)).to.have.length(1);
    });
  });

  describe('cancelDeadline', () => {
    it('cancels the deadline with the instant it was closed', async () => {
      const [a, b] = await make('guomao', [{ status: 'fired' }, {}]);
      await cancelDeadline(s.knex, a, new Date('2026-03-03T00:00:00Z'));
      expect((await all()).map((d) => [Number(d.id), d.status, d.closed_at])).to.deep.equal([[a, 'cancelled', '2026-03-03T00:00:00.000Z'], [b, 'pending', null]]);
    });
  });

  describe('listDeadlines', () => {
    it('lists open deadlines of active cases with their case, soonest first, filtered by subtree, window and overdue, paged after (due_at, id)', async () => {
      const now = 1_000;
      const [g1, g2, gr] = await make('guomao', [{ due_at: 900 }, { due_at: 1_500, status: 'pending' }, { due_at: 800, kind: 'reminder' }], { state: 'submitted', subject: '国贸的案子' });
      const [gf] = await make('guomao', [{ due_at: 950, status: 'fired' }]);
      await make('guomao', [{ due_at: 700, status: 'cancelled' }, { due_at: 600, status: 'closed' }]);
      await make('guomao', [{ due_at: 500 }], { status: 'done' });
      const [z] = await make('zgc', [{ due_at: 5_000 }]);
      const list = async (a = {}) => ids(await listDeadlines(s.knex, { now, ...a }));
      expect(await list()).to.deep.equal([gr, g1, gf, g2, z]);
      const [item] = await listDeadlines(s.knex, { now, limit: 1 });
      expect(item).to.deep.include({ id: gr, due_at: 800, org_id: o('guomao').id, instance_type: 't-proc', instance_version: 1, instance_state: 'submitted', instance_subject: '国贸的案子' });
      expect(await list({ orgPathPrefix: o('chaoyang').path })).to.deep.equal([gr, g1, gf, g2]);
      expect(await list({ orgPathPrefix: `${o('haidian').path}%` })).to.deep.equal([z]); // a wildcard in the prefix is not one
      expect(await list({ within: 500 })).to.deep.equal([gr, g1, gf, g2]);
      expect(await list({ overdue: true })).to.deep.equal([g1, gf]);
      expect(await list({ limit: 2 })).to.deep.equal([gr, g1]);
      expect(await list({ after: [900, g1], limit: 2 })).to.deep.equal([gf, g2]);
    });
  });

  describe('deadlinesDependingOn', () => {
    it('gives the pending deadlines whose calendar span meets [from, to], and every provisional one, once each, by case then id', async () => {
      const [inside, before, after, fired] = await make('guomao', [
        { calendar_from: '2026-09-25', calendar_to: '2026-10-02' },
        { calendar_from: '2026-09-01', calendar_to: '2026-09-30' },
        { calendar_from: '2026-10-09', calendar_to: '2026-10-20' },
        { calendar_from: '2026-10-01', calendar_to: '2026-10-02', status: 'fired' },
      ], { id: 'dep-b' });
      const [both, prov, provFired, noSpan] = await make('zgc', [
        { calendar_from: '2026-10-08', calendar_to: '2026-10-08', provisional: true },
        { calendar_from: '2027-01-01', calendar_to: '2027-01-10', provisional: true },
        { provisional: true, status: 'fired' },
        {},
      ], { id: 'dep-a' });
      const rows = await deadlinesDependingOn(s.knex, '2026-10-01', '2026-10-08');
      expect(rows.map((r) => r.id)).to.deep.equal([both, prov, inside]);
      expect(rows.every((r) => typeof r.due_at === 'number')).to.equal(true);
      for (const id of [before, after, fired, provFired, noSpan]) expect(ids(rows)).to.not.include(id);
    });
  });
});
