// Who was given or lost a role, and on whose word, is chained like a case's steps: one keyed chain per
// organisation (src/server/kernel/audit-chain.ts), its head in `audit_heads`, each entry written in the same
// transaction as the grant (org.joinStaff) or the removal (org.removeStaff). Entries hold accounts, roles and
// times — no names, no reasons (a keyed digest stands for those). `org.staffAudit` shows the chain and whether
// it verifies. Roles loaded from the deployment file by `deployment:load` are not in it: that file is their record.
import type { z } from 'zod';
import { isInSubtree } from '../../domain/org/tree';
import { chain, problemText, verifyChain, type AuditKey, type Chained } from '../kernel/audit-chain';
import { getDoc, queryDocs } from '../kernel/db';
import { AppError } from '../kernel/errors';
import type { ServerDeps } from '../kernel/function';
import type { Database } from '../kernel/platform';
import type { RequestContext } from '../kernel/route';
import type { CasWrite, Insert } from '../kernel/unit-of-work';
import { callerOf, type RoleGrant } from '../cases/caller';

type UserRecord = { _id: string; name?: string; roles?: RoleGrant[] };
import { getDocJoined, type JoinSpec } from '../kernel/joined-read';
import { loadDirectory } from '../cases/org-cache';
import type { TStaffRole } from '../setup/index';
import { STAFF_ROLE_LABEL } from './roles';
import { EXPERTS, TYPICAL_CASES } from './collections';
import type { StaffAuditInput } from './schemas';
import type { StaffAuditAnswer } from './org.types';

export const STAFF_AUDIT = 'staff_audit';
export const AUDIT_HEADS = 'audit_heads';

type Ctx = RequestContext<ServerDeps>;

export interface StaffAuditBody {
  [field: string]: unknown;
  orgId: string;
  at: string;
  /**
   * `expert_*`: the pool of expert mediators kept by the top organisation (subject: the pool entry); `typical_*`: a
   * director revised or withdrew one of the organisation's typical cases (subject: the typical case, role: director).
   */
  type: 'role_granted' | 'role_removed' | 'expert_saved' | 'expert_contact_revealed' | 'typical_revised' | 'typical_withdrawn';
  role: TStaffRole;
  /** Whose role it is; for `expert_*` the pool's entry (its _id), for `typical_*` the typical case (its _id). */
  subject: string;
  /** Who made the change: the person redeeming a code, or the director removing a role (or changing the pool, or a typical case). */
  actor: string;
  /** For a grant: the director whose invitation code it was. */
  grantedBy?: string;
  /** Keyed digest of the rest (the invitation, the reason given), which the entry does not keep. */
  dataDigest: string;
}

type StaffAuditEntry = Chained<StaffAuditBody>;

interface HeadDoc {
  _id: string;
  version?: number;
  seq: number;
  hash: string;
}

const headId = (orgId: string) => `staff:${orgId}`;

/**
 * The _id of the chain entry granting a staff invitation's role: the invitation's own id (the hash of its code).
 * Inserting it is what spends the code — a second insert meets it — and it is how `org.staff` and the expiry sweep
 * tell a spent invitation (the invitation document is not rewritten). Other entries are `<orgId>:<seq>`.
 */
export const grantEntryId = (inviteId: string) => inviteId;
const PAGE = 1000;

export function loadStaffHead(db: Database, orgId: string): Promise<HeadDoc | undefined> {
  return getDoc<HeadDoc>(db, AUDIT_HEADS, headId(orgId));
}

/**
 * The head write and the entry insert that record one role change, for the caller's transaction. A chain
 * whose head is gone is not started again over its old entries: the change is refused until someone looks.
 */
export async function staffChainChange(
  db: Database,
  key: AuditKey,
  head: HeadDoc | undefined,
  body: StaffAuditBody,
  /** The entry's _id when it is a guard of its own (a grant: `grantEntryId`); else `<orgId>:<seq>`. */
  entryId?: string,
): Promise<{ write: CasWrite; insert: Insert }> {
  if (!head && (await queryDocs(db.collection(STAFF_AUDIT).where({ orgId: body.orgId }).limit(1))).length) {
    throw new AppError('INTERNAL', '本单位的人员变动记录不完整，暂不能办理，请联系管理员核查');
  }
  const { entries, head: next } = chain(key, head ? { seq: head.seq, hash: head.hash } : undefined, [body]);
  const entry = entries[0];
  return {
    write: { collection: AUDIT_HEADS, id: headId(body.orgId), expectVersion: head ? head.version ?? 0 : null, data: { kind: 'staff', orgId: body.orgId, seq: next.seq, hash: next.hash } },
    insert: { collection: STAFF_AUDIT, id: entryId ?? `${body.orgId}:${String(entry.seq).padStart(6, '0')}`, data: { ...entry } },
  };
}

