import type { DomainContext } from './context';
import type { Case, MediatingCase, Party } from './model';
import { domainError, type DomainError, type DomainErrorCode } from '../shared/errors';

/** The reasons a command can be refused, with the Chinese a user reads. Codes are stable. */
export const fail = (code: DomainErrorCode, message?: string): DomainError => domainError(code, message);

const STAFF_ROLES = ['intake', 'mediator', 'director'] as const;

export function isStaffOf(ctx: DomainContext, orgId: string): boolean {
  return ctx.actor.orgId === orgId && ctx.actor.roles.some((r) => (STAFF_ROLES as readonly string[]).includes(r));
}

export function isDirectorOf(ctx: DomainContext, orgId: string): boolean {
  return ctx.actor.orgId === orgId && ctx.actor.roles.includes('director');
}

export function isSystem(ctx: DomainContext): boolean {
  return ctx.actor.roles.includes('system');
}

export function isCaseMediator(ctx: DomainContext, c: Case): boolean {
  return !!c.mediatorId && c.mediatorId === ctx.actor.userId && ctx.actor.roles.includes('mediator');
}

export function findParty(c: Case, partyId: string): Party | undefined {
  return c.parties.find((p) => p.partyId === partyId);
}

/** The party acting for themselves, recognised by their account. */
export function isThePartyThemself(ctx: DomainContext, party: Party): boolean {
  return !!party.userId && party.userId === ctx.actor.userId;
}

/** The party's linked account is their agent's, and the agent lacks special authorisation (特别授权). */
export function actsWithoutSpecialPowers(party: Party): boolean {
  return party.account === 'agent' && !party.agent?.specialPowers;
}

/** A party acting, or staff of the responsible organisation recording what the party said (phone, window). */
export function mayActForParty(ctx: DomainContext, c: Case, party: Party): boolean {
  return isThePartyThemself(ctx, party) || isStaffOf(ctx, c.responsibleOrgId);
}

export function requireResponsibleStaff(ctx: DomainContext, c: Case): DomainError | undefined {
  return isStaffOf(ctx, c.responsibleOrgId)
    ? undefined
    : fail('NOT_RESPONSIBLE_ORG', '只有当前负责本案的调解组织的工作人员可以办理此事项');
}

export function requireMediatorOrDirector(ctx: DomainContext, c: Case): DomainError | undefined {
  return isCaseMediator(ctx, c) || isDirectorOf(ctx, c.responsibleOrgId)
    ? undefined
    : fail('NOT_CASE_MEDIATOR', '只有本案调解员或调委会主任可以办理此事项');
}

export function requireCaseMediator(ctx: DomainContext, c: Case): DomainError | undefined {
  if (!c.mediatorId) return fail('MEDIATOR_REQUIRED', '请先为本案指派调解员');
  return isCaseMediator(ctx, c) ? undefined : fail('NOT_CASE_MEDIATOR', '只有本案调解员可以办理此事项');
}

export function requireText(value: string | undefined, what: string): DomainError | undefined {
  return value && value.trim().length > 0 ? undefined : fail('REASON_REQUIRED', `${what}须填写理由或说明`);
}

/** The parties still in the case: everyone but applicants who withdrew while others went on. */
export function activeParties(c: Case): Party[] {
  return c.parties.filter((p) => !p.withdrawnAt);
}

export function respondents(c: Case): Party[] {
  return c.parties.filter((p) => p.role === 'respondent');
}

/** Art. 17: mediation needs every respondent's agreement, unless both sides applied together. */
export function hasConsent(c: Case): boolean {
  return c.jointApplication || respondents(c).every((p) => c.consentedPartyIds.includes(p.partyId));
}

export function isMediating(c: Case): c is MediatingCase {
  return ['accepted', 'awaiting_consent', 'scheduled', 'in_mediation', 'agreement_pending'].includes(c.status);
}

/** The first error of a list of checks, if any; keeps handlers flat. */
export function firstError(...checks: Array<DomainError | undefined | false>): DomainError | undefined {
  return checks.find((c): c is DomainError => !!c);
}
