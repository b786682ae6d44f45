// The case use-cases: intake under the first-inquiry rule, the routing steps, and the reads.
// Each mutating use-case is a plan over the step pipeline (pipeline.ts): load (caller, case) → authorise → the
// domain decides → save in one transaction; a replayed request id returns the first answer, a lost race is retried.
import { createHash } from 'node:crypto';
import type { CaseCommand } from '../../domain/case/commands';
import type { Case, CaseSource, Party } from '../../domain/case/model';
import type { CaseEvent } from '../../domain/case/events';
import { OUTCOME_LABEL, PARTY_NOTICE_LINE, PARTY_STATUS_LABEL, STATUS_LABEL } from '../../domain/case/labels';
import { nextDeadline } from '../../domain/case/deadlines';
import { normalizeMobile } from '../../domain/personal/mobile';
import type { Actor } from '../../domain/case/context';
import type { DomainError } from '../../domain/shared/errors';
import { getDoc, queryDocs } from '../kernel/db';
import { AppError } from '../kernel/errors';
import { consumeShared, readSharedCounters } from '../kernel/rate-limit';
import { filingLimits } from './filing-limits';
import type { ServerDeps } from '../kernel/function';
import type { RequestContext } from '../kernel/route';
import type { Insert, StepTx } from '../kernel/unit-of-work';
import { actingOrgFor, relationTo } from './access';
import { actorAt, loadCaller, loadCallers, type Caller } from './caller';
import { loadDirectory, orgName, type Directory } from './org-cache';
import { CASES, type ServerEventType, loadCaseDoc, requestKey, type CaseDoc, type Outgoing } from './store';
import type { TFileDisputeInput, TPartyInput, TReferralInInput, TRegisterVisitInput } from './schemas';
import { caseView, partyNextStep } from './view';
import { invitationStates } from './invites';
import { referralView } from './referral-view';
import { caseExperts } from './experts';
import type { CaseListItem, CaseStepResult, CaseView } from './case.types';
import { sealedAt } from '../kernel/pii';
import type { TextToCheck } from './text-screen';
import { caseStep, decide } from './pipeline';

export { domainContext, orThrow } from './pipeline';

type Ctx = RequestContext<ServerDeps>;


export function stepResult(c: Case, dir: Directory, underReview = false): CaseStepResult {
  const due = nextDeadline(c);
  return {
    caseId: c.caseId,
    caseNo: c.caseNo,
    status: c.status,
    statusLabel: STATUS_LABEL[c.status],
    holder: { orgId: c.responsibleOrgId, name: orgName(dir, c.responsibleOrgId) },
    ...(due ? { next: { label: due.label, dueAt: due.dueAt } } : {}),
    urgent: c.urgent,
    emergencyNumbers: c.urgent ? c.triage.emergencyNumbers : [],
    ...(underReview ? { underReview } : {}),
  };
}

