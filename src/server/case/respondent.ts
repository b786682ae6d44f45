// Reaching the other party (被申请人): an unguessable, expiring invitation code carried by a share card or QR
// code (which themselves carry no personal data or dispute text). Opening it shows only what the respondent
// needs to decide; joining links their WeChat account to the party; the reply is theirs (Art. 17).
import { createHash, randomBytes } from 'node:crypto';
import { PARTY_STATUS_LABEL } from '../../domain/case/labels';
import { maskName } from '../../domain/personal/mask';
import { normalizeMobile } from '../../domain/personal/mobile';
import { getDoc, queryDocs } from '../kernel/db';
import { AppError } from '../kernel/errors';
import type { ServerDeps } from '../kernel/function';
import type { RequestContext } from '../kernel/route';
import { commit, type Insert } from '../kernel/unit-of-work';
import { loadCaller } from '../cases/caller';
import { loadCaseToReadWithCaller } from '../cases/case-with-caller';
import { INVITES, type InviteDoc } from './invites';
import { freshShortCode, INVITE_SHORT_CODES, inviteIdByShortCode, SHORT_CODE_PATTERN, shortCodesOf } from './short-codes';
import { relationTo } from '../cases/access';
import { loadDirectory, orgName } from '../cases/org-cache';
import { CASES, loadCaseToRead, requestKey, type CaseDoc } from '../cases/store';
import { asParty, asResponsibleStaff, loadForCaller, runStep } from '../cases/steps';
import { caseStep } from '../cases/pipeline';
import type { CaseStepResult, InviteAnswer, InvitePreview, InviteQr } from './case.types';
import type { Case } from '../../domain/case/model';

type Ctx = RequestContext<ServerDeps>;

export { INVITES } from './invites';
const INVITE_DAYS = 7;
/** The page an invitation opens: from a share card with `code`, from a scanned mini-program code with `scene`. */
const INVITE_PAGE = 'pkg-respondent/pages/invite/respond/index';
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** 26 base32 characters from 26 random bytes: 130 random bits. */
function newCode(): string {
  return [...randomBytes(26)].map((b) => BASE32[b & 31]).join('');
}

/** Only the code's hash is stored: a leaked database does not leak working invitations. */
const inviteId = (code: string) => createHash('sha256').update(code).digest('hex').slice(0, 40);

/** Staff of the organisation answerable for the case now: a director above it does not invite its parties. */
const INVITER = asResponsibleStaff(['director', 'mediator', 'intake'], '只有当前负责本案的调解组织的工作人员可以邀请当事人');

/**
 * A fresh code for one party (or their agent) with its short numeric code, and the records that keep only their
 * hashes.
 */
async function freshInvite(ctx: Ctx, caseId: string, key: string, invitee: Invitee): Promise<{ inserts: Insert[]; invite: InviteAnswer['invite'] }> {
  const code = newCode();
  const expiresAt = new Date(ctx.now.getTime() + INVITE_DAYS * 86400_000).toISOString();
  const data = { caseId, partyId: invitee.partyId, ...(invitee.forAgent ? { forAgent: true } : {}), expiresAt, createdAt: ctx.now.toISOString(), requestKey: key };
  const short = freshShortCode(ctx, { id: inviteId(code), caseId, expiresAt }, key);
  return {
    inserts: [{ collection: INVITES, id: inviteId(code), data }, short.insert],
    invite: { code, expiresAt, path: `${INVITE_PAGE}?code=${code}`, shortCode: short.shortCode, shortExpiresAt: short.shortExpiresAt },
  };
}

type Invitee = InviteAnswer['invitee'];

