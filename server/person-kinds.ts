// The register's kinds of person (RULES.md §2) with their titles: the definitions' own, and the
// plan's kinds whose processes are not built yet.
import { definitions } from '../workflows/registry.ts';
import type { Text } from '../workflows/types.ts';

/** Register kinds of the plan (RULES.md §2) whose processes are not built yet; the others come from the definitions that enter them. */
const PLANNED_KINDS: Record<string, Text> = {
  social_worker: { zh: '专职工会社会工作者', en: 'Union social worker' },
  community_officer: { zh: '社区（村）联合工会专职干事', en: 'Community joint-union officer' },
};
/** Every register kind with its title, the definitions' own first. */
export const PERSON_KIND_TITLES: Record<string, Text> = { ...PLANNED_KINDS, ...Object.assign({}, ...definitions.map((d) => d.personKinds)) };
export const PERSON_KINDS = [...new Set([...definitions.flatMap((d) => Object.keys(d.personKinds)), ...Object.keys(PLANNED_KINDS)])];
