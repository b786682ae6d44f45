// 统计报表: a director's (or supervisor's) figures for a month, a bar chart by dispute category, and the
// month's registers as spreadsheets (opened with wx.openDocument), and the rosters of organisations and staff
// (as of today, whatever the month shown).
import { definePage } from '../../../../kit/page';
import { reportApi, showError } from '../../../../services/index';
import type { FileAnswer, FiguresView, RegisterKind } from '../../../../services/types';
import { shiftMonth, thisMonth } from '../../../../utils/months';
import { formatTime } from '../../../../utils/format';
import { openGeneratedFile } from '../../../../utils/open-file';

/**
 * The registers the office keeps, by the server's register kinds; the labels are this page's short entries
 * (the spreadsheet's own title comes from the server, report/registers.ts REGISTER_TITLE).
 */
const REGISTERS: Array<{ kind: RegisterKind; label: string }> = [
  { kind: 'visits', label: '来访登记表' },
  { kind: 'acceptance', label: '案件受理登记册' },
  { kind: 'mediation', label: '调解案件登记册' },
  { kind: 'files', label: '卷宗登记册' },
  { kind: 'simple', label: '简易案件登记表' },
  { kind: 'summary', label: '月度汇总表' },
  { kind: 'organisations', label: '调解组织登记册' },
  { kind: 'mediators', label: '调解人员登记册' },
];

const pct = (r: FiguresView['successRate']) => (r.percent === null ? '—' : `${r.percent}%`);

definePage({
  role: { roles: ['director', 'supervisor'], name: '调委会主任或司法所' },
  data: {
    month: thisMonth(),
    title: '',
    /** The title in the parts it may break between (an organisation's name, the period). */
    titleParts: [] as string[],
    rows: [] as Array<{ key: string; label: string; value: string }>,
    categories: [] as Array<{ label: string; value: number }>,
    sources: [] as Array<{ label: string; value: number }>,
    overdue: [] as Array<{ label: string; value: number }>,
    /** 诉调/公调/检调/访调对接: cases referred in, by who referred them; cases referred out, by authority. */
    referralsIn: [] as Array<{ label: string; value: number }>,
    referralsOut: [] as Array<{ label: string; value: number }>,
    registers: REGISTERS,
    /** The register being generated and downloaded. */
    downloading: '',
    /** 统计截至…: when the figures were last counted (the timer rolls steps up every few minutes). */
    asOfText: '',
  },
  async load(grant) {
    const f = await this.runLoad(() => reportApi.figures({ orgId: grant.orgId, period: this.data.month }), { isEmpty: () => false });
    if (!f) return;
    this.setData({
      title: `${f.orgName} · ${f.periodLabel}`,
      titleParts: [`${f.orgName} · `, f.periodLabel],
      // The figures are counted by the timer every few minutes: say as of when.
      asOfText: f.asOf ? `统计截至 ${formatTime(f.asOf)}` : '统计数据正在生成，请稍后刷新',
      rows: [
        { key: 'received', label: '收案', value: `${f.received}` },
        { key: 'accepted', label: '受理', value: `${f.accepted}` },
        { key: 'transferred', label: '转办', value: `${f.transferred}` },
        { key: 'referred', label: '告知引导', value: `${f.referred}` },
        { key: 'mediated', label: '调解', value: `${f.mediated}` },
        { key: 'successful', label: '调解成功', value: `${f.successful}` },
        { key: 'resolved', label: '案结事了', value: `${f.resolved}` },
        { key: 'successRate', label: '调解成功率', value: pct(f.successRate) },
        { key: 'performanceRate', label: '协议履行率', value: pct(f.performanceRate) },
        { key: 'days', label: '平均办结天数', value: f.averageDaysToClose === null ? '—' : `${f.averageDaysToClose}天` },
        { key: 'onTime', label: '按期办结率', value: pct(f.onTimeRate) },
        { key: 'firstLevel', label: '化解在本级', value: pct(f.resolvedAtFirstLevel) },
        { key: 'satisfaction', label: '满意度', value: f.satisfaction.average === null ? '—' : `${f.satisfaction.average}分（${f.satisfaction.count}人次）` },
        { key: 'overdue', label: '超期件次', value: `${f.overdue.total}` },
        { key: 'referralsIn', label: '移交调解（诉调、公调、检调、访调）', value: `${f.referralsIn.total}` },
        { key: 'referralFeedback', label: '已回告移交单位', value: `${f.referralsIn.feedbackSent}` },
      ],
      categories: f.byCategory.map((c) => ({ label: c.label, value: c.received })),
      sources: f.bySource.map((s) => ({ label: s.label, value: s.received })),
      overdue: [...f.overdue.byOrg, ...f.overdue.byPerson].map((o) => ({ label: o.name, value: o.count })),
      referralsIn: f.referralsIn.bySource.map((s) => ({ label: s.label, value: s.received })),
      referralsOut: f.referralsOut.byAuthority.map((a) => ({ label: a.label, value: a.count })),
    });
  },
  methods: {
    onPrev() {
      this.setData({ month: shiftMonth(this.data.month, -1) });
      void this.load();
    },
    onNext() {
      const next = shiftMonth(this.data.month, 1);
      if (next > thisMonth()) return;
      this.setData({ month: next });
      void this.load();
    },
    /** Generates the month's register (a read: nothing changes) and opens it as a spreadsheet. */
    async onRegister(e: WechatMiniprogram.BaseEvent<Record<string, never>, { kind?: string }>) {
      const register = REGISTERS.find((r) => r.kind === e.currentTarget.dataset.kind);
      const grant = this.data.grant;
      if (!register || !grant || this.data.downloading) return;
      this.setData({ downloading: register.kind });
      const res = await reportApi.register({ orgId: grant.orgId, kind: register.kind, month: this.data.month });
      if (!res.ok) {
        this.setData({ downloading: '' });
        showError(res);
        return;
      }
      await this.openFile(res.data);
    },
    async openFile(file: FileAnswer) {
      const opened = await openGeneratedFile(file, 'xlsx');
      this.setData({ downloading: '' });
      if (!opened) wx.showToast({ title: '文件下载失败，请重试', icon: 'none' });
    },
  },
});
