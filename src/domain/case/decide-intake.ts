// Registration and routing: first-inquiry responsibility (首问负责制), transfer, escalation, designation.
import type { CommandOf } from './commands';
import { actorRef, type DomainContext } from './context';
import { accept, refuse, type Decision } from './decision';
import type { AwaitingDesignationCase, Case, HandOver, RegisteredCase, TransferringCase } from './model';
import { fail, firstError, isDirectorOf, isStaffOf, isSystem, requireResponsibleStaff, requireText } from './guards';
import { deadlineAfter } from '../calendar/working-days';
import { findOrg, isInSubtree, lowestCommonParent, parentOf } from '../org/tree';
import { triage } from '../triage/triage';
import type { Referrer, TriageFacts, TriageOverride } from '../triage/facts';
import { isValidMobile } from '../personal/mobile';
import { isAfter } from '../shared/time';
import type { DomainError } from '../shared/errors';

const STAFF_SOURCES = ['walk_in', 'phone', 'court', 'police', 'procuratorate', 'petition_office'];

/** Sources that are a referral by an authority (委派、移送): the triage reads who referred it. */
const REFERRERS: ReadonlyArray<Referrer> = ['court', 'police', 'procuratorate', 'petition_office'];
const referrerOf = (source: string): Referrer | undefined => REFERRERS.find((r) => r === source);

export function decideRegister(cmd: CommandOf<'register'>, ctx: DomainContext): Decision {
  const { actor } = ctx;
  const org = findOrg(ctx.orgTree, cmd.firstInquiryOrgId);
  if (!org) return refuse(fail('ORG_NOT_FOUND', '所选调解组织不存在'));
  if (!cmd.caseNo.trim() || !cmd.caseId.trim()) return refuse(fail('CASE_NO_REQUIRED', '案件编号缺失'));
  if (STAFF_SOURCES.includes(cmd.source) && !isStaffOf(ctx, org.id)) {
    return refuse(fail('NOT_INTAKE_STAFF', '来访、来电和移交案件须由该调解组织的工作人员登记'));
  }
  if (cmd.source === 'info_officer' && !(actor.roles.includes('info_officer') && actor.orgId === org.id)) {
    return refuse(fail('NOT_INFO_OFFICER', '信息员只能向所属调解组织上报纠纷'));
  }
  const applicants = cmd.parties.filter((p) => p.role === 'applicant');
  if (applicants.length === 0) return refuse(fail('APPLICANT_REQUIRED', '至少需要一名申请人'));
  if (cmd.source === 'resident' && !applicants.some((p) => p.userId === actor.userId)) {
    return refuse(fail('NOT_AN_APPLICANT', '自行申请时，申请人须为本人'));
  }
  const ids = cmd.parties.map((p) => p.partyId);
  if (new Set(ids).size !== ids.length || ids.some((id) => !id.trim())) {
    return refuse(fail('PARTY_ID_INVALID', '当事人编号为空或重复'));
  }
  const unnamed = cmd.parties.find((p) => !p.name.trim());
  if (unnamed) return refuse(fail('PARTY_NAME_REQUIRED', '请填写每位当事人的姓名或名称'));
  const faceless = cmd.parties.find((p) => p.kind === 'organisation' && !p.representative?.trim());
  if (faceless) return refuse(fail('REPRESENTATIVE_REQUIRED', `请填写${faceless.name}的法定代表人或负责人`));
  const unnamedAgent = cmd.parties.find((p) => p.agent && !p.agent.name.trim());
  if (unnamedAgent) return refuse(fail('AGENT_NAME_REQUIRED', `请填写${unnamedAgent.name}的委托代理人姓名`));
  const badMobile = cmd.parties.find((p) => p.mobile !== undefined && !isValidMobile(p.mobile));
  if (badMobile) return refuse(fail('MOBILE_INVALID', `${badMobile.name}的手机号码格式不正确`));
  if (!cmd.summary.trim()) return refuse(fail('SUMMARY_REQUIRED', '请简要说明纠纷情况'));
  // A referral letter belongs to a case an authority referred; one it referred has one (诉调/公调/检调/访调对接).
  if (cmd.referredIn && !referrerOf(cmd.source)) return refuse(fail('REFERRAL_NOT_EXPECTED'));
  const referral = cmd.referredIn;
  if (referral && (!referral.body.trim() || !referral.reference.trim() || !referral.contactName.trim())) return refuse(fail('REFERRAL_REQUIRED'));
  // 上报 at registration: a community committee's staff judge it beyond the committee.
  if (cmd.facts.escalatedByCommunity && !(org.level === 'community' && STAFF_SOURCES.includes(cmd.source))) {
    return refuse(fail('NOT_COMMUNITY_COMMITTEE'));
  }

  // Who referred it comes from the source alone, whatever the facts claim.
  const { referredBy: _claimed, ...given } = cmd.facts as Omit<TriageFacts, 'category' | 'receivedByOrgId'>;
  const referredBy = referrerOf(cmd.source);
  const facts: Omit<TriageFacts, 'category' | 'receivedByOrgId'> = { ...given, ...(referredBy ? { referredBy } : {}) };
  const suggestion = triage({ ...facts, category: cmd.category, receivedByOrgId: org.id }, ctx.orgTree, ctx.rules, ctx.categoryLabel);
  // The staff member who registered it, or the information officer who reported it, is the first-inquiry person.
  const reportingOfficer = cmd.source === 'info_officer' && actor.orgId === org.id && actor.roles.includes('info_officer');
  const staffPerson = actor.orgId === org.id && (isStaffOf(ctx, org.id) || reportingOfficer) ? actor.userId : undefined;
  const triageDueAt = deadlineAfter(ctx.calendar, ctx.now, suggestion.urgent ? ctx.rules.deadlines.urgentTriage : ctx.rules.deadlines.triage);
  const meta = { at: ctx.now, actor: actorRef(actor) };
  const registered = {
    ...meta,
    type: 'case_registered' as const,
    triageDueAt,
    registration: {
      caseId: cmd.caseId,
      caseNo: cmd.caseNo,
      source: cmd.source,
      category: cmd.category,
      involvesPersonalRelations: cmd.involvesPersonalRelations ?? false,
      summary: cmd.summary.trim(),
      facts,
      parties: cmd.parties.map((p) => ({ ...p })),
      jointApplication: cmd.jointApplication ?? false,
      firstInquiry: { orgId: org.id, ...(staffPerson ? { personId: staffPerson } : {}), at: ctx.now },
      registeredAt: ctx.now,
      registeredBy: actor.userId,
      urgent: suggestion.urgent,
      triage: suggestion,
      ...(referral
        ? {
            referredIn: {
              body: referral.body.trim(),
              reference: referral.reference.trim(),
              referredOn: referral.referredOn,
              ...(referral.feedbackDueOn ? { feedbackDueOn: referral.feedbackDueOn } : {}),
              contactName: referral.contactName.trim(),
            },
          }
        : {}),
    },
  };
  if (!suggestion.urgent) return accept(registered);
  // High risk: the centre above hears of it at once, not when a deadline passes.
  const above = parentOf(ctx.orgTree, org.id) ?? org;
  return accept(registered, {
    ...meta,
    type: 'urgent_alert_raised',
    toOrgId: above.id,
    reasonCodes: suggestion.reasons.map((r) => r.code),
  });
}

