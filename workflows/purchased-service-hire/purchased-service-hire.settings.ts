// P1's [default]s: the numbers the plan does not give for 购买服务聘用审批 (§3.1.3).
import { setting } from '../settings-decl.ts';

const days = (max: number) => ({ type: 'integer', minimum: 1, maximum: max });
const RESPONSE = { rule: 'R-psh-approval', clause: '§3.1.3' };
const CONTRACT = { rule: 'R-psh-contract', clause: '§3.1.3' };

export const settings = {
  approvalAnswerWorkingDays: setting<number>({
    default: 10, schema: days(60), rule: RESPONSE, source: 'RULES.md defaults, "approval response time"',
    title: { zh: '上一级工会答复聘用申请的期限（工作日），逾期报再上一级督办', en: 'The parent union answers within N working days; escalated after' },
  }),
  approvalReminderWorkingDays: setting<[number, number]>({
    default: [5, 8], schema: { type: 'array', items: days(60), minItems: 2, maxItems: 2 }, rule: RESPONSE, source: 'RULES.md defaults, "approval response time"',
    title: { zh: '提醒审批人的工作日（第几个工作日）', en: 'Reminders to the approvers on these working days' },
  }),
  approvalLapseMonths: setting<number>({
    default: 6, schema: { type: 'integer', minimum: 1, maximum: 36 }, rule: CONTRACT, source: 'PROCESSES.md P1 [default]',
    title: { zh: '批复后未签合同即失效的月数（写入书面批复）', en: 'The approval lapses without a contract after N calendar months (stated in it)' },
  }),
  approvalLapseReminderDays: setting<number>({
    default: 30, schema: { type: 'integer', minimum: 1, maximum: 365 }, rule: CONTRACT, source: 'PROCESSES.md P1 [default]',
    title: { zh: '批复失效前提醒申请人的天数', en: 'The requester is reminded N days before the lapse' },
  }),
};
