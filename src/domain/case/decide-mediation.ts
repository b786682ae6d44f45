// Mediation under way: mediators, the respondent's consent, sessions, the deadline, and ending a case.
import type { CommandOf } from './commands';
import { actorRef, type DomainContext } from './context';
import { accept, refuse, type Decision } from './decision';
import { deadlines } from './deadlines';
import type { AwaitingConsentCase, Case, MediatingCase, PerformingCase, ScheduledCase } from './model';
import {
  actsWithoutSpecialPowers,
  activeParties,
  fail,
  findParty,
  firstError,
  hasConsent,
  isCaseMediator,
  isDirectorOf,
  isStaffOf,
  isSystem,
  isThePartyThemself,
  mayActForParty,
  requireCaseMediator,
  requireMediatorOrDirector,
  requireText,
  respondents,
} from './guards';
import { deadlineAfter } from '../calendar/working-days';
import { explainRoutes, suggestedRoutes } from '../agreement/other-routes';
import { isAfter } from '../shared/time';

const meta = (ctx: DomainContext) => ({ at: ctx.now, actor: actorRef(ctx.actor) });

export function decideAssignMediator(c: Case, cmd: CommandOf<'assign_mediator'>, ctx: DomainContext): Decision {
  const reassigning = !!c.mediatorId;
  const problem = firstError(
    !isDirectorOf(ctx, c.responsibleOrgId) && fail('DIRECTOR_REQUIRED', '只有负责本案的调委会主任可以指派调解员'),
    !cmd.mediatorId.trim() && fail('MEDIATOR_REQUIRED', '请选择调解员'),
    c.recusedMediatorIds.includes(cmd.mediatorId) && fail('MEDIATOR_RECUSED', '该调解员已因当事人申请回避，不能再承办本案'),
    c.mediatorId === cmd.mediatorId && fail('MEDIATOR_UNCHANGED', '该调解员已是本案调解员'),
    reassigning && requireText(cmd.reason, '更换调解员'),
  );
  if (problem) return refuse(problem);
  return accept({
    ...meta(ctx),
    type: 'mediator_assigned',
    mediatorId: cmd.mediatorId,
    ...(c.mediatorId ? { previousMediatorId: c.mediatorId } : {}),
    ...(cmd.reason?.trim() ? { reason: cmd.reason.trim() } : {}),
  });
}

/** A party's right to object to a mediator (回避); the case waits for a new one. */
export function decideRecuse(c: MediatingCase, cmd: CommandOf<'recuse_mediator'>, ctx: DomainContext): Decision {
  const party = findParty(c, cmd.partyId);
  const problem = firstError(
    !party && fail('PARTY_NOT_FOUND', '当事人不属于本案'),
    party && !mayActForParty(ctx, c, party) && fail('NOT_THE_PARTY', '只有当事人本人或受理单位工作人员可以提出回避申请'),
    !c.mediatorId && fail('NO_MEDIATOR', '本案尚未指派调解员'),
    requireText(cmd.reason, '申请回避'),
  );
  if (problem || !c.mediatorId) return refuse(problem!);
  return accept({
    ...meta(ctx),
    type: 'mediator_recused',
    mediatorId: c.mediatorId,
    partyId: cmd.partyId,
    reason: cmd.reason.trim(),
    mediatorDueAt: deadlineAfter(ctx.calendar, ctx.now, ctx.rules.deadlines.mediatorAssignment),
  });
}

/** The case's director brings in an expert of the pool as co-mediator (特邀调解员); never one who withdrew or was objected to. */
export function decideAddExpert(c: MediatingCase, cmd: CommandOf<'add_expert'>, ctx: DomainContext): Decision {
  const problem = firstError(
    !isDirectorOf(ctx, c.responsibleOrgId) && fail('DIRECTOR_REQUIRED', '只有负责本案的调委会主任可以邀请专家参与调解'),
    !cmd.expertId.trim() && fail('EXPERT_REQUIRED', '请选择专家'),
    (c.recusedExpertIds ?? []).includes(cmd.expertId) && fail('EXPERT_RECUSED', '该专家已回避本案，不能再参与'),
    (c.expertIds ?? []).includes(cmd.expertId) && fail('EXPERT_ALREADY_ADDED', '该专家已参与本案调解'),
    c.mediatorId === cmd.expertId && fail('EXPERT_IS_MEDIATOR', '该人员已是本案调解员'),
    requireText(cmd.reason, '邀请专家参与调解'),
  );
  if (problem) return refuse(problem);
  return accept({ ...meta(ctx), type: 'expert_added', expertId: cmd.expertId, reason: cmd.reason.trim() });
}

