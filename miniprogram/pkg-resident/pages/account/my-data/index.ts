// 我的数据: what the service holds about the caller (`user.exportData`: account, the cases they are a party
// to with their own number in full, consents and timelines), copied out in one tap; and a deletion request
// (`user.requestDeletion`) that says plainly what was erased and what the law requires to be kept.
import { largeTextBehavior } from '../../../../behaviors/large-text';
import { loadStateBehavior, RunLoadOptions } from '../../../../behaviors/load-state';
import { CallResult, showError } from '../../../../services/index';
import { DeletionResult, MyDataExportData, residentApi } from '../../../../services/resident';
import { formatTime, intentId, settleIntent } from '../../../../utils/staff';
import { isPrivacyDenied } from '../../../../utils/privacy';
import { confirmWithReason } from '../../../utils/case-format';

interface MyDataPage {
  data: { exported: MyDataExportData | null; busy: boolean; deletion: (DeletionResult & { statusText: string }) | null };
  runLoad<T>(loader: () => Promise<CallResult<T>>, opts?: RunLoadOptions<T>): Promise<T | undefined>;
  setData(patch: Record<string, unknown>): void;
  load(): Promise<void>;
}

const page = (self: unknown) => self as MyDataPage;
const DELETION_STATUS: Record<string, string> = { done: '已完成', partly_done: '部分完成（其余依法保留）' };

Component({
  behaviors: [largeTextBehavior, loadStateBehavior],
  data: {
    exported: null as MyDataExportData | null,
    cases: [] as Array<{ caseNo: string; title: string; detail: string }>,
    requests: [] as Array<{ at: string; status: string }>,
    busy: false,
    deletion: null as (DeletionResult & { statusText: string }) | null,
  },
  methods: {
    onLoad() {
      void page(this).load();
    },
    async load() {
      const p = page(this);
      const d = await p.runLoad(() => residentApi.exportData(), { isEmpty: () => false });
      if (!d) return;
      p.setData({
        exported: d,
        cases: d.cases.map((c) => ({
          caseNo: c.caseNo,
          title: `${c.caseNo} · ${c.myRole}`,
          detail: [c.myName, c.myMobile, c.status, `登记于${formatTime(c.registeredAt)}`].filter(Boolean).join(' · '),
        })),
        requests: d.deletionRequests.map((r) => ({ at: formatTime(r.at), status: DELETION_STATUS[r.status] ?? r.status })),
      });
    },
    onCopy() {
      const d = page(this).data.exported;
      if (!d) return;
      wx.setClipboardData({
        data: JSON.stringify(d, null, 2),
        success: () => wx.showToast({ title: '已复制全部数据，可粘贴保存', icon: 'none' }),
        fail: (err) => {
          if (isPrivacyDenied(err)) wx.showToast({ title: '未同意隐私保护指引，无法复制；数据仍可在本页查看', icon: 'none', duration: 3000 });
        },
      });
    },
    async onRequestDeletion() {
      const p = page(this);
      if (p.data.busy) return;
      const reason = await confirmWithReason('申请删除我的信息？', '原因（可不填）', '申请删除');
      if (reason === undefined) return;
      p.setData({ busy: true });
      const res = await residentApi.requestDeletion(reason, { requestId: intentId(this, { reason }) });
      p.setData({ busy: false });
      if (!res.ok) {
        if (res.code !== 'NETWORK_ERROR') settleIntent(this);
        showError(res);
        return;
      }
      settleIntent(this);
      const statusText = res.data.status === 'done' ? '已删除可以删除的信息' : '已删除可以删除的信息，以下信息依法保留';
      p.setData({ deletion: { ...res.data, statusText } });
      await p.load();
    },
  },
});
