// 调委会工作台: the triage queue (cases waiting on this organisation's decision: new registrations and
// transfers sent here) and the overdue board (cases of the organisation past a deadline). Directors and
// intake staff see the queue; only directors see the overdue board and invite staff.
import { largeTextBehavior } from '../../../../behaviors/large-text';
import { loadStateBehavior, RunLoadOptions } from '../../../../behaviors/load-state';
import { callFunction, CallResult } from '../../../../services/index';
import { ROUTES } from '../../../../utils/routes';
import { formatTime, guarded, ROLE_LABEL, RoleGrant } from '../../../../utils/staff';

/** A row of `case.queue` / `case.overdue` (CaseListItem on the server, plus who works it on the board). */
export interface DirectorRow {
  caseId: string;
  caseNo: string;
  categoryLabel: string;
  statusLabel: string;
  holderName: string;
  next?: { label: string; dueAt: string };
  urgent: boolean;
  registeredAt: string;
  mediatorName?: string;
}

type Tab = 'queue' | 'overdue';

interface Row {
  caseId: string;
  title: string;
  description: string;
  note: string;
  urgent: boolean;
}

interface WorkbenchPage {
  data: { tab: Tab; grant: RoleGrant | null };
  runLoad<T>(loader: () => Promise<CallResult<T>>, opts?: RunLoadOptions<T>): Promise<T | undefined>;
  setData(patch: Record<string, unknown>): void;
  load(): Promise<void>;
}

function toRow(item: DirectorRow, tab: Tab): Row {
  const due = item.next ? `${item.next.label} ${formatTime(item.next.dueAt)}` : '';
  return {
    caseId: item.caseId,
    title: `${item.urgent ? '【紧急】' : ''}${item.categoryLabel}`,
    description: `案件编号 ${item.caseNo} · ${item.statusLabel}${tab === 'overdue' && item.mediatorName ? ` · 调解员 ${item.mediatorName}` : ''}`,
    note: tab === 'overdue' && item.next ? `已超期：${due}` : due,
    urgent: item.urgent,
  };
}

Component({
  behaviors: [largeTextBehavior, loadStateBehavior],
  data: {
    tab: 'queue' as Tab,
    grant: null as RoleGrant | null,
    roleLabel: '',
    isDirector: false,
    rows: [] as Row[],
    hasMore: false,
  },
  methods: {
    onShow() {
      void (this as unknown as WorkbenchPage).load();
    },
    async load() {
      const page = this as unknown as WorkbenchPage;
      const tab = page.data.tab;
      const data = await page.runLoad(
        () =>
          guarded(['director', 'intake'], '调委会主任和窗口工作人员', (grant) => {
            page.setData({ grant, roleLabel: ROLE_LABEL[grant.role] ?? '', isDirector: grant.role === 'director' });
            if (tab === 'overdue' && grant.role !== 'director') {
              return Promise.resolve({ ok: false as const, code: 'ROLE_NOT_HELD', message: '超期督办仅供调委会主任查看' });
            }
            // The overdue board is a planned backend read (cases of an organisation past a deadline).
            return callFunction<{ orgId: string; items: DirectorRow[]; hasMore: boolean }>('case', tab === 'queue' ? 'queue' : 'overdue', { orgId: grant.orgId });
          }),
        { keepContent: true },
      );
      if (data) page.setData({ rows: data.items.map((i) => toRow(i, tab)), hasMore: data.hasMore });
    },
    onTabQueue() {
      const page = this as unknown as WorkbenchPage;
      page.setData({ tab: 'queue', rows: [] });
      void page.load();
    },
    onTabOverdue() {
      const page = this as unknown as WorkbenchPage;
      page.setData({ tab: 'overdue', rows: [] });
      void page.load();
    },
    onOpen(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id?: string }>) {
      const id = e.currentTarget.dataset.id;
      if (id) wx.navigateTo({ url: `${ROUTES.directorTriage}?id=${encodeURIComponent(id)}` });
    },
    onInvite() {
      wx.navigateTo({ url: ROUTES.directorInvite });
    },
    onStats() {
      wx.navigateTo({ url: ROUTES.stats });
    },
  },
});
