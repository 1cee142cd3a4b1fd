// db/dialect.ts against a fresh migrated database (SQLite, or PostgreSQL with TEST_DATABASE_URL).
import { expect } from 'chai';
import { connectionConfig, dropColumns, forClaim, isPostgres, isPostgresUrl, inStatePath, isTransientConflict, isUniqueViolation, retryTransient, jsonAt, lockRows, lockTableForWriters, insertRows, num, rawRows, sqliteFilename } from '../../db/dialect.ts';
import { onPostgres } from '../database.ts';
import { newInstance, sharedWorld } from './fixture.ts';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('db/dialect', () => {
  const s = sharedWorld();

  describe('connectionConfig', () => {
    it('opens postgres:// URLs with pg and a pool, sqlite: URLs as a file on one connection', () => {
      expect(connectionConfig('postgres://u@h/db', 'better-sqlite3')).to.deep.include({ client: 'pg', connection: 'postgres://u@h/db' });
      expect(connectionConfig('postgresql://u@h/db', 'sqlite3').client).to.equal('pg');
      const lite = connectionConfig('sqlite:./data/x.sqlite', 'sqlite3');
      expect(lite).to.deep.include({ client: 'sqlite3', connection: { filename: './data/x.sqlite' }, useNullAsDefault: true });
      expect(lite.pool).to.deep.include({ min: 1, max: 1 });
      expect((connectionConfig('sqlite:///tmp/x.sqlite', 'better-sqlite3').connection as { filename: string }).filename).to.equal('/tmp/x.sqlite');
    });
  });

  describe('isPostgresUrl', () => {
    it('tells postgres:// and postgresql:// URLs from sqlite: ones', () => {
      expect([isPostgresUrl('postgres://u@h/db'), isPostgresUrl('postgresql://h/db'), isPostgresUrl('sqlite:./x.sqlite')]).to.deep.equal([true, true, false]);
    });
  });

  describe('sqliteFilename', () => {
    it('names the file of a sqlite: URL, none for PostgreSQL', () => {
      expect(sqliteFilename('sqlite:./data/x.sqlite')).to.equal('./data/x.sqlite');
      expect(sqliteFilename('sqlite:///tmp/x.sqlite')).to.equal('/tmp/x.sqlite');
      expect(sqliteFilename('postgres://u@h/db')).to.equal(undefined);
    });
  });

  describe('inStatePath', () => {
    it('matches a declared state and every state inside it by whole path segment, in any parallel region, case-sensitively', async () => {
      const org = (await s.knex('orgs').first('id')).id;
      const states = ['open.beforeTheVote.nomination', 'open', 'opening', 'work.a.x,work.b.open', 'Open.x', 'reopen.open'];
      const made = await Promise.all(states.map((state) => newInstance(s.knex, org, { type: 'isp', state })));
      const match = async (declared: string) => {
        const rows = await s.knex('instances').where({ type: 'isp' }).where(inStatePath(s.knex, 'state', declared)).select('id');
        return made.filter((m) => rows.some((r) => r.id === m.id)).map((m) => m.state).sort();
      };
      expect(await match('open')).to.deep.equal(['open', 'open.beforeTheVote.nomination']);
      expect(await match('open.beforeTheVote')).to.deep.equal(['open.beforeTheVote.nomination']);
      expect(await match('work.b')).to.deep.equal(['work.a.x,work.b.open']);
      expect(await match('ope')).to.deep.equal([]);
    });
  });

  describe('rawRows', () => {
    it('gives rows on either driver: of a select, and of an update with returning (none when nothing matched)', async () => {
      const c = await newInstance(s.knex, s.w.demo.orgs.guomao.id);
      expect((await rawRows<{ id: string; version: number }>(s.knex, 'select id, version from instances where id = ?', [c.id])).map((r) => [r.id, Number(r.version)])).to.deep.equal([[c.id, 1]]);
      expect(await rawRows(s.knex, 'update instances set version = ? where id = ? and version = ? returning id', [2, c.id, 1])).to.deep.equal([{ id: c.id }]);
      expect(await rawRows(s.knex, 'update instances set version = ? where id = ? and version = ? returning id', [3, c.id, 1])).to.deep.equal([]);
    });
  });

  describe('insertRows', () => {
    it('inserts rows into fixed columns, a missing value as null, and gives the stored rows when asked', async () => {
      const c = await newInstance(s.knex, s.w.demo.orgs.guomao.id);
      const row = { instance_id: c.id, template: 't', to_email: 'a@example.org.cn', subject: 's', body: 'b', status: 'pending', attempts: 0, next_attempt_at: 5, created_at: '2026-03-01T00:00:00.000Z' };
      const cols = ['instance_id', 'template', 'to_user_id', 'to_email', 'subject', 'body', 'status', 'attempts', 'next_attempt_at', 'last_error', 'created_at'];
      expect(await insertRows(s.knex, 'outbox', cols, [row, { ...row, to_email: 'b@example.org.cn' }])).to.deep.equal([]);
      const [back] = await insertRows<{ id: number; to_user_id: null; to_email: string }>(s.knex, 'outbox', cols, [{ ...row, to_email: 'c@example.org.cn' }], true);
      expect([typeof Number(back.id), back.to_user_id, back.to_email]).to.deep.equal(['number', null, 'c@example.org.cn']);
      expect((await s.knex('outbox').where({ instance_id: c.id }).orderBy('id')).map((r) => r.to_email)).to.deep.equal(['a@example.org.cn', 'b@example.org.cn', 'c@example.org.cn']);
    });
  });

  describe('isPostgres', () => {
    it('tells the database this run tests', () => {
      expect(isPostgres(s.knex)).to.equal(onPostgres);
    });
  });

  describe('isUniqueViolation', () => {
    it("recognises this database's unique and primary-key violations, and nothing else", async () => {
      const org = s.w.demo.orgs.guomao.id;
      const fail = (p: Promise<unknown>) => p.then(() => { throw new Error('no error'); }, (e) => e);
      const dupLogin = await fail(s.knex('users').insert({ org_id: org, name: 'x', login: 'admin', roles: '[]', created_at: 'x' }));
      const dupKey = await fail(s.knex('calendar_overrides').insert([{ date: '2030-01-01', kind: 'holiday', created_at: 'x' }, { date: '2030-01-01', kind: 'holiday', created_at: 'x' }]));
      const notNull = await fail(s.knex('users').insert({ org_id: org, login: 'nn', roles: '[]', created_at: 'x' }));
      const foreignKey = await fail(s.knex('users').insert({ org_id: 999_999, name: 'x', login: 'fk', roles: '[]', created_at: 'x' }));
      expect([dupLogin, dupKey].map(isUniqueViolation)).to.deep.equal([true, true]);
      expect([notNull, foreignKey, new Error('UNIQUE'), undefined, null].map(isUniqueViolation)).to.deep.equal([false, false, false, false, false]);
    });
  });

  describe('isTransientConflict', () => {
    it("recognises PostgreSQL's deadlock and serialization failures (the transaction was rolled back whole), and nothing else", () => {
      expect([{ code: '40P01' }, { code: '40001' }].map(isTransientConflict)).to.deep.equal([true, true]);
      expect([{ code: '23505' }, { code: 'SQLITE_BUSY' }, new Error('deadlock'), undefined, null, '40P01'].map(isTransientConflict)).to.deep.equal([false, false, false, false, false, false]);
    });
  });

  describe('retryTransient', () => {
    const transient = () => Object.assign(new Error('deadlock detected'), { code: '40P01' });
    it('runs the work again after a transient conflict, up to its attempts, then lets the last error through', async () => {
      let runs = 0;
      expect(await retryTransient(async () => (++runs < 3 ? Promise.reject(transient()) : 'done'))).to.equal('done');
      expect(runs).to.equal(3);
      runs = 0;
      const last = await retryTransient(async () => { runs++; throw transient(); }).catch((e) => e);
      expect([runs, isTransientConflict(last)]).to.deep.equal([3, true]);
    });

    it('does not run again after any other error', async () => {
      let runs = 0;
      const e = await retryTransient(async () => { runs++; throw Object.assign(new Error('dup'), { code: '23505' }); }).catch((x) => x);
      expect([runs, e.code]).to.deep.equal([1, '23505']);
    });

    it('on PostgreSQL, two transactions locking two rows in opposite orders: the one the database aborts runs again and both commit', async function () {
      if (!onPostgres) return this.skip(); // one connection on SQLite: transactions never interleave
      const [a, b] = [await newInstance(s.knex, s.w.demo.orgs.guomao.id), await newInstance(s.knex, s.w.demo.orgs.guomao.id)];
      let bothHoldOne!: () => void;
      let held = 0;
      const barrier = new Promise<void>((r) => { bothHoldOne = r; });
      let runs = 0;
      const cross = (first: string, second: string) => retryTransient(() => s.knex.transaction(async (trx) => {
        runs++;
        await trx('instances').where({ id: first }).increment('version', 1);
        if (++held === 2) bothHoldOne();
        await Promise.race([barrier, pause(2000)]); // the retry does not wait for the other again
        await trx('instances').where({ id: second }).increment('version', 1);
      }));
      await Promise.all([cross(a.id, b.id), cross(b.id, a.id)]);
      expect(runs).to.equal(3);
      const rows = await s.knex('instances').whereIn('id', [a.id, b.id]).select('id', 'version');
      expect(Object.fromEntries(rows.map((r) => [r.id, Number(r.version)]))).to.deep.equal({ [a.id]: a.version + 2, [b.id]: b.version + 2 });
    });
  });

  describe('num', () => {
    it('turns bigint text into numbers and keeps null for null or undefined', () => {
      expect([num('42'), num(7), num(null), num(undefined), num('0')]).to.deep.equal([42, 7, null, null, 0]);
    });
  });

  describe('forClaim', () => {
    it('lets a second claimer skip the rows another holds (PostgreSQL); on SQLite the query is unchanged', async () => {
      const q = () => s.knex('orgs').select('id').where({ id: s.w.demo.orgs.zgc.id });
      if (!onPostgres) return void expect(forClaim(s.knex, q()).toSQL().sql).to.equal(q().toSQL().sql);
      let release!: () => void;
      const held = new Promise<void>((r) => { release = r; });
      let claimed!: () => void;
      const firstClaimed = new Promise<void>((r) => { claimed = r; });
      const a = s.knex.transaction(async (trx) => {
        const rows = await forClaim(trx, q().transacting(trx));
        claimed();
        await held;
        return rows.length;
      });
      await firstClaimed;
      const b = await s.knex.transaction(async (trx) => (await forClaim(trx, q().transacting(trx))).length);
      release();
      expect([await a, b]).to.deep.equal([1, 0]);
    });
  });

  describe('lockRows', () => {
    it('holds the matched rows only until the transaction ends: a lock of other rows goes on, one of the same rows waits (no deadlock)', async () => {
      const [x, y] = [s.w.demo.orgs['cy-centre'].id, s.w.demo.orgs.haidian.id];
      const order: string[] = [];
      let release!: () => void;
      const held = new Promise<void>((r) => { release = r; });
      const a = s.knex.transaction(async (trx) => {
        await lockRows(trx, 'orgs', { id: x });
        order.push('a');
        await held;
        order.push('a ends');
      });
      await pause(30);
      const b = s.knex.transaction(async (trx) => { await lockRows(trx, 'orgs', { id: y }); order.push('b (other row)'); });
      const c = s.knex.transaction(async (trx) => { await lockRows(trx, 'orgs', { id: x }); order.push('c (same row)'); });
      await pause(100);
      release();
      await Promise.all([a, b, c]);
      // SQLite has one connection, so every transaction waits for the one before it.
      expect(order).to.deep.equal(onPostgres ? ['a', 'b (other row)', 'a ends', 'c (same row)'] : ['a', 'a ends', 'b (other row)', 'c (same row)']);
    });
  });

  describe('lockTableForWriters', () => {
    it('makes a second writer of the table wait until the first commits, while reads go on', async () => {
      const order: string[] = [];
      let release!: () => void;
      const held = new Promise<void>((r) => { release = r; });
      const a = s.knex.transaction(async (trx) => {
        await lockTableForWriters(trx, 'calendar_overrides');
        order.push('a locked');
        await held;
        order.push('a ends');
      });
      await pause(30);
      const b = s.knex.transaction(async (trx) => {
        await lockTableForWriters(trx, 'calendar_overrides');
        order.push('b locked');
      });
      if (onPostgres) expect(await s.knex('calendar_overrides').count({ n: '*' })).to.have.length(1); // a plain read is not held up
      await pause(80);
      release();
      await Promise.all([a, b]);
      expect(order).to.deep.equal(['a locked', 'a ends', 'b locked']);
    });
  });

  describe('dropColumns', () => {
    it('drops columns of a table other tables reference, keeping its rows and theirs', async () => {
      await s.knex.schema.createTable('t_parent', (t) => { t.increments('id'); t.string('keep'); t.string('gone1'); t.string('gone2'); });
      await s.knex.schema.createTable('t_child', (t) => { t.increments('id'); t.integer('parent_id').references('t_parent.id'); });
      const [p] = await s.knex('t_parent').insert({ keep: 'k', gone1: 'a', gone2: 'b' }).returning('id');
      await s.knex('t_child').insert({ parent_id: p.id ?? p });
      await dropColumns(s.knex, 't_parent', ['gone1', 'gone2']);
      expect(Object.keys(await s.knex('t_parent').columnInfo()).sort()).to.deep.equal(['id', 'keep']);
      expect((await s.knex('t_parent')).map((r) => r.keep)).to.deep.equal(['k']);
      expect(await s.knex('t_child')).to.have.length(1);
    });
  });

  describe('jsonAt', () => {
    it('reads text, numbers and array lengths inside a JSON text column by path; absent paths are null; bad segments refused', async () => {
      const org = s.w.demo.orgs.guomao.id;
      const row = await newInstance(s.knex, org, { snapshot: JSON.stringify({ context: { a: { b: 'x', n: 12.5, list: [1, 2] } } }) });
      const q = (path: string[], as: 'text' | 'number' | 'length') => s.knex('instances').where({ id: row.id }).first(s.knex.raw('? as ??', [jsonAt(s.knex, 'snapshot', path, as), 'v'])).then((r: any) => r.v);
      expect(await q(['context', 'a', 'b'], 'text')).to.equal('x');
      expect(num(await q(['context', 'a', 'n'], 'number'))).to.equal(12.5);
      expect(num(await q(['context', 'a', 'list'], 'length'))).to.equal(2);
      expect(await q(['context', 'nothing'], 'text')).to.equal(null);
      expect(await q(['context', 'nothing'], 'length')).to.equal(null);
      expect(() => jsonAt(s.knex, 'snapshot', ["a'); drop table x; --"], 'text')).to.throw(/bad JSON path/);
    });
  });
});
