// Text the content check did not pass (a `review` verdict, or the check itself failing) is never dropped: the
// case is registered as usual, the step carrying a reply, reason, note or comment goes through, and the text
// waits in its organisation's review queue until a director clears it or replaces it with a redacted version.
// Until then the other party does not see it (held-text.ts). The queue lists every held text of a case: the
// dispute text (`summary`) and the others (`heldTexts`), each reviewed on its own by its id.
import type { z } from 'zod';
import { ReviewInput, ReviewQueueInput } from './schemas';
import { queryDocs } from '../kernel/db';
import { AppError } from '../kernel/errors';
import type { ServerDeps } from '../kernel/function';
import type { RequestContext } from '../kernel/route';
import { loadCaller, orgOfGrants } from '../cases/caller';
import { loadDirectory } from '../cases/org-cache';
import { serverStep, type ServerStepOutcome } from '../cases/server-step';
import { CASES, LIST_PROJECTION, type CaseDoc, type ListedCaseDoc } from '../cases/store';
import { asStaff, stepResult } from '../cases/steps';
import { listItem } from './reads';
import { HELD_TEXT_LABEL, pendingTexts, replaceHeldText } from '../cases/held-text';
import type { CaseStepResult, HeldTextItem, Page, ReviewItem } from './case.types';

type Ctx = RequestContext<ServerDeps>;

/** Every text of a case still waiting for review, the dispute text first. */
function heldItems(doc: ListedCaseDoc): HeldTextItem[] {
  const summary: HeldTextItem[] =
    doc.contentReview?.status === 'pending'
      ? [{ textId: 'summary', kind: 'summary', kindLabel: HELD_TEXT_LABEL.summary, text: doc.case.summary, ...(doc.contentReview.why ? { why: doc.contentReview.why } : {}), heldAt: doc.contentReview.at }]
      : [];
  const others = pendingTexts(doc).map((t): HeldTextItem => ({ textId: t.textId, kind: t.kind, kindLabel: HELD_TEXT_LABEL[t.kind], text: t.text, why: t.why, heldAt: t.at }));
  return [...summary, ...others.sort((a, b) => a.heldAt.localeCompare(b.heldAt))];
}

/** Directors: cases of their organisation with text awaiting review, oldest case first, each held text listed. */
export async function reviewQueue(input: z.infer<typeof ReviewQueueInput>, ctx: Ctx): Promise<Page<ReviewItem> & { orgId: string }> {
  const { db } = ctx.deps;
  const caller = await loadCaller(db, ctx.openid);
  const orgId = orgOfGrants(caller, ['director'], input.orgId);
  const _ = db.command;
  const [docs, dir] = await Promise.all([
    queryDocs<CaseDoc>(
      db
        .collection(CASES)
        // `reviewPending` covers every held text; a case held at filing before that field existed has only
        // its `contentReview`.
        .where(_.or([
          { actingOrgIds: orgId, reviewPending: true },
          { actingOrgIds: orgId, 'contentReview.status': 'pending' },
        ]))
        .orderBy('registeredAt', 'asc')
        .orderBy('_id', 'asc')
        .skip(input.page * input.pageSize)
        .limit(input.pageSize + 1)
        .field(LIST_PROJECTION),
    ),
    loadDirectory(db),
  ]);
  return {
    orgId,
    items: docs.slice(0, input.pageSize).flatMap((d) => {
      const texts = heldItems(d);
      if (!texts.length) return [];
      const held = d.contentReview?.status === 'pending' ? d.contentReview : undefined;
      const heldAt = texts.map((t) => t.heldAt).sort()[0];
      return [{ ...listItem(d, dir), summary: d.case.summary, ...(held?.why ? { why: held.why } : {}), heldAt, texts }];
    }),
    hasMore: docs.length > input.pageSize,
  };
}

/**
 * A director clears one held text or replaces it with a redacted version (with a reason): the dispute text when
 * no `textId` (or `summary`) is given, as before; otherwise the text the queue listed under that id.
 */
export async function reviewContent(input: z.infer<typeof ReviewInput>, ctx: Ctx): Promise<CaseStepResult> {
  const at = ctx.now.toISOString();
  const textId = input.textId ?? 'summary';
  const redact = input.decision === 'redact';
  const reason = redact ? input.reason : undefined;
  const { result } = await serverStep(ctx, input.caseId, input, asStaff(['director']), ({ doc, dir }): ServerStepOutcome<CaseStepResult> => {
    const audit = [{ type: 'content_reviewed' as const, data: { decision: input.decision, ...(textId !== 'summary' ? { textId } : {}), ...(reason ? { reason } : {}) } }];
    if (textId === 'summary') {
      if (doc.contentReview?.status !== 'pending') throw new AppError('NOT_UNDER_REVIEW', '该案件没有待审核的内容');
      const state = redact && input.summary !== undefined ? { ...doc.case, summary: input.summary } : doc.case;
      return {
        audit,
        state,
        fields: { contentReview: { ...doc.contentReview, status: redact ? 'redacted' : 'cleared', by: ctx.openid, reviewedAt: at, ...(reason ? { reason } : {}) } },
        result: stepResult(state, dir),
      };
    }
    const held = (doc.heldTexts ?? []).find((t) => t.textId === textId);
    if (!held) throw new AppError('TEXT_NOT_FOUND');
    if (held.status !== 'pending') throw new AppError('NOT_UNDER_REVIEW', '这段内容已审核过');
    const replacement = redact && input.text !== undefined ? input.text : undefined;
    // A redaction replaces the text wherever the case keeps it (the timeline, bookings, visits, …).
    const rewritten = replacement !== undefined ? replaceHeldText(doc, held.text, replacement) : undefined;
    const heldTexts = (doc.heldTexts ?? []).map((t) =>
      t.textId === textId ? { ...t, status: redact ? ('redacted' as const) : ('cleared' as const), by: ctx.openid, reviewedAt: at, ...(replacement !== undefined ? { text: replacement, reason } : {}) } : t,
    );
    const state = rewritten?.case ?? doc.case;
    const { case: _c, timeline, ...fields } = rewritten ?? { timeline: undefined };
    return {
      audit,
      state,
      ...(timeline ? { timeline } : {}),
      fields: { ...fields, heldTexts },
      result: stepResult(state, dir),
    };
  });
  return result;
}
