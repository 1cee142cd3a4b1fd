// The settings: every process's own [default]s (declared in its folder, listed in registry.ts) and
// the generic ones below, each with its schema, rule and source (settings-decl.ts). The database
// holds the values in force (db/settings.ts, settings-source.ts); SETTINGS_JSON and the declared
// defaults are only the initial values of keys the database does not hold yet. Processes freeze
// what they must keep into the case at its start, so a later change never rewrites a running case.
import { processSettings } from './registry.ts';
import { setting, type SettingDecl, type SettingDecls, type ValuesOf } from './settings-decl.ts';
import { checkBody } from './engine/validate.ts';

/**
 * Generic: read by more than one process and about no process's own rule. The hour reminders go
 * out is the system's mail convention for every deadline of every process; which org kinds are
 * grassroots unions is a fact about the union tree (P1 decides who may start by it, P4 whose new
 * chair needs pre-job training, and later processes will too).
 */
export const GENERIC_SETTINGS = {
  reminderHour: setting<number>({
    default: 9, schema: { type: 'integer', minimum: 0, maximum: 23 }, rule: null, source: 'none in the plan (a working-day morning)',
    title: { zh: '提醒邮件发出的时刻（北京时间，时）', en: 'Hour (Asia/Shanghai) reminders go out' },
  }),
  grassrootsOrgKinds: setting<string[]>({
    default: ['grassroots_union'], schema: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 40 }, minItems: 1, maxItems: 20, uniqueItems: true },
    rule: { rule: 'R-psh-approval', clause: '§3.1.3' }, source: '§3.1.3 "有条件的基层工会", §3.2.3 "基层工会主席"',
    title: { zh: '属于基层工会的组织类型（可发起购买服务聘用；新任主席须岗前培训）', en: 'Org kinds that are grassroots unions (may start P1; their new chair is onboarding)' },
  }),
  // The register's onboarding (P7), whichever process entered the person.
  prejobHours: setting<number>({
    default: 16, schema: { type: 'number', minimum: 1, maximum: 200, multipleOf: 0.5 }, rule: { rule: 'R-prejob', clause: '§3.2.3' }, source: '§3.2.3 "岗前培训不少于16学时"',
    title: { zh: '岗前培训学时（达到即由“入职培训中”转为“在岗”）', en: 'Pre-job training class hours (reaching them moves onboarding → in post)' },
  }),
  onboardingReminderDays: setting<number>({
    default: 30, schema: { type: 'integer', minimum: 1, maximum: 365 }, rule: { rule: 'R-prejob', clause: '§3.2.3' }, source: 'none in the plan (issue 10: HR reminded after 30 days)',
    title: { zh: '到岗后仍未完成岗前培训，提醒人事的天数', en: 'Days after the start date HR is reminded of anyone still onboarding' },
  }),
};

type Intersect<T extends readonly unknown[]> = T extends readonly [{ settings: infer H }, ...infer R] ? H & Intersect<R> : unknown;
export type AllSettingDecls = typeof GENERIC_SETTINGS & Intersect<typeof processSettings>;
export type Settings = ValuesOf<AllSettingDecls>;
export type SettingKey = keyof Settings & string;
export type SettingInfo = { key: SettingKey; owner: string | null; decl: SettingDecl };

/** Every setting in declaration order: generic first, then each process's. A key declared twice stops the start. */
export const SETTINGS: SettingInfo[] = [];
for (const [owner, group] of [[null, GENERIC_SETTINGS], ...processSettings.map((p) => [p.owner, p.settings])] as [string | null, SettingDecls][])
  for (const [key, decl] of Object.entries(group)) {
    if (SETTINGS.some((s) => s.key === key)) throw new Error(`setting ${key} is declared twice (${owner ?? 'generic'})`);
    SETTINGS.push({ key: key as SettingKey, owner, decl });
  }
const byKey = new Map(SETTINGS.map((s) => [s.key as string, s]));
export const settingInfo = (key: string): SettingInfo | undefined => byKey.get(key);

export const DEFAULT_SETTINGS = Object.freeze(Object.fromEntries(SETTINGS.map((s) => [s.key, s.decl.default]))) as Settings;

/** Why a value is not one the key takes (its schema, then its check), as zh/en messages; [] when it is. */
export function settingProblems(key: string, value: unknown): { pointer: string; message: string }[] {
  const info = byKey.get(key);
  if (!info) return [{ pointer: '', message: `未知设置 / unknown setting ${key.slice(0, 80)}` }];
  const errors = checkBody(info.decl.schema, value);
  if (errors.length) return errors.map((e) => ({ pointer: `/value${e.pointer}`, message: e.message }));
  const more = info.decl.check?.(value);
  return more ? [{ pointer: '/value', message: more }] : [];
}

/** SETTINGS_JSON: the initial values of the keys it names, on top of the declared defaults. Unknown keys and invalid values stop the start. */
export function loadSettings(json: string | undefined): Settings {
  if (!json) return DEFAULT_SETTINGS;
  const given = JSON.parse(json) as Record<string, unknown>;
  for (const k of Object.keys(given)) {
    if (!byKey.has(k)) throw new Error(`SETTINGS_JSON: unknown setting ${k}`);
    const problems = settingProblems(k, given[k]);
    if (problems.length) throw new Error(`SETTINGS_JSON: ${k}: ${problems.map((p) => `${p.pointer} ${p.message}`).join('; ')}`);
  }
  return { ...DEFAULT_SETTINGS, ...given } as Settings;
}
