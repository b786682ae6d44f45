// 协议履行、回访与结案 (mediator): where the agreement stands (who confirmed the current version, signature, seal, in
// force and the judicial-confirmation date), the mediator's signature once every party confirmed, the performance
// items (the obligee marks them done in their own app; the mediator may record it for them), the return-visit
// record and closing the case — for a failed mediation with the other routes explained to the parties, or, while
// the respondent is being asked, as no reply once the reply period is over. An agreement signed on paper (marriage,
// adoption, inheritance) leads to the page where staff upload each party's signed paper. A case without an agreement has only
// the parts that fit it; a closed case keeps the return visit it owes after closing (回访 after every case), whose
// findings are the dispute's state (settled, ongoing, taken up) rather than how an agreement was performed.
// Reads `case.get` and `agreement.get`; writes `agreement.sign`, `agreement.seal`, `agreement.markDone`,
// `agreement.returnVisit` and `agreement.close`.
import {
  AFTER_CLOSE_VISIT_RESULTS,
  OTHER_ROUTE_LABEL,
  OUTCOME_LABEL,
  PERFORMANCE_VISIT_RESULTS,
  RETURN_VISIT_RESULT_LABEL,
  STAFF_ROLE_LABEL,
} from '../../../../generated/labels';
import { definePage } from '../../../../kit/page';
import { agreementApi, caseApi, type Answer } from '../../../../services/index';
import type { AgreementView, CaseView, ReturnVisitResult, Status } from '../../../../services/types';
import { ROUTES } from '../../../../utils/routes';
import { formatTime } from '../../../../utils/format';

type Route = keyof typeof OTHER_ROUTE_LABEL;
type Outcome = 'resolved' | 'failed' | 'no_reply';
/** Which of the page's commands is under way (its button shows it). */
type Acting = '' | 'sign' | 'seal' | `markDone:${string}` | 'returnVisit' | 'close';

/** The return visit's findings, in the server's wording: how an agreement was performed, or, after closing, the dispute's state. */
const choices = (values: readonly ReturnVisitResult[]) => values.map((value) => ({ value, label: RETURN_VISIT_RESULT_LABEL[value] }));
const PERFORMANCE_RESULTS = choices(PERFORMANCE_VISIT_RESULTS);
const AFTER_CLOSE_RESULTS = choices(AFTER_CLOSE_VISIT_RESULTS);
const STARS = [1, 2, 3, 4, 5];
const ROUTE_CODES = Object.keys(OTHER_ROUTE_LABEL) as Route[];
const OUTCOME_CHOICE: Record<Outcome, string> = { resolved: '调解成功', failed: '调解不成', no_reply: OUTCOME_LABEL.no_reply };

/** How a case in each status may be closed here: no_reply only while the respondent is asked, resolved once performing. */
function closingOutcomes(status: Status): Outcome[] {
  if (status === 'closed') return [];
  if (status === 'awaiting_consent') return ['no_reply'];
  if (status === 'performing') return ['resolved', 'failed'];
  if (status === 'registered' || status === 'transferring' || status === 'awaiting_designation') return [];
  return ['failed'];
}

interface FollowUp {
  view: CaseView;
  /** Null while the case has no agreement. */
  agreement: AgreementView | null;
}

/** The case and its agreement; no agreement yet is a page without the agreement's parts, not a failure. */
async function followUp(caseId: string): Promise<Answer<FollowUp>> {
  const [a, c] = await Promise.all([agreementApi.get({ caseId }), caseApi.get({ caseId })]);
  if (!a.ok && a.code !== 'NO_AGREEMENT') return a;
  if (!c.ok) return c;
  return { ok: true, data: { view: c.data, agreement: a.ok ? a.data : null } };
}

function statusOf(a: AgreementView): string {
  if (a.form === 'oral') return '口头协议已记录';
  if (a.effectiveAt) return '协议已生效';
  if (a.awaiting.length > 0) return a.paperOnly ? '等待当事人线下签字' : '等待当事人确认';
  if (!a.signed) return '当事人均已确认，待调解员签名';
  if (!a.sealed) return '待调委会盖章';
  return '';
}

