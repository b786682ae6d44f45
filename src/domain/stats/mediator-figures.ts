// Each mediator's month (调解员考核): cases closed by outcome, on-time rate, satisfaction, return visits and
// recusals — the figures the half-yearly assessment of seed 004 reads (案件受理调解、建档立卡、民主评议).
// Pure: the cases, the mediators and the period come in.
import type { Outcome } from '../case/model';
import { mediationConcludedAt, rate, type Rate } from './figures';
import type { ClosedMonthCase, MonthCase } from './month-case';
import { isInPeriod, type Period } from './period';

export interface MediatorFigures {
  mediatorId: string;
  /** Cases assigned to the mediator and closed in the period, by outcome. */
  closed: number;
  byOutcome: Record<Outcome, number>;
  /** Cases still open at the time of computing, assigned to the mediator and accepted before the period ended. */
  open: number;
  /** 按期办结: of the closed cases that were accepted, those whose mediation concluded by its deadline. */
  onTime: Rate;
  /** Party ratings and return-visit scores (1–5) on the mediator's cases given in the period. */
  satisfaction: { count: number; average: number | null };
  /** 回访: return visits the mediator recorded in the period. */
  returnVisits: number;
  /** 回避: cases accepted in the period in which a party had the mediator step aside. */
  recusals: number;
}

const NO_OUTCOMES = (): Record<Outcome, number> => ({
  resolved: 0,
  failed: 0,
  respondent_refused: 0,
  no_reply: 0,
  withdrawn: 0,
  terminated: 0,
  referred: 0,
});

/**
 * Whether mediation concluded within its deadline: the agreement took effect (or mediation failed, or the case
 * closed otherwise) no later than the mediation deadline in force (the extended one, if both parties agreed).
 */
export function concludedOnTime(c: ClosedMonthCase): boolean {
  if (!c.mediationDueAt) return true;
  const concluded = mediationConcludedAt(c) ?? c.closedAt;
  return concluded <= c.mediationDueAt;
}

/** Figures for each mediator named and each one found on the period's cases, sorted by id. */
export function computeMediatorFigures(cases: readonly MonthCase[], mediatorIds: readonly string[], period: Period): MediatorFigures[] {
  const at = (instant: string | undefined) => isInPeriod(period, instant);
  const ids = new Set(mediatorIds);
  for (const c of cases) if (c.mediatorId && c.status === 'closed' && at(c.closedAt)) ids.add(c.mediatorId);
  return [...ids].sort().map((id) => {
    const mine = cases.filter((c) => c.mediatorId === id);
    const closed = mine.filter((c): c is ClosedMonthCase => c.status === 'closed' && at(c.closedAt));
    const byOutcome = NO_OUTCOMES();
    for (const c of closed) byOutcome[c.outcome] += 1;
    const mediated = closed.filter((c) => c.acceptedAt);
    const scores: number[] = [];
    for (const c of mine) {
      for (const r of c.ratings ?? []) if (at(r.at)) scores.push(r.score);
      for (const v of c.returnVisits) if (at(v.at) && v.satisfaction !== undefined) scores.push(v.satisfaction);
    }
    return {
      mediatorId: id,
      closed: closed.length,
      byOutcome,
      open: mine.filter((c) => c.status !== 'closed' && c.acceptedAt !== undefined && c.acceptedAt < period.to).length,
      onTime: rate(mediated.filter(concludedOnTime).length, mediated.length),
      satisfaction: {
        count: scores.length,
        average: scores.length ? Math.round((scores.reduce((s, x) => s + x, 0) / scores.length) * 100) / 100 : null,
      },
      returnVisits: cases.reduce((n, c) => n + c.returnVisits.filter((v) => v.by === id && at(v.at)).length, 0),
      recusals: cases.filter((c) => c.recusedMediatorIds.includes(id) && at(c.acceptedAt)).length,
    };
  });
}
