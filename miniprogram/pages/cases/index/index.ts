// 我的案件: the cases the caller is a party to, open ones or finished ones, a page at a time (more on
// reaching the bottom). Shows the load states and refreshes on pull and on return.
import { largeTextBehavior } from '../../../behaviors/large-text';
import { loadStateBehavior, RunLoadOptions } from '../../../behaviors/load-state';
import { callFunction, CallResult, showError } from '../../../services/index';
import { ROUTES } from '../../../utils/routes';
import { formatTime } from '../../../utils/staff';

/** One row of `case.mine` (CaseListItem on the server): display-ready labels, no personal data. */
export interface MyCaseRow {
  caseId: string;
  caseNo: string;
  categoryLabel: string;
  statusLabel: string;
  holderName: string;
  next?: { label: string; dueAt: string };
  urgent: boolean;
  registeredAt: string;
}

interface Row extends MyCaseRow {
  line: string;
}

export const PAGE_SIZE = 20;

interface MyCasesPage {
  data: { cases: Row[]; open: boolean; page: number; hasMore: boolean; loadingMore: boolean; loadState: string };
  runLoad<T>(loader: () => Promise<CallResult<T>>, opts?: RunLoadOptions<T>): Promise<T | undefined>;
  setData(patch: Record<string, unknown>): void;
  load(): Promise<void>;
}

type MinePage = { items: MyCaseRow[]; hasMore: boolean };
const fetchPage = (open: boolean, page: number) => callFunction<MinePage>('case', 'mine', { open, page, pageSize: PAGE_SIZE });

function rowOf(c: MyCaseRow): Row {
  const next = c.next ? ` · ${c.next.label} ${formatTime(c.next.dueAt)}前` : '';
  return { ...c, line: `案件编号 ${c.caseNo} · ${c.holderName}${next}` };
}

Component({
  behaviors: [largeTextBehavior, loadStateBehavior],
  data: {
    cases: [] as Row[],
    open: true,
    page: 0,
    hasMore: false,
    loadingMore: false,
  },
  methods: {
    // Tab pages stay alive: reload on every show so a case filed a moment ago appears. Once the list
    // is on screen it stays there while the new one loads.
    onShow() {
      void (this as unknown as MyCasesPage).load();
    },
    /** The first page again (show, pull, retry, switching between open and finished). */
    async load() {
      const p = this as unknown as MyCasesPage;
      const open = p.data.open;
      const data = await p.runLoad(() => fetchPage(open, 0), { keepContent: true });
      if (data && p.data.open === open) p.setData({ cases: data.items.map(rowOf), page: 0, hasMore: data.hasMore });
    },
    /** Page lifecycle: the next page when the user reaches the bottom. */
    async onReachBottom() {
      const p = this as unknown as MyCasesPage;
      const { hasMore, loadingMore, loadState, open, page } = p.data;
      if (!hasMore || loadingMore || loadState !== 'ready') return;
      p.setData({ loadingMore: true });
      const res = await fetchPage(open, page + 1);
      p.setData({ loadingMore: false });
      if (!res.ok) {
        showError(res);
        return;
      }
      if (p.data.open !== open) return;
      // A case may move between pages while reading (a new one filed): never show it twice.
      const seen = new Set(p.data.cases.map((c) => c.caseId));
      const more = res.data.items.filter((c) => !seen.has(c.caseId)).map(rowOf);
      p.setData({ cases: [...p.data.cases, ...more], page: page + 1, hasMore: res.data.hasMore });
    },
    onTab(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const p = this as unknown as MyCasesPage;
      const open = e.detail.value !== 'closed';
      if (open === p.data.open) return;
      p.setData({ open, cases: [], page: 0, hasMore: false, loadState: 'loading' });
      void p.load();
    },
    onOpen(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id?: string }>) {
      const id = e.currentTarget.dataset.id;
      if (id) wx.navigateTo({ url: `${ROUTES.caseDetail}?id=${encodeURIComponent(id)}` });
    },
    onApply() {
      wx.navigateTo({ url: ROUTES.applyForMediation });
    },
  },
});