export function decideRemoveExpert(c: MediatingCase, cmd: CommandOf<'remove_expert'>, ctx: DomainContext): Decision {
  const problem = firstError(
    !isDirectorOf(ctx, c.responsibleOrgId) && fail('DIRECTOR_REQUIRED', '只有负责本案的调委会主任可以撤回特邀专家'),
    !(c.expertIds ?? []).includes(cmd.expertId) && fail('EXPERT_NOT_ON_CASE', '该专家没有参与本案'),
    requireText(cmd.reason, '撤回特邀专家'),
  );
  if (problem) return refuse(problem);
  return accept({ ...meta(ctx), type: 'expert_removed', expertId: cmd.expertId, reason: cmd.reason.trim() });
}

/** The same right as against the mediator (回避): a party objects to an expert, or the expert withdraws. */
export function decideRecuseExpert(c: MediatingCase, cmd: CommandOf<'recuse_expert'>, ctx: DomainContext): Decision {
  const party = cmd.partyId === undefined ? undefined : findParty(c, cmd.partyId);
  const self = cmd.partyId === undefined;
  const problem = firstError(
    !(c.expertIds ?? []).includes(cmd.expertId) && fail('EXPERT_NOT_ON_CASE', '该专家没有参与本案'),
    !self && !party && fail('PARTY_NOT_FOUND', '当事人不属于本案'),
    party && !mayActForParty(ctx, c, party) && fail('NOT_THE_PARTY', '只有当事人本人或受理单位工作人员可以提出回避申请'),
    self && !(ctx.actor.userId === cmd.expertId && ctx.actor.roles.includes('expert')) && fail('NOT_THE_EXPERT', '只有专家本人可以申请自行回避'),
    requireText(cmd.reason, '申请回避'),
  );
  if (problem) return refuse(problem);
  return accept({ ...meta(ctx), type: 'expert_recused', expertId: cmd.expertId, ...(cmd.partyId ? { partyId: cmd.partyId } : {}), reason: cmd.reason.trim() });
}

export function decideInviteRespondent(c: Case, ctx: DomainContext): Decision {
  const problem = firstError(
    !c.mediatorId && fail('MEDIATOR_REQUIRED', '请先为本案指派调解员'),
    !(isCaseMediator(ctx, c) || isStaffOf(ctx, c.responsibleOrgId)) && fail('NOT_RESPONSIBLE_ORG', '只有负责本案的调解组织可以征询被申请人'),
    c.jointApplication && fail('CONSENT_ALREADY_GIVEN', '双方共同申请调解，无需再征询被申请人'),
    respondents(c).length === 0 && fail('NO_RESPONDENT', '本案没有被申请人'),
  );
  if (problem) return refuse(problem);
  return accept({
    ...meta(ctx),
    type: 'respondent_invited',
    respondentPartyIds: respondents(c).map((p) => p.partyId),
    dueAt: deadlineAfter(ctx.calendar, ctx.now, ctx.rules.deadlines.respondentReply),
  });
}

