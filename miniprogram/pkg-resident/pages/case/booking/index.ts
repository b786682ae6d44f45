// 预约调解: the case's current booking (confirm the time the mediator proposed, or cancel it with a reason),
// or — with none — the case mediator's free times for the chosen way of meeting, one tap to book.
import { largeTextBehavior } from '../../../../behaviors/large-text';
import { loadStateBehavior, RunLoadOptions } from '../../../../behaviors/load-state';
import { CallResult, showError, showSuccess } from '../../../../services/index';
import { askToSubscribe, BookingData, residentApi, SessionModeCode, SlotData } from '../../../../services/resident';
import { intentId, settleIntent } from '../../../../utils/staff';
import { confirmWithReason } from '../../../utils/case-format';

export const MODES: Array<{ value: SessionModeCode; label: string }> = [
  { value: 'on_site', label: '到调解室' },
  { value: 'online', label: '线上视频' },
  { value: 'back_to_back', label: '背对背（双方分开）' },
];

interface BookingPage {
  data: { caseId: string; mode: SessionModeCode; active: BookingData | null; chosen: string; busy: boolean; slotsState: string };
  runLoad<T>(loader: () => Promise<CallResult<T>>, opts?: RunLoadOptions<T>): Promise<T | undefined>;
  setData(patch: Record<string, unknown>): void;
  load(): Promise<void>;
  loadSlots(): Promise<void>;
  act(key: string, payload: unknown, run: (requestId: string) => Promise<CallResult<unknown>>, done: string): Promise<boolean>;
}

const page = (self: unknown) => self as BookingPage;
const isActive = (b: BookingData) => b.status === 'proposed' || b.status === 'confirmed';

Component({
  behaviors: [largeTextBehavior, loadStateBehavior],
  data: {
    caseId: '',
    modes: MODES,
    mode: 'on_site' as SessionModeCode,
    active: null as BookingData | null,
    history: [] as BookingData[],
    mediatorName: '',
    slots: [] as SlotData[],
    slotsState: 'loading',
    slotsError: '',
    chosen: '',
    busy: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const p = page(this);
      p.setData({ caseId: decodeURIComponent(query.id ?? '') });
      void p.load();
    },
    async load() {
      const p = page(this);
      const res = await p.runLoad(() => residentApi.bookings(p.data.caseId), { isEmpty: () => false });
      if (!res) return;
      const active = res.bookings.find(isActive) ?? null;
      p.setData({ active, history: res.bookings.filter((b) => !isActive(b)), chosen: '' });
      if (!active) await p.loadSlots();
    },
    async loadSlots() {
      const p = page(this);
      p.setData({ slotsState: 'loading', slotsError: '' });
      const res = await residentApi.slots(p.data.caseId, p.data.mode);
      if (!res.ok) {
        p.setData({ slotsState: 'error', slotsError: res.message || '暂时无法获取可预约时间' });
        if (res.code === 'NETWORK_ERROR') p.setData({ slotsError: '网络不佳，请稍后重试' });
        return;
      }
      p.setData({ slots: res.data.slots, mediatorName: res.data.mediatorName, slotsState: res.data.slots.length ? 'ready' : 'empty' });
    },
    async act(key: string, payload: unknown, run: (requestId: string) => Promise<CallResult<unknown>>, done: string): Promise<boolean> {
      const p = page(this);
      if (p.data.busy) return false;
      p.setData({ busy: true });
      const res = await run(intentId(this, { key, payload }));
      p.setData({ busy: false });
      if (!res.ok) {
        if (res.code !== 'NETWORK_ERROR') settleIntent(this);
        showError(res);
        if (res.code === 'SLOT_TAKEN' || res.code === 'BOOKING_EXISTS' || res.code === 'CONFLICT') await p.load();
        return false;
      }
      settleIntent(this);
      showSuccess(done);
      await p.load();
      return true;
    },
    onMode(e: WechatMiniprogram.BaseEvent<Record<string, never>, { value?: SessionModeCode }>) {
      const p = page(this);
      const mode = e.currentTarget.dataset.value;
      if (!mode || mode === p.data.mode) return;
      p.setData({ mode, chosen: '' });
      void p.loadSlots();
    },
    onChoose(e: WechatMiniprogram.BaseEvent<Record<string, never>, { start?: string }>) {
      const start = e.currentTarget.dataset.start;
      if (start) page(this).setData({ chosen: start });
    },
    async onBook() {
      const p = page(this);
      const { chosen, mode, caseId } = p.data;
      if (!chosen) {
        wx.showToast({ title: '请先选择一个时间', icon: 'none' });
        return;
      }
      await askToSubscribe(['session']);
      await p.act('book', { chosen, mode }, (id) => residentApi.book(caseId, chosen, mode, { requestId: id }), '已预约，等待对方确认');
    },
    async onConfirm() {
      const p = page(this);
      const b = p.data.active;
      if (!b) return;
      await askToSubscribe(['session']);
      await p.act('confirm', { bookingId: b.bookingId }, (id) => residentApi.confirmBooking(p.data.caseId, b.bookingId, { requestId: id }), '已确认时间');
    },
    async onCancel() {
      const p = page(this);
      const b = p.data.active;
      if (!b) return;
      const reason = await confirmWithReason('取消这次调解预约？', '请写明原因，便于调解员重新安排', '取消预约');
      if (reason === undefined) return;
      if (reason.length < 2) {
        wx.showToast({ title: '请填写取消原因', icon: 'none' });
        return;
      }
      await p.act('cancel', { bookingId: b.bookingId, reason }, (id) => residentApi.cancelBooking(p.data.caseId, b.bookingId, reason, { requestId: id }), '已取消预约');
    },
  },
});
