// Months as the reports name them ('2025-05', China time): this month, the one before or after, and in words.
import { chinaDate, monthKey, monthText } from './format';

export function thisMonth(now = Date.now()): string {
  return chinaDate(now).slice(0, 7);
}

export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) + by;
  return monthKey(index);
}

/** "2025年5月". */
export function monthLabel(month: string): string {
  return monthText(month);
}