/** The party to invite: the one named, else the first respondent who has not joined; never one who has. */
function inviteeOf(c: Case, input: { partyId?: string; forAgent?: boolean }): Invitee {
  const party = input.partyId ? c.parties.find((p) => p.partyId === input.partyId) : c.parties.find((p) => p.role === 'respondent' && !p.userId);
  if (!party) throw input.partyId ? new AppError('PARTY_NOT_FOUND') : new AppError('PARTY_ALREADY_JOINED', '被申请人都已用微信加入本案，无需再邀请');
  if (party.userId) throw new AppError('PARTY_ALREADY_JOINED', `${party.name}已用微信加入本案，无需再邀请`);
  if (input.forAgent && !party.agent) throw new AppError('NO_AGENT', `${party.name}没有登记委托代理人`);
  return { partyId: party.partyId, name: input.forAgent ? party.agent!.name : party.name, role: party.role, forAgent: Boolean(input.forAgent) };
}

/**
 * The responsible organisation invites a party to join in WeChat; answers the code to share. Inviting the first
 * respondent of an accepted case asks the respondents whether they agree to mediate (征询是否同意调解, Art. 17);
 * any other invitation (a second respondent, a co-applicant, an agent, a code to replace an expired one) only
 * issues a code. The code is a key to the case, so it rests nowhere but in the answer: the case remembers only
 * that this request was answered. A replay (the answer was lost on the way) cannot show that code again; it gets
 * a fresh one and the code first issued for the same request is withdrawn, so the inviter always has a working
 * code and never two.
 */
export function inviteParty(input: { caseId: string; partyId?: string; forAgent?: boolean }, ctx: Ctx): Promise<InviteAnswer> {
  const key = requestKey(ctx.openid, `${ctx.fn}.${ctx.action}`, ctx.requestId!);
  return runStep(
    ctx,
    input.caseId,
    input,
    INVITER,
    (c) => {
      if (c.status === 'closed') throw new AppError('CASE_CLOSED');
      const invitee = inviteeOf(c, input);
      // Both sides applied together (共同申请): consent is given, so an invitation only lets them follow in WeChat.
      return c.status === 'accepted' && invitee.role === 'respondent' && !c.jointApplication ? { type: 'invite_respondent' } : null;
    },
    async (state, doc) => {
      const invitee = inviteeOf(doc.case, input);
      const { inserts, invite } = await freshInvite(ctx, state.caseId, key, invitee);
      return {
        inserts,
        result: { invite, invitee },
        remember: { invite: { withheld: true } },
        // The first invitation is the domain's step (respondent_invited); any other is the server's.
        ...(state === doc.case ? { audit: [{ type: 'invite_issued' as const, data: { partyId: invitee.partyId, forAgent: invitee.forAgent } }] } : {}),
      };
    },
    async (remembered, { caller, doc, dir }) => {
      INVITER(caller, doc, dir); // still allowed to invite on this case
      const db = ctx.deps.db;
      const { invite: _withheld, ...step } = remembered as InviteAnswer;
      const [earlier, earlierShort] = await Promise.all([queryDocs<InviteDoc>(db.collection(INVITES).where({ requestKey: key }).limit(20)), shortCodesOf(ctx, key)]);
      const { inserts, invite } = await freshInvite(ctx, doc._id, key, step.invitee);
      const deletes = [...earlier.map((e) => ({ collection: INVITES, id: e._id })), ...earlierShort.map((e) => ({ collection: INVITE_SHORT_CODES, id: e._id }))];
      await commit(db, { writes: [], inserts, deletes });
      return { ...step, invite: { ...invite, reissued: true } };
    },
  );
}

/**
 * The invitation as a mini-program code (小程序码) to print on a paper notice or show on the staff member's phone:
 * scanning it opens the invitation page with the code as its scene. Only staff who may invite on the case, and only
 * for a live invitation of that case; the code itself is not stored, so the caller must hold it.
 */
export async function inviteQrCode(input: { caseId: string; code: string }, ctx: Ctx): Promise<InviteQr> {
  const { caller, doc, dir, invite } = await inviteWithCase(ctx, input);
  INVITER(caller, doc, dir);
  if (invite.caseId !== doc._id) throw new AppError('INVITE_INVALID', '邀请码与本案不符');
  let png: Buffer;
  try {
    png = await ctx.deps.miniCode.unlimited(input.code, INVITE_PAGE);
  } catch {
    throw new AppError('MINI_CODE_FAILED');
  }
  return { image: png.toString('base64'), contentType: 'image/png', expiresAt: invite.expiresAt };
}

