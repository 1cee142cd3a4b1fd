// Pure rules of P4 主席补选 (§3.1.1 R-chair-vacancy) shared by the machine's guards, the deadline
// declarations and the engine's 422 messages. No clock: every "now" is passed in.
import { addCalendarMonths, addDays, daysBetween, endOfShanghaiDay, shanghaiDate, type IsoDate } from '../rules/calendar.ts';

export type VacancyReason = 'resigned' | 'retired' | 'transferred' | 'dismissed' | 'deceased' | 'other';
export type Vacancy = {
  vacancyDate: IsoDate;
  reason: VacancyReason;
  reasonNote?: string;
  actingChair: string;
  previousChair: string;
};
export type ElectingBody = 'members_assembly' | 'members_congress' | 'committee';
export type Candidate = { key: string; name: string; currentPost: string; partyMember: boolean; idNumber?: string };
export type Tally = { entitled: number; present: number; votes: number };
export type Problem = { pointer: string; message: string };
/** n/d: quorum is present ≥ n/d of entitled; majority is votes > n/d of entitled. */
export type Fraction = [number, number];
/**
 * The [default]s a case is started with and keeps (settings.ts; RULES.md defaults): a later change
 * of the settings never rewrites a running by-election.
 */
export type Terms = {
  quorum: Fraction;
  majority: Fraction;
  contestedSlate: boolean;
  publicityDays: number;
  reminderDaysBefore: number[];
  overdueRepeatDays: number;
  reportWorkingDays: number;
  reviewWorkingDays: number;
  reviewReminderWorkingDays: [number, number];
};

export const REASON_ZH: Record<VacancyReason, string> = {
  resigned: '辞职', retired: '退休', transferred: '调离', dismissed: '罢免', deceased: '去世', other: '其他',
};
export const ELECTING_BODY_ZH: Record<ElectingBody, string> = {
  members_assembly: '会员大会', members_congress: '会员代表大会', committee: '工会委员会',
};

/**
 * The numbers a case started before they became settings was run with (they were constants then);
 * such a case has no `terms` of its own.
 */
export const EARLIER_TERMS: Terms = {
  quorum: [2, 3], majority: [1, 2], contestedSlate: false, publicityDays: 7, reminderDaysBefore: [60, 30, 7, 1], overdueRepeatDays: 7,
  reportWorkingDays: 10, reviewWorkingDays: 10, reviewReminderWorkingDays: [5, 8],
};

/** Months within which the by-election must be held (三个月内进行补选). */
export const BY_ELECTION_MONTHS = 3;

/** R-chair-vacancy: the last day of the by-election, vacancy date + 3 calendar months, clamped to month end. */
export function hardDeadlineDate(vacancyDate: IsoDate): IsoDate {
  return addCalendarMonths(vacancyDate, BY_ELECTION_MONTHS);
}

/** The instant the case is overdue: the end of the last day, Asia/Shanghai. */
export function hardDeadlineAt(vacancyDate: IsoDate): Date {
  return endOfShanghaiDay(hardDeadlineDate(vacancyDate));
}

/** The day a reminder goes out, N calendar days before the hard deadline's date. */
export function reminderDate(vacancyDate: IsoDate, daysBefore: number): IsoDate {
  return addDays(hardDeadlineDate(vacancyDate), -daysBefore);
}

/** Calendar days left until the hard deadline's date (0 on the last day, negative once past). */
export function daysLeft(vacancyDate: IsoDate, at: Date): number {
  return daysBetween(shanghaiDate(at), hardDeadlineDate(vacancyDate));
}

/** Quorum [default ⅔]: present ≥ n/d of those entitled, in integers. */
export const hasQuorum = (t: Pick<Tally, 'entitled' | 'present'>, [n, d]: Fraction) => d * t.present >= n * t.entitled;
/** Elected [default ½]: votes for the candidate > n/d of those entitled (not of those present), in integers. */
export const hasMajority = (t: Pick<Tally, 'entitled' | 'votes'>, [n, d]: Fraction) => d * t.votes > n * t.entitled;
export const isElected = (t: Tally, terms: Pick<Terms, 'quorum' | 'majority'>) => hasQuorum(t, terms.quorum) && hasMajority(t, terms.majority);

/** NOMINATE: a contested slate (差额, more candidates than the one seat) when the case's terms require it. */
export function nominationProblems(terms: Pick<Terms, 'contestedSlate'>, e: { candidates: unknown[] }): Problem[] {
  if (terms.contestedSlate && e.candidates.length < 2)
    return [{ pointer: '/candidates', message: '须差额提名：候选人应多于应选名额（至少 2 名）/ a contested slate is required: at least 2 candidates for the one seat (R-chair-vacancy §3.1.1 [default])' }];
  return [];
}

/** APPROVE_CANDIDATE: the party organisation agreed on a day that has come, and not before the post fell vacant. */
export function partyAgreementProblems(vacancyDate: IsoDate, today: IsoDate, e: { partyAgreedOn: IsoDate }): Problem[] {
  if (e.partyAgreedOn > today)
    return [{ pointer: '/partyAgreedOn', message: `党组织同意日期 ${e.partyAgreedOn} 晚于今天 ${today} / the party organisation's agreement of ${e.partyAgreedOn} lies after today (${today})` }];
  if (e.partyAgreedOn < vacancyDate)
    return [{ pointer: '/partyAgreedOn', message: `党组织同意日期 ${e.partyAgreedOn} 早于主席职位空缺日期 ${vacancyDate} / the agreement of ${e.partyAgreedOn} predates the vacancy (${vacancyDate})` }];
  return [];
}

