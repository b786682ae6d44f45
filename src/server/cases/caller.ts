// Who is calling, as the database says: roles are granted by a director (invitation code), never claimed.
import type { Actor, Role } from '../../domain/case/context';
import type { TStaffRole } from '../setup/index';
import { getDoc, queryDocs } from '../kernel/db';
import type { Database } from '../kernel/platform';
import { AppError } from '../kernel/errors';

export interface RoleGrant {
  role: TStaffRole;
  orgId: string;
}

export interface Caller {
  openid: string;
  name?: string;
  roles: RoleGrant[];
}

const DOMAIN_ROLE: Record<TStaffRole, Role> = {
  director: 'director',
  mediator: 'mediator',
  intake: 'intake',
  officer: 'info_officer',
  supervisor: 'supervisor',
  expert: 'expert',
};

/** The caller as their account record says (a missing record: no roles). */
export function callerOf(openid: string, user: { name?: string; roles?: RoleGrant[] } | undefined): Caller {
  return { openid, name: user?.name, roles: user?.roles ?? [] };
}

export async function loadCaller(db: Database, openid: string): Promise<Caller> {
  return callerOf(openid, await getDoc<{ name?: string; roles?: RoleGrant[] }>(db, 'users', openid));
}

/** The caller's record and other accounts' in one query (a missing record: no roles), by account. */
export async function loadCallers(db: Database, openids: string[]): Promise<Map<string, Caller>> {
  const ids = [...new Set(openids)];
  const _ = db.command;
  const docs = await queryDocs<{ _id: string; name?: string; roles?: RoleGrant[] }>(db.collection('users').where({ _id: _.in(ids) }).limit(ids.length));
  return new Map(ids.map((openid) => {
    const d = docs.find((x) => x._id === openid);
    return [openid, { openid, name: d?.name, roles: d?.roles ?? [] }];
  }));
}

export function grantsFor(caller: Caller, roles: TStaffRole[]): RoleGrant[] {
  return caller.roles.filter((g) => roles.includes(g.role));
}

/** The organisation a staff list is for: the one asked, or the caller's first in one of `roles`; FORBIDDEN unless they hold it. */
export function orgOfGrants(caller: Caller, roles: TStaffRole[], asked: string | undefined): string {
  const grants = grantsFor(caller, roles);
  const orgId = asked ?? grants[0]?.orgId;
  if (!orgId || !grants.some((g) => g.orgId === orgId)) throw AppError.of('FORBIDDEN');
  return orgId;
}

/** The domain's view of the caller acting for one organisation (or as a resident). */
export function actorAt(caller: Caller, orgId?: string): Actor {
  if (!orgId) return { userId: caller.openid, roles: ['resident'] };
  const roles = caller.roles.filter((g) => g.orgId === orgId).map((g) => DOMAIN_ROLE[g.role]);
  return { userId: caller.openid, orgId, roles: roles.length ? roles : ['resident'] };
}
