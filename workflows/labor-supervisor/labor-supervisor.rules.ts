// Pure rules of 工会劳动法律监督员 (§2(六), §3.1.2(5)): who sits on each level's labour-law
// supervision committee, how they come to it (concurrently from union staff, bought in, or invited
// deputies) and how many each level has. Shared by the guards and the 422 answers.
import type { Problem } from '../types.ts';
import type { By, Unit } from '../appointments.ts';

export const WHO = { rule: 'R-ls-district', clause: '§2(六), §3.1.2(5)' };
export const DISTRICT = { rule: 'R-ls-district', clause: '§3.1.2(5)' };
export const STREET = { rule: 'R-ls-street', clause: '§3.1.2(5)' };
export const ENTERPRISE = { rule: 'R-ls-enterprise', clause: '§3.1.2(5)' };

/** The committees: city and district level, a street/town's supervisor, an enterprise union's. */
export type Level = 'city' | 'district' | 'street' | 'enterprise';
export const LEVEL_OF_KIND: Record<string, Level> = { city_federation: 'city', district_federation: 'district', street_federation: 'street', grassroots_union: 'enterprise' };
/** R-ls-district 3–5, R-ls-street 1, R-ls-enterprise 2: the most a committee is given (the city's is not set by the plan). */
export const QUOTA: Record<Level, { max: number; rule: typeof DISTRICT } | null> = {
  city: null, district: { max: 5, rule: DISTRICT }, street: { max: 1, rule: STREET }, enterprise: { max: 2, rule: ENTERPRISE },
};

/** 兼职: qualified union staff; 购买服务: lawyers, media staff …; 吸收: NPC deputies and CPPCC members. */
export type Mode = 'concurrent' | 'purchased' | 'invited';
export type Concurrent = { currentPost: string; unionCadre?: boolean };
export type Purchased = { profession: 'legal' | 'media' | 'other'; provider: string; agreementNo: string; agreementStart: string; agreementEnd: string };
export type Invited = { body: 'npc' | 'cppcc'; deputyOf: string };
type Person = { name: string; idNumber: string; idNumberRef?: number; knowsLabourLaw: true };
export type NomineeEvent<M extends Mode> = Person & (M extends 'concurrent' ? Concurrent : M extends 'purchased' ? Purchased : Invited);
export type Nominee = Person & { key: string; mode: Mode; nominatedBy: By; nominatedAt: string } & Partial<Concurrent & Purchased & Invited>;
export type Terms = { reviewWorkingDays: [number, number] };

export const POST: Record<Mode, string> = {
  concurrent: '劳动法律监督员（兼职）/ labour-law supervisor (concurrent)',
  purchased: '劳动法律监督员（购买服务）/ labour-law supervisor (bought in)',
  invited: '劳动法律监督员（人大代表、政协委员）/ labour-law supervisor (deputy)',
};

/** The committee's quota, and at an enterprise only its own union cadres concurrently (R-ls-enterprise). */
export function nomineeProblems(level: Level, nominees: Nominee[], mode: Mode, e: Partial<Concurrent>): Problem[] {
  const out: Problem[] = [];
  const q = QUOTA[level];
  if (q && nominees.length >= q.max)
    out.push({ pointer: '/type', message: `本级劳动法律监督员配备 ${q.max} 名，已提名 ${nominees.length} 名（${q.rule.rule} ${q.rule.clause}）/ this committee has ${q.max} at most; ${nominees.length} nominated` });
  if (level === 'enterprise' && mode !== 'concurrent')
    out.push({ pointer: '/type', message: `百人以上已建会企业从本企业工会干部中选聘兼任（${ENTERPRISE.rule} ${ENTERPRISE.clause}）/ an enterprise appoints from its own union cadres, concurrently` });
  else if (level === 'enterprise' && !e.unionCadre)
    out.push({ pointer: '/unionCadre', message: `须为本企业工会干部（${ENTERPRISE.rule} ${ENTERPRISE.clause}）/ must be a cadre of the enterprise's own union` });
  return out;
}

export const agreementProblems = (e: Purchased): Problem[] =>
  e.agreementEnd <= e.agreementStart ? [{ pointer: '/agreementEnd', message: '服务协议终止日期须晚于起始日期 / the service agreement must end after it starts' }] : [];
