// The layout every mail shares, zh-CN first with English beside: the template's lead, then the
// case, what is due, by when, the clause and a link. The templates themselves belong to their
// process (its definition's `mail`). Pure: rendered inside the transition's transaction.
import type { MailData, MailTemplate } from '../workflows/types.ts';

export type { MailData, MailTemplate };

/** Asia/Shanghai wall time; a deadline at the end of a day reads "2026-03-16 24:00", not the next day's 00:00. */
export function shanghaiTime(at: Date): string {
  const endOfDay = new Date(at.getTime() + 8 * 3600_000 - 1).toISOString();
  const s = new Date(at.getTime() + 8 * 3600_000).toISOString();
  return s.slice(11, 16) === '00:00' ? `${endOfDay.slice(0, 10)} 24:00（北京时间 / Beijing time）` : `${s.slice(0, 10)} ${s.slice(11, 16)}（北京时间 / Beijing time）`;
}

export function render(t: MailTemplate, d: MailData): { subject: string; body: string } {
  const lines = [
    t.lead(d),
    '',
    `事项 / Case：${d.subject}`,
    `单位 / Union：${d.orgName}`,
    `当前环节 / Stage：${d.state.zh} / ${d.state.en}`,
    d.due ? `办理期限 / Due by：${shanghaiTime(d.due.at)}${d.due.provisional ? '（暂定 / provisional）' : ''} — ${d.due.title.zh} / ${d.due.title.en}（${d.due.rule} ${d.due.clause}）` : '',
    d.due?.provisional ? `期限说明 / About the date：${d.due.provisional.zh} / ${d.due.provisional.en}` : '',
    d.note ? `说明 / Note：${d.note}` : '',
    `依据 / Rules：${d.clauses}`,
    `查看 / Open：${d.link}`,
    '',
    '—— 工会工作者队伍建设工作流系统（自动发送，请勿回复）/ sent automatically, do not reply',
  ];
  return { subject: t.subject(d), body: lines.filter((l, i) => l !== '' || i === 1 || i === lines.length - 2).join('\n') };
}
