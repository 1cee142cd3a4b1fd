// The written approval (书面批准) as a printable A4 page. Content comes frozen from the document row.
import { own } from '../workflows/engine/own.ts';
const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const kinds: Record<string, string> = { labour_contract: '劳动合同', service_agreement: '服务协议' };
const cnDate = (d: string) => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
const DIGITS = '〇一二三四五六七八九';
/** 1–99 in Chinese numerals, as an official letter writes a period (六个月, 十二个月, 二十四个月). */
export function cnNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  const tens = Math.floor(n / 10), ones = n % 10;
  return `${tens > 1 ? DIGITS[tens] : ''}${tens ? '十' : ''}${ones ? DIGITS[ones] : ''}`;
}
/** The lapse the approval was issued with; documents issued before it was recorded said six months. */
function lapseSentence(c: any): string {
  const lapse = c.decision?.lapse as { months: number; on: string } | undefined;
  if (!lapse) return '本批复自印发之日起六个月内未签订合同的，自动失效。';
  return `本批复自印发之日起${cnNumber(lapse.months)}个月内（至${cnDate(lapse.on)}）未签订合同的，自动失效。`;
}

export function writtenApprovalHtml(meta: { number: string; title: string; contentHash: string }, c: any): string {
  const r = c.request;
  const posts = r.posts.map((p: any) => `<tr><td>${esc(p.title)}</td><td>${esc(p.count)}</td><td>${esc(p.duties)}</td></tr>`).join('');
  const rules = (c.rules as any[]).map((x) => `${esc(x.rule)} ${esc(x.clause)}`).join('；');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(meta.number)} ${esc(meta.title)}</title>
<style>
  @page { size: A4; margin: 25mm 26mm; }
  body { font-family: "FangSong", "STFangsong", "Noto Serif CJK SC", serif; font-size: 16pt; line-height: 1.8; max-width: 170mm; margin: 2em auto; color: #000; }
  h1 { font-family: "SimHei", "Noto Sans CJK SC", sans-serif; text-align: center; font-size: 20pt; margin: 0.5em 0; }
  .no { text-align: center; } .right { text-align: right; } table { border-collapse: collapse; width: 100%; font-size: 12pt; }
  td, th { border: 1px solid #000; padding: 4px 6px; vertical-align: top; } .en { font-size: 10pt; color: #444; }
  .foot { font-size: 9pt; color: #555; border-top: 1px solid #999; margin-top: 2em; word-break: break-all; }
  @media print { .en { color: #000; } }
</style></head><body>
<p class="no">${esc(meta.number)}</p>
<h1>${esc(meta.title)}</h1>
<p>${esc(c.to)}：</p>
<p>你单位关于以购买服务方式聘用工会工作人员的申请收悉。经研究，同意你单位使用本级工会经费，以购买服务方式聘用下列岗位人员，年度经费 ${esc(r.annualBudgetYuan)} 元。</p>
<table><tr><th>岗位</th><th>人数</th><th>岗位职责</th></tr>${posts}</table>
<p>任职条件：${esc(r.qualifications)}</p>
<p>请按照《关于进一步加强工会工作者队伍建设的实施方案》第三部分（一）3 的规定，选聘熟悉劳动法律法规、擅长开展群众工作的人员，并依法签订${esc(own(kinds, r.contractKind) ?? r.contractKind)}。</p>
${c.decision?.conditions ? `<p>批准条件：${esc(c.decision.conditions)}</p>` : ''}
<p>${esc(lapseSentence(c))}</p>
<p class="right">${esc(c.issuer)}<br>${esc(cnDate(c.date))}</p>
<p class="en">Written approval ${esc(meta.number)}: ${esc(c.issuer)} approves ${esc(c.to)} hiring the posts above with its own union funds (${rules}). Approved by ${esc(c.approver)} on ${esc(c.date)}${c.decision?.lapse ? `; lapses unless a contract is signed by ${esc(c.decision.lapse.on)} (${esc(c.decision.lapse.months)} months)` : ''}.</p>
<div class="foot">依据 / Rules：${rules} · 审批人 / Approver：${esc(c.approver)} · 事项 / Case：${esc(c.instanceId)} · 内容校验 / SHA-256：${esc(meta.contentHash)}</div>
</body></html>`;
}
