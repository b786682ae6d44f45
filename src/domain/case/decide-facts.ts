// Facts learnt after intake: a risk found during the work (People's Mediation Law Art. 25: 防止纠纷激化), and a
// marriage, adoption or inheritance question that comes out during mediation (Electronic Signature Law Art. 3).
import type { CommandOf } from './commands';
import { actorRef, type DomainContext } from './context';
import { accept, refuse, type Decision } from './decision';
import type { Case } from './model';
import { fail, firstError, isCaseMediator, isStaffOf, requireText } from './guards';
import { deadlineAfter } from '../calendar/working-days';
import { parentOf } from '../org/tree';
import { isPaperOnly } from '../agreement/rules';
import { isHighRisk, triage } from '../triage/triage';
import type { RiskLevel, TriageFacts } from '../triage/facts';
import { isAfter } from '../shared/time';
import type { DomainError } from '../shared/errors';

const RANK: Record<RiskLevel, number> = { low: 0, medium: 1, high: 2 };

/** Staff of the organisation answerable for the case, or the case's own mediator. */
function requireCaseStaff(ctx: DomainContext, c: Case): DomainError | undefined {
  return isStaffOf(ctx, c.responsibleOrgId) || isCaseMediator(ctx, c)
    ? undefined
    : fail('NOT_RESPONSIBLE_ORG', '只有本案调解组织的工作人员或本案调解员可以办理此事项');
}

/** How high the facts on file put the risk: any danger signal counts as high. */
function levelOf(facts: TriageFacts): number {
  return isHighRisk(facts) ? RANK.high : RANK[facts.risk ?? 'low'];
}

/**
 * Raises a case's risk after intake, with a reason; never lowers it. The triage runs again on the new facts, and
 * a case that becomes urgent gets what an urgent filing gets: the centre above is alerted at once, and a case
 * still waiting for triage gets the urgent triage deadline.
 */
export function decideRaiseRisk(c: Case, cmd: CommandOf<'raise_risk'>, ctx: DomainContext): Decision {
  const problem = firstError(requireCaseStaff(ctx, c), requireText(cmd.reason, '提高风险等级'));
  if (problem) return refuse(problem);
  const before = c.facts;
  const signalsBefore = before.riskSignals ?? [];
  const newSignals = [...new Set(cmd.riskSignals)].filter((s) => !signalsBefore.includes(s));
  const higherLevel = cmd.risk !== undefined && RANK[cmd.risk] > levelOf(before);
  if (!higherLevel && newSignals.length === 0) {
    return refuse(fail('RISK_NOT_RAISED', '所选风险等级和情形都不高于本案现有的评估；如风险降低，无需提交'));
  }
  const risk: RiskLevel | undefined =
    cmd.risk !== undefined && RANK[cmd.risk] > RANK[before.risk ?? 'low'] ? cmd.risk : before.risk;
  const riskSignals = [...signalsBefore, ...newSignals];
  const facts: TriageFacts = { ...before, ...(risk ? { risk } : {}), ...(riskSignals.length ? { riskSignals } : {}) };
  const suggestion = triage({ ...facts, category: c.category, receivedByOrgId: c.firstInquiry.orgId }, ctx.orgTree, ctx.rules, ctx.categoryLabel);
  const becameUrgent = suggestion.urgent && !c.urgent;
  let triageDueAt: string | undefined;
  if (becameUrgent && c.status === 'registered') {
    const urgentDue = deadlineAfter(ctx.calendar, ctx.now, ctx.rules.deadlines.urgentTriage);
    triageDueAt = isAfter(c.triageDueAt, urgentDue) ? urgentDue : c.triageDueAt;
  }
  const meta = { at: ctx.now, actor: actorRef(ctx.actor) };
  const raised = {
    ...meta,
    type: 'risk_raised' as const,
    ...(risk ? { risk } : {}),
    riskSignals,
    reason: cmd.reason.trim(),
    triage: suggestion,
    urgent: c.urgent || suggestion.urgent,
    ...(triageDueAt ? { triageDueAt } : {}),
  };
  if (!becameUrgent) return accept(raised);
  const above = parentOf(ctx.orgTree, c.responsibleOrgId);
  return accept(raised, {
    ...meta,
    type: 'urgent_alert_raised',
    toOrgId: above?.id ?? c.responsibleOrgId,
    reasonCodes: suggestion.reasons.map((r) => r.code),
  });
}

/**
 * Marriage, adoption or inheritance turned out to be at stake: from now on the agreement can only be signed on
 * paper. A draft waiting for confirmations becomes paper-only, and confirmations already given online no longer
 * count (they could not carry the electronic signature the law excludes).
 */
export function decideMarkPersonalRelations(c: Case, cmd: CommandOf<'mark_personal_relations'>, ctx: DomainContext): Decision {
  const problem = firstError(
    requireCaseStaff(ctx, c),
    requireText(cmd.reason, '标记涉及婚姻、收养、继承关系'),
    isPaperOnly(c.category, c.involvesPersonalRelations, ctx.rules) &&
      fail('ALREADY_PAPER_ONLY', '本案已按涉及婚姻、收养、继承关系办理，协议须线下签字'),
  );
  if (problem) return refuse(problem);
  const voidedConfirmations =
    c.status === 'agreement_pending' ? c.agreement.confirmations.filter((x) => x.method === 'electronic').map((x) => x.partyId) : [];
  return accept({ at: ctx.now, actor: actorRef(ctx.actor), type: 'personal_relations_marked', reason: cmd.reason.trim(), voidedConfirmations });
}
