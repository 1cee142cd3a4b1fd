// P4's [default]s: the numbers the plan does not give for 工会主席补选 (§3.1.1). A case freezes
// them into its `terms` at its start (chair-by-election.rules.ts).
import { fractionCheck, setting } from '../settings-decl.ts';

/** The most reminder rungs P4 declares (its deadline declarations are static). */
export const MAX_REMINDER_RUNGS = 6;

const VACANCY = { rule: 'R-chair-vacancy', clause: '§3.1.1' };
const CANDIDATES = 'RULES.md defaults, "chair candidates": 《企业工会主席产生办法（试行）》; PROCESSES.md P4';
const fraction = { type: 'array', items: { type: 'integer', minimum: 1, maximum: 100 }, minItems: 2, maxItems: 2 };
const workingDays = { type: 'integer', minimum: 1, maximum: 60 };

export const settings = {
  byElectionQuorum: setting<[number, number]>({
    default: [2, 3], schema: fraction, check: fractionCheck, rule: VACANCY, source: CANDIDATES,
    title: { zh: '选举有效：到会人数不少于应到人数的 n/d', en: 'Quorum: present ≥ n/d of those entitled' },
  }),
  byElectionMajority: setting<[number, number]>({
    default: [1, 2], schema: fraction, check: fractionCheck, rule: VACANCY, source: CANDIDATES,
    title: { zh: '当选：得票超过应到人数的 n/d（不是实到人数）', en: 'Elected: votes > n/d of those entitled (not of those present)' },
  }),
  byElectionContestedSlate: setting<boolean>({
    default: false, schema: { type: 'boolean' }, rule: VACANCY, source: `${CANDIDATES} (等额 or 差额 both allowed)`,
    title: { zh: '须差额选举（候选人多于一名）', en: 'Require a contested slate (more candidates than the one seat)' },
  }),
  candidatePublicityDays: setting<number>({
    default: 7, schema: { type: 'integer', minimum: 1, maximum: 30 }, rule: VACANCY, source: 'RULES.md defaults, "publicity (公示)"',
    title: { zh: '候选人公示天数（自然日）', en: 'Candidate publicity (公示), calendar days' },
  }),
  byElectionReminderDaysBefore: setting<number[]>({
    default: [60, 30, 7, 1], schema: { type: 'array', items: { type: 'integer', minimum: 0, maximum: 92 }, maxItems: MAX_REMINDER_RUNGS },
    rule: VACANCY, source: 'PROCESSES.md P4',
    title: { zh: '补选期限前提醒的天数（最多 6 次）', en: 'Reminders N calendar days before the hard deadline (at most 6)' },
  }),
  byElectionOverdueRepeatDays: setting<number>({
    default: 7, schema: { type: 'integer', minimum: 1, maximum: 31 }, rule: VACANCY, source: 'PROCESSES.md P4 "told every week"',
    title: { zh: '逾期后每隔 N 天通报上一级工会', en: 'Once overdue, the parent union is told every N days' },
  }),
  resultReportWorkingDays: setting<number>({
    default: 10, schema: workingDays, rule: VACANCY, source: 'none in the plan; as the approval response time',
    title: { zh: '选举后报送结果的期限（工作日，退回后重新计算）', en: 'The union reports the result within N working days of the vote (or of a return)' },
  }),
  resultReviewWorkingDays: setting<number>({
    default: 10, schema: workingDays, rule: VACANCY, source: 'none in the plan; as the approval response time',
    title: { zh: '上一级工会审批选举结果的期限（工作日），逾期报再上一级督办', en: 'The parent union answers a reported result within N working days; escalated after' },
  }),
  resultReviewReminderWorkingDays: setting<[number, number]>({
    default: [5, 8], schema: { type: 'array', items: workingDays, minItems: 2, maxItems: 2 }, rule: VACANCY, source: 'none in the plan; as the approval response time',
    title: { zh: '提醒上一级工会审批结果的工作日', en: 'Reminders to the parent approvers on these working days' },
  }),
};
