import { expect } from 'chai';
import {
  SHANGHAI_OFFSET_MINUTES,
  WorkingDayCalendar,
  addCalendarMonths,
  addDays,
  atShanghaiTime,
  daysBetween,
  endOfShanghaiDay,
  isIsoDate,
  shanghaiDate,
  startOfShanghaiDay,
  type DayOverride,
} from '../../../workflows/rules/calendar.ts';

// Expected values below come from the published State Council schedules
// (国办发明电 for 2026), worked out by hand on a calendar:
//   2026-01-01 is a Thursday; February 2026 starts on a Sunday.
//   New Year:       holidays 01-01..01-03, make-up workday Sun 01-04.
//   Spring Festival: holidays Sun 02-15..Mon 02-23, make-up workdays Sat 02-14 and Sat 02-28.
//   Mid-autumn:     holidays Fri 09-25..Sun 09-27.
//   National Day:   holidays Thu 10-01..Wed 10-07, make-up workdays Sun 09-20 and Sat 10-10.

describe('calendar rules', () => {
  describe('isIsoDate', () => {
    it('accepts real calendar dates including leap days', () => {
      expect(isIsoDate('2026-01-01')).to.equal(true);
      expect(isIsoDate('2028-02-29')).to.equal(true);
      expect(isIsoDate('2000-02-29')).to.equal(true);
      expect(isIsoDate('2026-12-31')).to.equal(true);
    });

    it('rejects impossible dates', () => {
      expect(isIsoDate('2026-02-30')).to.equal(false);
      expect(isIsoDate('2026-02-29')).to.equal(false);
      expect(isIsoDate('2100-02-29')).to.equal(false); // century years are not leap unless divisible by 400
      expect(isIsoDate('2026-04-31')).to.equal(false);
      expect(isIsoDate('2026-13-01')).to.equal(false);
      expect(isIsoDate('2026-00-10')).to.equal(false);
      expect(isIsoDate('2026-01-00')).to.equal(false);
    });

    it('rejects malformed strings and non-strings', () => {
      for (const s of ['', '2026-2-3', '20260203', ' 2026-02-03', '2026-02-03T00:00', '2026/02/03']) {
        expect(isIsoDate(s), s).to.equal(false);
      }
      expect(isIsoDate(20260203 as unknown as string)).to.equal(false);
      expect(isIsoDate(undefined as unknown as string)).to.equal(false);
    });
  });

  describe('Shanghai instants', () => {
    it('uses a fixed +08:00 offset', () => {
      expect(SHANGHAI_OFFSET_MINUTES).to.equal(480);
    });

    it('maps an instant to its Shanghai date around UTC midnight', () => {
      // 15:59:59Z is 23:59:59 in Shanghai, 16:00:00Z is midnight of the next Shanghai day.
      expect(shanghaiDate(new Date('2026-01-01T15:59:59Z'))).to.equal('2026-01-01');
      expect(shanghaiDate(new Date('2026-01-01T16:00:00Z'))).to.equal('2026-01-02');
      expect(shanghaiDate(new Date('2025-12-31T16:00:00Z'))).to.equal('2026-01-01');
      expect(shanghaiDate(new Date('2025-12-31T15:59:59.999Z'))).to.equal('2025-12-31');
      expect(shanghaiDate(new Date('2026-01-01T00:00:00Z'))).to.equal('2026-01-01');
    });

    it('handles instants before 1970', () => {
      expect(shanghaiDate(new Date('1969-12-31T16:00:00Z'))).to.equal('1970-01-01');
      expect(shanghaiDate(new Date('1969-12-31T15:59:59.999Z'))).to.equal('1969-12-31');
    });

    it('starts a Shanghai day at 16:00Z of the previous UTC day', () => {
      expect(startOfShanghaiDay('2026-01-02').toISOString()).to.equal('2026-01-01T16:00:00.000Z');
      expect(startOfShanghaiDay('2026-03-01').toISOString()).to.equal('2026-02-28T16:00:00.000Z');
    });

    it('ends day N exclusively at the start of day N+1', () => {
      expect(endOfShanghaiDay('2026-01-01').toISOString()).to.equal('2026-01-01T16:00:00.000Z');
      expect(endOfShanghaiDay('2026-12-31').toISOString()).to.equal('2026-12-31T16:00:00.000Z'); // = 2027-01-01 00:00 +08:00
      expect(endOfShanghaiDay('2028-02-28').toISOString()).to.equal('2028-02-28T16:00:00.000Z'); // next day is 02-29
      expect(endOfShanghaiDay('2026-02-14').getTime()).to.equal(startOfShanghaiDay('2026-02-15').getTime());
    });

    it('puts the last millisecond before the end of day N on day N and the end itself on day N+1', () => {
      const end = endOfShanghaiDay('2026-02-23');
      expect(shanghaiDate(new Date(end.getTime() - 1))).to.equal('2026-02-23');
      expect(shanghaiDate(end)).to.equal('2026-02-24');
    });

    it('builds a wall-clock time on a Shanghai date', () => {
      expect(atShanghaiTime('2026-03-02', 9).toISOString()).to.equal('2026-03-02T01:00:00.000Z');
      expect(atShanghaiTime('2026-03-02', 17, 30).toISOString()).to.equal('2026-03-02T09:30:00.000Z');
      expect(atShanghaiTime('2026-03-02', 3).toISOString()).to.equal('2026-03-01T19:00:00.000Z');
      expect(atShanghaiTime('2026-03-02', 0).getTime()).to.equal(startOfShanghaiDay('2026-03-02').getTime());
    });

    it('gives the same answers whatever TZ the host runs in', () => {
      const saved = process.env.TZ;
      try {
        for (const tz of ['America/Los_Angeles', 'Pacific/Kiritimati', 'UTC']) {
          process.env.TZ = tz;
          expect(shanghaiDate(new Date('2026-01-01T16:00:00Z')), tz).to.equal('2026-01-02');
          expect(startOfShanghaiDay('2026-01-02').toISOString(), tz).to.equal('2026-01-01T16:00:00.000Z');
          const cal = new WorkingDayCalendar();
          expect(cal.isWorkingDay('2026-02-14'), tz).to.equal(true); // make-up Saturday
          expect(cal.isWorkingDay('2026-03-07'), tz).to.equal(false); // ordinary Saturday
          expect(cal.addWorkingDays('2026-02-12', 10), tz).to.equal('2026-03-04');
        }
      } finally {
        if (saved === undefined) delete process.env.TZ;
        else process.env.TZ = saved;
      }
    });
  });

  describe('calendar-day arithmetic', () => {
    it('adds and subtracts days across month, year and leap boundaries', () => {
      expect(addDays('2026-02-28', 1)).to.equal('2026-03-01');
      expect(addDays('2028-02-28', 1)).to.equal('2028-02-29');
      expect(addDays('2026-03-01', -1)).to.equal('2026-02-28');
      expect(addDays('2026-01-01', -1)).to.equal('2025-12-31');
      expect(addDays('2026-01-01', 365)).to.equal('2027-01-01');
      expect(addDays('2026-05-17', 0)).to.equal('2026-05-17');
    });

    it('counts whole calendar days between dates', () => {
      expect(daysBetween('2026-02-15', '2026-02-23')).to.equal(8);
      expect(daysBetween('2026-03-01', '2026-02-01')).to.equal(-28);
      expect(daysBetween('2028-01-01', '2029-01-01')).to.equal(366);
      expect(daysBetween('2026-01-01', '2026-01-01')).to.equal(0);
    });

    it('clamps a month addition to the last day of a short month', () => {
      expect(addCalendarMonths('2025-11-30', 3)).to.equal('2026-02-28');
      expect(addCalendarMonths('2026-01-31', 1)).to.equal('2026-02-28');
      expect(addCalendarMonths('2026-03-31', 1)).to.equal('2026-04-30');
    });

    it('lands on 29 February in a leap year and clamps from it otherwise', () => {
      expect(addCalendarMonths('2027-11-29', 3)).to.equal('2028-02-29');
      expect(addCalendarMonths('2028-01-31', 1)).to.equal('2028-02-29');
      expect(addCalendarMonths('2024-02-29', 12)).to.equal('2025-02-28');
      expect(addCalendarMonths('2024-02-29', 48)).to.equal('2028-02-29');
    });

    it('keeps the day of month when it exists and handles negative months and year rollover', () => {
      expect(addCalendarMonths('2026-01-15', 6)).to.equal('2026-07-15');
      expect(addCalendarMonths('2026-11-15', 2)).to.equal('2027-01-15');
      expect(addCalendarMonths('2026-03-31', -1)).to.equal('2026-02-28');
      expect(addCalendarMonths('2026-01-10', -1)).to.equal('2025-12-10');
      expect(addCalendarMonths('2026-01-10', 0)).to.equal('2026-01-10');
    });
  });

  describe('WorkingDayCalendar (statutory data)', () => {
    const cal = new WorkingDayCalendar();

    it('treats an ordinary weekday as working and an ordinary weekend as not', () => {
      expect(cal.isWorkingDay('2026-03-04')).to.equal(true); // Wednesday
      expect(cal.isWorkingDay('2026-03-07')).to.equal(false); // Saturday
      expect(cal.isWorkingDay('2026-03-08')).to.equal(false); // Sunday
    });

    it('counts the 2026 Spring Festival make-up Saturdays as working days and the festival days as not', () => {
      expect(cal.isWorkingDay('2026-02-14')).to.equal(true); // Saturday, 调休 workday
      expect(cal.isWorkingDay('2026-02-28')).to.equal(true); // Saturday, 调休 workday
      for (const d of ['2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23']) {
        expect(cal.isWorkingDay(d), d).to.equal(false);
      }
      expect(cal.isWorkingDay('2026-02-13')).to.equal(true); // Friday before
      expect(cal.isWorkingDay('2026-02-24')).to.equal(true); // Tuesday after
    });

    it('counts the 2026 National Day make-up days as working days and 1–7 October as not', () => {
      expect(cal.isWorkingDay('2026-09-20')).to.equal(true); // Sunday, 调休 workday
      expect(cal.isWorkingDay('2026-10-10')).to.equal(true); // Saturday, 调休 workday
      for (let day = 1; day <= 7; day++) {
        const d = `2026-10-0${day}`;
        expect(cal.isWorkingDay(d), d).to.equal(false);
      }
      expect(cal.isWorkingDay('2026-09-19')).to.equal(false); // ordinary Saturday
      expect(cal.isWorkingDay('2026-10-08')).to.equal(true);
      expect(cal.isWorkingDay('2026-10-11')).to.equal(false); // ordinary Sunday
    });

    it('starts counting on the first working day after the event date', () => {
      expect(cal.addWorkingDays('2026-03-03', 1)).to.equal('2026-03-04'); // Tue -> Wed
      expect(cal.addWorkingDays('2026-03-06', 1)).to.equal('2026-03-09'); // Fri -> Mon
      expect(cal.addWorkingDays('2026-03-07', 1)).to.equal('2026-03-09'); // event on Saturday -> Mon is day 1
    });

    it('lands 10 working days after 2026-02-12 on 2026-03-04, counting both make-up Saturdays', () => {
      // Day 1 Fri 02-13, 2 Sat 02-14 (make-up), [02-15..02-23 holiday], 3 Tue 02-24, 4 Wed 02-25,
      // 5 Thu 02-26, 6 Fri 02-27, 7 Sat 02-28 (make-up), 8 Mon 03-02, 9 Tue 03-03, 10 Wed 03-04.
      expect(cal.addWorkingDays('2026-02-12', 10)).to.equal('2026-03-04');
    });

    it('jumps from the last pre-festival working day over the whole Spring Festival', () => {
      expect(cal.addWorkingDays('2026-02-13', 1)).to.equal('2026-02-14');
      expect(cal.addWorkingDays('2026-02-14', 1)).to.equal('2026-02-24');
    });

    it('counts working days around the 2026 Mid-autumn and National Day holidays', () => {
      expect(cal.addWorkingDays('2026-09-18', 1)).to.equal('2026-09-20'); // Fri -> make-up Sunday
      expect(cal.addWorkingDays('2026-09-24', 1)).to.equal('2026-09-28'); // Fri 09-25 is Mid-autumn
      expect(cal.addWorkingDays('2026-09-30', 1)).to.equal('2026-10-08');
      expect(cal.addWorkingDays('2026-09-30', 3)).to.equal('2026-10-10'); // Thu, Fri, make-up Sat
    });

    it('crosses the 2026 New Year holiday onto its make-up Sunday', () => {
      expect(cal.isWorkingDay('2026-01-04')).to.equal(true);
      expect(cal.addWorkingDays('2025-12-31', 1)).to.equal('2026-01-04');
    });

    it('counts working days in a half-open interval (from, to]', () => {
      // Feb 2026 has 20 weekdays; minus festival weekdays 16,17,18,19,20,23; plus make-up Saturdays 14, 28.
      expect(cal.workingDaysBetween('2026-01-31', '2026-02-28')).to.equal(16);
      expect(cal.workingDaysBetween('2026-02-13', '2026-02-24')).to.equal(2); // 02-14 and 02-24
      // 09-20 (make-up), 09-21..24, 09-28..30, 10-08, 10-09, 10-10 (make-up)
      expect(cal.workingDaysBetween('2026-09-18', '2026-10-10')).to.equal(11);
      expect(cal.workingDaysBetween('2026-09-30', '2026-10-11')).to.equal(3);
    });

    it('returns 0 working days when to is not after from', () => {
      expect(cal.workingDaysBetween('2026-03-04', '2026-03-04')).to.equal(0);
      expect(cal.workingDaysBetween('2026-03-04', '2026-03-01')).to.equal(0);
    });

    it('agrees with addWorkingDays: n working days after d are counted as n', () => {
      for (const [d, n] of [['2026-02-12', 10], ['2026-09-18', 15], ['2025-12-25', 7]] as const) {
        expect(cal.workingDaysBetween(d, cal.addWorkingDays(d, n)), `${d}+${n}`).to.equal(n);
      }
    });

    it('falls back to Monday–Friday for years chinese-days does not cover (2027 needs overrides)', () => {
      // 2027-10-01 is a Friday: the package has no 2027 schedule, so it counts as working until overridden.
      expect(cal.isWorkingDay('2027-10-01')).to.equal(true);
      expect(cal.isWorkingDay('2027-10-02')).to.equal(false);
    });
  });

  describe('WorkingDayCalendar overrides', () => {
    it('turns a working day into a holiday and pushes the deadline out', () => {
      const cal = new WorkingDayCalendar([{ date: '2026-02-26', kind: 'holiday', note: 'federation closure' }]);
      expect(cal.isWorkingDay('2026-02-26')).to.equal(false);
      expect(cal.addWorkingDays('2026-02-12', 10)).to.equal('2026-03-05');
    });

    it('turns a holiday into a working day and pulls the deadline in', () => {
      const cal = new WorkingDayCalendar([{ date: '2026-02-16', kind: 'workday' }]);
      expect(cal.isWorkingDay('2026-02-16')).to.equal(true);
      // 02-13, 02-14, 02-16, 02-24, 02-25, 02-26, 02-27, 02-28, 03-02, 03-03
      expect(cal.addWorkingDays('2026-02-12', 10)).to.equal('2026-03-03');
      expect(cal.workingDaysBetween('2026-02-13', '2026-02-24')).to.equal(3);
    });

    it('wins over a make-up working day from the package', () => {
      const cal = new WorkingDayCalendar([{ date: '2026-02-14', kind: 'holiday' }]);
      expect(cal.isWorkingDay('2026-02-14')).to.equal(false);
      expect(cal.addWorkingDays('2026-02-13', 1)).to.equal('2026-02-24');
    });

    it('supplies a schedule for a year the package does not cover', () => {
      const overrides: DayOverride[] = [
        { date: '2027-10-01', kind: 'holiday', note: 'National Day' },
        { date: '2027-10-04', kind: 'holiday', note: 'National Day' },
      ];
      const cal = new WorkingDayCalendar(overrides);
      expect(cal.isWorkingDay('2027-10-01')).to.equal(false);
      expect(cal.addWorkingDays('2027-09-30', 1)).to.equal('2027-10-05'); // Fri and Mon off, weekend between
    });

    it('exposes the overrides by date', () => {
      const cal = new WorkingDayCalendar([{ date: '2026-02-26', kind: 'holiday', note: 'closure' }]);
      expect(cal.overrides.size).to.equal(1);
      expect(cal.overrides.get('2026-02-26')).to.deep.equal({ date: '2026-02-26', kind: 'holiday', note: 'closure' });
    });

    it('accepts any iterable of overrides', () => {
      function* gen(): Generator<DayOverride> {
        yield { date: '2026-03-04', kind: 'holiday' };
      }
      expect(new WorkingDayCalendar(gen()).isWorkingDay('2026-03-04')).to.equal(false);
    });
  });

  describe('the calendar\'s known range', () => {
    it('knows the package\'s years (through 2026) and reports addWorkingDays(2026-12-31, 1) as touching unknown 2027', () => {
      const cal = new WorkingDayCalendar();
      expect(cal.knownThrough).to.equal('2026-12-31');
      const rec = cal.recording();
      expect(rec.calendar.addWorkingDays('2026-12-31', 1)).to.equal('2027-01-01'); // Mon–Fri guess: New Year is not known
      expect(rec.span()).to.deep.equal({ from: '2027-01-01', to: '2027-01-01', unknownYears: [2027] });
    });

    it('reports a computation inside known years as touching no unknown year, with the dates it read', () => {
      const rec = new WorkingDayCalendar().recording();
      expect(rec.calendar.addWorkingDays('2026-03-02', 10)).to.equal('2026-03-16');
      expect(rec.span()).to.deep.equal({ from: '2026-03-03', to: '2026-03-16', unknownYears: [] });
      expect(new WorkingDayCalendar().recording().span()).to.equal(null); // nothing read
    });

    it('one override does not make a year known; a year the admin marked complete does', () => {
      const newYear: DayOverride[] = [{ date: '2027-01-01', kind: 'holiday' }];
      const partly = new WorkingDayCalendar(newYear).recording();
      expect(partly.calendar.addWorkingDays('2026-12-31', 1)).to.equal('2027-01-04');
      expect(partly.span()?.unknownYears).to.deep.equal([2027]);
      const marked = new WorkingDayCalendar(newYear, { completeYears: [2027] });
      expect(marked.knownThrough).to.equal('2027-12-31');
      const rec = marked.recording();
      expect(rec.calendar.addWorkingDays('2026-12-24', 10)).to.equal('2027-01-08');
      expect(rec.span()).to.deep.equal({ from: '2026-12-25', to: '2027-01-08', unknownYears: [] });
    });

    it('extends knownThrough only over consecutive marked years', () => {
      const cal = new WorkingDayCalendar([], { completeYears: [2028] });
      expect(cal.knownThrough).to.equal('2026-12-31');
      expect(cal.isKnownYear(2028)).to.equal(true);
      expect(cal.isKnownYear(2027)).to.equal(false);
    });
  });

  describe('bad input', () => {
    const cal = new WorkingDayCalendar();

    it('throws RangeError on malformed or impossible dates', () => {
      expect(() => addDays('2026-02-30', 1)).to.throw(RangeError, /2026-02-30/);
      expect(() => addCalendarMonths('2026-2-1', 1)).to.throw(RangeError);
      expect(() => daysBetween('2026-01-01', 'tomorrow')).to.throw(RangeError);
      expect(() => startOfShanghaiDay('2026-13-01')).to.throw(RangeError);
      expect(() => endOfShanghaiDay('')).to.throw(RangeError);
      expect(() => cal.isWorkingDay('20260101')).to.throw(RangeError);
      expect(() => cal.addWorkingDays('2026-02-29', 1)).to.throw(RangeError);
      expect(() => cal.workingDaysBetween('2026-01-01', '2026-02-30')).to.throw(RangeError);
    });

    it('throws RangeError when addWorkingDays is asked for fewer than 1 or a fractional number of days', () => {
      for (const n of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
        expect(() => cal.addWorkingDays('2026-03-04', n), String(n)).to.throw(RangeError);
      }
    });

    it('throws RangeError on non-integer day or month counts', () => {
      expect(() => addDays('2026-03-04', 0.5)).to.throw(RangeError);
      expect(() => addCalendarMonths('2026-03-04', Number.NaN)).to.throw(RangeError);
    });

    it('throws RangeError on an invalid instant or wall-clock time', () => {
      expect(() => shanghaiDate(new Date(Number.NaN))).to.throw(RangeError);
      expect(() => atShanghaiTime('2026-03-04', 24)).to.throw(RangeError);
      expect(() => atShanghaiTime('2026-03-04', -1)).to.throw(RangeError);
      expect(() => atShanghaiTime('2026-03-04', 9, 60)).to.throw(RangeError);
      expect(() => atShanghaiTime('2026-03-04', 9.5)).to.throw(RangeError);
    });

    it('throws RangeError on a malformed, mis-typed or contradictory override', () => {
      expect(() => new WorkingDayCalendar([{ date: '2026-2-1', kind: 'holiday' }])).to.throw(RangeError);
      expect(() => new WorkingDayCalendar([{ date: '2026-02-01', kind: 'weekend' as 'holiday' }])).to.throw(RangeError);
      expect(
        () =>
          new WorkingDayCalendar([
            { date: '2026-02-01', kind: 'holiday' },
            { date: '2026-02-01', kind: 'workday' },
          ]),
      ).to.throw(RangeError, /conflicting/);
    });

    it('stops with RangeError instead of looping forever when overrides leave no working day', () => {
      // 500 consecutive holidays from 2026-03-01, built without the module under test.
      const overrides: DayOverride[] = [];
      for (let i = 0; i < 500; i++) {
        const d = new Date(Date.UTC(2026, 2, 1 + i)).toISOString().slice(0, 10);
        overrides.push({ date: d, kind: 'holiday' });
      }
      const blocked = new WorkingDayCalendar(overrides);
      expect(() => blocked.addWorkingDays('2026-02-28', 1)).to.throw(RangeError, /no working day/);
    });
  });
});
