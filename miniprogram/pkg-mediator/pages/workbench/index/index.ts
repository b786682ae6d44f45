// 调解员工作台: the mediator's inbox — the cases assigned to them, grouped as overdue, due soon, newly
// assigned, in progress and closed awaiting the return visit (回访 after closing), so the next thing to do is on
// top. Reads `case.assigned` (the caller's open cases as mediator, and closed ones still owing their visit);
// deadlines come from the server (`next`), never computed here. Loaded again each time it is
// shown, so a case handled meanwhile moves to its new group. The mediator's own bookable hours are one tap away.
import { STAFF_ROLE_LABEL } from '../../../../generated/labels';
import { definePage } from '../../../../kit/page';
import { STAFF_NOTICES, askToSubscribe, caseApi } from '../../../../services/index';
import type { AssignedItem, Status } from '../../../../services/types';
import { ROUTES } from '../../../../utils/routes';
import { formatTime } from '../../../../utils/format';

interface Group {
  key: string;
  title: string;
  rows: Array<{ caseId: string; title: string; urgent: boolean; description: string; note: string }>;
}

const DUE_SOON_MS = 2 * 86_400_000;
const NEW_STATUSES: readonly Status[] = ['accepted', 'awaiting_consent'];

/** Sorts the inbox into groups by the deadlines the server gave; `now` is passed in. */
export function groupInbox(items: readonly AssignedItem[], now: number): Group[] {
  const groups: Group[] = [
    { key: 'overdue', title: '已超期', rows: [] },
    { key: 'soon', title: '即将到期（两天内）', rows: [] },
    { key: 'new', title: '新分配', rows: [] },
    { key: 'open', title: '办理中', rows: [] },
    { key: 'visit', title: '结案待回访', rows: [] },
  ];
  const byDue = [...items].sort((a, b) => (a.next?.dueAt ?? '9').localeCompare(b.next?.dueAt ?? '9'));
  for (const item of byDue) {
    const due = item.next ? Date.parse(item.next.dueAt) : NaN;
    const key =
      due < now ? 'overdue' : due - now < DUE_SOON_MS ? 'soon' : item.status === 'closed' ? 'visit' : NEW_STATUSES.includes(item.status) ? 'new' : 'open';
    groups
      .find((g) => g.key === key)!
      .rows.push({
        caseId: item.caseId,
        title: item.categoryLabel,
        urgent: item.urgent,
        description: `案件编号 ${item.caseNo} · ${item.statusLabel}${item.asExpert ? ' · 特邀参与' : ''}`,
        note: item.next ? `${item.next.label} ${formatTime(item.next.dueAt)}` : '',
      });
  }
  return groups.filter((g) => g.rows.length > 0);
}

definePage({
  role: { roles: ['mediator', 'expert'], name: STAFF_ROLE_LABEL.mediator },
  loadOn: 'show',
  data: {
    groups: [] as Group[],
    /** Acting as an invited expert: sessions are booked in the mediator's hours, not theirs. */
    asExpert: false,
  },
  async load(grant) {
    const data = await this.runLoad(() => caseApi.assigned({}), { keepContent: true });
    if (data) this.setData({ groups: groupInbox(data.items, Date.now()), asExpert: grant?.role === 'expert' });
  },
  methods: {
    /** 我的可约时间: the weekly hours and days off parties book within. */
    onHours() {
      wx.navigateTo({ url: ROUTES.mediatorHours });
    },
    onOpen(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id?: string }>) {
      const id = e.currentTarget.dataset.id;
      if (!id) return;
      // Asked in the tap (WeChat allows the prompt only there): new assignments, deadlines and progress notices.
      void askToSubscribe(STAFF_NOTICES.mediator).then(() => wx.navigateTo({ url: `${ROUTES.mediatorCase}?id=${encodeURIComponent(id)}` }));
    },
  },
});
