// db/instances.ts against a fresh migrated database (SQLite, or PostgreSQL with TEST_DATABASE_URL).
import { expect } from 'chai';
import { isUniqueViolation } from '../../db/dialect.ts';
import {
  closeDeadlines, getInstance, historiesOf, historyOf, insertDeadline, insertDeadlines, insertHistory, insertInstance, instancePage, instancesByIds, listInstances,
  lockInstance, openDeadlines, openInstanceOf, updateDeadlineDue, updateInstance,
} from '../../db/instances.ts';
import type { HistoryRow } from '../../db/tables.ts';
import { deadlineRow, ids, instanceRow, newInstance, sharedWorld, uid } from './fixture.ts';

const historyRow = (instanceId: string, seq: number): Omit<HistoryRow, 'id'> => ({
  instance_id: instanceId, seq, type: seq === 1 ? 'START' : 'SUBMIT', actor_id: '1', actor_name: '王芳', from_state: seq === 1 ? null : 'draft',
  to_state: 'submitted', at: '2026-03-01T00:00:00.000Z', payload: '{}', prev_hash: 'p'.repeat(64), hash: `${seq}`.padStart(64, '0'),
  snapshot_hash: null, hash_version: 2,
});

describe('db/instances', () => {
  const s = sharedWorld();
  const o = (key: string) => s.w.demo.orgs[key];
  const deadlinesOf = (id: string) => s.knex('deadlines').where({ instance_id: id }).orderBy('id');

  describe('insertInstance', () => {
    it('writes the case row as given; the same id again is a unique violation', async () => {
      const row = instanceRow(o('guomao').id, { head_hash: 'h'.repeat(64) });
      await insertInstance(s.knex, row);
      expect(await getInstance(s.knex, row.id)).to.deep.equal(row);
      const err = await insertInstance(s.knex, row).then(() => undefined, (e) => e);
      expect(isUniqueViolation(err), String(err)).to.equal(true);
    });
  });

  describe('getInstance', () => {
    it('reads a case by id, nothing for an unknown id', async () => {
      const row = await newInstance(s.knex, o('zgc').id);
      expect((await getInstance(s.knex, row.id))!.id).to.equal(row.id);
      expect(await getInstance(s.knex, 'no-such-case')).to.equal(undefined);
    });
  });

  describe('instancesByIds', () => {
    it('reads several cases in one query, leaving out unknown ids; none for no ids', async () => {
      const a = await newInstance(s.knex, o('zgc').id);
      const b = await newInstance(s.knex, o('guomao').id);
      expect((await instancesByIds(s.knex, [a.id, 'no-such-case', b.id])).map((r) => r.id).sort()).to.deep.equal([a.id, b.id].sort());
      expect(await instancesByIds(s.knex, [])).to.deep.equal([]);
    });
  });

  describe('openInstanceOf', () => {
    it("gives the union's oldest active case of the process, ignoring finished ones and other processes", async () => {
      const org = o('jianwai-station').id;
      await newInstance(s.knex, org, { type: 'open-of', status: 'done', created_at: '2026-01-01T00:00:00.000Z' });
      const older = await newInstance(s.knex, org, { type: 'open-of', created_at: '2026-02-01T00:00:00.000Z' });
      await newInstance(s.knex, org, { type: 'open-of', created_at: '2026-02-02T00:00:00.000Z' });
      await newInstance(s.knex, org, { type: 'other', created_at: '2026-01-15T00:00:00.000Z' });
      expect((await openInstanceOf(s.knex, 'open-of', org))!.id).to.equal(older.id);
      expect(await openInstanceOf(s.knex, 'open-of', o('yonganli').id)).to.equal(undefined);
    });
  });

  describe('updateInstance', () => {
    it('writes the row when the version is the one expected, and returns false (writing nothing) on a stale version', async () => {
      const row = await newInstance(s.knex, o('guomao').id);
      expect(await updateInstance(s.knex, { ...row, state: 'submitted', version: 2 }, 1)).to.equal(true);
      expect(await updateInstance(s.knex, { ...row, state: 'withdrawn', version: 2 }, 1)).to.equal(false);
      expect(await getInstance(s.knex, row.id)).to.deep.include({ state: 'submitted', version: 2 });
      expect(await updateInstance(s.knex, { ...row, id: 'no-such-case', version: 2 }, 1)).to.equal(false);
    });
    it('lets exactly one of two concurrent writers of the same version win', async () => {
      const row = await newInstance(s.knex, o('guomao').id);
      const write = (state: string) => s.knex.transaction((trx) => updateInstance(trx, { ...row, state, version: 2 }, 1));
      const won = await Promise.all([write('a'), write('b')]);
      expect(won.filter(Boolean)).to.have.length(1);
      expect((await getInstance(s.knex, row.id))!.state).to.equal(won[0] ? 'a' : 'b');
    });
  });

  describe('lockInstance', () => {
    it('makes two read-then-write transitions of one case take turns (no lost update, no deadlock)', async () => {
      const row = await newInstance(s.knex, o('zgc-soft').id);
      const step = () => s.knex.transaction(async (trx) => {
        await lockInstance(trx, row.id);
        const cur = (await getInstance(trx, row.id))!;
        await new Promise((r) => setTimeout(r, 30));
        return updateInstance(trx, { ...cur, version: cur.version + 1 }, cur.version);
      });
      expect(await Promise.all([step(), step(), step()])).to.deep.equal([true, true, true]);
      expect((await getInstance(s.knex, row.id))!.version).to.equal(4);
    });
  });

  describe('insertHistory', () => {
    it('appends a history row; the same seq twice is a unique violation', async () => {
      const row = await newInstance(s.knex, o('guomao').id);
      await insertHistory(s.knex, historyRow(row.id, 1));
      const err = await insertHistory(s.knex, historyRow(row.id, 1)).then(() => undefined, (e) => e);
      expect(isUniqueViolation(err), String(err)).to.equal(true);
      expect(await historyOf(s.knex, row.id)).to.have.length(1);
    });
    it('appends many rows at once, past one statement\'s 500-row limit on SQLite', async () => {
      const row = await newInstance(s.knex, o('guomao').id);
      await insertHistory(s.knex, Array.from({ length: 901 }, (_, i) => historyRow(row.id, i + 1)));
      expect((await historyOf(s.knex, row.id)).map((h) => h.seq)).to.deep.equal(Array.from({ length: 901 }, (_, i) => i + 1));
    });
  });

  describe('historyOf', () => {
    it("gives one case's history in seq order", async () => {
      const row = await newInstance(s.knex, o('guomao').id);
      const other = await newInstance(s.knex, o('guomao').id);
      for (const seq of [2, 1, 3]) await insertHistory(s.knex, historyRow(row.id, seq));
      await insertHistory(s.knex, historyRow(other.id, 1));
      const rows = await historyOf(s.knex, row.id);
      expect(rows.map((r) => r.seq)).to.deep.equal([1, 2, 3]);
      expect(rows[0]).to.deep.include({ type: 'START', from_state: null, hash_version: 2 });
    });
  });

  describe('historiesOf', () => {
    it('gives the histories of several cases, each in seq order, and none for no ids', async () => {
      const [a, b, c] = [await newInstance(s.knex, o('zgc').id), await newInstance(s.knex, o('zgc').id), await newInstance(s.knex, o('zgc').id)];
      for (const [id, seq] of [[b.id, 2], [a.id, 1], [b.id, 1], [c.id, 1]] as const) await insertHistory(s.knex, historyRow(id, seq));
      const rows = await historiesOf(s.knex, [a.id, b.id]);
      const byCase = (id: string) => rows.filter((r) => r.instance_id === id).map((r) => r.seq);
      expect(rows).to.have.length(3);
      expect([byCase(a.id), byCase(b.id)]).to.deep.equal([[1], [1, 2]]);
      expect(await historiesOf(s.knex, [])).to.deep.equal([]);
    });
  });

  describe('listInstances', () => {
    // A subtree of its own (a new union under wangjing-tech) so other tests' cases do not show.
    const at = (d: number) => `2026-02-${String(d).padStart(2, '0')}T00:00:00.000Z`;
    it('lists the cases of a subtree newest first, paged by (created_at, id), with its filters', async () => {
      const root = o('wangjing');
      const now = Date.parse('2026-03-05T00:00:00Z');
      const mk = (orgKey: string, day: number, x = {}) => newInstance(s.knex, o(orgKey).id, { created_at: at(day), ...x, id: `li-${day}-${uid()}` });
      const c1 = await mk('wangjing', 1, { type: 'p-a' });
      const c2 = await mk('wangjing-tech', 2, { type: 'p-b', state: 'submitted', parent_id: c1.id });
      const c3a = await mk('wangjing-tech', 3, { status: 'done' });
      const c3b = await mk('wangjing-tech', 3);
      await mk('zgc', 4); // outside the subtree
      await insertDeadline(s.knex, deadlineRow(c1.id, { due_at: now - 1 })); // overdue
      await insertDeadline(s.knex, deadlineRow(c2.id, { due_at: now - 1, kind: 'reminder' })); // a reminder is never overdue
      await insertDeadline(s.knex, deadlineRow(c3b.id, { due_at: now + 1 })); // not yet due
      const list = async (x = {}) => (await listInstances(s.knex, { subtreeOf: root, now, limit: 100, ...x })).map((r) => r.id);
      const all = await list();
      const [hi, lo] = [c3a.id > c3b.id ? c3a.id : c3b.id, c3a.id > c3b.id ? c3b.id : c3a.id];
      expect(all).to.deep.equal([hi, lo, c2.id, c1.id]);
      const page1 = await listInstances(s.knex, { subtreeOf: root, now, limit: 1 });
      const after: [string, string] = [page1[0].created_at, page1[0].id];
      expect(await list({ after })).to.deep.equal(all.slice(1)); // same created_at, lower id: still on the next page
      expect(await list({ type: 'p-b' })).to.deep.equal([c2.id]);
      expect(await list({ state: 'submitted' })).to.deep.equal([c2.id]);
      expect(await list({ org: o('wangjing').id })).to.deep.equal([c1.id]);
      expect(await list({ status: 'done' })).to.deep.equal([c3a.id]);
      expect(await list({ parent: c1.id })).to.deep.equal([c2.id]);
      expect(await list({ overdue: true })).to.deep.equal([c1.id]);
      expect(await list({ overdue: false })).to.deep.equal([hi, lo, c2.id]);
    });
    it('lists the cases an actor started (startedBy) and those it sent an event on, its start not counting (actedBy)', async () => {
      const root = o('wangjing');
      const now = Date.parse('2026-03-05T00:00:00Z');
      const mine = await newInstance(s.knex, o('wangjing-tech').id, { created_by: 'u-started', created_at: at(10) });
      const acted = await newInstance(s.knex, o('wangjing-tech').id, { created_by: 'u-other', created_at: at(11) });
      const outside = await newInstance(s.knex, o('zgc').id, { created_by: 'u-started' });
      await insertHistory(s.knex, { ...historyRow(mine.id, 1), actor_id: 'u-started' });
      await insertHistory(s.knex, { ...historyRow(acted.id, 1), actor_id: 'u-other' });
      await insertHistory(s.knex, { ...historyRow(acted.id, 2), actor_id: 'u-started' });
      await insertHistory(s.knex, { ...historyRow(outside.id, 2), actor_id: 'u-started' });
      const list = async (x = {}) => (await listInstances(s.knex, { subtreeOf: root, now, limit: 100, ...x })).map((r) => r.id);
      expect(await list({ startedBy: 'u-started' })).to.deep.equal([mine.id]);
      expect(await list({ actedBy: 'u-started' })).to.deep.equal([acted.id]);
      expect(await list({ actedBy: 'u-other' })).to.deep.equal([]);
    });
  });

  describe('instancePage', () => {
    it('pages the cases of a subtree by id after a given id', async () => {
      const root = o('yonganli');
      const made = [await newInstance(s.knex, root.id), await newInstance(s.knex, root.id), await newInstance(s.knex, root.id)].map((r) => r.id).sort();
      await newInstance(s.knex, o('guomao').id);
      expect((await instancePage(s.knex, root, '', 2)).map((r) => r.id)).to.deep.equal(made.slice(0, 2));
      expect((await instancePage(s.knex, root, made[1], 10)).map((r) => r.id)).to.deep.equal(made.slice(2));
    });
  });

  describe('insertDeadline', () => {
    it('writes the deadline row as given', async () => {
      const row = await newInstance(s.knex, o('guomao').id);
      await insertDeadline(s.knex, deadlineRow(row.id, { decl_id: 'dx', calendar_from: '2026-03-01', calendar_to: '2026-03-09', basis_at: 5 }));
      const [d] = await deadlinesOf(row.id);
      expect({ ...d, due_at: Number(d.due_at), basis_at: Number(d.basis_at), provisional: !!d.provisional }).to.deep.include({
        decl_id: 'dx', status: 'pending', due_at: Date.parse('2026-03-10T00:00:00Z'), basis_at: 5, calendar_to: '2026-03-09', provisional: false,
      });
    });
  });

  describe('insertDeadlines', () => {
    it('writes several deadline rows in one statement, and none for an empty list', async () => {
      const row = await newInstance(s.knex, o('guomao').id);
      let statements = 0;
      const on = () => void statements++;
      s.knex.on('query', on);
      await insertDeadlines(s.knex, [deadlineRow(row.id, { decl_id: 'a' }), deadlineRow(row.id, { decl_id: 'b' })]);
      await insertDeadlines(s.knex, []);
      s.knex.off('query', on);
      expect(statements).to.equal(1);
      expect((await deadlinesOf(row.id)).map((d) => d.decl_id).sort()).to.deep.equal(['a', 'b']);
    });
    it('answers the rows as stored, as openDeadlines reads them (ids, due_at a number), so no read needs to follow', async () => {
      const row = await newInstance(s.knex, o('guomao').id);
      const written = await insertDeadlines(s.knex, [deadlineRow(row.id, { decl_id: 'a', due_at: 200 }), deadlineRow(row.id, { decl_id: 'b', due_at: 100 })]);
      const read = await openDeadlines(s.knex, [row.id]);
      expect([...written].sort((x, y) => Number(x.due_at) - Number(y.due_at))).to.deep.equal(read);
      expect(await insertDeadlines(s.knex, [])).to.deep.equal([]);
    });
  });

  describe('updateDeadlineDue', () => {
    it('moves a pending deadline and returns true; a deadline no longer pending is left and gives false', async () => {
      const row = await newInstance(s.knex, o('guomao').id);
      await insertDeadline(s.knex, deadlineRow(row.id, { decl_id: 'p' }));
      await insertDeadline(s.knex, deadlineRow(row.id, { decl_id: 'f', status: 'fired' }));
      const [p, f] = await deadlinesOf(row.id);
      const moved = { due_at: 42, provisional: true, calendar_from: '2027-01-01', calendar_to: '2027-01-05' };
      expect(await updateDeadlineDue(s.knex, p.id, moved)).to.equal(true);
      expect(await updateDeadlineDue(s.knex, f.id, moved)).to.equal(false);
      const [p2, f2] = await deadlinesOf(row.id);
      expect([Number(p2.due_at), !!p2.provisional, p2.calendar_to]).to.deep.equal([42, true, '2027-01-05']);
      expect(Number(f2.due_at)).to.equal(Number(f.due_at));
    });
  });

  describe('closeDeadlines', () => {
    it('cancels the pending and closes the fired deadlines of the declarations left, and touches no others', async () => {
      const row = await newInstance(s.knex, o('guomao').id);
      const other = await newInstance(s.knex, o('guomao').id);
      await insertDeadline(s.knex, deadlineRow(row.id, { decl_id: 'a' }));
      await insertDeadline(s.knex, deadlineRow(row.id, { decl_id: 'a', status: 'fired' }));
      await insertDeadline(s.knex, deadlineRow(row.id, { decl_id: 'b' }));
      await insertDeadline(s.knex, deadlineRow(other.id, { decl_id: 'a' }));
      await closeDeadlines(s.knex, row.id, ['a'], '2026-03-03T00:00:00.000Z');
      await closeDeadlines(s.knex, row.id, [], '2026-03-04T00:00:00.000Z'); // no declarations: nothing
      expect((await deadlinesOf(row.id)).map((d) => [d.decl_id, d.status, d.closed_at])).to.deep.equal([
        ['a', 'cancelled', '2026-03-03T00:00:00.000Z'], ['a', 'closed', '2026-03-03T00:00:00.000Z'], ['b', 'pending', null],
      ]);
      expect((await deadlinesOf(other.id)).map((d) => d.status)).to.deep.equal(['pending']);
    });
  });

  describe('openDeadlines', () => {
    it('gives the pending and fired deadlines of the cases, soonest first, due_at as a number; none for no ids', async () => {
      const row = await newInstance(s.knex, o('guomao').id);
      await insertDeadline(s.knex, deadlineRow(row.id, { due_at: 300 }));
      await insertDeadline(s.knex, deadlineRow(row.id, { due_at: 100, status: 'fired' }));
      await insertDeadline(s.knex, deadlineRow(row.id, { due_at: 200, status: 'cancelled' }));
      await insertDeadline(s.knex, deadlineRow(row.id, { due_at: 50, status: 'closed' }));
      expect((await openDeadlines(s.knex, [row.id])).map((d) => [d.due_at, d.status])).to.deep.equal([[100, 'fired'], [300, 'pending']]);
      expect(await openDeadlines(s.knex, [])).to.deep.equal([]);
      expect(ids(await openDeadlines(s.knex, [row.id]))).to.have.length(2);
    });
  });
});
