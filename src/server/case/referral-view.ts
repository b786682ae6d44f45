// The referral links of a case as staff read them (诉调/公调/检调/访调对接 in, 移交 out): the referring body's
// letter and whether the outcome was reported back in time (回告), and what was handed to the authority a case
// was referred out to. Phone numbers are shown masked, like the parties'.
import { AUTHORITY_LABEL } from '../../domain/config/rules';
import { FEEDBACK_CHANNEL_LABEL, SOURCE_LABEL } from '../../domain/case/labels';
import { referralFeedbackOverdue } from '../../domain/case/decide-referral';
import { maskMobile } from '../../domain/personal/mask';
import { chinaDateOf } from '../../domain/shared/time';
import { sealedAt, type PiiCipher } from '../kernel/pii';
import type { ReferralView } from './case.types';
import type { ReadCaseDoc } from '../cases/store';

function openMasked(cipher: PiiCipher, sealed: string | undefined, context: string): string | undefined {
  if (!sealed) return undefined;
  try {
    return maskMobile(cipher.decrypt(sealed, context));
  } catch {
    return undefined;
  }
}

export function referralView(doc: ReadCaseDoc, cipher: PiiCipher, now: Date): ReferralView | undefined {
  const c = doc.case;
  const view: ReferralView = {};
  if (c.referredIn) {
    const r = c.referredIn;
    const mobile = openMasked(cipher, doc.referralContacts?.referrer, sealedAt.referralMobile(c.caseId, 'referrer'));
    view.in = {
      sourceLabel: SOURCE_LABEL[c.source],
      body: r.body,
      reference: r.reference,
      referredOn: r.referredOn,
      ...(r.feedbackDueOn ? { feedbackDueOn: r.feedbackDueOn } : {}),
      contact: { name: r.contactName, ...(mobile ? { mobile } : {}) },
      ...(c.referralFeedback ? { feedback: { sentOn: c.referralFeedback.sentOn, howLabel: FEEDBACK_CHANNEL_LABEL[c.referralFeedback.how] } } : {}),
      feedbackOwed: c.status === 'closed' && !c.referralFeedback,
      feedbackOverdue: referralFeedbackOverdue(c, chinaDateOf(now.toISOString())),
    };
  }
  if (c.status === 'closed' && c.referral) {
    const h = c.referral.handOver;
    const mobile = h ? openMasked(cipher, doc.referralContacts?.receiver, sealedAt.referralMobile(c.caseId, 'receiver')) : undefined;
    view.out = {
      authorityLabel: AUTHORITY_LABEL[c.referral.authority],
      guidance: c.referral.guidance,
      ...(h ? { handOver: { ...h, ...(mobile ? { receiverMobile: mobile } : {}) } } : {}),
    };
  }
  return view.in || view.out ? view : undefined;
}
