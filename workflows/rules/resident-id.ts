// Mainland resident ID numbers (GB 11643-1999): 17 digits, a birth date, and an ISO 7064 MOD 11-2 check character.
import { isIsoDate } from './calendar.ts';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function isResidentId(s: string): boolean {
  return /^\d{17}[\dX]$/.test(s) && isIsoDate(birthDateOf(s)) && checkCharOf(s) === s[17];
}

const birthDateOf = (s: string) => `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`;
const checkCharOf = (s: string) => CHECK[WEIGHTS.reduce((acc, w, i) => acc + w * Number(s[i]), 0) % 11];

/** As stored and compared: a lower-case check character x is X (people type it so). */
export const normaliseResidentId = (s: string) => s.trim().toUpperCase();

/** Why a number (as typed) is not a valid one, zh / en; null when it is. */
export function residentIdProblem(typed: string): string | null {
  const s = normaliseResidentId(typed);
  if (!/^\d{17}[\dX]$/.test(s)) return '须为 18 位：17 位数字加 1 位数字或 X / must be 18 characters: 17 digits, then a digit or X';
  if (!isIsoDate(birthDateOf(s))) return `出生日期 ${birthDateOf(s)} 不存在 / the birth date ${birthDateOf(s)} does not exist`;
  if (checkCharOf(s) !== s[17]) return `校验码应为 ${checkCharOf(s)}（GB 11643）/ the check character should be ${checkCharOf(s)} (GB 11643)`;
  return null;
}

/** Shown in lists and logs: the first four and last four characters, e.g. 1101**********123X. */
export const maskResidentId = (s: string) => (s.length === 18 ? `${s.slice(0, 4)}**********${s.slice(14)}` : '****');

/** A valid number for tests and demos, from 17 digits. */
export const withCheckDigit = (first17: string): string => first17 + checkCharOf(first17);
