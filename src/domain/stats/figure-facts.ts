// Figures as counters: a case's contribution to the figures (统计报表) decomposed into facts keyed by
// (organisation, month), so an organisation's figures for a month, quarter or year are sums of at most twelve
// counter documents instead of a pass over every case.
//
// Every case-level test in `computeFigures` looks at one organisation (the first-inquiry organisation, the
// responsible one, a missed deadline's owner) and one instant or date, so each thing it counts is one fact
// `<orgId>|<YYYY-MM>|<name>` with a number (a count, or a sum for averages). Summing the facts of every
// organisation in a subtree over a period's months and handing the sums to `figuresFromCounts` gives exactly what
// `computeFigures` gives for the same cases (test/domain/figure-facts.property.test.ts holds the two together).
// `rollUpFacts` adds each fact to the organisation's ancestors too, so one counter per (organisation, month)
// already holds its whole subtree.
//
// Pure: the case, the tree and the period come in; nothing is read from a store or a clock.
import { isReferringSource, type Case, type CaseSource, type ReferringSource } from '../case/model';
import type { ReferralAuthority } from '../config/rules';
import { parentChain, subtree, type OrgTree } from '../org/tree';
import { chinaDateOf, isIsoDate, toMillis } from '../shared/time';
import { mediationConcludedAt, rate, wasTransferred, type CategoryFigures, type Figures, type OverdueCount } from './figures';
import type { Period } from './period';

/** A counted number: `k` is `<orgId>|<YYYY-MM>|<name>` on a case, `<name>` in an organisation's month. */
export interface Fact {
  k: string;
  n: number;
}

/** Fact names: plain counts, sums (days, scores) and counts per category, source, authority, org or person. */
export const FACT = {
  received: 'received',
  transferred: 'transferred',
  accepted: 'accepted',
  closed: 'closed',
  closedOnTime: 'closedOnTime',
  closeDays: 'closeDays',
  referred: 'referred',
  resolved: 'resolved',
  mediated: 'mediated',
  successful: 'successful',
  successfulHere: 'successfulHere',
  performanceDue: 'performanceDue',
  performed: 'performed',
  overdue: 'overdue',
  scores: 'scores',
  scoreSum: 'scoreSum',
  satisfied: 'satisfied',
  feedbackSent: 'feedbackSent',
  receivedIn: (category: string) => `receivedIn:${category}`,
  mediatedIn: (category: string) => `mediatedIn:${category}`,
  successfulIn: (category: string) => `successfulIn:${category}`,
  receivedFrom: (source: string) => `receivedFrom:${source}`,
  referredTo: (authority: string) => `referredTo:${authority}`,
  overdueOf: (orgId: string) => `overdueOf:${orgId}`,
  overdueBy: (userId: string) => `overdueBy:${userId}`,
} as const;

const monthOfInstant = (instant: string): string => chinaDateOf(instant).slice(0, 7);

function daysBetween(fromInstant: string, toInstant: string): number {
  return Math.round((toMillis(`${chinaDateOf(toInstant)}T00:00:00Z`) - toMillis(`${chinaDateOf(fromInstant)}T00:00:00Z`)) / 86_400_000);
}

/**
 * What one case, as it stands, adds to the figures: facts keyed by organisation and month, sorted by key.
 * Equal cases give equal facts, so a case whose facts did not change needs no counter touched.
 */
