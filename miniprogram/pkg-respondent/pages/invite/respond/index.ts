// 调解邀请: the page a share card, a scanned mini-program code or a typed code opens for the other party. It shows only what they need to
// decide (who asks, which organisation, by when; no dispute text), then joins them to the case
// (`case.join`) and sends their answer with their side of the story (`case.reply`), and opens the same case
// page the applicant uses. Joining and answering are two intents, each with its own request id (the kit's):
// a retry after a lost answer neither joins twice nor answers twice.
import { definePage } from '../../../../kit/page';
import { askToSubscribe, caseApi } from '../../../../services/index';
import type { InvitePreview, ReplyChoice } from '../../../../services/index';
import { formatTime } from '../../../../utils/staff';
import { ROUTES } from '../../../../utils/routes';
import { confirmStep } from '../../../../utils/dialogs';

export const CODE_PATTERN = /^[A-Z2-7]{26}$/;
/** The short numeric code staff read out over the phone: typed into eight boxes, one digit each. */
export const SHORT_CODE_LENGTH = 8;
const SHORT_PATTERN = /^\d{8}$/;
/** This page, as a scanned code names it: a mini-program code's `path`, or a printed notice's QR text. */
export const INVITE_PAGE = 'pkg-respondent/pages/invite/respond/index';
export const FOREIGN_QR = '这不是调解邀请的二维码。请扫描调解组织给您的邀请通知或手机上的小程序码';

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

/**
 * The invitation code in what was scanned: a mini-program code opening this page (`path` with `scene=`), or a
 * printed notice's QR text, the same page path with `?code=` (see src/server/case/respondent.ts); anything else,
 * or a code of the wrong shape, is not an invitation (null).
 */
export function codeFromScan(scan: { path?: string; result?: string }): string | null {
  const text = (scan.path || scan.result || '').trim().replace(/^\//, '');
  const [page, query = ''] = text.split('?');
  if (page !== INVITE_PAGE) return null;
  const params: Record<string, string> = {};
  for (const pair of query.split('&')) {
    const [k, v = ''] = pair.split('=');
    if (k) params[k] = safeDecode(v);
  }
  const code = codeFrom(params);
  return CODE_PATTERN.test(code) ? code : null;
}

function safeDecode(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return '';
  }
}

const SHORT_CODE_REFUSALS = ['INVITE_SHORT_WRONG', 'INVITE_SHORT_EXPIRED', 'INVITE_SHORT_LOCKED'];
const EMPTY_BOXES = Array.from({ length: SHORT_CODE_LENGTH }, () => '');

/** The eight boxes' digits from what was typed or pasted (spaces and dashes of a pasted code dropped). */
export const digitsOf = (value: string) => value.replace(/\D/g, '').slice(0, SHORT_CODE_LENGTH);

const REFUSE_FOLLOWS = '不同意后，这件事的人民调解就此结束，调解组织不再就此事组织调解。您和对方仍可以通过其他途径解决，比如向人民法院起诉、申请仲裁。';

