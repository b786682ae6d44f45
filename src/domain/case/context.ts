import type { OrgTree } from '../org/tree';
import type { WorkCalendar } from '../calendar/working-days';
import type { DeploymentRules } from '../config/rules';
import type { CategoryLabeller } from '../config/categories';
import type { IsoInstant } from '../shared/time';

/**
 * Roles are granted by a director and resolved by the server; the domain only reads them.
 * `system` is the timer acting on the rules' behalf; `expert` is an invited expert mediator (特邀调解员) of the
 * district's pool, who works only the cases a director added them to.
 */
export type Role = 'resident' | 'intake' | 'mediator' | 'director' | 'info_officer' | 'supervisor' | 'expert' | 'system';

export interface Actor {
  userId: string;
  /** The organisation a staff member acts for; absent for residents. */
  orgId?: string;
  roles: Role[];
}

/** Who did something, as written into every event (责任倒查). */
export interface ActorRef {
  userId: string;
  orgId?: string;
}

/** Everything a rule may depend on besides the case and the command. Nothing here is read from a clock or a store. */
export interface DomainContext {
  now: IsoInstant;
  actor: Actor;
  orgTree: OrgTree;
  calendar: WorkCalendar;
  rules: DeploymentRules;
  /** Names a category in the texts the rules write (the deployment's catalogue); absent: the shipped names. */
  categoryLabel?: CategoryLabeller;
}

export const SYSTEM_ACTOR: Actor = { userId: 'system', roles: ['system'] };

export function actorRef(actor: Actor): ActorRef {
  return actor.orgId ? { userId: actor.userId, orgId: actor.orgId } : { userId: actor.userId };
}
