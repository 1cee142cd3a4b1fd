// Migration 20261204110000: people get post, contract_end and onboarding_reminded_at; records entered
// before keep their post and contract end as their details held them; down takes the columns away.
import { expect } from 'chai';
import { migrate } from '../../db/index.ts';
import { DEV_PERSONAL_DATA } from '../../workflows/engine/personal-data.ts';
import { downTo, world, type World } from '../helpers.ts';

describe('migration 20261204110000_register_columns', () => {
  let w: World;
  before(async () => { w = await world(); });
  after(async () => w.cleanup());

  it('fills post and contract end from the details of records entered before, and goes down again', async () => {
    // A register entry pointing at a person must not stop the columns going (SQLite would rebuild the table).
    const [{ id }] = await w.knex('people').insert({ org_id: w.demo.orgs.guomao.id, name: '有记录', identity_id: null, kind: 'cadre', status: 'in_post', details: '{}', created_at: '2026-01-01T00:00:00.000Z' }).returning('id');
    await w.knex('person_records').insert({ person_id: id, kind: 'talk', on_date: '2026-01-02', data: '{}', actor_id: 'x', created_at: '2026-01-02T00:00:00.000Z' });
    await downTo(w.knex, '20261204110000_register_columns');
    expect(await w.knex.schema.hasColumn('people', 'post')).to.equal(false);
    const base = { org_id: w.demo.orgs.guomao.id, identity_id: null, kind: 'purchased_service_staff', status: 'in_post', start_date: '2026-01-01', end_date: null, source_instance_id: null, created_at: '2026-01-01T00:00:00.000Z' };
    await w.knex('people').insert([
      { ...base, name: '旧甲', details: JSON.stringify({ post: '工会专职工作人员', contract: { kind: 'labour_contract', from: '2026-01-01', to: '2028-12-31' } }) },
      { ...base, name: '旧乙', details: JSON.stringify({ contract: { to: 'not a date' } }) },
      { ...base, name: '旧丙', details: '{}' },
    ]);
    await migrate(w.knex, { personal: DEV_PERSONAL_DATA });
    const rows = await w.knex('people').whereIn('name', ['旧甲', '旧乙', '旧丙']).orderBy('name').select('name', 'post', 'contract_end', 'onboarding_reminded_at');
    expect(rows).to.deep.include.members([
      { name: '旧甲', post: '工会专职工作人员', contract_end: '2028-12-31', onboarding_reminded_at: null },
      { name: '旧乙', post: null, contract_end: null, onboarding_reminded_at: null },
      { name: '旧丙', post: null, contract_end: null, onboarding_reminded_at: null },
    ]);
  });
});
