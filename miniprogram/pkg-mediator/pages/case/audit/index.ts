// 审计记录 (责任倒查): every step of a case in order — when, which step, who, for which organisation, and why —
// as the case's tamper-evident chain records it, and whether that chain verifies (case.audit). Staff working the
// case and supervisors of its area read it; the server leaves names and reasons out for a supervisor.
import { definePage } from '../../../../kit/page';
import { caseApi } from '../../../../services/index';
import { formatTime } from '../../../../utils/format';

interface Row {
  seq: number;
  title: string;
  who: string;
  reason: string;
}

definePage({
  role: { roles: ['mediator', 'director', 'intake', 'supervisor'], name: '办案人员和督导人员' },
  data: {
    caseId: '',
    caseNo: '',
    statusLabel: '',
    verified: false,
    problem: '',
    rows: [] as Row[],
  },
  onLoad(query) {
    this.setData({ caseId: query.id ?? '' });
  },
  async load() {
    const trail = await this.runLoad(() => caseApi.audit({ caseId: this.data.caseId }), { isEmpty: (t) => t.entries.length === 0 });
    if (!trail) return;
    this.setData({
      caseNo: trail.caseNo,
      statusLabel: trail.statusLabel,
      verified: trail.verified,
      problem: trail.problemText ?? '',
      rows: trail.entries.map((e) => ({
        seq: e.seq,
        title: `${e.seq}. ${e.typeLabel}`,
        who: `${formatTime(e.at)} · ${e.who}${e.orgName ? `（${e.orgName}）` : ''}`,
        reason: e.reason ?? '',
      })),
    });
  },
});
