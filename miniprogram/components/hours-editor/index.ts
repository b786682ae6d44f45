// Editing opening hours: a week of time windows (each day may have several: morning, afternoon, evening) and dated
// exceptions (a day or some hours off, or extra hours). Times are chosen with WeChat's own time and date pickers,
// each a full tap target. Every edit is sent up as `hourschange` (not `change`, which the pickers inside send) with
// the whole `{ weekly, exceptions }`; the page keeps them and saves them (the server checks them and its refusal
// comes back as `error`).
import { exceptionText, isOrdered, nextWindow, weekdayLabel, WEEKDAYS, type HoursException, type WeeklyWindow } from '../../utils/hours';

interface DayRow {
  weekday: number;
  label: string;
  /** Windows of the day, in time order, with their place in `weekly`. */
  windows: Array<{ index: number; start: string; end: string }>;
}

type Kind = HoursException['kind'];

const NEW_EXCEPTION = { date: '', kind: 'unavailable' as Kind, allDay: true, start: '09:00', end: '12:00', note: '', problem: '' };

function dayRows(weekly: readonly WeeklyWindow[]): DayRow[] {
  return WEEKDAYS.map((weekday) => ({
    weekday,
    label: weekdayLabel(weekday),
    windows: weekly
      .map((w, index) => ({ index, weekday: w.weekday, start: w.start, end: w.end }))
      .filter((w) => w.weekday === weekday)
      .sort((a, b) => a.start.localeCompare(b.start))
      .map(({ index, start, end }) => ({ index, start, end })),
  }));
}

type PickEvent = WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { index?: number }>;

Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    weekly: { type: Array, value: [] as WeeklyWindow[] },
    exceptions: { type: Array, value: [] as HoursException[] },
    /** The first date an exception may be set for (today, China time). */
    today: { type: String, value: '' },
    /** The server's refusal of the hours, shown under them. */
    error: { type: String, value: '' },
  },
  data: {
    days: dayRows([]),
    exceptionRows: [] as Array<{ index: number; text: string }>,
    draft: { ...NEW_EXCEPTION },
    windowProblem: '',
  },
  observers: {
    weekly(weekly: WeeklyWindow[]) {
      this.setData({ days: dayRows(weekly ?? []) });
    },
    exceptions(exceptions: HoursException[]) {
      this.setData({ exceptionRows: (exceptions ?? []).map((x, index) => ({ index, text: exceptionText(x) })).sort((a, b) => a.text.localeCompare(b.text)) });
    },
  },
  methods: {
    emit(weekly: WeeklyWindow[], exceptions: HoursException[]) {
      this.triggerEvent('hourschange', { weekly, exceptions });
    },
    weeklyNow(): WeeklyWindow[] {
      return (this.data.weekly as WeeklyWindow[]) ?? [];
    },
    exceptionsNow(): HoursException[] {
      return (this.data.exceptions as HoursException[]) ?? [];
    },
    onAddWindow(e: WechatMiniprogram.BaseEvent<Record<string, never>, { weekday?: number }>) {
      const weekday = Number(e.currentTarget.dataset.weekday);
      if (!weekday) return;
      const weekly = this.weeklyNow();
      const w = nextWindow(weekly.filter((x) => x.weekday === weekday).length);
      this.setData({ windowProblem: '' });
      this.emit([...weekly, { weekday, ...w }], this.exceptionsNow());
    },
    onRemoveWindow(e: WechatMiniprogram.BaseEvent<Record<string, never>, { index?: number }>) {
      const index = Number(e.currentTarget.dataset.index);
      this.setData({ windowProblem: '' });
      this.emit(this.weeklyNow().filter((_, i) => i !== index), this.exceptionsNow());
    },
    setTime(index: number, field: 'start' | 'end', value: string) {
      const weekly = this.weeklyNow().map((w, i) => (i === index ? { ...w, [field]: value } : w));
      const w = weekly[index];
      if (!w) return;
      this.setData({ windowProblem: isOrdered(w.start, w.end) ? '' : `${weekdayLabel(w.weekday)} ${w.start}–${w.end}：结束时间应晚于开始时间` });
      this.emit(weekly, this.exceptionsNow());
    },
    onStart(e: PickEvent) {
      this.setTime(Number(e.currentTarget.dataset.index), 'start', e.detail.value);
    },
    onEnd(e: PickEvent) {
      this.setTime(Number(e.currentTarget.dataset.index), 'end', e.detail.value);
    },
    /** 工作日同周一: Tuesday to Friday take Monday's hours. */
    onCopyMonday() {
      const weekly = this.weeklyNow();
      const monday = weekly.filter((w) => w.weekday === 1);
      const rest = weekly.filter((w) => w.weekday < 2 || w.weekday > 5);
      const copies = [2, 3, 4, 5].flatMap((weekday) => monday.map((w) => ({ weekday, start: w.start, end: w.end })));
      this.emit([...rest, ...copies], this.exceptionsNow());
    },
    onRemoveException(e: WechatMiniprogram.BaseEvent<Record<string, never>, { index?: number }>) {
      const index = Number(e.currentTarget.dataset.index);
      this.emit(this.weeklyNow(), this.exceptionsNow().filter((_, i) => i !== index));
    },
    onDraftDate(e: PickEvent) {
      this.setData({ 'draft.date': e.detail.value, 'draft.problem': '' });
    },
    onDraftKind(e: WechatMiniprogram.BaseEvent<Record<string, never>, { value?: string }>) {
      const kind: Kind = e.currentTarget.dataset.value === 'extra' ? 'extra' : 'unavailable';
      // Extra hours always have their times.
      this.setData({ 'draft.kind': kind, 'draft.allDay': kind === 'unavailable' ? this.data.draft.allDay : false, 'draft.problem': '' });
    },
    onDraftAllDay(e: WechatMiniprogram.BaseEvent<Record<string, never>, { value?: boolean }>) {
      this.setData({ 'draft.allDay': Boolean(e.currentTarget.dataset.value), 'draft.problem': '' });
    },
    onDraftStart(e: PickEvent) {
      this.setData({ 'draft.start': e.detail.value, 'draft.problem': '' });
    },
    onDraftEnd(e: PickEvent) {
      this.setData({ 'draft.end': e.detail.value, 'draft.problem': '' });
    },
    onDraftNote(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ 'draft.note': e.detail.value });
    },
    onAddException() {
      const d = this.data.draft;
      const problem = !d.date ? '请选择日期' : !d.allDay && !isOrdered(d.start, d.end) ? '结束时间应晚于开始时间' : '';
      if (problem) {
        this.setData({ 'draft.problem': problem });
        return;
      }
      const timed = d.kind === 'extra' || !d.allDay;
      const note = d.note.trim();
      const x: HoursException = { date: d.date, kind: d.kind, ...(timed ? { start: d.start, end: d.end } : {}), ...(note ? { note } : {}) };
      this.setData({ draft: { ...NEW_EXCEPTION } });
      this.emit(this.weeklyNow(), [...this.exceptionsNow(), x]);
    },
  },
});
