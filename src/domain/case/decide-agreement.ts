// The mediation agreement (调解协议书): draft, confirm one exact version, sign, seal, perform, visit.
import type { CommandOf } from './commands';
import { actorRef, type DomainContext } from './context';
import { accept, refuse, type Decision } from './decision';
import type { AgreementPendingCase, Case, ClosedCase, PerformingCase } from './model';
import { AFTER_CLOSE_VISIT_RESULTS, PERFORMANCE_VISIT_RESULTS } from './labels';
import {
  activeParties,
  fail,
  findParty,
  firstError,
  isCaseMediator,
  isDirectorOf,
  isStaffOf,
  actsWithoutSpecialPowers,
  isThePartyThemself,
  requireCaseMediator,
} from './guards';
import {
  agreementHash,
  isPaperOnly,
  judicialConfirmationDeadline,
  missingConfirmations,
  oralFormProblem,
  validateAgreement,
  validateOralAgreement,
  type AgreementIssue,
} from '../agreement/rules';
import type { PerformanceItemSpec } from '../agreement/content';
import { deadlineAfter } from '../calendar/working-days';
import { chinaDateOf, maxDate, startOfChinaDay } from '../shared/time';

const meta = (ctx: DomainContext) => ({ at: ctx.now, actor: actorRef(ctx.actor) });

function invalid(issues: AgreementIssue[]) {
  return fail('AGREEMENT_INVALID', `调解协议内容不完整：${issues.map((i) => i.message).join('；')}`);
}

/** The return visit falls due a set number of working days after the last performance due date. */
function returnVisitDue(items: PerformanceItemSpec[], ctx: DomainContext): string {
  const last = maxDate(items.map((i) => i.dueDate)) ?? chinaDateOf(ctx.now);
  return deadlineAfter(ctx.calendar, startOfChinaDay(last), ctx.rules.deadlines.returnVisit);
}

export function decideDraft(c: Case, cmd: CommandOf<'draft_agreement'>, ctx: DomainContext): Decision {
  const problem = requireCaseMediator(ctx, c);
  if (problem) return refuse(problem);
  const issues = validateAgreement(cmd.content, activeParties(c), chinaDateOf(ctx.now));
  if (issues.length > 0) return refuse(invalid(issues));
  return accept({
    ...meta(ctx),
    type: 'agreement_drafted',
    version: 1,
    content: cmd.content,
    hash: agreementHash(cmd.content),
    paperOnly: isPaperOnly(c.category, c.involvesPersonalRelations, ctx.rules),
  });
}

/** Any change to the text voids every confirmation, signature and seal given so far. */
export function decideRevise(c: AgreementPendingCase, cmd: CommandOf<'revise_agreement'>, ctx: DomainContext): Decision {
  const problem = firstError(requireCaseMediator(ctx, c), !cmd.reason.trim() && fail('REASON_REQUIRED', '修改调解协议须填写理由'));
  if (problem) return refuse(problem);
  const issues = validateAgreement(cmd.content, activeParties(c), chinaDateOf(ctx.now));
  if (issues.length > 0) return refuse(invalid(issues));
  const hash = agreementHash(cmd.content);
  if (hash === c.agreement.hash) return refuse(fail('AGREEMENT_UNCHANGED', '协议内容没有变化'));
  return accept({
    ...meta(ctx),
    type: 'agreement_revised',
    version: c.agreement.version + 1,
    content: cmd.content,
    hash,
    reason: cmd.reason.trim(),
    voidedConfirmations: c.agreement.confirmations.map((x) => x.partyId),
  });
}

const versionChanged = () => fail('AGREEMENT_VERSION_CHANGED', '协议内容已修改，请查看最新版本后再操作');

const paperNotAllowed = () =>
  fail('PAPER_NOT_ALLOWED', '本协议须由当事人本人在线确认；只有涉及婚姻、收养、继承等人身关系的协议才由工作人员上传签字件');

/**
 * Whether this actor may record a party's signature on paper now: staff of the responsible organisation (or the
 * case's mediator), for a party of the case, while an agreement that cannot be confirmed online (paper-only)
 * waits for confirmations. Anything else would let staff "confirm" for a party who can and must confirm
 * themself. The server asks this before it issues an upload path for the scan.
 */