/** Start: the vacancy cannot lie in the future of the moment it is reported. */
export function vacancyProblems(v: Pick<Vacancy, 'vacancyDate' | 'reason' | 'reasonNote'>, at: Date): Problem[] {
  const out: Problem[] = [];
  const today = shanghaiDate(at);
  if (v.vacancyDate > today)
    out.push({ pointer: '/vacancyDate', message: `空缺日期 ${v.vacancyDate} 晚于今天 ${today}，职位尚未空缺 / the vacancy date ${v.vacancyDate} is after today (${today}); report a vacancy once it exists` });
  if (v.reason === 'other' && !v.reasonNote?.trim())
    out.push({ pointer: '/reasonNote', message: '空缺原因为「其他」时须说明 / explain the reason when it is "other"' });
  return out;
}

/**
 * ELECTION_HELD: the tally must be possible and the vote must follow the candidate's publicity.
 * `candidates` are those the parent union approved; `publicityLastDay` is the publicity's last day.
 */
export function electionProblems(
  candidates: Candidate[],
  publicityLastDay: IsoDate | undefined,
  today: IsoDate,
  e: Tally & { date: IsoDate; candidate?: string },
): Problem[] {
  const out: Problem[] = [];
  if (e.date > today)
    out.push({ pointer: '/date', message: `选举日期 ${e.date} 晚于今天 ${today}，请在选举后登记结果 / the vote of ${e.date} lies after today (${today}); record it once held` });
  if (e.present > e.entitled)
    out.push({ pointer: '/present', message: `实到人数 ${e.present} 超过应到人数 ${e.entitled} / present (${e.present}) exceeds entitled (${e.entitled})` });
  if (e.votes > e.present)
    out.push({ pointer: '/votes', message: `得票数 ${e.votes} 超过实到人数 ${e.present} / votes (${e.votes}) exceed those present (${e.present})` });
  if (e.candidate === undefined) {
    if (candidates.length !== 1)
      out.push({ pointer: '/candidate', message: `有 ${candidates.length} 名候选人，须指明得票的候选人 / name the candidate the votes are for (${candidates.map((c) => c.key).join(', ')})` });
  } else if (!candidates.some((c) => c.key === e.candidate)) {
    out.push({ pointer: '/candidate', message: `${e.candidate} 不是经审查公示的候选人 / ${e.candidate} is not an approved, publicised candidate (${candidates.map((c) => c.key).join(', ') || '无 none'})` });
  }
  if (publicityLastDay && e.date <= publicityLastDay)
    out.push({ pointer: '/date', message: `选举日期须在公示期满（${publicityLastDay}）之后 / the election must follow the end of the publicity (${publicityLastDay})` });
  return out;
}

/** REPORT_RESULT: the new chair cannot take office before being elected. */
export function reportProblems(electionDate: IsoDate | undefined, e: { startDate: IsoDate }): Problem[] {
  if (electionDate && e.startDate < electionDate)
    return [{ pointer: '/startDate', message: `任职日期 ${e.startDate} 早于选举日期 ${electionDate} / the term cannot start before the election (${electionDate})` }];
  return [];
}

/** Publicity of the candidate (公示) [default 7 calendar days]: day 1 is the day after it starts, so the last day is start + N. */
export function publicityLastDay(startedAt: Date, days: number): IsoDate {
  return addDays(shanghaiDate(startedAt), days);
}
export function publicityEndsAt(startedAt: Date, days: number): Date {
  return endOfShanghaiDay(publicityLastDay(startedAt, days));
}

/** The vote met the three months (三个月内进行补选) when it was held on or before the deadline's last day. */
export const heldInTime = (vacancyDate: IsoDate, voteDate: IsoDate) => voteDate <= hardDeadlineDate(vacancyDate);

/**
 * Whether a fired reminder still means something. Reminders are declared for the whole case, so
 * a case reported long after the vacancy gets rows whose time had already passed; the scheduler
 * would fire them all at once. A reminder is sent only if
 *  - it was still in the future when the case was opened (a stale rung is dropped, never sent), and
 *  - the hard deadline has not passed (from then on the weekly overdue mail speaks), and
 *  - no later rung of the ladder is already due (a late scheduler sends only the newest rung).
 */
export function reminderIsCurrent(a: { vacancyDate: IsoDate; openedAt: Date; dueAt: Date; at: Date; ladder: number[] }): boolean {
  if (a.dueAt.getTime() <= a.openedAt.getTime()) return false;
  if (a.at.getTime() >= hardDeadlineAt(a.vacancyDate).getTime()) return false;
  const rung = daysBetween(shanghaiDate(a.dueAt), hardDeadlineDate(a.vacancyDate));
  const next = [...a.ladder].sort((x, y) => y - x).find((n) => n < rung);
  return next === undefined || shanghaiDate(a.at) < reminderDate(a.vacancyDate, next);
}
