// A supervisor's (or director's) overview of an area right now: open and overdue cases per organisation,
// the overdue cases themselves and the recent closures — case numbers, categories and statuses only, never
// names, numbers or dispute text.
import type { z } from 'zod';
import { nextDeadline } from '../../domain/case/deadlines';
import { OUTCOME_LABEL } from '../../domain/case/labels';
import { subtree } from '../../domain/org/tree';
import type { ServerDeps } from '../kernel/function';
import type { RequestContext } from '../kernel/route';
import { loadCaller } from '../case/caller';
import { loadDirectory, orgName } from '../case/org-cache';
import { listItem } from '../case/use-cases';
import { AppError } from '../kernel/errors';
import { authoriseOrg, casesOfSubtree, defaultOrgOf } from './scope';
import type { OverviewInput } from './schemas';
import type { OverviewAnswer, OverviewRow as Row } from './report.types';

const RECENT_DAYS = 30;
const LIST_MAX = 50;

export async function overview(input: z.infer<typeof OverviewInput>, ctx: RequestContext<ServerDeps>): Promise<OverviewAnswer> {
  const { db } = ctx.deps;
  const dir = await loadDirectory(db);
  const orgId = input.orgId ?? defaultOrgOf(await loadCaller(db, ctx.openid));
  if (!orgId) throw AppError.of('FORBIDDEN');
  await authoriseOrg(db, ctx.openid, dir, orgId);
  const now = ctx.now.toISOString();
  const since = new Date(ctx.now.getTime() - RECENT_DAYS * 86_400_000).toISOString();
  const docs = await casesOfSubtree(db, dir, orgId, now);
  const area = subtree(dir.tree, orgId);
  const counts = new Map(area.map((o) => [o.id, { open: 0, overdue: 0 }]));
  const overdue: Array<{ due: string; row: Row }> = [];
  const closed: Array<{ at: string; row: Row }> = [];
  for (const d of docs) {
    const c = d.case;
    const { urgent: _u, registeredAt: _r, ...row } = listItem(d, dir);
    if (c.status === 'closed') {
      if (c.closedAt >= since) closed.push({ at: c.closedAt, row: { ...row, outcomeLabel: OUTCOME_LABEL[c.outcome], closedAt: c.closedAt } });
      continue;
    }
    const n = counts.get(c.responsibleOrgId);
    if (n) n.open += 1;
    const due = nextDeadline(c);
    if (due && due.dueAt < now) {
      if (n) n.overdue += 1;
      overdue.push({ due: due.dueAt, row });
    }
  }
  return {
    orgId,
    orgName: orgName(dir, orgId),
    byOrg: area.map((o) => ({ orgId: o.id, name: orgName(dir, o.id), ...counts.get(o.id)! })),
    overdue: overdue.sort((a, b) => a.due.localeCompare(b.due)).slice(0, LIST_MAX).map((x) => x.row),
    recentClosures: closed.sort((a, b) => b.at.localeCompare(a.at)).slice(0, LIST_MAX).map((x) => x.row),
  };
}
