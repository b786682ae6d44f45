// Months as the reports name them ('2025-05', China time): this month, the one before or after, and in words.

export function thisMonth(now = Date.now()): string {
  return new Date(now + 8 * 3600_000).toISOString().slice(0, 7);
}

export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** "2025年5月". */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${y}年${m}月`;
}
