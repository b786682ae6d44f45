// 监督总览 (司法所/司法局): read-only oversight of the supervisor's area — open cases per organisation, the
// overdue cases and recent closures. No personal data and no dispute text: only numbers, case numbers,
// categories and statuses (`report.overview`). A case opens its audit trail (责任倒查: who did each step, and
// whether the record verifies), which the server gives a supervisor without names or reasons. The timer counts
// the area every few minutes, so the page says as of when (统计截至).
import { STAFF_ROLE_LABEL } from '../../../../generated/labels';
import { definePage } from '../../../../kit/page';
import { reportApi } from '../../../../services/index';
import type { OverviewRow } from '../../../../services/types';
import { ROUTES } from '../../../../utils/routes';
import { formatTime } from '../../../../utils/format';

interface Line {
  caseId: string;
  title: string;
  description: string;
  note: string;
}

// Only these fields are ever put on screen, whatever else an answer carries.
const line = (r: OverviewRow) => ({ caseId: r.caseId, title: r.categoryLabel, description: `案件编号 ${r.caseNo} · ${r.holderName}` });

definePage({
  role: { roles: ['supervisor'], name: STAFF_ROLE_LABEL.supervisor },
  loadOn: 'show',
  data: {
    orgName: '',
    totals: { open: 0, overdue: 0 },
    byOrg: [] as Array<{ orgId: string; name: string; note: string; overdue: number }>,
    overdue: [] as Line[],
    closures: [] as Line[],
    /** 统计截至…: when the area was last counted (the timer rolls steps and passed deadlines up every few minutes). */
    asOfText: '',
  },
  async load(grant) {
    const data = await this.runLoad(() => reportApi.overview({ orgId: grant.orgId }), {
      keepContent: true,
      isEmpty: (d) => d.byOrg.length === 0,
    });
    if (!data) return;
    this.setData({
      orgName: data.orgName,
      asOfText: data.asOf ? `统计截至 ${formatTime(data.asOf)}` : '统计数据正在生成，请稍后刷新',
      totals: { open: data.byOrg.reduce((s, o) => s + o.open, 0), overdue: data.byOrg.reduce((s, o) => s + o.overdue, 0) },
      byOrg: data.byOrg.map((o) => ({ orgId: o.orgId, name: o.name, overdue: o.overdue, note: `在办 ${o.open} · 超期 ${o.overdue}` })),
      overdue: data.overdue.map((r) => ({ ...line(r), note: r.next ? `${r.next.label} ${formatTime(r.next.dueAt)}` : r.statusLabel })),
      closures: data.recentClosures.map((r) => ({ ...line(r), note: `${r.outcomeLabel ?? '已办结'} ${formatTime(r.closedAt)}` })),
    });
  },
  methods: {
    onStats() {
      wx.navigateTo({ url: ROUTES.stats });
    },
    /** 专家库: the district's expert pool, read-only. */
    onExperts() {
      wx.navigateTo({ url: ROUTES.supervisorExperts });
    },
    onOpen(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id?: string }>) {
      const id = e.currentTarget.dataset.id;
      if (id) wx.navigateTo({ url: `${ROUTES.caseAudit}?id=${encodeURIComponent(id)}` });
    },
    /** A closed case opens its electronic file (电子卷宗), which leads on to the audit trail. */
    onOpenClosed(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id?: string }>) {
      const id = e.currentTarget.dataset.id;
      if (id) wx.navigateTo({ url: `${ROUTES.caseArchive}?id=${encodeURIComponent(id)}` });
    },
  },
});
