// db/contract-ends.ts against a fresh migrated database (SQLite, or PostgreSQL with TEST_DATABASE_URL).
import { expect } from 'chai';
import { contractsEnding } from '../../db/contract-ends.ts';
import { insertPerson } from '../../db/people.ts';
import { insertPersonRecords } from '../../db/person-records.ts';
import { getOrg } from '../../db/orgs.ts';
import { sharedWorld, uid } from './fixture.ts';

describe('db/contract-ends', () => {
  const s = sharedWorld();
  const person = (org: string, name: string, details: object, status = 'in_post') => insertPerson(s.knex, {
    org_id: s.w.demo.orgs[org].id, name, identity_id: null, kind: 'social_worker', status, start_date: '2023-01-01', end_date: null,
    details: JSON.stringify(details), source_instance_id: null, created_at: '2023-01-01T00:00:00.000Z',
  });
  const entry = (personId: number, on_date: string, data: object) =>
    ({ person_id: personId, kind: 'contract', on_date, data: JSON.stringify(data), source_instance_id: null, actor_id: 'hr', created_at: '2026-01-01T00:00:00.000Z' });

  describe('contractsEnding', () => {
    it('gives current contracts ending in the window, the latest entry over the details, soonest first; not the exited, only the subtree asked for', async () => {
      const n = uid('p');
      const a = await person('guomao', `${n}a`, { contract: { from: '2023-01-01', to: '2090-04-30' } });
      const b = await person('guomao', `${n}b`, { contract: { from: '2023-01-01', to: '2099-12-31' } });
      await insertPersonRecords(s.knex, [entry(b, '2090-01-01', { from: '2090-01-01', to: '2090-04-10' }), entry(b, '2089-01-01', { to: '2090-04-20' })]);
      await person('guomao', `${n}c`, { contract: { to: '2090-04-15' } }, 'exited');
      const d = await person('zgc-soft', `${n}d`, { contract: { to: '2090-04-12' } });
      await person('guomao', `${n}e`, { contract: { to: 'soon' } });
      const all = (await contractsEnding(s.knex, { from: '2090-04-01', to: '2090-05-31' })).filter((c) => c.name.startsWith(n));
      expect(all.map((c) => [c.personId, c.to, c.source])).to.deep.equal([[b, '2090-04-10', 'entry'], [d, '2090-04-12', 'details'], [a, '2090-04-30', 'details']]);
      const chaoyang = (await getOrg(s.knex, s.w.demo.orgs.chaoyang.id))!;
      const mine = (await contractsEnding(s.knex, { from: '2090-04-01', to: '2090-04-20', subtreeOf: chaoyang })).filter((c) => c.name.startsWith(n));
      expect(mine.map((c) => c.personId)).to.deep.equal([b]);
    });
  });
});
