/**
 * A mainland mobile number: 11 digits starting 13–19, optionally written with +86 / 86 and spaces or
 * hyphens (as people type them).
 */
export function normalizeMobile(input: string): string | undefined {
  const digits = input.replace(/[\s-]/g, '').replace(/^(\+86|0086|86)(?=1\d{10}$)/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? digits : undefined;
}

export function isValidMobile(input: string): boolean {
  return normalizeMobile(input) !== undefined;
}
