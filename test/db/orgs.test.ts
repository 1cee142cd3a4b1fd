// db/orgs.ts against a fresh migrated database (SQLite, or PostgreSQL with TEST_DATABASE_URL).
import { expect } from 'chai';
import { ancestorIds, anyOrg, getCachedOrg, getOrg, inSubtree, insertOrg, lineageOf, lineagesOf, listOrgs, lockOrg, orgsByIds, orgsNamed, subtree, updateOrg } from '../../db/orgs.ts';
import { isPostgres } from '../../db/dialect.ts';
import { world, type World } from '../helpers.ts';
import { freshDatabase } from '../database.ts';
import { DEV_PERSONAL_DATA } from '../../workflows/engine/personal-data.ts';
import { migrate, openDatabase } from '../../db/index.ts';
import { ids, sharedWorld } from './fixture.ts';

function ownWorld() {
  const box = {} as { w: World };
  beforeEach(async () => void (box.w = await world()));
  afterEach(() => box.w.cleanup());
  const w = new Proxy({} as World, { get: (_, k) => box.w[k as keyof World] });
  return { w, guomao: () => box.w.demo.orgs.guomao };
}

const org = (parent_id: number | null, name: string) => ({
  parent_id, name, abbr: null, kind: 'grassroots_union', members: 10, employees: 12, enterprises: null, ownership: 'public', has_union: true,
});

