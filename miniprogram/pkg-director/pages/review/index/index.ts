// 内容审核 (director): text the content check did not pass (WeChat's msgSecCheck said risky or review, or could not
// be reached) is never dropped: the case is registered as usual, and until a director decides, the other party does
// not see the text. Here the director reads each held text and either clears it as it is (放行) or replaces it with
// an edited version, saying why (删改后放行). Reads `case.reviewQueue`; writes `case.review`.
import { STAFF_ROLE_LABEL } from '../../../../generated/labels';
import { definePage } from '../../../../kit/page';
import { caseApi } from '../../../../services/index';
import type { ReviewItem } from '../../../../services/types';
import { formatTime } from '../../../../utils/staff';

/** Why the check held the text, in words (the server's `why`). */
const WHY: Readonly<Record<string, string>> = {
  risky: '内容安全检测认为可能含有违规内容',
  review: '内容安全检测建议人工复核',
  api_error: '内容安全检测暂时无法使用，需人工复核',
};

interface Row {
  caseId: string;
  title: string;
  meta: string;
  why: string;
  summary: string;
}

function toRow(i: ReviewItem): Row {
  return {
    caseId: i.caseId,
    title: `${i.urgent ? '【紧急】' : ''}${i.categoryLabel}`,
    meta: `案件编号 ${i.caseNo} · ${i.statusLabel} · ${formatTime(i.heldAt)}提交`,
    why: WHY[i.why ?? ''] ?? '待人工复核',
    summary: i.summary,
  };
}

definePage({
  role: { roles: ['director'], name: STAFF_ROLE_LABEL.director },
  data: {
    rows: [] as Row[],
    hasMore: false,
    /** The case whose text is being edited, and the edit. */
    editing: '',
    summary: '',
    reason: '',
    /** The case a decision is being sent for (its buttons show it). */
    acting: '',
  },
  async load(grant) {
    const data = await this.runLoad(() => caseApi.reviewQueue({ orgId: grant.orgId }));
    if (data) this.setData({ rows: data.items.map(toRow), hasMore: data.hasMore, editing: '', acting: '' });
  },
  methods: {
    /** 放行: the text is fine as it is; the other party will see it. */
    async onClear(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id?: string }>) {
      const caseId = e.currentTarget.dataset.id;
      if (!caseId || this.data.busy) return;
      const sure = await new Promise<boolean>((resolve) =>
        wx.showModal({
          title: '内容无问题，放行？',
          content: '放行后，对方当事人和相关工作人员可以看到这段文字。',
          confirmText: '放行',
          cancelText: '取消',
          success: (res) => resolve(!!res.confirm),
          fail: () => resolve(false),
        }),
      );
      if (!sure) return;
      this.setData({ acting: caseId });
      await this.submit(caseApi.review, { caseId, decision: 'clear' }, { done: '已放行', reloadOn: ['CONFLICT', 'NOT_UNDER_REVIEW'] });
      this.setData({ acting: '' });
    },
    /** 删改: opens the text for editing, starting from what was written. */
    onEdit(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id?: string }>) {
      const row = this.data.rows.find((r) => r.caseId === e.currentTarget.dataset.id);
      if (row) this.setData({ editing: row.caseId, summary: row.summary, reason: '', errors: {} });
    },
    onCancelEdit() {
      this.setData({ editing: '', errors: {} });
    },
    onSummary(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ summary: e.detail.value, 'errors.summary': '' });
    },
    onReason(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ reason: e.detail.value, 'errors.reason': '' });
    },
    /** 删改后放行: the edited text replaces the one held, with the reason on the case's record. */
    async onRedact() {
      const { editing: caseId, summary, reason } = this.data;
      const errors: Record<string, string> = {};
      if (summary.trim().length < 5) errors.summary = '请至少保留五个字的情况说明';
      if (reason.trim().length < 2) errors.reason = '请填写处理理由';
      if (!caseId || Object.keys(errors).length) {
        this.setData({ errors });
        return;
      }
      this.setData({ acting: caseId });
      await this.submit(
        caseApi.review,
        { caseId, decision: 'redact', summary: summary.trim(), reason: reason.trim() },
        { done: '已删改并放行', fields: ['summary', 'reason'], reloadOn: ['CONFLICT', 'NOT_UNDER_REVIEW'] },
      );
      this.setData({ acting: '' });
    },
  },
});
