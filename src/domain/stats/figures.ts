// Figures per organisation (and everything below it) and period, from the case records alone (统计报表).
// Pure: the cases, the organisation tree and the period come in; nothing is read from a store or a clock.
import type { SlimCase } from './month-case';
import { isReferringSource, type Case, type CaseSource, type ClosedCase, type ReferringSource } from '../case/model';
import type { ReferralAuthority } from '../config/rules';
import { subtree, type OrgTree } from '../org/tree';
import { chinaDateOf, toMillis } from '../shared/time';
import { dateInPeriod, isInPeriod, type Period } from './period';

/** A share: `num` of `den`, and the percentage with one decimal (null when there is nothing to divide). */
export interface Rate {
  num: number;
  den: number;
  percent: number | null;
}

export function rate(num: number, den: number): Rate {
  return { num, den, percent: den ? Math.round((num / den) * 1000) / 10 : null };
}

export interface OverdueCount {
  /** Organisation or person id (the server adds names). */
  id: string;
  count: number;
}

export interface CategoryFigures {
  category: string;
  received: number;
  mediated: number;
  successful: number;
}

export interface Figures {
  orgId: string;
  /** The organisation and every organisation below it. */
  orgIds: string[];
  period: { key: string; firstDate: string; lastDate: string };
  /** 收案: registered in the period by an organisation in scope (the first-inquiry organisation). */
  received: number;
  /** 受理: accepted in the period; the accepting organisation is the one responsible for the case. */
  accepted: number;
  /** 转办: of the cases received, those sent on to another organisation (pending or taken). */
  transferred: number;
  /** 告知引导: closed in the period as not for mediation, with written guidance. */
  referred: number;
  /** 调解: mediation concluded in the period — an agreement took effect, or mediation failed or a party ended it. */
  mediated: number;
  /** 调解成功: an agreement (written or oral) took effect in the period. */
  successful: number;
  /** 案结事了: closed in the period as resolved (agreement performed, return visit done). */
  resolved: number;
  /** successful / mediated. */
  successRate: Rate;
  /** 协议履行率: agreements whose last performance date fell in the period, fully performed / all of them. */
  performanceRate: Rate;
  /** Average calendar days (China dates) from registration to closing, over cases closed in the period. */
  averageDaysToClose: number | null;
  closed: number;
  /** 按期办结率: cases closed in the period with no missed deadline / all cases closed in the period. */
  onTimeRate: Rate;
  /** 超期: deadlines missed in the period, by owning organisation and by person (责任倒查). */
  overdue: { total: number; byOrg: OverdueCount[]; byPerson: OverdueCount[] };
  /** 化解在本级: successful cases held by the organisation the request first reached / all successful cases. */
  resolvedAtFirstLevel: Rate;
  /** 满意度: party ratings and return-visit scores (1–5) given in the period; satisfied = 4 or 5. */
  satisfaction: { count: number; average: number | null; satisfiedRate: Rate };
  byCategory: CategoryFigures[];
  bySource: Array<{ source: CaseSource; received: number }>;
  /**
   * 诉调/公调/检调/访调对接, inward: cases received in the period that a court, police station, procuratorate or
   * petition office referred, by who referred them; and outcomes reported back to them (回告) in the period.
   */
  referralsIn: { total: number; bySource: Array<{ source: ReferringSource; received: number }>; feedbackSent: number };
  /** Outward: cases referred out in the period (告知引导, the `referred` above), by the authority they went to. */
  referralsOut: { total: number; byAuthority: Array<{ authority: ReferralAuthority; count: number }> };
}

/**
 * Mediation concluded without an agreement. Not `respondent_refused` or `no_reply`: without the respondent's
 * consent no mediation took place (Art. 17), so those cases count as closed but never as mediated.
 */
const MEDIATION_ENDED: ReadonlyArray<ClosedCase['outcome']> = ['failed', 'terminated'];

/** What `mediationConcludedAt` reads of a case: a full case, a month's (MonthCase) or a register's is one. */
export type ConcludingCase = SlimCase<'status' | 'acceptedAt' | 'outcome' | 'closedAt', { agreement?: { effectiveAt?: string } }>;

/** When mediation concluded (agreement in force, or closed failed/terminated after acceptance), if it has. */
export function mediationConcludedAt(c: ConcludingCase): string | undefined {
  const effective = c.agreement?.effectiveAt;
  if (effective) return effective;
  if (c.status === 'closed' && c.acceptedAt && MEDIATION_ENDED.includes(c.outcome)) return c.closedAt;
  return undefined;
}

function daysBetween(fromInstant: string, toInstant: string): number {
  return Math.round((toMillis(`${chinaDateOf(toInstant)}T00:00:00Z`) - toMillis(`${chinaDateOf(fromInstant)}T00:00:00Z`)) / 86_400_000);
}

function sortedCounts(map: Map<string, number>): OverdueCount[] {
  return [...map.entries()].map(([id, count]) => ({ id, count })).sort((a, b) => b.count - a.count || a.id.localeCompare(b.id));
}

