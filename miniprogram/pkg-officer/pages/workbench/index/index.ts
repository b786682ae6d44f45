// 信息员工作台: an information officer (信息员, a grid worker or volunteer) files the month's screening report and
// reports brewing disputes (苗头性纠纷) from here, and follows what became of each report: still with the
// director, or turned into a case (report.brewingReports answers an officer their own reports).
import { STAFF_ROLE_LABEL } from '../../../../generated/labels';
import { definePage } from '../../../../kit/page';
import { reportApi } from '../../../../services/index';
import type { BrewingItem, BrewingStatus } from '../../../../services/types';
import { reportedText } from '../../../../utils/brewing';
import { ROUTES } from '../../../../utils/routes';

const STATUS_TEXT: Record<BrewingStatus, string> = { open: '待主任核实', converted: '已转为案件' };

interface Row {
  reportId: string;
  title: string;
  meta: string;
  description: string;
  status: BrewingStatus;
  statusText: string;
  high: boolean;
}

function rowOf(r: BrewingItem): Row {
  return {
    reportId: r.reportId,
    title: `${r.communityName} · ${r.categoryLabel}`,
    meta: `${r.riskLabel} · ${reportedText(r)}`,
    description: r.description ?? '',
    status: r.status,
    statusText: STATUS_TEXT[r.status],
    high: r.risk === 'high',
  };
}

definePage({
  role: { roles: ['officer'], name: STAFF_ROLE_LABEL.officer },
  // Shown again after filing a report on the next page: read again each time.
  loadOn: 'show',
  data: {
    rows: [] as Row[],
  },
  async load() {
    const list = await this.runLoad(() => reportApi.brewingReports({}), { keepContent: true });
    if (list) this.setData({ rows: list.items.map(rowOf) });
  },
  methods: {
    onScreening() {
      wx.navigateTo({ url: ROUTES.officerScreening });
    },
    onReport() {
      wx.navigateTo({ url: ROUTES.officerBrewing });
    },
  },
});
