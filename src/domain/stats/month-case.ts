// The part of a case that a month's figures per mediator and its subsidy ledger read (调解员考核, 补贴台账). The
// database answers a month with only these fields (MONTH_CASE_FIELDS, a projection), not the parties' names, the
// texts, sessions or agreement terms: several hundred cases a month are decoded on every read of the ledger. The
// type keeps the pure functions to what is read: a field they would need besides is a compile error, not a
// silent undefined.
import type { Case, Party, ReturnVisit, SatisfactionRating } from '../case/model';
import type { TriageFacts } from '../triage/facts';

const TOP = [
  'caseId',
  'caseNo',
  'status',
  'category',
  'outcome',
  'closedAt',
  'acceptedAt',
  'mediatorId',
  'mediationDueAt',
  'responsibleOrgId',
  'urgent',
  'recusedMediatorIds',
] as const;

type Top = (typeof TOP)[number];

/** Nested parts read: whether a party withdrew, risk, ratings, return visits, when the agreement took effect. */
interface Nested {
  facts: Pick<TriageFacts, 'risk' | 'riskSignals'>;
  parties: ReadonlyArray<Pick<Party, 'withdrawnAt'>>;
  ratings?: ReadonlyArray<Pick<SatisfactionRating, 'score' | 'at'>>;
  returnVisits: ReadonlyArray<Pick<ReturnVisit, 'at' | 'satisfaction' | 'by'>>;
  agreement?: { effectiveAt?: string };
}

/**
 * A case narrowed to the top-level fields `T` — per status, so that testing the status still narrows what a closed
 * case has — and the nested parts `N` (a projection reads only some fields of each party, visit, …).
 */
export type SlimCase<T extends string, N> = Case extends infer C ? (C extends unknown ? Pick<C, Extract<T, keyof C>> & N : never) : never;

/** A case as a month's figures and ledger read it; every full `Case` is one. */
export type MonthCase = SlimCase<Top, Nested>;

/** A month case once closed: what its outcome and closing time narrow to. */
export type ClosedMonthCase = Extract<MonthCase, { status: 'closed' }>;

/** The projection that reads a MonthCase: field paths under the stored document's `case`. */
export const MONTH_CASE_FIELDS: readonly string[] = [
  ...TOP,
  'facts.risk',
  'facts.riskSignals',
  'parties.withdrawnAt',
  'ratings.score',
  'ratings.at',
  'returnVisits.at',
  'returnVisits.satisfaction',
  'returnVisits.by',
  'agreement.effectiveAt',
];
