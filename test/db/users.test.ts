// db/users.ts against a fresh migrated database (SQLite, or PostgreSQL with TEST_DATABASE_URL).
import { expect } from 'chai';
import { isUniqueViolation } from '../../db/dialect.ts';
import { getUser, hashToken, insertUser, issueToken, listUsers, newToken, revokeTokens, setPassword, updateUser, userByLogin, userByToken, usersWithRole, usersWithRoleQuery, RECIPIENTS_TTL_MS } from '../../db/users.ts';
import { queryPlan } from '../database.ts';
import { ids, sharedWorld, uid } from './fixture.ts';

describe('db/users', () => {
  const s = sharedWorld();
  const o = (key: string) => s.w.demo.orgs[key];
  const now = new Date('2026-03-02T02:00:00Z');
  const roleRows = async (userId: number) => (await s.knex('user_roles').where({ user_id: userId }).orderBy('role')).map((r) => [r.org_id, r.role]);
  const user = (orgKey: string, roles: string[], login = uid('u')) =>
    insertUser(s.knex, { org_id: o(orgKey).id, name: '测试用户', login, email: `${login}@example.org.cn`, roles: JSON.stringify(roles) }, now);

  describe('hashToken', () => {
    it('is the SHA-256 hex of the token: the same for the same token, different for another', () => {
      expect(hashToken('abc')).to.equal('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
      expect(hashToken('abd')).to.not.equal(hashToken('abc'));
    });
  });

  describe('newToken', () => {
    it('makes a fresh uw_ token of 24 random bytes each time', () => {
      const a = newToken();
      expect(a).to.match(/^uw_[A-Za-z0-9_-]{32}$/);
      expect(newToken()).to.not.equal(a);
    });
  });

  describe('insertUser', () => {
    it('writes the user and returns the row; a taken login is a unique violation', async () => {
      const row = await user('guomao', ['requester'], 'login.taken');
      expect(row).to.deep.include({ org_id: o('guomao').id, login: 'login.taken', roles: '["requester"]', created_at: now.toISOString(), password_hash: null });
      const err = await user('zgc', ['viewer'], 'login.taken').then(() => undefined, (e) => e);
      expect(isUniqueViolation(err), String(err)).to.equal(true);
    });
    it('writes one user_roles row per role, with the user\'s union (a role named twice once)', async () => {
      const u = await insertUser(s.knex, { org_id: o('guomao').id, name: '测试用户', login: uid('u'), email: null, roles: '["requester","hr","requester"]' }, now);
      expect(await roleRows(u.id)).to.deep.equal([[o('guomao').id, 'hr'], [o('guomao').id, 'requester']]);
      expect(await roleRows((await user('guomao', [])).id)).to.deep.equal([]);
    });
  });

  describe('getUser', () => {
    it('reads a user by id, nothing for an unknown id', async () => {
      expect(await getUser(s.knex, s.w.demo.users.admin.id)).to.deep.include({ login: 'admin' });
      expect(await getUser(s.knex, 999_999)).to.equal(undefined);
    });
  });

  describe('issueToken', () => {
    it('stores only the hash of the token it returns, and takes a given token', async () => {
      const u = await user('zgc', ['viewer']);
      const t = await issueToken(s.knex, u.id, now);
      const rows = await s.knex('tokens').where({ user_id: u.id });
      expect(rows.map((r) => r.token_hash)).to.deep.equal([hashToken(t)]);
      expect(JSON.stringify(rows)).to.not.include(t);
      expect(await issueToken(s.knex, u.id, now, 'uw_given')).to.equal('uw_given');
    });
  });

  describe('userByToken', () => {
    it('finds the user of a valid token, not of an unknown one', async () => {
      expect(await userByToken(s.knex, s.w.demo.users['chaoyang.hr'].token)).to.deep.include({ login: 'chaoyang.hr', id: s.w.demo.users['chaoyang.hr'].id });
      expect(await userByToken(s.knex, 'uw_nobody')).to.equal(undefined);
    });
  });

  describe('userByToken of a disabled user', () => {
    it('finds nothing while the user is disabled, the user again once enabled', async () => {
      const u = await user('zgc', ['viewer']);
      const t = await issueToken(s.knex, u.id, now);
      await updateUser(s.knex, u.id, { disabled: true }, true);
      expect(await userByToken(s.knex, t)).to.equal(undefined);
      await updateUser(s.knex, u.id, { disabled: false }, false);
      expect(await userByToken(s.knex, t)).to.deep.include({ id: u.id });
    });
  });

  describe('userByLogin', () => {
    it('finds a user by login name, nothing for an unknown one', async () => {
      expect(await userByLogin(s.knex, 'chaoyang.hr')).to.deep.include({ id: s.w.demo.users['chaoyang.hr'].id });
      expect(await userByLogin(s.knex, 'nobody.at.all')).to.equal(undefined);
    });
  });

  describe('setPassword', () => {
    it('stores the hash and whether it must change; endSessions moves the epoch by one', async () => {
      const u = await user('zgc', ['viewer']);
      expect(u).to.deep.include({ session_epoch: 0 });
      await setPassword(s.knex, u.id, { hash: '$argon2id$x', mustChange: true, endSessions: true });
      const a = (await getUser(s.knex, u.id))!;
      expect(a).to.deep.include({ password_hash: '$argon2id$x', session_epoch: 1 });
      expect(!!a.must_change_password).to.equal(true);
      await setPassword(s.knex, u.id, { hash: '$argon2id$y', mustChange: false, endSessions: false });
      const b = (await getUser(s.knex, u.id))!;
      expect(b).to.deep.include({ password_hash: '$argon2id$y', session_epoch: 1 });
      expect(!!b.must_change_password).to.equal(false);
    });
  });

  describe('updateUser', () => {
    it('edits name, email, roles and disabled, returns the row, and moves the epoch only when asked', async () => {
      const u = await user('zgc', ['viewer']);
      const a = await updateUser(s.knex, u.id, { name: '改名', email: null, roles: '["hr"]' }, false);
      expect(a).to.deep.include({ name: '改名', email: null, roles: '["hr"]', session_epoch: 0 });
      const b = await updateUser(s.knex, u.id, { disabled: true }, true);
      expect(!!b.disabled).to.equal(true);
      expect(b.session_epoch).to.equal(1);
    });
    it('keeps user_roles in step: new roles replace the rows, a patch without roles leaves them', async () => {
      const u = await user('zgc', ['viewer', 'hr']);
      await updateUser(s.knex, u.id, { roles: '["approver"]' }, true);
      expect(await roleRows(u.id)).to.deep.equal([[o('zgc').id, 'approver']]);
      await updateUser(s.knex, u.id, { name: '又改名', disabled: false }, false);
      expect(await roleRows(u.id)).to.deep.equal([[o('zgc').id, 'approver']]);
      await s.knex.transaction((trx) => updateUser(trx, u.id, { roles: '[]' }, true));
      expect(await roleRows(u.id)).to.deep.equal([]);
    });
  });

  describe('revokeTokens', () => {
    it('revokes every valid token of the user, counts them, and leaves other users be', async () => {
      const u = await user('zgc', ['viewer']);
      const [t1, t2] = [await issueToken(s.knex, u.id, now), await issueToken(s.knex, u.id, now)];
      expect(await revokeTokens(s.knex, u.id, now)).to.equal(2);
      expect(await userByToken(s.knex, t1)).to.equal(undefined);
      expect(await userByToken(s.knex, t2)).to.equal(undefined);
      expect(await revokeTokens(s.knex, u.id, now)).to.equal(0);
      expect(await userByToken(s.knex, s.w.demo.users.admin.token)).to.not.equal(undefined);
    });
  });

  describe('listUsers', () => {
    it('lists the users of a subtree by id, paged with after/limit', async () => {
      const all = await listUsers(s.knex, { subtreeOf: o('chaoyang'), limit: 100 });
      const logins = all.map((u) => u.login);
      expect(logins).to.include.members(['guomao.requester', 'jianwai.approver', 'chaoyang.hr']);
      expect(logins).to.not.include.members(['admin']);
      expect(logins).to.not.include('zgc.approver');
      expect(ids(all)).to.deep.equal([...ids(all)].sort((a, b) => a - b));
      const first = await listUsers(s.knex, { subtreeOf: o('chaoyang'), limit: 2 });
      const rest = await listUsers(s.knex, { subtreeOf: o('chaoyang'), after: first.at(-1)!.id, limit: 100 });
      expect([...ids(first), ...ids(rest)]).to.deep.equal(ids(all));
    });
  });

  describe('usersWithRole', () => {
    it('gives the users of exactly that union holding the role', async () => {
      const both = await user('wangjing', ['approver', 'hr']);
      await user('wangjing', ['viewer']);
      await user('wangjing-tech', ['approver']);
      expect(ids(await usersWithRole(s.knex, o('wangjing').id, 'approver'))).to.deep.equal([both.id]);
      expect(ids(await usersWithRole(s.knex, o('wangjing').id, 'hr'))).to.deep.equal([both.id]);
      expect(await usersWithRole(s.knex, o('wangjing').id, 'admin')).to.deep.equal([]);
    });
    it('follows role changes made through updateUser, in id order', async () => {
      const a = await user('wangjing', ['hr']);
      const b = await user('wangjing', ['viewer']);
      await updateUser(s.knex, b.id, { roles: '["lawyer-x","viewer"]' }, true);
      await updateUser(s.knex, a.id, { roles: '["lawyer-x"]' }, true);
      expect(ids(await usersWithRole(s.knex, o('wangjing').id, 'lawyer-x'))).to.deep.equal([a.id, b.id]);
      await updateUser(s.knex, a.id, { roles: '["hr"]' }, true);
      expect(ids(await usersWithRole(s.knex, o('wangjing').id, 'lawyer-x'))).to.deep.equal([b.id]);
    });
    it('answers from its copy within RECIPIENTS_TTL_MS; a write through insertUser or updateUser (an email too) is seen at once', async () => {
      const a = await user('wangjing', ['clerk-y']);
      const first = await usersWithRole(s.knex, o('wangjing').id, 'clerk-y');
      let statements = 0;
      const count = () => statements++;
      s.knex.on('query', count);
      const again = await usersWithRole(s.knex, o('wangjing').id, 'clerk-y').finally(() => s.knex.off('query', count));
      expect([statements, ids(again)], 'the copy, no query').to.deep.equal([0, ids(first)]);
      await s.knex('users').where({ id: a.id }).update({ email: 'elsewhere@example.org.cn' }); // not through db/users.ts: the copy stands
      expect((await usersWithRole(s.knex, o('wangjing').id, 'clerk-y'))[0].email).to.equal(first[0].email);
      await updateUser(s.knex, a.id, { email: null }, false);
      expect((await usersWithRole(s.knex, o('wangjing').id, 'clerk-y'))[0].email).to.equal(null);
      const b = await user('wangjing', ['clerk-y']);
      expect(ids(await usersWithRole(s.knex, o('wangjing').id, 'clerk-y'))).to.deep.equal([a.id, b.id]);
      expect(RECIPIENTS_TTL_MS).to.equal(5_000);
    });
    it('copies nothing a transaction that writes users reads before it ends', async () => {
      await s.knex.transaction(async (trx) => {
        const c = await insertUser(trx, { org_id: o('wangjing').id, name: '未提交', login: uid('u'), email: null, roles: '["clerk-z"]' }, new Date());
        expect(ids(await usersWithRole(trx, o('wangjing').id, 'clerk-z'))).to.deep.equal([c.id]);
        await trx.rollback();
      }).catch(() => undefined);
      expect(await usersWithRole(s.knex, o('wangjing').id, 'clerk-z')).to.deep.equal([]);
    });
  });

  describe('usersWithRoleQuery', () => {
    it('finds the holders by (union, role) through the user_roles index, reading no other union\'s users', async () => {
      const plan = await queryPlan(s.knex, usersWithRoleQuery(s.knex, o('wangjing').id, 'approver'));
      expect(plan).to.include('user_roles_org_role');
    });
  });
});