/** Voluntariness (Art. 17): a clear refusal ends it; asking for time is allowed once. */
export function decideRespondentReply(c: AwaitingConsentCase, cmd: CommandOf<'respondent_reply'>, ctx: DomainContext): Decision {
  const party = findParty(c, cmd.partyId);
  const problem = firstError(
    (!party || party.role !== 'respondent') && fail('NOT_A_RESPONDENT', '只有被申请人可以答复是否同意调解'),
    party && !mayActForParty(ctx, c, party) && fail('NOT_THE_PARTY', '只有被申请人本人或受理单位工作人员可以记录答复'),
    c.consentedPartyIds.includes(cmd.partyId) && fail('ALREADY_REPLIED', '该被申请人已同意调解'),
    cmd.reply === 'ask_for_time' && c.consent.extraTimeUsed && fail('EXTRA_TIME_USED', '已延长过一次答复期限'),
  );
  if (problem) return refuse(problem);
  const replied = {
    ...meta(ctx),
    type: 'respondent_replied' as const,
    partyId: cmd.partyId,
    reply: cmd.reply,
    ...(cmd.reason?.trim() ? { reason: cmd.reason.trim() } : {}),
  };
  switch (cmd.reply) {
    case 'agree':
      return accept(replied);
    case 'ask_for_time':
      return accept({ ...replied, dueAt: deadlineAfter(ctx.calendar, c.consent.dueAt, ctx.rules.deadlines.respondentExtraTime) });
    case 'refuse':
      return accept(replied, {
        ...meta(ctx),
        type: 'case_closed',
        outcome: 'respondent_refused',
        byPartyId: cmd.partyId,
        ...(cmd.reason?.trim() ? { reason: cmd.reason.trim() } : {}),
        // A refusal ends the request, not the dispute: the applicant is told the other routes (Art. 26).
        guidance: explainRoutes(suggestedRoutes(c), c, undefined, 'refused'),
      });
    default: {
      const unreachable: never = cmd.reply;
      return refuse(fail('INVALID_REPLY', `无效的答复：${String(unreachable)}`));
    }
  }
}

export function decideSchedule(c: Case, cmd: CommandOf<'schedule_session'>, ctx: DomainContext): Decision {
  const rescheduling = c.status === 'scheduled';
  // A party fixes the time only when every party has confirmed it (a booking from the mediator's published hours).
  const confirmedByAll = activeParties(c).every((p) => cmd.confirmedByPartyIds?.includes(p.partyId));
  const partyFixing = confirmedByAll && c.parties.some((p) => isThePartyThemself(ctx, p));
  const problem = firstError(
    !c.mediatorId && fail('MEDIATOR_REQUIRED', '请先为本案指派调解员'),
    !(isCaseMediator(ctx, c) || isStaffOf(ctx, c.responsibleOrgId) || partyFixing) &&
      fail('NOT_RESPONSIBLE_ORG', '只有负责本案的调解组织或双方当事人均确认后才能预约调解'),
    !hasConsent(c) && fail('CONSENT_REQUIRED', '被申请人尚未同意调解，不能预约'),
    !isAfter(cmd.at, ctx.now) && fail('SESSION_IN_PAST', '调解时间须晚于当前时间'),
    rescheduling && requireText(cmd.reason, '改期'),
  );
  if (problem) return refuse(problem);
  return accept({
    ...meta(ctx),
    type: 'session_scheduled',
    session: {
      at: cmd.at,
      mode: cmd.mode,
      ...(cmd.roomId ? { roomId: cmd.roomId } : {}),
      nonPublic: cmd.nonPublic ?? false,
      scheduledBy: ctx.actor.userId,
    },
    ...(cmd.reason?.trim() ? { reason: cmd.reason.trim() } : {}),
  });
}

export function decideCancelSession(c: ScheduledCase, cmd: CommandOf<'cancel_session'>, ctx: DomainContext): Decision {
  const partyCancelling = c.parties.some((p) => p.userId === ctx.actor.userId);
  const problem = firstError(
    !(partyCancelling || isCaseMediator(ctx, c) || isStaffOf(ctx, c.responsibleOrgId)) &&
      fail('NOT_RESPONSIBLE_ORG', '只有当事人或负责本案的调解组织可以取消预约'),
    requireText(cmd.reason, '取消预约'),
  );
  if (problem) return refuse(problem);
  return accept({ ...meta(ctx), type: 'session_cancelled', session: c.nextSession, reason: cmd.reason.trim() });
}

