// db/documents.ts against a fresh migrated database (SQLite, or PostgreSQL with TEST_DATABASE_URL).
import { expect } from 'chai';
import { isUniqueViolation } from '../../db/dialect.ts';
import { documentsOf, getDocument, insertDocument, nextDocumentSeq } from '../../db/documents.ts';
import type { DocumentRow } from '../../db/tables.ts';
import { ids, newInstance, sharedWorld } from './fixture.ts';

describe('db/documents', () => {
  const s = sharedWorld();
  const o = (key: string) => s.w.demo.orgs[key];
  const doc = (instanceId: string, seq: number, x: Partial<DocumentRow> = {}): Omit<DocumentRow, 'id'> => ({
    instance_id: instanceId, kind: 'approval', issuer_org_id: o('jianwai').id, year: 2026, seq, number: `建外工批〔2026〕${seq}号`,
    title: '批复', content: '{}', content_hash: 'c'.repeat(64), issued_at: '2026-03-02T02:00:00.000Z', ...x,
  });

  describe('insertDocument', () => {
    it('writes the document and returns its id; the same issuer, kind, year and number twice is a unique violation', async () => {
      const c = await newInstance(s.knex, o('guomao').id);
      const id = await insertDocument(s.knex, doc(c.id, 1, { kind: 'unique-test' }));
      expect(await getDocument(s.knex, id)).to.deep.include({ number: '建外工批〔2026〕1号', instance_id: c.id });
      const err = await insertDocument(s.knex, doc(c.id, 1, { kind: 'unique-test' })).then(() => undefined, (e) => e);
      expect(isUniqueViolation(err), String(err)).to.equal(true);
    });
  });

  describe('getDocument', () => {
    it('reads a document by id, nothing for an unknown id', async () => {
      const c = await newInstance(s.knex, o('guomao').id);
      const id = await insertDocument(s.knex, doc(c.id, 1, { kind: 'get-test' }));
      expect((await getDocument(s.knex, id))!.id).to.equal(id);
      expect(await getDocument(s.knex, 999_999)).to.equal(undefined);
    });
  });

  describe('documentsOf', () => {
    it('gives the documents of several cases, oldest first, and none for no ids', async () => {
      const [a, b, c] = [await newInstance(s.knex, o('guomao').id), await newInstance(s.knex, o('guomao').id), await newInstance(s.knex, o('guomao').id)];
      const d1 = await insertDocument(s.knex, doc(b.id, 1, { kind: 'of-test' }));
      const d2 = await insertDocument(s.knex, doc(a.id, 2, { kind: 'of-test' }));
      await insertDocument(s.knex, doc(c.id, 3, { kind: 'of-test' }));
      expect(ids(await documentsOf(s.knex, [a.id, b.id]))).to.deep.equal([d1, d2]);
      expect(await documentsOf(s.knex, [])).to.deep.equal([]);
    });
  });

  describe('nextDocumentSeq', () => {
    it('numbers per issuer, kind and year from 1', async () => {
      const c = await newInstance(s.knex, o('guomao').id);
      const next = (issuer: number, kind: string, year: number) => s.knex.transaction((trx) => nextDocumentSeq(trx, issuer, kind, year));
      expect(await next(o('jianwai').id, 'seq-test', 2026)).to.equal(1);
      await insertDocument(s.knex, doc(c.id, 1, { kind: 'seq-test' }));
      await insertDocument(s.knex, doc(c.id, 2, { kind: 'seq-test' }));
      expect(await next(o('jianwai').id, 'seq-test', 2026)).to.equal(3);
      expect(await next(o('jianwai').id, 'seq-test', 2027)).to.equal(1);
      expect(await next(o('jianwai').id, 'other-kind', 2026)).to.equal(1);
      expect(await next(o('zgc').id, 'seq-test', 2026)).to.equal(1);
    });
    it('gives concurrent issues by the same union distinct numbers (they take turns, no deadlock)', async () => {
      const c = await newInstance(s.knex, o('guomao').id);
      const issue = () => s.knex.transaction(async (trx) => {
        const seq = await nextDocumentSeq(trx, o('jianwai').id, 'race-test', 2026);
        await new Promise((r) => setTimeout(r, 20));
        await insertDocument(trx, doc(c.id, seq, { kind: 'race-test' }));
        return seq;
      });
      expect((await Promise.all([issue(), issue(), issue(), issue()])).sort()).to.deep.equal([1, 2, 3, 4]);
    });
  });
});
