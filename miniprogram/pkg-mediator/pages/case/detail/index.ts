// 案件办理 (mediator): the case as staff see it — parties with masked phone numbers and tap-to-call (the full
// number is fetched only on the tap, through `case.revealContact`, a command the server audits), proposing
// session times from the bookable slots, and the way to the session record, the agreement and the follow-up.
// Once the case is accepted, the respondent is invited (征询是否同意调解, Art. 17): the page asks the server for the
// invitation code and offers it as a WeChat share card (no names, no dispute text: only the code in the path).
// What is found during the work is recorded here too: a higher risk (Art. 25, 防止纠纷激化: the case turns urgent
// and the centre above is alerted when it becomes high), and a marriage, adoption or inheritance question that
// comes out (the agreement is then signed on paper only). The case's director records a recusal request (回避) a
// party without WeChat made at the office, by phone or in writing (代当事人申请回避), as the party's own.
import { DOCUMENT_TITLE, PARTY_ROLE_LABEL, RISK_LABEL, RISK_SIGNAL_LABEL, SESSION_MODE_LABEL, STAFF_ROLE_LABEL } from '../../../../generated/labels';
import { definePage } from '../../../../kit/page';
import { STAFF_NOTICES, askToSubscribe, bookingApi, caseApi, reportApi, showError } from '../../../../services/index';
import type { CaseView, DocumentKind, RaiseRiskInput, SessionMode, Status } from '../../../../services/types';
import { confirmStep, confirmWithReason } from '../../../../utils/dialogs';
import { openGeneratedFile } from '../../../../utils/open-file';
import { ROUTES } from '../../../../utils/routes';
import { formatTime } from '../../../../utils/format';
import { FEEDBACK_CHANNELS, referralSection, type ReferralSection } from './referral';

/**
 * Stages where session times can be proposed, an agreement drafted, and the follow-up is open: performance, the
 * return visit (also the one owed after closing) and closing the case (failed, or no reply while the respondent is
 * asked).
 */
const PROPOSE_STAGES: readonly Status[] = ['accepted', 'awaiting_consent', 'scheduled', 'in_mediation'];
const AGREEMENT_STAGES: readonly Status[] = ['in_mediation', 'agreement_pending'];
const FOLLOW_UP_STAGES: readonly Status[] = ['accepted', 'awaiting_consent', 'scheduled', 'in_mediation', 'agreement_pending', 'performing', 'closed'];
/** Stages where a party (or their agent) who has not joined can still be invited to follow the case in WeChat. */
const INVITE_STAGES: readonly Status[] = ['accepted', 'awaiting_consent', 'scheduled', 'in_mediation', 'agreement_pending', 'performing'];
/** Stages in which a party may end the mediation (Art. 23) or an applicant withdraw. */
const ENDABLE_STAGES: readonly Status[] = ['awaiting_consent', 'scheduled', 'in_mediation', 'agreement_pending'];
const WITHDRAWABLE_STAGES: readonly Status[] = ['registered', 'transferring', 'awaiting_designation', 'accepted', ...ENDABLE_STAGES];

/** What staff may record for a party who is not in WeChat, as they said it in person, by phone or on paper. */
type ForParty =
  | { act: 'reply'; reply: 'agree' | 'refuse' | 'ask_for_time'; label: string }
  | { act: 'withdraw'; label: string }
  | { act: 'terminate'; label: string }
  | { act: 'consentExtension'; agree: boolean; label: string };
const HOW = [
  { value: 'in_person', label: '当面表示' },
  { value: 'phone', label: '电话中表示' },
  { value: 'paper', label: '书面表示（已收到书面材料）' },
] as const;
/** How a party confirmed a proposed session time to staff. */
const HOW_CONFIRMED = [
  { value: 'in_person', label: '当面确认' },
  { value: 'phone', label: '电话中确认' },
  { value: 'paper', label: '书面确认（已收到书面材料）' },
] as const;

/** The proposed session time still waiting for parties, with who has not confirmed. */
interface ProposalRow {
  bookingId: string;
  label: string;
  awaiting: Array<{ partyId: string; name: string; joined: boolean }>;
}

