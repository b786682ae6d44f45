// 消息: every notice sent to the caller, newest first — the same ones WeChat delivers as subscribe messages,
// kept here too for whoever declined them. Paging on reaching the bottom; opening one marks it read.
import { largeTextBehavior } from '../../../../behaviors/large-text';
import { loadStateBehavior, RunLoadOptions } from '../../../../behaviors/load-state';
import { CallResult, newRequestId, showError } from '../../../../services/index';
import { InboxItemData, residentApi } from '../../../../services/resident';
import { formatTime } from '../../../../utils/staff';
import { ROUTES } from '../../../../utils/routes';

const PAGE_SIZE = 20;

interface Row extends InboxItemData {
  time: string;
}

interface InboxPage {
  data: { items: Row[]; page: number; hasMore: boolean; loadingMore: boolean; unread: number; loadState: string };
  runLoad<T>(loader: () => Promise<CallResult<T>>, opts?: RunLoadOptions<T>): Promise<T | undefined>;
  setData(patch: Record<string, unknown>): void;
  load(): Promise<void>;
}

const page = (self: unknown) => self as InboxPage;
const rowOf = (i: InboxItemData): Row => ({ ...i, time: formatTime(i.at) });

Component({
  behaviors: [largeTextBehavior, loadStateBehavior],
  data: {
    items: [] as Row[],
    page: 0,
    hasMore: false,
    loadingMore: false,
    unread: 0,
  },
  methods: {
    onShow() {
      void page(this).load();
    },
    async load() {
      const p = page(this);
      const d = await p.runLoad(() => residentApi.inbox(0, PAGE_SIZE), { keepContent: true });
      if (d) p.setData({ items: d.items.map(rowOf), page: 0, hasMore: d.hasMore, unread: d.unread });
    },
    async onReachBottom() {
      const p = page(this);
      const { hasMore, loadingMore, loadState } = p.data;
      if (!hasMore || loadingMore || loadState !== 'ready') return;
      p.setData({ loadingMore: true });
      const res = await residentApi.inbox(p.data.page + 1, PAGE_SIZE);
      p.setData({ loadingMore: false });
      if (!res.ok) {
        showError(res);
        return;
      }
      const seen = new Set(p.data.items.map((i) => i.id));
      p.setData({ items: [...p.data.items, ...res.data.items.filter((i) => !seen.has(i.id)).map(rowOf)], page: p.data.page + 1, hasMore: res.data.hasMore });
    },
    async onOpen(e: WechatMiniprogram.BaseEvent<Record<string, never>, { index?: number }>) {
      const p = page(this);
      const i = Number(e.currentTarget.dataset.index);
      const item = p.data.items[i];
      if (!item) return;
      if (!item.read) {
        // Shown as read at once; a failed mark only means it shows unread next time.
        p.setData({ [`items[${i}].read`]: true, unread: Math.max(0, p.data.unread - 1) });
        void residentApi.markRead({ ids: [item.id] }, { requestId: newRequestId() });
      }
      wx.navigateTo({ url: `${ROUTES.caseDetail}?id=${encodeURIComponent(item.caseId)}` });
    },
    async onReadAll() {
      const p = page(this);
      const res = await residentApi.markRead({ all: true }, { requestId: newRequestId() });
      if (!res.ok) {
        showError(res);
        return;
      }
      p.setData({ items: p.data.items.map((i) => ({ ...i, read: true })), unread: res.data.unread });
    },
  },
});
