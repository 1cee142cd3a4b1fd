// 工会专职律师's mail: the standard templates and its own (zh-CN first, English beside).
import { standardMail } from '../mail.ts';
import type { MailTemplate } from '../types.ts';

const { task_assigned, reminder, escalation, overdue, decision } = standardMail;

export const mail: Record<string, MailTemplate> = {
  task_assigned, reminder, escalation, overdue, decision,
  contract_ending: {
    subject: (d) => `【合同将到期 / Contract ending】${d.orgName}：工会专职律师服务合同`,
    lead: () => '工会专职律师购买服务合同即将期满，请决定续签或终止；期满未续签的，律师自期满之日起退出实名制名册。\nThe union lawyers\' service contract ends soon: renew it or end it. Without a renewal the lawyers leave the register on its last day.',
  },
  contract_ended: {
    subject: (d) => `【合同已期满 / Contract ended】${d.orgName}：工会专职律师服务合同`,
    lead: () => '工会专职律师购买服务合同已期满未续签，派驻律师已退出实名制名册。\nThe union lawyers\' service contract ended without renewal; its lawyers have left the register.',
  },
};
