// 调查与调解记录: the mediator records an investigation or a session (调解笔录) — kind, how it was held,
// who attended, what was said and the next step — through `booking.record` (held now, by default). The server masks
// phone and ID numbers typed into the text.
import { RECORD_KIND_LABEL, SESSION_MODES, SESSION_MODE_LABEL, STAFF_ROLE_LABEL } from '../../../../generated/labels';
import { definePage } from '../../../../kit/page';
import { bookingApi, caseApi } from '../../../../services/index';
import type { RecordInput, SessionMode } from '../../../../services/types';

type Kind = RecordInput['kind'];

/** The two kinds of record, in the server's wording (a session first). */
const KINDS = (Object.keys(RECORD_KIND_LABEL) as Kind[]).map((value) => ({ value, label: RECORD_KIND_LABEL[value] }));
const MODES = SESSION_MODES.map((value) => ({
  value,
  label: `${SESSION_MODE_LABEL[value]}${value === 'back_to_back' ? '（分别与一方谈）' : ''}`,
}));

interface Attendee {
  partyId: string;
  name: string;
  present: boolean;
}

definePage({
  role: { roles: ['mediator', 'director'], name: STAFF_ROLE_LABEL.mediator },
  data: {
    caseId: '',
    kinds: KINDS,
    modes: MODES,
    kind: 'session' as Kind,
    mode: 'on_site' as SessionMode,
    attendees: [] as Attendee[],
    summary: '',
    nextStep: '',
    nonPublic: false,
  },
  onLoad(query) {
    this.setData({ caseId: query.id ?? '' });
  },
  async load() {
    const view = await this.runLoad(() => caseApi.get({ caseId: this.data.caseId }));
    if (!view) return;
    this.setData({ attendees: (view.parties ?? []).map((x) => ({ partyId: x.partyId, name: x.name, present: true })) });
  },
  methods: {
    onKind(e: WechatMiniprogram.BaseEvent<Record<string, never>, { value?: string }>) {
      const kind = KINDS.find((k) => k.value === e.currentTarget.dataset.value)?.value ?? 'session';
      this.setData({ kind });
    },
    onMode(e: WechatMiniprogram.BaseEvent<Record<string, never>, { value?: string }>) {
      const mode = SESSION_MODES.find((m) => m === e.currentTarget.dataset.value) ?? 'on_site';
      this.setData({ mode });
    },
    onToggleAttendee(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id?: string }>) {
      this.setData({
        attendees: this.data.attendees.map((a) => (a.partyId === e.currentTarget.dataset.id ? { ...a, present: !a.present } : a)),
        'errors.attendeePartyIds': '',
      });
    },
    onSummary(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ summary: e.detail.value, 'errors.summary': '' });
    },
    onNextStep(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ nextStep: e.detail.value, 'errors.nextStep': '' });
    },
    onNonPublic(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      this.setData({ nonPublic: !!e.detail.value });
    },
    async onSubmit() {
      const { caseId, kind, mode, attendees, summary, nextStep, nonPublic } = this.data;
      const errors: Record<string, string> = {};
      const present = attendees.filter((a) => a.present).map((a) => a.partyId);
      if (kind === 'session' && present.length === 0) errors.attendeePartyIds = '请勾选到场的当事人';
      if (summary.trim().length < 5) errors.summary = '请记录主要内容（至少五个字）';
      if (Object.keys(errors).length) {
        this.setData({ errors });
        return;
      }
      const input: RecordInput = {
        caseId,
        kind,
        mode,
        attendeePartyIds: present,
        summary: summary.trim(),
        ...(nextStep.trim() ? { nextStep: nextStep.trim() } : {}),
        nonPublic,
      };
      const done = await this.submit(bookingApi.record, input, { done: '已保存记录', reload: false, fields: ['attendeePartyIds', 'summary', 'nextStep'] });
      if (done) wx.navigateBack({ delta: 1 });
    },
  },
});
