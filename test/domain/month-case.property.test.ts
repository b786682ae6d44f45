// A month's figures per mediator and its subsidy ledger are read from the database as a projection of each case
// (MONTH_CASE_FIELDS), not the whole case. Over random step sequences — several parties with one withdrawing,
// urgent and high-risk filings, ratings, return visits with scores, agreements in force, recusals — the figures
// and the ledger from the projected cases equal those from the whole cases, for every organisation and month: a
// field the pure functions read and the projection leaves out shows here.
import fc from 'fast-check';
import { aggregate } from 'mingo';
import { computeMediatorFigures, computeSubsidyLedger, DEFAULT_RULES, execute, MONTH_CASE_FIELDS, parsePeriod, type Case, type MonthCase } from '../../src/domain';
import { PARTIES, actors, ctx, mediatorC1A, registerCommand, run, seedPerforming } from './fixtures';
import { ORG_IDS, POOL, addHours, build, scoredStep, stepArb } from './random-steps';

const MONTHS = ['2026-02', '2026-03', '2026-04', '2026-05'].map((k) => parsePeriod(k)!);
const THIRD = { partyId: 'p3', role: 'applicant' as const, name: '王五', communityId: 'c1a' };

/** The cases as the database answers `field({ case.<path>: true … })`. */
function projected(cases: Case[]): MonthCase[] {
  const $project = Object.fromEntries(MONTH_CASE_FIELDS.map((f) => [`case.${f}`, 1]));
  return (aggregate(cases.map((c) => ({ _id: c.caseId, case: structuredClone(c) })), [{ $project }]) as Array<{ case: MonthCase }>).map((d) => d.case);
}

const caseArb = fc.record({
  firstOrg: fc.constantFrom(...ORG_IDS),
  risk: fc.constantFrom('low', 'high', 'signals') as fc.Arbitrary<'low' | 'high' | 'signals'>,
  threeParties: fc.boolean(),
  /** The third party (an applicant) withdraws at once: the case goes on without them. */
  thirdWithdraws: fc.boolean(),
  category: fc.constantFrom('neighbourhood', 'labour', 'traffic', 'property'),
  startHours: fc.nat(24 * 70),
  steps: fc.array(stepArb, { minLength: 3, maxLength: 45 }),
});

describe('the month read as a projection', () => {
  it('gives the same figures per mediator and the same ledger as the whole cases', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(fc.array(caseArb, { minLength: 1, maxLength: 10 }), (specs) => {
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
          });
        }
        const slim = projected(cases);
        const mediatorIds = [...new Set(cases.flatMap((c) => (c.mediatorId ? [c.mediatorId] : [])))].sort();
        for (const orgId of ORG_IDS)
          for (const period of MONTHS) {
            const whole = computeSubsidyLedger(cases, { orgId, period, mediatorIds, rates: DEFAULT_RULES.subsidy });
            expect(computeSubsidyLedger(slim, { orgId, period, mediatorIds, rates: DEFAULT_RULES.subsidy })).toEqual(whole);
            const held = (list: readonly MonthCase[]) => list.filter((c) => c.responsibleOrgId === orgId);
            const figures = computeMediatorFigures(held(cases), mediatorIds, period);
            expect(computeMediatorFigures(held(slim), mediatorIds, period)).toEqual(figures);
            for (const m of whole.mediators)
              for (const l of m.lines) {
                seen.add(l.excluded ? `excluded:${l.excluded}` : 'paid');
                if (l.highRisk) seen.add('highRisk');
                if (l.parties >= 3) seen.add('threeParties');
                if (cases.find((c) => c.caseId === l.caseId)!.parties.some((p) => p.withdrawnAt)) seen.add('partyWithdrew');
              }
            for (const f of figures) {
              if (f.satisfaction.count) seen.add('satisfaction');
              if (f.returnVisits) seen.add('returnVisits');
              if (f.recusals) seen.add('recusals');
              if (f.onTime.den) seen.add('onTime');
              if (f.open) seen.add('open');
            }
          }
      }),
      { numRuns: 60, seed: 20261201 },
    );
    // The runs reached every part of the ledger and the figures (a projection missing a field cannot hide).
    expect([...seen].sort()).toEqual(expect.arrayContaining(['highRisk', 'onTime', 'open', 'paid', 'recusals', 'returnVisits', 'satisfaction', 'threeParties', 'partyWithdrew']));
  });

  it('counts a case on time by when its agreement took effect, though it closed after the deadline once performed and visited', () => {
    const performing = seedPerforming();
    if (!performing.mediationDueAt) throw new Error('the fixture has a mediation deadline');
    const late = addHours(performing.mediationDueAt, 24 * 10);
    const closed = run(performing, [
      [{ type: 'mark_item_done', itemId: 'i1' }, ctx(actors.resident, late)],
      [{ type: 'record_return_visit', visit: { result: 'performed', notes: '回访' } }, ctx(mediatorC1A, addHours(late, 1))],
    ]);
    const month = parsePeriod(closed.status === 'closed' ? closed.closedAt.slice(0, 7) : '')!;
    const [slim] = projected([closed]);
    const figures = computeMediatorFigures([slim], [], month);
    expect(figures).toEqual(computeMediatorFigures([closed], [], month));
    expect(figures[0].onTime).toMatchObject({ num: 1, den: 1 });
  });
});
