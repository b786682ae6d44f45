// Text the content check held (content-review.ts, text-screen.ts) reaches only the one who wrote it and the staff
// working the case until a director clears it or replaces it with a redacted version. Every place a case's text
// leaves the server — the case screen, the bookings, the data export, printed documents — decides here, so the
// rule is one rule.
//
// Two kinds of held text: the dispute's own summary (`contentReview` on the case, held at filing), and every
// other text one person writes and others read (`heldTexts`: replies, reasons, notes, comments). A held text is
// withheld wherever it is stored on the case, matched by its exact words: a copy made while it waits (a booking's
// note carried to the new time, a reschedule's reason on the timeline as 改期：…, an extension's reason once the
// limit is extended) is withheld with it.
import type { HeldTextKind, Relation } from '../case/case.types';
import type { CaseDoc, HeldText, ReadCaseDoc } from './store';

/** Printed in place of the dispute text while it waits for review. */
export const HELD_TEXT_PLACEHOLDER = '（纠纷情况正在审核，审核后再生成即可打印）';
/** Shown, where a text is required on the screen, in place of one withheld from this reader. */
export const HELD_NOTE_PLACEHOLDER = '（该内容正在审核，审核通过后显示）';
/** Printed in place of any other text while it waits for review. */
export const HELD_NOTE_PRINT_PLACEHOLDER = '（该内容正在审核，审核后再生成即可打印）';

/** What the reviewing director is told each text is. */
export const HELD_TEXT_LABEL: Record<HeldTextKind, string> = {
  summary: '纠纷情况',
  reply_reason: '对调解邀请的答复理由',
  recusal_reason: '申请回避的理由',
  withdrawal_reason: '撤回申请的理由',
  termination_reason: '终止调解的理由',
  extension_reason: '延长调解期限的理由',
  extension_refusal: '不同意延期的理由',
  rating_comment: '评价意见',
  booking_note: '预约备注',
  reschedule_reason: '改期理由',
  cancel_reason: '取消预约的理由',
  return_visit_notes: '回访情况',
  expert_reason: '邀请或撤回特邀专家的理由',
};

/** A reschedule's reason is kept on the timeline as the cancelled session's reason, prefixed. */
const COPIES: Array<(text: string) => string> = [(t) => t, (t) => `改期：${t}`];

export function isHeldForReview(doc: Pick<CaseDoc, 'contentReview'>): boolean {
  return doc.contentReview?.status === 'pending';
}

/** The applicant with an account wrote the text (filed it themselves). */
function wroteIt(doc: ReadCaseDoc, openid: string): boolean {
  return doc.case.parties.some((p) => p.role === 'applicant' && p.userId === openid);
}

/**
 * Whether this reader may read the dispute text now: parties and staff when it is not held; while held, staff
 * and its author only. Followers and supervisors never (progress only, no personal data).
 */
export function mayReadDisputeText(doc: ReadCaseDoc, relation: Relation, openid: string): boolean {
  if (relation !== 'party' && relation !== 'staff') return false;
  return !isHeldForReview(doc) || relation === 'staff' || wroteIt(doc, openid);
}

/** The text for a page that leaves the office (a document handed to parties or sent to another organisation). */
export function printableDisputeText(doc: ReadCaseDoc): string {
  return isHeldForReview(doc) ? HELD_TEXT_PLACEHOLDER : doc.case.summary;
}

export function pendingTexts(doc: Pick<CaseDoc, 'heldTexts'>): HeldText[] {
  return (doc.heldTexts ?? []).filter((t) => t.status === 'pending');
}

const carries = (shown: string, held: HeldText[]) => held.some((h) => COPIES.some((copy) => copy(h.text) === shown));

/**
 * For one reader: whether a text stored on the case is withheld from them now — a held text they did not write,
 * unless they work the case.
 */
export function withheldFrom(doc: ReadCaseDoc, relation: Relation, openid: string): (text: string | undefined) => boolean {
  if (relation === 'staff') return () => false;
  const others = pendingTexts(doc).filter((t) => t.authorId !== openid);
  if (!others.length) return () => false;
  return (text) => text !== undefined && carries(text, others);
}

/** Whether a text stored on the case is one still held (for marking it to those who see it). */
export function underReview(doc: ReadCaseDoc): (text: string | undefined) => boolean {
  const held = pendingTexts(doc);
  if (!held.length) return () => false;
  return (text) => text !== undefined && carries(text, held);
}

/** A text for a page that leaves the office: a held one is not printed until a director clears it. */
export function printableText(doc: ReadCaseDoc): (text: string) => string {
  const held = underReview(doc);
  return (text) => (held(text) ? HELD_NOTE_PRINT_PLACEHOLDER : text);
}

/**
 * The case with `from` replaced by `to` wherever a held text is stored (a director's redaction): the timeline's
 * reasons, the closing reason, ratings, return visits, the extension request and the bookings.
 */
export function replaceHeldText(doc: CaseDoc, from: string, to: string): Pick<CaseDoc, 'case' | 'timeline'> & Partial<Pick<CaseDoc, 'extensionRequest'>> & { bookings?: unknown[] } {
  const swap = (s: string | undefined): string | undefined => {
    if (s === undefined) return s;
    for (const copy of COPIES) if (s === copy(from)) return copy(to);
    return s;
  };
  const c = doc.case;
  const state = {
    ...c,
    ...(c.status === 'closed' && c.closeReason !== undefined ? { closeReason: swap(c.closeReason) } : {}),
    ...(c.ratings ? { ratings: c.ratings.map((r) => (r.comment !== undefined ? { ...r, comment: swap(r.comment)! } : r)) } : {}),
    returnVisits: c.returnVisits.map((v) => ({ ...v, notes: swap(v.notes)! })),
  } as CaseDoc['case'];
  const bookings = (doc as CaseDoc & { bookings?: Array<{ note?: string; ended?: { reason: string } }> }).bookings;
  return {
    case: state,
    timeline: doc.timeline.map((t) => (t.reason !== undefined ? { ...t, reason: swap(t.reason) } : t)),
    ...(doc.extensionRequest ? { extensionRequest: { ...doc.extensionRequest, reason: swap(doc.extensionRequest.reason)! } } : {}),
    ...(bookings
      ? {
          bookings: bookings.map((b) => ({
            ...b,
            ...(b.note !== undefined ? { note: swap(b.note) } : {}),
            ...(b.ended ? { ended: { ...b.ended, reason: swap(b.ended.reason)! } } : {}),
          })),
        }
      : {}),
  };
}
