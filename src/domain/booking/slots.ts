// Bookable slots: a mediator's (or a room's) weekly hours in China local time, dated exceptions, the
// working-day calendar, and the deployment's slot length and booking horizon. Pure: `now` is passed in.
import { isWorkingDay, type WorkCalendar } from '../calendar/working-days';
import { domainError, type DomainError } from '../shared/errors';
import {
  addCalendarDays,
  CHINA_OFFSET_MINUTES,
  chinaDateOf,
  dayOfWeek,
  isIsoDate,
  toMillis,
  toUtcIso,
  type IsoDate,
  type IsoInstant,
} from '../shared/time';

/** `HH:mm`, China local time. */
export type LocalTime = string;

/** Hours on one day of the week: 1 = Monday … 7 = Sunday. */
export interface WeeklyWindow {
  weekday: number;
  start: LocalTime;
  end: LocalTime;
}

/**
 * A dated change to the weekly hours: `unavailable` (leave, training; without times the whole day) or
 * `extra` hours (an evening session, a make-up working day).
 */
export interface AvailabilityException {
  date: IsoDate;
  kind: 'unavailable' | 'extra';
  start?: LocalTime;
  end?: LocalTime;
  note?: string;
}

export interface Availability {
  weekly: WeeklyWindow[];
  exceptions: AvailabilityException[];
}

export interface SlotRules {
  /** Every session takes one slot; slots start on this grid from midnight (China time). */
  slotMinutes: number;
  /** How far ahead a slot may be booked. */
  horizonWeeks: number;
  /** The earliest slot is at least this long after now (time for the other party to confirm and come). */
  minLeadMinutes: number;
}

export const DEFAULT_SLOT_RULES: SlotRules = { slotMinutes: 60, horizonWeeks: 4, minLeadMinutes: 120 };

export const WEEKDAY_LABEL: Record<number, string> = { 1: '周一', 2: '周二', 3: '周三', 4: '周四', 5: '周五', 6: '周六', 7: '周日' };

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

/** Minutes after midnight of `HH:mm` (24:00 allowed as an end), or undefined when malformed. */
export function minutesOf(time: string): number | undefined {
  if (!TIME.test(time)) return undefined;
  const [h, m] = time.split(':').map(Number);
  return h * 60 + m;
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: IsoDate): number {
  const d = dayOfWeek(date);
  return d === 0 ? 7 : d;
}

/** The instant a China local date and minute-of-day fall on. */
export function chinaInstant(date: IsoDate, minuteOfDay: number): IsoInstant {
  return toUtcIso(Date.parse(`${date}T00:00:00.000Z`) + (minuteOfDay - CHINA_OFFSET_MINUTES) * 60_000);
}

/** Minutes after China midnight at which an instant falls. */
export function chinaMinuteOf(instant: IsoInstant): number {
  const ms = toMillis(instant) + CHINA_OFFSET_MINUTES * 60_000;
  return Math.floor((ms % 86_400_000) / 60_000);
}

export function slotEnd(start: IsoInstant, rules: SlotRules): IsoInstant {
  return toUtcIso(toMillis(start) + rules.slotMinutes * 60_000);
}

type Range = [number, number];

function windowProblem(start: string | undefined, end: string | undefined, rules: SlotRules, where: string): DomainError | undefined {
  const s = start === undefined ? undefined : minutesOf(start);
  const e = end === undefined ? undefined : minutesOf(end);
  if (s === undefined || e === undefined || start === '24:00') return domainError('INVALID_HOURS', `${where}的时间格式应为“时:分”，如 09:00`);
  if (s >= e) return domainError('INVALID_HOURS', `${where}的结束时间须晚于开始时间`);
  if (e - s < rules.slotMinutes) return domainError('INVALID_HOURS', `${where}不足一个时段（${rules.slotMinutes} 分钟）`);
  return undefined;
}

function overlaps(ranges: Range[]): boolean {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  return sorted.some((r, i) => i > 0 && r[0] < sorted[i - 1][1]);
}

/**
 * Why a set of hours cannot be saved, or undefined. Windows hold at least one slot and do not overlap;
 * slots start on the grid from midnight and must fit inside a window (09:00–11:30 gives 09:00 and 10:00).
 */
export function validateAvailability(a: Availability, rules: SlotRules = DEFAULT_SLOT_RULES): DomainError | undefined {
  for (const w of a.weekly) {
    if (!Number.isInteger(w.weekday) || w.weekday < 1 || w.weekday > 7) return domainError('INVALID_HOURS', '星期应为 1（周一）到 7（周日）');
    const p = windowProblem(w.start, w.end, rules, `${WEEKDAY_LABEL[w.weekday]} ${w.start}–${w.end} `);
    if (p) return p;
  }
  for (let d = 1; d <= 7; d++) {
    const ranges = a.weekly.filter((w) => w.weekday === d).map((w): Range => [minutesOf(w.start)!, minutesOf(w.end)!]);
    if (overlaps(ranges)) return domainError('HOURS_OVERLAP', `${WEEKDAY_LABEL[d]}的时段有重叠`);
  }
  for (const x of a.exceptions) {
    if (!isIsoDate(x.date)) return domainError('INVALID_HOURS', `例外日期“${x.date}”格式应为 YYYY-MM-DD`);
    const timed = x.start !== undefined || x.end !== undefined;
    if (x.kind === 'extra' && !timed) return domainError('INVALID_HOURS', `${x.date} 的加开时段须写明起止时间`);
    if (timed) {
      const p = windowProblem(x.start, x.end, rules, `${x.date} ${x.start ?? ''}–${x.end ?? ''} `);
      if (p) return p;
    }
  }
  return undefined;
}

