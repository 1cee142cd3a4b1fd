// Pure rules of 工会专职律师 (§2(五), §3.1.2(4)): a purchase-of-service contract with a law firm, its
// periods and renewal, the lawyers the firm assigns to the stations it covers, and the reminder
// before it ends. Shared by the machine's guards, the engine's 422 answers and the deadlines.
import { addDays, daysBetween, type IsoDate } from '../rules/calendar.ts';
import type { Problem } from '../types.ts';
import type { By, Unit } from '../appointments.ts';

export const WHO = { rule: 'R-law-district', clause: '§2(五)' };
export const DISTRICT = { rule: 'R-law-district', clause: '§3.1.2(4)' };
export const STATION = { rule: 'R-law-station', clause: '§3.1.2(4)' };
/** R-pay: wage instructors' and lawyers' pay as the contract agrees (按协议约定履行). */
export const PAY = { rule: 'R-pay', clause: '§3.3' };

/** One period of the contract: the signed one, then each renewal. */
export type Period = { number: string; startDate: IsoDate; endDate: IsoDate; feeYuan: number };
/** The contract: the firm, the stations (or enterprises) it covers, and its periods (the last is current). */
export type Contract = { firm: string; firmLicence?: string; units: Unit[] };
export type Terms = { reminderDays: number[]; reviewWorkingDays: [number, number] };
export type Lawyer = {
  key: string; name: string; idNumber: string; idNumberRef?: number; licenceNo: string; unit: Unit;
  startDate: IsoDate; assignedBy: By; endDate?: IsoDate; leftReason?: string;
};
export type LawyerEvent = { name: string; idNumber: string; idNumberRef?: number; licenceNo: string; unitId: number; startDate: IsoDate };

/** R-law-station: one lawyer per 3–5 stations, so at least ⌈stations ÷ 5⌉. */
export const lawyersNeeded = (stations: number) => Math.ceil(stations / 5);
export const active = (ls: Lawyer[]) => ls.filter((l) => !l.endDate);
/** The day the union is asked to renew or end: N calendar days before the contract's last day. */
export const reminderDate = (endDate: IsoDate, daysBefore: number): IsoDate => addDays(endDate, -daysBefore);
/** The register's handle on one lawyer of one contract (leaveRegister closes exactly that record). */
export const lawyerRole = (code: string, key: string) => `union-lawyer:${code}:${key}`;

export function periodProblems(p: Partial<Period>, at = ''): Problem[] {
  if (!p.startDate || !p.endDate) return [];
  if (p.endDate <= p.startDate) return [{ pointer: `${at}/endDate`, message: `合同终止日期须晚于起始日期 / the contract must end after it starts (${WHO.rule} ${WHO.clause})` }];
  if (daysBetween(p.startDate, p.endDate) > 366 * 3)
    return [{ pointer: `${at}/endDate`, message: '购买服务合同期限不超过 3 年，期满可续签 / a service contract runs at most 3 years; renew it after' }];
  return [];
}

export function unitsProblems(units: Unit[] | undefined): Problem[] {
  if (!units) return [];
  const ids = units.map((u) => u.id);
  return new Set(ids).size === ids.length ? [] : [{ pointer: '/units', message: '服务站点重复 / a station is listed twice' }];
}

/** A renewal continues the contract: it starts the day after the current period ends (续签，期间不中断). */
export function renewalProblems(current: Period, e: Period): Problem[] {
  const next = addDays(current.endDate, 1);
  if (e.startDate !== next)
    return [{ pointer: '/startDate', message: `续签合同应自 ${next}（原合同期满次日）起 / a renewal starts on ${next}, the day after the current period ends` }];
  return periodProblems(e);
}

/** The firm assigns a lawyer to a station the contract covers, within its current period, once. */
export function lawyerProblems(contract: Contract, period: Period, lawyers: Lawyer[], e: LawyerEvent): Problem[] {
  const out: Problem[] = [];
  if (!contract.units.some((u) => u.id === e.unitId))
    out.push({ pointer: '/unitId', message: `工会 ${e.unitId} 不在合同服务范围内（${contract.units.map((u) => u.name).join('、')}）/ the contract does not cover union ${e.unitId} (${STATION.rule} ${STATION.clause})` });
  if (e.startDate < period.startDate || e.startDate > period.endDate)
    out.push({ pointer: '/startDate', message: `到岗日期须在合同期内（${period.startDate} 至 ${period.endDate}）/ the lawyer starts within the contract period` });
  if (active(lawyers).some((l) => l.licenceNo === e.licenceNo))
    out.push({ pointer: '/licenceNo', message: `执业证号 ${e.licenceNo} 的律师已在岗 / a lawyer with this licence is already assigned` });
  return out;
}

/** A lawyer leaves on a day from their start to the period's end. */
export function releaseProblems(period: Period, lawyers: Lawyer[], e: { lawyer: string; endDate: IsoDate }): Problem[] {
  const l = active(lawyers).find((x) => x.key === e.lawyer);
  if (!l) return [{ pointer: '/lawyer', message: `没有在岗律师 ${e.lawyer} / no assigned lawyer ${e.lawyer}` }];
  if (e.endDate < l.startDate || e.endDate > period.endDate)
    return [{ pointer: '/endDate', message: `离岗日期须在 ${l.startDate} 至 ${period.endDate} 之间 / the last day is between ${l.startDate} and ${period.endDate}` }];
  return [];
}

/** The contract ends early on a day within its current period. */
export const endProblems = (period: Period, e: { endDate: IsoDate }): Problem[] =>
  e.endDate < period.startDate || e.endDate > period.endDate
    ? [{ pointer: '/endDate', message: `终止日期须在合同期内（${period.startDate} 至 ${period.endDate}）/ the contract ends within its period` }]
    : [];
