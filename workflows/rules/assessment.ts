// P5 annual assessment's rules, pure, shared by its campaign and member cases (R-assess §3.4.2, R-commend §3.3.2, R-priority §3.3.3; the
// defaults "assessment grades" and "assessment consequences" of RULES.md). Every number they read
// is a setting (the campaign's settings) frozen into the campaign's terms at its start.
import { daysBetween, type IsoDate } from './calendar.ts';
import { choice } from '../schema-kit.ts';

export const ASSESS = { rule: 'R-assess', clause: '§3.4.2' };
export const COMMEND = { rule: 'R-commend', clause: '§3.3.2' };
export const PRIORITY = { rule: 'R-priority', clause: '§3.3.3' };
export const DAILY = { rule: 'R-assess', clause: '§4.2' };
/** RULES.md defaults "assessment grades" (优秀 ≤ 20%) and "assessment consequences". */
export const CAP = { rule: 'R-assess', clause: '§3.4.2 (default: 优秀 ≤ 20%)' };
export const CONSEQUENCE = { rule: 'R-lifecycle', clause: '§3.4.1 (default: 不称职 → exit review; 基本称职 twice → not renewed)' };

export const GRADES = {
  excellent: { zh: '优秀', en: 'excellent' },
  competent: { zh: '称职', en: 'competent' },
  basic: { zh: '基本称职', en: 'basically competent' },
  incompetent: { zh: '不称职', en: 'incompetent' },
} as const;
export type Grade = keyof typeof GRADES;
export const gradeTitle = (g: Grade) => `${GRADES[g].zh} / ${GRADES[g].en}`;

/** Weights of the three criteria (政治素质、工作业绩、工作态度), summing to 1. */
export type Weights = { political: number; performance: number; attitude: number };
export type Scores = Weights;
/** The lowest total of each grade above 不称职. */
export type GradeLines = { excellent: number; competent: number; basic: number };
export type Terms = {
  excellentShare: number;
  weights: Record<string, Weights>;
  lines: GradeLines;
  publicityWorkingDays: number;
  reviewDays: number;
  minShareOfYear: number;
  reminderDays: number[];
};

/** A kind's weights, else the `default` entry's (R-assess: indicators per kind). */
export const weightsFor = (t: Pick<Terms, 'weights'>, kind: string): Weights => t.weights[kind] ?? t.weights.default;

/** The weighted total, to two decimals. */
export function totalScore(s: Scores, w: Weights): number {
  return Math.round((s.political * w.political + s.performance * w.performance + s.attitude * w.attitude) * 100) / 100;
}

export function proposedGrade(total: number, lines: GradeLines): Grade {
  return total >= lines.excellent ? 'excellent' : total >= lines.competent ? 'competent' : total >= lines.basic ? 'basic' : 'incompetent';
}

/**
 * 优秀 places of a campaign of `graded` people (those who get a grade): "优秀 ≤ 20%" read as never
 * above the share, so ROUNDED DOWN: 20 → 4, 24 → 4, 25 → 5, 4 → 0 (a campaign under 5 people has
 * no 优秀 place at 20%). The epsilon keeps 0.2 × 25 = 5.000000000000001 from losing a place.
 */
export const excellentCap = (graded: number, share: number) => Math.floor(graded * share + 1e-9);

/**
 * Whether someone was in post for less than `minShare` of the assessment year (default half):
 * days from the later of the start date and 1 January to 31 December, against the year's days.
 * They get a written comment and no grade (只写评语，不定等次).
 */
export function commentOnly(startDate: IsoDate, year: number, minShare: number): boolean {
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const from = startDate > first ? startDate : first;
  if (from > last) return true;
  const inPost = daysBetween(from, last) + 1;
  const days = daysBetween(first, last) + 1;
  return inPost < days * minShare;
}

export type PreviousAssessment = { year: number; grade: string; caseId: string | null };

/** 基本称职 this year and the year before: not to be renewed (RULES.md default "assessment consequences"). */
export const notToRenew = (grade: Grade, year: number, previous?: PreviousAssessment | null) =>
  grade === 'basic' && !!previous && previous.year === year - 1 && previous.grade === 'basic';

/** Kinds R-priority §3.3.3 names: outstanding social workers and community officers first in public-institution recruitment. */
export const PRIORITY_KINDS = ['social_worker', 'community_officer'];

/** The grade field of a form (the campaign's DECIDE rows, a member's review). */
export const grade = () => choice(GRADES, '等次', 'grade', { rule: CAP });