export function caseFacts(c: Case): Fact[] {
  const out = new Map<string, number>();
  const add = (orgId: string, month: string, name: string, by = 1) => {
    const k = `${orgId}|${month}|${name}`;
    out.set(k, (out.get(k) ?? 0) + by);
  };
  // Received: by the first-inquiry organisation, in the month of registration.
  {
    const org = c.firstInquiry.orgId;
    const m = monthOfInstant(c.registeredAt);
    add(org, m, FACT.received);
    add(org, m, FACT.receivedIn(c.category));
    add(org, m, FACT.receivedFrom(c.source));
    if (wasTransferred(c)) add(org, m, FACT.transferred);
  }
  // Held: everything else about the case counts for the organisation responsible for it now.
  const held = c.responsibleOrgId;
  if (c.acceptedAt) add(held, monthOfInstant(c.acceptedAt), FACT.accepted);
  if (c.status === 'closed') {
    const m = monthOfInstant(c.closedAt);
    add(held, m, FACT.closed);
    add(held, m, FACT.closeDays, daysBetween(c.registeredAt, c.closedAt));
    if (c.missedDeadlines.length === 0) add(held, m, FACT.closedOnTime);
    if (c.outcome === 'referred') {
      add(held, m, FACT.referred);
      if (c.referral) add(held, m, FACT.referredTo(c.referral.authority));
    }
    if (c.outcome === 'resolved') add(held, m, FACT.resolved);
  }
  const concluded = mediationConcludedAt(c);
  if (concluded) {
    const m = monthOfInstant(concluded);
    add(held, m, FACT.mediated);
    add(held, m, FACT.mediatedIn(c.category));
  }
  const effective = c.agreement?.effectiveAt;
  if (effective) {
    const m = monthOfInstant(effective);
    add(held, m, FACT.successful);
    add(held, m, FACT.successfulIn(c.category));
    if (c.responsibleOrgId === c.firstInquiry.orgId) add(held, m, FACT.successfulHere);
    const items = c.performanceItems ?? [];
    const dates = items.map((i) => i.dueDate).sort();
    const last = dates[dates.length - 1];
    if (items.length && last !== undefined && isIsoDate(last)) {
      add(held, last.slice(0, 7), FACT.performanceDue);
      if (items.every((i) => i.doneAt) || (c.status === 'closed' && c.outcome === 'resolved')) add(held, last.slice(0, 7), FACT.performed);
    }
  }
  const score = (at: string, s: number) => {
    const m = monthOfInstant(at);
    add(held, m, FACT.scores);
    add(held, m, FACT.scoreSum, s);
    if (s >= 4) add(held, m, FACT.satisfied);
  };
  for (const r of c.ratings ?? []) score(r.at, r.score);
  for (const v of c.returnVisits) if (v.satisfaction !== undefined) score(v.at, v.satisfaction);
  if (c.referralFeedback?.at) add(held, monthOfInstant(c.referralFeedback.at), FACT.feedbackSent);
  // Missed deadlines: by the organisation that owned the deadline, in the month it was recorded.
  for (const d of c.missedDeadlines) {
    const m = monthOfInstant(d.recordedAt);
    add(d.ownerOrgId, m, FACT.overdue);
    add(d.ownerOrgId, m, FACT.overdueOf(d.ownerOrgId));
    if (d.ownerUserId) add(d.ownerOrgId, m, FACT.overdueBy(d.ownerUserId));
  }
  return [...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, n]) => ({ k, n }));
}

export function sameFacts(a: readonly Fact[] | undefined, b: readonly Fact[] | undefined): boolean {
  const x = a ?? [];
  const y = b ?? [];
  return x.length === y.length && x.every((f, i) => f.k === y[i].k && f.n === y[i].n);
}

/** `after − before`, without the zeros: what the counters must add when a case's facts change. */
export function factsDelta(before: readonly Fact[] | undefined, after: readonly Fact[]): Fact[] {
  const sum = new Map<string, number>();
  for (const f of after) sum.set(f.k, (sum.get(f.k) ?? 0) + f.n);
  for (const f of before ?? []) sum.set(f.k, (sum.get(f.k) ?? 0) - f.n);
  return [...sum.entries()].filter(([, n]) => n !== 0).map(([k, n]) => ({ k, n }));
}

/** Splits a case fact's key into organisation, month and name (the name may itself hold `|`-free colons). */
export function splitFactKey(k: string): { orgId: string; month: string; name: string } {
  const a = k.indexOf('|');
  const b = k.indexOf('|', a + 1);
  return { orgId: k.slice(0, a), month: k.slice(a + 1, b), name: k.slice(b + 1) };
}

/**
 * Case facts (or a delta of them) as additions to counters per (organisation, month) — each fact added to its
 * organisation and every organisation above it — keyed `<orgId>:<month>`. A fact of an organisation the tree
 * does not know counts nowhere (no subtree holds it).
 */
export function rollUpFacts(tree: OrgTree, facts: readonly Fact[]): Map<string, { orgId: string; month: string; add: Map<string, number> }> {
  const out = new Map<string, { orgId: string; month: string; add: Map<string, number> }>();
  const chains = new Map<string, string[]>();
  for (const f of facts) {
    const { orgId, month, name } = splitFactKey(f.k);
    let chain = chains.get(orgId);
    if (!chain) chains.set(orgId, (chain = parentChain(tree, orgId).map((o) => o.id)));
    for (const up of chain) {
      const id = counterId(up, month);
      let c = out.get(id);
      if (!c) out.set(id, (c = { orgId: up, month, add: new Map() }));
      c.add.set(name, (c.add.get(name) ?? 0) + f.n);
    }
  }
  return out;
}