/**
 * The open minute ranges of one China date:
 * - weekly hours apply on the date's weekday, except on statutory days off (holidays, including the
 *   weekend days inside them); a make-up working day (调休上班) on a weekend takes Monday's hours, as the
 *   office keeps a normal working day;
 * - `extra` exceptions add hours; `unavailable` ones remove them (without times: the whole day).
 */
export function openRangesOn(date: IsoDate, a: Availability, calendar: WorkCalendar): Range[] {
  const weekday = isoWeekday(date);
  const makeUp = weekday >= 6 && isWorkingDay(calendar, date);
  const holiday = calendar.offDays.includes(date);
  const base = holiday ? [] : a.weekly.filter((w) => w.weekday === (makeUp ? 1 : weekday));
  const todays = a.exceptions.filter((x) => x.date === date);
  let ranges: Range[] = [...base, ...todays.filter((x) => x.kind === 'extra')].map((w) => [minutesOf(w.start!)!, minutesOf(w.end!)!]);
  for (const off of todays.filter((x) => x.kind === 'unavailable')) {
    if (off.start === undefined || off.end === undefined) return [];
    const [s, e] = [minutesOf(off.start)!, minutesOf(off.end)!];
    ranges = ranges.flatMap(([rs, re]): Range[] => {
      if (e <= rs || s >= re) return [[rs, re]];
      return [...(s > rs ? [[rs, s] as Range] : []), ...(e < re ? [[e, re] as Range] : [])];
    });
  }
  return ranges;
}

/** Slot starts (minutes of day) on one date, on the grid and inside the open hours. */
export function slotMinutesOn(date: IsoDate, a: Availability, calendar: WorkCalendar, rules: SlotRules): number[] {
  const starts = new Set<number>();
  for (const [s, e] of openRangesOn(date, a, calendar)) {
    const first = Math.ceil(s / rules.slotMinutes) * rules.slotMinutes;
    for (let m = first; m + rules.slotMinutes <= e; m += rules.slotMinutes) starts.add(m);
  }
  return [...starts].sort((x, y) => x - y);
}

/** The window in which a slot may be booked now: from now + lead time to the end of the horizon. */
export function bookingWindow(now: IsoInstant, rules: SlotRules): { from: IsoInstant; to: IsoInstant } {
  return {
    from: toUtcIso(toMillis(now) + rules.minLeadMinutes * 60_000),
    to: toUtcIso(toMillis(now) + rules.horizonWeeks * 7 * 86_400_000),
  };
}

/** Every open slot start in [from, to] (defaults: the booking window), earliest first. */
export function openSlots(
  a: Availability,
  calendar: WorkCalendar,
  rules: SlotRules,
  now: IsoInstant,
  range?: { from?: IsoInstant; to?: IsoInstant },
): IsoInstant[] {
  const win = bookingWindow(now, rules);
  const from = range?.from && toMillis(range.from) > toMillis(win.from) ? range.from : win.from;
  const to = range?.to && toMillis(range.to) < toMillis(win.to) ? range.to : win.to;
  const [fromMs, toMs, lastDate] = [toMillis(from), toMillis(to), chinaDateOf(to)];
  const out: IsoInstant[] = [];
  for (let date = chinaDateOf(from); date <= lastDate; date = addCalendarDays(date, 1)) {
    const midnight = toMillis(chinaInstant(date, 0));
    for (const m of slotMinutesOn(date, a, calendar, rules)) {
      const ms = midnight + m * 60_000;
      if (ms >= fromMs && ms <= toMs) out.push(toUtcIso(ms));
    }
  }
  return out;
}

/** Why a slot cannot be booked from these hours now, or undefined when it can. */
export function slotProblem(at: IsoInstant, a: Availability, calendar: WorkCalendar, rules: SlotRules, now: IsoInstant): DomainError | undefined {
  const win = bookingWindow(now, rules);
  const ms = toMillis(at);
  if (ms < toMillis(win.from)) {
    return domainError('SLOT_TOO_SOON', `请预约 ${Math.round(rules.minLeadMinutes / 60)} 小时以后的时段`);
  }
  if (ms > toMillis(win.to)) return domainError('SLOT_TOO_FAR', `只能预约 ${rules.horizonWeeks} 周以内的时段`);
  const date = chinaDateOf(at);
  if (!slotMinutesOn(date, a, calendar, rules).includes(chinaMinuteOf(at)) || new Date(ms).getUTCSeconds() !== 0 || ms % 60_000 !== 0) {
    return domainError('SLOT_NOT_OPEN', '该时段不在可预约的时间内，请重新选择');
  }
  return undefined;
}
