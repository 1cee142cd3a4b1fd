// db/demo.ts: the demo tree and its users, as `npm start` seeds an empty development database.
import { expect } from 'chai';
import { ancestorIds, getOrg } from '../../db/orgs.ts';
import { getUser, userByToken } from '../../db/users.ts';
import { passwordMatches } from '../../server/passwords.ts';
import { onPostgres } from '../database.ts';
import { sharedWorld } from './fixture.ts';

describe('db/demo', () => {
  const s = sharedWorld(); // world() seeds the demo tree with seedDemo

  describe('seedDemo', () => {
    it('writes the tree under 北京市总工会 with materialised paths, and one user per role with a working token', async () => {
      const { orgs, users } = s.w.demo;
      expect(Object.keys(orgs)).to.have.length(14);
      expect(await s.knex('orgs').count({ n: '*' }).first()).to.deep.include({ n: onPostgres ? '14' : 14 });
      expect(orgs.city).to.deep.include({ name: '北京市总工会', parent_id: null, path: `/${orgs.city.id}/` });
      for (const o of Object.values(orgs)) {
        expect(o.path, o.name).to.equal(`${[...ancestorIds(o)].reverse().map((id) => `/${id}`).join('')}/${o.id}/`);
        if (o.parent_id !== null) expect((await getOrg(s.knex, o.parent_id))!.path, o.name).to.equal(o.path.replace(/\d+\/$/, ''));
      }
      expect(Object.keys(users)).to.have.members(['admin', 'guomao.requester', 'jianwai.approver', 'chaoyang.approver', 'chaoyang.hr', 'chaoyang.viewer', 'zgc-soft.requester', 'zgc.approver']);
      for (const [login, u] of Object.entries(users)) expect(await userByToken(s.knex, u.token), login).to.deep.include({ id: u.id, login, email: `${login}@example.org.cn` });
      // and a password of the documented pattern, stored as an argon2id hash, no change asked for
      for (const [login, u] of Object.entries(users)) {
        expect(u.password, login).to.equal(`Demo-${login}-2026`);
        const row = (await getUser(s.knex, u.id))!;
        expect(row.password_hash, login).to.match(/^\$argon2id\$/);
        expect(await passwordMatches(row.password_hash, u.password), login).to.equal(true);
        expect(!!row.must_change_password, login).to.equal(false);
      }
    });
  });
});
