// P5 campaign's mail to HR (zh-CN first, English beside); the line the machine adds (note) says who and how many.
import type { MailTemplate } from '../types.ts';

export const mail: Record<string, MailTemplate> = {
  assessment_reminder: {
    subject: (d) => `【考核提醒 / Assessment reminder】${d.subject}`,
    lead: () => `年度考核截止日期临近，请抓紧完成评分和定等次。\nThe annual assessment's deadline is near: finish the scores and grades.`,
  },
  assessment_overdue: {
    subject: (d) => `【考核逾期 / Assessment overdue】${d.subject}`,
    lead: () => `年度考核截止日期已过，以下人员未完成考核。\nThe deadline passed with these people not assessed.`,
  },
};
