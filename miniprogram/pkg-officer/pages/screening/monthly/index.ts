// 矛盾纠纷排查月报: the officer's report of the month's screening (report.submitScreening). Nothing found is a
// report too — the zero report (零报告) — and takes one tap; otherwise the disputes found, counted by category,
// with a note. The page opens on this month and says whether it is filed, still to come or late (a past month
// never filed, which may still be filed); a report of the month already filed (from another phone, say) is said
// plainly and shown as filed.
import { FILING_CATEGORIES, STAFF_ROLE_LABEL } from '../../../../generated/labels';
import { definePage } from '../../../../kit/page';
import { reportApi, type InputOfMethod } from '../../../../services/index';
import type { MyScreening } from '../../../../services/types';
import { monthLabel, shiftMonth, thisMonth } from '../../../../utils/months';
import { formatTime, monthOnlyText } from '../../../../utils/format';

type ScreeningInput = InputOfMethod<typeof reportApi.submitScreening>;
type Findings = NonNullable<ScreeningInput['findings']>;

interface Counted {
  value: string;
  label: string;
  count: number;
}

/** What the month's state says, in words, and how it looks. */
function stateText(s: MyScreening): { text: string; tone: 'ok' | 'due' | 'late' } {
  const due = formatTime(s.dueAt);
  if (s.filed) {
    const what = s.filed.zero ? '零报告（未发现矛盾纠纷）' : `发现矛盾纠纷 ${s.filed.total} 件`;
    return { text: `已报送：${what}，${formatTime(s.filed.filedAt)}${s.filed.late ? '（逾期报送）' : ''}`, tone: 'ok' };
  }
  if (s.state === 'late') return { text: `逾期未报：应在 ${due} 前报送，现在仍可补报`, tone: 'late' };
  return { text: `尚未报送，请在 ${due} 前报送`, tone: 'due' };
}

definePage({
  role: { roles: ['officer'], name: STAFF_ROLE_LABEL.officer },
  data: {
    month: thisMonth(),
    monthText: monthLabel(thisMonth()),
    /** How the buttons name the month: 本月, or 4月 for a month gone by. */
    monthWord: '本月',
    atThisMonth: true,
    status: null as MyScreening | null,
    stateText: '',
    tone: 'due' as 'ok' | 'due' | 'late',
    filedFindings: [] as Array<{ label: string; count: number }>,
    /** The findings form is open. */
    finding: false,
    categories: FILING_CATEGORIES.map((c) => ({ ...c, chosen: false })),
    counted: [] as Counted[],
    notes: '',
    /** Said when the server answered that the month was already filed. */
    alreadyFiled: '',
  },
  async load(grant) {
    const status = await this.runLoad(() => reportApi.myScreening({ orgId: grant.orgId, month: this.data.month }), { isEmpty: () => false });
    if (!status) return;
    const { text, tone } = stateText(status);
    this.setData({
      status,
      stateText: text,
      tone,
      filedFindings: (status.filed?.findings ?? []).map((f) => ({ label: f.categoryLabel, count: f.count })),
    });
  },
  methods: {
    showMonth(month: string) {
      const atThisMonth = month >= thisMonth();
      this.setData({ month, monthText: monthLabel(month), monthWord: atThisMonth ? '本月' : monthOnlyText(month), atThisMonth, alreadyFiled: '', finding: false, ...this.emptyForm() });
      void this.load();
    },
    emptyForm() {
      return { categories: FILING_CATEGORIES.map((c) => ({ ...c, chosen: false })), counted: [] as Counted[], notes: '', errors: {} };
    },
    onPrev() {
      this.showMonth(shiftMonth(this.data.month, -1));
    },
    onNext() {
      const next = shiftMonth(this.data.month, 1);
      if (next <= thisMonth()) this.showMonth(next);
    },
    /** 零报告: nothing found this month, in one tap. */
    async onZero() {
      await this.send([]);
    },
    onOpenFindings() {
      this.setData({ finding: true });
    },
    onCloseFindings() {
      this.setData({ finding: false, ...this.emptyForm() });
    },
    onToggleCategory(e: WechatMiniprogram.BaseEvent<Record<string, never>, { value?: string }>) {
      const value = e.currentTarget.dataset.value;
      const category = FILING_CATEGORIES.find((c) => c.value === value);
      if (!category) return;
      const had = this.data.counted.some((c) => c.value === value);
      const counted = had ? this.data.counted.filter((c) => c.value !== value) : [...this.data.counted, { value: category.value, label: category.label, count: 1 }];
      this.setData({ counted, categories: FILING_CATEGORIES.map((c) => ({ ...c, chosen: counted.some((x) => x.value === c.value) })), errors: {} });
    },
    onCount(e: WechatMiniprogram.BaseEvent<Record<string, never>, { value?: string; by?: string }>) {
      const { value, by } = e.currentTarget.dataset;
      this.setData({ counted: this.data.counted.map((c) => (c.value === value ? { ...c, count: Math.min(999, Math.max(1, c.count + Number(by ?? 0))) } : c)) });
    },
    onNotes(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ notes: e.detail.value });
    },
    async onSubmitFindings() {
      if (this.data.counted.length === 0) {
        this.setData({ errors: { findings: `请选择发现的纠纷类型；${this.data.monthWord}没有发现的，请报“零报告”` } });
        return;
      }
      await this.send(this.data.counted.map((c) => ({ category: c.value, count: c.count })));
    },
    async send(findings: Findings) {
      const { grant, month, notes } = this.data;
      if (!grant) return;
      const input: ScreeningInput = { month, orgId: grant.orgId, findings, ...(notes.trim() ? { notes: notes.trim() } : {}) };
      const filed = await this.submit(reportApi.submitScreening, input, {
        done: (r) => (r.zero ? '已报送零报告' : '已报送'),
        fields: ['findings', 'notes', 'month'],
        onError: (failure) => {
          if (failure.code !== 'ALREADY_FILED') return false;
          // Filed before (on another phone, or a tap whose answer was lost): say so, and show what was filed.
          this.setData({ alreadyFiled: `${failure.message}，不能重复报送。以下是已报送的内容。`, finding: false });
          void this.load();
          return true;
        },
      });
      if (filed) this.setData({ finding: false, ...this.emptyForm() });
    },
  },
});