export function counterId(orgId: string, month: string): string {
  return `${orgId}:${month}`;
}

/** The months (`YYYY-MM`) a period covers, in order: one for a month, three for a quarter, twelve for a year. */
export function monthsOf(period: Period): string[] {
  const out: string[] = [];
  let [y, m] = period.firstDate.slice(0, 7).split('-').map(Number);
  const last = period.lastDate.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push(key);
    if (key >= last) return out;
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
}

/** Adds counters (name → number) into one map: the months of a period summed. */
export function addCounts(into: Map<string, number>, counts: Iterable<Fact>): Map<string, number> {
  for (const f of counts) into.set(f.k, (into.get(f.k) ?? 0) + f.n);
  return into;
}

function sortedCounts(entries: Array<[string, number]>): OverdueCount[] {
  return entries
    .filter(([, n]) => n !== 0)
    .map(([id, count]) => ({ id, count }))
    .sort((a, b) => b.count - a.count || a.id.localeCompare(b.id));
}

function withPrefix(counts: Map<string, number>, prefix: string): Array<[string, number]> {
  return [...counts.entries()].filter(([k, n]) => k.startsWith(prefix) && n !== 0).map(([k, n]) => [k.slice(prefix.length), n]);
}

/**
 * The figures of an organisation (and everything below it) for a period from its counters summed over the
 * period's months: the same `Figures` as `computeFigures` over the cases themselves.
 */
export function figuresFromCounts(counts: ReadonlyMap<string, number>, tree: OrgTree, orgId: string, period: Period): Figures {
  const c = counts as Map<string, number>;
  const n = (name: string) => c.get(name) ?? 0;
  const categories = new Map<string, CategoryFigures>();
  const cat = (code: string) => {
    if (!categories.has(code)) categories.set(code, { category: code, received: 0, mediated: 0, successful: 0 });
    return categories.get(code)!;
  };
  for (const [code, x] of withPrefix(c, FACT.receivedIn(''))) cat(code).received += x;
  for (const [code, x] of withPrefix(c, FACT.mediatedIn(''))) cat(code).mediated += x;
  for (const [code, x] of withPrefix(c, FACT.successfulIn(''))) cat(code).successful += x;
  const sources = withPrefix(c, FACT.receivedFrom(''));
  const referring = sources.filter(([s]) => isReferringSource(s as CaseSource));
  const closed = n(FACT.closed);
  const scores = n(FACT.scores);
  return {
    orgId,
    orgIds: subtree(tree, orgId).map((o) => o.id),
    period: { key: period.key, firstDate: period.firstDate, lastDate: period.lastDate },
    received: n(FACT.received),
    accepted: n(FACT.accepted),
    transferred: n(FACT.transferred),
    referred: n(FACT.referred),
    mediated: n(FACT.mediated),
    successful: n(FACT.successful),
    resolved: n(FACT.resolved),
    successRate: rate(n(FACT.successful), n(FACT.mediated)),
    performanceRate: rate(n(FACT.performed), n(FACT.performanceDue)),
    averageDaysToClose: closed ? Math.round((n(FACT.closeDays) / closed) * 10) / 10 : null,
    closed,
    onTimeRate: rate(n(FACT.closedOnTime), closed),
    overdue: { total: n(FACT.overdue), byOrg: sortedCounts(withPrefix(c, FACT.overdueOf(''))), byPerson: sortedCounts(withPrefix(c, FACT.overdueBy(''))) },
    resolvedAtFirstLevel: rate(n(FACT.successfulHere), n(FACT.successful)),
    satisfaction: {
      count: scores,
      average: scores ? Math.round((n(FACT.scoreSum) / scores) * 100) / 100 : null,
      satisfiedRate: rate(n(FACT.satisfied), scores),
    },
    byCategory: [...categories.values()].sort((a, b) => b.received - a.received || a.category.localeCompare(b.category)),
    bySource: sources
      .map(([source, x]) => ({ source: source as CaseSource, received: x }))
      .sort((a, b) => b.received - a.received || a.source.localeCompare(b.source)),
    referralsIn: {
      total: referring.reduce((s, [, x]) => s + x, 0),
      bySource: sortedCounts(referring).map(({ id, count }) => ({ source: id as ReferringSource, received: count })),
      feedbackSent: n(FACT.feedbackSent),
    },
    referralsOut: {
      total: n(FACT.referred),
      byAuthority: sortedCounts(withPrefix(c, FACT.referredTo(''))).map(({ id, count }) => ({ authority: id as ReferralAuthority, count })),
    },
  };
}