export function decideRecordSession(c: Case, cmd: CommandOf<'record_session'>, ctx: DomainContext): Decision {
  const r = cmd.record;
  const problem = firstError(
    requireCaseMediator(ctx, c),
    isAfter(r.heldAt, ctx.now) && fail('SESSION_IN_FUTURE', '不能记录尚未发生的调解'),
    !r.summary.trim() && fail('SUMMARY_REQUIRED', '请填写笔录内容'),
    r.attendeePartyIds.some((id) => !findParty(c, id)) && fail('PARTY_NOT_FOUND', '参加人不属于本案当事人'),
    // While the respondent is still being asked (Art. 17), only an investigation can be recorded, whatever
    // consents are on file from before (a second invitation, or a case without a respondent yet).
    r.kind === 'session' && (c.status === 'awaiting_consent' || !hasConsent(c)) && fail('CONSENT_REQUIRED', '被申请人尚未同意调解，只能记录调查情况'),
  );
  if (problem) return refuse(problem);
  const nextStep = r.nextStep?.trim();
  const others = (r.otherAttendees ?? []).map((a) => a.trim()).filter(Boolean);
  const { nextStep: _n, otherAttendees: _o, ...rest } = r;
  return accept({
    ...meta(ctx),
    type: 'session_recorded',
    record: { ...rest, summary: r.summary.trim(), ...(others.length ? { otherAttendees: others } : {}), ...(nextStep ? { nextStep } : {}), recordedBy: ctx.actor.userId },
  });
}

/** Extended once, with every party's consent (MoJ 2002: normally one month). */
export function decideExtend(c: MediatingCase, cmd: CommandOf<'extend_deadline'>, ctx: DomainContext): Decision {
  const missing = activeParties(c).filter((p) => !cmd.consentingPartyIds.includes(p.partyId));
  const problem = firstError(
    requireMediatorOrDirector(ctx, c),
    c.extensionUsed && fail('EXTENSION_ALREADY_USED', '调解期限只能延长一次'),
    missing.length > 0 && fail('EXTENSION_NEEDS_ALL_PARTIES', `延长调解期限须经双方当事人同意，尚缺：${missing.map((p) => p.name).join('、')}`),
    requireText(cmd.reason, '延长调解期限'),
  );
  if (problem) return refuse(problem);
  return accept({
    ...meta(ctx),
    type: 'mediation_deadline_extended',
    consentingPartyIds: [...cmd.consentingPartyIds],
    reason: cmd.reason.trim(),
    previousDueAt: c.mediationDueAt,
    newDueAt: deadlineAfter(ctx.calendar, c.mediationDueAt, ctx.rules.deadlines.mediationExtension),
  });
}

export function decideWithdraw(c: Case, cmd: CommandOf<'withdraw'>, ctx: DomainContext): Decision {
  const party = findParty(c, cmd.partyId);
  const problem = firstError(
    (!party || party.role !== 'applicant') && fail('NOT_AN_APPLICANT', '只有申请人可以撤回申请'),
    party && !mayActForParty(ctx, c, party) && fail('NOT_THE_PARTY', '只有申请人本人或受理单位工作人员可以办理撤回'),
    party && isThePartyThemself(ctx, party) && actsWithoutSpecialPowers(party) &&
      fail('AGENT_POWERS_REQUIRED', '委托代理人没有特别授权，不能代申请人撤回申请'),
  );
  if (problem) return refuse(problem);
  if (party?.withdrawnAt) return refuse(fail('ALREADY_WITHDRAWN', `${party.name}已撤回申请`));
  // With other applicants still in the case, only this one leaves: the others' application stands.
  const othersRemain = activeParties(c).some((p) => p.role === 'applicant' && p.partyId !== cmd.partyId);
  if (othersRemain) {
    return accept({ ...meta(ctx), type: 'applicant_withdrew', partyId: cmd.partyId, ...(cmd.reason?.trim() ? { reason: cmd.reason.trim() } : {}) });
  }
  return accept({
    ...meta(ctx),
    type: 'case_closed',
    outcome: 'withdrawn',
    byPartyId: cmd.partyId,
    ...(cmd.reason?.trim() ? { reason: cmd.reason.trim() } : {}),
  });
}