definePage({
  role: { roles: ['mediator', 'director'], name: STAFF_ROLE_LABEL.mediator },
  data: {
    caseId: '',
    hash: '',
    hasAgreement: false,
    caseStatusLabel: '',
    status: '',
    parties: [] as Array<{ partyId: string; name: string; confirmed: boolean }>,
    canSign: false,
    /** Paper only (marriage, adoption, inheritance): parties sign the printed agreement and staff upload it. */
    paperOnly: false,
    canScan: false,
    /** A director seals the written agreement once the mediator has signed it (then it takes effect). */
    canSeal: false,
    effectiveText: '',
    items: [] as Array<{ itemId: string; title: string; note: string; done: boolean; mayMarkDone: boolean }>,
    visits: [] as Array<{ at: string; resultLabel: string; notes: string }>,
    /** The return visit the case owes now: while performing, or once closed other than resolved; '' for none. */
    visitMode: '' as '' | 'performance' | 'after_close',
    visitDueText: '',
    results: PERFORMANCE_RESULTS,
    stars: STARS,
    result: '' as ReturnVisitResult | '',
    satisfaction: 0,
    notes: '',
    outcome: '' as Outcome | '',
    outcomeChoices: [] as Array<{ value: Outcome; label: string }>,
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
    const { view, agreement: a } = data;
    const waiting = new Set((a?.awaiting ?? []).map((w) => w.partyId));
    // A closed case owes a visit while its next step is one (the server's `next`: the visit after closing).
    const visitMode = view.status === 'performing' ? 'performance' : view.status === 'closed' && view.next ? 'after_close' : '';
    const outcomes = closingOutcomes(view.status);
    this.setData({
      hash: a?.hash ?? '',
      hasAgreement: Boolean(a),
      caseStatusLabel: view.closing ? `${view.statusLabel}（${view.closing.outcomeLabel}）` : view.statusLabel,
      parties: a && 'parties' in a.content ? a.content.parties.map((p) => ({ partyId: p.partyId, name: p.name, confirmed: !waiting.has(p.partyId) })) : [],
      canSign: !!a && a.form === 'written' && a.awaiting.length === 0 && !a.signed,
      paperOnly: !!a && a.form === 'written' && a.paperOnly,
      canScan: !!a && a.form === 'written' && a.paperOnly && a.status === 'agreement_pending' && a.awaiting.length > 0,
      canSeal: !!a && this.data.grant?.role === 'director' && a.form === 'written' && a.signed && !a.sealed,
      status: a ? statusOf(a) : '本案还没有调解协议',
      effectiveText: a?.judicial?.applied
        ? `当事人已告知：双方于 ${a.judicial.applied.appliedOn} 向${a.judicial.court?.name ?? '有管辖权的人民法院'}申请了司法确认`
        : a?.judicialConfirmationBy
          ? `双方可在 ${a.judicialConfirmationBy} 前共同向${a.judicial?.court?.name ?? '有管辖权的人民法院'}申请司法确认`
          : '',
      items: (a?.performance ?? []).map((i) => ({
        itemId: i.itemId,
        title: `${i.description}${i.amountYuan !== undefined ? `（${i.amountYuan} 元）` : ''}`,
        note: i.done ? '已履行' : `${i.dueDate} 前 · ${i.place}`,
        done: i.done,
        mayMarkDone: i.mayMarkDone,
      })),
      visits: (view.returnVisits ?? []).map((v) => ({ at: v.at, resultLabel: v.resultLabel, notes: v.notes })),
      visitMode,
      visitDueText: visitMode && view.next ? `请于 ${formatTime(view.next.dueAt)} 前回访` : '',
      results: visitMode === 'after_close' ? AFTER_CLOSE_RESULTS : PERFORMANCE_RESULTS,
      outcomeChoices: outcomes.map((value) => ({ value, label: OUTCOME_CHOICE[value] })),
      outcome: outcomes.includes(this.data.outcome as Outcome) ? this.data.outcome : '',
    });
  },
  methods: {
    onPaper() {
      wx.navigateTo({ url: `${ROUTES.paperSigning}?id=${encodeURIComponent(this.data.caseId)}` });
    },
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
      const result = this.data.results.find((r) => r.value === e.currentTarget.dataset.value)?.value ?? '';
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
      if (!result) errors.result = this.data.visitMode === 'after_close' ? '请选择纠纷现状' : '请选择履行情况';
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
      const value = this.data.outcomeChoices.find((c) => c.value === e.currentTarget.dataset.value)?.value ?? '';
      this.setData({ outcome: value, 'errors.outcome': '' });
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
      else if (outcome === 'no_reply') await this.submit(agreementApi.close, { caseId, outcome, reason }, options);
      else await this.submit(agreementApi.close, { caseId, outcome, reason }, options);
      this.setData({ acting: '' });
    },
  },
});
