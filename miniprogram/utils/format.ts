// The one place the mini-program writes dates, times and amounts, for every page of every subpackage (they import
// it from the main package). Times come from the server as ISO instants and are shown in China time whatever the
// phone's zone; date-only values (YYYY-MM-DD) are shown as they are. A static check
// (test/miniprogram/static/page-rules.test.ts) refuses date building anywhere else.
import { WEEKDAY_LABEL } from '../generated/labels';

const CHINA_OFFSET_MS = 8 * 3_600_000;

interface Parts {
  year: number;
  month: number;
  day: number;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  hour: number;
  minute: number;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** The China-time parts of an ISO instant or a YYYY-MM-DD day; undefined when it is neither. */
function partsOf(value: string | undefined): Parts | undefined {
  if (!value) return undefined;
  const dayOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const ms = dayOnly ? Date.parse(`${value}T00:00:00Z`) : Date.parse(value) + CHINA_OFFSET_MS;
  if (Number.isNaN(ms)) return undefined;
  const t = new Date(ms);
  const wd = t.getUTCDay();
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate(), weekday: wd === 0 ? 7 : wd, hour: t.getUTCHours(), minute: t.getUTCMinutes() };
}

function thisYear(nowMs: number): number {
  return new Date(nowMs + CHINA_OFFSET_MS).getUTCFullYear();
}

/** "5月12日（周二）"; "2025年5月12日（周一）" when not this year. From an ISO instant or a YYYY-MM-DD day. */
export function dateText(value: string | undefined, nowMs: number = Date.now()): string {
  const p = partsOf(value);
  if (!p) return '';
  const year = p.year === thisYear(nowMs) ? '' : `${p.year}年`;
  return `${year}${p.month}月${p.day}日（${(WEEKDAY_LABEL as Record<string, string>)[String(p.weekday)]}）`;
}

/** "09:00" (China time). */
export function timeText(iso: string | undefined): string {
  const p = partsOf(iso);
  return p ? `${two(p.hour)}:${two(p.minute)}` : '';
}

/** "5月12日（周二）09:00". */
export function dateTimeText(iso: string | undefined, nowMs: number = Date.now()): string {
  const d = dateText(iso, nowMs);
  return d ? `${d}${timeText(iso)}` : '';
}

/** "5月12日（周二）09:00–10:00": a session from its start to its end (the same day). */
export function timeRangeText(startIso: string | undefined, endIso: string | undefined, nowMs: number = Date.now()): string {
  const start = dateTimeText(startIso, nowMs);
  const end = timeText(endIso);
  return start && end ? `${start}–${end}` : start;
}

/** "5月3日 17:00": a compact date-time for lists, deadlines and histories (no weekday). */
export function formatTime(iso: string | undefined): string {
  const p = partsOf(iso);
  return p ? `${p.month}月${p.day}日 ${two(p.hour)}:${two(p.minute)}` : '';
}

/** "2025年5月7日 10:00": an instant on a record kept for years (an archive), always with its year. */
export function formatDateTimeWithYear(iso: string | undefined): string {
  const p = partsOf(iso);
  return p ? `${p.year}年${p.month}月${p.day}日 ${two(p.hour)}:${two(p.minute)}` : '';
}

/** "2025年5月6日" for a date-only value (YYYY-MM-DD): a due date or a legal deadline, always with its year. */
export function formatDate(date: string | undefined): string {
  const p = /^\d{4}-\d{2}-\d{2}/.test(date ?? '') ? partsOf((date ?? '').slice(0, 10)) : undefined;
  return p ? `${p.year}年${p.month}月${p.day}日` : '';
}

/** "5月12日" of a YYYY-MM-DD day (an opening-hours exception), the day itself when it is not one. */
export function monthDayText(day: string): string {
  const p = partsOf(day);
  return p ? `${p.month}月${p.day}日` : day;
}

/** "2025-05-03" (China date) for date pickers. */
export function chinaDate(ms: number): string {
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** "2025-05": a month's key, from its index (year × 12 + month − 1). */
export function monthKey(index: number): string {
  return `${Math.floor(index / 12)}-${two((index % 12) + 1)}`;
}

/** "2025年5月" of a month key. */
export function monthText(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${y}年${m}月`;
}

/** "5月" of a month key. */
export function monthOnlyText(month: string): string {
  return `${Number(month.slice(5, 7))}月`;
}

/** "3,000 元". */
export function formatYuan(amount: number | undefined): string {
  if (amount === undefined) return '';
  return `${amount.toLocaleString('en-US')} 元`;
}

/** "10年": a number of years (a retention period). */
export function yearsText(years: number): string {
  return `${years}年`;
}
