// 调解协议: the agreement text as the mediator drafted it, who has confirmed which version, and — when it is
// the caller's turn — confirming this exact version (its hash) online. Afterwards: signature, seal, the
// 30-day judicial-confirmation notice, and the performance items the caller may mark as received.
import { largeTextBehavior } from '../../../../behaviors/large-text';
import { loadStateBehavior, RunLoadOptions } from '../../../../behaviors/load-state';
import { CallResult, showError, showSuccess } from '../../../../services/index';
import { AgreementData, askToSubscribe, residentApi, StepResult } from '../../../../services/resident';
import { intentId, settleIntent } from '../../../../utils/staff';
import { formatDate, formatTime, formatYuan } from '../../../utils/case-format';

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

export function shapeAgreement(a: AgreementData): Shown {
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
    parties: (a.content.parties ?? []).map((p) => ({ role: p.role === 'applicant' ? '申请人' : '被申请人', name: p.name })),
    facts: a.content.facts ?? '',
    disputedMatters: a.content.disputedMatters ?? '',
    responsibilities: a.content.responsibilities ?? '',
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

interface AgreementPage {
  data: { caseId: string; view: Shown | null; read: boolean; busy: boolean };
  runLoad<T>(loader: () => Promise<CallResult<T>>, opts?: RunLoadOptions<T>): Promise<T | undefined>;
  setData(patch: Record<string, unknown>): void;
  load(): Promise<void>;
  step(key: string, payload: unknown, run: (requestId: string) => Promise<CallResult<StepResult>>, done: string): Promise<boolean>;
}

const page = (self: unknown) => self as AgreementPage;

Component({
  behaviors: [largeTextBehavior, loadStateBehavior],
  data: {
    caseId: '',
    view: null as Shown | null,
    read: false,
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
      const a = await p.runLoad(() => residentApi.agreement(p.data.caseId), { isEmpty: () => false });
      if (a) p.setData({ view: shapeAgreement(a) });
    },
    async step(key: string, payload: unknown, run: (requestId: string) => Promise<CallResult<StepResult>>, done: string): Promise<boolean> {
      const p = page(this);
      if (p.data.busy) return false;
      p.setData({ busy: true });
      const res = await run(intentId(this, { key, payload }));
      p.setData({ busy: false });
      if (!res.ok) {
        if (res.code !== 'NETWORK_ERROR') settleIntent(this);
        showError(res);
        // The text changed under the reader: show the new version, to be read again.
        if (res.code === 'AGREEMENT_VERSION_CHANGED' || res.code === 'CONFLICT') {
          p.setData({ read: false });
          await p.load();
        }
        return false;
      }
      settleIntent(this);
      showSuccess(done);
      await p.load();
      return true;
    },
    onRead(e: WechatMiniprogram.CustomEvent<{ checked: boolean }>) {
      page(this).setData({ read: !!e.detail.checked });
    },
    async onConfirm() {
      const p = page(this);
      const v = p.data.view;
      if (!v || !v.myTurn) return;
      if (!p.data.read) {
        wx.showToast({ title: '请先阅读协议全文并勾选', icon: 'none' });
        return;
      }
      await askToSubscribe(['performance', 'caseProgress']);
      await p.step('confirm', { hash: v.hash }, (id) => residentApi.confirmAgreement(p.data.caseId, v.hash, { requestId: id }), '已确认协议');
    },
    async onMarkDone(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id?: string }>) {
      const p = page(this);
      const itemId = e.currentTarget.dataset.id;
      if (!itemId) return;
      await p.step('markDone', { itemId }, (id) => residentApi.markDone(p.data.caseId, itemId, { requestId: id }), '已确认收到');
    },
  },
});
