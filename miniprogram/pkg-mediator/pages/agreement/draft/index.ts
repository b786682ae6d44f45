// 起草调解协议: the mediator starts from the category's template (`agreement.template`, prefilled from the
// case), edits it, and submits it (`agreement.draft`, or `agreement.revise` with a reason once a version
// exists — which voids the parties' earlier confirmations). The server validates it against Art. 29 and the
// place of performance; each problem comes back under `fields` by path (`parties[0].idNumber`,
// `performance[1].place`, `facts`) and is shown next to that field.
import type { AgreementContent, AgreementParty, PerformanceItemSpec } from '../../../../utils/staff-types';
import { largeTextBehavior } from '../../../../behaviors/large-text';
import { loadStateBehavior, RunLoadOptions } from '../../../../behaviors/load-state';
import { callFunction, CallResult, showError, showSuccess } from '../../../../services/index';
import { guarded, intentId, settleIntent } from '../../../../utils/staff';

/** `agreement.template` (planned): the draft to start from, and the current version if one was drafted. */
export interface TemplateAnswer {
  content: AgreementContent;
  paperOnly?: boolean;
  current?: { version: number; hash: string };
  partyNames?: Record<string, string>;
}

type ItemForm = Omit<PerformanceItemSpec, 'amountYuan'> & { amountYuan: string };
type Top = 'facts' | 'disputedMatters' | 'responsibilities' | 'terms' | 'parties' | 'performance' | 'reason';

interface Errors {
  top: Partial<Record<Top, string>>;
  parties: Array<Record<string, string>>;
  items: Array<Record<string, string>>;
  other: string[];
}

const ID_TYPES = [
  { value: 'resident_id', label: '居民身份证' },
  { value: 'other', label: '其他证件' },
  { value: 'credit_code', label: '统一社会信用代码' },
];

/** Turns the server's `fields` ({ 'parties[0].idNumber': '…' }) into messages placed beside their fields. */
export function placeErrors(fields: Record<string, string>, parties: number, items: number): Errors {
  const errors: Errors = { top: {}, parties: Array.from({ length: parties }, () => ({})), items: Array.from({ length: items }, () => ({})), other: [] };
  for (const [path, message] of Object.entries(fields)) {
    const m = /^(parties|performance)\[(\d+)\]\.(\w+)$/.exec(path);
    if (m) {
      const list = m[1] === 'parties' ? errors.parties : errors.items;
      const i = Number(m[2]);
      if (list[i]) {
        list[i][m[3]] = message;
        continue;
      }
    }
    const top = path.replace(/^content\./, '') as Top;
    if (['facts', 'disputedMatters', 'responsibilities', 'terms', 'parties', 'performance', 'reason'].includes(top)) errors.top[top] = message;
    else errors.other.push(message);
  }
  return errors;
}

const emptyErrors = (): Errors => ({ top: {}, parties: [], items: [], other: [] });

interface DraftPage {
  data: {
    caseId: string;
    parties: AgreementParty[];
    partyNames: Record<string, string>;
    facts: string;
    disputedMatters: string;
    responsibilities: string;
    termsText: string;
    items: ItemForm[];
    current: { version: number; hash: string } | null;
    reason: string;
    submitting: boolean;
  };
  runLoad<T>(loader: () => Promise<CallResult<T>>, opts?: RunLoadOptions<T>): Promise<T | undefined>;
  setData(patch: Record<string, unknown>): void;
  load(): Promise<void>;
}

const page = (self: unknown) => self as DraftPage;

type FieldEvent = WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { index?: number; field?: string }>;

function contentOf(d: DraftPage['data']): AgreementContent {
  return {
    parties: d.parties,
    facts: d.facts.trim(),
    disputedMatters: d.disputedMatters.trim(),
    responsibilities: d.responsibilities.trim(),
    terms: d.termsText
      .split('\n')
      .map((t) => t.trim())
      .filter(Boolean),
    performance: d.items.map(({ amountYuan, ...rest }) => {
      const amount = Number(amountYuan);
      return { ...rest, ...(amountYuan.trim() !== '' ? { amountYuan: Number.isFinite(amount) ? amount : -1 } : {}) };
    }),
  };
}

