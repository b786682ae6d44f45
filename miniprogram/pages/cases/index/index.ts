// 我的案件: the cases the caller is a party to, each saying what happens next, who does it and by when (the
// server's `nextStep`); a case waiting on the caller says so in the brand colour, 需要您办理, not a grey note; open ones or finished ones, a page at a time (more on
// reaching the bottom). Shows the load states and refreshes on pull and on return. A subscribe message opens this
// page with `?caseId=…&notice=…`: the notice is marked read in the inbox and the case opens.
import { definePage } from '../../../kit/page';
import { caseApi, showError, userApi } from '../../../services/index';
import type { CaseListItem } from '../../../services/index';
import { ROUTES } from '../../../utils/routes';
import { formatTime } from '../../../utils/format';

interface Row extends CaseListItem {
  line: string;
  /** The next step in one sentence (the deadline's label when the server sent none). */
  nextText: string;
  /** It waits on the caller. */
  mine: boolean;
  note: string;
}

export const PAGE_SIZE = 20;

const fetchPage = (open: boolean, page: number) => caseApi.mine({ open, page, pageSize: PAGE_SIZE });

function rowOf(c: CaseListItem): Row {
  const mine = Boolean(c.nextStep?.mine);
  const nextText = c.nextStep?.text ?? (c.next ? `${c.next.label} ${formatTime(c.next.dueAt)}前` : '');
  // The sentence already says who acts: the small line keeps the status and the number to quote on the phone; the
  // note on the right is only for a case waiting on the caller (a long status there squeezed the sentence).
  const holder = c.nextStep ? '' : ` · ${c.holderName}`;
  return { ...c, nextText, mine, note: mine ? '需要您办理' : '', line: `${c.statusLabel} · 案件编号 ${c.caseNo}${holder}` };
}

definePage({
  data: {
    cases: [] as Row[],
    open: true,
    page: 0,
    hasMore: false,
    loadingMore: false,
  },
  // Tab pages stay alive: reload on every show so a case filed a moment ago appears.
  loadOn: 'show',
  onLoad(query) {
    const notice = query.notice ?? '';
    // Read, so the inbox stops counting it; a failure only leaves it unread there.
    if (/^[0-9a-f]{32}$/.test(notice)) void this.submit(userApi.markRead, { ids: [notice] }, { reload: false, onError: () => true });
    if (query.caseId) wx.navigateTo({ url: `${ROUTES.caseDetail}?id=${encodeURIComponent(query.caseId)}` });
  },
  /** The first page again (show, pull, retry, switching between open and finished). */
  async load() {
    const open = this.data.open;
    // Once the list is on screen it stays there while the new one loads.
    const data = await this.runLoad(() => fetchPage(open, 0), { keepContent: true });
    if (data && this.data.open === open) this.setData({ cases: data.items.map(rowOf), page: 0, hasMore: data.hasMore });
  },
  methods: {
    /** Page lifecycle: the next page when the user reaches the bottom. */
    async onReachBottom() {
      const { hasMore, loadingMore, loadState, open, page } = this.data;
      if (!hasMore || loadingMore || loadState !== 'ready') return;
      this.setData({ loadingMore: true });
      const res = await fetchPage(open, page + 1);
      this.setData({ loadingMore: false });
      if (!res.ok) {
        showError(res);
        return;
      }
      if (this.data.open !== open) return;
      // A case may move between pages while reading (a new one filed): never show it twice.
      const seen = new Set(this.data.cases.map((c) => c.caseId));
      const more = res.data.items.filter((c) => !seen.has(c.caseId)).map(rowOf);
      this.setData({ cases: [...this.data.cases, ...more], page: page + 1, hasMore: res.data.hasMore });
    },
    onTab(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const open = e.detail.value !== 'closed';
      if (open === this.data.open) return;
      this.setData({ open, cases: [], page: 0, hasMore: false, loadState: 'loading' });
      void this.load();
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
