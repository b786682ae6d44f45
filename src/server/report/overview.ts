// A supervisor's (or director's) overview of an area: open and overdue cases per organisation, the overdue cases
// themselves and the recent closures — case numbers, categories and statuses only, never names, numbers or
// dispute text. It answers from the area's board, which the timer's roll-up keeps (boards.ts): two requests (the
// caller, then the board and the roll-up's time in one query) whatever the store holds, as of `asOf` (统计截至).
import type { z } from 'zod';
import { DEADLINE_LABEL, OUTCOME_LABEL, STATUS_LABEL } from '../../domain/case/labels';
import { boardAsOf, recentClosures, type BoardRow } from '../../domain/stats';
import { subtree } from '../../domain/org/tree';
import type { ServerDeps } from '../kernel/function';
import type { RequestContext } from '../kernel/route';
import { loadCaller } from '../cases/caller';
import { loadDirectory, orgName, type Directory } from '../cases/org-cache';
import { AppError } from '../kernel/errors';
import { defaultOrgOf, viewerOver } from './scope';
import { readAreaBoard } from './boards';
import { AS_OF_ID } from './figure-counters';
import type { OverviewInput } from './schemas';
import type { OverviewAnswer, OverviewRow as Row } from './report.types';

function rowOf(r: BoardRow, dir: Directory): Row {
  return {
    caseId: r.caseId,
    caseNo: r.caseNo,
    categoryLabel: dir.settings.categories.label(r.category),
    statusLabel: STATUS_LABEL[r.status],
    holderName: orgName(dir, r.orgId),
    ...(r.due ? { next: { label: DEADLINE_LABEL[r.due.kind], dueAt: r.due.at } } : {}),
    ...(r.outcome && r.closedAt ? { outcomeLabel: OUTCOME_LABEL[r.outcome], closedAt: r.closedAt } : {}),
  };
}

export async function overview(input: z.infer<typeof OverviewInput>, ctx: RequestContext<ServerDeps>): Promise<OverviewAnswer> {
  const { db } = ctx.deps;
  const dir = await loadDirectory(db);
  const loading = loadCaller(db, ctx.openid);
  const orgId = input.orgId ?? defaultOrgOf(await loading);
  if (!orgId) throw AppError.of('FORBIDDEN');
  if (!dir.orgs.has(orgId)) throw AppError.of('NOT_FOUND');
  // The board is read beside the caller; nothing of it is answered unless the caller may see the area.
  const [caller, { board, asOf }] = await Promise.all([loading, readAreaBoard(db, orgId, AS_OF_ID)]);
  if (!viewerOver(caller, dir, orgId)) throw AppError.of('FORBIDDEN');
  const now = ctx.now.toISOString();
  const counts = new Map((board?.byOrg ?? []).map((b) => [b.orgId, b]));
  return {
    orgId,
    orgName: orgName(dir, orgId),
    asOf: boardAsOf(asOf, board, now),
    byOrg: subtree(dir.tree, orgId).map((o) => ({ orgId: o.id, name: orgName(dir, o.id), open: counts.get(o.id)?.open ?? 0, overdue: counts.get(o.id)?.overdue ?? 0 })),
    overdue: (board?.overdueRows ?? []).map((r) => rowOf(r, dir)),
    recentClosures: recentClosures(board?.closures ?? [], now).map((r) => rowOf(r, dir)),
  };
}
