// 预约调解: the case's current booking (confirm the time the mediator proposed, or cancel it with a reason),
// or — with none — the case mediator's free times for the chosen way of meeting, one tap to book.
import { SESSION_MODE_HINT, SESSION_MODE_LABEL, SESSION_MODES } from '../../../../generated/labels';
import { definePage } from '../../../../kit/page';
import { askToSubscribe, bookingApi, messageFor } from '../../../../services/index';
import type { BookingView, ErrorCode, SessionMode, SlotView } from '../../../../services/index';
import { confirmWithReason } from '../../../utils/case-format';
import { timeRangeText } from '../../../../utils/format';

/** The ways of meeting offered, in the server's order, with its names. */
export const MODES: Array<{ value: SessionMode; label: string }> = SESSION_MODES.map((value) => ({
  value,
  label: `${SESSION_MODE_LABEL[value]}（${SESSION_MODE_HINT[value]}）`,
}));

const isActive = (b: BookingView) => b.status === 'proposed' || b.status === 'confirmed';
/** Codes after which the bookings or free times shown are out of date: they load again. */
const STALE: readonly ErrorCode[] = ['SLOT_TAKEN', 'BOOKING_EXISTS', 'CONFLICT'];

definePage({
  data: {
    caseId: '',
    modes: MODES,
    mode: 'on_site' as SessionMode,
    active: null as BookingView | null,
    /** The active booking's day, weekday and hours, as the case page's appointment card says it. */
    activeWhen: '',
    history: [] as BookingView[],
    mediatorName: '',
    slots: [] as SlotView[],
    slotsState: 'loading',
    slotsError: '',
    chosen: '',
    /** Choosing another time for the booking on file (改期) rather than a first one. */
    rescheduling: false,
    /** Opened from the appointment card's 改期: go straight to choosing another time, once. */
    rescheduleOnOpen: false,
  },
  onLoad(query) {
    this.setData({ caseId: query.id ?? '', rescheduleOnOpen: query.reschedule === '1' });
  },
  async load() {
    const res = await this.runLoad(() => bookingApi.bookings({ caseId: this.data.caseId }), { isEmpty: () => false });
    if (!res) return;
    const active = res.bookings.find(isActive) ?? null;
    this.setData({ active, activeWhen: active ? timeRangeText(active.startAt, active.endAt) : '', history: res.bookings.filter((b) => !isActive(b)), chosen: '', rescheduling: false });
    if (!active) await this.loadSlots();
    else if (this.data.rescheduleOnOpen) {
      this.setData({ rescheduleOnOpen: false });
      await this.onReschedule();
    }
  },
  methods: {
    async loadSlots() {
      this.setData({ slotsState: 'loading', slotsError: '' });
      const res = await bookingApi.slots({ caseId: this.data.caseId, mode: this.data.mode });
      if (!res.ok) {
        this.setData({ slotsState: 'error', slotsError: res.code === 'NETWORK_ERROR' ? messageFor(res) : res.message || '暂时无法获取可预约时间' });
        return;
      }
      this.setData({ slots: res.data.slots, mediatorName: res.data.mediatorName, slotsState: res.data.slots.length ? 'ready' : 'empty' });
    },
    onMode(e: WechatMiniprogram.BaseEvent<Record<string, never>, { value?: SessionMode }>) {
      const mode = e.currentTarget.dataset.value;
      if (!mode || mode === this.data.mode) return;
      this.setData({ mode, chosen: '' });
      void this.loadSlots();
    },
    onChoose(e: WechatMiniprogram.BaseEvent<Record<string, never>, { start?: string }>) {
      const start = e.currentTarget.dataset.start;
      if (start) this.setData({ chosen: start });
    },
    /** 改期: the free times again, for moving the booking on file (the other party confirms the new time). */
    async onReschedule() {
      const b = this.data.active;
      if (!b || this.data.busy) return;
      this.setData({ rescheduling: true, chosen: '', mode: b.mode });
      await this.loadSlots();
    },
    onKeepTime() {
      this.setData({ rescheduling: false, chosen: '' });
    },
    async onBook() {
      const { chosen, mode, caseId, active, rescheduling } = this.data;
      if (this.data.busy) return;
      if (!chosen) {
        wx.showToast({ title: '请先选择一个时间', icon: 'none' });
        return;
      }
      if (rescheduling && active) {
        const reason = await confirmWithReason('改到这个时间？', '请写明改期原因，对方会看到', '改期');
        if (reason === undefined) return;
        if (reason.length < 2) {
          wx.showToast({ title: '请填写改期原因', icon: 'none' });
          return;
        }
        await askToSubscribe(['session_reminder']);
        await this.submit(bookingApi.reschedule, { caseId, bookingId: active.bookingId, startAt: chosen, mode, reason }, { done: '已改期，等待对方确认', reloadOn: STALE });
        return;
      }
      await askToSubscribe(['session_reminder']);
      await this.submit(bookingApi.book, { caseId, startAt: chosen, mode }, { done: '已预约，等待对方确认', reloadOn: STALE });
    },
    async onConfirm() {
      const b = this.data.active;
      if (!b || this.data.busy) return;
      await askToSubscribe(['session_reminder']);
      await this.submit(bookingApi.confirm, { caseId: this.data.caseId, bookingId: b.bookingId }, { done: '已确认时间', reloadOn: STALE });
    },
    async onCancel() {
      const b = this.data.active;
      if (!b || this.data.busy) return;
      const reason = await confirmWithReason('取消这次调解预约？', '请写明原因，便于调解员重新安排', '取消预约');
      if (reason === undefined) return;
      if (reason.length < 2) {
        wx.showToast({ title: '请填写取消原因', icon: 'none' });
        return;
      }
      await this.submit(bookingApi.cancel, { caseId: this.data.caseId, bookingId: b.bookingId, reason }, { done: '已取消预约', reloadOn: STALE });
    },
  },
});
