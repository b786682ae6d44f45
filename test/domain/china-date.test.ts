// The China calendar date of an instant (UTC+8, no daylight saving): what every register, ledger and deadline shows
// as "the day" a thing happened on.
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import { addCalendarDays, chinaDateOf, dayOfWeek, endOfChinaDay, formatChinaTime, startOfChinaDay } from '../../src/domain/shared/time';

dayjs.extend(utc);

describe('chinaDateOf', () => {
  it('turns at 16:00 UTC, midnight in China', () => {
    expect(chinaDateOf('2026-03-31T15:59:59.999Z')).toBe('2026-03-31');
    expect(chinaDateOf('2026-03-31T16:00:00.000Z')).toBe('2026-04-01');
  });

  it('crosses a year and a leap day the same way', () => {
    expect(chinaDateOf('2026-12-31T16:00:00.000Z')).toBe('2027-01-01');
    expect(chinaDateOf('2028-02-28T16:30:00.000Z')).toBe('2028-02-29');
    expect(chinaDateOf('2028-02-29T16:30:00.000Z')).toBe('2028-03-01');
  });

  it('reads an instant written with an offset as that instant', () => {
    expect(chinaDateOf('2026-05-06T23:30:00+08:00')).toBe('2026-05-06');
    expect(chinaDateOf('2026-05-06T00:30:00+08:00')).toBe('2026-05-06');
  });

  it("is the day whose end endOfChinaDay gives, and refuses what is no instant", () => {
    for (const day of ['2026-01-01', '2026-06-30', '2026-12-31']) expect(chinaDateOf(endOfChinaDay(day))).toBe(day);
    expect(() => chinaDateOf('not a time')).toThrow('Not an ISO instant');
  });
});

// The other China date helpers are plain arithmetic as well; dayjs (which they replaced on the hot paths) is the
// reference they must agree with on every day of eight years and at every hour of a few around New Year.
describe('China dates and times by arithmetic', () => {
  it('gives the first and last millisecond of a China day in UTC', () => {
    expect(startOfChinaDay('2026-01-01')).toBe('2025-12-31T16:00:00.000Z');
    expect(endOfChinaDay('2026-01-01')).toBe('2026-01-01T15:59:59.999Z');
    expect(startOfChinaDay('2028-03-01')).toBe('2028-02-29T16:00:00.000Z');
  });

  it('counts days across months, years and leap days, both ways', () => {
    expect(addCalendarDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addCalendarDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCalendarDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addCalendarDays('2026-05-06', 0)).toBe('2026-05-06');
    expect(addCalendarDays('2026-05-06', 60)).toBe('2026-07-05');
  });

  it('knows the weekday of a date (0 = Sunday)', () => {
    expect(dayOfWeek('2026-12-02')).toBe(3); // a Wednesday
    expect(dayOfWeek('2026-10-01')).toBe(4); // National Day 2026, a Thursday
    expect(dayOfWeek('2028-02-29')).toBe(2);
  });

  it('writes an instant as China local time, turning the day at 16:00 UTC', () => {
    expect(formatChinaTime('2026-03-31T15:59:00.000Z')).toBe('2026-03-31 23:59');
    expect(formatChinaTime('2026-03-31T16:00:00.000Z')).toBe('2026-04-01 00:00');
    expect(formatChinaTime('2026-05-06T09:30:00+08:00')).toBe('2026-05-06 09:30');
    expect(() => formatChinaTime('later')).toThrow('Not an ISO instant');
  });

  it('agrees with dayjs on every day from 2024 to 2031 and every hour around two New Years', () => {
    const ref = {
      start: (d: string) => dayjs.utc(`${d}T00:00:00.000Z`).subtract(480, 'minute').toISOString(),
      end: (d: string) => dayjs.utc(`${d}T23:59:59.999Z`).subtract(480, 'minute').toISOString(),
      add: (d: string, n: number) => dayjs.utc(d).add(n, 'day').format('YYYY-MM-DD'),
      weekday: (d: string) => dayjs.utc(d).day(),
      format: (i: string) => dayjs.utc(i).add(480, 'minute').format('YYYY-MM-DD HH:mm'),
    };
    const mismatches: string[] = [];
    for (let d = '2024-01-01'; d < '2032-01-01'; d = ref.add(d, 1)) {
      if (startOfChinaDay(d) !== ref.start(d)) mismatches.push(`start ${d}`);
      if (endOfChinaDay(d) !== ref.end(d)) mismatches.push(`end ${d}`);
      if (dayOfWeek(d) !== ref.weekday(d)) mismatches.push(`weekday ${d}`);
      for (const n of [-45, -1, 1, 30]) if (addCalendarDays(d, n) !== ref.add(d, n)) mismatches.push(`add ${d} ${n}`);
    }
    for (const from of ['2025-12-30T00:00:00.000Z', '2028-12-30T00:00:00.000Z']) {
      for (let h = 0; h < 96; h++) {
        const at = new Date(Date.parse(from) + h * 3_600_000 + 59_999).toISOString();
        if (formatChinaTime(at) !== ref.format(at)) mismatches.push(`format ${at}`);
        if (chinaDateOf(at) !== ref.format(at).slice(0, 10)) mismatches.push(`date ${at}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
