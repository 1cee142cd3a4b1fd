/**
 * Calendar arithmetic for deadlines in Asia/Shanghai.
 *
 * Every calendar date is an `IsoDate` string 'YYYY-MM-DD' that means a date in
 * Asia/Shanghai (UTC+8, no DST since 1991). All date arithmetic is done on
 * integer day numbers, never on the host's local time, so results do not
 * depend on the TZ the server runs in. The functions are pure: no clock reads.
 *
 * Working days come from operator overrides first, then from the
 * `chinese-days` holiday data (statutory holidays and 调休 make-up working
 * days), then the Monday–Friday rule.
 *
 * Coverage of chinese-days 1.5.7: holiday/make-up data for 2004–2026 only
 * (last entry 2026-10-10). For 2027 onward it knows nothing about statutory
 * holidays and falls back to Monday–Friday, so until the package is upgraded
 * the State Council schedule for a new year (usually published in November)
 * must be entered as operator overrides, and the year marked complete: until then
 * a result that reads such a year is only provisional (see recording()).
 */
import { createRequire } from 'node:module';

export type IsoDate = string; // 'YYYY-MM-DD' in Asia/Shanghai

/** Asia/Shanghai is a fixed UTC+8 offset (China has observed no DST since 1991). */
export const SHANGHAI_OFFSET_MINUTES = 480;

const MS_PER_DAY = 86_400_000;
const SHANGHAI_OFFSET_MS = SHANGHAI_OFFSET_MINUTES * 60_000;

/**
 * Guard for addWorkingDays: no real calendar has anywhere near 400 consecutive
 * non-working days, so reaching that means misconfigured overrides; fail loudly
 * instead of looping forever.
 */
const MAX_CALENDAR_DAYS_PER_WORKING_DAY = 400;

// ---------------------------------------------------------------------------
// Day-number arithmetic (proleptic Gregorian, day 0 = 1970-01-01).
// Integer algorithm (H. Hinnant, "chrono-compatible low-level date algorithms")
// avoids Date's local-time getters and its 0–99 → 1900+ year quirk.
// ---------------------------------------------------------------------------

const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12; // March = 0
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function civilFromDays(n: number): [number, number, number] {
  const z = n + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [era * 400 + yoe + (m <= 2 ? 1 : 0), m, d];
}

function parseParts(s: unknown): [number, number, number] | null {
  if (typeof s !== 'string') return null;
  const match = ISO_DATE_RE.exec(s);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return [y, m, d];
}

function formatParts(y: number, m: number, d: number): IsoDate {
  // Results must stay representable as 'YYYY-MM-DD'.
  if (y < 1 || y > 9999) throw new RangeError(`date out of range: year ${y} is outside 0001–9999`);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function requireIsoDate(s: unknown, name: string): [number, number, number] {
  const parts = parseParts(s);
  if (!parts) {
    throw new RangeError(`${name} must be a real calendar date 'YYYY-MM-DD', got ${JSON.stringify(s)}`);
  }
  return parts;
}

function toDayNumber(s: unknown, name: string): number {
  const [y, m, d] = requireIsoDate(s, name);
  return daysFromCivil(y, m, d);
}

function fromDayNumber(n: number): IsoDate {
  const [y, m, d] = civilFromDays(n);
  return formatParts(y, m, d);
}

function requireInteger(n: unknown, name: string): number {
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) {
    throw new RangeError(`${name} must be an integer, got ${String(n)}`);
  }
  return n;
}

/** 0 = Sunday … 6 = Saturday; day 0 (1970-01-01) was a Thursday. */
function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

// ---------------------------------------------------------------------------
// Public date helpers
// ---------------------------------------------------------------------------

/** True only for a well-formed 'YYYY-MM-DD' that is a real date (2026-02-30 is false). */
export function isIsoDate(s: string): boolean {
  return parseParts(s) !== null;
}

/** The Shanghai calendar date of an instant (shift by +8h, then take the UTC date). */
export function shanghaiDate(instant: Date): IsoDate {
  if (!(instant instanceof Date) || !Number.isFinite(instant.getTime())) {
    throw new RangeError(`instant must be a valid Date, got ${String(instant)}`);
  }
  return fromDayNumber(Math.floor((instant.getTime() + SHANGHAI_OFFSET_MS) / MS_PER_DAY));
}

/** 00:00 +08:00 on `date`. */
export function startOfShanghaiDay(date: IsoDate): Date {
  return new Date(toDayNumber(date, 'date') * MS_PER_DAY - SHANGHAI_OFFSET_MS);
}

/**
 * Exclusive end of `date`, i.e. 00:00 +08:00 of the next day. "Due at the end
 * of day N" means an action is on time iff it happens before this instant.
 */
export function endOfShanghaiDay(date: IsoDate): Date {
  return new Date((toDayNumber(date, 'date') + 1) * MS_PER_DAY - SHANGHAI_OFFSET_MS);
}

