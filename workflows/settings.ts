// The plan's [default]s (RULES.md "Defaults the plan does not give"): configuration, not code.
// An operator overrides them with SETTINGS_JSON (see README) without a release. Each names its
// source; the README's "Defaults" section lists them all. Processes freeze what they use into the
// case at its start, so a later change never rewrites a running case.
export type Settings = {
  /** P1: the higher union answers a hiring request within N working days; reminders on the listed working days. */
  approvalAnswerWorkingDays: number;
  approvalReminderWorkingDays: [number, number];
  /** P1: an approval lapses if no contract is signed within N months; the requester is reminded D days before. */
  approvalLapseMonths: number;
  approvalLapseReminderDays: number;
  /** Hour (Asia/Shanghai) at which reminders go out on their day. */
  reminderHour: number;
  /** Org kinds that are grassroots unions (基层工会): who may start P1 (R-psh-approval §3.1.3), whose new chair needs pre-job training (R-prejob §3.2.3). */
  grassrootsOrgKinds: string[];
  /** P4: quorum, present ≥ n/d of those entitled; elected, votes > n/d of those entitled. */
  byElectionQuorum: [number, number];
  byElectionMajority: [number, number];
  /** P4: a contested slate (差额: more candidates than the one seat) is required. */
  byElectionContestedSlate: boolean;
  /** P4: candidate publicity (公示), calendar days. */
  candidatePublicityDays: number;
  /** P4: reminders N calendar days before the hard deadline (at most 6 rungs); weekly overdue notice every N days. */
  byElectionReminderDaysBefore: number[];
  byElectionOverdueRepeatDays: number;
  /** P4: the union reports an election result within N working days of the vote (or of a return). */
  resultReportWorkingDays: number;
  /** P4: the parent union answers a reported result within N working days; reminders on the listed working days. */
  resultReviewWorkingDays: number;
  resultReviewReminderWorkingDays: [number, number];
};

export const DEFAULT_SETTINGS: Settings = {
  approvalAnswerWorkingDays: 10, // RULES.md defaults "approval response time"
  approvalReminderWorkingDays: [5, 8], // same
  approvalLapseMonths: 6, // PROCESSES.md P1 [default]
  approvalLapseReminderDays: 30, // PROCESSES.md P1 [default]
  reminderHour: 9, // working-day morning; none in the plan
  grassrootsOrgKinds: ['grassroots_union'], // §3.1.3 "有条件的基层工会", §3.2.3 "基层工会主席"; the org tree's kinds
  byElectionQuorum: [2, 3], // RULES.md defaults "chair candidates": 《企业工会主席产生办法（试行）》; PROCESSES.md P4
  byElectionMajority: [1, 2], // same
  byElectionContestedSlate: false, // same: 等额或差额 (Art. 11 allows either)
  candidatePublicityDays: 7, // RULES.md defaults "publicity (公示)"
  byElectionReminderDaysBefore: [60, 30, 7, 1], // PROCESSES.md P4
  byElectionOverdueRepeatDays: 7, // PROCESSES.md P4 "told every week"
  resultReportWorkingDays: 10, // none in the plan; as the approval response time
  resultReviewWorkingDays: 10, // none in the plan; as the approval response time
  resultReviewReminderWorkingDays: [5, 8], // same
};

/** The most reminder rungs P4 declares (its deadline declarations are static). */
export const MAX_REMINDER_RUNGS = 6;

export function loadSettings(json: string | undefined): Settings {
  if (!json) return DEFAULT_SETTINGS;
  const given = JSON.parse(json) as Partial<Settings>;
  for (const k of Object.keys(given)) if (!Object.hasOwn(DEFAULT_SETTINGS, k)) throw new Error(`SETTINGS_JSON: unknown setting ${k}`);
  const s = { ...DEFAULT_SETTINGS, ...given };
  if (!Array.isArray(s.byElectionReminderDaysBefore) || s.byElectionReminderDaysBefore.length > MAX_REMINDER_RUNGS)
    throw new Error(`SETTINGS_JSON: byElectionReminderDaysBefore takes at most ${MAX_REMINDER_RUNGS} days`);
  for (const k of ['byElectionQuorum', 'byElectionMajority'] as const)
    if (!(s[k].length === 2 && s[k].every((x) => Number.isSafeInteger(x) && x > 0) && s[k][0] < s[k][1])) throw new Error(`SETTINGS_JSON: ${k} is a fraction [n, d] with 0 < n < d`);
  return s;
}