export function paperConfirmationProblem(c: Case, partyId: string, ctx: DomainContext) {
  if (c.status !== 'agreement_pending') return fail('INVALID_TRANSITION', '协议尚未起草或已不在待确认阶段');
  return firstError(
    !findParty(c, partyId) && fail('PARTY_NOT_FOUND', '当事人不属于本案'),
    !(isCaseMediator(ctx, c) || isStaffOf(ctx, c.responsibleOrgId)) && fail('NOT_RESPONSIBLE_ORG', '只有本案调解组织的工作人员可以上传签字件'),
    !c.agreement.paperOnly && paperNotAllowed(),
  );
}

export function decideConfirm(c: AgreementPendingCase, cmd: CommandOf<'confirm_agreement'>, ctx: DomainContext): Decision {
  const party = findParty(c, cmd.partyId);
  const a = c.agreement;
  const electronic = cmd.method === 'electronic';
  const problem = firstError(
    !party && fail('PARTY_NOT_FOUND', '当事人不属于本案'),
    cmd.hash !== a.hash && versionChanged(),
    a.confirmations.some((x) => x.partyId === cmd.partyId && x.hash === a.hash) && fail('ALREADY_CONFIRMED', '您已确认过该版本协议'),
    electronic && a.paperOnly &&
      fail('PAPER_SIGNATURE_REQUIRED', '涉及婚姻、收养、继承等人身关系的协议不能在线确认，请到调解组织签字，由工作人员上传签字件'),
    electronic && party && !isThePartyThemself(ctx, party) && fail('NOT_THE_PARTY', '只有当事人本人可以确认调解协议'),
    electronic && party && isThePartyThemself(ctx, party) && actsWithoutSpecialPowers(party) &&
      fail('AGENT_POWERS_REQUIRED', '委托代理人没有特别授权，不能代当事人确认调解协议，请当事人本人确认或补交特别授权委托书'),
    !electronic && !(isCaseMediator(ctx, c) || isStaffOf(ctx, c.responsibleOrgId)) &&
      fail('NOT_RESPONSIBLE_ORG', '只有本案调解组织的工作人员可以上传签字件'),
    !electronic && !a.paperOnly && paperNotAllowed(),
    !electronic && !cmd.scanFileId?.trim() && fail('SCAN_REQUIRED', '请上传当事人签字的协议扫描件'),
  );
  if (problem) return refuse(problem);
  return accept({
    ...meta(ctx),
    type: 'agreement_confirmed',
    confirmation: {
      partyId: cmd.partyId,
      hash: a.hash,
      at: ctx.now,
      method: cmd.method,
      ...(cmd.scanFileId?.trim() ? { scanFileId: cmd.scanFileId.trim() } : {}),
      recordedBy: ctx.actor.userId,
    },
  });
}

export function decideSign(c: AgreementPendingCase, cmd: CommandOf<'sign_agreement'>, ctx: DomainContext): Decision {
  const problem = firstError(
    requireCaseMediator(ctx, c),
    cmd.hash !== c.agreement.hash && versionChanged(),
    c.agreement.mediatorSignature?.hash === c.agreement.hash && fail('ALREADY_SIGNED', '已签署该版本协议'),
  );
  if (problem || !c.mediatorId) return refuse(problem!);
  return accept({ ...meta(ctx), type: 'agreement_signed', hash: c.agreement.hash, mediatorId: c.mediatorId });
}

/** The seal comes last: sealing is the committee vouching for a version every party and the mediator signed. */
export function decideSeal(c: AgreementPendingCase, cmd: CommandOf<'seal_agreement'>, ctx: DomainContext): Decision {
  const a = c.agreement;
  const unconfirmed = missingConfirmations(a, activeParties(c).map((p) => p.partyId));
  const names = unconfirmed.map((id) => findParty(c, id)?.name ?? id).join('、');
  const listsWithdrawn = a.content.parties.some((p) => findParty(c, p.partyId)?.withdrawnAt);
  const problem = firstError(
    listsWithdrawn && fail('AGREEMENT_LISTS_WITHDRAWN', '协议仍列有已撤回申请的当事人，请先修改协议'),
    !isDirectorOf(ctx, c.responsibleOrgId) && fail('DIRECTOR_REQUIRED', '只有负责本案的调委会主任可以加盖印章'),
    cmd.hash !== a.hash && versionChanged(),
    unconfirmed.length > 0 && fail('SEAL_TOO_EARLY', `尚有当事人未确认协议：${names}`),
    a.mediatorSignature?.hash !== a.hash && fail('SEAL_TOO_EARLY', '调解员尚未签署协议'),
  );
  if (problem) return refuse(problem);
  return accept(
    { ...meta(ctx), type: 'agreement_sealed', hash: a.hash, orgId: c.responsibleOrgId },
    {
      ...meta(ctx),
      type: 'agreement_took_effect',
      hash: a.hash,
      judicialConfirmationBy: judicialConfirmationDeadline(ctx.now, ctx.calendar),
      performanceItems: a.content.performance.map((i) => ({ ...i })),
      returnVisitDueAt: returnVisitDue(a.content.performance, ctx),
    },
  );
}

