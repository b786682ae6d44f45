// A case and the caller's own user record (and whatever else the read needs) in one database request, for reads
// that would otherwise spend one request on the case, one on the caller and more on the rest. Access is decided
// afterwards exactly as with `loadCaller` + `loadCaseDoc`: the caller's roles come from their user record only.
import { getDocJoined, type JoinSpec } from '../kernel/joined-read';
import type { Database } from '../kernel/platform';
import type { Caller, RoleGrant } from './caller';
import { CASES, READ_PROJECTION, type CaseDoc, type ReadCaseDoc } from './store';

type UserDoc = { _id: string; name?: string; roles?: RoleGrant[] };

/** A case expression (for `computed`): the staff a case's documents name, by openid (missing ones are null). */
export const CASE_STAFF_IDS = (db: Database, openid: string) => {
  const $ = (db.command as unknown as { aggregate: Record<string, (...a: unknown[]) => unknown> }).aggregate;
  return $.concatArrays([
    [openid, '$case.mediatorId', '$case.firstInquiry.personId', '$case.agreement.recordedBy'],
    $.ifNull(['$case.sessions.recordedBy', []]),
    $.ifNull(['$case.returnVisits.by', []]),
  ]);
};

export interface CaseWithCaller<K extends string, D = CaseDoc> {
  doc: D;
  caller: Caller;
  joined: Record<K, Array<Record<string, unknown> & { _id: string }>>;
}

/**
 * The case, the caller (a user record joined by `_id`), and the other joins, in one request; undefined when the
 * case does not exist. With `people` (the ids a `computed` field lists, the caller's among them), the caller is
 * taken from those, and `names` holds every listed user's name. The whole case document: what a check of its audit
 * chain needs (its state digest covers every field).
 */
export function loadCaseWithCaller<K extends string = never>(
  db: Database,
  openid: string,
  caseId: string,
  joins: Record<K, JoinSpec> = {} as Record<K, JoinSpec>,
  people?: { computed: Record<string, unknown>; field: string },
): Promise<(CaseWithCaller<K> & { names: Map<string, string> }) | undefined> {
  return load<K, CaseDoc>(db, openid, caseId, joins, people);
}

/** The same for a screen: the case as `loadCaseToRead` reads it, without its remembered request answers. */
export function loadCaseToReadWithCaller<K extends string = never>(
  db: Database,
  openid: string,
  caseId: string,
  joins: Record<K, JoinSpec> = {} as Record<K, JoinSpec>,
  people?: { computed: Record<string, unknown>; field: string },
): Promise<(CaseWithCaller<K, ReadCaseDoc> & { names: Map<string, string> }) | undefined> {
  return load<K, ReadCaseDoc>(db, openid, caseId, joins, people, Object.keys(READ_PROJECTION));
}

async function load<K extends string, D>(
  db: Database,
  openid: string,
  caseId: string,
  joins: Record<K, JoinSpec>,
  people: { computed: Record<string, unknown>; field: string } | undefined,
  exclude?: string[],
): Promise<(CaseWithCaller<K, D> & { names: Map<string, string> }) | undefined> {
  const callerJoin: JoinSpec = people
    ? { from: 'users', localField: people.field, foreignField: '_id' }
    : { from: 'users', where: { _id: openid }, limit: 1 };
  const read = await getDocJoined<D, K | '__caller'>(db, CASES, caseId, { ...joins, __caller: callerJoin } as Record<K | '__caller', JoinSpec>, people?.computed, exclude);
  if (!read) return undefined;
  const users = read.joined.__caller as UserDoc[];
  const user = users.find((u) => u._id === openid);
  const names = new Map<string, string>();
  for (const u of users) if (u.name) names.set(u._id, u.name);
  const joined = { ...read.joined } as Record<string, unknown>;
  delete joined.__caller;
  return {
    doc: read.doc,
    caller: { openid, name: user?.name, roles: user?.roles ?? [] },
    joined: joined as CaseWithCaller<K, D>['joined'],
    names,
  };
}