/**
 * Routing against the triage suggestion is a director's call and needs a written reason; the override
 * is stored with the case so a supervisor can see why it went where it did.
 */
function checkOverride(
  c: Case,
  chosenOrgId: string,
  overrideReason: string | undefined,
  ctx: DomainContext,
): { error?: DomainError; override?: TriageOverride } {
  const followsSuggestion = !c.triage.referOut && c.triage.orgId === chosenOrgId;
  if (followsSuggestion) return {};
  if (!overrideReason?.trim()) {
    return { error: fail('OVERRIDE_REASON_REQUIRED', '与分流建议不一致，须由调委会主任填写理由') };
  }
  if (!isDirectorOf(ctx, c.responsibleOrgId)) {
    return { error: fail('DIRECTOR_REQUIRED', '改变分流建议须由调委会主任决定') };
  }
  return {
    override: { suggestedOrgId: c.triage.orgId, chosenOrgId, reason: overrideReason.trim(), by: ctx.actor.userId, at: ctx.now },
  };
}

function acceptanceDeadlines(ctx: DomainContext): { mediationDueAt: string; mediatorDueAt: string } {
  return {
    mediationDueAt: deadlineAfter(ctx.calendar, ctx.now, ctx.rules.deadlines.mediation),
    mediatorDueAt: deadlineAfter(ctx.calendar, ctx.now, ctx.rules.deadlines.mediatorAssignment),
  };
}

