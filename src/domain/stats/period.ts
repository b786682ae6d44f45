import { addCalendarDays, isIsoDate, startOfChinaDay, type IsoDate, type IsoInstant } from '../shared/time';

/** A reporting period in China time: [from, to) as instants, plus its first and last China dates. */
export interface Period {
  /** What the caller asked for: `2026-03`, `2026-Q1`, `2026`. */
  key: string;
  label: string;
  firstDate: IsoDate;
  lastDate: IsoDate;
  from: IsoInstant;
  to: IsoInstant;
}

const pad = (n: number) => String(n).padStart(2, '0');

function lastDayOfMonth(year: number, month: number): IsoDate {
  return addCalendarDays(`${month === 12 ? year + 1 : year}-${pad(month === 12 ? 1 : month + 1)}-01`, -1);
}

function build(key: string, label: string, firstDate: IsoDate, lastDate: IsoDate): Period {
  return { key, label, firstDate, lastDate, from: startOfChinaDay(firstDate), to: startOfChinaDay(addCalendarDays(lastDate, 1)) };
}

/** `YYYY-MM` (a month), `YYYY-Qn` (a quarter) or `YYYY` (a year), in China time; undefined when malformed. */
export function parsePeriod(key: string): Period | undefined {
  let m = /^(\d{4})-(\d{2})$/.exec(key);
  if (m) {
    const [y, mo] = [Number(m[1]), Number(m[2])];
    if (mo < 1 || mo > 12) return undefined;
    return build(key, `${y}年${mo}月`, `${y}-${pad(mo)}-01`, lastDayOfMonth(y, mo));
  }
  m = /^(\d{4})-Q([1-4])$/.exec(key);
  if (m) {
    const [y, q] = [Number(m[1]), Number(m[2])];
    return build(key, `${y}年第${q}季度`, `${y}-${pad(q * 3 - 2)}-01`, lastDayOfMonth(y, q * 3));
  }
  m = /^(\d{4})$/.exec(key);
  if (m) return build(key, `${m[1]}年`, `${m[1]}-01-01`, `${m[1]}-12-31`);
  return undefined;
}

/** The month (`YYYY-MM`) a China date falls in. */
export function monthOf(date: IsoDate): string {
  return date.slice(0, 7);
}

export function isInPeriod(p: Period, instant: IsoInstant | undefined): boolean {
  return instant !== undefined && instant >= p.from && instant < p.to;
}

/** A China date within the period (inclusive). */
export function dateInPeriod(p: Period, date: IsoDate | undefined): boolean {
  return date !== undefined && isIsoDate(date) && date >= p.firstDate && date <= p.lastDate;
}
