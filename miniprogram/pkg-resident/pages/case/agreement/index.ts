// 调解协议: the agreement text as the mediator drafted it, who has confirmed which version, and — when it is
// the caller's turn — confirming this exact version (its hash) online. Afterwards: signature, seal, the
// 30-day judicial-confirmation notice, and the performance items the caller may mark as received.
import { definePage } from '../../../../kit/page';
import { agreementApi, askToSubscribe } from '../../../../services/index';
import type { AgreementView, ErrorCode } from '../../../../services/index';
import { partyRoleLabel } from '../../../utils/case-format';
import { formatDate, formatTime, formatYuan } from '../../../../utils/format';

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
    judicialText: a.judicialConfirmationBy
      ? `如需强制执行力，双方可在${formatDate(a.judicialConfirmationBy)}前共同向人民法院申请司法确认。`
      : '',
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

/** The text changed under the reader (or the page is out of date): show the new version, to be read again. */
const STALE: readonly ErrorCode[] = ['AGREEMENT_VERSION_CHANGED', 'CONFLICT'];

definePage({
  data: {
    caseId: '',
    view: null as Shown | null,
    read: false,
  },
  onLoad(query) {
    this.setData({ caseId: query.id ?? '' });
  },
  async load() {
    const a = await this.runLoad(() => agreementApi.get({ caseId: this.data.caseId }), { isEmpty: () => false });
    if (a) this.setData({ view: shapeAgreement(a) });
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
    async onMarkDone(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id?: string }>) {
      const itemId = e.currentTarget.dataset.id;
      if (!itemId) return;
      await this.submit(agreementApi.markDone, { caseId: this.data.caseId, itemId }, { done: '已确认收到', reloadOn: STALE });
    },
  },
});
