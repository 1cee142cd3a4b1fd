// db/person-records.ts against a fresh migrated database (SQLite, or PostgreSQL with TEST_DATABASE_URL).
import { expect } from 'chai';
import { insertPerson } from '../../db/people.ts';
import { entriesOfPeople, insertPersonRecords, listPersonRecords, trainingHoursOf } from '../../db/person-records.ts';
import type { PersonRecordRow } from '../../db/tables.ts';
import { sharedWorld } from './fixture.ts';

describe('db/person-records', () => {
  const s = sharedWorld();
  const newPerson = () => insertPerson(s.knex, {
    org_id: s.w.demo.orgs.guomao.id, name: '王五', identity_id: null, kind: 'social_worker', status: 'onboarding', start_date: '2026-03-01', end_date: null,
    details: '{}', source_instance_id: null, created_at: '2026-03-01T00:00:00.000Z',
  });
  const entry = (personId: number, kind: string, on_date: string, data: object): Omit<PersonRecordRow, 'id'> =>
    ({ person_id: personId, kind, on_date, data: JSON.stringify(data), source_instance_id: null, actor_id: 'hr', created_at: '2026-03-02T00:00:00.000Z' });

  describe('insertPersonRecords', () => {
    it('writes many entries in one statement, none for none', async () => {
      const id = await newPerson();
      await insertPersonRecords(s.knex, [entry(id, 'talk', '2026-03-05', { topic: '谈心' }), entry(id, 'status', '2026-03-01', { to: 'onboarding' })]);
      await insertPersonRecords(s.knex, []);
      expect(await s.knex('person_records').where({ person_id: id }).count({ n: '*' }).first()).to.satisfy((r: { n: unknown }) => Number(r.n) === 2);
    });
  });

  describe('listPersonRecords', () => {
    it("gives a person's entries by day then as written, only the kinds asked for", async () => {
      const id = await newPerson();
      await insertPersonRecords(s.knex, [entry(id, 'talk', '2026-05-01', { n: 1 }), entry(id, 'training', '2026-04-01', { n: 2 }), entry(id, 'talk', '2026-04-01', { n: 3 })]);
      expect((await listPersonRecords(s.knex, { personId: id })).map((r) => JSON.parse(r.data).n)).to.deep.equal([2, 3, 1]);
      expect((await listPersonRecords(s.knex, { personId: id, kinds: ['talk'] })).map((r) => r.on_date)).to.deep.equal(['2026-04-01', '2026-05-01']);
    });
  });

  describe('trainingHoursOf', () => {
    it('adds the class hours of training entries, from a day on if asked, 0 for none', async () => {
      const id = await newPerson();
      expect(await trainingHoursOf(s.knex, { personId: id })).to.equal(0);
      await insertPersonRecords(s.knex, [entry(id, 'training', '2026-03-02', { hours: 8 }), entry(id, 'training', '2026-03-09', { hours: 9.5 }), entry(id, 'talk', '2026-03-09', { hours: 100 })]);
      expect(await trainingHoursOf(s.knex, { personId: id })).to.equal(17.5);
      expect(await trainingHoursOf(s.knex, { personId: id, from: '2026-03-05' })).to.equal(9.5);
    });
  });

  describe('entriesOfPeople', () => {
    it('gives the entries of one kind of many people, none for none', async () => {
      const [a, b] = [await newPerson(), await newPerson()];
      await insertPersonRecords(s.knex, [entry(a, 'assessment', '2025-12-20', { grade: 'basic' }), entry(b, 'assessment', '2025-12-21', { grade: 'competent' }), entry(b, 'talk', '2025-12-01', {})]);
      expect((await entriesOfPeople(s.knex, { personIds: [a, b], kind: 'assessment' })).map((r) => [r.person_id, JSON.parse(r.data).grade])).to.deep.equal([[a, 'basic'], [b, 'competent']]);
      expect(await entriesOfPeople(s.knex, { personIds: [], kind: 'assessment' })).to.deep.equal([]);
    });
  });
});
