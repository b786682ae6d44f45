// 调委会工作台: the triage queue (cases waiting on this organisation's decision: new registrations and
// transfers sent here) and the overdue board (cases of the organisation past a deadline). Directors and
// intake staff see the queue; only directors see the overdue board, invite staff, check the information officers'
// reports, and reach the statistics, the review of held text and the committee's rooms.
import { STAFF_ROLE_LABEL } from '../../../../generated/labels';
import { definePage } from '../../../../kit/page';
import { STAFF_NOTICES, askToSubscribe, caseApi, clientError } from '../../../../services/index';
import type { OverdueItem, Page } from '../../../../services/types';
import { ROUTES } from '../../../../utils/routes';
import { formatTime } from '../../../../utils/format';

type Tab = 'queue' | 'overdue';

interface Row {
  caseId: string;
  title: string;
  description: string;
  note: string;
  urgent: boolean;
}

/** A queue row (CaseListItem) or an overdue board row (the same, plus who works it). */
function toRow(item: OverdueItem, tab: Tab): Row {
  const due = item.next ? `${item.next.label} ${formatTime(item.next.dueAt)}` : '';
  return {
    caseId: item.caseId,
    title: item.categoryLabel,
    description: `案件编号 ${item.caseNo} · ${item.statusLabel}${tab === 'overdue' && item.mediatorName ? ` · 调解员 ${item.mediatorName}` : ''}`,
    note: tab === 'overdue' && item.next ? `已超期：${due}` : due,
    urgent: item.urgent,
  };
}

definePage({
  role: { roles: ['director', 'intake'], name: `${STAFF_ROLE_LABEL.director}和${STAFF_ROLE_LABEL.intake}` },
  // A tab-like page that stays alive: the queue is read again each time it is shown.
  loadOn: 'show',
  data: {
    tab: 'queue' as Tab,
    roleLabel: '',
    isDirector: false,
    rows: [] as Row[],
    hasMore: false,
  },
  async load(grant) {
    const tab = this.data.tab;
    this.setData({ roleLabel: STAFF_ROLE_LABEL[grant.role], isDirector: grant.role === 'director' });
    const data = await this.runLoad<Page<OverdueItem>>(
      () => {
        if (tab === 'queue') return caseApi.queue({ orgId: grant.orgId });
        if (grant.role !== 'director') return Promise.resolve(clientError('ROLE_NOT_HELD', '超期督办仅供调委会主任查看'));
        return caseApi.overdue({ orgId: grant.orgId });
      },
      { keepContent: true },
    );
    if (data) this.setData({ rows: data.items.map((i) => toRow(i, tab)), hasMore: data.hasMore });
  },
  methods: {
    onTabQueue() {
      this.setData({ tab: 'queue', rows: [] });
      void this.load();
    },
    onTabOverdue() {
      this.setData({ tab: 'overdue', rows: [] });
      void this.load();
    },
    onOpen(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id?: string }>) {
      const id = e.currentTarget.dataset.id;
      if (!id) return;
      // Asked in the tap (WeChat allows the prompt only there): the organisation's transfers, deadlines and progress.
      void askToSubscribe(STAFF_NOTICES.organisation).then(() => wx.navigateTo({ url: `${ROUTES.directorTriage}?id=${encodeURIComponent(id)}` }));
    },
    onInvite() {
      wx.navigateTo({ url: ROUTES.directorInvite });
    },
    onStats() {
      wx.navigateTo({ url: ROUTES.stats });
    },
    onMediators() {
      wx.navigateTo({ url: ROUTES.directorMediators });
    },
    onReview() {
      wx.navigateTo({ url: ROUTES.directorReview });
    },
    onRooms() {
      wx.navigateTo({ url: ROUTES.directorRooms });
    },
    onTypical() {
      wx.navigateTo({ url: ROUTES.directorTypical });
    },
    onExperts() {
      wx.navigateTo({ url: ROUTES.directorExperts });
    },
    onBrewing() {
      wx.navigateTo({ url: ROUTES.directorBrewing });
    },
  },
});