function actsFor(role: string, status: Status, extensionWaitsFor = false): ForParty[] {
  const acts: ForParty[] = [];
  if (extensionWaitsFor) acts.push({ act: 'consentExtension', agree: true, label: '同意延长调解期限' }, { act: 'consentExtension', agree: false, label: '不同意延长调解期限' });
  if (role === 'respondent' && status === 'awaiting_consent') {
    acts.push({ act: 'reply', reply: 'agree', label: '同意调解' }, { act: 'reply', reply: 'ask_for_time', label: '需要时间考虑' }, { act: 'reply', reply: 'refuse', label: '不同意调解' });
  }
  if (role === 'applicant' && WITHDRAWABLE_STAGES.includes(status)) acts.push({ act: 'withdraw', label: '撤回申请' });
  if (ENDABLE_STAGES.includes(status) && status !== 'awaiting_consent') acts.push({ act: 'terminate', label: '终止调解' });
  return acts;
}

/** The mediator asked to extend the limit and this party has still to say yes or no. */
const waitsForExtension = (view: CaseView, partyId: string): boolean => Boolean(view.extensionRequest?.waitingFor.includes(partyId));

function pick<T extends { label: string }>(items: readonly T[]): Promise<T | undefined> {
  return new Promise((resolve) => {
    wx.showActionSheet({ itemList: items.map((i) => i.label), success: (res) => resolve(items[res.tapIndex]), fail: () => resolve(undefined) });
  });
}

const ROLE_LABELS: Readonly<Record<string, string>> = PARTY_ROLE_LABEL;

type RaisedLevel = NonNullable<RaiseRiskInput['risk']>;
type Signal = NonNullable<RaiseRiskInput['riskSignals']>[number];
/** Stages before the agreement takes effect: the personal-relations mark still changes how it is signed. */
const MARKABLE: readonly Status[] = ['registered', 'transferring', 'awaiting_designation', 'accepted', 'awaiting_consent', 'scheduled', 'in_mediation', 'agreement_pending'];
const RAISED_LEVELS = (['medium', 'high'] as const).map((value) => ({ value, label: RISK_LABEL[value] }));
const SIGNALS = (Object.keys(RISK_SIGNAL_LABEL) as Signal[]).map((value) => ({ value, label: RISK_SIGNAL_LABEL[value] }));

interface RiskForm {
  level: '' | RaisedLevel;
  signals: Signal[];
  reason: string;
}
const RISK_FORM: RiskForm = { level: '', signals: [], reason: '' };

/** The risk on file in words: the level, and the danger signals. */
function riskText(view: CaseView): string {
  const r = view.risk;
  if (!r) return '';
  const level = r.level ? RISK_LABEL[r.level] : '未评估';
  return r.signals.length ? `${level}；${r.signals.map((s) => RISK_SIGNAL_LABEL[s]).join('、')}` : level;
}

/** The case's documents, in the order a case produces them; the server says when one does not exist yet. */
const DOCUMENTS = (Object.keys(DOCUMENT_TITLE) as DocumentKind[]).map((kind) => ({ kind, title: DOCUMENT_TITLE[kind] }));

interface SlotRow {
  key: string;
  startAt: string;
  mode: SessionMode;
  roomId?: string;
  label: string;
}

interface PartyRow {
  role: string;
  /** Not in WeChat: staff may record what they said (代为记录). */
  mayRecord: boolean;
  partyId: string;
  name: string;
  roleLabel: string;
  /** Masked by the server (139****5678); the full number is never kept on the page. */
  mobile: string;
  /** Who acts for them and whether they use WeChat: 法定代表人, 委托代理人 (with the powers), 已加入/未加入. */
  detail: string;
  /** Not joined yet, at a stage where an invitation helps (the party; their agent when they have one). */
  mayInvite: boolean;
  mayInviteAgent: boolean;
}

type PartyView = NonNullable<CaseView['parties']>[number];

/** Where the party's latest invitation stands: whether it reached them, and whether it is still valid. */
function invitationText(i: NonNullable<PartyView['invitation']>): string {
  const who = i.forAgent ? '给代理人的邀请' : '邀请';
  if (i.expired) return `${who}已过期${i.opened ? '（对方打开过）' : '（对方未打开）'}，可重新邀请`;
  return `${who}已发出，${i.opened ? '对方已打开，尚未加入' : '对方尚未打开'}（${formatTime(i.expiresAt)}前有效）`;
}

