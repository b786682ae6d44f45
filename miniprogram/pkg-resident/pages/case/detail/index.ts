// 案件详情 for a party (applicant or respondent): first what happens next, who does it and by when, in one
// sentence (the server's `nextStep`), with the one action that waits on this person as a big button (answer the
// invitation, consent to an extension, confirm a proposed session time, read and confirm the agreement, say an item arrived, rate the service);
// then the stage bar (申请 → 受理 → 调解 → 协议 → 履行 → 结案), who holds the case, the unnumbered history, and
// the rest (book a session, withdraw, end the mediation). Steps that cannot be undone ask first, saying what follows.
import { definePage } from '../../../../kit/page';
import { agreementApi, askForReminder, askToSubscribe, caseApi } from '../../../../services/index';
import type { CaseView, ErrorCode, ReplyChoice, Status } from '../../../../services/index';
import { ROUTES } from '../../../../utils/routes';
import { formatDate, formatTime, formatYuan, timeRangeText } from '../../../../utils/format';
import { CASE_STAGES, STAGE_OF_STATUS } from '../../../../generated/labels';
import { BOOKABLE, confirmStep, confirmWithReason, MEDIATING, partyRoleLabel } from '../../../utils/case-format';

export const REPLY_LABEL: Record<ReplyChoice, string> = { agree: '同意调解', refuse: '不同意调解', ask_for_time: '需要时间考虑' };

interface Shown {
  caseNo: string;
  categoryLabel: string;
  statusLabel: string;
  outcomeLabel: string;
  summary: string;
  urgent: boolean;
  emergencyNumbers: Array<{ label: string; number: string }>;
  holder: { name: string; phone: string };
  /** What happens next, in one sentence; `mine`: it waits on this person (and the top offers the action). */
  task: { text: string; mine: boolean; step: string; itemId: string; itemText: string } | null;
  /** The stage bar: each stage done, current, still to come, or passed over (a case closed before it). */
  stages: Array<{ label: string; state: 'done' | 'current' | 'todo' | 'skipped' }>;
  /** The booked session (预约卡片): when, where (导航 when the room has coordinates), with whom, what to bring. */
  appointment: {
    when: string;
    modeLabel: string;
    roomName: string;
    address: string;
    /** Coordinates for wx.openLocation; without them no 导航 button. */
    map: { latitude: number; longitude: number } | null;
    mediatorName: string;
    bring: string;
    nonPublic: boolean;
  } | null;
  /** The history, newest first, unnumbered. */
  timeline: Array<{ time: string; label: string; detail: string }>;
  agreementText: string;
  agreementMine: boolean;
  /** Legal guidance (普法) for the case's category, with the law and the 12348 hotline. */
  guidance: string;
  /** The category code, to open the typical cases of the same kind. */
  category: string;
  /** Judicial confirmation of the agreement in force: the last date and the court, or that they applied. */
  judicialText: string;
  performance: Array<{ itemId: string; description: string; amount: string; due: string; place: string; done: boolean; mayMarkDone: boolean }>;
  closing?: { outcomeLabel: string; reason?: string; guidance?: string };
  myRating?: { score: number; comment?: string };
  mayRate: boolean;
  /** The rating form is the action at the top (nothing else waits on this person). */
  rateAtTop: boolean;
  myRole: string;
  mayReply: boolean;
  mayBook: boolean;
  mayWithdraw: boolean;
  mayTerminate: boolean;
  /** A party may object to the mediator (回避, Art. 23) once one is working the case. */
  mayRecuse: boolean;
  /** Invited experts working beside the mediator (特邀调解员): a party may object to each as to the mediator. */
  experts: Array<{ expertId: string; name: string; note: string }>;
  /** The mediator asked to extend the mediation limit and this party's answer is awaited. */
  extensionAsk: { reason: string } | null;
  /** The day the mediation must end by (for what refusing an extension means). */
  mediationDue: string;
}

/** Stages in which a mediator is working the case (one is assigned before the respondent is asked). */
const WITH_MEDIATOR: readonly Status[] = ['awaiting_consent', 'scheduled', 'in_mediation', 'agreement_pending'];