definePage({
  data: {
    code: '',
    codeInput: '',
    codeError: '',
    /** The short code as typed; `boxes` shows one digit per box, `cursor` the box the next digit goes in. */
    digits: '',
    boxes: EMPTY_BOXES,
    cursor: 0,
    digitsFocus: false,
    digitsError: '',
    /** The long code's box, for a printed notice or a message that carries it. */
    showLong: false,
    /** The short code is bound to the invited party's phone: the server asked for the caller's verified number. */
    needPhone: false,
    /** The getPhoneNumber button's one-time code, sent once with the short code when the server asked for it. */
    phoneCode: '',
    preview: null as (InvitePreview & { dueText: string }) | null,
    choices: CHOICES,
    joinedCaseId: '',
    side: '',
  },
  onLoad(query) {
    this.setData({ code: codeFrom(query) });
  },
  async load() {
    const { code, phoneCode } = this.data;
    if (!code) {
      this.setData({ loadState: 'ready' }); // no code: ask for it
      return;
    }
    if (!CODE_PATTERN.test(code) && !SHORT_PATTERN.test(code)) {
      this.setData({ loadState: 'error', loadError: '邀请码无效，请向调解组织核实' });
      return;
    }
    if (phoneCode) this.setData({ phoneCode: '' }); // WeChat's code answers once
    const preview = await this.runLoad(() => caseApi.openInvite({ code, ...(phoneCode ? { phoneCode } : {}) }), { isEmpty: () => false });
    if (!preview && this.data.loadErrorCode === 'INVITE_PHONE_REQUIRED') {
      this.setData({ loadState: 'ready', loadError: '', needPhone: true });
      return;
    }
    // A wrong, old or locked short code goes back to the boxes with the reason: a retry of the same digits would
    // only count as another wrong try.
    if (!preview && SHORT_PATTERN.test(code) && SHORT_CODE_REFUSALS.includes(this.data.loadErrorCode)) {
      this.setData({ code: '', loadState: 'ready', digitsError: this.data.loadError, loadError: '', digits: '', boxes: EMPTY_BOXES, cursor: 0 });
      return;
    }
    if (preview) {
      this.setData({
        needPhone: false,
        preview: { ...preview, dueText: preview.replyDueAt ? formatTime(preview.replyDueAt) : '' },
        joinedCaseId: preview.joined === 'me' ? preview.caseId : '',
      });
    }
  },
  methods: {
    /** One input behind the eight boxes: typing fills the next box, deleting empties the last, a paste fills all. */
    onDigits(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const digits = digitsOf(e.detail.value ?? '');
      const boxes = Array.from({ length: SHORT_CODE_LENGTH }, (_, i) => digits[i] ?? '');
      this.setData({ digits, boxes, cursor: Math.min(digits.length, SHORT_CODE_LENGTH - 1), digitsError: '' });
      if (digits.length === SHORT_CODE_LENGTH) this.onOpenDigits();
      return digits;
    },
    onFocusDigits() {
      this.setData({ digitsFocus: true });
    },
    onBlurDigits() {
      this.setData({ digitsFocus: false });
    },
    onOpenDigits() {
      const { digits } = this.data;
      if (!SHORT_PATTERN.test(digits)) {
        this.setData({ digitsError: `请输入 ${SHORT_CODE_LENGTH} 位数字邀请码` });
        return;
      }
      this.setData({ code: digits, digitsFocus: false });
      void this.load();
    },
    /** The getPhoneNumber button: WeChat's one-time code for the caller's own number, checked by the server. */
    onPhone(e: WechatMiniprogram.CustomEvent<{ code?: string; errMsg?: string }>) {
      const phoneCode = e.detail.code;
      if (!phoneCode) {
        wx.showModal({ title: '没有验证手机号', content: '不验证手机号就不能用数字邀请码加入。您也可以请调解组织把邀请卡片发到您的微信。', showCancel: false, confirmText: '知道了' });
        return;
      }
      this.setData({ phoneCode });
      void this.load();
    },
    onShowLong() {
      this.setData({ showLong: true });
    },
    /** 扫一扫: the mini-program code from the staff member's phone, or the QR code on a printed notice. */
    onScan() {
      wx.scanCode({
        scanType: ['wxCode', 'qrCode'],
        success: (res) => {
          const code = codeFromScan(res as { path?: string; result?: string });
          if (!code) {
            wx.showModal({ title: '无法识别', content: FOREIGN_QR, showCancel: false, confirmText: '知道了' });
            return;
          }
          this.setData({ code });
          void this.load();
        },
        fail: () => undefined, // closed the camera: nothing to say
      });
    },
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
      // Refusing ends the matter for them: say so, and where else to turn, before it is sent.
      if (reply === 'refuse' && !(await confirmStep('确定不同意调解吗？', REFUSE_FOLLOWS, '不同意调解'))) return;
      if (reply === 'agree') await askToSubscribe(['session_reminder', 'case_progress']);
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
      await askToSubscribe(['session_reminder', 'case_progress']);
      const joined = await this.submit(caseApi.join, { code }, { reload: false });
      if (joined) wx.redirectTo({ url: `${ROUTES.caseDetail}?id=${encodeURIComponent(joined.caseId)}` });
    },
    onOpenCase() {
      const caseId = this.data.joinedCaseId;
      if (caseId) wx.redirectTo({ url: `${ROUTES.caseDetail}?id=${encodeURIComponent(caseId)}` });
    },
  },
});
