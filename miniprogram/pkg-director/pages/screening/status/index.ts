// 排查月报报送情况: for a month, the information officers of the director's organisation and below who filed the
// screening report (a zero report counts), who have not yet, and who are late (report.lateReports) — the late
// ones first, since they are the ones to chase.
import { STAFF_ROLE_LABEL } from '../../../../generated/labels';
import { definePage } from '../../../../kit/page';
import { reportApi } from '../../../../services/index';
import type { LateReportsAnswer } from '../../../../services/types';
import { monthLabel, shiftMonth, thisMonth } from '../../../../utils/months';
import { formatTime } from '../../../../utils/format';

interface Row {
  key: string;
  title: string;
  note: string;
  description: string;
}

function rowsOf(a: LateReportsAnswer) {
  const who = (r: { name?: string; orgName: string }) => `${r.name ?? '信息员'} · ${r.orgName}`;
  const missing = (state: 'late' | 'pending'): Row[] =>
    a.missing.filter((m) => m.state === state).map((m, i) => ({ key: `${m.userId ?? m.orgId}-${i}`, title: who(m), note: state === 'late' ? '逾期未报' : '未报', description: '' }));
  return {
    late: missing('late'),
    pending: missing('pending'),
    filed: a.filed.map((f, i) => ({
      key: `${f.userId ?? f.orgName}-${i}`,
      title: who(f),
      note: f.zero ? '零报告' : `发现 ${f.total} 件`,
      description: `${formatTime(f.filedAt)}报送${f.late ? '（逾期）' : ''}`,
    })),
  };
}

definePage({
  role: { roles: ['director'], name: STAFF_ROLE_LABEL.director },
  data: {
    month: thisMonth(),
    monthText: monthLabel(thisMonth()),
    atThisMonth: true,
    dueText: '',
    late: [] as Row[],
    pending: [] as Row[],
    filed: [] as Row[],
  },
  async load(grant) {
    const a = await this.runLoad(() => reportApi.lateReports({ orgId: grant.orgId, month: this.data.month }), {
      isEmpty: (x) => x.filed.length === 0 && x.missing.length === 0,
    });
    if (a) this.setData({ dueText: formatTime(a.dueAt), ...rowsOf(a) });
  },
  methods: {
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
  },
});
