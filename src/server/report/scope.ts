// Who may read figures and registers of an organisation, and the cases those are computed from.
import { isInSubtree, subtree } from '../../domain/org/tree';
import { readAllPages } from '../kernel/db';
import { AppError } from '../kernel/errors';
import type { Database } from '../kernel/platform';
import { loadCaller, type Caller } from '../cases/caller';
import type { Directory } from '../cases/org-cache';
import { CASES, type CaseDoc } from '../cases/store';
import type { ReportViewer } from './report.types';

export async function authoriseOrg(db: Database, openid: string, dir: Directory, orgId: string): Promise<{ caller: Caller; viewer: ReportViewer }> {
  if (!dir.orgs.has(orgId)) throw AppError.of('NOT_FOUND');
  const caller = await loadCaller(db, openid);
  const viewer = viewerOver(caller, dir, orgId);
  if (viewer) return { caller, viewer };
  throw AppError.of('FORBIDDEN');
}

/** How a caller already loaded sees an organisation's reports: as a director or supervisor over it, or not at all. */
export function viewerOver(caller: Caller, dir: Directory, orgId: string): ReportViewer | undefined {
  const over = (role: string) => caller.roles.some((g) => g.role === role && isInSubtree(dir.tree, g.orgId, orgId));
  if (over('director')) return 'director';
  if (over('supervisor')) return 'supervisor';
  return undefined;
}

/** The organisation a caller reports for by default: their first director or supervisor grant. */
export function defaultOrgOf(caller: Caller): string | undefined {
  return caller.roles.find((g) => g.role === 'director' || g.role === 'supervisor')?.orgId;
}


/**
 * Every case an organisation's subtree first received or now holds, registered before `before`: the inputs
 * of its figures and registers. Two indexed queries (first-inquiry organisation, responsible organisation).
 */
export async function casesOfSubtree(db: Database, dir: Directory, orgId: string, before: string): Promise<CaseDoc[]> {
  const ids = subtree(dir.tree, orgId).map((o) => o.id);
  const _ = db.command;
  const byField = (field: 'firstInquiryOrgId' | 'responsibleOrgId') =>
    readAllPages<CaseDoc>((skip, limit) =>
      db
        .collection(CASES)
        .where({ [field]: _.in(ids), registeredAt: _.lt(before) })
        .orderBy('registeredAt', 'asc')
        .orderBy('_id', 'asc')
        .skip(skip)
        .limit(limit),
    );
  const [first, held] = await Promise.all([byField('firstInquiryOrgId'), byField('responsibleOrgId')]);
  const seen = new Map<string, CaseDoc>();
  for (const d of [...first, ...held]) seen.set(d._id, d);
  return [...seen.values()].sort((a, b) => a.registeredAt.localeCompare(b.registeredAt) || a._id.localeCompare(b._id));
}
