// 调解协议: the agreement text as the mediator drafted it, who has confirmed which version, and — when it is
// the caller's turn — confirming this exact version (its hash) online. Afterwards: signature, seal, the
// 30-day judicial-confirmation notice, and the performance items the caller may mark as received.
import { definePage } from '../../../../kit/page';
import { agreementApi, askToSubscribe, reportApi, showError } from '../../../../services/index';
import { openGeneratedFile } from '../../../../utils/open-file';
import type { AgreementView, ErrorCode } from '../../../../services/index';
import { confirmStep, partyRoleLabel } from '../../../utils/case-format';
import { chinaDate, formatDate, formatTime, formatYuan } from '../../../../utils/format';

interface Shown {
  title: string;
  versionText: string;
  hash: string;
  paperOnly: boolean;
  parties: Array<{ role: string; name: string }>;
  facts: string;
  disputedMatters: string;
  responsibilities: string;
  terms: string[];
  confirmedBy: string;
  awaiting: string;
  stateText: string;
  judicialText: string;
  /** Judicial confirmation of an agreement in force: the court, the last date, whether they said they applied. */
  judicial: {
    byText: string;
    court: { name: string; address: string; phone: string } | null;
    appliedText: string;
    mayRecord: boolean;
    /** The earliest day they can have applied (the agreement took effect). */
    from: string;
  } | null;
  myTurn: boolean;
  performance: Array<{ itemId: string; text: string; detail: string; done: boolean; mayMarkDone: boolean }>;
}

export function shapeAgreement(a: AgreementView): Shown {
  const written = 'parties' in a.content ? a.content : undefined;
  let stateText = '';
  if (a.sealed) stateText = `协议已生效${a.effectiveAt ? `（${formatTime(a.effectiveAt)}）` : ''}`;
  else if (a.awaiting.length) stateText = '等待当事人确认';
  else if (!a.signed) stateText = '双方已确认，等待调解员签名';
  else stateText = '调解员已签名，等待调委会盖章';
  return {
    title: a.title,
    versionText: a.form === 'written' && a.version ? `第 ${a.version} 版` : '口头协议',
    hash: a.hash,
    paperOnly: a.paperOnly,
    parties: (written?.parties ?? []).map((p) => ({ role: partyRoleLabel(p.role), name: p.name })),
    facts: written?.facts ?? '',
    disputedMatters: written?.disputedMatters ?? '',
    responsibilities: written?.responsibilities ?? '',
    terms: a.content.terms,
    confirmedBy: a.confirmations.filter((c) => c.current).map((c) => c.name).join('、'),
    awaiting: a.awaiting.map((x) => x.name).join('、'),
    stateText,
    // The section below says the same last date with the court and what to do: the short line only without it.
    judicialText: a.judicialConfirmationBy && !a.judicial
      ? `如需强制执行力，双方可在${formatDate(a.judicialConfirmationBy)}前共同向人民法院申请司法确认。`
      : '',
    judicial: a.judicial
      ? {
          byText: `申请司法确认的最后日期：${formatDate(a.judicial.by)}`,
          court: a.judicial.court ?? null,
          appliedText: a.judicial.applied
            ? `${a.judicial.applied.mine ? '您' : a.judicial.applied.by}已告知：双方于${formatDate(a.judicial.applied.appliedOn)}向人民法院申请了司法确认。`
            : '',
          mayRecord: a.judicial.mayRecord,
          from: a.effectiveAt ? chinaDay(a.effectiveAt) : '',
        }
      : null,
    myTurn: a.myTurn,
    performance: a.performance.map((i) => ({
      itemId: i.itemId,
      text: `${i.obligor}向${i.obligee}${i.description}${i.amountYuan !== undefined ? ` ${formatYuan(i.amountYuan)}` : ''}`,
      detail: `${formatDate(i.dueDate)}前 · ${i.method} · ${i.place}`,
      done: i.done,
      mayMarkDone: i.mayMarkDone,
    })),
  };
}

