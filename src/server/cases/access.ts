// Who may see a case, decided on the server from the caller's role grants and the case's organisations.
import { isInSubtree } from '../../domain/org/tree';
import type { Case } from '../../domain/case/model';
import type { Caller } from './caller';
import type { Directory } from './org-cache';

/**
 * - party: an applicant or a linked respondent;
 * - staff: holds a working role (director, mediator, intake) at the responsible organisation, or is a director
 *   above it, or at an organisation a pending transfer or designation waits on. Access follows CURRENT grants
 *   only: the case's mediator is staff because they mediate at the responsible organisation, not because their
 *   openid is on the case — once a director removes that role (org.removeStaff) they see nothing more of it;
 * - follower: the first-inquiry organisation after the case moved on (progress only, 跟踪督办), and an
 *   information officer for the cases they reported;
 * - supervisor: the case lies in the supervisor's area (read-only);
 * - an invited expert (特邀调解员, role `expert` at the district centre) is staff of the cases a director added them to,
 *   and of no other: their grant at the district centre does not make them staff of its cases.
 */
export type { Relation } from '../case/case.types';
import type { Relation } from '../case/case.types';

/** Organisations the case currently asks something of (beside the responsible one). */
export function orgsActingOn(c: Case): string[] {
  const ids = [c.responsibleOrgId];
  if (c.status === 'transferring') ids.push(c.transfer.toOrgId);
  if (c.status === 'awaiting_designation') ids.push(c.designation.designatorOrgId);
  return ids;
}

export function relationTo(caller: Caller, c: Case, dir: Directory): Relation | undefined {
  if (c.parties.some((p) => p.userId && p.userId === caller.openid)) return 'party';
  // No shortcut for `c.mediatorId === caller.openid`: the assignment outlives the role (a removed mediator
  // stays on the case until a director reassigns it), so only the grants below decide.
  if (isCaseExpert(caller, c)) return 'staff';
  const acting = orgsActingOn(c);
  for (const g of caller.roles) {
    // Supervisors read from above; information officers report disputes but do not work cases; experts work only
    // the cases they were added to.
    if (g.role === 'supervisor' || g.role === 'officer' || g.role === 'expert') continue;
    if (acting.includes(g.orgId)) return 'staff';
    if (g.role === 'director' && acting.some((o) => isInSubtree(dir.tree, g.orgId, o))) return 'staff';
  }
  if (caller.roles.some((g) => g.role !== 'supervisor' && g.role !== 'officer' && g.role !== 'expert' && g.orgId === c.firstInquiry.orgId)) return 'follower';
  // An officer follows the reports they turned into cases.
  if (c.firstInquiry.personId === caller.openid && caller.roles.some((g) => g.role === 'officer')) return 'follower';
  const inArea = (orgId: string) => caller.roles.some((g) => g.role === 'supervisor' && isInSubtree(dir.tree, g.orgId, orgId));
  if (inArea(c.responsibleOrgId) || inArea(c.firstInquiry.orgId)) return 'supervisor';
  return undefined;
}

/** The organisation the caller acts for on this case: the first acting organisation where they hold a staff role. */
export function actingOrgFor(caller: Caller, c: Case, dir: Directory, roles: string[]): string | undefined {
  const acting = orgsActingOn(c);
  // A pending transfer or designation is decided by the organisation it is waiting on.
  const order = [...acting].reverse();
  for (const orgId of order) if (caller.roles.some((g) => g.orgId === orgId && roles.includes(g.role))) return orgId;
  for (const g of caller.roles) {
    if (g.role === 'director' && roles.includes('director') && acting.some((o) => isInSubtree(dir.tree, g.orgId, o))) return g.orgId;
  }
  return undefined;
}

/** The caller is on the case as an invited expert and still holds the expert role (current grants only). */
export function isCaseExpert(caller: Caller, c: Case): boolean {
  return (c.expertIds ?? []).includes(caller.openid) && caller.roles.some((g) => g.role === 'expert');
}