describe('db/orgs', () => {
  const s = sharedWorld();
  const o = (key: string) => s.w.demo.orgs[key];

  describe('anyOrg', () => {
    it('is false on an empty tree and true once a union exists', async () => {
      const db = await freshDatabase('uw-orgs-');
      const knex = openDatabase(db.url);
      try {
        await migrate(knex, { personal: DEV_PERSONAL_DATA });
        expect(await anyOrg(knex)).to.equal(false);
        expect(await anyOrg(s.knex)).to.equal(true);
      } finally {
        await knex.destroy();
        await db.drop();
      }
    });
  });

  describe('getOrg', () => {
    it('reads a union by id, and nothing for an unknown id', async () => {
      expect(await getOrg(s.knex, o('guomao').id)).to.deep.include({ name: '北京国贸物业管理有限公司工会', parent_id: o('jianwai').id });
      expect(await getOrg(s.knex, 999_999)).to.equal(undefined);
    });
  });

  describe('insertOrg', () => {
    it('writes the union with its materialised path under its parent (and a root at /id/)', async () => {
      const now = new Date('2026-03-02T02:00:00Z');
      const child = await insertOrg(s.knex, org(o('guomao').id, '国贸分会'), now);
      expect(child.path).to.equal(`${o('guomao').path}${child.id}/`);
      expect(child).to.deep.include({ name: '国贸分会', created_at: now.toISOString() });
      const root = await insertOrg(s.knex, org(null, '另一棵树'), now);
      expect(root.path).to.equal(`/${root.id}/`);
    });
  });

  describe('updateOrg', () => {
    it('changes only the fields given', async () => {
      const row = await insertOrg(s.knex, org(o('zgc').id, '改名前'), new Date());
      await updateOrg(s.knex, row.id, { name: '改名后', members: 77 });
      expect(await getOrg(s.knex, row.id)).to.deep.include({ name: '改名后', members: 77, path: row.path, kind: row.kind });
    });
  });

  describe('subtree', () => {
    it('selects the root and everything under it, nothing beside it', async () => {
      const rows = await subtree(s.knex, o('jianwai'));
      const names = rows.map((r) => r.name);
      expect(names).to.include.members(['建外街道总工会', '北京国贸物业管理有限公司工会', '永安里社区联合工会']);
      expect(names).to.not.include('望京街道总工会');
      expect(names).to.not.include('朝阳区总工会');
    });
    it('does not take /1/2/ for a prefix of /1/29/ (paths end with a slash)', async () => {
      const row = await insertOrg(s.knex, org(o('city').id, '路径相近 / a look-alike path'), new Date());
      await updateOrg(s.knex, row.id, { path: `${o('chaoyang').path.slice(0, -1)}9/` });
      expect(ids(await subtree(s.knex, o('chaoyang')))).to.not.include(row.id);
      await updateOrg(s.knex, row.id, { path: `${o('city').path}${row.id}/` });
    });
  });

  describe('listOrgs', () => {
    it('pages a subtree by id with after/limit, and filters by kind and parent', async () => {
      const all = ids(await listOrgs(s.knex, { subtreeOf: o('chaoyang'), limit: 100 }));
      expect(all).to.deep.equal([...all].sort((a, b) => a - b));
      expect(all).to.include(o('chaoyang').id).and.not.include(o('zgc').id);
      const first = ids(await listOrgs(s.knex, { subtreeOf: o('chaoyang'), limit: 3 }));
      const rest = ids(await listOrgs(s.knex, { subtreeOf: o('chaoyang'), after: first.at(-1), limit: 100 }));
      expect([...first, ...rest]).to.deep.equal(all);
      const streets = await listOrgs(s.knex, { subtreeOf: o('city'), kind: 'street_federation', limit: 100 });
      expect(streets.map((r) => r.name).sort()).to.deep.equal(['中关村街道总工会', '建外街道总工会', '望京街道总工会'].sort());
      const underJianwai = await listOrgs(s.knex, { subtreeOf: o('city'), parentId: o('jianwai').id, limit: 100 });
      expect(underJianwai.every((r) => r.parent_id === o('jianwai').id)).to.equal(true);
      expect(underJianwai).to.have.length.greaterThanOrEqual(4);
    });
  });

  describe('orgsByIds', () => {
    it('reads the unions with those ids, and none for no ids', async () => {
      const rows = await orgsByIds(s.knex, [o('zgc').id, o('guomao').id, 999_999]);
      expect(ids(rows).sort()).to.deep.equal([o('zgc').id, o('guomao').id].sort());
      expect(await orgsByIds(s.knex, [])).to.deep.equal([]);
    });
  });

  describe('orgsNamed', () => {
    it('finds unions by full name or abbreviation, none for unknown names or no names', async () => {
      const rows = await orgsNamed(s.knex, ['建外街道总工会', '中软工', '没有这个工会']);
      expect(ids(rows).sort()).to.deep.equal([o('jianwai').id, o('zgc-soft').id].sort());
      expect(await orgsNamed(s.knex, [])).to.deep.equal([]);
    });
  });

  describe('inSubtree', () => {
    it('tells a descendant (and the root itself) from a sibling', () => {
      expect(inSubtree(o('jianwai'), o('guomao'))).to.equal(true);
      expect(inSubtree(o('jianwai'), o('jianwai'))).to.equal(true);
      expect(inSubtree(o('jianwai'), o('wangjing'))).to.equal(false);
      expect(inSubtree(o('guomao'), o('jianwai'))).to.equal(false);
    });
  });

  describe('ancestorIds', () => {
    it('lists the ancestors nearest first, none for the root', () => {
      expect(ancestorIds(o('guomao'))).to.deep.equal([o('jianwai').id, o('chaoyang').id, o('city').id]);
      expect(ancestorIds(o('city'))).to.deep.equal([]);
    });
  });

  describe('lineagesOf', () => {
    it('gives each union itself then its ancestors, and an empty map for no ids', async () => {
      const m = await lineagesOf(s.knex, [o('guomao').id, o('zgc').id]);
      expect(m.get(o('guomao').id)).to.deep.equal([o('guomao').id, o('jianwai').id, o('chaoyang').id, o('city').id]);
      expect(m.get(o('zgc').id)).to.deep.equal([o('zgc').id, o('haidian').id, o('city').id]);
      expect((await lineagesOf(s.knex, [])).size).to.equal(0);
    });
  });

  describe('lockOrg', () => {
    it('makes two transactions that lock the same union take turns, without deadlock', async () => {
      const order: string[] = [];
      let release!: () => void;
      const held = new Promise<void>((r) => { release = r; });
      const id = o('wangjing').id;
      const a = s.knex.transaction(async (trx) => {
        await lockOrg(trx, id);
        order.push('a locked');
        await held;
        await updateOrg(trx, id, { members: 1801 });
        order.push('a done');
      });
      // SQLite has one connection: b queues behind a's transaction; PostgreSQL: b waits on a's row lock.
      await new Promise((r) => setTimeout(r, 50));
      const b = s.knex.transaction(async (trx) => {
        await lockOrg(trx, id);
        order.push('b locked');
        const row = await getOrg(trx, id);
        await updateOrg(trx, id, { members: row!.members! + 1 });
      });
      await new Promise((r) => setTimeout(r, 100));
      release();
      await Promise.all([a, b]);
      expect(order).to.deep.equal(['a locked', 'a done', 'b locked']);
      expect((await getOrg(s.knex, id))!.members).to.equal(1802);
    });
  });

  // The process copy of the tree: each test on a world of its own (they change unions).

  describe('lineageOf', () => {
    const { w, guomao } = ownWorld();
  it('answers a lineage from its copy without reading the tree again', async () => {
    await lineageOf(w.knex, guomao().id);
    let reads = 0;
    const on = (q: { sql: string }) => void (/\borgs\b/.test(q.sql) && reads++);
    w.knex.on('query', on);
    const orgs = await lineageOf(w.knex, guomao().id);
    w.knex.off('query', on);
    expect(orgs!.map((o) => o.id)).to.deep.equal([guomao().id, ...ancestorIds(guomao())]);
    expect(reads).to.equal(0);
  });

  it('sees an updateOrg and an insertOrg at once', async () => {
    await lineageOf(w.knex, guomao().id);
    await updateOrg(w.knex, guomao().parent_id!, { name: '建外街道总工会（新）' });
    expect((await lineageOf(w.knex, guomao().id))![1].name).to.equal('建外街道总工会（新）');
    const child = await insertOrg(w.knex, org(guomao().id, '新工会'), new Date());
    expect((await lineageOf(w.knex, child.id))!.map((o) => o.id).slice(0, 2)).to.deep.equal([child.id, guomao().id]);
  });

  });

  describe('cachedOrgs', () => {
    const { w, guomao } = ownWorld();
  it('keeps the committed row when a transaction that changed it rolls back, also if it was read meanwhile', async () => {
    await lineageOf(w.knex, guomao().id);
    await w.knex.transaction(async (trx) => {
      await updateOrg(trx, guomao().id, { name: '回滚 / rolled back' });
      expect((await lineageOf(trx, guomao().id))![0].name).to.equal('回滚 / rolled back');
      throw new Error('roll back');
    }).catch(() => undefined);
    expect((await lineageOf(w.knex, guomao().id))![0].name).to.equal(guomao().name);
  });

  it('sees a write by another process on PostgreSQL (the shared counter moved)', async function () {
    if (!isPostgres(w.knex)) return this.skip(); // SQLite: one server process per file
    const other = openDatabase(w.url!);
    try {
      await lineageOf(w.knex, guomao().id);
      await updateOrg(other, guomao().id, { name: '别的进程改的 / changed elsewhere' });
      expect((await lineageOf(w.knex, guomao().id))![0].name).to.equal('别的进程改的 / changed elsewhere');
    } finally {
      await other.destroy();
    }
  });
  });

  describe('getCachedOrg', () => {
    const { w, guomao } = ownWorld();
    it('reads a union by id, and nothing for an unknown id', async () => {
      expect(await getCachedOrg(w.knex, guomao().id)).to.deep.include({ name: guomao().name });
      expect(await getCachedOrg(w.knex, 999_999)).to.equal(undefined);
    });
  });
});
