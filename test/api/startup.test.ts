// Start-up: the demo tree in development, never in production; BOOTSTRAP_ADMIN_TOKEN for automation.
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSystem } from '../../server/system.ts';
import { silent } from './client.ts';

describe('start-up', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'uw-start-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('BOOTSTRAP_ADMIN_TOKEN on an empty database makes the first admin with that token, stored only as a hash', async () => {
    const token = 'uw_bootstrap-token-for-automation-0001';
    const sys = await startSystem({ databaseUrl: `sqlite:${join(dir, 'a.sqlite')}`, port: 0, log: silent, background: false, bootstrapAdminToken: token });
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
    const file = `sqlite:${join(dir, 'b.sqlite')}`;
    const prod = await startSystem({ databaseUrl: file, port: 0, log: silent, background: false, seedDemo: false });
    expect(prod.demo).to.equal(undefined);
    expect(await prod.knex('orgs').count({ n: '*' }).first()).to.deep.equal({ n: 0 });
    await prod.stop();
    const dev = await startSystem({ databaseUrl: file, port: 0, log: silent, background: false, seedDemo: true });
    expect(Object.keys(dev.demo!.users)).to.include.members(['admin', 'guomao.requester', 'jianwai.approver', 'chaoyang.hr', 'chaoyang.viewer']);
    const kinds = (await dev.knex('orgs').select('kind')).map((o: any) => o.kind);
    expect(kinds).to.include.members(['city_federation', 'district_federation', 'street_federation', 'service_station', 'community_joint_union', 'grassroots_union', 'staff_service_centre']);
    await dev.stop();
  });
});
