// The case page's referral section (诉调/公调/检调/访调对接 in, 移交 out), worked out from the case as the server
// shows it to staff: the referring body's letter and whether the outcome still has to be reported back (回告), or
// what was handed to the authority a case was referred out to.
import { FEEDBACK_CHANNEL_LABEL } from '../../../../generated/labels';
import type { CaseView, FeedbackChannelCode } from '../../../../services/types';

/** How staff reported back (the server's codes, in its words). */
export const FEEDBACK_CHANNELS: ReadonlyArray<{ value: FeedbackChannelCode; label: string }> = (Object.keys(FEEDBACK_CHANNEL_LABEL) as FeedbackChannelCode[]).map(
  (value) => ({ value, label: FEEDBACK_CHANNEL_LABEL[value] }),
);

export interface ReferralSection {
  /** Referred in: the letter's lines, and where reporting back stands. */
  in: null | {
    title: string;
    lines: string[];
    /** 已回告 on the day, how; or what is owed. */
    feedbackText: string;
    overdue: boolean;
    /** Closed and not reported back yet: the form to record it is offered. */
    owed: boolean;
  };
  out: null | { title: string; lines: string[] };
}

export function referralSection(view: CaseView): ReferralSection | null {
  const r = view.referral;
  if (!r) return null;
  const i = r.in;
  const o = r.out;
  return {
    in: i
      ? {
          title: `${i.sourceLabel}：${i.body}`,
          lines: [
            `移交案号/编号：${i.reference}`,
            `移交日期：${i.referredOn}`,
            `回告期限：${i.feedbackDueOn ?? '未要求'}`,
            `联系人：${i.contact.name}${i.contact.mobile ? ` ${i.contact.mobile}` : ''}`,
          ],
          feedbackText: i.feedback
            ? `已回告：${i.feedback.sentOn}（${i.feedback.howLabel}）`
            : i.feedbackOverdue
              ? `回告已逾期：移交单位要求${i.feedbackDueOn}前回告`
              : i.feedbackOwed
                ? '案件已办结，请向移交单位回告调解结果'
                : '办结后须向移交单位回告调解结果',
          overdue: i.feedbackOverdue,
          owed: i.feedbackOwed,
        }
      : null,
    out: o
      ? {
          title: `已告知引导至${o.authorityLabel}`,
          lines: [
            `告知内容：${o.guidance}`,
            ...(o.handOver
              ? [
                  ...(o.handOver.body ? [`接收单位：${o.handOver.body}`] : []),
                  ...(o.handOver.receiver || o.handOver.receiverMobile ? [`接收人：${[o.handOver.receiver, o.handOver.receiverMobile].filter(Boolean).join(' ')}`] : []),
                  `移交日期：${o.handOver.handedOverOn}`,
                  `移交材料：${o.handOver.materials.join('、')}`,
                ]
              : []),
          ],
        }
      : null,
  };
}
