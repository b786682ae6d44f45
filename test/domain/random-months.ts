// Random months of cases for the projection tests (a month's ledger, a register): cases filed at random times in
// random organisations — several parties with one withdrawing, urgent and high-risk filings — then walked through
// random steps, interleaved, so they reach every state: sessions, written and oral agreements in force, ratings,
// return visits with scores, recusals, transfers, closures.
import fc from 'fast-check';
import { aggregate } from 'mingo';
import { execute, parsePeriod, type Case } from '../../src/domain';
import { PARTIES, actors, ctx, registerCommand } from './fixtures';
import { ORG_IDS, POOL, addHours, build, scoredStep, stepArb, type Step } from './random-steps';

export const MONTHS = ['2026-02', '2026-03', '2026-04', '2026-05'].map((k) => parsePeriod(k)!);
const THIRD = { partyId: 'p3', role: 'applicant' as const, name: '王五', communityId: 'c1a' };

export interface CaseSpec {
  firstOrg: string;
  risk: 'low' | 'high' | 'signals';
  threeParties: boolean;
  /** The third party (an applicant) withdraws at once: the case goes on without them. */
  thirdWithdraws: boolean;
  category: string;
  startHours: number;
  steps: Step[];
}

export const caseSpecArb: fc.Arbitrary<CaseSpec> = fc.record({
  firstOrg: fc.constantFrom(...ORG_IDS),
  risk: fc.constantFrom('low', 'high', 'signals') as fc.Arbitrary<'low' | 'high' | 'signals'>,
  threeParties: fc.boolean(),
  thirdWithdraws: fc.boolean(),
  category: fc.constantFrom('neighbourhood', 'labour', 'traffic', 'property'),
  startHours: fc.nat(24 * 70),
  steps: fc.array(stepArb, { minLength: 3, maxLength: 45 }),
});

/** The cases the specs describe, after their steps (a step the rules refuse leaves its case as it was). */
export function casesOf(specs: CaseSpec[]): Case[] {
  const cases: Case[] = specs.map((sp, i) => {
    const now = addHours('2026-02-01T02:00:00.000Z', sp.startHours);
    const facts = { communityId: 'c1a', partyCommunityIds: ['c1a'], amountYuan: 3000, peopleInvolved: 2, risk: sp.risk === 'high' ? ('high' as const) : ('low' as const), ...(sp.risk === 'signals' ? { riskSignals: ['violence_threat' as const] } : {}) };
    const parties = sp.threeParties ? [...PARTIES.map((p) => ({ ...p })), { ...THIRD }] : PARTIES.map((p) => ({ ...p }));
    const r = execute(undefined, registerCommand({ caseId: `case-${i}`, caseNo: `N-${i}`, source: 'walk_in', firstInquiryOrgId: sp.firstOrg, category: sp.category, facts, parties }), ctx(actors.staff(sp.firstOrg), now));
    if (!r.ok) throw new Error(r.error.message);
    if (!sp.threeParties || !sp.thirdWithdraws) return r.state;
    const w = execute(r.state, { type: 'withdraw', partyId: 'p3' }, ctx(actors.staff(sp.firstOrg), addHours(now, 1)));
    if (!w.ok) throw new Error(w.error.message);
    return w.state;
  });
  walkInterleaved(cases, specs);
  return cases;
}

/**
 * Walks the cases through their specs' steps interleaved (every case's first step, then every case's second, …),
 * each by the actor the spec picks; a step the rules refuse leaves its case as it was. `afterStep(i, k)` runs after
 * case i's k-th step, refused or not.
 */
export function walkInterleaved(cases: Case[], specs: ReadonlyArray<{ steps: Step[] }>, afterStep?: (i: number, k: number) => void): void {
  const longest = Math.max(...specs.map((s) => s.steps.length));
  for (let k = 0; k < longest; k++) {
    specs.forEach((sp, i) => {
      const step = sp.steps[k];
      if (!step) return;
      const c = cases[i];
      const now = addHours(c.updatedAt, step.hours);
      const { command, natural } = scoredStep(c, step, now) ?? build(c, step, now);
      const r = execute(c, command, ctx(step.actorMode === 0 ? POOL[step.pick % POOL.length] : natural, now));
      if (r.ok) cases[i] = r.state;
      afterStep?.(i, k);
    });
  }
}

/** The cases as the database answers `field({ case.<path>: true … })` for these paths (mingo, as the local store). */
export function projected<T>(cases: Case[], fields: readonly string[]): T[] {
  const $project = Object.fromEntries(fields.map((f) => [`case.${f}`, 1]));
  return (aggregate(cases.map((c) => ({ _id: c.caseId, case: structuredClone(c) })), [{ $project }]) as Array<{ case: T }>).map((d) => d.case);
}
