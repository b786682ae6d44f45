// 协议履行与回访 (mediator): where the agreement stands (who confirmed the current version, signature, seal, in
// force and the judicial-confirmation date), the mediator's signature once every party confirmed, the performance
// items (the obligee marks them done in their own app; the mediator may record it for them), the return-visit
// record and closing the case — for a failed mediation with the other routes explained to the parties.
// Reads `agreement.get` and, for the return visits on file, `case.get`; writes `agreement.sign`,
// `agreement.markDone`, `agreement.returnVisit` and `agreement.close`.
import { OTHER_ROUTE_LABEL, RETURN_VISIT_RESULT_LABEL, STAFF_ROLE_LABEL } from '../../../../generated/labels';
import { definePage } from '../../../../kit/page';
import { agreementApi, caseApi, type Answer } from '../../../../services/index';
import type { AgreementView, CaseView, ReturnVisitResult } from '../../../../services/types';

type Route = keyof typeof OTHER_ROUTE_LABEL;
type Outcome = 'resolved' | 'failed';
/** Which of the page's commands is under way (its button shows it). */
type Acting = '' | 'sign' | 'seal' | `markDone:${string}` | 'returnVisit' | 'close';

/** The return visit's findings, in the server's wording. */
const RESULTS = (Object.keys(RETURN_VISIT_RESULT_LABEL) as ReturnVisitResult[]).map((value) => ({ value, label: RETURN_VISIT_RESULT_LABEL[value] }));
const STARS = [1, 2, 3, 4, 5];
const ROUTE_CODES = Object.keys(OTHER_ROUTE_LABEL) as Route[];

interface FollowUp {
  agreement: AgreementView;
  visits: NonNullable<CaseView['returnVisits']>;
}

/** The agreement and the return visits on file; no agreement yet is an empty page, not a failure. */
async function followUp(caseId: string): Promise<Answer<FollowUp | null>> {
  const [a, c] = await Promise.all([agreementApi.get({ caseId }), caseApi.get({ caseId })]);
  if (!a.ok) return a.code === 'NO_AGREEMENT' ? { ok: true, data: null } : a;
  if (!c.ok) return c;
  return { ok: true, data: { agreement: a.data, visits: c.data.returnVisits ?? [] } };
}

function statusOf(a: AgreementView): string {
  if (a.form === 'oral') return '口头协议已记录';
  if (a.effectiveAt) return '协议已生效';
  if (a.awaiting.length > 0) return '等待当事人确认';
  if (!a.signed) return '当事人均已确认，待调解员签名';
  if (!a.sealed) return '待调委会盖章';
  return '';
}

