// 我的数据: what the service holds about the caller (`user.exportData`: account, the cases they are a party
// to with their own number in full, consents and timelines), copied out in one tap; and a deletion request
// (`user.requestDeletion`) that says plainly what was erased and what the law requires to be kept.
import { definePage } from '../../../../kit/page';
import { userApi } from '../../../../services/index';
import type { DeletionResult, MyDataExport } from '../../../../services/index';
import { formatTime } from '../../../../utils/format';
import { isPrivacyDenied } from '../../../../utils/privacy';
import { confirmWithReason } from '../../../utils/case-format';

const DELETION_STATUS: Record<DeletionResult['status'], string> = { done: '已完成', partly_done: '部分完成（其余依法保留）' };

definePage({
  data: {
    exported: null as MyDataExport | null,
    cases: [] as Array<{ caseNo: string; title: string; detail: string }>,
    requests: [] as Array<{ at: string; status: string }>,
    deletion: null as (DeletionResult & { statusText: string }) | null,
  },
  async load() {
    const d = await this.runLoad(() => userApi.exportData({}), { isEmpty: () => false });
    if (!d) return;
    this.setData({
      exported: d,
      cases: d.cases.map((c) => ({
        caseNo: c.caseNo,
        title: `${c.caseNo} · ${c.myRole}`,
        detail: [c.myName, c.myMobile, c.status, `登记于${formatTime(c.registeredAt)}`].filter(Boolean).join(' · '),
      })),
      requests: d.deletionRequests.map((r) => ({ at: formatTime(r.at), status: DELETION_STATUS[r.status] ?? r.status })),
    });
  },
  methods: {
    onCopy() {
      const d = this.data.exported;
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
      if (this.data.busy) return;
      const reason = await confirmWithReason('申请删除我的信息？', '原因（可不填）', '申请删除');
      if (reason === undefined) return;
      // Answered: the page loads again (the request joins the list), then says what was erased and what is kept.
      const res = await this.submit(userApi.requestDeletion, reason ? { reason } : {});
      if (!res) return;
      const statusText = res.status === 'done' ? '已删除可以删除的信息' : '已删除可以删除的信息，以下信息依法保留';
      this.setData({ deletion: { ...res, statusText } });
    },
  },
});