/** Progress notices: to the applicants with an account, and to the organisation a step now waits on. */
export function progressNotices(c: Case, events: CaseEvent[]): Outgoing[] {
  const out: Outgoing[] = [];
  const applicants = c.parties.filter((p) => p.role === 'applicant' && p.userId).map((p) => p.userId!);
  const phrase = STATUS_LABEL[c.status];
  for (const e of events) {
    if (['case_registered', 'case_accepted', 'case_transferred', 'transfer_accepted', 'case_designated', 'case_closed'].includes(e.type)) {
      const message = `案件${c.caseNo}：${PARTY_NOTICE_LINE[c.status]}`;
      for (const u of applicants) out.push({ touser: u, template: 'case_progress', caseId: c.caseId, phrase, message });
    }
    if (e.type === 'case_transferred' && c.status === 'transferring') {
      out.push({ touser: `org:${c.transfer.toOrgId}`, template: 'transfer_received', caseId: c.caseId, phrase: '待接收' });
    }
    if (e.type === 'mediator_assigned') {
      // The mediator a director assigns (or reassigns after a recusal) is told at once.
      const mediatorId = (e as { mediatorId: string }).mediatorId;
      out.push({ touser: mediatorId, template: 'case_assigned', caseId: c.caseId, phrase: '新分派', message: `案件${c.caseNo}：已分派给您调解，请尽快联系当事人` });
    }
    if (e.type === 'expert_added') {
      // The expert a director brings in is told at once, as a mediator is.
      const expertId = (e as { expertId: string }).expertId;
      out.push({ touser: expertId, template: 'case_assigned', caseId: c.caseId, phrase: '特邀参与', message: `案件${c.caseNo}：调委会邀请您作为特邀调解专家参与调解` });
    }
    if (e.type === 'urgent_alert_raised') {
      out.push({ touser: `org:${(e as { toOrgId: string }).toOrgId}`, template: 'case_progress', caseId: c.caseId, phrase: '高风险预警' });
    }
    // 首问负责制, follow-up duty (跟踪督办): the organisation the request first reached is told how a case it passed
    // on ended — its directors and intake staff, and the staff member who registered it.
    if (e.type === 'case_closed' && c.status === 'closed' && c.firstInquiry.orgId !== c.responsibleOrgId) {
      const message = `案件${c.caseNo}：您单位首问登记的案件已办结，结果：${OUTCOME_LABEL[c.outcome]}`;
      out.push({ touser: `org:${c.firstInquiry.orgId}`, template: 'case_progress', caseId: c.caseId, phrase: '已办结', message });
      if (c.firstInquiry.personId) out.push({ touser: c.firstInquiry.personId, template: 'case_progress', caseId: c.caseId, phrase: '已办结', message });
    }
  }
  // 回告: an outside body cannot be messaged, so the organisation holding a referred case is given the task of
  // reporting its outcome back, with the referring body's reference and the day it asked for.
  for (const e of events) {
    if (e.type === 'case_closed' && c.status === 'closed' && c.referredIn) {
      const r = c.referredIn;
      const by = r.feedbackDueOn ? `，请于${r.feedbackDueOn}前回告` : '';
      const message = `案件${c.caseNo}已办结（${OUTCOME_LABEL[c.outcome]}）：请向${r.body}回告调解结果（案号${r.reference}）${by}`;
      out.push({ touser: `org:${c.responsibleOrgId}`, template: 'deadline_alert', caseId: c.caseId, phrase: '待回告', message });
    }
  }
  // One notice per recipient and template per step.
  const seen = new Set<string>();
  return out.filter((o) => (seen.has(`${o.touser}|${o.template}`) ? false : (seen.add(`${o.touser}|${o.template}`), true)));
}

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

      const verdict = await contentCheck.check(`${input.summary}\n${input.wants}`, ctx.openid);
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
          who.source === 'resident' ? consumeShared(await readSharedCounters((c, id) => tx.get(c, id), filingLimits(ctx.openid, orgId, state.urgent), ctx.now)) : [],
        answer: (state) => stepResult(state, dir, underReview),
      };
    },
  });
  return out.answer;
}

/**
 * As `loadForCaller`, with the case read inside a step's transaction (the pipeline's `load`); `others`: accounts
 * whose records the step needs too, read with the caller's in the same request.
 */
export async function loadForCallerIn(ctx: Ctx, tx: StepTx, caseId: string, others: string[] = []): Promise<{ caller: Caller; doc: CaseDoc; dir: Directory; users: Map<string, Caller> }> {
  const [users, doc, dir] = await Promise.all([
    others.length ? loadCallers(ctx.deps.db, [ctx.openid, ...others]) : loadCaller(ctx.deps.db, ctx.openid).then((c) => new Map([[ctx.openid, c]])),
    tx.get<CaseDoc>(CASES, caseId),
    loadDirectory(ctx.deps.db),
  ]);
  if (!doc) throw AppError.of('NOT_FOUND');
  return { caller: users.get(ctx.openid)!, doc, dir, users };
}

export async function loadForCaller(ctx: Ctx, caseId: string): Promise<{ caller: Caller; doc: CaseDoc; dir: Directory }> {
  const [caller, doc, dir] = await Promise.all([loadCaller(ctx.deps.db, ctx.openid), loadCaseDoc(ctx.deps.db, caseId), loadDirectory(ctx.deps.db)]);
  if (!doc) throw AppError.of('NOT_FOUND');
  return { caller, doc, dir };
}

export async function getCase(caseId: string, ctx: Ctx): Promise<CaseView> {
  const { caller, doc, dir } = await loadForCaller(ctx, caseId);
  const relation = relationTo(caller, doc.case, dir);
  // Someone with no relation learns nothing, not even that the case exists.
  if (!relation) throw AppError.of('NOT_FOUND');
  const view = caseView(doc, relation, ctx.openid, dir, ctx.deps.pii);
  if (relation === 'staff') {
    const referral = referralView(doc, ctx.deps.pii, ctx.now);
    if (referral) view.referral = referral;
  }
  if (view.nextSession) view.nextSession = await withPlaceAndMediator(ctx, view.nextSession, doc.case.mediatorId);
  if ((relation === 'staff' || relation === 'party') && doc.case.expertIds?.length) view.experts = await caseExperts(ctx.deps.db, doc.case.expertIds, ctx.openid);
  // Staff see where each invitation stands: sent when, opened or not, still valid or expired.
  if (relation === 'staff' && view.parties && doc.case.status !== 'closed') {
    const states = await invitationStates(ctx.deps.db, caseId, ctx.now);
    view.parties = view.parties.map((p) => {
      const state = states.get(p.partyId);
      return state && !p.joined ? { ...p, invitation: state } : p;
    });
  }
  return view;
}


