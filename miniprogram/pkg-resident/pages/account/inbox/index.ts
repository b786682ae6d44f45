// 消息: every notice sent to the caller, newest first — the same ones WeChat delivers as subscribe messages,
// kept here too for whoever declined them. Paging on reaching the bottom; opening one marks it read.
import { definePage } from '../../../../kit/page';
import { showError, userApi } from '../../../../services/index';
import type { InboxItem } from '../../../../services/index';
import { formatTime } from '../../../../utils/format';
import { ROUTES } from '../../../../utils/routes';

const PAGE_SIZE = 20;

interface Row extends InboxItem {
  time: string;
  /** What happened and what to do, without the case number the line below already gives. */
  line: string;
}

const rowOf = (i: InboxItem): Row => ({ ...i, time: formatTime(i.at), line: i.message.replace(/^案件[^：]*：/, '') });

definePage({
  data: {
    items: [] as Row[],
    page: 0,
    hasMore: false,
    loadingMore: false,
    unread: 0,
  },
  // Back from a case: what was read there, and what arrived meanwhile.
  loadOn: 'show',
  async load() {
    const d = await this.runLoad(() => userApi.inbox({ page: 0, pageSize: PAGE_SIZE }), { keepContent: true });
    if (d) this.setData({ items: d.items.map(rowOf), page: 0, hasMore: d.hasMore, unread: d.unread });
  },
  methods: {
    async onReachBottom() {
      const { hasMore, loadingMore, loadState } = this.data;
      if (!hasMore || loadingMore || loadState !== 'ready') return;
      this.setData({ loadingMore: true });
      const res = await userApi.inbox({ page: this.data.page + 1, pageSize: PAGE_SIZE });
      this.setData({ loadingMore: false });
      if (!res.ok) {
        showError(res);
        return;
      }
      const seen = new Set(this.data.items.map((i) => i.id));
      this.setData({
        items: [...this.data.items, ...res.data.items.filter((i) => !seen.has(i.id)).map(rowOf)],
        page: this.data.page + 1,
        hasMore: res.data.hasMore,
      });
    },
    onOpen(e: WechatMiniprogram.BaseEvent<Record<string, never>, { index?: number }>) {
      const i = Number(e.currentTarget.dataset.index);
      const item = this.data.items[i];
      if (!item) return;
      if (!item.read) {
        // Shown as read at once; a failed mark only means it shows unread next time, so nothing is said about
        // it, and the case opens without waiting for the answer.
        this.setData({ [`items[${i}].read`]: true, unread: Math.max(0, this.data.unread - 1) });
        void this.submit(userApi.markRead, { ids: [item.id] }, { reload: false, onError: () => true });
      }
      wx.navigateTo({ url: `${ROUTES.caseDetail}?id=${encodeURIComponent(item.caseId)}` });
    },
    async onReadAll() {
      const marked = await this.submit(userApi.markRead, { all: true }, { reload: false });
      if (marked) this.setData({ items: this.data.items.map((i) => ({ ...i, read: true })), unread: marked.unread });
    },
  },
});
