// P4's mail: the standard templates it uses and its own (zh-CN first, English beside).
import { standardMail } from '../mail.ts';
import type { MailTemplate } from '../types.ts';

const { task_assigned, reminder, escalation, overdue, decision } = standardMail;

export const mail: Record<string, MailTemplate> = {
  task_assigned, reminder, escalation, overdue, decision,
  vacancy_reported: {
    subject: (d) => `【主席空缺 / Chair vacant】${d.orgName}：须三个月内补选`,
    lead: (d) => `${d.orgName} 的工会主席职位空缺，须在期限内完成补选。\nThe chair of ${d.orgName} is vacant; the by-election is due by the date below.`,
  },
  vacancy_reminder: {
    subject: (d) => `【补选提醒 / By-election reminder】${d.orgName}：主席补选期限临近`,
    lead: () => `主席职位空缺补选期限临近，请抓紧完成补选。\nThe chair by-election deadline is approaching; complete the by-election in time.`,
  },
  publicity_ended: {
    subject: (d) => `【公示期满 / Publicity ended】${d.orgName}：请组织选举`,
    lead: () => `候选人公示期满，无异议，请组织召开选举大会。\nThe candidate publicity has ended without an upheld objection; hold the election.`,
  },
  result_report_overdue: {
    subject: (d) => `【逾期未报 / Not reported】${d.orgName}：主席补选结果`,
    lead: (d) => `${d.orgName} 已完成选举，但选举结果未在期限内报上一级工会审批。\n${d.orgName} held the vote, but has not reported the result to the parent union in time.`,
  },
  result_review_overdue: {
    subject: (d) => `【审批逾期 / Answer overdue】${d.orgName}：主席补选结果待您审批`,
    lead: (d) => `${d.orgName} 已完成补选选举并报送结果，上一级工会的审批已超过期限，请尽快审批。\n${d.orgName} held its by-election and reported the result; the parent union's answer is past its deadline: please decide.`,
  },
};
