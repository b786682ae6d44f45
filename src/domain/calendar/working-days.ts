import type { HolidayYear } from './holidays';
import { OFFICIAL_HOLIDAYS } from './holidays';
import {
  addCalendarDays,
  addHours,
  chinaDateOf,
  dayOfWeek,
  endOfChinaDay,
  type IsoDate,
  type IsoInstant,
} from '../shared/time';

/**
 * The working-day calendar, as plain data so it can travel in the context and be loaded from JSON.
 * Build one with `buildCalendar`.
 */
export interface WorkCalendar {
  coveredYears: number[];
  /** Covered years whose data is provisional (statutory days only, the State Council's notice not yet loaded). */
  provisionalYears: number[];
  /** Dates that are days off although Monday–Friday. */
  offDays: IsoDate[];
  /** Weekend dates that are working days. */
  makeUpWorkdays: IsoDate[];
}

export function buildCalendar(years: HolidayYear[] = OFFICIAL_HOLIDAYS): WorkCalendar {
  const off = new Set<IsoDate>();
  const work = new Set<IsoDate>();
  for (const year of years) {
    for (const range of year.holidays) {
      for (let d = range.from; d <= range.to; d = addCalendarDays(d, 1)) off.add(d);
    }
    for (const d of year.makeUpWorkdays) work.add(d);
  }
  return {
    coveredYears: years.map((y) => y.year).sort(),
    provisionalYears: years.filter((y) => y.provisional).map((y) => y.year).sort(),
    offDays: [...off].sort(),
    makeUpWorkdays: [...work].sort(),
  };
}

export const DEFAULT_CALENDAR: WorkCalendar = buildCalendar();

/** Whether the official schedule for the year of `date` is known; if not, only weekends are days off. */
export function isCovered(calendar: WorkCalendar, date: IsoDate): boolean {
  return calendar.coveredYears.includes(Number(date.slice(0, 4)));
}

export function isWorkingDay(calendar: WorkCalendar, date: IsoDate): boolean {
  if (calendar.makeUpWorkdays.includes(date)) return true;
  if (calendar.offDays.includes(date)) return false;
  const dow = dayOfWeek(date);
  return dow !== 0 && dow !== 6;
}

/**
 * The n-th working day after the China date of `from` (the day itself does not count: a request made
 * on a Friday afternoon with one working day to answer is due the following Monday, or later across a
 * holiday). n = 0 gives the same day if it is a working day, else the next working day.
 */
export function nthWorkingDayAfter(calendar: WorkCalendar, from: IsoInstant, n: number): IsoDate {
  let date = chinaDateOf(from);
  if (n === 0) {
    while (!isWorkingDay(calendar, date)) date = addCalendarDays(date, 1);
    return date;
  }
  let counted = 0;
  while (counted < n) {
    date = addCalendarDays(date, 1);
    if (isWorkingDay(calendar, date)) counted += 1;
  }
  return date;
}

export type DurationUnit = 'hours' | 'working_days' | 'calendar_days';

export interface Duration {
  amount: number;
  unit: DurationUnit;
}

/**
 * When a period that starts at `from` ends. Day-based periods end at the close of the last day in
 * China (23:59:59.999 +08:00), so nobody loses part of their last day; hours are exact.
 */
export function deadlineAfter(calendar: WorkCalendar, from: IsoInstant, duration: Duration): IsoInstant {
  switch (duration.unit) {
    case 'hours':
      return addHours(from, duration.amount);
    case 'working_days':
      return endOfChinaDay(nthWorkingDayAfter(calendar, from, duration.amount));
    case 'calendar_days':
      return endOfChinaDay(addCalendarDays(chinaDateOf(from), duration.amount));
    default: {
      const unreachable: never = duration.unit;
      throw new Error(`Unknown duration unit ${String(unreachable)}`);
    }
  }
}

/** Working days strictly after `from`'s date up to and including `to`'s date (China dates). */
export function workingDaysBetween(calendar: WorkCalendar, from: IsoDate, to: IsoDate): number {
  let count = 0;
  for (let d = addCalendarDays(from, 1); d <= to; d = addCalendarDays(d, 1)) {
    if (isWorkingDay(calendar, d)) count += 1;
  }
  return count;
}
