// The content check on free text one person writes and others read (replies, reasons, notes, comments): asked
// before the step's transaction opens (askContentCheck), its verdicts applied once the step is known to be allowed
// and before anything is saved (screenTexts):
// - `pass`: the text is saved as written;
// - `risky` (WeChat's 违规): the step is refused with CONTENT_REFUSED, naming the field, and nothing is saved —
//   the writer can say it another way;
// - `review`, or the check itself failing: the step goes through and the text is held (held-text.ts) — shown
//   to its writer and the staff, withheld from the others until a director clears or redacts it.
// (The dispute's own text at filing is never refused: under the first-inquiry rule nobody is turned away, so a
// `risky` filing is registered and held like a `review` one; see registerCase.)
import type { ContentVerdict } from '../kernel/content-check';
import { AppError } from '../kernel/errors';
import type { ServerDeps } from '../kernel/function';
import type { RequestContext } from '../kernel/route';
import type { HeldTextKind } from '../case/case.types';
import { HELD_TEXT_LABEL } from './held-text';
import type { CaseDoc, HeldText } from './store';

type Ctx = RequestContext<ServerDeps>;

export interface TextToCheck {
  kind: Exclude<HeldTextKind, 'summary'>;
  /** The input field that carried it, for the form to show the refusal in place. */
  field: string;
  text: string | undefined;
}

/** Verdicts already given in this request (a step retried after a lost race does not ask again). */
export type VerdictMemo = Map<string, ContentVerdict>;

/**
 * Asks the content check about each text not yet answered in this request (empty texts are not sent). Called
 * before the step's transaction opens: the check is a call to WeChat, and a transaction held open across it would
 * stay open (and be in the way of every other step on the case) for as long as WeChat takes to answer.
 */
export async function askContentCheck(ctx: Ctx, texts: TextToCheck[] | undefined, memo: VerdictMemo): Promise<void> {
  for (const t of texts ?? []) {
    if (!t.text?.trim()) continue;
    const key = verdictKey(t);
    if (!memo.has(key)) memo.set(key, await ctx.deps.contentCheck.check(t.text, ctx.openid));
  }
}

const verdictKey = (t: TextToCheck) => `${t.kind}\u0000${t.text}`;

/**
 * Applies the verdicts `askContentCheck` got, once the step is known to be allowed: throws CONTENT_REFUSED for a
 * risky text (nothing is saved), answers the texts to hold (with their ids) for the others that did not pass.
 */
export function screenTexts(ctx: Ctx, doc: Pick<CaseDoc, 'auditHead'>, texts: TextToCheck[] | undefined, memo: VerdictMemo): HeldText[] {
  const firstSeq = (doc.auditHead?.seq ?? 0) + 1;
  const at = ctx.now.toISOString();
  const held: HeldText[] = [];
  const refused: Record<string, string> = {};
  for (const t of texts ?? []) {
    if (!t.text?.trim()) continue;
    const verdict = memo.get(verdictKey(t));
    if (!verdict) throw new Error('screenTexts: the content check was not asked before the step (askContentCheck)');
    if (verdict.outcome === 'pass') continue;
    if (verdict.why === 'risky') {
      refused[t.field] = `${HELD_TEXT_LABEL[t.kind]}含有不宜发送的内容，请修改后再提交`;
      continue;
    }
    held.push({ textId: `t${firstSeq}${held.length ? `-${held.length + 1}` : ''}`, kind: t.kind, text: t.text, authorId: ctx.openid, why: verdict.why, at, status: 'pending' });
  }
  const fields = Object.keys(refused);
  if (fields.length) throw new AppError('CONTENT_REFUSED', refused[fields[0]], refused);
  return held;
}

/** The case fields and answer flag for texts held in a step. */
export function heldFields(doc: Pick<CaseDoc, 'heldTexts'>, held: HeldText[]): { fields: Record<string, unknown>; underReview: boolean } {
  if (!held.length) return { fields: {}, underReview: false };
  return { fields: { heldTexts: [...(doc.heldTexts ?? []), ...held] }, underReview: true };
}
