// P5 campaign: each bulk event's checks, pure. The machine's guard and the definition's 422 answer
// read the same function, so a refused step names every bad row and changes nothing.
import type { Problem } from '../types.ts';
import { excellentCap, GRADES, type Grade } from '../rules/assessment.ts';
import type { Context, Member, Stage } from './annual-assessment.machine.ts';

type Body = Record<string, any>;
const stageTitles: Record<Stage, string> = {
  reporting: '待述职 / awaiting the self-report', reported: '已述职 / self-report in', scored: '已评分 / scored',
  decided: '已定等次 / graded', commentOnly: '只写评语 / comment only', commented: '已写评语 / commented',
};

/** Each row's person must be in the campaign, once, at one of `stages`. */
function rowProblems(c: Context, persons: number[], pointer: (i: number) => string, stages: Stage[]): Problem[] {
  const at = indexOf(c);
  const seen = new Set<number>();
  return persons.flatMap((p, i): Problem[] => {
    const m = at.get(p);
    if (!m) return [{ pointer: pointer(i), message: `人员 ${p} 不在本次考核范围内 / person ${p} is not in this campaign` }];
    if (seen.has(p)) return [{ pointer: pointer(i), message: `${m.name} 在本次提交中出现两次 / ${m.name} appears twice` }];
    seen.add(p);
    return stages.includes(m.stage) ? [] : [{ pointer: pointer(i), message: `${m.name} 当前为「${stageTitles[m.stage]}」，不能办理此项 / ${m.name} is at ${m.stage}` }];
  });
}
const rows = (stages: Stage[], extra?: (c: Context, r: Body, i: number) => Problem[]) => (c: Context, e: Body) => [
  ...rowProblems(c, (e.rows as Body[]).map((r) => r.person), (i) => `/rows/${i}/person`, stages),
  ...(extra ? (e.rows as Body[]).flatMap((r, i) => extra(c, r, i)) : []),
];
const one = (stages: Stage[], extra?: (c: Context, e: Body) => Problem[]) => (c: Context, e: Body) => {
  const p = rowProblems(c, [e.person], () => '/person', stages);
  return p.length ? p : extra?.(c, e) ?? [];
};

/** Members by person id (a campaign of 10,000 is searched once per event, not per row). */
const cache = new WeakMap<Member[], Map<number, Member>>();
export function indexOf(c: Context): Map<number, Member> {
  let m = cache.get(c.members);
  if (!m) cache.set(c.members, (m = new Map(c.members.map((x) => [x.personId, x]))));
  return m;
}

/** The 优秀 places left: the cap of those graded (rounded down) less the places taken. */
export const placesLeft = (c: Context) => excellentCap(c.graded, c.terms.excellentShare) - c.excellent;

const noExcellent = (field: string) => (_c: Context, e: Body): Problem[] => (e.grade === 'excellent'
  ? [{ pointer: `/${field}`, message: '复核或异议不能改定为优秀（优秀须占名额并公示）/ a review or objection cannot make the grade 优秀 (it needs a place and publicity)' }] : []);

export const checks: Record<string, (c: Context, e: Body) => Problem[]> = {
  SELF_REPORTS: rows(['reporting', 'reported']),
  RECORD_SCORES: rows(['reporting', 'reported', 'scored'], (c, r, i) => (indexOf(c).get(r.person)?.stage === 'reporting' && !r.selfReport
    ? [{ pointer: `/rows/${i}/selfReport`, message: '尚未述职：请先录入述职或随评分一并录入 / no self-report yet: record it first or with the scores' }] : [])),
  DECIDE: (c, e) => {
    const problems = rows(['scored'])(c, e);
    const asked = (e.rows as Body[]).filter((r) => r.grade === 'excellent').length;
    const cap = excellentCap(c.graded, c.terms.excellentShare);
    if (asked > placesLeft(c))
      problems.push({ pointer: '/rows', message: `优秀名额不足：本次考核 ${c.graded} 人定等次，优秀不超过 ${c.terms.excellentShare * 100}%（向下取整）即 ${cap} 名，已定 ${c.excellent} 名，本次又报 ${asked} 名（R-assess §3.4.2）/ not enough 优秀 places: ${cap} for ${c.graded} graded (${c.terms.excellentShare * 100}%, rounded down), ${c.excellent} taken, ${asked} asked` });
    return problems;
  },
  COMMENT: rows(['commentOnly']),
  REQUEST_REVIEW: one(['decided']),
  DECIDE_REVIEW: one(['decided'], (c, e) => (indexOf(c).get(e.person)!.grade === 'excellent' ? [] : noExcellent('grade')(c, e))),
  UPHOLD_OBJECTION: one(['decided'], (c, e) => (indexOf(c).get(e.person)!.grade !== 'excellent'
    ? [{ pointer: '/person', message: '只有拟定优秀的人员经公示，才有公示异议 / only those graded 优秀 are publicised' }] : noExcellent('grade')(c, e))),
  CLOSE: (c) => {
    const left = c.members.filter((m) => m.stage !== 'decided' && m.stage !== 'commented').length;
    return left ? [{ pointer: '/type', message: `尚有 ${left} 人未定等次或未写评语 / ${left} people are not graded or commented yet` }] : [];
  },
};

export const problemsOf = (c: Context, e: Body & { type: string }) => checks[e.type]?.(c, e) ?? [];
export const gradeOk = (g: string): g is Grade => g in GRADES;