/** The China calendar day of an instant (YYYY-MM-DD), for the date picker. */
const chinaDay = (instant: string | number) => chinaDate(typeof instant === 'number' ? instant : Date.parse(instant));

/** The text changed under the reader (or the page is out of date): show the new version, to be read again. */
const STALE: readonly ErrorCode[] = ['AGREEMENT_VERSION_CHANGED', 'CONFLICT'];

definePage({
  data: {
    caseId: '',
    view: null as Shown | null,
    read: false,
    /** The day the parties applied, as picked (default today). */
    appliedOn: '',
    /** The same day as the page shows it (2025年6月2日). */
    appliedOnText: '',
    today: '',
    downloading: false,
  },
  onLoad(query) {
    this.setData({ caseId: query.id ?? '' });
  },
  async load() {
    const a = await this.runLoad(() => agreementApi.get({ caseId: this.data.caseId }), { isEmpty: () => false });
    const today = chinaDay(Date.now());
    const appliedOn = this.data.appliedOn || today;
    if (a) this.setData({ view: shapeAgreement(a), today, appliedOn, appliedOnText: formatDate(appliedOn) });
  },
  methods: {
    onRead(e: WechatMiniprogram.CustomEvent<{ checked: boolean }>) {
      this.setData({ read: !!e.detail.checked });
    },
    async onConfirm() {
      const v = this.data.view;
      if (!v || !v.myTurn || this.data.busy) return;
      if (!this.data.read) {
        wx.showToast({ title: '请先阅读协议全文并勾选', icon: 'none' });
        return;
      }
      await askToSubscribe(['performance_reminder', 'case_progress']);
      await this.submit(
        agreementApi.confirm,
        { caseId: this.data.caseId, hash: v.hash },
        {
          done: '已确认协议',
          reloadOn: STALE,
          onError: (failure) => {
            // The new version must be read and ticked again before it can be confirmed.
            if (STALE.includes(failure.code)) this.setData({ read: false });
          },
        },
      );
    },
    /** 下载申请书: the joint application, printed from the agreement, opened in WeChat's viewer to print or share. */
    async onDownloadApplication() {
      if (this.data.downloading) return;
      this.setData({ downloading: true });
      const res = await reportApi.document({ caseId: this.data.caseId, kind: 'judicial_application' });
      if (!res.ok) {
        this.setData({ downloading: false });
        showError(res);
        return;
      }
      const opened = await openGeneratedFile(res.data, 'docx');
      this.setData({ downloading: false });
      if (!opened) wx.showToast({ title: '文件下载失败，请重试', icon: 'none' });
    },
    onAppliedOn(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ appliedOn: e.detail.value, appliedOnText: formatDate(e.detail.value) });
    },
    /** 我们已申请: once for the case (the application is joint); asks first, since it stops the reminders for both. */
    async onApplied() {
      const v = this.data.view;
      if (!v?.judicial?.mayRecord || this.data.busy) return;
      const court = v.judicial.court?.name ?? '人民法院';
      const sure = await confirmStep(
        '确认已申请司法确认？',
        `将记录双方已于${formatDate(this.data.appliedOn)}向${court}共同申请司法确认，对方和调解员会收到通知，期限提醒随即停止。只需一方记录，记录后不能撤回。`,
        '确认已申请',
        '#0052d9',
      );
      if (!sure) return;
      await this.submit(agreementApi.judicialApplied, { caseId: this.data.caseId, appliedOn: this.data.appliedOn }, { done: '已记录' });
    },
    async onMarkDone(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id?: string }>) {
      const itemId = e.currentTarget.dataset.id;
      if (!itemId) return;
      await this.submit(agreementApi.markDone, { caseId: this.data.caseId, itemId }, { done: '已确认收到', reloadOn: STALE });
    },
  },
});
