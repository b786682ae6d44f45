// 监督总览 (司法所/司法局): read-only oversight of the supervisor's area — open cases per organisation, the
// overdue cases and recent closures. No personal data and no dispute text: only numbers, case numbers,
// categories and statuses. Reads the planned `report.overview`.
import { largeTextBehavior } from '../../../../behaviors/large-text';
import { loadStateBehavior, RunLoadOptions } from '../../../../behaviors/load-state';
import { callFunction, CallResult } from '../../../../services/index';
import { formatTime, guarded } from '../../../../utils/staff';
import { ROUTES } from '../../../../utils/routes';

interface Row {
  caseId: string;
  caseNo: string;
  categoryLabel: string;
  statusLabel: string;
  holderName: string;
  next?: { label: string; dueAt: string };
  outcomeLabel?: string;
  closedAt?: string;
}

/** `report.overview` (planned). */
export interface OverviewAnswer {
  orgId: string;
  orgName: string;
  byOrg: Array<{ orgId: string; name: string; open: number; overdue: number }>;
  overdue: Row[];
  recentClosures: Row[];
}

interface OverviewPage {
  runLoad<T>(loader: () => Promise<CallResult<T>>, opts?: RunLoadOptions<T>): Promise<T | undefined>;
  setData(patch: Record<string, unknown>): void;
  load(): Promise<void>;
}

// Only these fields are ever put on screen, whatever else an answer carries.
const line = (r: Row) => ({ caseId: r.caseId, title: r.categoryLabel, description: `案件编号 ${r.caseNo} · ${r.holderName}` });

Component({
  behaviors: [largeTextBehavior, loadStateBehavior],
  data: {
    orgName: '',
    totals: { open: 0, overdue: 0 },
    byOrg: [] as Array<{ orgId: string; name: string; note: string; overdue: number }>,
    overdue: [] as Array<{ caseId: string; title: string; description: string; note: string }>,
    closures: [] as Array<{ caseId: string; title: string; description: string; note: string }>,
  },
  methods: {
    onShow() {
      void (this as unknown as OverviewPage).load();
    },
    onStats() {
      wx.navigateTo({ url: ROUTES.stats });
    },
    async load() {
      const page = this as unknown as OverviewPage;
      const data = await page.runLoad(
        () => guarded(['supervisor'], '督导人员', (grant) => callFunction<OverviewAnswer>('report', 'overview', { orgId: grant.orgId })),
        { keepContent: true, isEmpty: (d) => d.byOrg.length === 0 },
      );
      if (!data) return;
      page.setData({
        orgName: data.orgName,
        totals: { open: data.byOrg.reduce((s, o) => s + o.open, 0), overdue: data.byOrg.reduce((s, o) => s + o.overdue, 0) },
        byOrg: data.byOrg.map((o) => ({ orgId: o.orgId, name: o.name, overdue: o.overdue, note: `在办 ${o.open} · 超期 ${o.overdue}` })),
        overdue: data.overdue.map((r) => ({ ...line(r), note: r.next ? `${r.next.label} ${formatTime(r.next.dueAt)}` : r.statusLabel })),
        closures: data.recentClosures.map((r) => ({ ...line(r), note: `${r.outcomeLabel ?? '已办结'} ${formatTime(r.closedAt)}` })),
      });
    },
  },
});
