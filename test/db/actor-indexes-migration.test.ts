// Migration 20261203120000: the indexes behind ?startedBy=me and ?actedBy=me go down and come back.
import { expect } from 'chai';
import type { Knex } from 'knex';
import { isPostgres } from '../../db/dialect.ts';
import { migrate } from '../../db/index.ts';
import { DEV_PERSONAL_DATA } from '../../workflows/engine/personal-data.ts';
import { downTo, world, type World } from '../helpers.ts';

const NAME = '20261203120000_actor_indexes';
const indexes = async (k: Knex): Promise<string[]> => isPostgres(k)
  ? (await k.raw(`select indexname as name from pg_indexes where schemaname = current_schema()`)).rows.map((r: any) => r.name)
  : (await k.raw(`select name from sqlite_master where type = 'index'`)).map((r: any) => r.name);

describe('migration 20261203120000_actor_indexes', () => {
  let w: World;
  before(async () => { w = await world(); });
  after(async () => w.cleanup());

  it('down drops both indexes, up makes them again', async () => {
    expect(await indexes(w.knex)).to.include.members(['instances_created_by', 'history_actor_id']);
    await downTo(w.knex, NAME);
    expect(await indexes(w.knex)).to.not.include('instances_created_by');
    expect(await indexes(w.knex)).to.not.include('history_actor_id');
    await migrate(w.knex, { personal: DEV_PERSONAL_DATA });
    expect(await indexes(w.knex)).to.include.members(['instances_created_by', 'history_actor_id']);
  });
});