function bump(map: Map<string, number>, key: string, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

/** Whether the case went on from the organisation it first reached (转办): pending, taken, or designated elsewhere. */
/** Whether the case left its first-inquiry organisation (or is leaving it); a full case or a register's. */
export function wasTransferred(c: SlimCase<'status' | 'responsibleOrgId', { firstInquiry: { orgId: string } }>): boolean {
  return c.status === 'transferring' || c.responsibleOrgId !== c.firstInquiry.orgId;
}

export function computeFigures(cases: readonly Case[], tree: OrgTree, orgId: string, period: Period): Figures {
  const orgIds = subtree(tree, orgId).map((o) => o.id);
  const inScope = (id: string | undefined) => id !== undefined && orgIds.includes(id);
  const at = (instant: string | undefined) => isInPeriod(period, instant);

  const received = cases.filter((c) => inScope(c.firstInquiry.orgId) && at(c.registeredAt));
  const held = cases.filter((c) => inScope(c.responsibleOrgId));
  const accepted = held.filter((c) => at(c.acceptedAt));
  const closed = held.filter((c): c is ClosedCase => c.status === 'closed' && at(c.closedAt));
  const referred = closed.filter((c) => c.outcome === 'referred');
  const mediated = held.filter((c) => at(mediationConcludedAt(c)));
  const successful = held.filter((c) => at(c.agreement?.effectiveAt));
  const resolved = closed.filter((c) => c.outcome === 'resolved');

  const performanceDue = held.filter((c) => {
    const items = c.performanceItems ?? [];
    if (!c.agreement?.effectiveAt || !items.length) return false;
    // Not `.at(-1)`: the mini-program's type check (lib ES2020) follows the wire types into the domain.
    const dates = items.map((i) => i.dueDate).sort();
    const last = dates[dates.length - 1];
    return dateInPeriod(period, last);
  });
  const performed = performanceDue.filter((c) => (c.performanceItems ?? []).every((i) => i.doneAt) || (c.status === 'closed' && c.outcome === 'resolved'));

  const onTime = closed.filter((c) => c.missedDeadlines.length === 0);
  const avg = closed.length ? Math.round((closed.reduce((s, c) => s + daysBetween(c.registeredAt, c.closedAt), 0) / closed.length) * 10) / 10 : null;

  const byOrg = new Map<string, number>();
  const byPerson = new Map<string, number>();
  let overdueTotal = 0;
  for (const c of cases) {
    for (const m of c.missedDeadlines) {
      if (!inScope(m.ownerOrgId) || !at(m.recordedAt)) continue;
      overdueTotal += 1;
      bump(byOrg, m.ownerOrgId);
      if (m.ownerUserId) bump(byPerson, m.ownerUserId);
    }
  }

  const scores: number[] = [];
  for (const c of held) {
    for (const r of c.ratings ?? []) if (at(r.at)) scores.push(r.score);
    for (const v of c.returnVisits) if (at(v.at) && v.satisfaction !== undefined) scores.push(v.satisfaction);
  }

  const categories = new Map<string, CategoryFigures>();
  const cat = (code: string) => {
    if (!categories.has(code)) categories.set(code, { category: code, received: 0, mediated: 0, successful: 0 });
    return categories.get(code)!;
  };
  for (const c of received) cat(c.category).received += 1;
  for (const c of mediated) cat(c.category).mediated += 1;
  for (const c of successful) cat(c.category).successful += 1;
  const sources = new Map<string, number>();
  for (const c of received) bump(sources, c.source);

  const referringSources = new Map<string, number>();
  for (const c of received) if (isReferringSource(c.source)) bump(referringSources, c.source);
  const authorities = new Map<string, number>();
  for (const c of referred) if (c.referral) bump(authorities, c.referral.authority);
  const referredIn = received.filter((c) => isReferringSource(c.source));

  return {
    orgId,
    orgIds,
    period: { key: period.key, firstDate: period.firstDate, lastDate: period.lastDate },
    received: received.length,
    accepted: accepted.length,
    transferred: received.filter(wasTransferred).length,
    referred: referred.length,
    mediated: mediated.length,
    successful: successful.length,
    resolved: resolved.length,
    successRate: rate(successful.length, mediated.length),
    performanceRate: rate(performed.length, performanceDue.length),
    averageDaysToClose: avg,
    closed: closed.length,
    onTimeRate: rate(onTime.length, closed.length),
    overdue: { total: overdueTotal, byOrg: sortedCounts(byOrg), byPerson: sortedCounts(byPerson) },
    resolvedAtFirstLevel: rate(successful.filter((c) => c.responsibleOrgId === c.firstInquiry.orgId).length, successful.length),
    satisfaction: {
      count: scores.length,
      average: scores.length ? Math.round((scores.reduce((s, x) => s + x, 0) / scores.length) * 100) / 100 : null,
      satisfiedRate: rate(scores.filter((s) => s >= 4).length, scores.length),
    },
    byCategory: [...categories.values()].sort((a, b) => b.received - a.received || a.category.localeCompare(b.category)),
    bySource: [...sources.entries()].map(([source, n]) => ({ source: source as CaseSource, received: n })).sort((a, b) => b.received - a.received || a.source.localeCompare(b.source)),
    referralsIn: {
      total: referredIn.length,
      bySource: sortedCounts(referringSources).map(({ id, count }) => ({ source: id as ReferringSource, received: count })),
      feedbackSent: held.filter((c) => at(c.referralFeedback?.at)).length,
    },
    referralsOut: {
      total: referred.length,
      byAuthority: sortedCounts(authorities).map(({ id, count }) => ({ authority: id as ReferralAuthority, count })),
    },
  };
}
