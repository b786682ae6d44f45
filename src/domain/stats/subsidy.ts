// The month's subsidy ledger (以案定补): what each mediator of an organisation earns from the cases they closed in
// the month, under the deployment's rates (config/rules.ts, SubsidyRates). Every closed case is listed, counted or
// with the condition it missed, so the director can check each line before approving. Pure.
import type { Outcome } from '../case/model';
import type { ClosedMonthCase, MonthCase } from './month-case';
import type { SubsidyRates } from '../config/rules';
import { isHighRisk } from '../triage/triage';
import { concludedOnTime } from './mediator-figures';
import { isInPeriod, type Period } from './period';

export type SubsidyExclusion = 'outcome' | 'late' | 'dissatisfied';

export const SUBSIDY_EXCLUSION_LABEL: Record<SubsidyExclusion, string> = {
  outcome: '结案方式不计补贴',
  late: '未按期办结',
  dissatisfied: '当事人评价未达标准',
};

export interface SubsidyLine {
  caseId: string;
  caseNo: string;
  category: string;
  outcome: Outcome;
  closedAt: string;
  parties: number;
  highRisk: boolean;
  /** Why the case earns nothing; absent when it counts. */
  excluded?: SubsidyExclusion;
  baseYuan: number;
  severalPartiesYuan: number;
  highRiskYuan: number;
  amountYuan: number;
}

export interface MediatorSubsidy {
  mediatorId: string;
  lines: SubsidyLine[];
  countedCases: number;
  /** The lines added up, before the cap. */
  subtotalYuan: number;
  /** What is paid: the subtotal, or the monthly cap when it is more. */
  totalYuan: number;
  capped: boolean;
}

export interface SubsidyLedger {
  orgId: string;
  month: string;
  rates: SubsidyRates;
  mediators: MediatorSubsidy[];
  totalYuan: number;
}

/** Urgent at registration, or high-risk on its facts (threats, a crowd) as triage judges it. */
export function isHighRiskCase(c: MonthCase): boolean {
  return c.urgent || isHighRisk(c.facts);
}

/** The parties' own ratings and the return-visit scores of a case, averaged; null when nobody rated it. */
export function caseSatisfaction(c: MonthCase): number | null {
  const scores = [...(c.ratings ?? []).map((r) => r.score), ...c.returnVisits.flatMap((v) => (v.satisfaction === undefined ? [] : [v.satisfaction]))];
  return scores.length ? scores.reduce((s, x) => s + x, 0) / scores.length : null;
}

function exclusionOf(c: ClosedMonthCase, rates: SubsidyRates): SubsidyExclusion | undefined {
  if (!rates.countedOutcomes.includes(c.outcome)) return 'outcome';
  if (rates.onTimeOnly && !concludedOnTime(c)) return 'late';
  const score = caseSatisfaction(c);
  if (rates.minSatisfaction > 0 && score !== null && score < rates.minSatisfaction) return 'dissatisfied';
  return undefined;
}

export function subsidyLine(c: ClosedMonthCase, rates: SubsidyRates): SubsidyLine {
  const excluded = exclusionOf(c, rates);
  const parties = c.parties.filter((p) => !p.withdrawnAt).length;
  const highRisk = isHighRiskCase(c);
  const base = excluded ? 0 : rates.categoryYuan.find((x) => x.category === c.category)?.yuan ?? rates.baseYuan;
  const several = !excluded && parties >= rates.severalPartiesMin ? rates.severalPartiesExtraYuan : 0;
  const risk = !excluded && highRisk ? rates.highRiskExtraYuan : 0;
  return {
    caseId: c.caseId,
    caseNo: c.caseNo,
    category: c.category,
    outcome: c.outcome,
    closedAt: c.closedAt,
    parties,
    highRisk,
    ...(excluded ? { excluded } : {}),
    baseYuan: base,
    severalPartiesYuan: several,
    highRiskYuan: risk,
    amountYuan: base + several + risk,
  };
}

/**
 * The ledger of an organisation's month: cases it was responsible for, closed in the month with a mediator
 * assigned, per mediator (every mediator named appears, with nothing if they closed nothing), capped per mediator.
 */
export function computeSubsidyLedger(
  cases: readonly MonthCase[],
  input: { orgId: string; period: Period; mediatorIds: readonly string[]; rates: SubsidyRates },
): SubsidyLedger {
  const { orgId, period, rates } = input;
  const closed = cases.filter(
    (c): c is ClosedMonthCase & { mediatorId: string } =>
      c.status === 'closed' && c.responsibleOrgId === orgId && c.mediatorId !== undefined && isInPeriod(period, c.closedAt),
  );
  const ids = [...new Set([...input.mediatorIds, ...closed.map((c) => c.mediatorId)])].sort();
  const mediators = ids.map((mediatorId): MediatorSubsidy => {
    const lines = closed
      .filter((c) => c.mediatorId === mediatorId)
      .sort((a, b) => a.closedAt.localeCompare(b.closedAt) || a.caseNo.localeCompare(b.caseNo))
      .map((c) => subsidyLine(c, rates));
    const subtotal = lines.reduce((s, l) => s + l.amountYuan, 0);
    const total = Math.min(subtotal, rates.monthlyCapYuan);
    return { mediatorId, lines, countedCases: lines.filter((l) => !l.excluded).length, subtotalYuan: subtotal, totalYuan: total, capped: total < subtotal };
  });
  return { orgId, month: period.key, rates, mediators, totalYuan: mediators.reduce((s, m) => s + m.totalYuan, 0) };
}
