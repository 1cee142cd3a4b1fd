// Pure checks of P1 (§3.1.3) shared by the machine's guards and the engine's 422 messages.
import { addCalendarMonths, shanghaiDate, type IsoDate } from '../rules/calendar.ts';

export type Post = { title: string; count: number; duties: string };
export type Request = {
  posts: Post[];
  annualBudgetYuan: number;
  fundSource: 'own_union_funds';
  reason: string;
  qualifications: string;
  contractKind: 'labour_contract' | 'service_agreement';
};
/** A labour contract has an end date or is open-ended (无固定期限劳动合同); a service agreement always ends. */
export type Contract = { kind: Request['contractKind']; number: string; startDate: string; endDate?: string; openEnded?: true };
/** Settings a case is started with and keeps (settings.ts): the written approval states the lapse it was issued with. */
export type Terms = { lapseMonths: number; lapseReminderDays: number };
export type Lapse = { months: number; on: IsoDate };

/** R-psh-contract [default]: the approval lapses at the end of the day N calendar months after the approval's date (Asia/Shanghai). */
export const lapseOf = (approvedAt: string, months: number): Lapse => ({ months, on: addCalendarMonths(shanghaiDate(new Date(approvedAt)), months) });
export type Candidate = {
  key: string;
  postIndex: number;
  name: string;
  idNumber: string;
  phone?: string;
  knowsLabourLaw: true;
  goodAtMassWork: true;
  certificate?: { name: string; number: string; level?: string };
  selectedAt: string;
  selectedBy: string;
  contract?: Contract & { recordedAt: string; recordedBy: string };
};
export type Problem = { pointer: string; message: string };

export const slots = (r: Request) => r.posts.reduce((n, p) => n + p.count, 0);
export const contracted = (cs: Candidate[]) => cs.filter((c) => c.contract).length;

/** R-psh-approval: one selected person per approved slot of each post. */
export function candidateProblems(request: Request, candidates: Candidate[], e: { postIndex?: number }): Problem[] {
  const i = e.postIndex ?? 0;
  const post = request.posts[i];
  if (!post) return [{ pointer: '/postIndex', message: `岗位 ${i} 不存在（共 ${request.posts.length} 个岗位）/ no post ${i} in the approved request` }];
  const taken = candidates.filter((c) => c.postIndex === i).length;
  if (taken >= post.count)
    return [{ pointer: '/postIndex', message: `岗位「${post.title}」批准 ${post.count} 人，已全部选定 / all ${post.count} approved places of this post are filled (R-psh-approval §3.1.3)` }];
  return [];
}

/**
 * R-psh-contract: the contract is of the approved kind, belongs to a selected person without one,
 * does not start before the approval's date (`approvedOn`, Asia/Shanghai), and has a possible term.
 */
export function contractProblems(request: Request, candidates: Candidate[], e: Contract & { candidate: string }, approvedOn: IsoDate): Problem[] {
  const out: Problem[] = [];
  const c = candidates.find((x) => x.key === e.candidate);
  if (!c) out.push({ pointer: '/candidate', message: `未找到人选 ${e.candidate} / no selected person ${e.candidate}` });
  else if (c.contract) out.push({ pointer: '/candidate', message: `${c.name} 的合同已登记 / a contract is already recorded for this person` });
  if (e.kind !== request.contractKind)
    out.push({ pointer: '/kind', message: `批准的用工形式为 ${request.contractKind}，不能登记 ${e.kind} / the approval was for a ${request.contractKind} (R-psh-contract §3.1.3)` });
  if (e.startDate < approvedOn)
    out.push({ pointer: '/startDate', message: `合同起始日期 ${e.startDate} 早于书面批准日期 ${approvedOn}，须先批准后聘用 / the contract cannot start before the written approval of ${approvedOn} (R-psh-approval, R-psh-contract §3.1.3)` });
  if (e.openEnded && e.kind !== 'labour_contract')
    out.push({ pointer: '/openEnded', message: '只有劳动合同可以无固定期限，服务协议须写明终止日期 / only a labour contract may be open-ended; a service agreement has an end date (R-psh-contract §3.1.3)' });
  else if (e.openEnded && e.endDate)
    out.push({ pointer: '/endDate', message: '无固定期限劳动合同没有终止日期，请删去终止日期或取消「无固定期限」/ an open-ended contract has no end date: give one or the other' });
  else if (!e.openEnded && !e.endDate)
    out.push({ pointer: '/endDate', message: e.kind === 'labour_contract' ? '请填写合同终止日期，或标明无固定期限劳动合同（openEnded）/ give the end date, or mark the labour contract open-ended' : '请填写服务协议终止日期 / give the end date of the service agreement' });
  else if (e.endDate && e.endDate <= e.startDate) out.push({ pointer: '/endDate', message: '合同终止日期须晚于起始日期 / the end date must be after the start date' });
  return out;
}