/** The booked session with its room (name, address, coordinates) and the mediator's name: the appointment card. */
async function withPlaceAndMediator(ctx: Ctx, s: NonNullable<CaseView['nextSession']>, mediatorId: string | undefined): Promise<NonNullable<CaseView['nextSession']>> {
  type RoomDoc = { name?: string; address?: string; latitude?: number; longitude?: number };
  const [room, mediator] = await Promise.all([
    s.roomId ? getDoc<RoomDoc>(ctx.deps.db, 'rooms', s.roomId) : undefined,
    mediatorId ? getDoc<{ name?: string }>(ctx.deps.db, 'users', mediatorId) : undefined,
  ]);
  const point = typeof room?.latitude === 'number' && typeof room?.longitude === 'number' ? { latitude: room.latitude, longitude: room.longitude } : {};
  return {
    ...s,
    ...(room?.name ? { room: { name: room.name, address: room.address ?? '', ...point } } : {}),
    ...(mediator?.name ? { mediatorName: mediator.name } : {}),
  };
}

/** A case in a list; `asParty`: the caller's own list (`case.mine`), so it says what happens next for them. */
export function listItem(doc: CaseDoc, dir: Directory, asParty?: string): CaseListItem {
  const c = doc.case;
  const due = nextDeadline(c);
  return {
    caseId: c.caseId,
    caseNo: c.caseNo,
    categoryLabel: dir.settings.categories.label(c.category),
    statusLabel: asParty === undefined ? STATUS_LABEL[c.status] : PARTY_STATUS_LABEL[c.status],
    holderName: orgName(dir, c.responsibleOrgId),
    ...(due ? { next: { label: due.label, dueAt: due.dueAt } } : {}),
    urgent: c.urgent,
    registeredAt: c.registeredAt,
    ...(asParty === undefined ? {} : { nextStep: partyNextStep(doc, dir, asParty) }),
  };
}

export async function myCases(input: { open: boolean; pageSize: number; page: number }, ctx: Ctx): Promise<{ items: CaseListItem[]; hasMore: boolean }> {
  const { db } = ctx.deps;
  const _ = db.command;
  const [docs, dir] = await Promise.all([
    queryDocs<CaseDoc>(
      db
        .collection(CASES)
        .where({ partyUserIds: ctx.openid, status: input.open ? _.neq('closed') : _.eq('closed') })
        .orderBy('registeredAt', 'desc')
        .orderBy('_id', 'desc')
        .skip(input.page * input.pageSize)
        .limit(input.pageSize + 1),
    ),
    loadDirectory(db),
  ]);
  return { items: docs.slice(0, input.pageSize).map((d) => listItem(d, dir, ctx.openid)), hasMore: docs.length > input.pageSize };
}

/** Cases waiting on an organisation's decision: its own new registrations and transfers sent to it. */
export async function triageQueue(input: { orgId?: string; pageSize: number; page: number }, ctx: Ctx): Promise<{ orgId: string; items: CaseListItem[]; hasMore: boolean }> {
  const { db } = ctx.deps;
  const caller = await loadCaller(db, ctx.openid);
  const grants = caller.roles.filter((g) => g.role === 'director' || g.role === 'intake');
  const orgId = input.orgId ?? grants[0]?.orgId;
  if (!orgId || !grants.some((g) => g.orgId === orgId)) throw AppError.of('FORBIDDEN');
  const _ = db.command;
  const [docs, dir] = await Promise.all([
    queryDocs<CaseDoc>(
      db
        .collection(CASES)
        .where({ actingOrgIds: orgId, status: _.in(['registered', 'transferring', 'awaiting_designation']) })
        .orderBy('registeredAt', 'asc')
        .orderBy('_id', 'asc')
        .skip(input.page * input.pageSize)
        .limit(input.pageSize + 1),
    ),
    loadDirectory(db),
  ]);
  return { orgId, items: docs.slice(0, input.pageSize).map((d) => listItem(d, dir)), hasMore: docs.length > input.pageSize };
}

/** Who performs a step: the domain actor, and the party they are when acting for themselves. */
export interface Performer {
  actor: Actor;
  partyId?: string;
}

export type Resolve = (caller: Caller, doc: CaseDoc, dir: Directory) => Performer;

/** Staff of an organisation the case is waiting on, holding one of `roles` there. */
export const asStaff =
  (roles: Array<'director' | 'mediator' | 'intake'>): Resolve =>
  (caller, doc, dir) => {
    const relation = relationTo(caller, doc.case, dir);
    if (!relation) throw AppError.of('NOT_FOUND');
    const orgId = actingOrgFor(caller, doc.case, dir, roles);
    if (relation !== 'staff' || !orgId) throw AppError.of('FORBIDDEN');
    return { actor: actorAt(caller, orgId) };
  };

