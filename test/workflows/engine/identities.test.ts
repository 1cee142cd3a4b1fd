// workflows/engine/identities.ts: many ID numbers to their register identities in few statements.
import { expect } from 'chai';
import type { Knex } from 'knex';
import { identitiesFor } from '../../../workflows/engine/identities.ts';
import { DEV_PERSONAL_DATA } from '../../../workflows/engine/personal-data.ts';
import { withCheckDigit } from '../../../workflows/rules/resident-id.ts';
import { sharedWorld } from '../../db/fixture.ts';

const number = (i: number) => withCheckDigit(`11010519800101${String(i).padStart(3, '0')}`);
async function counted<T>(knex: Knex, f: () => Promise<T>): Promise<{ value: T; statements: string[] }> {
  const statements: string[] = [];
  const on = (q: { sql: string }) => statements.push(q.sql);
  knex.on('query', on);
  try {
    return { value: await f(), statements };
  } finally {
    knex.off('query', on);
  }
}

describe('engine identities', () => {
  const s = sharedWorld();
  const now = new Date('2026-03-02T02:00:00Z');

  describe('identitiesFor', () => {
    it('creates the new numbers, one row each however often named: a read, an insert, a read', async () => {
      const { value, statements } = await counted(s.knex, () => identitiesFor(s.knex, DEV_PERSONAL_DATA, [number(1), number(2), number(1)], now));
      expect([...value.keys()].sort()).to.deep.equal([number(1), number(2)].sort());
      expect(statements.map((q) => q.trim().split(/\s+/)[0].toLowerCase())).to.deep.equal(['select', 'insert', 'select']);
      expect(Number((await s.knex('person_identities').whereIn('id', [...value.values()]).count({ n: '*' }).first())!.n)).to.equal(2);
    });

    it('finds numbers already on record with the one read, nothing written', async () => {
      const before = await identitiesFor(s.knex, DEV_PERSONAL_DATA, [number(3), number(4)], now);
      const { value, statements } = await counted(s.knex, () => identitiesFor(s.knex, DEV_PERSONAL_DATA, [number(4), number(3)], now));
      expect(value).to.deep.equal(before);
      expect(statements).to.have.length(1);
    });

    it('with some known and some new, the known keep their rows and the new get theirs', async () => {
      const known = await identitiesFor(s.knex, DEV_PERSONAL_DATA, [number(5)], now);
      const both = await identitiesFor(s.knex, DEV_PERSONAL_DATA, [number(5), number(6)], now);
      expect(both.get(number(5))).to.equal(known.get(number(5)));
      expect(both.get(number(6))).to.be.a('number').and.not.equal(known.get(number(5)));
    });
  });
});