/** Art. 23: either party may end mediation; no reason is required of them. */
export function decideTerminate(c: MediatingCase, cmd: CommandOf<'terminate'>, ctx: DomainContext): Decision {
  const party = findParty(c, cmd.partyId);
  const problem = firstError(
    !party && fail('PARTY_NOT_FOUND', '当事人不属于本案'),
    party && !mayActForParty(ctx, c, party) && fail('NOT_THE_PARTY', '只有当事人本人或受理单位工作人员可以终止调解'),
  );
  if (problem) return refuse(problem);
  return accept({
    ...meta(ctx),
    type: 'case_closed',
    outcome: 'terminated',
    byPartyId: cmd.partyId,
    ...(cmd.reason?.trim() ? { reason: cmd.reason.trim() } : {}),
  });
}

export function decideClose(c: MediatingCase | PerformingCase, cmd: CommandOf<'close'>, ctx: DomainContext): Decision {
  const base = firstError(requireMediatorOrDirector(ctx, c), requireText(cmd.reason, '结案'));
  if (base) return refuse(base);
  if (cmd.outcome === 'no_reply') {
    // Art. 17: without the respondent's consent there is no mediation; silence past the reply period ends the
    // request without one (not a failed mediation). Before the period is over the respondent may still answer.
    if (c.status !== 'awaiting_consent') return refuse(fail('NOT_AWAITING_REPLY', '只有正在等待被申请人答复的案件才能以“被申请人逾期未答复”结案'));
    if (!isAfter(ctx.now, c.consent.dueAt)) return refuse(fail('REPLY_PERIOD_RUNNING', '被申请人答复期限尚未届满，请届满后再结案'));
    // The applicant is still told where else to turn (Art. 26's duty, as when mediation fails).
    const guidance = explainRoutes(suggestedRoutes(c), c, undefined, 'no_reply');
    return accept({ ...meta(ctx), type: 'case_closed', outcome: 'no_reply', reason: cmd.reason.trim(), guidance });
  }
  if (cmd.outcome === 'failed' && (c.status === 'awaiting_consent' || !hasConsent(c))) {
    // No mediation takes place before the respondent agrees (Art. 17): it cannot have failed.
    return refuse(fail('CONSENT_REQUIRED', '被申请人尚未同意调解，调解并未进行，不能以“调解不成”结案；答复期限届满仍未答复的，请以“被申请人逾期未答复”结案'));
  }
  if (cmd.outcome === 'failed') {
    if (!cmd.guidance?.trim()) return refuse(fail('GUIDANCE_REQUIRED', '调解不成须告知当事人可以通过仲裁、行政、司法等途径解决'));
    return accept({ ...meta(ctx), type: 'case_closed', outcome: 'failed', reason: cmd.reason.trim(), guidance: cmd.guidance.trim() });
  }
  const ready = c.status === 'performing' && c.performanceItems.every((i) => i.doneAt) && c.returnVisits.length > 0;
  if (!ready) return refuse(fail('NOT_READY_TO_RESOLVE', '协议全部履行完毕并完成回访后才能以调解成功结案'));
  return accept({ ...meta(ctx), type: 'case_closed', outcome: 'resolved', reason: cmd.reason.trim() });
}

/** The timer records a missed deadline once, with its owner, for accountability (责任倒查). */
export function decideDeadlineMissed(c: Case, cmd: CommandOf<'record_deadline_missed'>, ctx: DomainContext): Decision {
  if (!isSystem(ctx)) return refuse(fail('SYSTEM_ONLY', '此操作由系统按期限自动执行'));
  const running = deadlines(c).find((d) => d.kind === cmd.kind && d.dueAt === cmd.dueAt && d.itemId === cmd.itemId);
  if (!running || !isAfter(ctx.now, running.dueAt)) return refuse(fail('DEADLINE_NOT_MISSED', '该期限尚未届满或已不在进行中'));
  const recorded = c.missedDeadlines.some((m) => m.kind === cmd.kind && m.dueAt === cmd.dueAt && m.itemId === cmd.itemId);
  if (recorded) return refuse(fail('ALREADY_RECORDED', '该超期情况已记录'));
  return accept({
    ...meta(ctx),
    type: 'deadline_missed',
    kind: running.kind,
    dueAt: running.dueAt,
    ownerOrgId: running.ownerOrgId,
    ...(running.ownerUserId ? { ownerUserId: running.ownerUserId } : {}),
    ...(running.itemId ? { itemId: running.itemId } : {}),
  });
}
