// The one formatter every page uses: dates with their weekday, the year only when it is not this year, China time
// whatever the phone's zone.
import { dateText, dateTimeText, formatDate, formatDateTimeWithYear, formatTime, monthDayText, timeRangeText, timeText } from '../../miniprogram/utils/format';

const NOW_2026 = Date.parse('2026-03-01T04:00:00Z');

describe('dates and times on every page', () => {
  it('a day this year reads 5月12日（周二）; another year carries its year', () => {
    expect(dateText('2026-05-12', NOW_2026)).toBe('5月12日（周二）');
    expect(dateText('2025-05-12', NOW_2026)).toBe('2025年5月12日（周一）');
    expect(dateText('2027-01-01', NOW_2026)).toBe('2027年1月1日（周五）');
  });

  it('an instant is read in China time: 01:30 UTC on Monday is 09:30 that Monday, 17:00 UTC is the next day', () => {
    expect(dateTimeText('2026-05-11T01:30:00Z', NOW_2026)).toBe('5月11日（周一）09:30');
    expect(dateText('2026-05-11T17:00:00Z', NOW_2026)).toBe('5月12日（周二）');
    expect(timeText('2026-05-11T17:00:00Z')).toBe('01:00');
  });

  it('a session reads from its start to its end', () => {
    expect(timeRangeText('2026-05-12T01:00:00Z', '2026-05-12T02:00:00Z', NOW_2026)).toBe('5月12日（周二）09:00–10:00');
  });

  it('lists keep the compact form; due dates carry the year; nothing for a missing value', () => {
    expect(formatTime('2025-05-03T09:00:00Z')).toBe('5月3日 17:00');
    expect(formatDate('2025-06-30')).toBe('2025年6月30日');
    // A record kept for years (an archive's closing) always carries the year, in China time.
    expect(formatDateTimeWithYear('2025-05-06T16:30:00Z')).toBe('2025年5月7日 00:30');
    expect(monthDayText('2025-05-12')).toBe('5月12日');
    expect(dateText(undefined, NOW_2026)).toBe('');
    expect(timeRangeText('not a date', undefined, NOW_2026)).toBe('');
  });
});
