// The plan's six kinds of union worker (RULES.md §2): the register's shared vocabulary. Several
// processes enter, assess, appoint from or exit each of them, so no process folder owns them; a
// folder's `personKinds` holds only a kind of its own (P1's purchased-service staff, §3.1.3).
import type { Text } from './types.ts';

const t = (zh: string, en: string): Text => ({ zh, en });

/**
 * `prejob`: someone newly entered is `onboarding` until the pre-job training hours are recorded
 * (R-prejob §3.2.3, PROCESSES.md P7). New chairs are entered by P4 as it decides.
 */
export const PLAN_PERSON_KINDS: Record<string, { title: Text; prejob: boolean }> = {
  cadre: { title: t('专兼职工会干部', 'Union cadre'), prejob: false },
  social_worker: { title: t('专职工会社会工作者', 'Union social worker'), prejob: true },
  community_officer: { title: t('社区（村）联合工会专职干事', 'Community joint-union officer'), prejob: true },
  wage_instructor: { title: t('工资集体协商指导员', 'Wage bargaining instructor'), prejob: true },
  lawyer: { title: t('工会专职律师', 'Union lawyer'), prejob: false },
  labor_supervisor: { title: t('工会劳动法律监督员', 'Labour-law supervisor'), prejob: true },
};

/** Titles of some of the plan's kinds, e.g. the choices of a field. */
export const kindTitles = (...kinds: string[]): Record<string, Text> => Object.fromEntries(kinds.map((k) => [k, PLAN_PERSON_KINDS[k].title]));
