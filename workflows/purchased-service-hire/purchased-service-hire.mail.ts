// P1's mail: the standard templates it uses and its own (zh-CN first, English beside).
import { standardMail } from '../mail.ts';
import type { MailTemplate } from '../types.ts';

const { task_assigned, reminder, escalation, overdue, decision } = standardMail;

export const mail: Record<string, MailTemplate> = {
  task_assigned, reminder, escalation, overdue, decision,
  withdrawn: {
    subject: (d) => `【已撤回 / Withdrawn】${d.orgName}：${d.process.zh}`,
    lead: (d) => `${d.orgName} 撤回了该申请，无需再办理。\n${d.orgName} withdrew the request; nothing more is needed.`,
  },
  lapse_reminder: {
    subject: (d) => `【即将失效 / About to lapse】${d.process.zh}`,
    lead: () => `书面批准即将失效，请在期限前签订合同并登记。\nThe written approval lapses soon: sign and record the contract before the date below.`,
  },
  lapsed: {
    subject: (d) => `【已失效 / Lapsed】${d.process.zh}`,
    lead: () => `书面批准已失效：期限内未签订合同。如仍需聘用，请重新申请。\nThe written approval lapsed: no contract was signed in time. Apply again if still needed.`,
  },
};
