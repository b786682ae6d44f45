// 起草调解协议: the mediator drafts the agreement and submits it for the parties to confirm. Before any version
// exists the form starts from the category's template (`agreement.template`, prefilled from the case) and is sent
// with `agreement.draft`; once a version is on file (`agreement.get`) the form holds that version and is sent
// with `agreement.revise` and a reason — which voids the parties' earlier confirmations. The server validates it
// against Art. 29 and the place of performance; each problem comes back under `fields` by path
// (`parties[0].idNumber`, `performance[1].place`, `facts`, or a schema path such as `content.performance.0.dueDate`)
// and is shown next to that field. Before any version exists the page offers the oral path instead (记录口头协议,
// its own page: only with nothing to perform and every party's statement that they need no written agreement).
import { PARTY_ROLE_LABEL, STAFF_ROLE_LABEL } from '../../../../generated/labels';
import { definePage, type SubmitOptions } from '../../../../kit/page';
import { agreementApi, type Answer } from '../../../../services/index';
import { ROUTES } from '../../../../utils/routes';
import type { AgreementContentInput, AgreementPartyView, AgreementStepResult, WrittenContentView } from '../../../../services/types';

type PartyForm = AgreementContentInput['parties'][number];
type ItemSpec = AgreementContentInput['performance'][number];
/** A performance item as the form holds it: the amount as typed. */
type ItemForm = Omit<ItemSpec, 'amountYuan'> & { amountYuan: string };
type Version = { version: number; hash: string };

/** The identity documents a party's number can be (the choices' wording; the server has no label table for them). */
const ID_TYPES: Array<{ value: PartyForm['idType']; label: string }> = [
  { value: 'resident_id', label: '居民身份证' },
  { value: 'other', label: '其他证件' },
  { value: 'credit_code', label: '统一社会信用代码' },
];

/** Fields shown in place in a party's and an item's block; any other problem of the row is shown on the row. */
const PARTY_FIELDS = ['name', 'idNumber', 'address', 'representative'];
const ITEM_FIELDS = ['description', 'amountYuan', 'method', 'place', 'dueDate'];
const TOP_FIELDS = ['facts', 'disputedMatters', 'responsibilities', 'terms', 'parties', 'performance', 'reason'];

/**
 * Turns the server's `fields` into the page's `errors`, keyed as the element showing each message is named:
 * `facts`, `party-0-idNumber`, `item-1-place`, `party-2` (the row's other problems), and `other` for anything
 * that belongs to no field on the form.
 */