/** The stage bar for a status; a case closed without an agreement passed over 协议 and 履行. */
function stagesOf(v: CaseView): Shown['stages'] {
  const at = STAGE_OF_STATUS[v.status];
  return CASE_STAGES.map((label, i) => {
    if (i === at) return { label, state: 'current' as const };
    if (i > at) return { label, state: 'todo' as const };
    const skipped = v.status === 'closed' && !v.agreement && (label === '协议' || label === '履行');
    return { label, state: skipped ? ('skipped' as const) : ('done' as const) };
  });
}

/** The appointment card of the booked session, if any. */
function appointmentOf(n: CaseView['nextSession']): Shown['appointment'] {
  if (!n) return null;
  const room = n.room;
  return {
    when: timeRangeText(n.at, n.endAt),
    modeLabel: n.modeLabel,
    roomName: room?.name ?? '',
    address: room?.address ?? '',
    map: room && typeof room.latitude === 'number' && typeof room.longitude === 'number' ? { latitude: room.latitude, longitude: room.longitude } : null,
    mediatorName: n.mediatorName ?? '',
    bring: (n.bring ?? []).join('；'),
    nonPublic: n.nonPublic,
  };
}

/** What the page shows, from `case.get` as a party reads it. */
export function shape(v: CaseView): Shown {
  const mine = v.parties?.find((p) => p.isMe);
  // An applicant who withdrew from a case others go on with still follows it, but has nothing left to do in it.
  const me = mine?.withdrawn ? undefined : mine;
  const open = v.status !== 'closed';
  const a = v.agreement;
  let agreementText = '';
  if (a?.form === 'written') {
    if (a.sealed) agreementText = `协议已生效${a.effectiveAt ? `（${formatTime(a.effectiveAt)}）` : ''}`;
    else if (a.awaiting.length) agreementText = `待确认：${a.awaiting.join('、')}`;
    else if (!a.signed) agreementText = '各方已确认，待调解员签名';
    else agreementText = '已签名，待调委会盖章';
  } else if (a?.form === 'oral') agreementText = '已达成口头协议';
  return {
    caseNo: v.caseNo,
    categoryLabel: v.categoryLabel,
    statusLabel: v.statusLabel,
    outcomeLabel: v.outcomeLabel ?? '',
    summary: v.summary ?? '',
    urgent: v.urgent,
    emergencyNumbers: v.emergencyNumbers,
    holder: { name: v.holder.name, phone: v.holder.phone },
    task: v.nextStep
      ? {
          text: v.nextStep.text,
          mine: v.nextStep.mine && Boolean(me),
          step: v.nextStep.step,
          itemId: v.nextStep.itemId ?? '',
          itemText: v.performance?.find((i) => i.itemId === v.nextStep?.itemId)?.description ?? '',
        }
      : null,
    stages: stagesOf(v),
    appointment: appointmentOf(v.nextSession),
    // Newest first: what just happened is what people look for.
    timeline: [...v.timeline].reverse().map((t) => ({ time: formatTime(t.at), label: t.label, detail: [t.orgName, t.reason].filter(Boolean).join(' · ') })),
    agreementText,
    guidance: v.guidance ?? '',
    category: v.category,
    judicialText: a?.judicial
      ? a.judicial.applied
        ? `已于${formatDate(a.judicial.applied.appliedOn)}申请`
        : `${formatDate(a.judicial.by)}前共同向${a.judicial.court?.name ?? '调解组织所在地的基层人民法院'}申请`
      : '',
    agreementMine: Boolean(a?.form === 'written' && me && a.awaiting.includes(me.name) && v.status === 'agreement_pending' && !a.paperOnly),
    performance: (v.performance ?? []).map((i) => ({
      itemId: i.itemId,
      description: i.description,
      amount: formatYuan(i.amountYuan),
      due: formatDate(i.dueDate),
      place: i.place,
      done: i.done,
      mayMarkDone: !i.done && i.iAmObligee && v.status === 'performing',
    })),
    ...(v.closing ? { closing: v.closing } : {}),
    ...(v.myRating ? { myRating: v.myRating } : {}),
    mayRate: Boolean(v.mayRate),
    rateAtTop: Boolean(v.mayRate) && v.nextStep?.step === 'rating',
    myRole: mine?.withdrawn ? `${partyRoleLabel(mine.role)}（已撤回申请）` : partyRoleLabel(me?.role),
    mayReply: me?.role === 'respondent' && v.status === 'awaiting_consent',
    mayBook: Boolean(me) && BOOKABLE.includes(v.status),
    mayWithdraw: me?.role === 'applicant' && open && v.status !== 'performing',
    mayTerminate: Boolean(me) && MEDIATING.includes(v.status) && v.status !== 'registered',
    mayRecuse: Boolean(me) && WITH_MEDIATOR.includes(v.status),
    experts: (v.experts ?? []).map((x) => ({ expertId: x.expertId, name: x.name, note: `${x.field} · ${x.affiliation}` })),
    extensionAsk: v.extensionRequest?.myConsentNeeded ? { reason: v.extensionRequest.reason } : null,
    mediationDue: v.mediationLimit ? formatTime(v.mediationLimit.dueAt) : '',
  };
}

