// 协议履行与回访 (mediator): where the agreement stands (who confirmed which version, signature, seal, in force
// and the judicial-confirmation date), the mediator's signature once every party confirmed, the performance
// items (the obligee marks them done in their own app), the return-visit record and closing the case.
// Reads the planned `agreement.get`; writes `agreement.sign`, `agreement.returnVisit`, `agreement.close`.
import { largeTextBehavior } from '../../../../behaviors/large-text';
import { loadStateBehavior, RunLoadOptions } from '../../../../behaviors/load-state';
import { callFunction, CallResult, showError, showSuccess } from '../../../../services/index';
import { guarded, intentId, settleIntent } from '../../../../utils/staff';

/** `agreement.get` (planned), as far as this page reads it. */
export interface AgreementAnswer {
  agreement: {
    form: 'written' | 'oral';
    version?: number;
    hash: string;
    parties: Array<{ partyId: string; name: string; confirmed: boolean }>;
    mediatorSigned?: boolean;
    sealed?: boolean;
    effectiveAt?: string;
    judicialConfirmationBy?: string;
  } | null;
  performanceItems: Array<{ itemId: string; description: string; amountYuan?: number; place: string; dueDate: string; doneAt?: string }>;
  returnVisits?: Array<{ at: string; resultLabel: string; notes: string }>;
}

const RESULTS = [
  { value: 'performed', label: '已履行' },
  { value: 'partially_performed', label: '部分履行' },
  { value: 'not_performed', label: '未履行' },
];
const STARS = [1, 2, 3, 4, 5];

interface FollowUpPage {
  data: {
    caseId: string;
    hash: string;
    result: string;
    satisfaction: number;
    notes: string;
    outcome: string;
    closeReason: string;
    guidance: string;
    busy: string;
  };
  runLoad<T>(loader: () => Promise<CallResult<T>>, opts?: RunLoadOptions<T>): Promise<T | undefined>;
  setData(patch: Record<string, unknown>): void;
  load(): Promise<void>;
  send(action: string, payload: Record<string, unknown>, done: string): Promise<boolean>;
}

const page = (self: unknown) => self as FollowUpPage;

Component({
  behaviors: [largeTextBehavior, loadStateBehavior],
  data: {
    caseId: '',
    hash: '',
    status: '',
    parties: [] as Array<{ partyId: string; name: string; confirmed: boolean }>,
    canSign: false,
    effectiveText: '',
    items: [] as Array<{ itemId: string; title: string; note: string; done: boolean }>,
    visits: [] as Array<{ at: string; resultLabel: string; notes: string }>,
    results: RESULTS,
    stars: STARS,
    result: '',
    satisfaction: 0,
    notes: '',
    outcome: '',
    closeReason: '',
    guidance: '',
    errors: {} as Record<string, string>,
    busy: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      page(this).setData({ caseId: query.id ?? '' });
      void page(this).load();
    },
    async load() {
      const p = page(this);
      const data = await p.runLoad(
        () => guarded(['mediator', 'director'], '调解员', () => callFunction<AgreementAnswer>('agreement', 'get', { caseId: p.data.caseId })),
        { isEmpty: (d) => !d.agreement },
      );
      if (!data?.agreement) return;
      const a = data.agreement;
      const allConfirmed = a.form === 'oral' || a.parties.every((x) => x.confirmed);
      p.setData({
        hash: a.hash,
        parties: a.parties,
        canSign: a.form === 'written' && allConfirmed && !a.mediatorSigned,
        status:
          a.form === 'oral'
            ? '口头协议已记录'
            : a.effectiveAt
              ? '协议已生效'
              : !allConfirmed
                ? '等待当事人确认'
                : !a.mediatorSigned
                  ? '当事人均已确认，待调解员签名'
                  : !a.sealed
                    ? '待调委会盖章'
                    : '',
        effectiveText: a.judicialConfirmationBy ? `双方可在 ${a.judicialConfirmationBy} 前共同申请司法确认` : '',
        items: data.performanceItems.map((i) => ({
          itemId: i.itemId,
          title: `${i.description}${i.amountYuan !== undefined ? `（${i.amountYuan} 元）` : ''}`,
          note: i.doneAt ? '已履行' : `${i.dueDate} 前 · ${i.place}`,
          done: !!i.doneAt,
        })),
        visits: data.returnVisits ?? [],
      });
    },
    async send(action: string, payload: Record<string, unknown>, done: string): Promise<boolean> {
      const p = page(this);
      if (p.data.busy) return false;
      p.setData({ busy: action });
      const res = await callFunction('agreement', action, payload, { requestId: intentId(this, [action, payload]) });
      p.setData({ busy: '' });
      if (!res.ok) {
        if (res.code !== 'NETWORK_ERROR') settleIntent(this);
        if (res.fields && Object.keys(res.fields).length) p.setData({ errors: res.fields });
        else showError(res);
        return false;
      }
      settleIntent(this);
      showSuccess(done);
      await p.load();
      return true;
    },
    async onSign() {
      const p = page(this);
      await p.send('sign', { caseId: p.data.caseId, hash: p.data.hash }, '已签名');
    },
    onResult(e: WechatMiniprogram.BaseEvent<Record<string, never>, { value?: string }>) {
      page(this).setData({ result: e.currentTarget.dataset.value ?? '', 'errors.result': '' });
    },
    onStar(e: WechatMiniprogram.BaseEvent<Record<string, never>, { value?: number }>) {
      page(this).setData({ satisfaction: Number(e.currentTarget.dataset.value ?? 0) });
    },
    onNotes(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      page(this).setData({ notes: e.detail.value, 'errors.notes': '' });
    },
    async onReturnVisit() {
      const p = page(this);
      const { caseId, result, satisfaction, notes } = p.data;
      const errors: Record<string, string> = {};
      if (!result) errors.result = '请选择履行情况';
      if (notes.trim().length < 2) errors.notes = '请记录回访情况';
      if (Object.keys(errors).length) {
        p.setData({ errors });
        return;
      }
      const ok = await p.send('returnVisit', { caseId, result, ...(satisfaction ? { satisfaction } : {}), notes: notes.trim() }, '已记录回访');
      if (ok) p.setData({ result: '', satisfaction: 0, notes: '' });
    },
    onOutcome(e: WechatMiniprogram.BaseEvent<Record<string, never>, { value?: string }>) {
      page(this).setData({ outcome: e.currentTarget.dataset.value ?? '', 'errors.outcome': '' });
    },
    onCloseReason(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      page(this).setData({ closeReason: e.detail.value, 'errors.reason': '' });
    },
    onGuidance(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      page(this).setData({ guidance: e.detail.value, 'errors.guidance': '' });
    },
    async onClose() {
      const p = page(this);
      const { caseId, outcome, closeReason, guidance } = p.data;
      const errors: Record<string, string> = {};
      if (!outcome) errors.outcome = '请选择结案结果';
      if (closeReason.trim().length < 2) errors.reason = '请填写结案说明';
      if (outcome === 'failed' && guidance.trim().length < 5) errors.guidance = '调解不成的，请写明告知当事人的其他途径（诉讼、仲裁、行政处理等）';
      if (Object.keys(errors).length) {
        p.setData({ errors });
        return;
      }
      await p.send('close', { caseId, outcome, reason: closeReason.trim(), ...(outcome === 'failed' ? { guidance: guidance.trim() } : {}) }, '已结案');
    },
  },
});
