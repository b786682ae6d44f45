// 调解员考核与补贴: for a month, each mediator's figures (cases closed by outcome, on-time rate, satisfaction,
// return visits, recusals) and the subsidy ledger (以案定补), case by case; the director approves an ended month
// once (it cannot change afterwards) and exports the ledger as a spreadsheet for the justice office.
import { OUTCOME_LABEL } from '../../../../generated/labels';
import { definePage } from '../../../../kit/page';
import { reportApi, showError } from '../../../../services/index';
import type { MediatorsAnswer } from '../../../../services/types';
import { monthLabel, shiftMonth, thisMonth } from '../../../../utils/months';
import { openGeneratedFile } from '../../../../utils/open-file';
import { formatTime } from '../../../../utils/staff';

interface FigureRow {
  key: string;
  name: string;
  closed: string;
  detail: string;
}

interface LedgerRow {
  key: string;
  name: string;
  total: string;
  note: string;
  lines: Array<{ key: string; title: string; description: string; note: string }>;
}

const pct = (r: { percent: number | null }) => (r.percent === null ? '—' : `${r.percent}%`);

function figureRows(a: MediatorsAnswer): FigureRow[] {
  return a.mediators.map((m) => {
    const outcomes = (Object.keys(m.byOutcome) as Array<keyof typeof m.byOutcome>)
      .filter((o) => m.byOutcome[o] > 0)
      .map((o) => `${OUTCOME_LABEL[o]} ${m.byOutcome[o]}`);
    return {
      key: m.mediatorId,
      name: m.name,
      closed: `办结 ${m.closed} 件`,
      detail: [
        outcomes.length ? outcomes.join('，') : '本月无办结案件',
        `按期办结率 ${pct(m.onTime)}`,
        `满意度 ${m.satisfaction.average === null ? '—' : `${m.satisfaction.average}分（${m.satisfaction.count}人次）`}`,
        `回访 ${m.returnVisits} 次 · 被申请回避 ${m.recusals} 次 · 在办 ${m.open} 件`,
      ].join('\n'),
    };
  });
}

function ledgerRows(a: MediatorsAnswer): LedgerRow[] {
  return a.ledger.mediators.map((m) => ({
    key: m.mediatorId,
    name: m.name,
    total: `${m.totalYuan} 元`,
    note: `计补 ${m.countedCases} 件${m.capped ? `，已按每月上限 ${a.ledger.rates.monthlyCapYuan} 元计（合计 ${m.subtotalYuan} 元）` : ''}`,
    lines: m.lines.map((l) => ({
      key: l.caseId,
      title: `${l.caseNo} · ${l.categoryLabel}`,
      description: `${l.outcomeLabel} · ${l.closedDate} 结案${l.excludedLabel ? ` · ${l.excludedLabel}` : ''}`,
      note: `${l.amountYuan} 元`,
    })),
  }));
}

function stateText(a: MediatorsAnswer): string {
  if (a.state === 'approved' && a.approved) return `已审核：${a.approved.byName}于${formatTime(a.approved.at)}审核通过，不再更改`;
  if (a.state === 'open') return '本月尚未结束，月底后才能审核';
  return a.viewer === 'director' ? '待审核：请逐件核对后审核通过' : '待调委会主任审核';
}

definePage({
  role: { roles: ['director', 'supervisor'], name: '调委会主任或司法所' },
  data: {
    month: shiftMonth(thisMonth(), -1),
    monthText: monthLabel(shiftMonth(thisMonth(), -1)),
    atThisMonth: false,
    orgName: '',
    figures: [] as FigureRow[],
    ledger: [] as LedgerRow[],
    totalText: '',
    stateText: '',
    approved: false,
    canApprove: false,
    exporting: false,
  },
  async load(grant) {
    const a = await this.runLoad(() => reportApi.subsidyLedger({ orgId: grant.orgId, month: this.data.month }), { isEmpty: () => false });
    if (a) this.show(a);
  },
  methods: {
    show(a: MediatorsAnswer) {
      this.setData({
        orgName: a.orgName,
        figures: figureRows(a),
        ledger: ledgerRows(a),
        totalText: `${a.ledger.totalYuan} 元`,
        stateText: stateText(a),
        approved: a.state === 'approved',
        canApprove: a.canApprove,
      });
    },
    showMonth(month: string) {
      this.setData({ month, monthText: monthLabel(month), atThisMonth: month >= thisMonth() });
      void this.load();
    },
    onPrev() {
      this.showMonth(shiftMonth(this.data.month, -1));
    },
    onNext() {
      const next = shiftMonth(this.data.month, 1);
      if (next <= thisMonth()) this.showMonth(next);
    },
    /** 审核通过: asked once more, since an approved month never changes. */
    async onApprove() {
      const grant = this.data.grant;
      if (!grant || !this.data.canApprove || this.data.busy) return;
      const sure = await new Promise<boolean>((resolve) =>
        wx.showModal({
          title: `审核通过${this.data.monthText}的补贴？`,
          content: `合计 ${this.data.totalText}。审核通过后本月补贴明细即定稿，以后不能再更改。`,
          confirmText: '审核通过',
          cancelText: '再看看',
          success: (res) => resolve(!!res.confirm),
          fail: () => resolve(false),
        }),
      );
      if (!sure) return;
      const a = await this.submit(reportApi.approveSubsidies, { orgId: grant.orgId, month: this.data.month }, {
        done: '已审核通过',
        reload: false,
        reloadOn: ['CONFLICT', 'SUBSIDY_ALREADY_APPROVED'],
      });
      if (a) this.show(a);
    },
    /** 导出: the ledger as a spreadsheet (the approved one, or marked 未审核). */
    async onExport() {
      const grant = this.data.grant;
      if (!grant || this.data.exporting) return;
      this.setData({ exporting: true });
      const res = await reportApi.register({ orgId: grant.orgId, kind: 'subsidies', month: this.data.month });
      if (!res.ok) {
        this.setData({ exporting: false });
        showError(res);
        return;
      }
      const opened = await openGeneratedFile(res.data, 'xlsx');
      this.setData({ exporting: false });
      if (!opened) wx.showToast({ title: '文件下载失败，请重试', icon: 'none' });
    },
  },
});