/** Staff of the organisation answerable for the case now (a director above it is staff, but not this). */
export const asResponsibleStaff =
  (roles: Array<'director' | 'mediator' | 'intake'>, refusal: string): Resolve =>
  (caller, doc, dir) => {
    const who = asStaff(roles)(caller, doc, dir);
    if (who.actor.orgId !== doc.case.responsibleOrgId) throw new AppError('NOT_RESPONSIBLE_ORG', refusal);
    return who;
  };

/** A party acting for themselves (optionally only applicants or only respondents). */
export const asParty =
  (role?: 'applicant' | 'respondent'): Resolve =>
  (caller, doc, dir) => {
    const party = doc.case.parties.find((p) => p.userId === caller.openid && (!role || p.role === role));
    if (!party) throw AppError.of(relationTo(caller, doc.case, dir) ? 'FORBIDDEN' : 'NOT_FOUND');
    return { actor: actorAt(caller), partyId: party.partyId };
  };

export interface StepExtras<R extends object = Record<string, never>> {
  inserts?: Insert[];
  /** Added to the answer (and remembered with it for replays). */
  result?: R;
  /**
   * What to remember for replays in place of parts of the answer, when the answer holds a secret that must not
   * rest on the case (an invitation code): the replay then goes to `onReplay`, which answers afresh.
   */
  remember?: Record<string, unknown>;
  /** Notices beside the progress notices (same transaction). */
  outgoing?: Outgoing[];
  /** Server-side fields kept on the case document beside the domain state (e.g. sealed numbers). */
  fields?: Record<string, unknown>;
  /** Server steps to audit beside the domain's events (required when the step has no domain command). */
  audit?: Array<{ type: ServerEventType; data: Record<string, unknown> }>;
  /** Free text others will read, run through the content check before saving (text-screen.ts). */
  texts?: TextToCheck[];
}

/**
 * One step on an existing case: load caller and case, answer a replay, resolve who acts, let the domain
 * decide, save in one transaction. A lost race is decided again on the new state (which may refuse it).
 */
export async function runStep<R extends object = Record<string, never>>(
  ctx: Ctx,
  caseId: string,
  payload: unknown,
  resolve: Resolve,
  /**
   * The domain command; `null` for a step the case's state does not record (e.g. another invitation code).
   * `users`: the caller's record and those named in `options.users`, read in one request.
   */
  build: (c: Case, doc: CaseDoc, who: Performer, users: Map<string, Caller>) => CaseCommand | null,
  extras?: (state: Case, doc: CaseDoc, events: CaseEvent[]) => Promise<StepExtras<R>> | StepExtras<R>,
  /** Answers a replay from what was remembered (see `StepExtras.remember`); by default the remembered answer. */
  onReplay?: (remembered: unknown, scope: { caller: Caller; doc: CaseDoc; dir: Directory }) => Promise<CaseStepResult & R>,
  /** Other accounts whose records the step decides on (an expert's), read with the caller's in one request. */
  options?: { users?: string[] },
): Promise<CaseStepResult & R> {
  const out = await caseStep(ctx, {
    caseId,
    payload,
    load: async (tx) => {
      const { caller, doc, dir, users } = await loadForCallerIn(ctx, tx, caseId, options?.users);
      return { doc, dir, scope: { caller, users } };
    },
    replay: onReplay ? (remembered, doc, dir, { caller }) => onReplay(remembered, { caller, doc, dir }) : undefined,
    progress: progressNotices,
    plan: async (doc, dir, { caller, users }) => {
      const who = resolve(caller, doc!, dir);
      const command = build(doc!.case, doc!, who, users);
      const { state, events } = decide(doc!.case, command ? [{ actor: who.actor, command }] : [], dir, ctx.now) as { state: Case; events: CaseEvent[] };
      const more: StepExtras<R> = extras ? await extras(state, doc!, events) : {};
      return {
        decided: { state, events },
        actorOrgId: who.actor.orgId,
        actorName: caller.name,
        audit: more.audit,
        fields: more.fields,
        inserts: more.inserts,
        notices: () => more.outgoing ?? [],
        texts: more.texts,
        answer: (next, underReview) => ({ ...stepResult(next, dir, underReview), ...(more.result ?? {}) }) as CaseStepResult & R,
        ...(more.remember ? { remember: (answer: CaseStepResult & R) => ({ ...answer, ...more.remember }) } : {}),
      };
    },
  });
  return out.answer;
}

export function staffStep(
  ctx: Ctx,
  caseId: string,
  payload: unknown,
  roles: Array<'director' | 'mediator' | 'intake'>,
  build: (c: Case, doc: CaseDoc) => CaseCommand,
) {
  return runStep(ctx, caseId, payload, asStaff(roles), (c, doc) => build(c, doc));
}

