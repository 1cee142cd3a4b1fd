// Migration 20261201140100: deadlines from before it learn what they were computed from, so a
// calendar change over their stretch recomputes them too; and it goes down again.
import { expect } from 'chai';
import type { Knex } from 'knex';
import { openDatabase } from '../../db/index.ts';
import { migrations, sourceOf } from '../../db/migrations/index.ts';
import { DEV_PERSONAL_DATA } from '../../workflows/engine/personal-data.ts';
import { freshDatabase, type TestDatabase } from '../database.ts';

const migrationSource = sourceOf(migrations, { personal: DEV_PERSONAL_DATA });

describe('migration 20261201140100_deadline_calendar_basis', () => {
  let db: TestDatabase;
  let knex: Knex;
  beforeEach(async () => { db = await freshDatabase('uw-mig-'); knex = openDatabase(db.url); });
  afterEach(async () => { await knex.destroy(); await db.drop(); });

  const upTo = async (name: string) => {
    for (;;) {
      const [done] = await knex.migrate.list({ migrationSource });
      if (done.some((m: any) => (m.name ?? m.file ?? m) === name)) return;
      await knex.migrate.up({ migrationSource });
    }
  };

  it('gives pending rows their entered-at instant and the stretch up to their due date, and is reversible', async () => {
    await upTo('20261124100900_create_calendar_overrides');
    const [org] = await knex('orgs').insert({ name: '京工', kind: 'city_federation', path: '/1/', created_at: '2026-01-01T00:00:00Z' }).returning('id');
    await knex('instances').insert({ id: 'i1', type: 't', definition_version: 1, state: 's', status: 'active', org_id: org.id ?? org, subject: 'x', snapshot: '{}', version: 1, created_by: 'u', created_at: 'x', updated_at: 'x' });
    const row = { instance_id: 'i1', decl_id: 'd', kind: 'due', event: 'E', rule: 'R', clause: '§', fired_at: null, closed_at: null };
    await knex('deadlines').insert([
      { ...row, status: 'pending', created_at: '2026-12-24T02:00:00.000Z', due_at: Date.parse('2027-01-07T16:00:00Z') },
      { ...row, status: 'fired', created_at: '2026-12-01T02:00:00.000Z', due_at: Date.parse('2026-12-02T16:00:00Z') },
    ]);
    await knex.migrate.latest({ migrationSource });
    const rows = await knex('deadlines').orderBy('id');
    expect(rows.map((r) => [Number(r.basis_at) || null, r.calendar_from, r.calendar_to, !!r.provisional])).to.deep.equal([
      [Date.parse('2026-12-24T02:00:00Z'), '2026-12-24', '2027-01-07', false],
      [null, null, null, false],
    ]);
    await knex.migrate.rollback({ migrationSource }, false); // the last batch: both calendar migrations
    const cols = Object.keys(await knex('deadlines').columnInfo());
    expect(cols).to.not.include('basis_at');
    expect(await knex.schema.hasTable('calendar_years')).to.equal(false);
    expect(await knex('deadlines').count({ n: '*' }).first()).to.deep.include({ n: knex.client.config.client === 'pg' ? '2' : 2 });
  });
});
