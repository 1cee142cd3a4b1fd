// Pure checks of P1 (§3.1.3) shared by the machine's guards and the engine's 422 messages.
export type Post = { title: string; count: number; duties: string };
export type Request = {
  posts: Post[];
  annualBudgetYuan: number;
  fundSource: 'own_union_funds';
  reason: string;
  qualifications: string;
  contractKind: 'labour_contract' | 'service_agreement';
};
export type Contract = { kind: Request['contractKind']; number: string; startDate: string; endDate: string };
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

/** R-psh-contract: the contract is of the approved kind and belongs to a selected person without one. */
export function contractProblems(request: Request, candidates: Candidate[], e: Contract & { candidate: string }): Problem[] {
  const out: Problem[] = [];
  const c = candidates.find((x) => x.key === e.candidate);
  if (!c) out.push({ pointer: '/candidate', message: `未找到人选 ${e.candidate} / no selected person ${e.candidate}` });
  else if (c.contract) out.push({ pointer: '/candidate', message: `${c.name} 的合同已登记 / a contract is already recorded for this person` });
  if (e.kind !== request.contractKind)
    out.push({ pointer: '/kind', message: `批准的用工形式为 ${request.contractKind}，不能登记 ${e.kind} / the approval was for a ${request.contractKind} (R-psh-contract §3.1.3)` });
  if (e.endDate <= e.startDate) out.push({ pointer: '/endDate', message: '合同终止日期须晚于起始日期 / the end date must be after the start date' });
  return out;
}
