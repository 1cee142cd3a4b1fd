// db/sign-in.ts: wrong passwords per login name, and the lock the fifth one sets.
import { expect } from 'chai';
import { clearFailures, countFailure, lockedUntil, locksOf } from '../../db/sign-in.ts';
import { sharedWorld, uid } from './fixture.ts';

describe('db/sign-in', () => {
  const s = sharedWorld();
  const now = new Date('2026-03-02T02:00:00Z');
  const policy = { max: 3, lockMs: 60_000 };
  const until = '2026-03-02T02:01:00.000Z';
  const lockOut = async (login: string) => { for (let i = 0; i < policy.max; i++) await countFailure(s.knex, login, now, policy); };

  describe('countFailure', () => {
    it('counts failures; the max-th sets the lock and answers its end; the count then starts again', async () => {
      const login = uid('l');
      expect(await countFailure(s.knex, login, now, policy)).to.equal(undefined);
      expect(await countFailure(s.knex, login, now, policy)).to.equal(undefined);
      expect(await countFailure(s.knex, login, now, policy)).to.equal(until);
      expect(await s.knex('sign_in_failures').where({ login }).first()).to.deep.include({ failures: 0, locked_until: until });
    });
  });

  describe('lockedUntil', () => {
    it('is the lock\'s end while it holds, undefined before any lock and once it has passed', async () => {
      const login = uid('l');
      expect(await lockedUntil(s.knex, login, now)).to.equal(undefined);
      await lockOut(login);
      expect(await lockedUntil(s.knex, login, now)).to.equal(until);
      expect(await lockedUntil(s.knex, login, new Date(until))).to.equal(undefined);
    });
  });

  describe('clearFailures', () => {
    it('ends the count and the lock', async () => {
      const login = uid('l');
      await lockOut(login);
      await clearFailures(s.knex, login);
      expect(await lockedUntil(s.knex, login, now)).to.equal(undefined);
      expect(await countFailure(s.knex, login, now, policy)).to.equal(undefined);
    });
  });

  describe('locksOf', () => {
    it('maps the locked logins among those asked to their lock\'s end', async () => {
      const [a, b] = [uid('l'), uid('l')];
      await lockOut(a);
      await countFailure(s.knex, b, now, policy);
      expect([...(await locksOf(s.knex, [a, b, 'other'], now))]).to.deep.equal([[a, until]]);
      expect((await locksOf(s.knex, [], now)).size).to.equal(0);
    });
  });
});
