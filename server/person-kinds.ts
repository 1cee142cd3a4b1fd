// The register's kinds of person with their titles: the plan's six (workflows/person-kinds.ts) and
// the kinds a definition owns.
import { PLAN_PERSON_KINDS } from '../workflows/person-kinds.ts';
import { definitions } from '../workflows/registry.ts';
import type { Text } from '../workflows/types.ts';

export const PERSON_KIND_TITLES: Record<string, Text> = {
  ...Object.fromEntries(Object.entries(PLAN_PERSON_KINDS).map(([k, v]) => [k, v.title])),
  ...Object.assign({}, ...definitions.map((d) => d.personKinds)),
};
export const PERSON_KINDS = Object.keys(PERSON_KIND_TITLES);
/** Kinds entered as onboarding until their pre-job training is recorded (R-prejob §3.2.3). */
export const ONBOARDING_KINDS = Object.keys(PLAN_PERSON_KINDS).filter((k) => PLAN_PERSON_KINDS[k].prejob);
