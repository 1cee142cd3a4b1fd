// db/calendar.ts against a fresh migrated database (SQLite, or PostgreSQL with TEST_DATABASE_URL).
import { expect } from 'chai';
import { deleteOverride, holidayOverridesIn, listCompleteYears, listOverrides, lockCalendar, markYear, pageOverrides, putOverride } from '../../db/calendar.ts';
import { sharedWorld } from './fixture.ts';

describe('db/calendar', () => {
  const s = sharedWorld();
  const now = new Date('2026-03-02T02:00:00Z');
  beforeEach(async () => {
    await s.knex('calendar_overrides').del();
    await s.knex('calendar_years').del();
  });

  describe('putOverride', () => {
    it('sets the kind of a date, replacing an earlier override of it', async () => {
      await putOverride(s.knex, { date: '2027-02-06', kind: 'holiday', note: '春节' }, now);
      await putOverride(s.knex, { date: '2027-02-06', kind: 'workday' }, new Date('2026-03-03T00:00:00Z'));
      const rows = await s.knex('calendar_overrides');
      expect(rows.map((r) => [r.date, r.kind, r.note, r.created_at])).to.deep.equal([['2027-02-06', 'workday', null, '2026-03-03T00:00:00.000Z']]);
    });
  });

  describe('listOverrides', () => {
    it('gives every override in date order, note only where there is one', async () => {
      await putOverride(s.knex, { date: '2027-10-01', kind: 'holiday', note: '国庆' }, now);
      await putOverride(s.knex, { date: '2027-01-01', kind: 'holiday' }, now);
      expect(await listOverrides(s.knex)).to.deep.equal([{ date: '2027-01-01', kind: 'holiday', note: undefined }, { date: '2027-10-01', kind: 'holiday', note: '国庆' }]);
    });
  });

  describe('pageOverrides', () => {
    it('pages overrides in date order after a date', async () => {
      for (const d of ['2027-01-03', '2027-01-01', '2027-01-02']) await putOverride(s.knex, { date: d, kind: 'workday' }, now);
      expect((await pageOverrides(s.knex, { limit: 2 })).map((o) => o.date)).to.deep.equal(['2027-01-01', '2027-01-02']);
      expect((await pageOverrides(s.knex, { limit: 2, after: '2027-01-02' })).map((o) => o.date)).to.deep.equal(['2027-01-03']);
    });
  });

  describe('deleteOverride', () => {
    it('deletes the override of a date: true, and false when there was none', async () => {
      await putOverride(s.knex, { date: '2027-05-01', kind: 'holiday' }, now);
      expect(await deleteOverride(s.knex, '2027-05-01')).to.equal(true);
      expect(await deleteOverride(s.knex, '2027-05-01')).to.equal(false);
      expect(await listOverrides(s.knex)).to.deep.equal([]);
    });
  });

  describe('holidayOverridesIn', () => {
    it('counts the holiday overrides of one year', async () => {
      await putOverride(s.knex, { date: '2027-01-01', kind: 'holiday' }, now);
      await putOverride(s.knex, { date: '2027-12-31', kind: 'holiday' }, now);
      await putOverride(s.knex, { date: '2027-02-07', kind: 'workday' }, now);
      await putOverride(s.knex, { date: '2028-01-01', kind: 'holiday' }, now);
      expect(await holidayOverridesIn(s.knex, 2027)).to.equal(2);
      expect(await holidayOverridesIn(s.knex, 2029)).to.equal(0);
    });
  });

  describe('markYear', () => {
    it('marks a year complete once (true, then false), and takes the mark back (true, then false)', async () => {
      expect(await markYear(s.knex, 2027, true, 'admin', now)).to.equal(true);
      expect(await markYear(s.knex, 2027, true, 'other', now)).to.equal(false);
      expect(await listCompleteYears(s.knex)).to.deep.equal([{ year: 2027, markedBy: 'admin', markedAt: now.toISOString() }]);
      expect(await markYear(s.knex, 2027, false, 'admin', now)).to.equal(true);
      expect(await markYear(s.knex, 2027, false, 'admin', now)).to.equal(false);
    });
  });

  describe('listCompleteYears', () => {
    it('gives the marked years ascending, with who marked them and when', async () => {
      await markYear(s.knex, 2029, true, '7', now);
      await markYear(s.knex, 2027, true, '1', now);
      expect((await listCompleteYears(s.knex)).map((y) => [y.year, y.markedBy])).to.deep.equal([[2027, '1'], [2029, '7']]);
    });
  });

  describe('lockCalendar', () => {
    it('makes calendar changes take turns: the second reads what the first committed, without deadlock', async () => {
      const change = (date: string) => s.knex.transaction(async (trx) => {
        await lockCalendar(trx);
        const seen = (await listOverrides(trx)).map((o) => o.date);
        await new Promise((r) => setTimeout(r, 30));
        await putOverride(trx, { date, kind: 'holiday' }, now);
        return seen;
      });
      const seen = await Promise.all([change('2027-06-01'), change('2027-06-02')]);
      expect(seen.map((x) => x.length).sort()).to.deep.equal([0, 1]);
    });
  });
});
