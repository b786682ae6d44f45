// What one register (台账) is made from, in ONE database request: an aggregate led by the caller's own user record
// (their roles decide afterwards whether they may see the register at all, exactly as `authoriseOrg` does), with
//   - the register's cases through their register keys (domain/stats/register-keys.ts), the first page of them;
//   - the staff of the organisation's subtree with their names (the people the rows name);
//   - the month's figure counters (the summary) or archive records (the files register).
// A register longer than the first page, or naming someone not (or no longer) on the subtree's staff, costs more
// reads, as before: the first page holds what a committee's or a street centre's month holds.
import { monthsOf, registerKey, type KeyedRegister, type Period } from '../../domain/stats';
import { readAllPages } from '../kernel/db';
import { getDocJoined, type JoinSpec } from '../kernel/joined-read';
import type { Database } from '../kernel/platform';
import { callerOf, type Caller, type RoleGrant } from '../cases/caller';
import { ARCHIVES, type ArchiveRecord } from '../cases/archive';
import { CASES, type SealedContact } from '../cases/store';
import { countsOf, countersQuery } from './figure-counters';
import { REGISTER_FIELDS, type RegisterCase, type RegisterKind } from './registers';
import type { Fact } from '../../domain/stats';

/** Cases read with the caller: enough for a committee's or a street centre's month, small enough for one answer. */
export const FIRST_PAGE = 300;
/** Staff of the subtree read with the caller (the district's whole staff fits). */
const STAFF_LIMIT = 1000;
/** Archive records read with the caller (a month's closures of the subtree). */
const ARCHIVE_LIMIT = 1000;

/** The case fields a register reads: the part of its state it shows, the sealed numbers (the visits register's), the order. */
const caseFields = (kind: KeyedRegister) => [
  ...REGISTER_FIELDS[kind].map((f) => `case.${f}`),
  ...(kind === 'visits' ? ['contacts.partyId', 'contacts.mobileSealed'] : []),
  'registeredAt',
];

/** A case document as a register reads it (caseFields). */
export interface RegisterDoc {
  _id: string;
  case: RegisterCase;
  contacts?: Array<Pick<SealedContact, 'partyId' | 'mobileSealed'>>;
  registeredAt: string;
}

export interface RegisterRead {
  caller: Caller;
  /** The register's cases, oldest registration first (none for the summary). */
  docs: RegisterDoc[];
  /** Names of the subtree's staff, by openid (anyone else a row names is looked up by the caller of this). */
  names: Map<string, string>;
  /** The summary's counters and their as-of time. */
  counters?: { counts: Fact[]; asOf: string | null };
  /** The files register's archive records, by case id; `complete` false when the page was full. */
  archives?: { byCase: Map<string, ArchiveRecord>; complete: boolean };
}

type UserDoc = { _id: string; name?: string; roles?: RoleGrant[] };

export async function readRegister(db: Database, openid: string, q: { orgId: string; scope: string[]; kind: RegisterKind; month: string; period: Period }): Promise<RegisterRead> {
  const _ = db.command;
  const keyed = q.kind !== 'summary';
  const keys = keyed ? registerKeysOf(q.scope, q.kind as KeyedRegister, q.month) : [];
  const joins: Record<string, JoinSpec> = {
    staff: { from: 'users', where: { 'roles.orgId': _.in(q.scope) }, limit: STAFF_LIMIT, fields: ['name'] },
  };
  const fields = keyed ? caseFields(q.kind as KeyedRegister) : [];
  if (keyed) joins.cases = { from: CASES, where: { registerKeys: _.in(keys) }, orderBy: ['_id', 'asc'], limit: FIRST_PAGE, fields };
  if (q.kind === 'summary') {
    const c = countersQuery(db, q.orgId, monthsOf(q.period));
    joins.counters = { from: c.from, where: c.where, limit: c.limit };
  }
  if (q.kind === 'files') {
    joins.archives = { from: ARCHIVES, where: { orgId: _.in(q.scope), closedAt: _.gte(q.period.from).and(_.lt(q.period.to)) }, limit: ARCHIVE_LIMIT, fields: ['archiveNo', 'contents'] };
  }
  const read = await getDocJoined<UserDoc, string>(db, 'users', openid, joins);
  const caller = callerOf(openid, read?.doc);
  if (!read) return { caller, docs: [], names: new Map() };
  let docs = (read.joined.cases ?? []) as unknown as RegisterDoc[];
  if (docs.length === FIRST_PAGE) {
    // A register longer than the first page: the rest by the same keys, after the last case read.
    const last = docs[docs.length - 1]._id;
    const rest = await readAllPages<RegisterDoc>((skip, limit) =>
      db
        .collection(CASES)
        .where({ registerKeys: _.in(keys), _id: _.gt(last) })
        .orderBy('_id', 'asc')
        .skip(skip)
        .limit(limit)
        .field(Object.fromEntries(fields.map((f) => [f, true]))),
    );
    docs = [...docs, ...rest];
  }
  docs.sort((a, b) => a.registeredAt.localeCompare(b.registeredAt) || a._id.localeCompare(b._id));
  const names = new Map<string, string>();
  // Staff without a name are known too (printed blank, as any unnamed account is): not looked up again.
  for (const u of read.joined.staff as UserDoc[]) names.set(u._id, u.name ?? '');
  const out: RegisterRead = { caller, docs, names };
  if (read.joined.counters) out.counters = countsOf(read.joined.counters as never);
  if (read.joined.archives) {
    const list = read.joined.archives as unknown as ArchiveRecord[];
    out.archives = { byCase: new Map(list.map((a) => [a._id, a])), complete: list.length < ARCHIVE_LIMIT };
  }
  return out;
}

/** The keys of one register of these organisations for a month (the mediation register adds their open cases). */
export function registerKeysOf(orgIds: string[], kind: KeyedRegister, month: string): string[] {
  return orgIds.flatMap((id) => [registerKey(kind, id, month), ...(kind === 'mediation' ? [registerKey(kind, id, 'open')] : [])]);
}
