// Pure rules of 工资集体协商指导员 selection (§2(四), §3.1.2(3)): who may be nominated on each pathway
// and how many per unit, shared by the machine's guards and the engine's 422 answers.
import type { Problem } from '../types.ts';
import type { By, Unit } from '../appointments.ts';

export const WHO = { rule: 'R-wi-district', clause: '§2(四)' };
export const INDUSTRY = { rule: 'R-wi-industry', clause: '§3.1.2(3)' };
export const DISTRICT = { rule: 'R-wi-district', clause: '§3.1.2(3)' };
export const STATION = { rule: 'R-wi-station', clause: '§3.1.2(3)' };

/** The city federation recruits (统一组织招录); a district federation selects from its social workers (选聘). */
export type Pathway = 'city_recruitment' | 'district_selection';
/** Which union kinds run each pathway. */
export const PATHWAY_ORG_KINDS: Record<Pathway, string> = { city_recruitment: 'city_federation', district_selection: 'district_federation' };
/** R-wi-industry / R-wi-district: city-level instructors per industry union (2) and per district federation (10–20, so at most 20). */
export const CITY_QUOTA = { industry_union: { max: 2, rule: INDUSTRY }, district_federation: { max: 20, rule: DISTRICT } } as const;
export type CityUnitKind = keyof typeof CITY_QUOTA;

/** Settings the case keeps from its start. */
export type Terms = { perStation: number; reviewWorkingDays: [number, number] };

/** §2(四): retired, early-retired or off-post staff of party-government bodies, HR and social-security departments, unions and enterprises. */
export type Retiree = {
  formerEmployer: string;
  employerKind: 'party_government' | 'hr_social_security' | 'union' | 'enterprise';
  leaveStatus: 'retired' | 'early_retired' | 'off_post';
  knowsBargaining: true;
  unitKind: CityUnitKind;
};
/** R-wi-station: a social worker of the district's register, for one street/town station. */
export type SocialWorker = { socialWorkerId: number };
export type Nominee = { key: string; name: string; idNumber: string; idNumberRef?: number; phone?: string; unit: Unit; nominatedBy: By; nominatedAt: string } & (Partial<Retiree> & Partial<SocialWorker>);

export type RetireeEvent = Retiree & { name: string; idNumber: string; idNumberRef?: number; phone?: string; unitId: number; unitName: string };
export type SocialWorkerEvent = SocialWorker & { name: string; idNumber: string; idNumberRef?: number; stationId: number; stationName: string };

const at = (nominees: Nominee[], unitId: number) => nominees.filter((n) => n.unit.id === unitId).length;

export function pathwayProblems(pathway: Pathway, orgKind: string): Problem[] {
  const want = PATHWAY_ORG_KINDS[pathway];
  if (orgKind === want) return [];
  return [{
    pointer: '/pathway',
    message: pathway === 'city_recruitment'
      ? `工资集体协商指导员由市总工会统一组织招录，本单位（${orgKind}）不能发起招录（${WHO.rule} ${WHO.clause}）/ only the city federation recruits wage instructors`
      : `由区县总工会从专职工会社会工作者中选聘，本单位（${orgKind}）不是区县总工会（${STATION.rule} ${STATION.clause}）/ only a district federation selects from its social workers`,
  }];
}

/** R-wi-industry, R-wi-district: a recruited retiree goes to an industry union (2 each) or a district federation (at most 20). */
export function retireeProblems(pathway: Pathway, nominees: Nominee[], e: RetireeEvent): Problem[] {
  if (pathway !== 'city_recruitment')
    return [{ pointer: '/type', message: `区县总工会从本区专职工会社会工作者中选聘，请用「提名社会工作者」（${STATION.rule} ${STATION.clause}）/ a district selects from its social workers: nominate a social worker` }];
  const q = CITY_QUOTA[e.unitKind];
  const n = at(nominees, e.unitId);
  if (n >= q.max)
    return [{ pointer: '/unitId', message: `${e.unitName} 已配备 ${n} 名，原则上配备不超过 ${q.max} 名（${q.rule.rule} ${q.rule.clause}）/ ${e.unitName} already has ${n}; at most ${q.max}` }];
  return [];
}

/** R-wi-station: at most `perStation` (3) for each street/town station, each social worker once. */
export function socialWorkerProblems(pathway: Pathway, nominees: Nominee[], e: SocialWorkerEvent, perStation: number): Problem[] {
  if (pathway !== 'district_selection')
    return [{ pointer: '/type', message: `市总工会招录的对象为离岗、内退及退休人员，请用「提名离退休人员」（${WHO.rule} ${WHO.clause}）/ the city recruits retirees: nominate a retiree` }];
  const out: Problem[] = [];
  if (nominees.some((n) => n.socialWorkerId === e.socialWorkerId))
    out.push({ pointer: '/socialWorkerId', message: `社会工作者 ${e.socialWorkerId} 已被提名 / social worker ${e.socialWorkerId} is nominated already` });
  const n = at(nominees, e.stationId);
  if (n >= perStation)
    out.push({
      pointer: '/stationId',
      message: `${e.stationName} 已选聘 ${n} 名；每个街道（乡镇）工会服务站配备 ${perStation} 名工资集体协商指导员（${STATION.rule} ${STATION.clause}）/ ${e.stationName} already has ${n}: ${perStation} per street/town station`,
    });
  return out;
}

/** Stations of the case still short of `perStation` nominees: shown, not refused (原则上确保配备3名). */
export const stationShortfalls = (nominees: Nominee[], perStation: number) =>
  [...new Map(nominees.map((n) => [n.unit.id, n.unit])).values()].map((u) => ({ unit: u, nominated: at(nominees, u.id), short: Math.max(0, perStation - at(nominees, u.id)) })).filter((s) => s.short > 0);
