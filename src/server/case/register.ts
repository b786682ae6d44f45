// Intake under the first-inquiry rule (首问负责制): a resident files in the app (fileDispute), staff at any window
// register a visitor, a caller or a referral (registerForVisitor); both are one plan over the step pipeline
// (registerCase): registered at once, never turned away.
import { createHash } from 'node:crypto';
import type { CaseCommand } from '../../domain/case/commands';
import type { CaseSource, Party } from '../../domain/case/model';
import { normalizeMobile } from '../../domain/personal/mobile';
import type { Actor } from '../../domain/case/context';
import { AppError } from '../kernel/errors';
import { consumeShared, readSharedCounters } from '../kernel/rate-limit';
import { filingLimits } from './filing-limits';
import type { ServerDeps } from '../kernel/function';
import type { Insert } from '../kernel/unit-of-work';
import { actorAt, loadCaller } from '../cases/caller';
import { loadDirectory, type Directory } from '../cases/org-cache';
import { CASES, requestKey, type CaseDoc } from '../cases/store';
import type { TFileDisputeInput, TPartyInput, TReferralInInput, TRegisterVisitInput } from './schemas';
import type { CaseStepResult } from './case.types';
import { sealedAt } from '../kernel/pii';
import { caseStep } from '../cases/pipeline';
import { type Ctx, progressNotices, stepResult } from '../cases/steps';

/** A referral contact's phone number, sealed for its place on the case (see `sealedAt.referralMobile`). */
export function sealReferralMobile(pii: ServerDeps['pii'], caseId: string, who: 'referrer' | 'receiver', mobile: string): string {
  return pii.encrypt(normalizeMobile(mobile) ?? mobile, sealedAt.referralMobile(caseId, who));
}

function caseNoFor(caseId: string, now: Date): string {
  // 一案一编码: the date (Beijing time) and five characters of the case id — unique without a shared counter.
  const day = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bits = BigInt(`0x${caseId.slice(1, 11)}`);
  let code = '';
  for (let i = 0; i < 5; i++) code += alphabet[Number((bits >> BigInt(i * 5)) & 31n)];
  return `${day}-${code}`;
}

/** The committee of a community, or the street centre where the community has none. */
function defaultOrgFor(dir: Directory, communityId: string): string | undefined {
  const committee = dir.tree.orgs.find((o) => o.level === 'community' && o.kind === 'general' && o.communityIds.includes(communityId));
  return committee?.id ?? dir.communities.get(communityId)?.streetOrgId;
}

/** What every registration carries, whoever registers it. */
export type Registration = Omit<TFileDisputeInput, 'consent' | 'applicant' | 'otherApplicants'> &
  Partial<Pick<TRegisterVisitInput, 'criminal' | 'crossDepartment' | 'escalatedByCommunity' | 'jointApplication'>> & {
    /** The first is the one filing when a resident files. */
    applicants: TPartyInput[];
    shareWithOtherOrgs: boolean;
    /** The referral letter of a case an authority referred (staff intake only). */
    referral?: TReferralInInput;
  };

/** Parties as the case keeps them: applicants first (p1 is the one who filed or came), then respondents. */
function partiesOf(input: Registration, applicantUserId: string | undefined): Party[] {
  const sides = [...input.applicants.map((p) => ['applicant', p] as const), ...input.respondents.map((p) => ['respondent', p] as const)];
  return sides.map(([role, p], i) => ({
    partyId: `p${i + 1}`,
    role,
    kind: p.kind,
    name: p.name,
    ...(p.kind === 'organisation' && p.representative ? { representative: p.representative } : {}),
    ...(p.agent ? { agent: { name: p.agent.name, specialPowers: p.agent.specialPowers } } : {}),
    // The dispute's community for the applicants unless stated; a respondent's only when given.
    ...(p.communityId || role === 'applicant' ? { communityId: p.communityId ?? input.communityId } : {}),
    ...(i === 0 && applicantUserId ? { userId: applicantUserId, account: 'self' as const } : {}),
  }));
}

