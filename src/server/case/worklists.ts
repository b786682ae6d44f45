// Staff worklists: a mediator's own open cases and closed cases still owing a return visit (their inbox), and a
// director's board of cases past a deadline.
// Each is one indexed query (the board: with the caller and the names in it) — a screen loads in one call.
import type { z } from 'zod';
import { AssignedInput, OverdueInput } from './schemas';
import { isInSubtree } from '../../domain/org/tree';
import { queryDocs } from '../kernel/db';
import { AppError } from '../kernel/errors';
import type { ServerDeps } from '../kernel/function';
import type { RequestContext } from '../kernel/route';
import { loadCaller, type RoleGrant } from '../cases/caller';
import { getDocJoined } from '../kernel/joined-read';
import { loadDirectory } from '../cases/org-cache';
import { CASES, LIST_PROJECTION, type CaseDoc, type ListedCaseDoc } from '../cases/store';
import { listItem } from './reads';
import type { AssignedItem, OverdueItem, Page } from './case.types';

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
    queryDocs<ListedCaseDoc>(
      db
        .collection(CASES)
        // Open cases, and closed ones while the return visit owed after closing (回访) is still to be made.
        .where(_.or(branches))
        .orderBy('registeredAt', 'desc')
        .orderBy('_id', 'desc')
        .skip(input.page * input.pageSize)
        .limit(input.pageSize + 1)
        .field(LIST_PROJECTION),
    ),
    loadDirectory(db),
  ]);
  const asExpert = (d: ListedCaseDoc) => expert && (d.expertIds ?? []).includes(ctx.openid) && d.mediatorId !== ctx.openid;
  return {
    items: docs.slice(0, input.pageSize).map((d) => ({ ...listItem(d, dir), status: d.status, ...(asExpert(d) ? { asExpert: true } : {}) })),
    hasMore: docs.length > input.pageSize,
  };
}

/** Staff of the organisation read with the caller, for the names the board shows (a committee's fit). */
const STAFF_LIMIT = 200;

type UserDoc = { _id: string; name?: string; roles?: RoleGrant[] };

/**
 * Cases an organisation is answerable for whose next deadline has passed (open ones, and closed ones still owing
 * their return visit), most overdue first. One request: the caller's record (their grants decide afterwards
 * whether they see the board at all), the page of cases through the `acting_due` index, and the names of the
 * organisation's staff; a mediator who is not (or no longer) on its staff costs one more, for the names.
 */
export async function overdueBoard(
  input: z.infer<typeof OverdueInput>,
  ctx: Ctx,
): Promise<Page<OverdueItem> & { orgId: string }> {
  const { db } = ctx.deps;
  const _ = db.command;
  const dir = await loadDirectory(db);
  if (!dir.orgs.has(input.orgId)) throw new AppError('NOT_FOUND', '没有找到该调解组织');
  const read = await getDocJoined<UserDoc, 'cases' | 'staff'>(db, 'users', ctx.openid, {
    cases: {
      from: CASES,
      where: { actingOrgIds: input.orgId, nextDueAt: _.lt(ctx.now.toISOString()) },
      orderBy: [
        ['nextDueAt', 'asc'],
        ['_id', 'asc'],
      ],
      skip: input.page * input.pageSize,
      limit: input.pageSize + 1,
      fields: ['case', 'mediatorId'],
    },
    staff: { from: 'users', where: { 'roles.orgId': input.orgId }, limit: STAFF_LIMIT, fields: ['name'] },
  });
  const roles = read?.doc.roles ?? [];
  if (!roles.some((g) => g.role === 'director' && isInSubtree(dir.tree, g.orgId, input.orgId))) throw AppError.of('FORBIDDEN');
  const docs = read!.joined.cases as unknown as CaseDoc[];
  const page = docs.slice(0, input.pageSize);
  const names = new Map((read!.joined.staff as unknown as UserDoc[]).map((u) => [u._id, u.name ?? '']));
  const others = [...new Set(page.map((d) => d.mediatorId).filter((m): m is string => Boolean(m) && !names.has(m!)))];
  if (others.length) {
    const people = await queryDocs<UserDoc>(db.collection('users').where({ _id: _.in(others) }).field({ name: true }).limit(others.length));
    for (const p of people) names.set(p._id, p.name ?? '');
  }
  return {
    orgId: input.orgId,
    items: page.map((d) => ({ ...listItem(d, dir), ...(d.mediatorId && names.get(d.mediatorId) ? { mediatorName: names.get(d.mediatorId) } : {}) })),
    hasMore: docs.length > input.pageSize,
  };
}
