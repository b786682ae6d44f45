// Text the content check held (content-review.ts) reaches only the one who wrote it and the staff working the
// case until a director clears it or replaces it with a redacted version. Every place the dispute text leaves
// the server — the case screen, the data export, printed documents — decides here, so the rule is one rule.
import type { Relation } from './case.types';
import type { CaseDoc } from './store';

/** Printed in place of the dispute text while it waits for review. */
export const HELD_TEXT_PLACEHOLDER = '（纠纷情况正在审核，审核后再生成即可打印）';

export function isHeldForReview(doc: Pick<CaseDoc, 'contentReview'>): boolean {
  return doc.contentReview?.status === 'pending';
}

/** The applicant with an account wrote the text (filed it themselves). */
function wroteIt(doc: CaseDoc, openid: string): boolean {
  return doc.case.parties.some((p) => p.role === 'applicant' && p.userId === openid);
}

/**
 * Whether this reader may read the dispute text now: parties and staff when it is not held; while held, staff
 * and its author only. Followers and supervisors never (progress only, no personal data).
 */
export function mayReadDisputeText(doc: CaseDoc, relation: Relation, openid: string): boolean {
  if (relation !== 'party' && relation !== 'staff') return false;
  return !isHeldForReview(doc) || relation === 'staff' || wroteIt(doc, openid);
}

/** The text for a page that leaves the office (a document handed to parties or sent to another organisation). */
export function printableDisputeText(doc: CaseDoc): string {
  return isHeldForReview(doc) ? HELD_TEXT_PLACEHOLDER : doc.case.summary;
}
