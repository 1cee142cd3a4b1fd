// db/pipeline.ts against a fresh migrated database (SQLite, or PostgreSQL with TEST_DATABASE_URL).
import { expect } from 'chai';
import { childCards, childCounts, childStateChanges, historyAt, type ChildFilter } from '../../db/pipeline.ts';
import { newInstance, sharedWorld, uid } from './fixture.ts';

describe('db/pipeline', () => {
  const s = sharedWorld();
  let parent: string;
  let filter: () => ChildFilter;
  const snap = (g: string, score: number | null, list: string[]) => JSON.stringify({ context: { g: { id: g, label: `组${g}` }, score, list, seq: 0 } });
  const hist = (instance_id: string, seq: number, from: string | null, to: string, at: string, type = 'E') => ({
    instance_id, seq, type, actor_id: 'system', actor_name: '系统', from_state: from, to_state: to, at, payload: '{}', prev_hash: '', hash: uid('h'), snapshot_hash: null, hash_version: 1,
  });
  let kids: string[];

  before(async () => {
    const org = s.w.demo.orgs.chaoyang.id;
    parent = (await newInstance(s.knex, org)).id;
    const mk = async (state: string, g: string, score: number | null, list: string[], created = '2026-03-01T00:00:00.000Z') =>
      (await newInstance(s.knex, org, { parent_id: parent, type: 'kid', state, snapshot: snap(g, score, list), created_at: created, correlation_key: uid('k') })).id;
    kids = [await mk('a', 'X', 80, []), await mk('a', 'X', 60, ['c']), await mk('b', 'Y', 90, []), await mk('b', 'X', null, [], '2026-03-02T00:00:00.000Z')];
    await newInstance(s.knex, org, { parent_id: parent, type: 'other', state: 'a' }); // another type: not a card
    await s.knex('history').insert([
      hist(kids[0], 1, null, 'a', '2026-03-01T00:00:00Z', 'START'), hist(kids[0], 2, 'a', 'a', '2026-03-02T00:00:00Z'), hist(kids[0], 3, 'a', 'b', '2026-03-03T00:00:00Z'),
      hist(parent, 1, null, 'p', '2026-03-01T00:00:00Z', 'START'), hist(parent, 2, 'p', 'p', '2026-03-03T00:00:00Z', 'MOVE'),
    ]);
    filter = () => ({ parentId: parent, childType: 'kid', subtreeOf: s.w.demo.orgs.chaoyang });
  });

  describe('childCounts', () => {
    it('counts the children of a type per state and group value with its label, filtered, and none outside the caller\'s subtree', async () => {
      const rows = await childCounts(s.knex, filter(), ['g', 'id'], ['g', 'label']);
      expect(rows.map((r) => `${r.state}/${r.group}/${r.label}=${r.n}`).sort()).to.deep.equal(['a/X/组X=2', 'b/X/组X=1', 'b/Y/组Y=1']);
      expect((await childCounts(s.knex, { ...filter(), ranges: [{ path: ['score'], min: 70 }] }, ['g', 'id'], ['g', 'label'])).map((r) => r.n)).to.have.members([1, 1]);
      expect(await childCounts(s.knex, { ...filter(), subtreeOf: s.w.demo.orgs.haidian }, ['g', 'id'], ['g', 'label'])).to.deep.equal([]);
    });
  });

  describe('childCards', () => {
    const values = { score: { path: ['score'], as: 'number' as const }, list: { path: ['list'], as: 'length' as const }, g: { path: ['g', 'id'], as: 'text' as const } };
    it('pages the children with values at paths, filtered by state, group, range and list, in start order or by numbers highest first (absent last)', async () => {
      const all = await childCards(s.knex, filter(), { values, offset: 0, limit: 10 });
      expect(all.map((c) => c.id)).to.have.members(kids);
      expect(all[3].id).to.equal(kids[3]); // started last
      expect(all.find((c) => c.id === kids[1])!.values).to.deep.equal({ score: 60, list: 1, g: 'X' });
      const f = filter();
      expect((await childCards(s.knex, { ...f, states: ['a'], group: { path: ['g', 'id'], value: 'X' } }, { values, offset: 0, limit: 10 })).map((c) => c.id)).to.have.members([kids[0], kids[1]]);
      expect((await childCards(s.knex, { ...f, ranges: [{ path: ['score'], min: 60, max: 80 }] }, { values, offset: 0, limit: 10 })).map((c) => c.id)).to.have.members([kids[0], kids[1]]);
      expect((await childCards(s.knex, { ...f, lists: [{ path: ['list'], has: true }] }, { values, offset: 0, limit: 10 })).map((c) => c.id)).to.deep.equal([kids[1]]);
      expect((await childCards(s.knex, { ...f, lists: [{ path: ['list'], has: false }] }, { values, offset: 0, limit: 10 })).map((c) => c.id)).to.not.include(kids[1]);
      expect((await childCards(s.knex, f, { values, order: ['score'], offset: 0, limit: 10 })).map((c) => c.id)).to.deep.equal([kids[2], kids[0], kids[1], kids[3]]);
      expect((await childCards(s.knex, f, { values, order: ['score'], offset: 1, limit: 2 })).map((c) => c.id)).to.deep.equal([kids[0], kids[1]]);
    });
  });

  describe('childStateChanges', () => {
    it('gives each child\'s start and the rows that changed its state, in order, not the rows that kept it', async () => {
      const rows = await childStateChanges(s.knex, filter());
      expect(rows.map((r) => [r.child, r.state, r.at])).to.deep.equal([[kids[0], 'a', '2026-03-01T00:00:00Z'], [kids[0], 'b', '2026-03-03T00:00:00Z']]);
    });
  });

  describe('historyAt', () => {
    it('gives a case\'s history rows at the instants asked, none for none', async () => {
      expect((await historyAt(s.knex, parent, ['2026-03-03T00:00:00Z', '2026-03-03T00:00:00Z'])).map((h) => h.type)).to.deep.equal(['MOVE']);
      expect(await historyAt(s.knex, parent, [])).to.deep.equal([]);
    });
  });
});
