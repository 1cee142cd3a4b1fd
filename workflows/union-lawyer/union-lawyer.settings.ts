// 工会专职律师's [default]s: when the union is asked to renew or end, and the review's days.
import { setting } from '../settings-decl.ts';
import { reviewDaysSetting } from '../appointments.ts';

const WHO = { rule: 'R-law-district', clause: '§2(五)' };

export const settings = {
  lawyerContractReminderDays: setting<number[]>({
    default: [60, 30], schema: { type: 'array', items: { type: 'integer', minimum: 1, maximum: 365 }, minItems: 1, maxItems: 2 }, rule: WHO,
    source: 'issue 10 item 7, PROCESSES.md P6 "60 days before a contract ends"',
    check: (v) => (v.every((d, i) => i === 0 || d < v[i - 1]) ? null : '天数须从大到小 / the days count down'),
    title: { zh: '律师服务合同期满前提醒续签或终止的天数（第一次提醒即进入续签决定）', en: 'Days before the lawyers\' contract ends when the union is asked to renew or end (the first opens the decision)' },
  }),
  lawyerReviewWorkingDays: reviewDaysSetting(WHO, { zh: '律师服务合同审批', en: 'Lawyer contract review' }),
};
