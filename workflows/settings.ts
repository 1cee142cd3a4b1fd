// The plan's [default]s (RULES.md "Defaults the plan does not give"): configuration, not code.
// An operator overrides them with SETTINGS_JSON (see README) without a release.
export type Settings = {
  /** P1: the higher union answers a hiring request within N working days; reminders on the listed working days. */
  approvalAnswerWorkingDays: number;
  approvalReminderWorkingDays: [number, number];
  /** P1: an approval lapses if no contract is signed within N months; the requester is reminded D days before. */
  approvalLapseMonths: number;
  approvalLapseReminderDays: number;
  /** Hour (Asia/Shanghai) at which reminders go out on their day. */
  reminderHour: number;
};

export const DEFAULT_SETTINGS: Settings = {
  approvalAnswerWorkingDays: 10,
  approvalReminderWorkingDays: [5, 8],
  approvalLapseMonths: 6,
  approvalLapseReminderDays: 30,
  reminderHour: 9,
};

export function loadSettings(json: string | undefined): Settings {
  if (!json) return DEFAULT_SETTINGS;
  const given = JSON.parse(json) as Partial<Settings>;
  for (const k of Object.keys(given)) if (!Object.hasOwn(DEFAULT_SETTINGS, k)) throw new Error(`SETTINGS_JSON: unknown setting ${k}`);
  return { ...DEFAULT_SETTINGS, ...given };
}