/** Directors of the organisation or above, and supervisors whose area includes it. */
export async function readStaffAudit(input: z.infer<typeof StaffAuditInput>, ctx: Ctx): Promise<StaffAuditAnswer> {
  const { db, audit } = ctx.deps;
  const dir = await loadDirectory(db);
  if (!dir.orgs.has(input.orgId)) throw new AppError('NOT_FOUND', '没有找到该调解组织');
  const _ = db.command;
  // Two requests: the caller's own record with the chain's head and its first page of entries joined (one
  // aggregate; no record, no roles: refused), then (directors only) the names of the people, the expert pool's
  // entries and the typical cases the entries are about (`subjectNames`). Nothing is answered before the caller's
  // grants are checked.
  const read = await getDocJoined<UserRecord, 'head' | 'entries'>(db, 'users', ctx.openid, {
    head: { from: AUDIT_HEADS, where: { _id: headId(input.orgId) }, limit: 1 },
    entries: { from: STAFF_AUDIT, where: { orgId: input.orgId }, orderBy: ['seq', 'asc'], limit: PAGE },
  });
  const caller = callerOf(ctx.openid, read?.doc);
  const above = caller.roles.some((g) => (g.role === 'director' || g.role === 'supervisor') && isInSubtree(dir.tree, g.orgId, input.orgId));
  if (!above) throw AppError.of('FORBIDDEN');
  // Supervisors oversee without personal data: they see what changed and when, not who.
  const personal = caller.roles.some((g) => g.role === 'director' && isInSubtree(dir.tree, g.orgId, input.orgId));
  const head = read!.joined.head[0] as unknown as HeadDoc | undefined;
  const entries = read!.joined.entries as unknown as StaffAuditEntry[];
  while (entries.length && entries.length % PAGE === 0) {
    const more = await queryDocs<StaffAuditEntry>(
      db.collection(STAFF_AUDIT).where({ orgId: input.orgId, seq: _.gt(entries[entries.length - 1].seq) }).orderBy('seq', 'asc').limit(PAGE),
    );
    entries.push(...more);
    if (more.length < PAGE) break;
  }
  const check = verifyChain(audit, entries, head ? { seq: head.seq, hash: head.hash } : undefined);
  const names = personal ? await subjectNames(db, ctx.openid, entries) : EMPTY_NAMES;
  return {
    orgId: input.orgId,
    verified: check.ok,
    ...(check.ok ? {} : { problem: JSON.stringify(check.problem), problemText: problemText(check.problem) }),
    entries: entries.map((e) => {
      const kind = subjectKind(e.type);
      const subjectName = kind === 'person' ? names.people.get(e.subject) : kind === 'expert' ? names.experts.get(e.subject) : undefined;
      const typicalTitle = kind === 'typical' ? names.typical.get(e.subject) : undefined;
      return {
        seq: e.seq,
        at: e.at,
        type: e.type,
        role: e.role,
        roleLabel: STAFF_ROLE_LABEL[e.role] ?? e.role,
        ...(personal
          ? {
              subject: e.subject,
              ...(subjectName ? { subjectName } : {}),
              ...(typicalTitle ? { typicalTitle } : {}),
              actor: e.actor,
              ...(names.people.get(e.actor) ? { actorName: names.people.get(e.actor) } : {}),
              ...(e.grantedBy ? { grantedBy: e.grantedBy } : {}),
              ...(e.grantedBy && names.people.get(e.grantedBy) ? { grantedByName: names.people.get(e.grantedBy) } : {}),
            }
          : {}),
        hash: e.hash,
      };
    }),
  };
}

/** What an entry's subject is: an account (a role granted or removed), an entry of the expert pool, or a typical case. */
function subjectKind(type: StaffAuditBody['type']): 'person' | 'expert' | 'typical' {
  if (type === 'expert_saved' || type === 'expert_contact_revealed') return 'expert';
  if (type === 'typical_revised' || type === 'typical_withdrawn') return 'typical';
  return 'person';
}

interface SubjectNames {
  people: Map<string, string>;
  experts: Map<string, string>;
  typical: Map<string, string>;
}
const EMPTY_NAMES: SubjectNames = { people: new Map(), experts: new Map(), typical: new Map() };

/**
 * Who and what the entries name, as they stand today, in one request: the caller's own record (which exists: the
 * caller was just found on it) with the accounts of the people (actors, the directors whose codes they were, the
 * holders of roles granted or removed), the expert pool's entries and the typical cases joined — each looked up
 * where it lives (an expert's entry or a typical case is no account).
 */
async function subjectNames(db: Database, openid: string, entries: StaffAuditEntry[]): Promise<SubjectNames> {
  const _ = db.command;
  const ids = { people: new Set<string>(), experts: new Set<string>(), typical: new Set<string>() };
  for (const e of entries) {
    const kind = subjectKind(e.type);
    (kind === 'person' ? ids.people : kind === 'expert' ? ids.experts : ids.typical).add(e.subject);
    ids.people.add(e.actor);
    if (e.grantedBy) ids.people.add(e.grantedBy);
  }
  const join = (from: string, set: Set<string>, field: string): JoinSpec => ({ from, where: { _id: _.in([...set]) }, limit: set.size, fields: [field] });
  const joins = {
    ...(ids.people.size ? { people: join('users', ids.people, 'name') } : {}),
    ...(ids.experts.size ? { experts: join(EXPERTS, ids.experts, 'name') } : {}),
    ...(ids.typical.size ? { typical: join(TYPICAL_CASES, ids.typical, 'title') } : {}),
  } as Record<keyof SubjectNames, JoinSpec>;
  if (!Object.keys(joins).length) return EMPTY_NAMES;
  const read = await getDocJoined<UserRecord, keyof SubjectNames>(db, 'users', openid, joins);
  const mapOf = (k: keyof SubjectNames, field: string) =>
    new Map((read?.joined[k] ?? []).flatMap((d) => (typeof d[field] === 'string' && d[field] ? [[d._id, d[field] as string] as [string, string]] : [])));
  return { people: mapOf('people', 'name'), experts: mapOf('experts', 'name'), typical: mapOf('typical', 'title') };
}

/**
 * The chain's head read inside the caller's transaction (unit-of-work `transact`): the head then written there is
 * compared on the version read, with no second read.
 */
export function loadStaffHeadIn(tx: import('../kernel/unit-of-work').StepTx, orgId: string): Promise<HeadDoc | undefined> {
  return tx.get<HeadDoc>(AUDIT_HEADS, headId(orgId));
}
