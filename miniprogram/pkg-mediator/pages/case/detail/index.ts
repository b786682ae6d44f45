// 案件办理 (mediator): the case as staff see it — parties with masked phone numbers and tap-to-call (the full
// number is fetched only on the tap, through `case.revealContact`, which the server audits), proposing
// session times from the bookable slots, and the way to the session record, the agreement and the follow-up.
import type { StaffCaseView as CaseView } from '../../../../utils/staff-types';
import { largeTextBehavior } from '../../../../behaviors/large-text';
import { loadStateBehavior, RunLoadOptions } from '../../../../behaviors/load-state';
import { callFunction, CallResult, showError, showSuccess } from '../../../../services/index';
import { ROUTES } from '../../../../utils/routes';
import { formatTime, guarded, intentId, settleIntent } from '../../../../utils/staff';

/** A bookable slot from `booking.slots`: the case mediator's free time, with the free rooms unless online. */
export interface Slot {
  startAt: string;
  endAt: string;
  label: string;
  rooms?: Array<{ roomId: string; name: string }>;
}

const MODE_LABEL: Record<string, string> = { on_site: '现场调解', online: '线上调解', back_to_back: '背对背调解' };
const ROLE_LABEL: Record<string, string> = { applicant: '申请人', respondent: '被申请人' };
/** Stages where an agreement can be drafted, and where the follow-up (performance, return visit) is open. */
const AGREEMENT_STAGES = ['in_mediation', 'agreement_pending'];
const FOLLOW_UP_STAGES = ['agreement_pending', 'performing'];

interface SlotRow {
  key: string;
  startAt: string;
  mode: string;
  roomId?: string;
  label: string;
}

interface DetailPage {
  data: { caseId: string; view: CaseView | null; slots: SlotRow[]; calling: string; proposing: string };
  runLoad<T>(loader: () => Promise<CallResult<T>>, opts?: RunLoadOptions<T>): Promise<T | undefined>;
  setData(patch: Record<string, unknown>): void;
  load(): Promise<void>;
}

const page = (self: unknown) => self as DetailPage;

Component({
  behaviors: [largeTextBehavior, loadStateBehavior],
  data: {
    caseId: '',
    view: null as CaseView | null,
    parties: [] as Array<{ partyId: string; name: string; roleLabel: string; mobile: string }>,
    dueText: '',
    canPropose: false,
    canDraft: false,
    canFollowUp: false,
    slots: [] as SlotRow[],
    slotsState: '' as '' | 'loading' | 'empty' | 'ready',
    calling: '',
    proposing: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      page(this).setData({ caseId: query.id ?? '' });
      void page(this).load();
    },
    async load() {
      const p = page(this);
      const view = await p.runLoad(() => guarded(['mediator', 'director'], '调解员', () => callFunction<CaseView>('case', 'get', { caseId: p.data.caseId })));
      if (!view) return;
      if (view.relation !== 'staff') {
        p.setData({ loadState: 'error', loadError: '您不是本案的承办人员', view: null });
        return;
      }
      p.setData({
        view,
        parties: (view.parties ?? []).map((x) => ({ partyId: x.partyId, name: x.name, roleLabel: ROLE_LABEL[x.role] ?? x.role, mobile: x.mobile ?? '' })),
        dueText: view.next ? `${view.next.label}：${formatTime(view.next.dueAt)}前` : '',
        canPropose: ['accepted', 'awaiting_consent', 'scheduled', 'in_mediation'].includes(view.status),
        canDraft: AGREEMENT_STAGES.includes(view.status),
        canFollowUp: FOLLOW_UP_STAGES.includes(view.status),
      });
    },
    /** Tap-to-call: the full number is asked for now, used for the call, and never kept on the page. */
    async onCall(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id?: string }>) {
      const p = page(this);
      const partyId = e.currentTarget.dataset.id;
      if (!partyId || p.data.calling) return;
      p.setData({ calling: partyId });
      const res = await callFunction<{ partyId: string; mobile: string }>('case', 'revealContact', { caseId: p.data.caseId, partyId });
      p.setData({ calling: '' });
      if (!res.ok) {
        showError(res);
        return;
      }
      wx.makePhoneCall({ phoneNumber: res.data.mobile, fail: () => undefined });
    },
    async onShowSlots() {
      const p = page(this);
      p.setData({ slotsState: 'loading' });
      const res = await callFunction<{ mode: string; slots: Slot[] }>('booking', 'slots', { caseId: p.data.caseId });
      if (!res.ok) {
        p.setData({ slotsState: '' });
        showError(res);
        return;
      }
      const mode = res.data.mode ?? 'on_site';
      // On site: one row per slot and the first free room (the server also takes the first free one).
      const slots: SlotRow[] = res.data.slots.slice(0, 30).map((s) => {
        const room = s.rooms?.[0];
        return {
          key: `${s.startAt}|${room?.roomId ?? ''}`,
          startAt: s.startAt,
          mode,
          ...(room ? { roomId: room.roomId } : {}),
          label: `${s.label || formatTime(s.startAt)} · ${MODE_LABEL[mode] ?? mode}${room ? ` · ${room.name}` : ''}`,
        };
      });
      p.setData({ slots, slotsState: slots.length ? 'ready' : 'empty' });
    },
    /** The mediator proposes a slot; both parties then confirm it in their own app (booking.confirm). */
    async onPropose(e: WechatMiniprogram.BaseEvent<Record<string, never>, { key?: string }>) {
      const p = page(this);
      const slot = p.data.slots.find((s) => s.key === e.currentTarget.dataset.key);
      if (!slot || p.data.proposing) return;
      const payload = { caseId: p.data.caseId, startAt: slot.startAt, mode: slot.mode, ...(slot.roomId ? { roomId: slot.roomId } : {}) };
      p.setData({ proposing: slot.key });
      const res = await callFunction('booking', 'book', payload, { requestId: intentId(this, payload) });
      p.setData({ proposing: '' });
      if (!res.ok) {
        if (res.code !== 'NETWORK_ERROR') settleIntent(this);
        showError(res);
        if (res.code === 'SLOT_TAKEN') await (this as unknown as { onShowSlots(): Promise<void> }).onShowSlots();
        return;
      }
      settleIntent(this);
      showSuccess('已向双方发出预约');
      p.setData({ slots: [], slotsState: '' });
      await p.load();
    },
    onRecord() {
      wx.navigateTo({ url: `${ROUTES.mediatorSession}?id=${encodeURIComponent(page(this).data.caseId)}` });
    },
    onDraft() {
      wx.navigateTo({ url: `${ROUTES.mediatorAgreement}?id=${encodeURIComponent(page(this).data.caseId)}` });
    },
    onFollowUp() {
      wx.navigateTo({ url: `${ROUTES.mediatorFollowUp}?id=${encodeURIComponent(page(this).data.caseId)}` });
    },
  },
});