export interface Registrar {
  actor: Actor;
  source: CaseSource;
  /** The first-inquiry organisation, or undefined for the community's default. */
  orgId?: string;
  /** The applicant's own account when they file themselves. */
  applicantUserId?: string;
  consentNote: string;
  /** The registering staff member's name (kept on the case for the audit trail's 谁办理). */
  actorName?: string;
  /** Written in the same transaction as the new case (e.g. the record that a report became this case). */
  inserts?: Insert[];
}

/** Resident files a dispute in the mini-program: registered at once, never turned away. */
export function fileDispute(input: TFileDisputeInput, ctx: Ctx): Promise<CaseStepResult> {
  const { consent, ...rest } = input;
  const { applicant, otherApplicants, ...others } = rest;
  const applicants: TPartyInput[] = [{ kind: 'person', ...applicant }, ...otherApplicants];
  return registerCase(ctx, 'case.file', input, { ...others, applicants, shareWithOtherOrgs: consent.shareWithOtherOrgs }, async () => ({
    actor: { userId: ctx.openid, roles: ['resident'] },
    source: 'resident',
    orgId: input.orgId,
    applicantUserId: ctx.openid,
    consentNote: '本人在线同意',
  }));
}

/** Staff at any window register a visitor, a caller or a referral on their behalf (来访登记), with their consent. */
export function registerForVisitor(input: TRegisterVisitInput, ctx: Ctx): Promise<CaseStepResult> {
  const { source, visitorConsent: _c, shareWithOtherOrgs, orgId, ...rest } = input;
  return registerCase(ctx, 'case.register', input, { ...rest, shareWithOtherOrgs }, async () => {
    const caller = await loadCaller(ctx.deps.db, ctx.openid);
    const wanted = source === 'info_officer' ? ['officer'] : ['intake', 'director', 'mediator'];
    const grant = caller.roles.find((g) => wanted.includes(g.role) && (!orgId || g.orgId === orgId));
    if (!grant) throw AppError.of('FORBIDDEN');
    return { actor: actorAt(caller, grant.orgId), source, orgId: grant.orgId, consentNote: `来访人当面同意，由${caller.name ?? '工作人员'}登记`, actorName: caller.name };
  });
}