Component({
  behaviors: [largeTextBehavior, loadStateBehavior],
  data: {
    caseId: '',
    idTypes: ID_TYPES,
    parties: [] as AgreementParty[],
    partyNames: {} as Record<string, string>,
    facts: '',
    disputedMatters: '',
    responsibilities: '',
    termsText: '',
    items: [] as ItemForm[],
    paperOnly: false,
    current: null as { version: number; hash: string } | null,
    reason: '',
    errors: emptyErrors(),
    submitting: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      page(this).setData({ caseId: query.id ?? '' });
      void page(this).load();
    },
    async load() {
      const p = page(this);
      const t = await p.runLoad(() => guarded(['mediator'], '调解员', () => callFunction<TemplateAnswer>('agreement', 'template', { caseId: p.data.caseId })));
      if (!t) return;
      const c = t.content;
      p.setData({
        parties: c.parties,
        partyNames: t.partyNames ?? Object.fromEntries(c.parties.map((x) => [x.partyId, x.name])),
        facts: c.facts,
        disputedMatters: c.disputedMatters,
        responsibilities: c.responsibilities,
        termsText: c.terms.join('\n'),
        items: c.performance.map((i) => ({ ...i, amountYuan: i.amountYuan === undefined ? '' : String(i.amountYuan) })),
        paperOnly: !!t.paperOnly,
        current: t.current ?? null,
        errors: emptyErrors(),
      });
    },
    /** Top-level text fields: data-field names the field. */
    onText(e: FieldEvent) {
      const field = e.currentTarget.dataset.field;
      if (!field) return;
      const errKey = field === 'termsText' ? 'terms' : field;
      page(this).setData({ [field]: e.detail.value, [`errors.top.${errKey}`]: '' });
    },
    onPartyField(e: FieldEvent) {
      const { index, field } = e.currentTarget.dataset;
      if (index === undefined || !field) return;
      page(this).setData({ [`parties[${index}].${field}`]: e.detail.value, [`errors.parties[${index}].${field}`]: '' });
    },
    onPartyIdType(e: WechatMiniprogram.BaseEvent<Record<string, never>, { index?: number; value?: string }>) {
      const { index, value } = e.currentTarget.dataset;
      if (index === undefined || !value) return;
      page(this).setData({ [`parties[${index}].idType`]: value });
    },
    onItemField(e: FieldEvent) {
      const { index, field } = e.currentTarget.dataset;
      if (index === undefined || !field) return;
      page(this).setData({ [`items[${index}].${field}`]: e.detail.value, [`errors.items[${index}].${field}`]: '' });
    },
    onAddItem() {
      const p = page(this);
      const [first, second] = p.data.parties;
      const n = p.data.items.length + 1;
      const item: ItemForm = {
        itemId: `item-${n}-${Date.now().toString(36)}`,
        obligorPartyId: second?.partyId ?? '',
        obligeePartyId: first?.partyId ?? '',
        description: '',
        amountYuan: '',
        method: '',
        place: '',
        dueDate: '',
      };
      p.setData({ items: [...p.data.items, item] });
    },
    onRemoveItem(e: WechatMiniprogram.BaseEvent<Record<string, never>, { index?: number }>) {
      const p = page(this);
      const i = e.currentTarget.dataset.index;
      if (i === undefined) return;
      p.setData({ items: p.data.items.filter((_, k) => k !== Number(i)), errors: emptyErrors() });
    },
    /** Swaps who pays and who receives on an item (the template's guess may be the wrong way round). */
    onSwapItemParties(e: WechatMiniprogram.BaseEvent<Record<string, never>, { index?: number }>) {
      const p = page(this);
      const i = Number(e.currentTarget.dataset.index);
      const item = p.data.items[i];
      if (!item) return;
      p.setData({ [`items[${i}].obligorPartyId`]: item.obligeePartyId, [`items[${i}].obligeePartyId`]: item.obligorPartyId });
    },
    async onSubmit() {
      const p = page(this);
      const d = p.data;
      if (d.submitting) return;
      if (d.current && d.reason.trim().length < 2) {
        p.setData({ errors: { ...emptyErrors(), top: { reason: '修改已发出的协议须写明理由（当事人须重新确认）' } } });
        return;
      }
      const content = contentOf(d);
      const [action, payload] = d.current
        ? (['revise', { caseId: d.caseId, content, reason: d.reason.trim() }] as const)
        : (['draft', { caseId: d.caseId, content }] as const);
      p.setData({ submitting: true });
      const res = await callFunction<{ version: number; hash: string }>('agreement', action, payload, { requestId: intentId(this, payload) });
      p.setData({ submitting: false });
      if (res.ok) {
        settleIntent(this);
        p.setData({ errors: emptyErrors(), current: { version: res.data.version, hash: res.data.hash }, reason: '' });
        showSuccess(action === 'revise' ? '已修改，待当事人重新确认' : '已提交，待当事人确认');
        return;
      }
      if (res.code !== 'NETWORK_ERROR') settleIntent(this);
      if (res.fields && Object.keys(res.fields).length) {
        const errors = placeErrors(res.fields, d.parties.length, d.items.length);
        p.setData({ errors });
        wx.showToast({ title: `协议有 ${Object.keys(res.fields).length} 处需要修改`, icon: 'none' });
        return;
      }
      showError(res);
    },
  },
});
