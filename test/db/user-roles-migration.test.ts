// Migration 20261204100000: users' roles as rows (user_roles), filled from the JSON column, which stays.
import { expect } from 'chai';
import { migrate } from '../../db/index.ts';
import { DEV_PERSONAL_DATA } from '../../workflows/engine/personal-data.ts';
import { downTo, world, type World } from '../helpers.ts';

const NAME = '20261204100000_create_user_roles';

describe('migration 20261204100000_create_user_roles', () => {
  let w: World;
  before(async () => { w = await world(); });
  after(async () => w.cleanup());

  it('fills user_roles from every user\'s roles column (union copied, none for no roles); down drops the table and keeps the column', async () => {
    await downTo(w.knex, NAME);
    expect(await w.knex.schema.hasTable('user_roles')).to.equal(false);
    const org = w.demo.orgs.wangjing.id;
    const [a] = await w.knex('users').insert({ org_id: org, name: '甲', login: 'm.a', roles: '["approver","hr"]', created_at: 'x' }).returning('id');
    await w.knex('users').insert({ org_id: org, name: '乙', login: 'm.b', roles: '[]', created_at: 'x' });
    const aId = typeof a === 'object' ? (a as { id: number }).id : a;
    await migrate(w.knex, { personal: DEV_PERSONAL_DATA });
    const rows = await w.knex('user_roles').select('user_id', 'org_id', 'role').orderBy(['user_id', 'role']);
    expect(rows.filter((r) => r.user_id === aId)).to.deep.equal([{ user_id: aId, org_id: org, role: 'approver' }, { user_id: aId, org_id: org, role: 'hr' }]);
    // Every user's column and rows agree, the demo's users included.
    const users = await w.knex('users').select('id', 'org_id', 'roles');
    const expected = users.flatMap((u) => (JSON.parse(u.roles) as string[]).map((role) => ({ user_id: u.id, org_id: u.org_id, role })));
    expect(rows).to.have.deep.members(expected);
    expect(rows.length).to.equal(expected.length);
  });
});
