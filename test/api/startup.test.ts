// Start-up: the demo tree in development, never in production; BOOTSTRAP_ADMIN_TOKEN for automation.
import { expect } from 'chai';
import { startSystem } from '../../server/system.ts';
import { freshDatabase, type TestDatabase } from '../database.ts';
import { silent } from './client.ts';

describe('start-up', () => {
  let db: TestDatabase;
  beforeEach(async () => { db = await freshDatabase('uw-start-'); });
  afterEach(async () => db.drop());

  it('BOOTSTRAP_ADMIN_TOKEN on an empty database makes the first admin with that token, stored only as a hash', async () => {
    const token = 'uw_bootstrap-token-for-automation-0001';
    const sys = await startSystem({ databaseUrl: db.url, port: 0, log: silent, background: false, bootstrapAdminToken: token });
    try {
      const me = await fetch(`${sys.url}/api/me`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.json());
      expect(me.roles).to.deep.equal(['admin']);
      expect(me.org.kind).to.equal('city_federation');
      const made = await fetch(`${sys.url}/api/orgs`, {
        method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: '朝阳区总工会', abbr: '朝工', kind: 'district_federation', parentId: me.org.id }),
      });
      expect(made.status).to.equal(201);
      expect(JSON.stringify(await sys.knex('tokens').select())).to.not.include(token);
    } finally {
      await sys.stop();
    }
  });

  it('seeds the demo tree only when asked (development), and only into an empty database', async () => {
    const prod = await startSystem({ databaseUrl: db.url, port: 0, log: silent, background: false, seedDemo: false });
    expect(prod.demo).to.equal(undefined);
    expect(Number((await prod.knex('orgs').count({ n: '*' }).first())!.n)).to.equal(0); // pg counts in bigint: a string
    await prod.stop();
    const dev = await startSystem({ databaseUrl: db.url, port: 0, log: silent, background: false, seedDemo: true });
    expect(Object.keys(dev.demo!.users)).to.include.members(['admin', 'guomao.requester', 'jianwai.approver', 'chaoyang.hr', 'chaoyang.viewer']);
    const kinds = (await dev.knex('orgs').select('kind')).map((o: any) => o.kind);
    expect(kinds).to.include.members(['city_federation', 'district_federation', 'street_federation', 'service_station', 'community_joint_union', 'grassroots_union', 'staff_service_centre']);
    await dev.stop();
  });
});
