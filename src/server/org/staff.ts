// Staff are never self-declared: a director hands out a single-use, expiring invitation code for one role at
// one organisation (their own or one below it), and whoever redeems it gets that role — in one transaction
// that also spends the code. Directors see their staff with each mediator's open caseload.
import { createHash, randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { InviteStaffInput, JoinStaffInput, RemoveStaffInput, StaffListInput } from './schemas';
import type { RemoveStaffAnswer, StaffGrant, StaffInvite, StaffList } from './org.types';
import { isInSubtree } from '../../domain/org/tree';
import { getDoc, MAX_PAGE, queryDocs, readAllPages } from '../kernel/db';
import { queryJoined, type JoinSpec } from '../kernel/joined-read';
import { AppError } from '../kernel/errors';
import type { ServerDeps } from '../kernel/function';
import type { RequestContext } from '../kernel/route';
import { commit, CONFLICT, DuplicateWrite, transact } from '../kernel/unit-of-work';
import { loadCaller, type Caller, type RoleGrant } from '../cases/caller';
import { loadDirectory, type Directory } from '../cases/org-cache';
import { CASES, retryOnLostRace } from '../cases/store';
import { hashPayload, requestKey as keyOf } from '../kernel/idempotency';
import type { TStaffRole } from '../setup/index';
import { STAFF_ROLE_LABEL } from './roles';
import { grantEntryId, loadStaffHead, loadStaffHeadIn, STAFF_AUDIT, staffChainChange } from './staff-audit';
import { EXPERT_LINK, expertById, poolOrgId } from './experts';
import { ROLL_UP_AS_OF_JOIN, rollUpAsOf, type AccountCaseload } from '../report/index';
import { markMediatorCalendarStale } from '../booking/index';

export const STAFF_INVITES = 'staff_invites';
const INVITE_DAYS = 7;

type Ctx = RequestContext<ServerDeps>;

interface StaffInviteDoc {
  _id: string;
  version?: number;
  orgId: string;
  role: TStaffRole;
  note: string;
  /** Role `expert`: the pool entry the redeeming account becomes. */
  expertId?: string;
  invitedBy: string;
  createdAt: string;
  expiresAt: string;
  /**
   * Always null now: a code is spent by its grant's chain entry (`grantEntryId`). Invitations redeemed before that
   * carry who redeemed them here, and are still honoured as spent.
   */
  usedBy: string | null;
  usedAt?: string;
  requestKey: string;
  payloadHash: string;
}

function base32(bytes: Buffer): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

const hashCode = (code: string) => createHash('sha256').update(`staff:${code}`).digest('hex');

/**
 * What a director may grant: working roles at their own organisation or below; director and supervisor roles
 * only below their own (a director does not appoint their peers).
 */
function mayGrant(caller: Caller, dir: Directory, orgId: string, role: TStaffRole): boolean {
  // Experts belong to the district's pool: only its own directors invite them, and only there.
  if (role === 'expert') return orgId === poolOrgId(dir) && caller.roles.some((g) => g.role === 'director' && g.orgId === orgId);
  return caller.roles.some(
    (g) => g.role === 'director' && (role === 'director' || role === 'supervisor' ? g.orgId !== orgId && isInSubtree(dir.tree, g.orgId, orgId) : isInSubtree(dir.tree, g.orgId, orgId)),
  );
}

function isDirectorOver(caller: Caller, dir: Directory, orgId: string): boolean {
  return caller.roles.some((g) => g.role === 'director' && isInSubtree(dir.tree, g.orgId, orgId));
}

export async function inviteStaff(input: z.infer<typeof InviteStaffInput>, ctx: Ctx): Promise<StaffInvite> {
  const { db } = ctx.deps;
  const [caller, dir] = await Promise.all([loadCaller(db, ctx.openid), loadDirectory(db)]);
  if (!dir.orgs.has(input.orgId)) throw new AppError('NOT_FOUND', '没有找到该调解组织');
  if (input.role === 'expert' && input.orgId !== poolOrgId(dir)) throw new AppError('EXPERT_ROLE_AT_TOP_ONLY', '特邀调解专家只能由区（县）调解中心的主任邀请');
  if (!mayGrant(caller, dir, input.orgId, input.role)) throw AppError.of('FORBIDDEN');
  if (input.expertId && input.role !== 'expert') throw new AppError('VALIDATION_FAILED', '只有邀请专家时才需选择专家');
  if (input.role === 'expert') {
    const expert = input.expertId ? await expertById(db, input.expertId) : undefined;
    if (!expert || expert.orgId !== input.orgId) throw new AppError('NOT_FOUND', '请先在专家库中登记该专家');
    if (expert.userId) throw new AppError('EXPERT_ALREADY_JOINED', '该专家已用微信加入，无需再邀请');
  }
  // The code is derived from nothing guessable and stored only as its hash. A replay of the same request
  // cannot show the code again, so it is refused plainly (the director issues a new one).
  const requestKey = keyOf(ctx.openid, 'org.inviteStaff', ctx.requestId!);
  const earlier = await queryDocs<StaffInviteDoc>(db.collection(STAFF_INVITES).where({ requestKey }).limit(1));
  if (earlier.length) throw new AppError('INVITE_ALREADY_ISSUED', '该邀请码已生成，请在邀请列表中查看或重新生成');
  const code = base32(randomBytes(17)).slice(0, 26); // 130 random bits
  const expiresAt = new Date(ctx.now.getTime() + INVITE_DAYS * 86_400_000).toISOString();
  const doc: Omit<StaffInviteDoc, '_id'> = {
    orgId: input.orgId,
    role: input.role,
    note: input.note,
    ...(input.expertId ? { expertId: input.expertId } : {}),
    invitedBy: ctx.openid,
    createdAt: ctx.now.toISOString(),
    expiresAt,
    usedBy: null,
    requestKey,
    payloadHash: hashPayload(input),
  };
  await commit(db, { writes: [], inserts: [{ collection: STAFF_INVITES, id: hashCode(code), data: doc }] });
  return { code, expiresAt, orgName: dir.orgs.get(input.orgId)!.name, roleLabel: STAFF_ROLE_LABEL[input.role], path: `pages/me/index/index?staffCode=${code}` };
}

/**
 * Redeems a code in one transaction (8 database requests, an expert's code too). The invitation, the account's
 * record and the organisation's staff chain head are read there, and the role, the head and the chain's entry
 * written there, each compared on the version read, with no second read; an expert's code links the account to its
 * pool entry on the account's record (`EXPERT_LINK`), in the same write.
 *
 * The invitation itself is not rewritten: the grant's chain entry is inserted under the invitation's own id
 * (`grantEntryId`), so that insert is the once-only guard for the code. A second redemption — someone else
 * racing for the code, or the same person's replay — meets the entry and fails as a duplicate, the whole
 * transaction with it; the entry then says who holds the code (a replay by them answers the same, anyone else
 * INVITE_USED). Why this rather than dropping the head document: the head is what anchors the chain's end
 * (a removed last entry, or a removed head, shows in `org.staffAudit`), and `org.saveExpert`,
 * `org.revealExpertPhone` and `org.removeStaff` append through it unchanged. Whether an invitation is spent is
 * read from its entry: `org.staff` joins it to the list in the same query, the expiry sweep keeps spent ones.
 */
export async function joinStaff(input: z.infer<typeof JoinStaffInput>, ctx: Ctx): Promise<StaffGrant> {
  const { db } = ctx.deps;
  const id = hashCode(input.code);
  const entryId = grantEntryId(id);
  let renamedFrom: string | undefined;
  const answer = await retryOnLostRace(async () => {
    const outcome = await transact(db, async (tx): Promise<{ answer: StaffGrant; spent: boolean }> => {
      const [invite, user, dir] = await Promise.all([
        tx.get<StaffInviteDoc>(STAFF_INVITES, id),
        tx.get<{ version?: number; name?: string; roles?: RoleGrant[]; prefs?: unknown; createdAt?: unknown } & Record<string, unknown>>('users', ctx.openid),
        loadDirectory(db),
      ]);
      if (!invite) throw new AppError('INVITE_INVALID', '邀请码无效，请向调委会主任核实');
      const grant = { role: invite.role, orgId: invite.orgId };
      const answer: StaffGrant = { role: invite.role, roleLabel: STAFF_ROLE_LABEL[invite.role], orgId: invite.orgId, orgName: dir.orgs.get(invite.orgId)?.name ?? '' };
      // Invitations spent before the chain entry was the guard say so on themselves.
      if (invite.usedBy === ctx.openid) return { answer, spent: false }; // a retry after success
      if (invite.usedBy) throw new AppError('INVITE_USED', '该邀请码已被使用');
      // A spent code may be expired since: who spent it still decides (a replay answers the same).
      if (invite.expiresAt <= ctx.now.toISOString()) {
        const spentBy = (await tx.get<{ subject?: string }>(STAFF_AUDIT, entryId))?.subject;
        if (spentBy === ctx.openid) return { answer, spent: false };
        if (spentBy) throw new AppError('INVITE_USED', '该邀请码已被使用');
        throw new AppError('INVITE_EXPIRED', '邀请码已过期，请向调委会主任重新索取');
      }
      const roles = user?.roles ?? [];
      const { _id: _u, version: userVersion, ...userRest } = user ?? ({} as Record<string, unknown>);
      const nextUser = {
        ...userRest,
        name: input.name,
        roles: roles.some((r) => r.role === grant.role && r.orgId === grant.orgId) ? roles : [...roles, grant],
        prefs: user?.prefs ?? { largeText: false },
        createdAt: user?.createdAt ?? ctx.now,
        updatedAt: ctx.now,
        // An expert's code makes the account that pool entry (专家库): from now on it can be added to cases.
        ...(invite.expertId ? { [EXPERT_LINK]: invite.expertId, expertSince: ctx.now.toISOString() } : {}),
      };
      const head = await loadStaffHeadIn(tx, invite.orgId);
      // The grant goes into the organisation's staff chain in the same transaction, under the invitation's id.
      const chained = await staffChainChange(
        db,
        ctx.deps.audit,
        head,
        {
          orgId: invite.orgId,
          at: ctx.now.toISOString(),
          type: 'role_granted',
          role: invite.role,
          subject: ctx.openid,
          actor: ctx.openid,
          grantedBy: invite.invitedBy,
          dataDigest: ctx.deps.audit.digest({ invite: id, name: input.name }),
        },
        entryId,
      );
      try {
        await tx.commit({
          writes: [{ collection: 'users', id: ctx.openid, expectVersion: user ? ((userVersion as number | undefined) ?? 0) : null, data: nextUser }, chained.write],
          inserts: [chained.insert],
        });
      } catch (e) {
        // The grant's entry is there already: the code was spent (nothing of this pass was written).
        if (e instanceof DuplicateWrite) return { answer, spent: true };
        throw e;
      }
      renamedFrom = user?.name !== undefined && user.name !== input.name ? user.name : undefined;
      return { answer, spent: false };
    });
    if (!outcome.spent) return outcome.answer;
    const entry = await getDoc<{ subject?: string }>(db, STAFF_AUDIT, entryId);
    // No such entry: the duplicate was another change's entry at the same place in the chain (it moved): again.
    if (!entry) throw CONFLICT();
    if (entry.subject === ctx.openid) return outcome.answer; // a replay, or a retry after success
    throw new AppError('INVITE_USED', '该邀请码已被使用');
  });
  // A new name: the slots screen shows a mediator's name from their booking calendar (or the organisation's
  // holding it), rebuilt when next read.
  if (renamedFrom !== undefined) await markMediatorCalendarStale(db, ctx.openid);
  return answer;
}

/**
 * An organisation's 20 latest invitations, each with whether it is spent (its grant's chain entry, `grantEntryId`,
 * joined in the same query).
 */
async function latestInvites(db: ServerDeps['db'], orgId: string): Promise<Array<StaffInviteDoc & { spent: boolean }>> {
  const res = (await (db.collection(STAFF_INVITES) as any)
    .aggregate()
    .match({ orgId })
    .sort({ createdAt: -1 })
    .limit(20)
    .lookup({ from: STAFF_AUDIT, localField: '_id', foreignField: '_id', as: 'grant' })
    .end()) as { list?: Array<StaffInviteDoc & { grant?: unknown[] }> };
  return (res.list ?? []).map(({ grant, ...doc }) => ({ ...doc, spent: Boolean(grant?.length) }));
}

/**
 * The expiry sweep's part: staff invitations that expired before `cutoff` and were never spent are removed (at most
 * 1,000 a run); spent ones stay as the record of who granted a role. Answers how many went.
 */
export async function removeExpiredStaffInvites(db: ServerDeps['db'], cutoff: string): Promise<number> {
  const _ = db.command;
  const res = (await (db.collection(STAFF_INVITES) as any)
    .aggregate()
    .match({ usedBy: null, expiresAt: _.lt(cutoff) })
    .limit(1000)
    .lookup({ from: STAFF_AUDIT, localField: '_id', foreignField: '_id', as: 'grant' })
    .project({ _id: 1, grant: 1 })
    .end()) as { list?: Array<{ _id: string; grant?: unknown[] }> };
  const unspent = (res.list ?? []).filter((d) => !d.grant?.length).map((d) => d._id);
  if (!unspent.length) return 0;
  const removed = (await db.collection(STAFF_INVITES).where({ _id: _.in(unspent), usedBy: null }).remove()) as { stats?: { removed?: number } };
  return removed?.stats?.removed ?? 0;
}

type OrgAccount = { _id: string; name?: string; roles?: RoleGrant[]; caseloads?: AccountCaseload[] };
type RecusalsOf = { case?: { recusedMediatorIds?: string[]; responsibleOrgId?: string } };

/**
 * The caller's account and every account with a role at `orgId`, by `_id`, with how far the roll-up has counted
 * their caseloads and, with `caseId`, that case's recusals: one request (the as-of record and the case joined to the
 * first page of accounts with `$lookup`), one more per 1,000 accounts after it.
 */
async function orgPeople(
  db: ServerDeps['db'],
  openid: string,
  orgId: string,
  caseId: string | undefined,
): Promise<{ accounts: OrgAccount[]; caseDoc: RecusalsOf | undefined; asOf: string | undefined }> {
  const _ = db.command;
  const where = _.or([{ _id: openid }, { 'roles.orgId': orgId }]);
  const page = (skip: number, limit: number) => db.collection('users').where(where).orderBy('_id', 'asc').skip(skip).limit(limit);
  const first = await queryJoined<OrgAccount, 'asOf' | 'case'>(db, 'users', { where: where as unknown as Record<string, unknown>, orderBy: [['_id', 'asc']], limit: MAX_PAGE }, {
    asOf: ROLL_UP_AS_OF_JOIN,
    ...(caseId ? { case: { from: CASES, where: { _id: caseId }, limit: 1, fields: ['case.recusedMediatorIds', 'case.responsibleOrgId'] } } : {}),
  } as Record<'asOf' | 'case', JoinSpec>);
  const rest = first.docs.length < MAX_PAGE ? [] : await readAllPages<OrgAccount>((skip, limit) => page(MAX_PAGE + skip, limit));
  // No account at all: the caller has no record, so directs nothing (refused before the case would matter).
  return {
    accounts: [...first.docs, ...rest],
    caseDoc: first.joined?.case?.[0] as RecusalsOf | undefined,
    asOf: (first.joined?.asOf?.[0] as { asOf?: string } | undefined)?.asOf,
  };
}

export async function staffList(input: z.infer<typeof StaffListInput>, ctx: Ctx): Promise<StaffList> {
  const { db } = ctx.deps;
  const dir = await loadDirectory(db);
  if (!dir.orgs.has(input.orgId)) throw new AppError('NOT_FOUND', '没有找到该调解组织');
  // The caller comes with the organisation's people (one query), each mediator with their open caseload as the
  // figures' roll-up last counted it (report/boards.ts: `caseloads` on the account) and as of when it did (统计截至),
  // and for a case its recusals, joined to the same query; nothing read is answered unless the caller directs the organisation.
  const [{ accounts, caseDoc, asOf }, invites] = await Promise.all([orgPeople(db, ctx.openid, input.orgId, input.caseId), latestInvites(db, input.orgId)]);
  const caseloadsAsOf = rollUpAsOf(asOf, ctx.now.toISOString());
  const me = accounts.find((a) => a._id === ctx.openid);
  const caller: Caller = { openid: ctx.openid, name: me?.name, roles: me?.roles ?? [] };
  if (!isDirectorOver(caller, dir, input.orgId)) throw AppError.of('FORBIDDEN');
  const people = accounts.filter((a) => (a.roles ?? []).some((r) => r.orgId === input.orgId));
  const load = new Map(people.map((p) => [p._id, p.caseloads?.find((c) => c.orgId === input.orgId)?.n ?? 0]));
  const recused = new Set(caseDoc?.case && caseDoc.case.responsibleOrgId === input.orgId ? caseDoc.case.recusedMediatorIds ?? [] : []);
  return {
    orgId: input.orgId,
    caseloadsAsOf,
    staff: people.map((p) => {
      const roles = (p.roles ?? []).filter((r) => r.orgId === input.orgId).map((r) => r.role);
      const isMediator = roles.includes('mediator');
      return {
        openid: p._id,
        name: p.name ?? '',
        roles,
        ...(isMediator ? { openCases: load.get(p._id) ?? 0 } : {}),
        ...(isMediator && input.caseId ? { recused: recused.has(p._id) } : {}),
      };
    }),
    invites: invites.map((i) => ({ note: i.note, roleLabel: STAFF_ROLE_LABEL[i.role], expiresAt: i.expiresAt, used: Boolean(i.usedBy) || i.spent })),
  };
}

export async function removeStaff(input: z.infer<typeof RemoveStaffInput>, ctx: Ctx): Promise<RemoveStaffAnswer> {
  const { db } = ctx.deps;
  const [caller, dir] = await Promise.all([loadCaller(db, ctx.openid), loadDirectory(db)]);
  if (!mayGrant(caller, dir, input.orgId, input.role)) throw AppError.of('FORBIDDEN');
  if (input.openid === ctx.openid) throw new AppError('CANNOT_REMOVE_SELF', '不能移除自己的身份');
  return retryOnLostRace(async () => {
    const [user, head] = await Promise.all([
      getDoc<Record<string, unknown> & { version?: number; roles?: RoleGrant[] }>(db, 'users', input.openid),
      loadStaffHead(db, input.orgId),
    ]);
    const roles = user?.roles ?? [];
    const kept = roles.filter((r) => !(r.role === input.role && r.orgId === input.orgId));
    if (!user || kept.length === roles.length) return { removed: false };
    const { _id, version, ...rest } = user;
    // The removal goes into the organisation's staff chain in the same transaction.
    const chained = await staffChainChange(db, ctx.deps.audit, head, {
      orgId: input.orgId,
      at: ctx.now.toISOString(),
      type: 'role_removed',
      role: input.role,
      subject: input.openid,
      actor: ctx.openid,
      dataDigest: ctx.deps.audit.digest({ reason: input.reason }),
    });
    await commit(db, {
      writes: [
        { collection: 'users', id: input.openid, expectVersion: version ?? 0, data: { ...rest, roles: kept, updatedAt: ctx.now, lastRoleChange: { by: ctx.openid, reason: input.reason, at: ctx.now.toISOString() } } },
        chained.write,
      ],
      inserts: [chained.insert],
    });
    return { removed: true };
  });
}