/**
 * Art. 28: an oral agreement takes effect when the parties reach it; the mediator records it, with every party's
 * statement that they need no written agreement. Refused where the law requires a written one (MoJ 2002 Art. 34:
 * civil rights and duties to perform, or a party asking for it): the mediator drafts a written agreement instead.
 */
export function decideOral(c: Case, cmd: CommandOf<'record_oral_agreement'>, ctx: DomainContext): Decision {
  const partyIds = activeParties(c).map((p) => p.partyId);
  // Without the statement (a client not sending `partiesChoseOral: true`) no party chose the oral form.
  const stated = cmd.partiesChoseOral === true ? cmd.statedByPartyIds : [];
  const form = oralFormProblem(cmd.content, stated, partyIds);
  const problem = firstError(requireCaseMediator(ctx, c), form && fail(form.code, form.message));
  if (problem) return refuse(problem);
  const issues = validateOralAgreement(cmd.content);
  if (issues.length > 0) return refuse(invalid(issues));
  return accept({
    ...meta(ctx),
    type: 'oral_agreement_recorded',
    content: cmd.content,
    hash: agreementHash(cmd.content),
    choice: { partiesChoseOral: true, statedByPartyIds: partyIds.filter((id) => cmd.statedByPartyIds.includes(id)), statedAt: ctx.now },
    returnVisitDueAt: returnVisitDue(cmd.content.performance, ctx),
  });
}

/** The obligee says an item was performed (or the mediator records that they said so). */
export function decideItemDone(c: PerformingCase, cmd: CommandOf<'mark_item_done'>, ctx: DomainContext): Decision {
  const item = c.performanceItems.find((i) => i.itemId === cmd.itemId);
  const obligee = item ? findParty(c, item.obligeePartyId) : undefined;
  const problem = firstError(
    !item && fail('ITEM_NOT_FOUND', '履行事项不存在'),
    !!item?.doneAt && fail('ITEM_ALREADY_DONE', '该事项已确认履行'),
    item && !((obligee && isThePartyThemself(ctx, obligee)) || isCaseMediator(ctx, c)) &&
      fail('NOT_OBLIGEE', '只有权利人本人或本案调解员可以确认履行'),
  );
  if (problem) return refuse(problem);
  return accept({ ...meta(ctx), type: 'performance_item_done', itemId: cmd.itemId });
}

/**
 * The return visit (回访). While an agreement is performed it records how far it was performed (performed closes the
 * case resolved; otherwise another visit falls due). After a case closed without a performed agreement — failed,
 * refused, no reply, withdrawn, terminated or referred — the one visit owed after closing records whether the
 * dispute was settled some other way, is still going on, or was taken up by the authority the parties were pointed to.
 */
