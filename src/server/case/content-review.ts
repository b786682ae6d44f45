// Text the content check did not pass (a `review` verdict, or the check itself failing) is never dropped: the
// case is registered as usual and waits in its organisation's review queue until a director clears it or
// replaces it with a redacted version. Until then the other party does not see it.
import { z } from 'zod';
import { queryDocs } from '../kernel/db';
import { AppError } from '../kernel/errors';
import type { ServerDeps } from '../kernel/function';
import type { RequestContext } from '../kernel/route';
import { loadCaller } from './caller';
import { loadDirectory } from './org-cache';
import { redactPersonalNumbers } from './redact';
import { serverStep } from './server-step';
import { CASES, type CaseDoc } from './store';
import { asStaff, listItem, stepResult, type CaseListItem, type CaseStepResult } from './use-cases';

const Id = z.string().regex(/^[a-z0-9][a-z0-9_-]{1,63}$/, '编号格式不正确');

export const ReviewQueueInput = z.strictObject({
  orgId: Id.optional(),
  pageSize: z.number().int().min(1).max(50).default(20),
  page: z.number().int().min(0).max(1000).default(0),
});

export const ReviewInput = z.discriminatedUnion('decision', [
  z.strictObject({ caseId: z.string().regex(/^c[0-9a-f]{20}$/, '案件编号格式不正确'), decision: z.literal('clear') }),
  z.strictObject({
    caseId: z.string().regex(/^c[0-9a-f]{20}$/, '案件编号格式不正确'),
    decision: z.literal('redact'),
    summary: z.string().trim().min(5, '请至少保留五个字的情况说明').max(2000, '情况说明不超过 2000 个字').transform(redactPersonalNumbers),
    reason: z.string().trim().min(2, '请填写处理理由').max(500, '理由不超过 500 个字').transform(redactPersonalNumbers),
  }),
]);

type Ctx = RequestContext<ServerDeps>;

export interface ReviewItem extends CaseListItem {
  summary: string;
  why?: string;
  heldAt: string;
}

/** Directors: cases of their organisation whose text awaits review, oldest first. */
export async function reviewQueue(input: z.infer<typeof ReviewQueueInput>, ctx: Ctx): Promise<{ orgId: string; items: ReviewItem[]; hasMore: boolean }> {
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
