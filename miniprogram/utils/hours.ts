// Opening hours on the phone: a week of time windows (1 = Monday … 7 = Sunday, China local time) and dated
// exceptions (a day off, or extra hours), as `booking.rooms` / `booking.availability` answer them and
// `booking.setRoom` / `booking.setAvailability` take them. The server checks them (INVALID_HOURS, HOURS_OVERLAP);
// here they are only put into words and edited.
import { WEEKDAY_LABEL } from '../generated/labels';
import type { MediatorHours } from '../services/types';
import { monthDayText } from './format';

export type WeeklyWindow = MediatorHours['weekly'][number];
export type HoursException = MediatorHours['exceptions'][number];

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

export function weekdayLabel(d: number): string {
  return (WEEKDAY_LABEL as Record<string, string>)[String(d)] ?? '';
}

/** "09:00–12:00、14:00–17:30", windows in time order. */
export function windowsText(windows: ReadonlyArray<{ start: string; end: string }>): string {
  return [...windows]
    .sort((a, b) => a.start.localeCompare(b.start))
    .map((w) => `${w.start}–${w.end}`)
    .join('、');
}

/**
 * The week in a few lines: consecutive days with the same hours together ("周一至周五 09:00–12:00、14:00–17:30"),
 * days without hours left out. Empty when there are none at all.
 */
export function weeklySummary(weekly: readonly WeeklyWindow[]): string[] {
  const byDay = WEEKDAYS.map((d) => ({ d, text: windowsText(weekly.filter((w) => w.weekday === d)) }));
  const lines: string[] = [];
  let i = 0;
  while (i < byDay.length) {
    let j = i;
    while (j + 1 < byDay.length && byDay[j + 1].text === byDay[i].text) j++;
    if (byDay[i].text) {
      const days = i === j ? weekdayLabel(byDay[i].d) : `${weekdayLabel(byDay[i].d)}至${weekdayLabel(byDay[j].d)}`;
      lines.push(`${days} ${byDay[i].text}`);
    }
    i = j + 1;
  }
  return lines;
}

/** "5月12日 全天不开放（培训）", "5月17日 14:00–17:00 不开放", "5月18日 加开 09:00–12:00". */
export function exceptionText(x: HoursException): string {
  const day = monthDayText(x.date);
  const times = x.start && x.end ? `${x.start}–${x.end}` : '';
  const what = x.kind === 'extra' ? `加开 ${times}` : times ? `${times} 不开放` : '全天不开放';
  return `${day} ${what}${x.note ? `（${x.note}）` : ''}`;
}

/** Minutes after midnight of "HH:mm" (24:00 allowed as an end). */
function minutes(t: string): number {
  const [h, m] = t.split(':').map(Number);
  return h * 60 + m;
}

/** Whether a window ends after it starts. */
export function isOrdered(start: string, end: string): boolean {
  return minutes(end) > minutes(start);
}

/** The hours a new window of a day starts with: the morning, then the afternoon, then the evening. */
export function nextWindow(existing: number): { start: string; end: string } {
  const defaults = [
    { start: '09:00', end: '12:00' },
    { start: '14:00', end: '17:30' },
    { start: '18:30', end: '20:30' },
  ];
  return defaults[Math.min(existing, defaults.length - 1)];
}
