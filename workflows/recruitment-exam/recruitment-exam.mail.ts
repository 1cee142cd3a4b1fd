// P2 campaign's mail to HR and to the parent union (zh-CN first, English beside).
import { standardMail } from '../mail.ts';
import type { MailTemplate } from '../types.ts';

const { task_assigned, decision } = standardMail;
export const mail: Record<string, MailTemplate> = {
  task_assigned, decision,
  registration_closed: {
    subject: (d) => `【报名已截止 / Registration closed】${d.subject}`,
    lead: () => `报名已按期截止，请开始资格审查。\nRegistration closed at its deadline: start the qualification review.`,
  },
  posts_cut: {
    subject: (d) => `【岗位核减 / Posts cut】${d.subject}`,
    lead: () => `部分岗位合格报考人数未达开考比例，已核减或取消（详见招录事项）。\nSome posts had fewer qualified applicants than the ratio needs: cut or cancelled (see the campaign).`,
  },
  publicity_ended: {
    subject: (d) => `【公示期满 / Publicity ended】${d.subject}`,
    lead: () => `公示期满，无成立的异议，请办理聘用手续。\nThe publicity ended with no upheld objection: proceed to hiring.`,
  },
};
