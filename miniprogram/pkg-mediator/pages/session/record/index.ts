// 调查与调解记录: the mediator records an investigation or a session (调解笔录) — kind, how it was held,
// who attended, what was said and the next step — through `booking.record` (held now, by default). The server masks
// phone and ID numbers typed into the text.
import type { StaffCaseView as CaseView } from '../../../../utils/staff-types';
import { largeTextBehavior } from '../../../../behaviors/large-text';
import { loadStateBehavior, RunLoadOptions } from '../../../../behaviors/load-state';
import { callFunction, CallResult, showError, showSuccess } from '../../../../services/index';
import { guarded, intentId, settleIntent } from '../../../../utils/staff';

const KINDS = [
  { value: 'session', label: '调解' },
  { value: 'investigation', label: '调查' },
];
const MODES = [
  { value: 'on_site', label: '现场' },
  { value: 'online', label: '线上' },
  { value: 'back_to_back', label: '背对背（分别与一方谈）' },
];

interface Attendee {
  partyId: string;
  name: string;
  present: boolean;
}

interface RecordPage {
  data: { caseId: string; kind: string; mode: string; attendees: Attendee[]; summary: string; nextStep: string; nonPublic: boolean; submitting: boolean };
  runLoad<T>(loader: () => Promise<CallResult<T>>, opts?: RunLoadOptions<T>): Promise<T | undefined>;
  setData(patch: Record<string, unknown>): void;
  load(): Promise<void>;
}

const page = (self: unknown) => self as RecordPage;

Component({
  behaviors: [largeTextBehavior, loadStateBehavior],
  data: {
    caseId: '',
    kinds: KINDS,
    modes: MODES,
    kind: 'session',
    mode: 'on_site',
    attendees: [] as Attendee[],
    summary: '',
    nextStep: '',
    nonPublic: false,
    errors: {} as Record<string, string>,
    submitting: false,
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
      p.setData({ attendees: (view.parties ?? []).map((x) => ({ partyId: x.partyId, name: x.name, present: true })) });
    },
    onKind(e: WechatMiniprogram.BaseEvent<Record<string, never>, { value?: string }>) {
      page(this).setData({ kind: e.currentTarget.dataset.value ?? 'session' });
    },
    onMode(e: WechatMiniprogram.BaseEvent<Record<string, never>, { value?: string }>) {
      page(this).setData({ mode: e.currentTarget.dataset.value ?? 'on_site' });
    },
    onToggleAttendee(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id?: string }>) {
      const p = page(this);
      p.setData({ attendees: p.data.attendees.map((a) => (a.partyId === e.currentTarget.dataset.id ? { ...a, present: !a.present } : a)), 'errors.attendeePartyIds': '' });
    },
    onSummary(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      page(this).setData({ summary: e.detail.value, 'errors.summary': '' });
    },
    onNextStep(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      page(this).setData({ nextStep: e.detail.value });
    },
    onNonPublic(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      page(this).setData({ nonPublic: !!e.detail.value });
    },
    async onSubmit() {
      const p = page(this);
      const { caseId, kind, mode, attendees, summary, nextStep, nonPublic, submitting } = p.data;
      if (submitting) return;
      const errors: Record<string, string> = {};
      const present = attendees.filter((a) => a.present).map((a) => a.partyId);
      if (kind === 'session' && present.length === 0) errors.attendeePartyIds = '请勾选到场的当事人';
      if (summary.trim().length < 5) errors.summary = '请记录主要内容（至少五个字）';
      if (Object.keys(errors).length) {
        p.setData({ errors });
        return;
      }
      const payload = {
        caseId,
        kind,
        mode,
        attendeePartyIds: present,
        summary: summary.trim(),
        ...(nextStep.trim() ? { nextStep: nextStep.trim() } : {}),
        nonPublic,
      };
      p.setData({ submitting: true });
      const res = await callFunction('booking', 'record', payload, { requestId: intentId(this, payload) });
      p.setData({ submitting: false });
      if (!res.ok) {
        if (res.code !== 'NETWORK_ERROR') settleIntent(this);
        if (res.fields && Object.keys(res.fields).length) p.setData({ errors: res.fields });
        else showError(res);
        return;
      }
      settleIntent(this);
      showSuccess('已保存记录');
      wx.navigateBack({ delta: 1 });
    },
  },
});
