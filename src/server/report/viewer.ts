// The caller read together with other user records (one request instead of two), and the same rule as
// scope.ts `authoriseOrg` applied to a caller already read: a director of the organisation or above, or a
// supervisor whose area includes it; anyone else is refused.
import { isInSubtree } from '../../domain/org/tree';
import { queryDocs } from '../kernel/db';
import { AppError } from '../kernel/errors';
import type { Database } from '../kernel/platform';
import type { Caller, RoleGrant } from '../cases/caller';
import type { Directory } from '../cases/org-cache';
import type { ReportViewer } from './report.types';

export type UserRecord = { _id: string; name?: string; roles?: RoleGrant[] };

/** `authoriseOrg` for a caller already read. */
export function viewerOver(caller: Caller, dir: Directory, orgId: string): ReportViewer {
  if (!dir.orgs.has(orgId)) throw AppError.of('NOT_FOUND');
  const over = (role: string) => caller.roles.some((g) => g.role === role && isInSubtree(dir.tree, g.orgId, orgId));
  if (over('director')) return 'director';
  if (over('supervisor')) return 'supervisor';
  throw AppError.of('FORBIDDEN');
}

/** The caller as their own user record says (no record: no roles). */
export function callerFrom(users: UserRecord[], openid: string): Caller {
  const me = users.find((u) => u._id === openid);
  return { openid, name: me?.name, roles: me?.roles ?? [] };
}

/** The caller's record and those of `ids` (names of people a read shows), in one request per 1,000. */
export async function callerWith(db: Database, openid: string, ids: Array<string | undefined>): Promise<{ caller: Caller; names: Map<string, string> }> {
  const wanted = [openid, ...new Set(ids.filter((x): x is string => Boolean(x) && x !== openid))];
  const _ = db.command;
  const users: UserRecord[] = [];
  for (let i = 0; i < wanted.length; i += 1000) {
    const slice = wanted.slice(i, i + 1000);
    users.push(...(await queryDocs<UserRecord>(db.collection('users').where({ _id: _.in(slice) }).limit(slice.length))));
  }
  const names = new Map<string, string>();
  for (const u of users) if (u.name) names.set(u._id, u.name);
  return { caller: callerFrom(users, openid), names };
}
