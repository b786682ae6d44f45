// 内容审核 (director): text the content check did not pass (WeChat's msgSecCheck said risky or review, or could not
// be reached) is never dropped: the case is registered as usual, and until a director decides, the other party does
// not see the text. Here the director reads each held text and either clears it as it is (放行) or replaces it with
// an edited version, saying why (删改后放行). Reads `case.reviewQueue`; writes `case.review`.
import { STAFF_ROLE_LABEL } from '../../../../generated/labels';
import { definePage } from '../../../../kit/page';
import { caseApi } from '../../../../services/index';
import type { ReviewItem } from '../../../../services/types';
import { formatTime } from '../../../../utils/format';

/** Why the check held the text, in words (the server's `why`). */
const WHY: Readonly<Record<string, string>> = {
  risky: '内容安全检测认为可能含有违规内容',
  review: '内容安全检测建议人工复核',
  api_error: '内容安全检测暂时无法使用，需人工复核',
};

interface Row {
  /** One held text: `${caseId}|${textId}`. */
  key: string;
  caseId: string;
  textId: string;
  title: string;
  urgent: boolean;
  meta: string;
  why: string;
  /** What kind of text (情况说明, 答复理由, 评价 …) and the text itself. */
  kindLabel: string;
  text: string;
  /** The dispute text is redacted as a case summary (at least five characters); others as a short text. */
  isSummary: boolean;
}

/** One row per text still held, case by case (a case may hold its dispute text and a party's later reason). */
function toRows(i: ReviewItem): Row[] {
  return i.texts.map((t) => ({
    key: `${i.caseId}|${t.textId}`,
    caseId: i.caseId,
    textId: t.textId,
    title: i.categoryLabel,
    urgent: i.urgent,
    meta: `案件编号 ${i.caseNo} · ${i.statusLabel} · ${formatTime(t.heldAt)}提交`,
    why: WHY[t.why ?? ''] ?? '待人工复核',
    kindLabel: t.kindLabel,
    text: t.text,
    isSummary: t.textId === 'summary',
  }));
}

definePage({
  role: { roles: ['director'], name: STAFF_ROLE_LABEL.director },
  data: {
    rows: [] as Row[],
    hasMore: false,
    /** The text being edited (its row key), and the edit. */
    editing: '',
    edited: '',
    reason: '',
    /** The row a decision is being sent for (its buttons show it). */
    acting: '',
  },
  async load(grant) {
    const data = await this.runLoad(() => caseApi.reviewQueue({ orgId: grant.orgId }));
    if (data) this.setData({ rows: data.items.flatMap(toRows), hasMore: data.hasMore, editing: '', acting: '' });
  },
  methods: {
    /** 放行: the text is fine as it is; the other party will see it. */
    async onClear(e: WechatMiniprogram.BaseEvent<Record<string, never>, { key?: string }>) {
      const row = this.data.rows.find((r) => r.key === e.currentTarget.dataset.key);
      if (!row || this.data.busy) return;
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
      this.setData({ acting: row.key });
      await this.submit(caseApi.review, { caseId: row.caseId, decision: 'clear', textId: row.textId }, { done: '已放行', reloadOn: ['CONFLICT', 'NOT_UNDER_REVIEW'] });
      this.setData({ acting: '' });
    },
    /** 删改: opens the text for editing, starting from what was written. */
    onEdit(e: WechatMiniprogram.BaseEvent<Record<string, never>, { key?: string }>) {
      const row = this.data.rows.find((r) => r.key === e.currentTarget.dataset.key);
      if (row) this.setData({ editing: row.key, edited: row.text, reason: '', errors: {} });
    },
    onCancelEdit() {
      this.setData({ editing: '', errors: {} });
    },
    onEdited(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ edited: e.detail.value, 'errors.edited': '' });
    },
    onReason(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ reason: e.detail.value, 'errors.reason': '' });
    },
    /** 删改后放行: the edited text replaces the one held, with the reason on the case's record. */
    async onRedact() {
      const { editing, edited, reason } = this.data;
      const row = this.data.rows.find((r) => r.key === editing);
      if (!row) return;
      const errors: Record<string, string> = {};
      const min = row.isSummary ? 5 : 2;
      if (edited.trim().length < min) errors.edited = row.isSummary ? '请至少保留五个字的情况说明' : '请填写处理后的内容';
      if (reason.trim().length < 2) errors.reason = '请填写处理理由';
      if (Object.keys(errors).length) {
        this.setData({ errors });
        return;
      }
      this.setData({ acting: row.key });
      const base = { caseId: row.caseId, decision: 'redact' as const, textId: row.textId, reason: reason.trim() };
      await this.submit(caseApi.review, row.isSummary ? { ...base, summary: edited.trim() } : { ...base, text: edited.trim() }, {
        done: '已删改并放行',
        // The server names the edited field `summary` or `text`; both are this form's one text box.
        fields: (f): Record<string, string> => ({ ...(f.summary || f.text ? { edited: f.summary ?? f.text } : {}), ...(f.reason ? { reason: f.reason } : {}) }),
        reloadOn: ['CONFLICT', 'NOT_UNDER_REVIEW'],
      });
      this.setData({ acting: '' });
    },
  },
});
