// db/idempotency.ts against a fresh migrated database (SQLite, or PostgreSQL with TEST_DATABASE_URL).
import { expect } from 'chai';
import { isUniqueViolation } from '../../db/dialect.ts';
import { findAnswer, saveAnswer } from '../../db/idempotency.ts';
import { sharedWorld } from './fixture.ts';

describe('db/idempotency', () => {
  const s = sharedWorld();
  const now = new Date('2026-03-02T02:00:00Z');
  const admin = () => s.w.demo.users.admin.id;

  describe('saveAnswer', () => {
    it('stores the answer as JSON; the same user and key again is a unique violation', async () => {
      await saveAnswer(s.knex, admin(), 'k-1', 'hash-1', 201, { id: 'x', 名: '值' }, now);
      const row = await s.knex('idempotency_keys').where({ user_id: admin(), key: 'k-1' }).first();
      expect(row).to.deep.include({ request_hash: 'hash-1', status: 201, created_at: now.toISOString() });
      expect(JSON.parse(row.response)).to.deep.equal({ id: 'x', 名: '值' });
      const err = await saveAnswer(s.knex, admin(), 'k-1', 'hash-2', 200, {}, now).then(() => undefined, (e) => e);
      expect(isUniqueViolation(err), String(err)).to.equal(true);
    });
  });

  describe('findAnswer', () => {
    it('finds the stored answer for the same user and key only', async () => {
      await saveAnswer(s.knex, admin(), 'k-2', 'hash-2', 200, [1, 2], now);
      expect(await findAnswer(s.knex, admin(), 'k-2')).to.deep.equal({ request_hash: 'hash-2', status: 200, response: '[1,2]' });
      expect(await findAnswer(s.knex, s.w.demo.users['chaoyang.hr'].id, 'k-2')).to.equal(undefined);
      expect(await findAnswer(s.knex, admin(), 'k-none')).to.equal(undefined);
    });
  });
});
