// P1's document: the written approval (书面批准) of R-psh-approval §3.1.3, its number, title,
// frozen content and printable A4 page.
import { own } from '../engine/own.ts';
import { a4Page, cnDate, cnNumber, esc } from '../print.ts';
import type { DocumentDecl, DocumentMeta } from '../types.ts';
import type { Context } from './purchased-service-hire.machine.ts';

const contractKinds: Record<string, string> = { labour_contract: '劳动合同', service_agreement: '服务协议' };

/** The lapse the approval was issued with; documents issued before it was recorded said six months. */
function lapseSentence(c: any): string {
  const lapse = c.decision?.lapse as { months: number; on: string } | undefined;
  if (!lapse) return '本批复自印发之日起六个月内未签订合同的，自动失效。';
  return `本批复自印发之日起${cnNumber(lapse.months)}个月内（至${cnDate(lapse.on)}）未签订合同的，自动失效。`;
}

export function writtenApprovalHtml(meta: DocumentMeta, c: any): string {
  const r = c.request;
  const posts = r.posts.map((p: any) => `<tr><td>${esc(p.title)}</td><td>${esc(p.count)}</td><td>${esc(p.duties)}</td></tr>`).join('');
  const rules = (c.rules as any[]).map((x) => `${esc(x.rule)} ${esc(x.clause)}`).join('；');
  return a4Page(`${meta.number} ${meta.title}`, `<p class="no">${esc(meta.number)}</p>
<h1>${esc(meta.title)}</h1>
<p>${esc(c.to)}：</p>
<p>你单位关于以购买服务方式聘用工会工作人员的申请收悉。经研究，同意你单位使用本级工会经费，以购买服务方式聘用下列岗位人员，年度经费 ${esc(r.annualBudgetYuan)} 元。</p>
<table><tr><th>岗位</th><th>人数</th><th>岗位职责</th></tr>${posts}</table>
<p>任职条件：${esc(r.qualifications)}</p>
<p>请按照《关于进一步加强工会工作者队伍建设的实施方案》第三部分（一）3 的规定，选聘熟悉劳动法律法规、擅长开展群众工作的人员，并依法签订${esc(own(contractKinds, r.contractKind) ?? r.contractKind)}。</p>
${c.decision?.conditions ? `<p>批准条件：${esc(c.decision.conditions)}</p>` : ''}
<p>${esc(lapseSentence(c))}</p>
<p class="right">${esc(c.issuer)}<br>${esc(cnDate(c.date))}</p>
<p class="en">Written approval ${esc(meta.number)}: ${esc(c.issuer)} approves ${esc(c.to)} hiring the posts above with its own union funds (${rules}). Approved by ${esc(c.approver)} on ${esc(c.date)}${c.decision?.lapse ? `; lapses unless a contract is signed by ${esc(c.decision.lapse.on)} (${esc(c.decision.lapse.months)} months)` : ''}.</p>
<div class="foot">依据 / Rules：${rules} · 审批人 / Approver：${esc(c.approver)} · 事项 / Case：${esc(c.instanceId)} · 内容校验 / SHA-256：${esc(meta.contentHash)}</div>`);
}

export const documents: Record<string, DocumentDecl> = {
  written_approval: {
    title: { zh: '书面批复', en: 'Written approval' },
    number: ({ issuer, year, seq }) => `${issuer.abbr}批〔${year}〕${seq}号`,
    heading: ({ to }) => `关于同意${to.name}以购买服务方式聘用工会工作人员的批复`,
    content: ({ context }) => ({ decision: (context as Context).decision, request: (context as Context).request }),
    html: writtenApprovalHtml,
  },
};
