// db/imports.ts against a fresh migrated database (SQLite, or PostgreSQL with TEST_DATABASE_URL).
import { expect } from 'chai';
import { claimImport, deleteExpiredImports, getImport, insertImport, type ImportRow } from '../../db/imports.ts';
import { sharedWorld, uid } from './fixture.ts';

describe('db/imports', () => {
  const s = sharedWorld();
  const at = new Date('2026-03-02T02:00:00Z');
  const row = (o: Partial<ImportRow> = {}): ImportRow => ({
    id: uid('imp'), kind: 'people', user_id: s.w.demo.users['chaoyang.hr'].id, org_id: s.w.demo.orgs.chaoyang.id, status: 'preview', row_count: 2,
    errors: '[]', preview: '[]', sealed_rows: 'v1.sealed', result: null, created_at: at.toISOString(), expires_at: at.getTime() + 3_600_000, committed_at: null, ...o,
  });

  describe('insertImport', () => {
    it('keeps an upload as given', async () => {
      const r = row();
      await insertImport(s.knex, r);
      expect(await s.knex('imports').where({ id: r.id }).first()).to.deep.include({ kind: 'people', status: 'preview', sealed_rows: 'v1.sealed', row_count: 2 });
    });
  });

  describe('getImport', () => {
    it('reads an upload by id, nothing for an unknown id', async () => {
      const r = row();
      await insertImport(s.knex, r);
      expect((await getImport(s.knex, r.id))?.id).to.equal(r.id);
      expect(await getImport(s.knex, 'imp-none')).to.equal(undefined);
    });
  });

  describe('claimImport', () => {
    it('claims a preview once, dropping its sealed rows; not a second time, not after expiry, not an invalid one', async () => {
      const [a, late, bad] = [row(), row({ expires_at: at.getTime() }), row({ status: 'invalid', sealed_rows: null })];
      for (const r of [a, late, bad]) await insertImport(s.knex, r);
      expect(await claimImport(s.knex, a.id, at, { created: 2 })).to.equal(true);
      expect(await claimImport(s.knex, a.id, at, { created: 2 })).to.equal(false);
      expect(await getImport(s.knex, a.id)).to.deep.include({ status: 'committed', sealed_rows: null, result: '{"created":2}', committed_at: at.toISOString() });
      expect(await claimImport(s.knex, late.id, at, {})).to.equal(false);
      expect(await claimImport(s.knex, bad.id, at, {})).to.equal(false);
    });
  });

  describe('deleteExpiredImports', () => {
    it('drops the uploads whose expiry has come, keeps the others', async () => {
      const [old, fresh] = [row({ expires_at: at.getTime() - 1 }), row()];
      await insertImport(s.knex, old);
      await insertImport(s.knex, fresh);
      expect(await deleteExpiredImports(s.knex, at)).to.be.at.least(1);
      expect(await getImport(s.knex, old.id)).to.equal(undefined);
      expect(await getImport(s.knex, fresh.id)).to.not.equal(undefined);
    });
  });
});
