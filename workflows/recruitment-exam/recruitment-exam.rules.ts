// P2's scoring rules (RULES.md "Defaults the plan does not give": exam score, interview ratio,
// certificate bonus, failed check → 递补), pure. Scores are rounded to two decimals before any
// ranking; every list is per post. The campaign's roster is what they read.
import type { Problem } from '../types.ts';

export const SCORE = { rule: 'R-exam-score', clause: '§2(二)(三) [default: written 60% + interview 40%]' };
export const RATIO = { rule: 'R-exam-ratio', clause: '§2(二)(三) [default: 2 invited per place, ties all invited]' };
export const BONUS = { rule: 'R-exam-bonus', clause: '§2(二)(三) [default: +20 / +10 written points]' };
export const CALL_UP = { rule: 'R-exam-callup', clause: '§2(二)(三) [default: next in rank order]' };
export const PUBLICITY = { rule: 'R-exam-publicity', clause: '§2(二)(三) [default: 7 calendar days]' };
export const PASS_LINE = { rule: 'R-exam-passline', clause: '§2(二)(三) [default: 60 points]' };
export const CUT = { rule: 'R-exam-ratio', clause: '§2(二)(三) 核减 [default: places cut to qualified ÷ ratio]' };

/** The per-campaign numbers, frozen when registration opens. */
export type Terms = {
  writtenWeight: number; // interview weight = 1 − writtenWeight
  interviewRatio: number; // invited per place
  passLine: number; // on the written score before bonus
  bonus: { full: number; assistant: number };
  publicityDays: number;
  maxCallUpsPerPost: number;
};

/** 社会工作师 / 心理咨询师二级 / 劳动关系协调师 and their assistant grades (RULES.md "certificate bonus"). */
export const CERTIFICATES = {
  social_worker: 'full', counsellor_2: 'full', labour_relations: 'full',
  social_worker_assistant: 'assistant', counsellor_3: 'assistant', labour_relations_assistant: 'assistant',
} as const;
export type Certificate = keyof typeof CERTIFICATES;

export type Stage =
  | 'registered' | 'qualified' | 'disqualified' | 'absent' | 'writtenScored' | 'invited' | 'notInvited'
  | 'interviewed' | 'ranked' | 'checks' | 'checksPassed' | 'checksFailed' | 'publicised' | 'hired'
  | 'withdrew' | 'replaced' | 'postCancelled' | 'cancelled' | 'notHired';
/** One applicant as the campaign sees it. `key`: the applicant case's correlation key; `seq`: registration order. */
export type Entry = {
  key: string; seq: number; post: string; name: string; /** masked */ id: string; stage: Stage; bonus: number;
  written?: number; writtenAdj?: number; interview?: number; total?: number; rank?: number; calledUp?: boolean;
};
/** What a hire becomes in the register (RULES.md §2): social workers (§2(二)) or community officers (§3.1.2(2)); social_worker when unsaid. */
export const POST_KINDS = {
  social_worker: { zh: '专职工会社会工作者', en: 'Union social worker' },
  community_officer: { zh: '社区（村）联合工会专职干事', en: 'Community joint-union officer' },
};
export type PostKind = keyof typeof POST_KINDS;
export type Post = { id: string; title: string; unitId: number; unitName: string; places: number; kind?: PostKind; quota?: { required: number; inPost: number } };

/** Half-up to two decimals, free of binary noise (78.125 → 78.13). R-exam-score. */
export const round2 = (x: number) => Math.round(Number((x * 100).toPrecision(12))) / 100;

/** The highest single certificate counts; certificates do not add up (R-exam-bonus). */
export const bonusOf = (certs: readonly string[], t: Terms) =>
  certs.some((c) => CERTIFICATES[c as Certificate] === 'full') ? t.bonus.full : certs.some((c) => CERTIFICATES[c as Certificate] === 'assistant') ? t.bonus.assistant : 0;

/** Written score with the bonus, rounded (the invitation ranks by it). */
export const writtenAdjusted = (written: number, bonus: number) => round2(written + bonus);
/** Total = written (with bonus) × w + interview × (1 − w), rounded (R-exam-score). */
export const totalScore = (writtenAdj: number, interview: number, t: Terms) => round2(writtenAdj * t.writtenWeight + interview * round2(1 - t.writtenWeight));

