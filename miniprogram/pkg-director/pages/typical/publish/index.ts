// 典型案例 (the director's): a director writes up a closed case for residents to learn from — title, category, what
// happened, how it was mediated, the result (org.publishTypical). Opened from the case's 电子卷宗 (写成典型案例),
// which passes the case; opened from the workbench, it says where to start. No names, phone or identity numbers:
// the server refuses them (the case's parties' names; anything the content check does not pass) with the field
// named, shown in place. Below, the organisation's published cases (org.typicalCases for its own), 20 at a time,
// more on reaching the bottom: each can be revised (修改: the same form, the same checks, org.reviseTypical) or
// withdrawn with a reason (撤回: org.withdrawTypical; residents no longer see it).
import { FILING_CATEGORIES, STAFF_ROLE_LABEL } from '../../../../generated/labels';
import { definePage } from '../../../../kit/page';
import { orgApi, showError } from '../../../../services/index';
import type { Answer } from '../../../../services/index';
import { categoryChoices } from '../../../../utils/filing-categories';
import { confirmWithReason } from '../../../../utils/dialogs';
import { formatTime } from '../../../../utils/format';
import type { DirectoryView, TypicalCase, TypicalList } from '../../../../services/types';

interface Form {
  category: string;
  title: string;
  happened: string;
  howMediated: string;
  result: string;
}
const FORM: Form = { category: '', title: '', happened: '', howMediated: '', result: '' };
type TextField = Exclude<keyof Form, 'category'>;
const MIN: Record<TextField, [number, string]> = { title: [5, '标题'], happened: [20, '纠纷经过'], howMediated: [20, '调解过程'], result: [10, '调解结果'] };
const FIELDS = ['category', 'title', 'happened', 'howMediated', 'result'] as const;

/** One of the organisation's published cases as the list shows it (the texts stay out of the page's data). */
interface MineRow {
  typicalId: string;
  title: string;
  meta: string;
}

/** The organisation's published cases by id, with their texts, for 修改 to fill the form from. */
const published = new Map<string, TypicalCase>();

function mineRow(t: TypicalCase): MineRow {
  const when = t.revisedAt ? `修改于 ${formatTime(t.revisedAt)}` : `发布于 ${formatTime(t.publishedAt)}`;
  return { typicalId: t.typicalId, title: t.title, meta: `${t.categoryLabel} · ${when}` };
}

function check(f: Form): Record<string, string> {
  const e: Record<string, string> = {};
  if (!f.category) e.category = '请选择纠纷类型';
  for (const [field, [min, label]] of Object.entries(MIN) as Array<[TextField, [number, string]]>) {
    if (f[field].trim().length < min) e[field] = `请填写${label}（至少 ${min} 个字）`;
  }
  return e;
}

/** The directory (for the categories) and the organisation's published cases, as one load. */
async function loadBoth(orgId: string): Promise<Answer<{ dir: DirectoryView; mine: TypicalList }>> {
  const [dir, mine] = await Promise.all([orgApi.directory({}), orgApi.typicalCases({ orgId })]);
  if (!dir.ok) return dir;
  if (!mine.ok) return mine;
  return { ok: true, data: { dir: dir.data, mine: mine.data } };
}

