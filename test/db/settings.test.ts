// The settings' query functions and the per-process cache, on SQLite and PostgreSQL: initial
// values only for keys not held, each change with its history row, and a change made through one
// process's connection seen by another's within the cache's TTL.
import { expect } from 'chai';
import { openDatabase } from '../../db/index.ts';
import { insertMissingSettings, listSettingRows, pageSettingsHistory, putSetting } from '../../db/settings.ts';
import { settingsSource } from '../../workflows/engine/settings-source.ts';
import { urlOf, world, type World } from '../helpers.ts';

const SYSTEM = { id: 'system', name: '系统 system' };
const ADMIN = { id: '1', name: '管理员' };
const now = new Date('2026-03-02T02:00:00Z');

describe('db/settings', () => {
  let w: World;
  beforeEach(async () => { w = await world(); });
  afterEach(async () => w.cleanup());

  describe('insertMissingSettings', () => {
  it('writes initial values only for keys the database does not hold, each with a history row', async () => {
    expect(await insertMissingSettings(w.knex, { reminderHour: 9 }, () => 'initial', SYSTEM, now)).to.deep.equal(['reminderHour']);
    expect(await insertMissingSettings(w.knex, { reminderHour: 7, candidatePublicityDays: 5 }, () => 'again', SYSTEM, now)).to.deep.equal(['candidatePublicityDays']);
    const rows = Object.fromEntries((await listSettingRows(w.knex)).map((r) => [r.key, JSON.parse(r.value)]));
    expect(rows).to.deep.equal({ reminderHour: 9, candidatePublicityDays: 5 });
    expect((await pageSettingsHistory(w.knex, { limit: 10 })).map((h) => [h.key, h.old, h.new, h.reason])).to.deep.equal([
      ['candidatePublicityDays', null, '5', 'again'], ['reminderHour', null, '9', 'initial'],
    ]);
  });

  });

  describe('listSettingRows', () => {
    it('lists the keys the database holds, with their JSON values', async () => {
      expect(await listSettingRows(w.knex)).to.deep.equal([]);
      await insertMissingSettings(w.knex, { reminderHour: 9, byElectionQuorum: [2, 3] }, () => 'initial', SYSTEM, now);
      const rows = await listSettingRows(w.knex);
      expect(rows.map((r) => [r.key, JSON.parse(r.value)]).sort()).to.deep.equal([['byElectionQuorum', [2, 3]], ['reminderHour', 9]]);
    });
  });

  describe('pageSettingsHistory', () => {
    it('pages the history newest first, by key, before a row', async () => {
      await insertMissingSettings(w.knex, { reminderHour: 9, candidatePublicityDays: 7 }, () => 'initial', SYSTEM, now);
      for (const v of [8, 7, 6]) await w.knex.transaction((trx) => putSetting(trx, { key: 'reminderHour', value: v, fallback: 9, who: ADMIN, reason: `to ${v}`, now }));
      const all = await pageSettingsHistory(w.knex, { limit: 10, key: 'reminderHour' });
      expect(all.map((h) => h.new)).to.deep.equal(['6', '7', '8', '9']);
      const first = await pageSettingsHistory(w.knex, { limit: 2, key: 'reminderHour' });
      const rest = await pageSettingsHistory(w.knex, { limit: 2, key: 'reminderHour', before: first.at(-1)!.id });
      expect([...first, ...rest].map((h) => h.new)).to.deep.equal(['6', '7', '8', '9']);
      expect((await pageSettingsHistory(w.knex, { limit: 10 })).length).to.equal(5);
    });
  });

  describe('putSetting', () => {
  it('changes a key with old → new, who and why; the same value again writes nothing', async () => {
    await insertMissingSettings(w.knex, { reminderHour: 9 }, () => 'initial', SYSTEM, now);
    const put = (value: unknown) => w.knex.transaction((trx) => putSetting(trx, { key: 'reminderHour', value, fallback: 9, who: ADMIN, reason: '提前', now }));
    expect((await put(8))?.value).to.equal('8');
    expect(await put(8)).to.equal(undefined);
    const [last] = await pageSettingsHistory(w.knex, { limit: 1, key: 'reminderHour' });
    expect(last).to.deep.include({ old: '9', new: '8', who: '1', who_name: '管理员', reason: '提前' });
    // A key never seeded: its old value is the declared default.
    expect((await w.knex.transaction((trx) => putSetting(trx, { key: 'approvalLapseMonths', value: 3, fallback: 6, who: ADMIN, reason: 'x', now }))) !== undefined).to.equal(true);
    expect((await pageSettingsHistory(w.knex, { limit: 1, key: 'approvalLapseMonths' }))[0]).to.deep.include({ old: '6', new: '3' });
    const page = await pageSettingsHistory(w.knex, { limit: 10, before: last.id });
    expect(page.every((h) => h.id < last.id)).to.equal(true);
  });

  });

  describe('the settings cache over these functions', () => {
  it('another process sees a change within the TTL; this one at once after invalidate', async () => {
    const other = openDatabase(urlOf(w));
    try {
      let t = 0;
      const here = settingsSource(w.knex, { ttlMs: 1000, now: () => t });
      const there = settingsSource(other, { ttlMs: 1000, now: () => t });
      expect((await here.get()).reminderHour).to.equal(9);
      expect((await there.get()).reminderHour).to.equal(9);
      await w.knex.transaction((trx) => putSetting(trx, { key: 'reminderHour', value: 8, fallback: 9, who: ADMIN, reason: 'x', now }));
      here.invalidate();
      expect((await here.get()).reminderHour).to.equal(8);
      t = 1000;
      expect((await there.get()).reminderHour, 'still within the TTL').to.equal(9);
      t = 1001;
      expect((await there.get()).reminderHour, 'after the TTL').to.equal(8);
    } finally {
      await other.destroy();
    }
  });
  });
});
