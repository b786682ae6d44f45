import { normalizeMobile } from './mobile';

/** 13812341234 → 138****1234. Anything that is not a mobile number shows only its last two characters. */
export function maskMobile(input: string): string {
  const mobile = normalizeMobile(input);
  if (mobile) return `${mobile.slice(0, 3)}****${mobile.slice(7)}`;
  return input.length <= 2 ? '*'.repeat(input.length) : `${'*'.repeat(input.length - 2)}${input.slice(-2)}`;
}

/** 110105199001011234 → 110105********1234: the region stays (it helps staff), the birth date does not. */
export function maskResidentId(id: string): string {
  if (id.length !== 18) return '*'.repeat(id.length);
  return `${id.slice(0, 6)}********${id.slice(14)}`;
}

/**
 * 张三 → 张*, 欧阳娜娜 → 欧***, John Smith → J*** S****: the first character of a Chinese name, the
 * initials of a name in Latin letters.
 */
export function maskName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0) return '';
  if (/^[A-Za-z .'-]+$/.test(trimmed)) {
    return trimmed
      .split(/\s+/)
      .map((part) => `${part[0]}${'*'.repeat(Math.max(part.length - 1, 1))}`)
      .join(' ');
  }
  const chars = Array.from(trimmed);
  return `${chars[0]}${'*'.repeat(Math.max(chars.length - 1, 1))}`;
}