export async function registerCase(
  ctx: Ctx,
  fnAction: string,
  payload: unknown,
  input: Registration,
  registrar: () => Promise<Registrar>,
): Promise<CaseStepResult> {
  const { db, pii, contentCheck } = ctx.deps;
  // The new case's id is the request's: a replayed filing meets the case it made.
  const caseId = `c${createHash('sha256').update(requestKey(ctx.openid, fnAction, ctx.requestId!)).digest('hex').slice(0, 20)}`;
  // The content check on the dispute's text, asked before the step's transaction opens (WeChat's answer is not
  // waited for inside it); a replayed filing asks again and is answered by the case it made.
  const verdict = await contentCheck.check(`${input.summary}\n${input.wants}`, ctx.openid);

  const out = await caseStep(ctx, {
    caseId,
    payload,
    fnAction,
    // A new case's own document cannot be lost in a race; its rate-limit counters can, when one account files
    // several at once: each pass one of them wins, so allow enough passes for the others to meet the limit.
    retries: 12,
    progress: progressNotices,
    load: async (tx) => {
      const [doc, dir] = await Promise.all([tx.get<CaseDoc>(CASES, caseId), loadDirectory(db)]);
      return { doc, dir, scope: undefined };
    },
    plan: async (existing, dir, _scope, tx) => {
      if (existing) throw AppError.of('CONFLICT');
      const who = await registrar();
      // The categories this deployment offers (its own added, the ones it hides left out): a code it does not offer
      // would be filed under a name nobody chose.
      if (!dir.settings.categories.filing.some((c) => c.code === input.category)) {
        throw new AppError('VALIDATION_FAILED', '请选择纠纷类型', { category: '请从列表中选择纠纷类型' });
      }
      if (!dir.communities.has(input.communityId)) throw new AppError('VALIDATION_FAILED', '所选社区（村）不存在', { communityId: '请重新选择社区（村）' });
      if (input.otherCommunityIds.some((id) => !dir.communities.has(id))) {
        throw new AppError('VALIDATION_FAILED', '所选社区（村）不存在', { otherCommunityIds: '请重新选择对方所在的社区（村）' });
      }
      const orgId = who.orgId ?? defaultOrgFor(dir, input.communityId);
      if (!orgId || !dir.orgs.has(orgId)) throw new AppError('VALIDATION_FAILED', '所选调解组织不存在', { orgId: '请重新选择调解组织' });

      const parties = partiesOf(input, who.applicantUserId);
      const unknownPlace = parties.findIndex((p) => p.communityId && !dir.communities.has(p.communityId));
      if (unknownPlace >= 0) throw new AppError('VALIDATION_FAILED', `${parties[unknownPlace].name}所在社区（村）不存在`);
      const command: CaseCommand = {
        type: 'register',
        caseId,
        caseNo: caseNoFor(caseId, ctx.now),
        source: who.source,
        firstInquiryOrgId: orgId,
        category: input.category,
        involvesPersonalRelations: input.involvesPersonalRelations,
        ...(input.jointApplication ? { jointApplication: true } : {}),
        summary: input.summary,
        // Phone numbers never enter the case state: they are sealed beside it.
        parties,
        facts: {
          communityId: input.communityId,
          partyCommunityIds: [...new Set([...parties.map((p) => p.communityId).filter((id): id is string => Boolean(id)), ...input.otherCommunityIds])],
          ...(input.amountYuan !== undefined ? { amountYuan: input.amountYuan } : {}),
          ...(input.peopleInvolved !== undefined ? { peopleInvolved: input.peopleInvolved } : {}),
          ...(input.risk ? { risk: input.risk } : {}),
          ...(input.riskSignals.length ? { riskSignals: input.riskSignals } : {}),
          ...(input.alreadyHandledBy ? { alreadyHandledBy: input.alreadyHandledBy } : {}),
          ...(input.criminal ? { criminal: input.criminal } : {}),
          ...(input.crossDepartment ? { crossDepartment: true } : {}),
          ...(input.escalatedByCommunity ? { escalatedByCommunity: true } : {}),
        },
        ...(input.referral
          ? {
              referredIn: {
                body: input.referral.body,
                reference: input.referral.reference,
                referredOn: input.referral.referredOn,
                ...(input.referral.feedbackDueOn ? { feedbackDueOn: input.referral.feedbackDueOn } : {}),
                contactName: input.referral.contact.name,
              },
            }
          : {}),
      };
      const underReview = verdict.outcome === 'review';
      const contacts = [...input.applicants, ...input.respondents]
        .flatMap((p, i) => (p.mobile ? [{ partyId: parties[i].partyId, mobile: p.mobile }] : []))
        .map(({ partyId, mobile }) => {
          const normal = normalizeMobile(mobile) ?? mobile;
          return { partyId, mobileSealed: pii.encrypt(normal, sealedAt.mobile(caseId, partyId)), mobileHash: pii.lookupHash(normal) };
        });
      return {
        commands: [{ actor: who.actor, command }],
        actorName: who.actorName,
        contacts,
        fields: {
          intake: { wants: input.wants, preferredTimes: input.preferredTimes, evidenceFileIds: input.evidenceFileIds },
          consents: { privacy: true, shareWithOtherOrgs: input.shareWithOtherOrgs, at: ctx.now.toISOString(), how: who.consentNote },
          contentReview: underReview ? { status: 'pending', why: verdict.why, at: ctx.now.toISOString() } : null,
          ...(input.referral ? { referralContacts: { referrer: sealReferralMobile(pii, caseId, 'referrer', input.referral.contact.mobile) } } : {}),
        },
        inserts: who.inserts,
        // Residents filing in the app are limited (a window's staff registering the person in front of them are
        // not): the counters are read in the transaction that saves the case and counted there.
        writes: async (state) =>
          who.source === 'resident' ? consumeShared(await readSharedCounters((c, id) => tx.get(c, id), filingLimits(ctx.openid, state.urgent), ctx.now)) : [],
        answer: (state) => stepResult(state, dir, underReview),
      };
    },
  });
  return out.answer;
}
