// P2 campaign: each bulk event's checks, pure. The machine's guard and the definition's 422 answer
// read the same function, so a refused bulk step names every bad row and changes nothing.
import { maskResidentId } from '../rules/resident-id.ts';
import type { Problem } from '../types.ts';
import type { Context, Registration } from './recruitment-exam.machine.ts';
import { rowProblems, type Stage } from './recruitment-exam.rules.ts';

type Body = Record<string, any>;
const rowsOf = (field: string, stages: Stage[], extra?: (r: Body, i: number) => Problem[]) => (c: Context, e: Body) => [
  ...rowProblems(c.roster, (e[field] as Body[]).map((r) => (typeof r === 'string' ? r : r.applicant)), (i) => `/${field}/${i}`, stages),
  ...(extra ? (e[field] as Body[]).flatMap(extra) : []),
];
const waiting = (c: Context, stage: Stage, what: string): Problem[] => {
  const n = c.roster.filter((x) => x.stage === stage).length;
  return n ? [{ pointer: '/type', message: `尚有 ${n} 名报考人${what} / ${n} applicants still ${stage}` }] : [];
};
/** The masked number (as the machine sees it) whatever the caller sent. */
const masked = (r: Registration) => (r.idNumber.includes('*') ? r.idNumber : maskResidentId(r.idNumber));

export const checks: Record<string, (c: Context, e: Body) => Problem[]> = {
  REGISTER: (c, e) => {
    const seen = new Set(c.roster.map((x) => `${x.name}\u0000${x.id}`));
    return (e.applicants as Registration[]).flatMap((r, i) => {
      const k = `${r.name}\u0000${masked(r)}`;
      const problems: Problem[] = [];
      if (!c.posts.some((p) => p.id === r.post)) problems.push({ pointer: `/applicants/${i}/post`, message: `本次招录无岗位「${r.post}」/ no post ${r.post} in this campaign` });
      if (seen.has(k)) problems.push({ pointer: `/applicants/${i}/idNumber`, message: `${r.name} 已报名本次招录 / ${r.name} is registered already` });
      seen.add(k);
      return problems;
    });
  },
  QUALIFY: rowsOf('applicants', ['registered']),
  DISQUALIFY: rowsOf('rows', ['registered', 'qualified']),
  RECORD_WRITTEN: rowsOf('rows', ['qualified']),
  RECORD_INTERVIEW: rowsOf('rows', ['invited']),
  RECORD_CHECKS: rowsOf('rows', ['checks']), // a failed check's reason: its schema
  HIRE: rowsOf('applicants', ['publicised']),
  UPHOLD_OBJECTION: (c, e) => rowProblems(c.roster, [e.applicant], () => '/applicant', ['publicised']),
  ANNOUNCE: (_c, e) => (Date.parse(e.registrationClosesAt) > Date.parse(e.at ?? 0) ? [] : [{ pointer: '/registrationClosesAt', message: '报名截止时间须晚于现在 / registration must close in the future' }]),
  SCHEDULE_WRITTEN: (c) => waiting(c, 'registered', '未审查资格 / not reviewed'),
  SCHEDULE_INTERVIEW: (c) => waiting(c, 'qualified', '未录入笔试成绩 / without a written score'),
  CLOSE_INTERVIEW: (c) => waiting(c, 'invited', '未录入面试成绩 / without an interview score'),
  START_PUBLICITY: (c) => [...waiting(c, 'checks', '体检考察未完成 / in the checks'),
    ...(c.roster.some((x) => x.stage === 'checksPassed') ? [] : [{ pointer: '/type', message: '无通过体检考察的人员可公示 / nobody passed the checks' }])],
  CLOSE: (c) => waiting(c, 'publicised', '已公示未办理聘用 / publicised but not hired'),
};

export const problemsOf = (c: Context, e: Body & { type: string }) => checks[e.type]?.(c, e) ?? [];
