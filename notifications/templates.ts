// Mail templates, zh-CN first with English beside. Each names the case, what is due, by when,
// the clause and a link. Pure: the engine renders them inside the transition's transaction.
export type MailData = {
  process: { zh: string; en: string };
  subject: string;
  orgName: string;
  state: { zh: string; en: string };
  event: { zh: string; en: string };
  actorName: string;
  /** `provisional`: why the date may still move (a year whose holiday schedule is not known yet). */
  due?: { title: { zh: string; en: string }; at: Date; clause: string; rule: string; provisional?: { zh: string; en: string } };
  clauses: string;
  note?: string;
  link: string;
};

type Template = { subject: (d: MailData) => string; lead: (d: MailData) => string };

const T: Record<string, Template> = {
  task_assigned: {
    subject: (d) => `【待办 / To do】${d.orgName}：${d.process.zh}`,
    lead: (d) => `${d.orgName} 提交了「${d.process.zh}」，请审批。\n${d.orgName} submitted a ${d.process.en} case for your decision.`,
  },
  reminder: {
    subject: (d) => `【提醒 / Reminder】${d.orgName}：${d.process.zh}`,
    lead: (d) => `「${d.process.zh}」仍在等待您的处理。\nThis ${d.process.en} case is still waiting for you.`,
  },
  escalation: {
    subject: (d) => `【督办 / Escalated】${d.orgName}：${d.process.zh} 逾期未办`,
    lead: (d) => `下级工会未在期限内答复「${d.process.zh}」，现报请督办。\nThe union below did not answer this ${d.process.en} case in time; it is escalated to you.`,
  },
  overdue: {
    subject: (d) => `【已逾期 / Overdue】${d.orgName}：${d.process.zh}`,
    lead: (d) => `「${d.process.zh}」已超过办理期限。\nThis ${d.process.en} case is past its deadline.`,
  },
  decision: {
    subject: (d) => `【审批结果 / Decision】${d.process.zh}：${d.event.zh}`,
    lead: (d) => `上级工会已作出决定：${d.event.zh}（${d.actorName}）。\nThe higher union decided: ${d.event.en} (${d.actorName}).`,
  },
  withdrawn: {
    subject: (d) => `【已撤回 / Withdrawn】${d.orgName}：${d.process.zh}`,
    lead: (d) => `${d.orgName} 撤回了该申请，无需再办理。\n${d.orgName} withdrew the request; nothing more is needed.`,
  },
  lapse_reminder: {
    subject: (d) => `【即将失效 / About to lapse】${d.process.zh}`,
    lead: (d) => `书面批准即将失效，请在期限前签订合同并登记。\nThe written approval lapses soon: sign and record the contract before the date below.`,
  },
  vacancy_reported: {
    subject: (d) => `【主席空缺 / Chair vacant】${d.orgName}：须三个月内补选`,
    lead: (d) => `${d.orgName} 的工会主席职位空缺，须在期限内完成补选。\nThe chair of ${d.orgName} is vacant; the by-election is due by the date below.`,
  },
  vacancy_reminder: {
    subject: (d) => `【补选提醒 / By-election reminder】${d.orgName}：主席补选期限临近`,
    lead: (d) => `主席职位空缺补选期限临近，请抓紧完成补选。\nThe chair by-election deadline is approaching; complete the by-election in time.`,
  },
  publicity_ended: {
    subject: (d) => `【公示期满 / Publicity ended】${d.orgName}：请组织选举`,
    lead: (d) => `候选人公示期满，无异议，请组织召开选举大会。\nThe candidate publicity has ended without an upheld objection; hold the election.`,
  },
  result_report_overdue: {
    subject: (d) => `【逾期未报 / Not reported】${d.orgName}：主席补选结果`,
    lead: (d) => `${d.orgName} 已完成选举，但选举结果未在期限内报上一级工会审批。\n${d.orgName} held the vote, but has not reported the result to the parent union in time.`,
  },
  result_review_overdue: {
    subject: (d) => `【审批逾期 / Answer overdue】${d.orgName}：主席补选结果待您审批`,
    lead: (d) => `${d.orgName} 已完成补选选举并报送结果，上一级工会的审批已超过期限，请尽快审批。\n${d.orgName} held its by-election and reported the result; the parent union's answer is past its deadline: please decide.`,
  },
  lapsed: {
    subject: (d) => `【已失效 / Lapsed】${d.process.zh}`,
    lead: (d) => `书面批准已失效：期限内未签订合同。如仍需聘用，请重新申请。\nThe written approval lapsed: no contract was signed in time. Apply again if still needed.`,
  },
};

/** Asia/Shanghai wall time; a deadline at the end of a day reads "2026-03-16 24:00", not the next day's 00:00. */
export function shanghaiTime(at: Date): string {
  const endOfDay = new Date(at.getTime() + 8 * 3600_000 - 1).toISOString();
  const s = new Date(at.getTime() + 8 * 3600_000).toISOString();
  return s.slice(11, 16) === '00:00' ? `${endOfDay.slice(0, 10)} 24:00（北京时间 / Beijing time）` : `${s.slice(0, 10)} ${s.slice(11, 16)}（北京时间 / Beijing time）`;
}

export function render(template: string, d: MailData): { subject: string; body: string } {
  const t = Object.hasOwn(T, template) ? T[template] : undefined;
  if (!t) throw new Error(`unknown mail template ${template}`);
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
