// 信息员上报: the brewing disputes (苗头性纠纷) the information officers of the director's organisation and
// below have reported (report.brewingReports): those still to check, each of which the director may turn into a
// case, and those already turned into one. The way to the month's screening reports (who is late) starts here.
import { STAFF_ROLE_LABEL } from '../../../../generated/labels';
import { definePage } from '../../../../kit/page';
import { reportApi } from '../../../../services/index';
import type { BrewingItem, BrewingStatus } from '../../../../services/types';
import { reportedText } from '../../../../utils/brewing';
import { ROUTES } from '../../../../utils/routes';

interface Row {
  reportId: string;
  caseId: string;
  title: string;
  risk: BrewingItem['risk'];
  riskLabel: string;
  meta: string;
  description: string;
}

const EMPTY_TEXT: Record<BrewingStatus, string> = { open: '没有待核实的苗头纠纷', converted: '还没有转为案件的报告' };

function rowOf(r: BrewingItem): Row {
  return {
    reportId: r.reportId,
    caseId: r.caseId ?? '',
    title: `${r.communityName} · ${r.categoryLabel}`,
    risk: r.risk,
    riskLabel: r.riskLabel,
    meta: `${r.officerName ?? '信息员'} · ${reportedText(r)} · ${r.orgName}`,
    description: r.description ?? '',
  };
}

definePage({
  role: { roles: ['director'], name: STAFF_ROLE_LABEL.director },
  // Back from turning a report into a case: read again.
  loadOn: 'show',
  data: {
    tab: 'open' as BrewingStatus,
    emptyText: EMPTY_TEXT.open,
    rows: [] as Row[],
  },
  async load(grant) {
    const list = await this.runLoad(() => reportApi.brewingReports({ orgId: grant.orgId, status: this.data.tab }), { keepContent: true });
    if (list) this.setData({ rows: list.items.map(rowOf) });
  },
  methods: {
    onTab(e: WechatMiniprogram.BaseEvent<Record<string, never>, { tab?: BrewingStatus }>) {
      const tab = e.currentTarget.dataset.tab;
      if (!tab || tab === this.data.tab || !(tab in EMPTY_TEXT)) return;
      this.setData({ tab, emptyText: EMPTY_TEXT[tab], rows: [] });
      void this.load();
    },
    onConvert(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id?: string }>) {
      const id = e.currentTarget.dataset.id;
      if (id) wx.navigateTo({ url: `${ROUTES.directorConvert}?id=${encodeURIComponent(id)}` });
    },
    onCase(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id?: string }>) {
      const id = e.currentTarget.dataset.id;
      if (id) wx.navigateTo({ url: `${ROUTES.directorTriage}?id=${encodeURIComponent(id)}` });
    },
    onScreenings() {
      wx.navigateTo({ url: ROUTES.directorScreenings });
    },
  },
});
