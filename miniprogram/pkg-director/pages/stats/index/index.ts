// 统计报表: a director's (or supervisor's) figures for a month, a bar chart by dispute category, and the
// month's registers as spreadsheets (opened with wx.openDocument).
import { largeTextBehavior } from '../../../../behaviors/large-text';
import { loadStateBehavior, RunLoadOptions } from '../../../../behaviors/load-state';
import { callFunction, CallResult, showError } from '../../../../services/index';
import { guarded, RoleGrant } from '../../../../utils/staff';

interface Rate {
  num: number;
  den: number;
  percent: number | null;
}

interface FiguresView {
  orgName: string;
  periodLabel: string;
  received: number;
  accepted: number;
  transferred: number;
  referred: number;
  mediated: number;
  successful: number;
  resolved: number;
  closed: number;
  successRate: Rate;
  performanceRate: Rate;
  onTimeRate: Rate;
  resolvedAtFirstLevel: Rate;
  averageDaysToClose: number | null;
  satisfaction: { count: number; average: number | null; satisfiedRate: Rate };
  overdue: { total: number; byOrg: Array<{ name: string; count: number }>; byPerson: Array<{ name: string; count: number }> };
  byCategory: Array<{ label: string; received: number }>;
  bySource: Array<{ label: string; received: number }>;
}

const REGISTERS = [
  { kind: 'visits', label: '来访登记表' },
  { kind: 'acceptance', label: '案件受理登记册' },
  { kind: 'mediation', label: '调解案件登记册' },
  { kind: 'files', label: '卷宗登记册' },
  { kind: 'simple', label: '简易案件登记表' },
  { kind: 'summary', label: '月度汇总表' },
];

const pct = (r: Rate) => (r.percent === null ? '—' : `${r.percent}%`);

export function thisMonth(now = Date.now()): string {
  return new Date(now + 8 * 3600_000).toISOString().slice(0, 7);
}

export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

interface StatsPage {
  data: { grant: RoleGrant | null; month: string; downloading: string };
  runLoad<T>(loader: () => Promise<CallResult<T>>, opts?: RunLoadOptions<T>): Promise<T | undefined>;
  setData(patch: Record<string, unknown>): void;
  load(): Promise<void>;
}

const page = (self: unknown) => self as StatsPage;

Component({
  behaviors: [largeTextBehavior, loadStateBehavior],
  data: {
    grant: null as RoleGrant | null,
    month: thisMonth(),
    title: '',
    rows: [] as Array<{ key: string; label: string; value: string }>,
    categories: [] as Array<{ label: string; value: number }>,
    sources: [] as Array<{ label: string; value: number }>,
    overdue: [] as Array<{ label: string; value: number }>,
    registers: REGISTERS,
    downloading: '',
  },
  methods: {
    onLoad() {
      void page(this).load();
    },
    async load() {
      const p = page(this);
      const month = p.data.month;
      const f = await p.runLoad(
        () =>
          guarded(['director', 'supervisor'], '调委会主任或司法所', (grant) => {
            p.setData({ grant });
            return callFunction<FiguresView>('report', 'figures', { orgId: grant.orgId, period: month });
          }),
        { isEmpty: () => false },
      );
      if (!f) return;
      p.setData({
        title: `${f.orgName} · ${f.periodLabel}`,
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
        ],
        categories: f.byCategory.map((c) => ({ label: c.label, value: c.received })),
        sources: f.bySource.map((s) => ({ label: s.label, value: s.received })),
        overdue: [...f.overdue.byOrg, ...f.overdue.byPerson].map((o) => ({ label: o.name, value: o.count })),
      });
    },
    onPrev() {
      page(this).setData({ month: shiftMonth(page(this).data.month, -1) });
      void page(this).load();
    },
    onNext() {
      const next = shiftMonth(page(this).data.month, 1);
      if (next > thisMonth()) return;
      page(this).setData({ month: next });
      void page(this).load();
    },
    async onRegister(e: WechatMiniprogram.BaseEvent<Record<string, never>, { kind?: string }>) {
      const p = page(this);
      const kind = e.currentTarget.dataset.kind;
      if (!kind || !p.data.grant || p.data.downloading) return;
      p.setData({ downloading: kind });
      const res = await callFunction<{ fileID: string; url?: string; fileName: string }>('report', 'register', { orgId: p.data.grant.orgId, kind, month: p.data.month });
      if (!res.ok) {
        p.setData({ downloading: '' });
        wx.showToast({ title: showError(res), icon: 'none' });
        return;
      }
      const open = (filePath: string) => wx.openDocument({ filePath, fileType: 'xlsx', showMenu: true, complete: () => p.setData({ downloading: '' }) });
      const failed = () => {
        p.setData({ downloading: '' });
        wx.showToast({ title: '文件下载失败，请重试', icon: 'none' });
      };
      if (res.data.url) wx.downloadFile({ url: res.data.url, success: (d) => open(d.tempFilePath), fail: failed });
      else wx.cloud.downloadFile({ fileID: res.data.fileID, success: (d) => open(d.tempFilePath), fail: failed });
    },
  },
});
