// 我的案件: the cases the caller is a party to. Shows the load states and refreshes on pull and on return.
import { largeTextBehavior } from '../../../behaviors/large-text';
import { loadStateBehavior, RunLoadOptions } from '../../../behaviors/load-state';
import { callFunction, CallResult } from '../../../services/index';
import { ROUTES } from '../../../utils/routes';

/** One row of `case.mine` (CaseListItem on the server): display-ready labels, no personal data. */
export interface MyCaseRow {
  caseId: string;
  caseNo: string;
  categoryLabel: string;
  statusLabel: string;
  holderName: string;
  urgent: boolean;
  registeredAt: string;
}

interface MyCasesPage {
  runLoad<T>(loader: () => Promise<CallResult<T>>, opts?: RunLoadOptions<T>): Promise<T | undefined>;
  setData(patch: Record<string, unknown>): void;
  load(): Promise<void>;
}

Component({
  behaviors: [largeTextBehavior, loadStateBehavior],
  data: {
    cases: [] as MyCaseRow[],
  },
  methods: {
    // Tab pages stay alive: reload on every show so a case filed a moment ago appears. Once the list
    // is on screen it stays there while the new one loads.
    onShow() {
      void (this as unknown as MyCasesPage).load();
    },
    async load() {
      const page = this as unknown as MyCasesPage;
      const data = await page.runLoad(() => callFunction<{ items: MyCaseRow[]; hasMore: boolean }>('case', 'mine', { open: true }), {
        keepContent: true,
      });
      if (data) page.setData({ cases: data.items });
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