export function decideReturnVisit(c: PerformingCase | ClosedCase, cmd: CommandOf<'record_return_visit'>, ctx: DomainContext): Decision {
  const v = cmd.visit;
  const afterClose = c.status === 'closed';
  const fits = afterClose
    ? (AFTER_CLOSE_VISIT_RESULTS as readonly string[]).includes(v.result)
    : (PERFORMANCE_VISIT_RESULTS as readonly string[]).includes(v.result);
  const problem = firstError(
    afterClose && !c.returnVisitDueAt && fail('NO_VISIT_DUE', '本案已回访，或结案时已完成回访'),
    !(isCaseMediator(ctx, c) || isStaffOf(ctx, c.responsibleOrgId)) && fail('NOT_RESPONSIBLE_ORG', '只有负责本案的调解组织可以回访'),
    !fits && fail('VISIT_RESULT_INVALID', afterClose
      ? '本案已结案，请填写纠纷现状：已化解、仍未解决或已由有关机关受理'
      : '协议正在履行，请填写协议履行情况：已履行、部分履行或未履行'),
    v.satisfaction !== undefined && !(Number.isInteger(v.satisfaction) && v.satisfaction >= 1 && v.satisfaction <= 5) &&
      fail('SATISFACTION_INVALID', '满意度应为1至5分'),
    !v.notes.trim() && fail('SUMMARY_REQUIRED', '请填写回访记录'),
  );
  if (problem) return refuse(problem);
  const visit = { ...v, notes: v.notes.trim(), at: ctx.now, by: ctx.actor.userId };
  if (afterClose) return accept({ ...meta(ctx), type: 'return_visit_recorded', visit });
  if (v.result === 'performed') {
    return accept(
      { ...meta(ctx), type: 'return_visit_recorded', visit },
      { ...meta(ctx), type: 'case_closed', outcome: 'resolved', reason: '协议已履行完毕，回访确认' },
    );
  }
  return accept({
    ...meta(ctx),
    type: 'return_visit_recorded',
    visit,
    nextReturnVisitDueAt: deadlineAfter(ctx.calendar, ctx.now, ctx.rules.deadlines.returnVisit),
  });
}

/**
 * A party rates the mediation 1–5 (满意度评价), once: after a return visit while the agreement is performed,
 * or once the case is closed (whatever the outcome, if mediation was taken up).
 */
export function decideRate(c: Case, cmd: CommandOf<'rate_service'>, ctx: DomainContext): Decision {
  const party = findParty(c, cmd.partyId);
  const open = c.status === 'performing' ? c.returnVisits.length > 0 : c.status === 'closed' && Boolean(c.acceptedAt);
  const comment = cmd.comment?.trim();
  const problem = firstError(
    !party && fail('PARTY_NOT_FOUND', '当事人不属于本案'),
    party && !isThePartyThemself(ctx, party) && fail('NOT_THE_PARTY', '只有当事人本人可以评价'),
    !open && fail('RATING_TOO_EARLY', '回访或结案后才能评价调解工作'),
    !(Number.isInteger(cmd.score) && cmd.score >= 1 && cmd.score <= 5) && fail('SATISFACTION_INVALID', '满意度应为1至5分'),
    (c.ratings ?? []).some((r) => r.partyId === cmd.partyId) && fail('ALREADY_RATED', '您已评价过本案'),
  );
  if (problem) return refuse(problem);
  return accept({
    ...meta(ctx),
    type: 'service_rated',
    rating: { partyId: cmd.partyId, score: cmd.score, ...(comment ? { comment } : {}), at: ctx.now },
  });
}

/**
 * A party says the parties applied jointly to the court for judicial confirmation (Art. 33), and on which day:
 * once for the case (the application is joint), on a written agreement in force, dated between its taking
 * effect and today. The reminders before the last date stop.
 */
export function decideJudicialApplication(c: Case, cmd: CommandOf<'record_judicial_application'>, ctx: DomainContext): Decision {
  const party = findParty(c, cmd.partyId);
  const a = c.agreement;
  const effectiveOn = a?.form === 'written' && a.effectiveAt && a.judicialConfirmationBy ? chinaDateOf(a.effectiveAt) : undefined;
  const problem = firstError(
    !party && fail('PARTY_NOT_FOUND', '当事人不属于本案'),
    party && !isThePartyThemself(ctx, party) && fail('NOT_THE_PARTY', '只有当事人本人可以办理此事项'),
    !effectiveOn && fail('NO_JUDICIAL_CONFIRMATION', '本案没有生效的书面调解协议，无需申请司法确认'),
    Boolean(c.judicialApplication) && fail('JUDICIAL_ALREADY_APPLIED', '本案已记录过司法确认申请'),
    Boolean(effectiveOn) && (cmd.appliedOn < effectiveOn! || cmd.appliedOn > chinaDateOf(ctx.now)) &&
      fail('JUDICIAL_DATE_INVALID', '申请日期应在协议生效之后、今天或以前'),
  );
  if (problem) return refuse(problem);
  return accept({ ...meta(ctx), type: 'judicial_application_recorded', application: { appliedOn: cmd.appliedOn, partyId: cmd.partyId, at: ctx.now } });
}
