// 工会劳动法律监督员's mail: the standard templates and its own (zh-CN first, English beside).
import { standardMail } from '../mail.ts';
import type { MailTemplate } from '../types.ts';

const { task_assigned, reminder, escalation, overdue, decision } = standardMail;

export const mail: Record<string, MailTemplate> = {
  task_assigned, reminder, escalation, overdue, decision,
  appointment_made: {
    subject: (d) => `【已任命 / Appointed】${d.orgName}：劳动法律监督员`,
    lead: () => '劳动法律监督员已任命并录入实名制名册，状态为「岗前培训中」，须完成不少于 16 学时岗前培训（R-prejob §3.2.3）。\nThe labour-law supervisors are appointed and in the real-name register as onboarding until 16 class hours of pre-job training (R-prejob §3.2.3).',
  },
};
