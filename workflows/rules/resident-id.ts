// Mainland resident ID numbers (GB 11643-1999): 17 digits, a birth date, and an ISO 7064 MOD 11-2 check character.
import { isIsoDate } from './calendar.ts';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function isResidentId(s: string): boolean {
  if (!/^\d{17}[\dX]$/.test(s)) return false;
  if (!isIsoDate(`${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`)) return false;
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(s[i]), 0);
  return CHECK[sum % 11] === s[17];
}

/** Shown in lists and logs: the first four and last four characters, e.g. 1101**********123X. */
export const maskResidentId = (s: string) => (s.length === 18 ? `${s.slice(0, 4)}**********${s.slice(14)}` : '****');

/** A valid number for tests and demos, from 17 digits. */
export function withCheckDigit(first17: string): string {
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(first17[i]), 0);
  return first17 + CHECK[sum % 11];
}
