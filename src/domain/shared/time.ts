import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

/** China has one time zone and no daylight saving: local time is UTC+8 all year. */
export const CHINA_OFFSET_MINUTES = 8 * 60;

/** An instant as an ISO 8601 string (stored as-is in case documents). */
export type IsoInstant = string;
/** A calendar date in China, `YYYY-MM-DD`. */
export type IsoDate = string;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const d = dayjs.utc(value, 'YYYY-MM-DD');
  return d.isValid() && d.format('YYYY-MM-DD') === value;
}

export function isIsoInstant(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value));
}

/** Milliseconds since the epoch; throws on a malformed instant so a bad `now` never passes silently. */
export function toMillis(instant: IsoInstant): number {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new Error(`Not an ISO instant: ${instant}`);
  return ms;
}

export function toUtcIso(ms: number): IsoInstant {
  return new Date(ms).toISOString();
}

// China's dates and times below are plain arithmetic on UTC milliseconds rather than dayjs: a fixed offset needs no
// calendar, and they run once per case row of a month's registers and ledgers, per slot of a booking screen and per
// day of a deadline sweep (well under 1 µs a call against dayjs's 3–10 µs).
const OFFSET_MS = CHINA_OFFSET_MINUTES * 60_000;
const DAY_MS = 86_400_000;

/** The date in China on which an instant falls. */
export function chinaDateOf(instant: IsoInstant): IsoDate {
  return toUtcIso(toMillis(instant) + OFFSET_MS).slice(0, 10);
}

/** Midnight UTC of a `YYYY-MM-DD` date, in milliseconds (dates are checked where they come in). */
const utcMidnight = (date: IsoDate) => Date.parse(`${date}T00:00:00.000Z`);

/** The last millisecond of a China calendar date, as a UTC ISO instant. */
export function endOfChinaDay(date: IsoDate): IsoInstant {
  return toUtcIso(utcMidnight(date) + DAY_MS - 1 - OFFSET_MS);
}

/** The first millisecond of a China calendar date, as a UTC ISO instant. */
export function startOfChinaDay(date: IsoDate): IsoInstant {
  return toUtcIso(utcMidnight(date) - OFFSET_MS);
}

export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  return toUtcIso(utcMidnight(date) + days * DAY_MS).slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  return new Date(utcMidnight(date)).getUTCDay();
}

export function isAfter(a: IsoInstant, b: IsoInstant): boolean {
  return toMillis(a) > toMillis(b);
}

export function addHours(instant: IsoInstant, hours: number): IsoInstant {
  return toUtcIso(toMillis(instant) + hours * 3_600_000);
}

export function maxDate(dates: IsoDate[]): IsoDate | undefined {
  // Not `.at(-1)`: the mini-program's type check (lib ES2020) follows the wire types into the domain.
  return dates.length === 0 ? undefined : [...dates].sort()[dates.length - 1];
}

/** An instant as China local time for messages, `YYYY-MM-DD HH:mm`. */
export function formatChinaTime(instant: IsoInstant): string {
  const local = toUtcIso(toMillis(instant) + OFFSET_MS);
  return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
}
