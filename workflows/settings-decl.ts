// What a setting is: a [default] of the plan (RULES.md "Defaults the plan does not give") or of the
// system, declared by whoever owns it (a process folder, or workflows/settings.ts for the generic
// ones) with its JSON Schema, titles, the rule it serves and where its default comes from.
// No imports of values: process folders import this, and workflows/settings.ts imports them.
import type { JsonSchema, RuleRef, Text } from './types.ts';

export type SettingDecl<T = unknown> = {
  default: T;
  /** The value's JSON Schema: an admin's change and SETTINGS_JSON are checked against it. */
  schema: JsonSchema;
  /** Beyond the schema (e.g. a fraction's n < d): a zh/en message, or null. */
  check?: (value: T) => string | null;
  title: Text;
  /** The rule the number serves (rule id and clause); null when it is the system's own (e.g. the hour mail goes out). */
  rule: RuleRef | null;
  /** Where the default comes from, as README's "Defaults" table gives it. */
  source: string;
};
export type SettingDecls = Record<string, SettingDecl<any>>;
/** The values of a group of declarations. */
export type ValuesOf<D extends SettingDecls> = { [K in keyof D]: D[K]['default'] };

/** A declaration typed by its value (e.g. `setting<[number, number]>({ … })`). */
export const setting = <T>(d: SettingDecl<T>): SettingDecl<T> => d;

/** A fraction [n, d] with 0 < n < d (quorum, majority). */
export const fractionCheck = (v: [number, number]) =>
  v[0] < v[1] ? null : '须为分数 [n, d]，0 < n < d / a fraction [n, d] with 0 < n < d';
