import { isIsoDate } from '../shared/time';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** The GB 11643-1999 check character (ISO 7064 MOD 11-2) for the first 17 digits. */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/**
 * An 18-character citizen identity number (公民身份号码, GB 11643): 6-digit address code, an existing
 * birth date (YYYYMMDD) not in the future and not before 1900, 3-digit sequence, and the check
 * character (a lower-case x is accepted). `today` is passed in so the rule never reads a clock.
 */
export function isValidResidentId(id: string, today?: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  if (id[0] === '0') return false;
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isIsoDate(birth) || birth < '1900-01-01') return false;
  if (today !== undefined && birth > today) return false;
  return residentIdCheckChar(id.slice(0, 17)) === id[17].toUpperCase();
}

/** Birth date from a valid number, as YYYY-MM-DD. */
export function birthDateOf(id: string): string {
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}