/**
 * The invitation, the case and the caller for the QR code. A long code's invitation is read with the case and the
 * caller in one request; the invitation is judged first either way, as `liveInvite` does (a short code goes its
 * own counted way).
 */
async function inviteWithCase(ctx: Ctx, input: { caseId: string; code: string }) {
  const db = ctx.deps.db;
  if (SHORT_CODE_PATTERN.test(input.code)) {
    const invite = await liveInvite(ctx, input.code);
    return { ...(await loadForCaller(ctx, input.caseId)), invite };
  }
  const [read, dir] = await Promise.all([
    loadCaseToReadWithCaller(db, ctx.openid, input.caseId, { invite: { from: INVITES, where: { _id: inviteId(input.code) }, limit: 1 } }),
    loadDirectory(db),
  ]);
  // No such case: the invitation's own refusal comes first, as it always has.
  if (!read) {
    await liveInvite(ctx, input.code);
    throw AppError.of('NOT_FOUND');
  }
  const invite = live(ctx, read.joined.invite[0] as unknown as InviteDoc | undefined);
  return { caller: read.caller, doc: read.doc, dir, invite };
}

/** The invitation a code opens: the long code, or the short numeric one (counted, see short-codes.ts). */
async function liveInvite(ctx: Ctx, code: string, phoneCode?: string): Promise<InviteDoc> {
  const short = SHORT_CODE_PATTERN.test(code);
  const id = short ? await inviteIdByShortCode(ctx, code) : inviteId(code);
  const invite = live(ctx, await getDoc<InviteDoc>(ctx.deps.db, INVITES, id));
  if (short) await phoneBound(ctx, invite, phoneCode);
  return invite;
}

/** An invitation that exists and has not expired. */
function live(ctx: Ctx, invite: InviteDoc | undefined): InviteDoc {
  if (!invite) throw new AppError('INVITE_INVALID', '邀请码无效，请向调解组织核实');
  if (Date.parse(invite.expiresAt) <= ctx.now.getTime()) throw new AppError('INVITE_EXPIRED', '邀请已过期，请联系调解组织重新发送');
  return invite;
}

/**
 * A short code is bound to the invited party's phone where the case records one: the caller's number as WeChat
 * verified it must be that number. Once matched, the invitation remembers the account (`phoneVerifiedBy`), so
 * joining after opening needs no second check. An agent's invitation has no number of theirs recorded: not bound.
 */
async function phoneBound(ctx: Ctx, invite: InviteDoc, phoneCode: string | undefined): Promise<void> {
  if (invite.forAgent || invite.phoneVerifiedBy === ctx.openid) return;
  const doc = await loadCaseToRead(ctx.deps.db, invite.caseId);
  const recorded = doc?.contacts?.find((k) => k.partyId === invite.partyId)?.mobileHash;
  if (!recorded) return;
  if (!phoneCode) throw new AppError('INVITE_PHONE_REQUIRED');
  let phone: string;
  try {
    phone = await ctx.deps.phoneNumbers.verified(phoneCode);
  } catch {
    throw new AppError('PHONE_VERIFY_FAILED');
  }
  if (ctx.deps.pii.lookupHash(normalizeMobile(phone) ?? phone) !== recorded) throw new AppError('INVITE_PHONE_MISMATCH');
  await ctx.deps.db.collection(INVITES).doc(invite._id).update({ data: { phoneVerifiedBy: ctx.openid } });
}