/** Competition ranks (1, 2, 2, 4) by a score, highest first. */
export function ranks<T>(xs: T[], score: (x: T) => number): Map<T, number> {
  const sorted = [...xs].sort((a, b) => score(b) - score(a));
  const out = new Map<T, number>();
  sorted.forEach((x, i) => out.set(x, i > 0 && score(sorted[i - 1]) === score(x) ? out.get(sorted[i - 1])! : i + 1));
  return out;
}

/**
 * 核减 before the written exam (R-exam-ratio): a post with fewer qualified applicants than places ×
 * ratio keeps ⌊qualified ÷ ratio⌋ places; none left → the post is cancelled. Told to HR.
 */
export function postCuts(posts: Post[], roster: Entry[], t: Terms): { post: string; from: number; to: number }[] {
  return posts.flatMap((p) => {
    const q = roster.filter((e) => e.post === p.id && e.stage === 'qualified').length;
    if (q >= p.places * t.interviewRatio) return [];
    return [{ post: p.id, from: p.places, to: Math.floor(q / t.interviewRatio) }];
  });
}

/**
 * Interview invitations per post (R-exam-ratio, R-exam-passline): of those at or above the pass
 * line, by written score with bonus, the first places × ratio, and everyone tied with the last.
 */
export function invitations(posts: Post[], roster: Entry[], t: Terms): { invited: Set<string>; ranksOf: Map<string, number> } {
  const invited = new Set<string>();
  const ranksOf = new Map<string, number>();
  for (const p of posts) {
    const passed = roster.filter((e) => e.post === p.id && e.stage === 'writtenScored' && e.written! >= t.passLine);
    const r = ranks(passed, (e) => e.writtenAdj!);
    const n = p.places * t.interviewRatio;
    const sorted = [...passed].sort((a, b) => r.get(a)! - r.get(b)!);
    const cutoff = sorted[Math.min(n, sorted.length) - 1]?.writtenAdj;
    for (const e of sorted) {
      ranksOf.set(e.key, r.get(e)!);
      if (cutoff !== undefined && e.writtenAdj! >= cutoff) invited.add(e.key);
    }
  }
  return { invited, ranksOf };
}

/**
 * Hiring order within a post (R-exam-score): total, then written with bonus, then interview, then
 * the earlier registration — a strict order, so places never split a tie.
 */
export const byTotal = (a: Entry, b: Entry) =>
  b.total! - a.total! || b.writtenAdj! - a.writtenAdj! || b.interview! - a.interview! || a.seq - b.seq;

/** After the interview: per post, the first `places` go to the checks, the rest wait in rank order (the reserve). */
export function selection(posts: Post[], roster: Entry[]): { selected: Set<string>; rank: Map<string, number> } {
  const selected = new Set<string>();
  const rank = new Map<string, number>();
  for (const p of posts) {
    const list = roster.filter((e) => e.post === p.id && e.stage === 'interviewed').sort(byTotal);
    list.forEach((e, i) => {
      rank.set(e.key, i + 1);
      if (i < p.places) selected.add(e.key);
    });
  }
  return { selected, rank };
}

/**
 * 递补 (R-exam-callup): the best-ranked applicant of the post still in the reserve, unless the
 * post's call-ups are used up or hiring formalities have begun. null when nobody may be called.
 */
export function nextCallUp(roster: Entry[], post: string, used: number, t: Terms, hiringStarted: boolean): Entry | null {
  if (hiringStarted || used >= t.maxCallUpsPerPost) return null;
  return roster.filter((e) => e.post === post && e.stage === 'ranked').sort((a, b) => a.rank! - b.rank!)[0] ?? null;
}

/** The rows of a bulk event that name no applicant of the campaign, or one not at the stage it needs (pointers into the event). */
export function rowProblems(roster: Entry[], keys: string[], pointer: (i: number) => string, stages: Stage[]): Problem[] {
  const byKey = new Map(roster.map((e) => [e.key, e]));
  const seen = new Set<string>();
  return keys.flatMap((k, i) => {
    const e = byKey.get(k);
    if (seen.has(k)) return [{ pointer: pointer(i), message: `同一报考人重复出现 / applicant ${k} appears twice` }];
    seen.add(k);
    if (!e) return [{ pointer: pointer(i), message: `本次招录无此报考人 / no applicant ${k} in this campaign` }];
    if (!stages.includes(e.stage)) return [{ pointer: pointer(i), message: `${e.name} 当前为「${e.stage}」，不能办理此项 / ${e.name} is ${e.stage}, not ${stages.join('|')}` }];
    return [];
  });
}