/** The instant hh:mm +08:00 on `date` (e.g. 09:00 for office-hours reminders). */
export function atShanghaiTime(date: IsoDate, hh: number, mm = 0): Date {
  const start = startOfShanghaiDay(date);
  if (requireInteger(hh, 'hh') < 0 || hh > 23) throw new RangeError(`hh must be 0–23, got ${hh}`);
  if (requireInteger(mm, 'mm') < 0 || mm > 59) throw new RangeError(`mm must be 0–59, got ${mm}`);
  return new Date(start.getTime() + (hh * 60 + mm) * 60_000);
}

/** `date` plus n calendar days (n may be negative). */
export function addDays(date: IsoDate, n: number): IsoDate {
  return fromDayNumber(toDayNumber(date, 'date') + requireInteger(n, 'n'));
}

/**
 * Same day-of-month n months later, clamped to the last day of the target
 * month (2026-01-31 +1 = 2026-02-28; 2024-02-29 +12 = 2025-02-28), so a
 * "within N months" term never spills into the following month.
 */
export function addCalendarMonths(date: IsoDate, n: number): IsoDate {
  const [y, m, d] = requireIsoDate(date, 'date');
  const total = y * 12 + (m - 1) + requireInteger(n, 'n');
  const ty = Math.floor(total / 12);
  const tm = total - ty * 12 + 1;
  if (ty < 1 || ty > 9999) throw new RangeError(`date out of range: year ${ty} is outside 0001–9999`);
  return formatParts(ty, tm, Math.min(d, daysInMonth(ty, tm)));
}

/** Whole calendar days `to - from` (negative if `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to, 'to') - toDayNumber(from, 'from');
}

// ---------------------------------------------------------------------------
// Working days
// ---------------------------------------------------------------------------

/*
 * We read chinese-days' generated JSON rather than calling isWorkday/getDayDetail:
 * the package's functions use host-local Date getters (both when building their
 * tables and when looking a date up), so under a TZ west of UTC they answer for
 * the wrong day (e.g. TZ=America/New_York reports the make-up Saturday
 * 2026-02-14 as a holiday). The JSON is keyed by plain 'YYYY-MM-DD' strings.
 */
type ChineseDaysData = { holidays: Record<string, string>; workdays: Record<string, string> };

function loadChineseDays(): { holidays: ReadonlySet<string>; workdays: ReadonlySet<string>; years: { from: number; to: number } } {
  const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as Partial<ChineseDaysData>;
  if (typeof data?.holidays !== 'object' || typeof data?.workdays !== 'object' || !data.holidays || !data.workdays) {
    throw new Error('chinese-days/dist/chinese-days.json has an unexpected shape (expected holidays and workdays maps)');
  }
  // A year the package has any entry for is taken as fully scheduled (the State Council publishes a year at once).
  const years = [...Object.keys(data.holidays), ...Object.keys(data.workdays)].map((d) => Number(d.slice(0, 4)));
  return { holidays: new Set(Object.keys(data.holidays)), workdays: new Set(Object.keys(data.workdays)), years: { from: Math.min(...years), to: Math.max(...years) } };
}

const STATUTORY = loadChineseDays();

/** The years whose holiday schedule chinese-days carries (2004–2026 for 1.5.7). */
export const PACKAGE_YEARS: Readonly<{ from: number; to: number }> = Object.freeze(STATUTORY.years);

export type DayOverride = { date: IsoDate; kind: 'workday' | 'holiday'; note?: string };

/**
 * The dates a computation read (first and last) and the years among them whose schedule is not
 * known: a deadline that depends on such a year is only provisional.
 */
export type CalendarSpan = { from: IsoDate; to: IsoDate; unknownYears: number[] };

export type CalendarOptions = {
  /** Years after the package's range whose whole schedule the admin has entered and marked complete. */
  completeYears?: Iterable<number>;
  /** Called with the day number of every date whose working status is read (see recording()). */
  onRead?: (day: number) => void;
};

export class WorkingDayCalendar {
  readonly overrides: ReadonlyMap<IsoDate, DayOverride>;
  readonly completeYears: ReadonlySet<number>;
  /** Last day of the unbroken run of known years: the package's range, then marked years that follow it. */
  readonly knownThrough: IsoDate;
  private readonly onRead?: (day: number) => void;