export function decideAccept(c: RegisteredCase, cmd: CommandOf<'accept'>, ctx: DomainContext): Decision {
  const staff = requireResponsibleStaff(ctx, c);
  if (staff) return refuse(staff);
  const { error, override } = checkOverride(c, c.responsibleOrgId, cmd.overrideReason, ctx);
  if (error) return refuse(error);
  return accept({
    type: 'case_accepted',
    at: ctx.now,
    actor: actorRef(ctx.actor),
    orgId: c.responsibleOrgId,
    ...acceptanceDeadlines(ctx),
    ...(override ? { triageOverride: override } : {}),
  });
}

export function decideTransfer(c: RegisteredCase, cmd: CommandOf<'transfer'>, ctx: DomainContext): Decision {
  const target = findOrg(ctx.orgTree, cmd.toOrgId);
  const problem = firstError(
    requireResponsibleStaff(ctx, c),
    !target && fail('ORG_NOT_FOUND', '接收转办的调解组织不存在'),
    cmd.toOrgId === c.responsibleOrgId && fail('TRANSFER_TO_SELF', '不能转办给本单位'),
    requireText(cmd.reason, '转办'),
    !cmd.consentToShare && fail('CONSENT_REQUIRED', '转办须先征得当事人同意向接收单位提供其个人信息'),
  );
  if (problem) return refuse(problem);
  const { error, override } = checkOverride(c, cmd.toOrgId, cmd.overrideReason, ctx);
  if (error) return refuse(error);
  return accept({
    type: 'case_transferred',
    at: ctx.now,
    actor: actorRef(ctx.actor),
    fromOrgId: c.responsibleOrgId,
    toOrgId: cmd.toOrgId,
    dueAt: deadlineAfter(ctx.calendar, ctx.now, ctx.rules.deadlines.transferResponse),
    reason: cmd.reason.trim(),
    ...(override ? { triageOverride: override } : {}),
  });
}

function requireReceiver(c: TransferringCase, ctx: DomainContext): DomainError | undefined {
  return isStaffOf(ctx, c.transfer.toOrgId) ? undefined : fail('NOT_RECEIVING_ORG', '只有接收转办的调解组织可以签收或退回');
}

export function decideAcceptTransfer(c: TransferringCase, ctx: DomainContext): Decision {
  const problem = requireReceiver(c, ctx);
  if (problem) return refuse(problem);
  return accept({ type: 'transfer_accepted', at: ctx.now, actor: actorRef(ctx.actor), orgId: c.transfer.toOrgId, ...acceptanceDeadlines(ctx) });
}

function designationTo(
  designatorOrgId: string,
  fromOrgId: string,
  trigger: 'escalation' | 'second_return' | 'transfer_overdue',
  reason: string,
  ctx: DomainContext,
) {
  return {
    type: 'designation_requested' as const,
    at: ctx.now,
    actor: actorRef(ctx.actor),
    reason,
    designation: {
      designatorOrgId,
      fromOrgId,
      trigger,
      requestedAt: ctx.now,
      dueAt: deadlineAfter(ctx.calendar, ctx.now, ctx.rules.deadlines.designation),
      reason,
    },
  };
}

export function decideReturnTransfer(c: TransferringCase, cmd: CommandOf<'return_transfer'>, ctx: DomainContext): Decision {
  const problem = firstError(requireReceiver(c, ctx), requireText(cmd.reason, '退回转办'));
  if (problem) return refuse(problem);
  const returnCount = c.returnCount + 1;
  const returned = {
    type: 'transfer_returned' as const,
    at: ctx.now,
    actor: actorRef(ctx.actor),
    byOrgId: c.transfer.toOrgId,
    toOrgId: c.transfer.fromOrgId,
    reason: cmd.reason.trim(),
    returnCount,
    triageDueAt: deadlineAfter(ctx.calendar, ctx.now, c.urgent ? ctx.rules.deadlines.urgentTriage : ctx.rules.deadlines.triage),
  };
  if (returnCount < 2) return accept(returned);
  // No ping-pong: the second return goes to the lowest common parent, which must decide.
  const parent = lowestCommonParent(ctx.orgTree, c.transfer.fromOrgId, c.transfer.toOrgId);
  if (!parent) return refuse(fail('ORG_NOT_FOUND', '找不到两家调解组织的共同上级'));
  return accept(returned, designationTo(parent.id, c.transfer.fromOrgId, 'second_return', '转办两次被退回，报请共同上级指定', ctx));
}