definePage({
  role: { roles: ['director'], name: STAFF_ROLE_LABEL.director },
  data: {
    categories: FILING_CATEGORIES as ReadonlyArray<{ value: string; label: string }>,
    form: { ...FORM },
    done: null as TypicalCase | null,
    /** The closed case written up, and its number as the 电子卷宗 showed it. */
    caseId: '',
    caseNo: '',
    /** The organisation's published cases (newest first), the last page read, and whether there are more than listed. */
    mine: [] as MineRow[],
    minePage: 0,
    mineMore: false,
    loadingMore: false,
    /** The published case being revised (the form holds its texts), or ''. */
    editing: '',
    editingTitle: '',
  },
  onLoad(query) {
    this.setData({ caseId: query.caseId ?? '', caseNo: query.caseNo ?? '' });
  },
  async load(grant) {
    const both = await this.runLoad(() => loadBoth(grant.orgId), { isEmpty: () => false });
    if (!both) return;
    published.clear();
    for (const t of both.mine.items) published.set(t.typicalId, t);
    this.setData({ categories: categoryChoices(both.dir.filing), mine: both.mine.items.map(mineRow), minePage: 0, mineMore: both.mine.hasMore });
  },
  methods: {
    /** Page lifecycle: the organisation's next 20 published cases when the director reaches the bottom of the list. */
    async onReachBottom() {
      const { grant, mineMore, loadingMore, loadState, minePage, editing } = this.data;
      if (!grant || !mineMore || loadingMore || loadState !== 'ready' || editing) return;
      this.setData({ loadingMore: true });
      const res = await orgApi.typicalCases({ orgId: grant.orgId, page: minePage + 1 });
      this.setData({ loadingMore: false });
      if (!res.ok) {
        showError(res);
        return;
      }
      // One published meanwhile moves the list on by one: never show a case twice.
      const seen = new Set(this.data.mine.map((m) => m.typicalId));
      const more = res.data.items.filter((t) => !seen.has(t.typicalId));
      for (const t of more) published.set(t.typicalId, t);
      this.setData({ mine: [...this.data.mine, ...more.map(mineRow)], minePage: minePage + 1, mineMore: res.data.hasMore });
    },
    onPick(e: WechatMiniprogram.BaseEvent<Record<string, never>, { value?: string }>) {
      const value = e.currentTarget.dataset.value;
      if (value && this.data.categories.some((c) => c.value === value)) this.setData({ 'form.category': value, 'errors.category': '' });
    },
    onInput(e: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field?: TextField }>) {
      const field = e.currentTarget.dataset.field;
      if (field) this.setData({ [`form.${field}`]: e.detail.value, [`errors.${field}`]: '' });
    },
    async onSubmit() {
      const { form: f, grant, caseId, editing } = this.data;
      if (!grant || (!caseId && !editing)) return;
      const errors = check(f);
      if (Object.keys(errors).length) {
        this.setData({ errors });
        return;
      }
      const text = { category: f.category, title: f.title.trim(), happened: f.happened.trim(), howMediated: f.howMediated.trim(), result: f.result.trim() };
      if (editing) {
        const revised = await this.submit(orgApi.reviseTypical, { typicalId: editing, ...text }, { done: '已修改', fields: FIELDS });
        if (revised) this.setData({ editing: '', editingTitle: '', form: { ...FORM } });
        return;
      }
      const done = await this.submit(orgApi.publishTypical, { orgId: grant.orgId, caseId, ...text }, { done: '已发布', fields: ['caseId', ...FIELDS] });
      if (done) this.setData({ done });
    },
    onAnother() {
      this.setData({ done: null, form: { ...FORM }, errors: {} });
    },
    /** 修改: the form, filled with the published case's texts. */
    onRevise(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id?: string }>) {
      const t = published.get(e.currentTarget.dataset.id ?? '');
      if (!t || this.data.busy) return;
      this.setData({
        editing: t.typicalId,
        editingTitle: t.title,
        done: null,
        errors: {},
        form: { category: t.category, title: t.title, happened: t.happened, howMediated: t.howMediated, result: t.result },
      });
      wx.pageScrollTo?.({ scrollTop: 0, duration: 0 });
    },
    onCancelRevise() {
      this.setData({ editing: '', editingTitle: '', form: { ...FORM }, errors: {} });
    },
    /** 撤回: why, confirmed in the same dialog; residents no longer see it. */
    async onWithdraw(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id?: string }>) {
      const row = this.data.mine.find((m) => m.typicalId === e.currentTarget.dataset.id);
      if (!row || this.data.busy) return;
      const reason = await confirmWithReason(`撤回“${row.title}”？撤回后居民将看不到`, '请填写撤回理由，如案情需要重新核实', '撤回', '#c9353f');
      if (reason === undefined) return;
      if (reason.length < 2) {
        wx.showToast({ title: '请填写撤回理由', icon: 'none' });
        return;
      }
      const done = await this.submit(orgApi.withdrawTypical, { typicalId: row.typicalId, reason }, { done: '已撤回' });
      if (done && this.data.editing === row.typicalId) this.setData({ editing: '', editingTitle: '', form: { ...FORM } });
    },
  },
});