  /**
   * Operator overrides win over chinese-days: next year's schedule is often
   * published after the package release, and local decisions (e.g. a
   * federation-wide closure) are not in any package. An override alone does
   * not make its year known: one entered holiday is not the whole schedule.
   */
  constructor(overrides: Iterable<DayOverride> = [], opts: CalendarOptions = {}) {
    this.completeYears = new Set(opts.completeYears ?? []);
    let last = PACKAGE_YEARS.to;
    while (this.completeYears.has(last + 1)) last++;
    this.knownThrough = formatParts(last, 12, 31);
    this.onRead = opts.onRead;
    const map = new Map<IsoDate, DayOverride>();
    for (const o of overrides) {
      requireIsoDate(o?.date, 'override date');
      if (o.kind !== 'workday' && o.kind !== 'holiday') {
        throw new RangeError(`override kind for ${o.date} must be 'workday' or 'holiday', got ${JSON.stringify(o.kind)}`);
      }
      const prior = map.get(o.date);
      // Two contradictory entries for one date is an operator error; silently picking one would hide it.
      if (prior && prior.kind !== o.kind) {
        throw new RangeError(`conflicting overrides for ${o.date}: '${prior.kind}' and '${o.kind}'`);
      }
      map.set(o.date, Object.freeze({ ...o }));
    }
    this.overrides = map;
  }

  isKnownYear(year: number): boolean {
    return (year >= PACKAGE_YEARS.from && year <= PACKAGE_YEARS.to) || this.completeYears.has(year);
  }

  /**
   * The same calendar, recording what it reads: run a due rule on `calendar`, then `span()` says
   * which dates the result depends on (null if none) and which of their years are not known yet.
   */
  recording(): { calendar: WorkingDayCalendar; span(): CalendarSpan | null } {
    let min = Infinity;
    let max = -Infinity;
    // The same checked overrides and years, shared (not rebuilt per deadline), with its own reader.
    const calendar: WorkingDayCalendar = Object.assign(Object.create(WorkingDayCalendar.prototype), this, {
      onRead: (day: number) => { if (day < min) min = day; if (day > max) max = day; },
    });
    return {
      calendar,
      span: () => {
        if (min > max) return null;
        const [y0] = civilFromDays(min);
        const [y1] = civilFromDays(max);
        const unknownYears: number[] = [];
        for (let y = y0; y <= y1; y++) if (!this.isKnownYear(y)) unknownYears.push(y);
        return { from: fromDayNumber(min), to: fromDayNumber(max), unknownYears };
      },
    };
  }

  /** Override, else chinese-days (statutory holidays and 调休 make-up days), else Monday–Friday. */
  isWorkingDay(date: IsoDate): boolean {
    return this.isWorkingDayNumber(toDayNumber(date, 'date'), date);
  }

  /**
   * The n-th working day after `date`. Day 1 is the FIRST working day AFTER
   * `date` (RULES.md: "within N working days of an event: day 1 is the first
   * working day after the event's date"), so `date` itself never counts.
   */
  addWorkingDays(date: IsoDate, n: number): IsoDate {
    let day = toDayNumber(date, 'date');
    if (requireInteger(n, 'n') < 1) throw new RangeError(`n must be an integer >= 1, got ${n}`);
    for (let found = 0; found < n; found++) {
      let gap = 0;
      do {
        day++;
        if (++gap > MAX_CALENDAR_DAYS_PER_WORKING_DAY) {
          throw new RangeError(
            `no working day within ${MAX_CALENDAR_DAYS_PER_WORKING_DAY} calendar days before ${fromDayNumber(day)}; check the calendar overrides`,
          );
        }
      } while (!this.isWorkingDayNumber(day, fromDayNumber(day)));
    }
    return fromDayNumber(day);
  }

  /** Number of working days d with from < d <= to (same convention as addWorkingDays); 0 if to <= from. */
  workingDaysBetween(from: IsoDate, to: IsoDate): number {
    const start = toDayNumber(from, 'from');
    const end = toDayNumber(to, 'to');
    let count = 0;
    for (let day = start + 1; day <= end; day++) {
      if (this.isWorkingDayNumber(day, fromDayNumber(day))) count++;
    }
    return count;
  }

  private isWorkingDayNumber(day: number, iso: IsoDate): boolean {
    this.onRead?.(day);
    const override = this.overrides.get(iso);
    if (override) return override.kind === 'workday';
    if (STATUTORY.workdays.has(iso)) return true; // 调休: a weekend day worked in exchange for a longer holiday
    if (STATUTORY.holidays.has(iso)) return false;
    const wd = weekdayOf(day);
    return wd >= 1 && wd <= 5;
  }
}

/**
 * Why a deadline over [from, to] is provisional, zh/en. Names the span's years after the package's
 * range (a provisional deadline is computed again once all of them are marked complete).
 */
export function provisionalNote(from: IsoDate, to: IsoDate): { zh: string; en: string } {
  const years: number[] = [];
  for (let y = Math.max(requireIsoDate(from, 'from')[0], PACKAGE_YEARS.to + 1); y <= requireIsoDate(to, 'to')[0]; y++) years.push(y);
  const list = years.length ? years : [requireIsoDate(to, 'to')[0]];
  return {
    zh: `暂定期限：${list.join('、')} 年节假日安排尚未公布或尚未录入，录入并确认后将自动重新计算`,
    en: `provisional: the holiday schedule for ${list.join(', ')} is not yet published or entered; the date is recomputed once it is`,
  };
}