export function placeErrors(fields: Record<string, string>, parties: number, items: number): Record<string, string> {
  const placed: Record<string, string> = {};
  const other: string[] = [];
  const put = (key: string, message: string) => {
    if (!placed[key]) placed[key] = message;
  };
  for (const [path, message] of Object.entries(fields)) {
    const m = /^(?:content\.)?(parties|performance)(?:\[(\d+)\]|\.(\d+))(?:\.(\w+))?/.exec(path);
    if (m) {
      const isParty = m[1] === 'parties';
      const i = Number(m[2] ?? m[3]);
      const field = m[4] ?? '';
      if (i < (isParty ? parties : items)) {
        const row = isParty ? 'party' : 'item';
        put((isParty ? PARTY_FIELDS : ITEM_FIELDS).includes(field) ? `${row}-${i}-${field}` : `${row}-${i}`, message);
        continue;
      }
    }
    const top = path.replace(/^content\./, '').split(/[.[]/)[0];
    if (TOP_FIELDS.includes(top)) put(top, message);
    else other.push(message);
  }
  if (other.length) placed.other = other.join('；');
  return placed;
}

/** A party as the form sends it back (a masked number from `agreement.get` keeps the one on file). */
function partyForm(p: AgreementPartyView): PartyForm {
  return {
    partyId: p.partyId,
    role: p.role,
    kind: p.kind,
    name: p.name,
    idType: p.idType,
    idNumber: p.idNumber,
    address: p.address,
    ...(p.representative !== undefined ? { representative: p.representative } : {}),
  };
}

function itemForm(i: ItemSpec): ItemForm {
  return { ...i, amountYuan: i.amountYuan === undefined ? '' : String(i.amountYuan) };
}

/** Where the form starts: the version on file, or the category's template while there is none. */
interface Start {
  content: WrittenContentView | null;
  current: Version | null;
  paperOnly: boolean;
  /** An oral agreement is on file: there is nothing to draft. */
  oralOnFile: boolean;
}

async function startingPoint(caseId: string): Promise<Answer<Start>> {
  const got = await agreementApi.get({ caseId });
  if (got.ok) {
    const a = got.data;
    if (a.form === 'oral') return { ok: true, data: { content: null, current: null, paperOnly: false, oralOnFile: true } };
    if (a.form === 'written' && 'parties' in a.content) {
      return { ok: true, data: { content: a.content, current: { version: a.version ?? 1, hash: a.hash }, paperOnly: a.paperOnly, oralOnFile: false } };
    }
  } else if (got.code !== 'NO_AGREEMENT') {
    return got;
  }
  const t = await agreementApi.template({ caseId });
  return t.ok ? { ok: true, data: { content: t.data.content, current: null, paperOnly: false, oralOnFile: false } } : t;
}

type FieldEvent = WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { index?: number; field?: string }>;

definePage({
  role: { roles: ['mediator'], name: STAFF_ROLE_LABEL.mediator },
  data: {
    caseId: '',
    idTypes: ID_TYPES,
    roleLabels: PARTY_ROLE_LABEL,
    parties: [] as PartyForm[],
    partyNames: {} as Record<string, string>,
    facts: '',
    disputedMatters: '',
    responsibilities: '',
    termsText: '',
    items: [] as ItemForm[],
    paperOnly: false,
    current: null as Version | null,
    reason: '',
    oralOnFile: false,
  },
  onLoad(query) {
    this.setData({ caseId: query.id ?? '' });
  },
  async load() {
    const start = await this.runLoad(() => startingPoint(this.data.caseId));
    if (!start) return;
    const c = start.content;
    if (!c) {
      this.setData({ oralOnFile: true, errors: {} });
      return;
    }
    this.setData({
      oralOnFile: false,
      parties: c.parties.map(partyForm),
      partyNames: Object.fromEntries(c.parties.map((x) => [x.partyId, x.name])),
      facts: c.facts,
      disputedMatters: c.disputedMatters,
      responsibilities: c.responsibilities,
      termsText: c.terms.join('\n'),
      items: c.performance.map(itemForm),
      paperOnly: start.paperOnly,
      current: start.current,
      reason: '',
      errors: {},
    });
  },
  methods: {
    /** The content as the server takes it: terms one a line, amounts as numbers (a mistyped one is sent as invalid). */
    content(): AgreementContentInput {
      const d = this.data;
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
    },
    /** Clears the message shown for one field once it is edited. */
    clearError(key: string) {
      if (!this.data.errors[key]) return;
      const errors = { ...this.data.errors };
      delete errors[key];
      this.setData({ errors });
    },
    /** Top-level text fields: data-field names the field. */
    onText(e: FieldEvent) {
      const field = e.currentTarget.dataset.field;
      if (!field) return;
      this.setData({ [field]: e.detail.value });
      this.clearError(field === 'termsText' ? 'terms' : field);
    },
    onPartyField(e: FieldEvent) {
      const { index, field } = e.currentTarget.dataset;
      if (index === undefined || !field) return;
      this.setData({ [`parties[${index}].${field}`]: e.detail.value });
      this.clearError(`party-${index}-${field}`);
    },
    onPartyIdType(e: WechatMiniprogram.BaseEvent<Record<string, never>, { index?: number; value?: string }>) {
      const { index, value } = e.currentTarget.dataset;
      const idType = ID_TYPES.find((t) => t.value === value)?.value;
      if (index === undefined || !idType) return;
      this.setData({ [`parties[${index}].idType`]: idType });
    },
    onItemField(e: FieldEvent) {
      const { index, field } = e.currentTarget.dataset;
      if (index === undefined || !field) return;
      this.setData({ [`items[${index}].${field}`]: e.detail.value });
      this.clearError(`item-${index}-${field}`);
    },
    /** The parties need no written agreement and nothing is to be performed: an oral agreement instead (Art. 28). */
    onOral() {
      wx.redirectTo({ url: `${ROUTES.mediatorOral}?id=${encodeURIComponent(this.data.caseId)}` });
    },
    onAddItem() {
      const [first, second] = this.data.parties;
      const n = this.data.items.length + 1;
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
      this.setData({ items: [...this.data.items, item] });
    },
    onRemoveItem(e: WechatMiniprogram.BaseEvent<Record<string, never>, { index?: number }>) {
      const i = e.currentTarget.dataset.index;
      if (i === undefined) return;
      // The rows after it move up, so the messages placed by row no longer fit: they are cleared.
      this.setData({ items: this.data.items.filter((_, k) => k !== Number(i)), errors: {} });
    },
    /** Swaps who pays and who receives on an item (the template's guess may be the wrong way round). */
    onSwapItemParties(e: WechatMiniprogram.BaseEvent<Record<string, never>, { index?: number }>) {
      const i = Number(e.currentTarget.dataset.index);
      const item = this.data.items[i];
      if (!item) return;
      this.setData({ [`items[${i}].obligorPartyId`]: item.obligeePartyId, [`items[${i}].obligeePartyId`]: item.obligorPartyId });
      this.clearError(`item-${i}`);
    },
    async onSubmit() {
      const d = this.data;
      if (d.busy) return;
      if (d.current && d.reason.trim().length < 2) {
        this.setData({ errors: { reason: '修改已发出的协议须写明理由（当事人须重新确认）' } });
        return;
      }
      const caseId = d.caseId;
      const content = this.content();
      const parties = d.parties.length;
      const items = d.items.length;
      const options: SubmitOptions<AgreementStepResult> = {
        // The form is the mediator's work: it is not replaced by a reload, neither after it was sent nor when
        // the case changed meanwhile (the message says so and the text typed stays).
        reload: false,
        reloadOn: [],
        fields: (fields) => placeErrors(fields, parties, items),
        onError: (failure) => {
          // Each problem is shown beside its field (the kit places them); the toast says how many to look for.
          const count = Object.keys(failure.fields ?? {}).length;
          if (count) wx.showToast({ title: `协议有 ${count} 处需要修改`, icon: 'none' });
        },
      };
      const result: AgreementStepResult | undefined = d.current
        ? await this.submit(agreementApi.revise, { caseId, content, reason: d.reason.trim() }, { ...options, done: '已修改，待当事人重新确认' })
        : await this.submit(agreementApi.draft, { caseId, content }, { ...options, done: '已提交，待当事人确认' });
      const stamp = result?.agreement;
      if (!stamp) return;
      this.setData({
        current: { version: stamp.version ?? (d.current?.version ?? 0) + 1, hash: stamp.hash },
        paperOnly: !!stamp.paperOnly,
        reason: '',
      });
    },
  },
});
