// Text the content check did not pass (a `review` verdict, or the check itself failing) is never dropped: the
// case is registered as usual and waits in its organisation's review queue until a director clears it or
// replaces it with a redacted version. Until then the other party does not see it.
import type { z } from 'zod';
import { ReviewInput, ReviewQueueInput } from './schemas';
import { queryDocs } from '../kernel/db';
import { AppError } from '../kernel/errors';
import type { ServerDeps } from '../kernel/function';
import type { RequestContext } from '../kernel/route';
import { loadCaller } from './caller';
import { loadDirectory } from './org-cache';
import { serverStep } from './server-step';
import { CASES, type CaseDoc } from './store';
import { asStaff, listItem, stepResult } from './use-cases';
import type { CaseListItem, CaseStepResult, Page, ReviewItem } from './case.types';

type Ctx = RequestContext<ServerDeps>;


/** Directors: cases of their organisation whose text awaits review, oldest first. */
export async function reviewQueue(input: z.infer<typeof ReviewQueueInput>, ctx: Ctx): Promise<Page<ReviewItem> & { orgId: string }> {
  const { db } = ctx.deps;
  const caller = await loadCaller(db, ctx.openid);
  const grants = caller.roles.filter((g) => g.role === 'director');
  const orgId = input.orgId ?? grants[0]?.orgId;
  if (!orgId || !grants.some((g) => g.orgId === orgId)) throw AppError.of('FORBIDDEN');
  const [docs, dir] = await Promise.all([
    queryDocs<CaseDoc>(
      db
        .collection(CASES)
        .where({ actingOrgIds: orgId, 'contentReview.status': 'pending' })
        .orderBy('registeredAt', 'asc')
        .skip(input.page * input.pageSize)
        .limit(input.pageSize + 1),
    ),
    loadDirectory(db),
  ]);
  return {
    orgId,
    items: docs.slice(0, input.pageSize).map((d) => ({ ...listItem(d, dir), summary: d.case.summary, ...(d.contentReview?.why ? { why: d.contentReview.why } : {}), heldAt: d.contentReview!.at })),
    hasMore: docs.length > input.pageSize,
  };
}

export async function reviewContent(input: z.infer<typeof ReviewInput>, ctx: Ctx): Promise<CaseStepResult> {
  const at = ctx.now.toISOString();
  const { result } = await serverStep(ctx, input.caseId, input, asStaff(['director']), ({ doc, dir }) => {
    if (doc.contentReview?.status !== 'pending') throw new AppError('NOT_UNDER_REVIEW', '该案件没有待审核的内容');
    const redact = input.decision === 'redact';
    const state = redact ? { ...doc.case, summary: input.summary } : doc.case;
    return {
      audit: [{ type: 'content_reviewed', data: { decision: input.decision, ...(redact ? { reason: input.reason } : {}) } }],
      state,
      fields: { contentReview: { ...doc.contentReview, status: redact ? 'redacted' : 'cleared', by: ctx.openid, reviewedAt: at, ...(redact ? { reason: input.reason } : {}) } },
      result: stepResult(state, dir),
    };
  });
  return result;
}
