// 调解邀请: the page a share card or QR code opens for the other party. It shows only what they need to
// decide (who asks, which organisation, by when; no dispute text), then joins them to the case
// (`case.join`) and sends their answer with their side of the story (`case.reply`), and opens the same case
// page the applicant uses.
import { largeTextBehavior } from '../../../../behaviors/large-text';
import { loadStateBehavior, RunLoadOptions } from '../../../../behaviors/load-state';
import { CallResult, newRequestId, showError } from '../../../../services/index';
import { askToSubscribe, InvitePreviewData, ReplyChoice, residentApi } from '../../../../services/resident';
import { formatTime, intentId, settleIntent } from '../../../../utils/staff';
import { ROUTES } from '../../../../utils/routes';

export const CODE_PATTERN = /^[A-Z2-7]{26}$/;

export const CHOICES: Array<{ value: ReplyChoice; label: string; hint: string }> = [
  { value: 'agree', label: '同意调解', hint: '调解组织会联系您商定时间' },
  { value: 'ask_for_time', label: '需要时间考虑', hint: '可以先和家人商量，期限内再答复' },
  { value: 'refuse', label: '不同意调解', hint: '不影响对方和您通过其他途径解决' },
];

/** The invitation code from a share card (`?code=`) or a QR code (`?scene=`), normalised. */
export function codeFrom(query: Record<string, string | undefined>): string {
  const raw = query.code ?? (query.scene ? decodeURIComponent(query.scene) : '');
  return raw.replace(/^code=/, '').trim().toUpperCase();
}

interface RespondPage {
  data: { code: string; codeInput: string; preview: (InvitePreviewData & { dueText: string }) | null; joinedCaseId: string; side: string; busy: boolean };
  runLoad<T>(loader: () => Promise<CallResult<T>>, opts?: RunLoadOptions<T>): Promise<T | undefined>;
  setData(patch: Record<string, unknown>): void;
  load(): Promise<void>;
}

const page = (self: unknown) => self as RespondPage;
/** One join request id per page visit: joining is the same intent however often it is retried. */
const joinIds = new WeakMap<object, string>();
const replyIntent = new WeakMap<object, object>();

Component({
  behaviors: [largeTextBehavior, loadStateBehavior],
  data: {
    code: '',
    codeInput: '',
    codeError: '',
    preview: null as (InvitePreviewData & { dueText: string }) | null,
    choices: CHOICES,
    joinedCaseId: '',
    side: '',
    busy: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const p = page(this);
      const code = codeFrom(query);
      if (!code) {
        p.setData({ loadState: 'ready' }); // no code: ask for it
        return;
      }
      p.setData({ code });
      void p.load();
    },
    async load() {
      const p = page(this);
      const { code } = p.data;
      if (!CODE_PATTERN.test(code)) {
        p.setData({ loadState: 'error', loadError: '邀请码无效，请向调解组织核实' });
        return;
      }
      const preview = await p.runLoad(() => residentApi.openInvite(code), { isEmpty: () => false });
      if (preview) {
        p.setData({
          preview: { ...preview, dueText: preview.replyDueAt ? formatTime(preview.replyDueAt) : '' },
          joinedCaseId: preview.joined === 'me' ? preview.caseId : '',
        });
      }
    },
    onCodeInput(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      page(this).setData({ codeInput: e.detail.value, codeError: '' });
    },
    onOpenCode() {
      const p = page(this);
      const code = p.data.codeInput.replace(/\s+/g, '').toUpperCase();
      if (!CODE_PATTERN.test(code)) {
        p.setData({ codeError: '请输入 26 位邀请码（字母和数字）' });
        return;
      }
      p.setData({ code });
      void p.load();
    },
    onSide(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      page(this).setData({ side: e.detail.value });
    },
    onCall() {
      const phone = page(this).data.preview?.orgPhone;
      if (phone) wx.makePhoneCall({ phoneNumber: phone, fail: () => undefined });
    },
    async onReply(e: WechatMiniprogram.BaseEvent<Record<string, never>, { value?: ReplyChoice }>) {
      const p = page(this);
      const reply = e.currentTarget.dataset.value;
      const { preview, code, busy } = p.data;
      if (!reply || !preview || busy) return;
      const side = p.data.side.trim();
      if (side.length > 500) {
        wx.showToast({ title: '您的说法不超过 500 个字', icon: 'none' });
        return;
      }
      if (reply === 'agree') await askToSubscribe(['session', 'caseProgress']);
      p.setData({ busy: true });
      let caseId = p.data.joinedCaseId;
      if (!caseId) {
        let joinId = joinIds.get(this);
        if (!joinId) joinIds.set(this, (joinId = newRequestId()));
        const joined = await residentApi.join(code, { requestId: joinId });
        if (!joined.ok) {
          p.setData({ busy: false });
          if (joined.code !== 'NETWORK_ERROR') joinIds.delete(this);
          showError(joined);
          return;
        }
        caseId = joined.data.caseId;
        p.setData({ joinedCaseId: caseId });
      }
      let host = replyIntent.get(this);
      if (!host) replyIntent.set(this, (host = {}));
      const res = await residentApi.reply(caseId, reply, side, { requestId: intentId(host, { caseId, reply, side }) });
      p.setData({ busy: false });
      if (!res.ok) {
        if (res.code !== 'NETWORK_ERROR') settleIntent(host);
        showError(res);
        return;
      }
      settleIntent(host);
      wx.redirectTo({ url: `${ROUTES.caseDetail}?id=${encodeURIComponent(caseId)}` });
    },
    onOpenCase() {
      const caseId = page(this).data.joinedCaseId;
      if (caseId) wx.redirectTo({ url: `${ROUTES.caseDetail}?id=${encodeURIComponent(caseId)}` });
    },
  },
});
