import {
  DEFAULT_CALENDAR,
  DEFAULT_RULES,
  buildCalendar,
  deadlineAfter,
  isCovered,
  isWorkingDay,
  nthWorkingDayAfter,
  parseHolidayYear,
  workingDaysBetween,
  HOLIDAYS_2026,
} from '../../src/domain';
import { HOLIDAYS_2027_STATUTORY } from '../../src/domain/calendar/holidays';

const cal = DEFAULT_CALENDAR;
// 10:00 in China on a date.
const at10 = (date: string): string => new Date(`${date}T10:00:00+08:00`).toISOString();
const endOf = (date: string): string => new Date(`${date}T23:59:59.999+08:00`).toISOString();

describe('2026 official holidays and make-up working days', () => {
  it.each([
    ['2026-01-01', '元旦'],
    ['2026-02-16', '春节（除夕前后）'],
    ['2026-02-23', '春节最后一天，周一'],
    ['2026-04-06', '清明节，周一'],
    ['2026-05-05', '劳动节，周二'],
    ['2026-06-19', '端午节，周五'],
    ['2026-09-25', '中秋节，周五'],
    ['2026-10-07', '国庆节，周三'],
  ])('%s is a day off (%s)', (date) => {
    expect(isWorkingDay(cal, date)).toBe(false);
  });

  it.each(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'])('%s is a weekend working day (调休上班)', (date) => {
    expect(isWorkingDay(cal, date)).toBe(true);
  });

  it('treats ordinary weekdays as working days and ordinary weekends as days off', () => {
    expect(isWorkingDay(cal, '2026-03-04')).toBe(true);
    expect(isWorkingDay(cal, '2026-03-07')).toBe(false);
    expect(isWorkingDay(cal, '2026-03-08')).toBe(false);
  });

  it('has 248 working days in 2026: 261 weekdays, 19 of them off, 6 weekend make-up days', () => {
    expect(workingDaysBetween(cal, '2025-12-31', '2026-12-31')).toBe(248);
  });
});

describe('counting working days', () => {
  it('does not count the starting day: one working day from Monday is Tuesday', () => {
    expect(nthWorkingDayAfter(cal, at10('2026-03-02'), 1)).toBe('2026-03-03');
  });

  it('skips the weekend: one working day from Friday is Monday', () => {
    expect(nthWorkingDayAfter(cal, at10('2026-03-06'), 1)).toBe('2026-03-09');
  });

  it('skips the Spring Festival and counts the Saturday make-up day', () => {
    // Registered Friday 13 Feb: Sat 14 Feb is a working day, then the break runs to Mon 23 Feb.
    expect(nthWorkingDayAfter(cal, at10('2026-02-13'), 1)).toBe('2026-02-14');
    expect(nthWorkingDayAfter(cal, at10('2026-02-13'), 2)).toBe('2026-02-24');
  });

  it('skips the National Day week', () => {
    expect(nthWorkingDayAfter(cal, at10('2026-09-30'), 2)).toBe('2026-10-09');
  });

  it('uses the date in China, not in UTC: 01:00 on Tuesday in China is still Monday in UTC', () => {
    const tuesdayEarly = '2026-03-02T17:00:00.000Z'; // 2026-03-03 01:00 +08:00
    expect(nthWorkingDayAfter(cal, tuesdayEarly, 1)).toBe('2026-03-04');
  });
});

describe('deadlines', () => {
  it('day-based deadlines end at the close of the last day in China', () => {
    expect(deadlineAfter(cal, at10('2026-03-06'), { amount: 1, unit: 'working_days' })).toBe(endOf('2026-03-09'));
    expect(deadlineAfter(cal, at10('2026-03-02'), { amount: 30, unit: 'calendar_days' })).toBe(endOf('2026-04-01'));
  });

  it('hour-based deadlines are exact, holidays or not', () => {
    expect(deadlineAfter(cal, at10('2026-10-01'), { amount: 2, unit: 'hours' })).toBe(new Date('2026-10-01T12:00:00+08:00').toISOString());
  });

  it('the default triage deadline over National Day waits for the first working day', () => {
    expect(deadlineAfter(cal, at10('2026-09-30'), DEFAULT_RULES.deadlines.triage)).toBe(endOf('2026-10-08'));
  });
});

describe('years without published data', () => {
  it('are reported as not covered and fall back to Monday–Friday', () => {
    expect(isCovered(cal, '2026-06-01')).toBe(true);
    expect(isCovered(cal, '2028-06-01')).toBe(false);
    expect(isWorkingDay(cal, '2028-01-03')).toBe(true); // a Monday; no 2028 data at all
    expect(isWorkingDay(cal, '2028-01-01')).toBe(false); // a Saturday
  });

  it('2027 ships provisionally with the statutory days off, so deadlines never land on 春节 or 国庆', () => {
    expect(cal.provisionalYears).toEqual([2027]);
    expect(isCovered(cal, '2027-06-01')).toBe(true);
    for (const day of ['2027-01-01', '2027-02-05', '2027-02-08', '2027-04-05', '2027-06-09', '2027-09-15', '2027-10-01']) {
      expect(`${day} ${isWorkingDay(cal, day)}`).toBe(`${day} false`);
    }
    expect(isWorkingDay(cal, '2027-02-09')).toBe(true); // 初四, a Tuesday
    // Thursday before the Spring Festival eve, one working day: Friday the 5th is 除夕 and the weekend and
    // Monday the 8th (初三) follow, so it is due on Tuesday the 9th.
    expect(nthWorkingDayAfter(cal, at10('2027-02-04'), 1)).toBe('2027-02-09');
    expect(HOLIDAYS_2027_STATUTORY.makeUpWorkdays).toEqual([]);
  });

  it('can be added from JSON once published', () => {
    const parsed = parseHolidayYear({
      year: 2027,
      source: '测试数据',
      holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }],
      makeUpWorkdays: [],
    });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const extended = buildCalendar([HOLIDAYS_2026, parsed.value]);
    expect(isCovered(extended, '2027-06-01')).toBe(true);
    expect(isWorkingDay(extended, '2027-01-01')).toBe(false);
  });

  it('rejects holiday data with impossible dates or dates outside its year', () => {
    expect(parseHolidayYear({ year: 2027, source: 'x', holidays: [{ name: '元旦', from: '2027-02-30', to: '2027-02-30' }], makeUpWorkdays: [] }).ok).toBe(false);
    expect(parseHolidayYear({ year: 2027, source: 'x', holidays: [], makeUpWorkdays: ['2026-12-31'] }).ok).toBe(false);
  });
});