export function decideEscalateOverdueTransfer(c: TransferringCase, ctx: DomainContext): Decision {
  if (!isSystem(ctx)) return refuse(fail('SYSTEM_ONLY', '此操作由系统按期限自动执行'));
  if (!isAfter(ctx.now, c.transfer.dueAt)) return refuse(fail('NOT_OVERDUE', '转办签收期限尚未届满'));
  const parent = lowestCommonParent(ctx.orgTree, c.transfer.fromOrgId, c.transfer.toOrgId);
  if (!parent) return refuse(fail('ORG_NOT_FOUND', '找不到两家调解组织的共同上级'));
  return accept(designationTo(parent.id, c.transfer.fromOrgId, 'transfer_overdue', '接收单位逾期未签收，报请共同上级指定', ctx));
}

export function decideEscalate(c: Case, cmd: CommandOf<'escalate'>, ctx: DomainContext): Decision {
  const parent = parentOf(ctx.orgTree, c.responsibleOrgId);
  const problem = firstError(
    requireResponsibleStaff(ctx, c),
    requireText(cmd.reason, '上报'),
    !parent && fail('NO_PARENT_ORG', '本单位已是最高一级调解组织，无法上报'),
  );
  if (problem || !parent) return refuse(problem!);
  return accept(designationTo(parent.id, c.responsibleOrgId, 'escalation', cmd.reason.trim(), ctx));
}

export function decideDesignate(c: AwaitingDesignationCase, cmd: CommandOf<'designate'>, ctx: DomainContext): Decision {
  const designator = c.designation.designatorOrgId;
  const problem = firstError(
    !isDirectorOf(ctx, designator) && fail('NOT_DESIGNATOR', '只有负责指定的上级调解组织主任可以指定'),
    !findOrg(ctx.orgTree, cmd.orgId) && fail('ORG_NOT_FOUND', '被指定的调解组织不存在'),
    !isInSubtree(ctx.orgTree, designator, cmd.orgId) && fail('ORG_OUTSIDE_AREA', '只能指定本单位或下级调解组织'),
    requireText(cmd.reason, '指定'),
    // Escalating is not a way round the parties' refusal to share: another organisation (the designator's own
    // included) gets the file only with their consent, as for a transfer.
    !cmd.consentToShare && cmd.orgId !== c.responsibleOrgId &&
      fail('CONSENT_REQUIRED', '当事人未同意向其他调解组织提供个人信息，只能指定原调解组织继续办理'),
  );
  if (problem) return refuse(problem);
  const changesHands = cmd.orgId !== c.responsibleOrgId;
  const needsMediator = changesHands || !c.mediatorId;
  return accept({
    type: 'case_designated',
    at: ctx.now,
    actor: actorRef(ctx.actor),
    designatorOrgId: designator,
    orgId: cmd.orgId,
    reason: cmd.reason.trim(),
    // Escalation does not restart the mediation clock; a case accepted for the first time starts it now.
    acceptedAt: c.acceptedAt ?? ctx.now,
    mediationDueAt: c.mediationDueAt ?? deadlineAfter(ctx.calendar, ctx.now, ctx.rules.deadlines.mediation),
    ...(needsMediator ? { mediatorDueAt: deadlineAfter(ctx.calendar, ctx.now, ctx.rules.deadlines.mediatorAssignment) } : {}),
  });
}

export function decideReferOut(c: Case, cmd: CommandOf<'refer_out'>, ctx: DomainContext): Decision {
  const problem = firstError(
    requireResponsibleStaff(ctx, c),
    requireText(cmd.reason, '告知引导'),
    !cmd.guidance.trim() && fail('GUIDANCE_REQUIRED', '须写明告知当事人的救济途径和有权机关'),
  );
  if (problem) return refuse(problem);
  return accept({
    type: 'case_closed',
    at: ctx.now,
    actor: actorRef(ctx.actor),
    outcome: 'referred',
    reason: cmd.reason.trim(),
    referral: { authority: cmd.authority, guidance: cmd.guidance.trim(), ...(cmd.handOver ? { handOver: handOverOf(cmd.handOver) } : {}) },
  });
}

/** The hand-over record as kept: names trimmed, empty lines of the material list dropped. */
function handOverOf(h: HandOver): HandOver {
  return {
    ...(h.body?.trim() ? { body: h.body.trim() } : {}),
    ...(h.receiver?.trim() ? { receiver: h.receiver.trim() } : {}),
    handedOverOn: h.handedOverOn,
    materials: h.materials.map((m) => m.trim()).filter(Boolean),
  };
}
