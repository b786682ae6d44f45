// 调解员工作台: the mediator's inbox — the cases assigned to them, grouped as overdue, due soon, newly
// assigned and in progress, so the next thing to do is on top. Reads the planned `case.assigned` (the
// caller's open cases as mediator); deadlines come from the server (`next`), never computed here.
import { largeTextBehavior } from '../../../../behaviors/large-text';
import { loadStateBehavior, RunLoadOptions } from '../../../../behaviors/load-state';
import { callFunction, CallResult } from '../../../../services/index';
import { ROUTES } from '../../../../utils/routes';
import { formatTime, guarded } from '../../../../utils/staff';

/** CaseListItem (src/server/case/use-cases.ts) plus the status code. */
export interface AssignedRow {
  caseId: string;
  caseNo: string;
  status: string;
  categoryLabel: string;
  statusLabel: string;
  holderName: string;
  next?: { label: string; dueAt: string };
  urgent: boolean;
  registeredAt: string;
}

interface Group {
  key: string;
  title: string;
  rows: Array<{ caseId: string; title: string; description: string; note: string }>;
}

const DUE_SOON_MS = 2 * 86_400_000;
const NEW_STATUSES = ['accepted', 'awaiting_consent'];

/** Sorts the inbox into groups by the deadlines the server gave; `now` is passed in. */
export function groupInbox(items: AssignedRow[], now: number): Group[] {
  const groups: Group[] = [
    { key: 'overdue', title: '已超期', rows: [] },
    { key: 'soon', title: '即将到期（两天内）', rows: [] },
    { key: 'new', title: '新分配', rows: [] },
    { key: 'open', title: '办理中', rows: [] },
  ];
  const byDue = [...items].sort((a, b) => (a.next?.dueAt ?? '9').localeCompare(b.next?.dueAt ?? '9'));
  for (const item of byDue) {
    const due = item.next ? Date.parse(item.next.dueAt) : NaN;
    const key = due < now ? 'overdue' : due - now < DUE_SOON_MS ? 'soon' : NEW_STATUSES.includes(item.status) ? 'new' : 'open';
    groups
      .find((g) => g.key === key)!
      .rows.push({
        caseId: item.caseId,
        title: `${item.urgent ? '【紧急】' : ''}${item.categoryLabel}`,
        description: `案件编号 ${item.caseNo} · ${item.statusLabel}`,
        note: item.next ? `${item.next.label} ${formatTime(item.next.dueAt)}` : '',
      });
  }
  return groups.filter((g) => g.rows.length > 0);
}

interface InboxPage {
  runLoad<T>(loader: () => Promise<CallResult<T>>, opts?: RunLoadOptions<T>): Promise<T | undefined>;
  setData(patch: Record<string, unknown>): void;
  load(): Promise<void>;
}

Component({
  behaviors: [largeTextBehavior, loadStateBehavior],
  data: {
    groups: [] as Group[],
  },
  methods: {
    onShow() {
      void (this as unknown as InboxPage).load();
    },
    async load() {
      const page = this as unknown as InboxPage;
      const data = await page.runLoad(
        () => guarded(['mediator'], '调解员', () => callFunction<{ items: AssignedRow[]; hasMore: boolean }>('case', 'assigned', {})),
        { keepContent: true },
      );
      if (data) page.setData({ groups: groupInbox(data.items, Date.now()) });
    },
    onOpen(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id?: string }>) {
      const id = e.currentTarget.dataset.id;
      if (id) wx.navigateTo({ url: `${ROUTES.mediatorCase}?id=${encodeURIComponent(id)}` });
    },
  },
});
