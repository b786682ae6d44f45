// Staff worklists: a mediator's own open cases and closed cases still owing a return visit (their inbox), and a
// director's board of cases past a deadline.
// Each is one indexed query plus, for names, one more — a screen loads in one call.
import type { z } from 'zod';
import { AssignedInput, OverdueInput } from './schemas';
import { isInSubtree } from '../../domain/org/tree';
import { queryDocs } from '../kernel/db';
import { AppError } from '../kernel/errors';
import type { ServerDeps } from '../kernel/function';
import type { RequestContext } from '../kernel/route';
import { loadCaller } from '../cases/caller';
import { loadDirectory } from '../cases/org-cache';
import { CASES, type CaseDoc } from '../cases/store';
import { listItem } from './reads';
import type { AssignedItem, CaseListItem, OverdueItem, Page } from './case.types';

type Ctx = RequestContext<ServerDeps>;

export async function assignedToMe(input: z.infer<typeof AssignedInput>, ctx: Ctx): Promise<Page<AssignedItem>> {
  const { db } = ctx.deps;
  const caller = await loadCaller(db, ctx.openid);
  // Only cases of organisations where the caller mediates today: a mediator removed from one committee
  // but still mediating at another does not keep the first one's cases in their inbox.
  const orgIds = [...new Set(caller.roles.filter((g) => g.role === 'mediator').map((g) => g.orgId))];
  // An invited expert (特邀调解员) sees the open cases a director added them to, beside any they mediate.
  const expert = caller.roles.some((g) => g.role === 'expert');
  if (!orgIds.length && !expert) throw AppError.of('FORBIDDEN');
  const _ = db.command;
  const mine = { mediatorId: ctx.openid, responsibleOrgId: _.in(orgIds) };
  const branches = [
    ...(orgIds.length ? [{ ...mine, status: _.neq('closed') }, { ...mine, status: 'closed', nextDueAt: _.neq(null) }] : []),
    ...(expert ? [{ expertIds: ctx.openid, status: _.neq('closed') }] : []),
  ];
  const [docs, dir] = await Promise.all([
    queryDocs<CaseDoc>(
      db
        .collection(CASES)
        // Open cases, and closed ones while the return visit owed after closing (回访) is still to be made.
        .where(_.or(branches))
        .orderBy('registeredAt', 'desc')
        .orderBy('_id', 'desc')
        .skip(input.page * input.pageSize)
        .limit(input.pageSize + 1),
    ),
    loadDirectory(db),
  ]);
  const asExpert = (d: CaseDoc) => expert && (d.expertIds ?? []).includes(ctx.openid) && d.mediatorId !== ctx.openid;
  return {
    items: docs.slice(0, input.pageSize).map((d) => ({ ...listItem(d, dir), status: d.status, ...(asExpert(d) ? { asExpert: true } : {}) })),
    hasMore: docs.length > input.pageSize,
  };
}

/** Open cases an organisation is answerable for whose next deadline has passed, most overdue first. */
export async function overdueBoard(
  input: z.infer<typeof OverdueInput>,
  ctx: Ctx,
): Promise<Page<OverdueItem> & { orgId: string }> {
  const { db } = ctx.deps;
  const [caller, dir] = await Promise.all([loadCaller(db, ctx.openid), loadDirectory(db)]);
  if (!dir.orgs.has(input.orgId)) throw new AppError('NOT_FOUND', '没有找到该调解组织');
  if (!caller.roles.some((g) => g.role === 'director' && isInSubtree(dir.tree, g.orgId, input.orgId))) throw AppError.of('FORBIDDEN');
  const _ = db.command;
  const docs = await queryDocs<CaseDoc>(
    db
      .collection(CASES)
      .where({ actingOrgIds: input.orgId, nextDueAt: _.lt(ctx.now.toISOString()) })
      .orderBy('nextDueAt', 'asc')
      .orderBy('_id', 'asc')
      .skip(input.page * input.pageSize)
      .limit(input.pageSize + 1),
  );
  const page = docs.slice(0, input.pageSize);
  const mediatorIds = [...new Set(page.map((d) => d.mediatorId).filter((m): m is string => Boolean(m)))];
  const people = mediatorIds.length
    ? await queryDocs<{ _id: string; name?: string }>(db.collection('users').where({ _id: _.in(mediatorIds) }).field({ name: true }).limit(mediatorIds.length))
    : [];
  const names = new Map(people.map((p) => [p._id, p.name ?? '']));
  return {
    orgId: input.orgId,
    items: page.map((d) => ({ ...listItem(d, dir), ...(d.mediatorId && names.get(d.mediatorId) ? { mediatorName: names.get(d.mediatorId) } : {}) })),
    hasMore: docs.length > input.pageSize,
  };
}
