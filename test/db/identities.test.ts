// db/identities.ts against a fresh migrated database (SQLite, or PostgreSQL with TEST_DATABASE_URL).
import { expect } from 'chai';
import { identitiesByHashes, identitiesByIds, identityByHash, insertIdentitiesIfNew, insertIdentityIfNew } from '../../db/identities.ts';
import { ids, sharedWorld } from './fixture.ts';

describe('db/identities', () => {
  const s = sharedWorld();
  const identity = (hash: string, encrypted = `enc-${hash}`) => ({ encrypted, keyed_hash: hash, masked: '1101**********123X', created_at: '2026-03-01T00:00:00.000Z' });

  describe('insertIdentityIfNew', () => {
    it('inserts a new number once; the same keyed hash again (also at once) changes nothing and throws nothing', async () => {
      await insertIdentityIfNew(s.knex, identity('h-1'));
      await Promise.all([insertIdentityIfNew(s.knex, identity('h-1', 'other')), insertIdentityIfNew(s.knex, identity('h-1', 'third'))]);
      const rows = await s.knex('person_identities').where({ keyed_hash: 'h-1' });
      expect(rows.map((r) => r.encrypted)).to.deep.equal(['enc-h-1']);
    });

    it('answers the new row\'s id, and undefined when the number was there already (no second read needed)', async () => {
      const id = await insertIdentityIfNew(s.knex, identity('h-5'));
      expect(id).to.equal((await identityByHash(s.knex, 'h-5'))!.id);
      expect(await insertIdentityIfNew(s.knex, identity('h-5', 'again'))).to.equal(undefined);
    });
  });

  describe('identityByHash', () => {
    it('finds the identity by its keyed hash, nothing for an unknown hash', async () => {
      await insertIdentityIfNew(s.knex, identity('h-2'));
      expect(await identityByHash(s.knex, 'h-2')).to.deep.include({ encrypted: 'enc-h-2', masked: '1101**********123X' });
      expect(await identityByHash(s.knex, 'h-none')).to.equal(undefined);
    });
  });

  describe('identitiesByIds', () => {
    it('reads the identities with those ids, none for no ids', async () => {
      await insertIdentityIfNew(s.knex, identity('h-3'));
      await insertIdentityIfNew(s.knex, identity('h-4'));
      const [a, b] = [(await identityByHash(s.knex, 'h-3'))!, (await identityByHash(s.knex, 'h-4'))!];
      expect(ids(await identitiesByIds(s.knex, [a.id, b.id, 999_999])).sort()).to.deep.equal([a.id, b.id].sort());
      expect(await identitiesByIds(s.knex, [])).to.deep.equal([]);
    });
  });

  describe('insertIdentitiesIfNew', () => {
    it('inserts the new numbers of a list in one statement and leaves those already there as they are', async () => {
      await insertIdentityIfNew(s.knex, identity('m-1'));
      await insertIdentitiesIfNew(s.knex, [identity('m-1', 'changed'), identity('m-2'), identity('m-3')]);
      await insertIdentitiesIfNew(s.knex, []);
      const rows = await s.knex('person_identities').whereIn('keyed_hash', ['m-1', 'm-2', 'm-3']).orderBy('keyed_hash');
      expect(rows.map((r) => r.encrypted)).to.deep.equal(['enc-m-1', 'enc-m-2', 'enc-m-3']);
    });
  });

  describe('identitiesByHashes', () => {
    it('reads the identities among these keyed hashes, none for no hashes', async () => {
      await insertIdentitiesIfNew(s.knex, [identity('k-1'), identity('k-2')]);
      expect((await identitiesByHashes(s.knex, ['k-1', 'k-2', 'k-none'])).map((i) => i.keyed_hash).sort()).to.deep.equal(['k-1', 'k-2']);
      expect(await identitiesByHashes(s.knex, [])).to.deep.equal([]);
    });
  });
});
