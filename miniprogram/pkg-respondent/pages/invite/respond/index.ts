// 调解邀请: the page a share card or QR code opens for the other party. It shows only what they need to
// decide (who asks, which organisation, by when; no dispute text), then joins them to the case
// (`case.join`) and sends their answer with their side of the story (`case.reply`), and opens the same case
// page the applicant uses. Joining and answering are two intents, each with its own request id (the kit's):
// a retry after a lost answer neither joins twice nor answers twice.
import { definePage } from '../../../../kit/page';
import { askToSubscribe, caseApi } from '../../../../services/index';
import type { InvitePreview, ReplyChoice } from '../../../../services/index';
import { formatTime } from '../../../../utils/staff';
import { ROUTES } from '../../../../utils/routes';

export const CODE_PATTERN = /^[A-Z2-7]{26}$/;

export const CHOICES: Array<{ value: ReplyChoice; label: string; hint: string }> = [
  { value: 'agree', label: '同意调解', hint: '调解组织会联系您商定时间' },
  { value: 'ask_for_time', label: '需要时间考虑', hint: '可以先和家人商量，期限内再答复' },
  { value: 'refuse', label: '不同意调解', hint: '不影响对方和您通过其他途径解决' },
];

/** The invitation code from a share card (`?code=`) or a QR code (`?scene=`), normalised (the kit decodes the query). */
export function codeFrom(query: Record<string, string | undefined>): string {
  const raw = query.code ?? query.scene ?? '';
  return raw.replace(/^code=/, '').trim().toUpperCase();
}

definePage({
  data: {
    code: '',
    codeInput: '',
    codeError: '',
    preview: null as (InvitePreview & { dueText: string }) | null,
    choices: CHOICES,
    joinedCaseId: '',
    side: '',
  },
  onLoad(query) {
    this.setData({ code: codeFrom(query) });
  },
  async load() {
    const { code } = this.data;
    if (!code) {
      this.setData({ loadState: 'ready' }); // no code: ask for it
      return;
    }
    if (!CODE_PATTERN.test(code)) {
      this.setData({ loadState: 'error', loadError: '邀请码无效，请向调解组织核实' });
      return;
    }
    const preview = await this.runLoad(() => caseApi.openInvite({ code }), { isEmpty: () => false });
    if (preview) {
      this.setData({
        preview: { ...preview, dueText: preview.replyDueAt ? formatTime(preview.replyDueAt) : '' },
        joinedCaseId: preview.joined === 'me' ? preview.caseId : '',
      });
    }
  },
  methods: {
    onCodeInput(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ codeInput: e.detail.value, codeError: '' });
    },
    onOpenCode() {
      const code = this.data.codeInput.replace(/\s+/g, '').toUpperCase();
      if (!CODE_PATTERN.test(code)) {
        this.setData({ codeError: '请输入 26 位邀请码（字母和数字）' });
        return;
      }
      this.setData({ code });
      void this.load();
    },
    onSide(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ side: e.detail.value });
    },
    onCall() {
      const phone = this.data.preview?.orgPhone;
      if (phone) wx.makePhoneCall({ phoneNumber: phone, fail: () => undefined });
    },
    async onReply(e: WechatMiniprogram.BaseEvent<Record<string, never>, { value?: ReplyChoice }>) {
      const reply = e.currentTarget.dataset.value;
      const { preview, code, busy } = this.data;
      if (!reply || !preview || busy) return;
      const side = this.data.side.trim();
      if (side.length > 500) {
        wx.showToast({ title: '您的说法不超过 500 个字', icon: 'none' });
        return;
      }
      if (reply === 'agree') await askToSubscribe(['session', 'caseProgress']);
      let caseId = this.data.joinedCaseId;
      if (!caseId) {
        const joined = await this.submit(caseApi.join, { code }, { reload: false });
        if (!joined) return;
        caseId = joined.caseId;
        this.setData({ joinedCaseId: caseId });
      }
      const answered = await this.submit(caseApi.reply, { caseId, reply, ...(side ? { reason: side } : {}) }, { reload: false });
      if (answered) wx.redirectTo({ url: `${ROUTES.caseDetail}?id=${encodeURIComponent(caseId)}` });
    },
    /** A co-applicant, or anyone invited once the respondents were asked: joining is all there is to do. */
    async onJoin() {
      const { code, busy } = this.data;
      if (busy) return;
      await askToSubscribe(['session', 'caseProgress']);
      const joined = await this.submit(caseApi.join, { code }, { reload: false });
      if (joined) wx.redirectTo({ url: `${ROUTES.caseDetail}?id=${encodeURIComponent(joined.caseId)}` });
    },
    onOpenCase() {
      const caseId = this.data.joinedCaseId;
      if (caseId) wx.redirectTo({ url: `${ROUTES.caseDetail}?id=${encodeURIComponent(caseId)}` });
    },
  },
});
