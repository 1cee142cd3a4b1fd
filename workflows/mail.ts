// Mail templates any process may use as they are: they name the process, never a process's own
// facts. A process's own templates live in its folder (<name>.mail.ts); the layout around every
// template (case, union, stage, the due line, the rules, the link) is notifications/templates.ts.
import type { MailTemplate } from './types.ts';

export const standardMail = {
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
} satisfies Record<string, MailTemplate>;