/** Codes after which what the page shows is out of date: it loads again. */
const STALE: readonly ErrorCode[] = ['CONFLICT', 'NOT_FOUND'];

definePage({
  data: {
    caseId: '',
    view: null as Shown | null,
    score: 0,
    comment: '',
    replyReason: '',
    replyChoices: (['agree', 'ask_for_time', 'refuse'] as ReplyChoice[]).map((value) => ({ value, label: REPLY_LABEL[value] })),
  },
  onLoad(query) {
    this.setData({ caseId: query.id ?? '' });
  },
  // Back from the agreement or booking page: show what changed there.
  loadOn: 'show',
  async load() {
    if (!this.data.caseId) {
      this.setData({ loadState: 'error', loadError: '没有找到这个案件，请从“我的案件”进入' });
      return;
    }
    const v = await this.runLoad(() => caseApi.get({ caseId: this.data.caseId }), { isEmpty: () => false });
    if (v) this.setData({ view: shape(v) });
  },
  methods: {
    onCall(e: WechatMiniprogram.BaseEvent<Record<string, never>, { number?: string }>) {
      const number = e.currentTarget.dataset.number;
      if (number) wx.makePhoneCall({ phoneNumber: number, fail: () => undefined });
    },
    onReplyReason(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ replyReason: e.detail.value });
    },
    async onReply(e: WechatMiniprogram.BaseEvent<Record<string, never>, { value?: ReplyChoice }>) {
      const reply = e.currentTarget.dataset.value;
      if (!reply || this.data.busy) return;
      if (reply === 'refuse' && !(await confirmStep('不同意调解？', '调委会将不再组织调解，案件就此办结，不能再改为同意。您和对方仍可以向法院起诉或申请仲裁。', '不同意调解'))) return;
      if (reply === 'agree') await askToSubscribe(['session_reminder', 'case_progress']);
      const reason = this.data.replyReason.trim();
      const input = { caseId: this.data.caseId, reply, ...(reason ? { reason } : {}) };
      const done = await this.submit(caseApi.reply, input, { done: '已答复', reloadOn: STALE });
      if (done) this.setData({ replyReason: '' });
    },
    onBook() {
      wx.navigateTo({ url: `${ROUTES.booking}?id=${encodeURIComponent(this.data.caseId)}` });
    },
    /** 导航: the room on WeChat's map, from where the resident can start a route. */
    onNavigate() {
      const a = this.data.view?.appointment;
      if (!a?.map) return;
      wx.openLocation({ latitude: a.map.latitude, longitude: a.map.longitude, name: a.roomName, address: a.address, scale: 17, fail: () => undefined });
    },
    /** 提醒我: asks (at this tap) whether WeChat may send the session reminder. */
    async onRemind() {
      const answer = await askForReminder('session_reminder');
      if (answer === 'accepted') wx.showToast({ title: '调解前会通过微信提醒您', icon: 'none' });
      else if (answer === 'refused') wx.showToast({ title: '未开启提醒，可在“消息”中查看通知', icon: 'none' });
    },
    /** 改期: the booking page, straight at choosing another time. */
    onReschedule() {
      wx.navigateTo({ url: `${ROUTES.booking}?id=${encodeURIComponent(this.data.caseId)}&reschedule=1` });
    },
    onTypical() {
      wx.navigateTo({ url: `${ROUTES.typicalCases}?category=${encodeURIComponent(this.data.view?.category ?? '')}` });
    },
    onAgreement() {
      wx.navigateTo({ url: `${ROUTES.agreement}?id=${encodeURIComponent(this.data.caseId)}` });
    },
    async onMarkDone(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id?: string }>) {
      const itemId = e.currentTarget.dataset.id;
      if (!itemId || this.data.busy) return;
      const item = this.data.view?.performance.find((i) => i.itemId === itemId);
      if (!(await confirmStep('确认已经收到？', `确认后“${item?.description ?? '这一项'}”记为已履行，不能撤回。还没收到请先不要确认。`, '确认收到', '#0052d9'))) return;
      await this.submit(agreementApi.markDone, { caseId: this.data.caseId, itemId }, { done: '已确认收到', reloadOn: STALE });
    },
    onScore(e: WechatMiniprogram.CustomEvent<{ value: number }>) {
      this.setData({ score: Number(e.detail.value) || 0 });
    },
    onComment(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ comment: e.detail.value });
    },
    async onRate() {
      const { score, caseId } = this.data;
      const comment = this.data.comment.trim();
      if (score < 1) {
        wx.showToast({ title: '请选择1至5分', icon: 'none' });
        return;
      }
      await this.submit(agreementApi.rate, { caseId, score, ...(comment ? { comment } : {}) }, { done: '感谢您的评价', reloadOn: STALE });
    },
    async onWithdraw() {
      const reason = await confirmWithReason('撤回申请？案件将办结，不能恢复；您仍可起诉或申请仲裁', '撤回原因（可不填）', '撤回');
      if (reason === undefined) return;
      await this.submit(caseApi.withdraw, { caseId: this.data.caseId, ...(reason ? { reason } : {}) }, { done: '已撤回', reloadOn: STALE });
    },
    /** The party's answer to extending the mediation limit (both parties must agree, once). */
    async onExtension(e: WechatMiniprogram.BaseEvent<Record<string, never>, { agree?: string }>) {
      const agree = e.currentTarget.dataset.agree === 'yes';
      if (this.data.busy) return;
      if (!agree) {
        const due = this.data.view?.mediationDue;
        const follows = `调解须在原定期限${due ? `（${due}）` : ''}内结束，到期未达成协议的，按调解不成办结。答复后不能更改。`;
        if (!(await confirmStep('不同意延长调解期限？', follows, '不同意延期'))) return;
      }
      await this.submit(caseApi.consentExtension, { caseId: this.data.caseId, agree }, { done: agree ? '已同意延期' : '已答复不同意', reloadOn: STALE });
    },
    /** 申请回避: a party objects to the mediator, with the reason; the director then assigns another. */
    async onRecuse() {
      const reason = await confirmWithReason('申请调解员回避？调委会将另行指派调解员', '请写明理由，如与调解员有亲属或利害关系', '提交申请');
      if (reason === undefined) return;
      if (reason.length < 2) {
        wx.showToast({ title: '请填写申请回避的理由', icon: 'none' });
        return;
      }
      await this.submit(caseApi.recuse, { caseId: this.data.caseId, reason }, { done: '已提交回避申请', reloadOn: STALE });
    },
    /** 申请专家回避: the same right as against the mediator; that expert then leaves the case. */
    async onRecuseExpert(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id?: string }>) {
      const expert = this.data.view?.experts.find((x) => x.expertId === e.currentTarget.dataset.id);
      if (!expert) return;
      const reason = await confirmWithReason(`申请${expert.name}回避？`, '请写明理由，如与该专家有亲属或利害关系', '提交申请');
      if (reason === undefined) return;
      if (reason.length < 2) {
        wx.showToast({ title: '请填写申请回避的理由', icon: 'none' });
        return;
      }
      await this.submit(caseApi.recuseExpert, { caseId: this.data.caseId, expertId: expert.expertId, reason }, { done: '已提交回避申请', reloadOn: STALE });
    },
    async onTerminate() {
      const reason = await confirmWithReason('不再调解？调解将终止，您仍可起诉或申请仲裁', '原因（可不填）', '终止调解');
      if (reason === undefined) return;
      await this.submit(caseApi.terminate, { caseId: this.data.caseId, ...(reason ? { reason } : {}) }, { done: '调解已终止', reloadOn: STALE });
    },
  },
});
