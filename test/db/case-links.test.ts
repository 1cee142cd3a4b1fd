// db/case-links.ts against a fresh migrated database (SQLite, or PostgreSQL with TEST_DATABASE_URL).
import { expect } from 'chai';
import { adoptCase, casesByKeys, childrenOf, isCorrelationKeyClash, lockOpenChildren, openCaseByKey, openChildrenByKey } from '../../db/case-links.ts';
import { isUniqueViolation } from '../../db/dialect.ts';
import { insertInstance } from '../../db/instances.ts';
import { instanceRow, newInstance, sharedWorld, uid } from './fixture.ts';

describe('db/case-links', () => {
  const s = sharedWorld();
  const org = () => s.w.demo.orgs.guomao.id;

  describe('childrenOf', () => {
    it('gives the children of several cases in one query, oldest first; none for no ids', async () => {
      const [p1, p2] = [await newInstance(s.knex, org()), await newInstance(s.knex, org())];
      const a = await newInstance(s.knex, org(), { parent_id: p1.id, created_at: '2026-03-02T00:00:00.000Z' });
      const b = await newInstance(s.knex, org(), { parent_id: p2.id, created_at: '2026-03-01T00:00:00.000Z' });
      await newInstance(s.knex, org());
      const rows = await childrenOf(s.knex, [p1.id, p2.id]);
      expect(rows.map((r) => [r.id, r.parent_id])).to.deep.equal([[b.id, p2.id], [a.id, p1.id]]);
      expect(rows[0]).to.have.keys('id', 'type', 'state', 'status', 'subject', 'org_id', 'parent_id');
      expect(await childrenOf(s.knex, [])).to.deep.equal([]);
    });
    it('refuses a parent that is not a case (foreign key)', async () => {
      const err = await newInstance(s.knex, org(), { parent_id: 'no-such-case' }).then(() => undefined, (e) => e);
      expect(err, 'a dangling parent_id').to.be.instanceOf(Error);
    });
  });

  describe('adoptCase', () => {
    it('gives a case without a parent its parent, and leaves one that has a parent as it is', async () => {
      const [p, other] = [await newInstance(s.knex, org()), await newInstance(s.knex, org())];
      const orphan = await newInstance(s.knex, org());
      const child = await newInstance(s.knex, org(), { parent_id: other.id });
      expect(await s.knex.transaction((trx) => adoptCase(trx, orphan.id, p.id))).to.equal(true);
      expect(await s.knex.transaction((trx) => adoptCase(trx, child.id, p.id))).to.equal(false);
      expect(await s.knex('instances').whereIn('id', [orphan.id, child.id]).orderBy('id').select('id', 'parent_id')).to.deep.equal(
        [{ id: orphan.id, parent_id: p.id }, { id: child.id, parent_id: other.id }].sort((a, b) => (a.id < b.id ? -1 : 1)));
    });
  });

  describe('casesByKeys', () => {
    it('gives the cases of a type that ever held these keys, whatever their status; none for no keys', async () => {
      const [k1, k2] = [uid('k'), uid('k')];
      const done = await newInstance(s.knex, org(), { type: 'kb', correlation_key: k1, status: 'done' });
      const open = await newInstance(s.knex, org(), { type: 'kb', correlation_key: k2 });
      await newInstance(s.knex, org(), { type: 'other', correlation_key: k1 });
      expect((await casesByKeys(s.knex, 'kb', [k1, k2, uid('k')])).map((r) => r.id).sort()).to.deep.equal([done.id, open.id].sort());
      expect(await casesByKeys(s.knex, 'kb', [])).to.deep.equal([]);
    });
  });

  describe('openCaseByKey', () => {
    it('gives the active case of a type holding the key, not a finished one nor another type', async () => {
      const key = uid('k');
      await newInstance(s.knex, org(), { type: 'kt', correlation_key: key, status: 'done' });
      await newInstance(s.knex, org(), { type: 'other', correlation_key: key });
      expect(await openCaseByKey(s.knex, 'kt', key)).to.equal(undefined);
      const open = await newInstance(s.knex, org(), { type: 'kt', correlation_key: key });
      expect((await openCaseByKey(s.knex, 'kt', key))!.id).to.equal(open.id);
    });
  });

  describe('openChildrenByKey', () => {
    it("gives a case's active children holding the key", async () => {
      const p = await newInstance(s.knex, org());
      const key = uid('k');
      const c = await newInstance(s.knex, org(), { parent_id: p.id, correlation_key: key });
      await newInstance(s.knex, org(), { parent_id: p.id, correlation_key: uid('k') });
      await newInstance(s.knex, org(), { correlation_key: key, type: 'not-a-child' });
      expect((await openChildrenByKey(s.knex, p.id, key)).map((r) => r.id)).to.deep.equal([c.id]);
    });
  });

  describe('lockOpenChildren', () => {
    it("gives a case's active children in one statement, locked for the transaction; not finished ones nor others' children", async () => {
      const p = await newInstance(s.knex, org());
      const a = await newInstance(s.knex, org(), { parent_id: p.id, correlation_key: uid('k') });
      await newInstance(s.knex, org(), { parent_id: p.id, status: 'done' });
      await newInstance(s.knex, org());
      const rows = await s.knex.transaction((trx) => lockOpenChildren(trx, p.id));
      expect(rows.map((r) => r.id)).to.deep.equal([a.id]);
    });
  });

  describe('isCorrelationKeyClash', () => {
    it('tells a second active case of a type with the same key (the partial unique index) from other unique violations', async () => {
      const key = uid('k');
      await newInstance(s.knex, org(), { type: 'kc', correlation_key: key });
      const clash = await insertInstance(s.knex, instanceRow(org(), { type: 'kc', correlation_key: key })).then(() => undefined, (e) => e);
      expect(isCorrelationKeyClash(clash), String(clash)).to.equal(true);
      const plain = await newInstance(s.knex, org(), { type: 'kc' });
      const sameId = await insertInstance(s.knex, plain).then(() => undefined, (e) => e);
      expect([isUniqueViolation(sameId), isCorrelationKeyClash(sameId)]).to.deep.equal([true, false]);
      // Finished cases and cases without a key never clash.
      await newInstance(s.knex, org(), { type: 'kc', correlation_key: key, status: 'done' });
      await newInstance(s.knex, org(), { type: 'kc' });
      await newInstance(s.knex, org(), { type: 'kc' });
    });
    it('lets exactly one of two concurrent transactions inserting the same key commit', async () => {
      const key = uid('k');
      const insert = () => s.knex.transaction(async (trx) => {
        await insertInstance(trx, instanceRow(org(), { type: 'kr', correlation_key: key }));
        await new Promise((r) => setTimeout(r, 50)); // both inside their transaction at once (PostgreSQL)
      });
      const results = await Promise.allSettled([insert(), insert()]);
      expect(results.map((r) => r.status).sort()).to.deep.equal(['fulfilled', 'rejected']);
      expect(isCorrelationKeyClash((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason)).to.equal(true);
      expect(await s.knex('instances').where({ type: 'kr', correlation_key: key })).to.have.length(1);
    });
  });
});
