// P5 member cases' mail to the person's union (zh-CN first, English beside); the line the machine adds (note) says who.
import type { MailTemplate } from '../types.ts';

export const mail: Record<string, MailTemplate> = {
  assessment_member_overdue: {
    subject: (d) => `【考核逾期 / Assessment overdue】${d.subject}`,
    lead: () => `本单位此人的年度考核未在截止日期前完成。\nThis person of your union was not assessed by the campaign's deadline.`,
  },
  assessment_result: {
    subject: (d) => `【考核结果 / Assessment result】${d.subject}`,
    lead: () => `年度考核等次已确定，请告知本人；如有异议，可在规定期限内申请复核。\nThe grade is set: tell the person, who may ask for review within the set days.`,
  },
  assessment_confirmed: {
    subject: (d) => `【考核结果确认 / Grade final】${d.subject}`,
    lead: () => `年度考核等次已最终确认，相关结果已记入实名制名册。\nThe grade is final and its consequences are in the real-name register.`,
  },
};