function partyDetail(p: PartyView): string {
  return [
    p.kind === 'organisation' && p.representative ? `法定代表人：${p.representative}` : '',
    p.agent ? `委托代理人：${p.agent.name}（${p.agent.specialPowers ? '特别授权' : '一般授权'}）` : '',
    p.withdrawn ? '已撤回申请' : p.joined === 'agent' ? '代理人已加入微信办理' : p.joined === 'self' ? '已加入微信办理' : '未加入微信办理',
    p.invitation ? invitationText(p.invitation) : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

function proposalRow(view: CaseView): ProposalRow | null {
  const p = view.proposedSession;
  if (!p) return null;
  const party = (id: string) => view.parties?.find((x) => x.partyId === id);
  return {
    bookingId: p.bookingId,
    label: `${formatTime(p.at)} · ${p.modeLabel}`,
    awaiting: p.awaitingPartyIds.map((partyId) => ({ partyId, name: party(partyId)?.name ?? partyId, joined: Boolean(party(partyId)?.joined) })),
  };
}

/** While mediation is under way an expert may be invited, removed or withdraw. */
const EXPERT_STAGES: readonly Status[] = ['accepted', 'awaiting_consent', 'scheduled', 'in_mediation', 'agreement_pending'];

/**
 * 代当事人申请回避: a party without WeChat asked the office for the mediator's (or an invited expert's) recusal in
 * person, by phone or in writing; the case's director records it (`case.recordRecusal`), never the mediator objected to.
 */
const RECUSAL_STAGES: readonly Status[] = EXPERT_STAGES;
const RECUSAL_HOW = [
  { value: 'in_person', label: '在场口头' },
  { value: 'phone', label: '电话' },
  { value: 'paper', label: '书面' },
] as const;
type RecusalHow = (typeof RECUSAL_HOW)[number]['value'];
/** `target`: 'mediator', or the pool entry of an invited expert on the case. */
interface RecusalForm {
  partyId: string;
  target: string;
  how: '' | RecusalHow;
  reason: string;
}
const RECUSAL_FORM: RecusalForm = { partyId: '', target: '', how: '', reason: '' };
interface Choice {
  value: string;
  label: string;
}

definePage({
  // An invited expert (特邀调解员) opens the case a director added them to (the server answers no other).
  role: { roles: ['mediator', 'director', 'expert'], name: STAFF_ROLE_LABEL.mediator },
  data: {
    caseId: '',
    /** The invited experts on the case; the director may invite one (邀请专家参与), an expert may withdraw. */
    experts: [] as Array<{ expertId: string; name: string; note: string; isMe: boolean }>,
    mayInviteExpert: false,
    myExpertId: '',
    /** The reader is an invited expert: they read the case and may withdraw; the mediator's steps are not theirs. */
    asExpert: false,
    view: null as CaseView | null,
    parties: [] as PartyRow[],
    dueText: '',
    canPropose: false,
    canDraft: false,
    canFollowUp: false,
    slots: [] as SlotRow[],
    proposal: null as ProposalRow | null,
    slotsState: '' as '' | 'loading' | 'empty' | 'ready',
    /** The party whose number is being fetched (that button shows it is busy). */
    calling: '',
    canInvite: false,
    documents: DOCUMENTS,
    /** The document being made and downloaded. */
    opening: '' as '' | DocumentKind,
    /** The invitation just created: its code is shown once, and shared as a card. */
    invite: null as { code: string; expiresText: string; shortCode: string; shortCodeText: string; shortExpiresText: string; path: string; who: string; role: 'applicant' | 'respondent' } | null,
    /** The invitation's mini-program code, saved as a local image to show, print or save. */
    qrPath: '',
    makingQr: false,
    riskText: '',
    canRaiseRisk: false,
    canMarkRelations: false,
    /** The raise-risk form is open. */
    raising: false,
    riskForm: { ...RISK_FORM },
    raisedLevels: RAISED_LEVELS,
    signalOptions: SIGNALS.map((s) => ({ ...s, chosen: false })),
    /** Referral links (诉调/公调/检调/访调对接 in, 移交 out); null for a case nobody referred in or out. */
    referral: null as ReferralSection | null,
    feedbackChannels: FEEDBACK_CHANNELS,
    /** The record that the outcome was reported back (回告): the day and how. */
    feedbackForm: { sentOn: '', how: '' },
    /** 代当事人申请回避: the case's director, with a party not in WeChat and someone to object to. */
    mayRecordRecusal: false,
    /** The recusal form is open. */
    recordingRecusal: false,
    recusalForm: { ...RECUSAL_FORM },
    /** The parties not in WeChat, and who may be objected to (the mediator unless it is the reader; each expert). */
    recusalParties: [] as Choice[],
    recusalTargets: [] as Choice[],
    recusalHow: RECUSAL_HOW.map((h) => ({ ...h })) as Choice[],
  },
  onLoad(query) {
    this.setData({ caseId: query.id ?? '' });
  },
  async load(grant) {
    const view = await this.runLoad(() => caseApi.get({ caseId: this.data.caseId }));
    if (!view) return;
    if (view.relation !== 'staff') {
      this.setData({ loadState: 'error', loadError: '您不是本案的承办人员', view: null });
      return;
    }
    const experts = (view.experts ?? []).map((x) => ({ expertId: x.expertId, name: x.name, note: `${x.field} · ${x.affiliation}`, isMe: x.isMe }));
    const asExpert = grant?.role === 'expert';
    const recusalParties = (view.parties ?? []).filter((x) => !x.joined && !x.withdrawn).map((x) => ({ value: x.partyId, label: `${x.name}（${ROLE_LABELS[x.role] ?? x.role}）` }));
    const recusalTargets = [
      ...(view.mediator && !view.mediator.isMe ? [{ value: 'mediator', label: '本案调解员' }] : []),
      ...experts.map((x) => ({ value: x.expertId, label: `特邀专家 ${x.name}` })),
    ];
    this.setData({
      view,
      experts,
      // Only a director of the organisation answerable for the case adds experts (case.addExpert); one above it reads.
      mayInviteExpert: grant?.role === 'director' && grant.orgId === view.holder.orgId && EXPERT_STAGES.includes(view.status),
      myExpertId: EXPERT_STAGES.includes(view.status) ? experts.find((x) => x.isMe)?.expertId ?? '' : '',
      asExpert,
      parties: (view.parties ?? []).map((x) => {
        const open = !x.joined && !x.withdrawn && INVITE_STAGES.includes(view.status);
        return {
          partyId: x.partyId,
          name: x.name,
          roleLabel: ROLE_LABELS[x.role] ?? x.role,
          mobile: x.mobile ?? '',
          detail: partyDetail(x),
          // While the respondents are first to be asked (accepted), the big button below does it.
          mayInvite: open && !(view.status === 'accepted' && x.role === 'respondent'),
          mayInviteAgent: open && Boolean(x.agent),
          // For a party who is not in WeChat, staff record what they said (代为记录).
          mayRecord: !x.joined && !x.withdrawn && actsFor(x.role, view.status, waitsForExtension(view, x.partyId)).length > 0,
          role: x.role,
        };
      }),
      proposal: proposalRow(view),
      dueText: view.next ? `${view.next.label}：${formatTime(view.next.dueAt)}前` : '',
      canPropose: PROPOSE_STAGES.includes(view.status),
      canDraft: AGREEMENT_STAGES.includes(view.status),
      canFollowUp: FOLLOW_UP_STAGES.includes(view.status),
      canInvite: view.status === 'accepted',
      riskText: riskText(view),
      canRaiseRisk: view.status !== 'closed',
      canMarkRelations: !view.paperOnly && MARKABLE.includes(view.status),
      raising: false,
      riskForm: { ...RISK_FORM },
      signalOptions: SIGNALS.map((s) => ({ ...s, chosen: false })),
      referral: referralSection(view),
      feedbackForm: { sentOn: '', how: '' },
      // The feedback letter is for a case an authority referred.
      documents: DOCUMENTS.filter((d) => d.kind !== 'referral_feedback' || Boolean(view.referral?.in)),
      mayRecordRecusal:
        grant?.role === 'director' && grant.orgId === view.holder.orgId && RECUSAL_STAGES.includes(view.status) && recusalParties.length > 0 && recusalTargets.length > 0,
      recordingRecusal: false,
      recusalForm: { ...RECUSAL_FORM },
      recusalParties,
      recusalTargets,
    });
    if (asExpert) {
      this.setData({
        parties: this.data.parties.map((x) => ({ ...x, mayInvite: false, mayInviteAgent: false, mayRecord: false })),
        canPropose: false,
        canDraft: false,
        canFollowUp: false,
        canInvite: false,
        canRaiseRisk: false,
        canMarkRelations: false,
      });
    }
  },
  methods: {
    onFeedbackDate(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ 'feedbackForm.sentOn': e.detail.value, 'errors.sentOn': '' });
    },
    onFeedbackHow(e: WechatMiniprogram.BaseEvent<Record<string, never>, { value?: string }>) {
      const how = FEEDBACK_CHANNELS.find((c) => c.value === e.currentTarget.dataset.value)?.value;
      if (how) this.setData({ 'feedbackForm.how': how, 'errors.how': '' });
    },
    /** Staff reported the outcome back to the referring body (回告): recorded once, shown on the case and counted. */
    async onFeedbackSent() {
      const { sentOn, how } = this.data.feedbackForm;
      const channel = FEEDBACK_CHANNELS.find((c) => c.value === how)?.value;
      const errors = { ...(sentOn ? {} : { sentOn: '请选择回告日期' }), ...(channel ? {} : { how: '请选择回告方式' }) };
      if (!channel || !sentOn) {
        this.setData({ errors });
        return;
      }
      await this.submit(caseApi.referralFeedbackSent, { caseId: this.data.caseId, sentOn, how: channel }, { done: '已记录回告', fields: ['sentOn', 'how'] });
    },
    /** Tap-to-call: the full number is asked for now (audited), used for the call, and never kept on the page. */
    async onCall(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id?: string }>) {
      const partyId = e.currentTarget.dataset.id;
      if (!partyId || this.data.busy) return;
      this.setData({ calling: partyId });
      const contact = await this.submit(caseApi.revealContact, { caseId: this.data.caseId, partyId }, { reload: false });
      this.setData({ calling: '' });
      if (contact) wx.makePhoneCall({ phoneNumber: contact.mobile, fail: () => undefined });
    },
    async onShowSlots() {
      this.setData({ slotsState: 'loading' });
      const res = await bookingApi.slots({ caseId: this.data.caseId });
      if (!res.ok) {
        this.setData({ slotsState: '' });
        showError(res);
        return;
      }
      const mode = res.data.mode;
      // On site: one row per slot and the first free room (the server also takes the first free one).
      const slots: SlotRow[] = res.data.slots.slice(0, 30).map((s) => {
        const room = s.rooms?.[0];
        return {
          key: `${s.startAt}|${room?.roomId ?? ''}`,
          startAt: s.startAt,
          mode,
          ...(room ? { roomId: room.roomId } : {}),
          label: `${s.label || formatTime(s.startAt)} · ${SESSION_MODE_LABEL[mode]}${room ? ` · ${room.name}` : ''}`,
        };
      });
      this.setData({ slots, slotsState: slots.length ? 'ready' : 'empty' });
    },
    /** The mediator proposes a slot; both parties then confirm it in their own app (booking.confirm). */
    async onPropose(e: WechatMiniprogram.BaseEvent<Record<string, never>, { key?: string }>) {
      const slot = this.data.slots.find((s) => s.key === e.currentTarget.dataset.key);
      if (!slot) return;
      await askToSubscribe(STAFF_NOTICES.mediatorSession);
      const input = { caseId: this.data.caseId, startAt: slot.startAt, mode: slot.mode, ...(slot.roomId ? { roomId: slot.roomId } : {}) };
      let taken = false;
      const booked = await this.submit(bookingApi.book, input, {
        done: '已向双方发出预约',
        onError: (failure) => {
          taken = failure.code === 'SLOT_TAKEN';
        },
      });
      if (booked) this.setData({ slots: [], slotsState: '' });
      // Someone took the slot meanwhile: the refusal has been shown; offer the times still free.
      else if (taken) await this.onShowSlots();
    },
    /**
     * Without a party: asks the respondents whether they agree to mediate (the first one's code). With one
     * (data-id, data-agent): a code for that party or their agent to join — another respondent, a co-applicant,
     * or a replacement for an expired code. The server issues each code once, valid for 7 days, with an 8-digit
     * short code (72 hours) to read out over the phone; neither is kept, so both are shown this once.
     */
    async onInvite(e?: WechatMiniprogram.BaseEvent<Record<string, never>, { id?: string; agent?: boolean }>) {
      const partyId = e?.currentTarget?.dataset?.id;
      const forAgent = Boolean(e?.currentTarget?.dataset?.agent);
      const input = { caseId: this.data.caseId, ...(partyId ? { partyId } : {}), ...(forAgent ? { forAgent } : {}) };
      const done = await this.submit(caseApi.invite, input, { done: '已生成邀请' });
      if (!done) return;
      const who = `${done.invitee.name}${done.invitee.forAgent ? '（委托代理人）' : ''}`;
      const { code, shortCode } = done.invite;
      this.setData({
        invite: {
          code,
          expiresText: formatTime(done.invite.expiresAt),
          // Read out in two groups of four: 1234 5678.
          shortCode,
          shortCodeText: `${shortCode.slice(0, 4)} ${shortCode.slice(4)}`,
          shortExpiresText: formatTime(done.invite.shortExpiresAt),
          path: `/${done.invite.path}`,
          who,
          role: done.invitee.role,
        },
        qrPath: '',
      });
    },
    /**
     * 代为记录: what a party without WeChat said — which act, how they said it, and their words if any. The server
     * decides as for the party themself and keeps who recorded it and how in the audit chain.
     */
    async onRecordForParty(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id?: string }>) {
      const party = this.data.parties.find((p) => p.partyId === e.currentTarget.dataset.id);
      const view = this.data.view;
      if (!party || !view || this.data.busy) return;
      const act = await pick(actsFor(party.role, view.status, waitsForExtension(view, party.partyId)));
      if (!act) return;
      const how = await pick(HOW);
      if (!how) return;
      const reason = await confirmWithReason(`${party.name}：${act.label}`, '当事人的原话或理由（可不填）', '记录');
      if (reason === undefined) return;
      const common = { caseId: this.data.caseId, partyId: party.partyId, how: how.value, ...(reason ? { reason } : {}) };
      const input =
        act.act === 'reply'
          ? { ...common, act: act.act, reply: act.reply }
          : act.act === 'consentExtension'
            ? { ...common, act: act.act, agree: act.agree }
            : { ...common, act: act.act };
      await this.submit(caseApi.recordForParty, input, { done: '已记录' });
    },
    /**
     * 代为确认: a party confirmed the proposed time at the window, by phone or on paper; staff record it saying how
     * (kept with who recorded it in the audit chain). Once every party has confirmed, the case is scheduled.
     */
    async onConfirmForParty(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id?: string }>) {
      const proposal = this.data.proposal;
      const party = proposal?.awaiting.find((p) => p.partyId === e.currentTarget.dataset.id);
      if (!proposal || !party || this.data.busy) return;
      const how = await pick(HOW_CONFIRMED);
      if (!how) return;
      const input = { caseId: this.data.caseId, bookingId: proposal.bookingId, partyId: party.partyId, how: how.value };
      await this.submit(bookingApi.confirm, input, { done: (r) => (r.status === 'scheduled' ? '各方均已确认，调解时间已定' : `已记录${party.name}的确认`) });
    },
    /**
     * 小程序码 for a party without a phone to receive a card: printed on a paper notice or scanned from this screen.
     * The server asks WeChat for it (the code as the scene); the PNG is kept as a local file to show and save.
     */
    async onInviteQr() {
      const invite = this.data.invite;
      if (!invite || this.data.makingQr) return;
      this.setData({ makingQr: true });
      const res = await caseApi.inviteQr({ caseId: this.data.caseId, code: invite.code });
      if (!res.ok) {
        this.setData({ makingQr: false });
        showError(res);
        return;
      }
      const filePath = `${wx.env.USER_DATA_PATH}/invite-${invite.code}.png`;
      wx.getFileSystemManager().writeFile({
        filePath,
        data: res.data.image,
        encoding: 'base64',
        success: () => {
          this.setData({ qrPath: filePath, makingQr: false });
          wx.previewImage({ urls: [filePath] });
        },
        fail: () => {
          this.setData({ makingQr: false });
          wx.showToast({ title: '小程序码保存失败，请重试', icon: 'none' });
        },
      });
    },
    onPreviewQr() {
      if (this.data.qrPath) wx.previewImage({ urls: [this.data.qrPath] });
    },
    /** The share card: a plain title and the invitation's path; nothing personal, no dispute text. */
    onShareAppMessage() {
      const invite = this.data.invite;
      if (!invite) return { title: '人民调解', path: '/pages/home/index/index' };
      const title = invite.role === 'respondent' ? '调解组织邀请您查看并答复是否同意调解' : '调解组织邀请您用微信查看调解进展';
      return { title, path: invite.path };
    },
    /** 案件文书: the server writes the document from the case record; WeChat's viewer opens it (print, share). */
    async onDocument(e: WechatMiniprogram.BaseEvent<Record<string, never>, { kind?: DocumentKind }>) {
      const kind = e.currentTarget.dataset.kind;
      if (!kind || this.data.opening) return;
      this.setData({ opening: kind });
      const res = await reportApi.document({ caseId: this.data.caseId, kind });
      if (!res.ok) {
        this.setData({ opening: '' });
        showError(res);
        return;
      }
      const opened = await openGeneratedFile(res.data, 'docx');
      this.setData({ opening: '' });
      if (!opened) wx.showToast({ title: '文件下载失败，请重试', icon: 'none' });
    },
    onRaiseRisk() {
      this.setData({ raising: true, riskForm: { ...RISK_FORM }, errors: {}, signalOptions: SIGNALS.map((s) => ({ ...s, chosen: false })) });
    },
    onCancelRisk() {
      this.setData({ raising: false, errors: {} });
    },
    onPickLevel(e: WechatMiniprogram.BaseEvent<Record<string, never>, { value?: string }>) {
      const level = RAISED_LEVELS.find((l) => l.value === e.currentTarget.dataset.value)?.value;
      if (level) this.setData({ 'riskForm.level': level, 'errors.risk': '' });
    },
    onToggleSignal(e: WechatMiniprogram.BaseEvent<Record<string, never>, { value?: string }>) {
      const signal = SIGNALS.find((s) => s.value === e.currentTarget.dataset.value)?.value;
      if (!signal) return;
      const chosen = this.data.riskForm.signals;
      const signals = chosen.includes(signal) ? chosen.filter((x) => x !== signal) : [...chosen, signal];
      this.setData({ 'riskForm.signals': signals, 'errors.risk': '', signalOptions: SIGNALS.map((s) => ({ ...s, chosen: signals.includes(s.value) })) });
    },
    onRiskReason(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ 'riskForm.reason': e.detail.value, 'errors.reason': '' });
    },
    /** Raises the risk with what was found; the server alerts the centre above when the case becomes urgent. */
    async onSubmitRisk() {
      const { riskForm: f, caseId } = this.data;
      const errors: Record<string, string> = {};
      if (!f.level && f.signals.length === 0) errors.risk = '请选择风险等级或具体情形';
      if (f.reason.trim().length < 2) errors.reason = '请写明发现的情况';
      if (Object.keys(errors).length) {
        this.setData({ errors });
        return;
      }
      const input: RaiseRiskInput = { caseId, ...(f.level ? { risk: f.level } : {}), riskSignals: f.signals, reason: f.reason.trim() };
      const raised = await this.submit(caseApi.raiseRisk, input, {
        done: (r) => (r.urgent ? '已提高风险等级，已报告上级中心' : '已提高风险等级'),
        fields: ['risk', 'reason'],
      });
      if (raised) this.setData({ raising: false });
    },
    /** Marriage, adoption or inheritance came out during the work: from now on the agreement is signed on paper. */
    async onMarkRelations() {
      const reason = await confirmWithReason('确认本案涉及婚姻、收养、继承关系？', '写明查明的情况；确认后协议只能线下签字', '确认');
      if (reason === undefined) return;
      if (reason.length < 2) {
        wx.showToast({ title: '请写明查明的情况', icon: 'none' });
        return;
      }
      await this.submit(caseApi.markPersonalRelations, { caseId: this.data.caseId, reason }, { done: '已标记，协议须线下签字' });
    },
    onOpenRecusal() {
      const { recusalParties, recusalTargets } = this.data;
      // One party, or only one person to object to: already chosen.
      const form = {
        ...RECUSAL_FORM,
        partyId: recusalParties.length === 1 ? recusalParties[0].value : '',
        target: recusalTargets.length === 1 ? recusalTargets[0].value : '',
      };
      this.setData({ recordingRecusal: true, recusalForm: form, errors: {} });
    },
    onCancelRecusal() {
      this.setData({ recordingRecusal: false, errors: {} });
    },
    onRecusalParty(e: WechatMiniprogram.BaseEvent<Record<string, never>, { value?: string }>) {
      const party = this.data.recusalParties.find((p) => p.value === e.currentTarget.dataset.value);
      if (party) this.setData({ 'recusalForm.partyId': party.value, 'errors.recusalParty': '' });
    },
    onRecusalTarget(e: WechatMiniprogram.BaseEvent<Record<string, never>, { value?: string }>) {
      const target = this.data.recusalTargets.find((t) => t.value === e.currentTarget.dataset.value);
      if (target) this.setData({ 'recusalForm.target': target.value, 'errors.recusalTarget': '' });
    },
    onRecusalHow(e: WechatMiniprogram.BaseEvent<Record<string, never>, { value?: string }>) {
      const how = RECUSAL_HOW.find((h) => h.value === e.currentTarget.dataset.value);
      if (how) this.setData({ 'recusalForm.how': how.value, 'errors.recusalHow': '' });
    },
    onRecusalReason(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ 'recusalForm.reason': e.detail.value, 'errors.recusalReason': '' });
    },
    /**
     * Records the party's request after the director confirms what follows: it counts as the party's own (the mediator
     * leaves the case and is never assigned to it again), so the director is taken on to assign another.
     */
    async onSubmitRecusal() {
      const { recusalForm: f, recusalParties, recusalTargets, caseId } = this.data;
      const party = recusalParties.find((p) => p.value === f.partyId);
      const target = recusalTargets.find((t) => t.value === f.target);
      const how = RECUSAL_HOW.find((h) => h.value === f.how);
      const reason = f.reason.trim();
      const errors: Record<string, string> = {
        ...(party ? {} : { recusalParty: '请选择提出申请的当事人' }),
        ...(target ? {} : { recusalTarget: '请选择申请回避的人员' }),
        ...(how ? {} : { recusalHow: '请选择当事人提出申请的方式' }),
        ...(reason.length >= 2 ? {} : { recusalReason: '请写明当事人申请回避的理由' }),
      };
      if (!party || !target || !how || reason.length < 2) {
        this.setData({ errors });
        return;
      }
      const ofMediator = target.value === 'mediator';
      const follows = ofMediator
        ? `记录后视同${party.label}本人申请：本案调解员即回避，不能再承办本案，您需另行指派调解员。`
        : `记录后视同${party.label}本人申请：${target.label}即退出本案，不能再参与。`;
      if (!(await confirmStep(`确认记录${how.label}提出的回避申请？`, follows, '确认记录'))) return;
      const input = { caseId, partyId: party.value, how: how.value, reason, ...(ofMediator ? {} : { expertId: target.value }) };
      const done = await this.submit(caseApi.recordRecusal, input, {
        done: ofMediator ? '已记录，请另行指派调解员' : '已记录，该专家已回避本案',
        fields: (fields) => ({
          ...(fields.partyId ? { recusalParty: fields.partyId } : {}),
          ...(fields.how ? { recusalHow: fields.how } : {}),
          ...(fields.reason ? { recusalReason: fields.reason } : {}),
        }),
      });
      if (!done) return;
      this.setData({ recordingRecusal: false });
      if (ofMediator) wx.navigateTo({ url: `${ROUTES.directorAssign}?id=${encodeURIComponent(caseId)}` });
    },
    onRecord() {
      wx.navigateTo({ url: `${ROUTES.mediatorSession}?id=${encodeURIComponent(this.data.caseId)}` });
    },
    onDraft() {
      wx.navigateTo({ url: `${ROUTES.mediatorAgreement}?id=${encodeURIComponent(this.data.caseId)}` });
    },
    onFollowUp() {
      wx.navigateTo({ url: `${ROUTES.mediatorFollowUp}?id=${encodeURIComponent(this.data.caseId)}` });
    },
    onExtension() {
      wx.navigateTo({ url: `${ROUTES.mediatorExtension}?id=${encodeURIComponent(this.data.caseId)}` });
    },
    onInviteExpert() {
      wx.navigateTo({ url: `${ROUTES.directorExperts}?caseId=${encodeURIComponent(this.data.caseId)}` });
    },
    /** The expert withdraws from the case (自行回避), with the reason. */
    async onExpertRecuse() {
      const reason = await confirmWithReason('申请回避本案？', '写明回避的理由；回避后不能再参与本案', '申请回避');
      if (reason === undefined) return;
      if (reason.length < 2) {
        wx.showToast({ title: '请写明回避的理由', icon: 'none' });
        return;
      }
      const done = await this.submit(caseApi.recuseExpert, { caseId: this.data.caseId, expertId: this.data.myExpertId, reason }, { done: '已回避', reload: false });
      if (done) wx.navigateBack({ delta: 1 });
    },
    onAudit() {
      wx.navigateTo({ url: `${ROUTES.caseAudit}?id=${encodeURIComponent(this.data.caseId)}` });
    },
    /** 电子卷宗: the file the case was put in when it closed. */
    onArchive() {
      wx.navigateTo({ url: `${ROUTES.caseArchive}?id=${encodeURIComponent(this.data.caseId)}` });
    },
  },
});