definePage({
  role: { roles: ['mediator', 'director'], name: STAFF_ROLE_LABEL.mediator },
  data: {
    caseId: '',
    hash: '',
    status: '',
    parties: [] as Array<{ partyId: string; name: string; confirmed: boolean }>,
    canSign: false,
    /** A director seals the written agreement once the mediator has signed it (then it takes effect). */
    canSeal: false,
    effectiveText: '',
    items: [] as Array<{ itemId: string; title: string; note: string; done: boolean; mayMarkDone: boolean }>,
    visits: [] as Array<{ at: string; resultLabel: string; notes: string }>,
    results: RESULTS,
    stars: STARS,
    result: '' as ReturnVisitResult | '',
    satisfaction: 0,
    notes: '',
    outcome: '' as Outcome | '',
    closeReason: '',
    routes: [] as Route[],
    routeChoices: ROUTE_CODES.map((value) => ({ value, label: OTHER_ROUTE_LABEL[value], on: false })),
    /** The mediator's own words added to the explanation of the routes (sent as `note`). */
    guidance: '',
    acting: '' as Acting,
  },
  onLoad(query) {
    this.setData({ caseId: query.id ?? '' });
  },
  async load() {
    const data = await this.runLoad(() => followUp(this.data.caseId));
    if (!data) return;
    const a = data.agreement;
    const waiting = new Set(a.awaiting.map((w) => w.partyId));
    this.setData({
      hash: a.hash,
      parties: 'parties' in a.content ? a.content.parties.map((p) => ({ partyId: p.partyId, name: p.name, confirmed: !waiting.has(p.partyId) })) : [],
      canSign: a.form === 'written' && a.awaiting.length === 0 && !a.signed,
      canSeal: this.data.grant?.role === 'director' && a.form === 'written' && a.signed && !a.sealed,
      status: statusOf(a),
      effectiveText: a.judicialConfirmationBy ? `双方可在 ${a.judicialConfirmationBy} 前共同申请司法确认` : '',
      items: a.performance.map((i) => ({
        itemId: i.itemId,
        title: `${i.description}${i.amountYuan !== undefined ? `（${i.amountYuan} 元）` : ''}`,
        note: i.done ? '已履行' : `${i.dueDate} 前 · ${i.place}`,
        done: i.done,
        mayMarkDone: i.mayMarkDone,
      })),
      visits: data.visits.map((v) => ({ at: v.at, resultLabel: v.resultLabel, notes: v.notes })),
    });
  },
  methods: {
    async onSign() {
      this.setData({ acting: 'sign' });
      await this.submit(agreementApi.sign, { caseId: this.data.caseId, hash: this.data.hash }, { done: '已签名' });
      this.setData({ acting: '' });
    },
    /** 盖章: the director seals the signed agreement for the committee; it takes effect. */
    async onSeal() {
      this.setData({ acting: 'seal' });
      await this.submit(agreementApi.seal, { caseId: this.data.caseId, hash: this.data.hash }, { done: '已盖章，协议生效' });
      this.setData({ acting: '' });
    },
    /** The mediator records that an item was performed, for the obligee (e.g. paid in their presence). */
    async onMarkDone(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id?: string }>) {
      const item = this.data.items.find((i) => i.itemId === e.currentTarget.dataset.id);
      if (!item || !item.mayMarkDone || this.data.busy) return;
      const sure = await new Promise<boolean>((resolve) =>
        wx.showModal({
          title: '代为确认履行',
          content: `确认「${item.title}」已履行？此记录以您的名义作出，不能撤回。`,
          confirmText: '确认',
          cancelText: '取消',
          success: (res) => resolve(!!res.confirm),
          fail: () => resolve(false),
        }),
      );
      if (!sure) return;
      this.setData({ acting: `markDone:${item.itemId}` });
      await this.submit(agreementApi.markDone, { caseId: this.data.caseId, itemId: item.itemId }, { done: '已记录履行' });
      this.setData({ acting: '' });
    },
    onResult(e: WechatMiniprogram.BaseEvent<Record<string, never>, { value?: string }>) {
      const result = RESULTS.find((r) => r.value === e.currentTarget.dataset.value)?.value ?? '';
      this.setData({ result, 'errors.result': '' });
    },
    onStar(e: WechatMiniprogram.BaseEvent<Record<string, never>, { value?: number }>) {
      this.setData({ satisfaction: Number(e.currentTarget.dataset.value ?? 0) });
    },
    onNotes(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ notes: e.detail.value, 'errors.notes': '' });
    },
    async onReturnVisit() {
      const { caseId, result, satisfaction, notes } = this.data;
      const errors: Record<string, string> = {};
      if (!result) errors.result = '请选择履行情况';
      if (notes.trim().length < 2) errors.notes = '请记录回访情况';
      if (!result || Object.keys(errors).length) {
        this.setData({ errors });
        return;
      }
      this.setData({ acting: 'returnVisit' });
      const done = await this.submit(
        agreementApi.returnVisit,
        { caseId, result, ...(satisfaction ? { satisfaction } : {}), notes: notes.trim() },
        { done: '已记录回访', fields: ['result', 'satisfaction', 'notes'] },
      );
      this.setData({ acting: '' });
      if (done) this.setData({ result: '', satisfaction: 0, notes: '' });
    },
    onOutcome(e: WechatMiniprogram.BaseEvent<Record<string, never>, { value?: string }>) {
      const value = e.currentTarget.dataset.value;
      this.setData({ outcome: value === 'resolved' || value === 'failed' ? value : '', 'errors.outcome': '' });
    },
    onCloseReason(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ closeReason: e.detail.value, 'errors.reason': '' });
    },
    /** Picks or drops one of the other routes told to the parties when mediation failed. */
    onRoute(e: WechatMiniprogram.BaseEvent<Record<string, never>, { value?: string }>) {
      const route = ROUTE_CODES.find((r) => r === e.currentTarget.dataset.value);
      if (!route) return;
      const routes = this.data.routes.includes(route) ? this.data.routes.filter((r) => r !== route) : [...this.data.routes, route];
      this.setData({
        routes,
        routeChoices: this.data.routeChoices.map((c) => ({ ...c, on: routes.includes(c.value) })),
        'errors.routes': '',
      });
    },
    onGuidance(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ guidance: e.detail.value, 'errors.note': '' });
    },
    async onClose() {
      const { caseId, outcome, closeReason, routes, guidance } = this.data;
      const errors: Record<string, string> = {};
      if (!outcome) errors.outcome = '请选择结案结果';
      if (closeReason.trim().length < 2) errors.reason = '请填写结案说明';
      if (outcome === 'failed' && routes.length === 0) errors.routes = '调解不成的，请选择告知当事人的其他途径（诉讼、仲裁、行政处理等）';
      if (!outcome || Object.keys(errors).length) {
        this.setData({ errors });
        return;
      }
      const reason = closeReason.trim();
      const note = guidance.trim();
      const options = { done: '已结案', fields: ['outcome', 'reason', 'routes', 'note'] };
      this.setData({ acting: 'close' });
      if (outcome === 'failed') await this.submit(agreementApi.close, { caseId, outcome, reason, routes, ...(note ? { note } : {}) }, options);
      else await this.submit(agreementApi.close, { caseId, outcome, reason }, options);
      this.setData({ acting: '' });
    },
  },
});
