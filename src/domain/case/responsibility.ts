import type { Case } from './model';
import { parentChain, type OrgTree } from '../org/tree';

/** The one organisation answerable for the case now (exactly one at every moment). */
export function responsibleOrg(c: Case): string {
  return c.responsibleOrgId;
}

/** 首问责任单位: where the request first arrived; never changes. */
export function firstInquiryOrg(c: Case): string {
  return c.firstInquiry.orgId;
}

/** 首问责任人: the staff member who registered it, if staff did. */
export function firstInquiryPerson(c: Case): string | undefined {
  return c.firstInquiry.personId;
}

/**
 * Organisations told of the case's progress and outcome besides the responsible one: the first-inquiry
 * organisation keeps following a case it handed on (跟踪督办).
 */
export function followingOrgs(c: Case): string[] {
  return c.firstInquiry.orgId === c.responsibleOrgId ? [] : [c.firstInquiry.orgId];
}

/**
 * Organisations whose staff may read the case: the responsible and first-inquiry organisations, one
 * that must answer a transfer or make a designation, and every organisation above them (supervision).
 */
export function orgsWithReadAccess(c: Case, tree: OrgTree): string[] {
  const direct = [c.responsibleOrgId, c.firstInquiry.orgId];
  if (c.status === 'transferring') direct.push(c.transfer.toOrgId);
  if (c.status === 'awaiting_designation') direct.push(c.designation.designatorOrgId);
  const all = new Set<string>();
  for (const id of direct) for (const org of parentChain(tree, id)) all.add(org.id);
  for (const id of direct) all.add(id);
  return [...all];
}