/** What the respondent sees before deciding: no dispute text, the applicant's name masked. */
export async function openInvite(input: { code: string; phoneCode?: string }, ctx: Ctx): Promise<InvitePreview> {
  const invite = await liveInvite(ctx, input.code, input.phoneCode);
  const [doc, dir] = await Promise.all([loadCaseToRead(ctx.deps.db, invite.caseId), loadDirectory(ctx.deps.db)]);
  if (!doc) throw new AppError('INVITE_INVALID', '邀请码无效，请向调解组织核实');
  // The first opening is noted on the invitation (not the case), so staff see that it reached someone.
  if (!invite.openedAt) await ctx.deps.db.collection(INVITES).doc(invite._id).update({ data: { openedAt: ctx.now.toISOString() } });
  const c = doc.case;
  const party = c.parties.find((p) => p.partyId === invite.partyId);
  const applicant = c.parties.find((p) => p.role === 'applicant');
  return {
    caseId: c.caseId,
    caseNo: c.caseNo,
    categoryLabel: dir.settings.categories.label(c.category),
    // In the words a party reads on their own case page, not the register's.
    statusLabel: PARTY_STATUS_LABEL[c.status],
    orgName: orgName(dir, c.responsibleOrgId),
    orgPhone: dir.orgs.get(c.responsibleOrgId)?.phone ?? '',
    applicantName: maskName(applicant?.name ?? ''),
    joined: !party?.userId ? 'no' : party.userId === ctx.openid ? 'me' : 'other',
    invitee: {
      role: party?.role ?? 'respondent',
      forAgent: Boolean(invite.forAgent),
      // The agent sees whom they act for: the party's name masked, as the applicant's is.
      ...(invite.forAgent && party ? { agentFor: maskName(party.name) } : {}),
    },
    ...(c.status === 'awaiting_consent' ? { replyDueAt: c.consent.dueAt } : {}),
  };
}

/** Links the caller's WeChat account to the invited party, so the case appears in their list. */
export async function joinByInvite(input: { code: string; phoneCode?: string }, ctx: Ctx): Promise<{ caseId: string }> {
  const invite = await liveInvite(ctx, input.code, input.phoneCode);
  const out = await caseStep(ctx, {
    caseId: invite.caseId,
    payload: input,
    fnAction: 'case.join',
    load: async (tx) => {
      const [doc, dir] = await Promise.all([tx.get<CaseDoc>(CASES, invite.caseId), loadDirectory(ctx.deps.db)]);
      if (!doc) throw new AppError('INVITE_INVALID', '邀请码无效，请向调解组织核实');
      return { doc, dir, scope: undefined };
    },
    plan: async (doc, dir) => {
      const c = doc!.case;
      const answer = () => ({ caseId: c.caseId });
      const party = c.parties.find((p) => p.partyId === invite.partyId);
      if (!party) throw new AppError('INVITE_INVALID', '邀请码无效，请向调解组织核实');
      if (party.userId === ctx.openid) return { unchanged: true, answer };
      if (party.userId) throw new AppError('INVITE_USED', '该邀请已被其他微信账号使用，如有疑问请联系调解组织');
      if (c.parties.some((p) => p.userId === ctx.openid)) throw new AppError('ALREADY_A_PARTY', '您已是本案的另一方当事人');
      // Whoever works the case cannot also be its respondent (回避): the invitation goes to someone else.
      const caller = await loadCaller(ctx.deps.db, ctx.openid);
      if (relationTo(caller, c, dir) === 'staff') throw new AppError('STAFF_CANNOT_JOIN', '办理本案的工作人员不能以当事人身份加入');
      const account = invite.forAgent ? ('agent' as const) : ('self' as const);
      return {
        state: { ...c, parties: c.parties.map((p) => (p.partyId === party.partyId ? { ...p, userId: ctx.openid, account } : p)) },
        audit: [{ type: 'respondent_joined', data: { partyId: party.partyId, account } }],
        answer,
      };
    },
  });
  return out.answer;
}

/** The respondent agrees, refuses (the case closes: no mediation over a clear refusal) or asks for time. */
export function replyToInvitation(input: { caseId: string; reply: 'agree' | 'refuse' | 'ask_for_time'; reason?: string }, ctx: Ctx): Promise<CaseStepResult> {
  return runStep(
    ctx,
    input.caseId,
    input,
    asParty('respondent'),
    (_c, _d, who) => ({
      type: 'respondent_reply',
      partyId: who.partyId!,
      reply: input.reply,
      ...(input.reason ? { reason: input.reason } : {}),
    }),
    undefined,
    undefined,
    { texts: [{ kind: 'reply_reason', field: 'reason', text: input.reason }] },
  );
}
