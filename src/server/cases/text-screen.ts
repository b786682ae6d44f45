// The content check on free text one person writes and others read (replies, reasons, notes, comments), run in
// the step that carries the text, after the step is known to be allowed and before anything is saved:
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
 * Checks each text; throws CONTENT_REFUSED for a risky one (nothing is saved), answers the texts to hold (with
 * their ids) for the others that did not pass. Empty texts are not sent.
 */
export async function screenTexts(ctx: Ctx, doc: Pick<CaseDoc, 'auditHead'>, texts: TextToCheck[] | undefined, memo: VerdictMemo = new Map()): Promise<HeldText[]> {
  const firstSeq = (doc.auditHead?.seq ?? 0) + 1;
  const at = ctx.now.toISOString();
  const held: HeldText[] = [];
  const refused: Record<string, string> = {};
  for (const t of texts ?? []) {
    if (!t.text?.trim()) continue;
    const key = `${t.kind}\u0000${t.text}`;
    let verdict = memo.get(key);
    if (!verdict) {
      verdict = await ctx.deps.contentCheck.check(t.text, ctx.openid);
      memo.set(key, verdict);
    }
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
