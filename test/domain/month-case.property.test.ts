// A month's figures per mediator and its subsidy ledger are read from the database as a projection of each case
// (MONTH_CASE_FIELDS), not the whole case. Over random step sequences — several parties with one withdrawing,
// urgent and high-risk filings, ratings, return visits with scores, agreements in force, recusals — the figures
// and the ledger from the projected cases equal those from the whole cases, for every organisation and month: a
// field the pure functions read and the projection leaves out shows here.
import fc from 'fast-check';
import { computeMediatorFigures, computeSubsidyLedger, DEFAULT_RULES, MONTH_CASE_FIELDS, parsePeriod, type Case, type MonthCase } from '../../src/domain';
import { actors, ctx, mediatorC1A, run, seedPerforming } from './fixtures';
import { caseSpecArb, casesOf, MONTHS, projected as projectedAs } from './random-months';
import { ORG_IDS, addHours } from './random-steps';

/** The cases as the database answers `field({ case.<path>: true … })`. */
const projected = (cases: Case[]): MonthCase[] => projectedAs<MonthCase>(cases, MONTH_CASE_FIELDS);

describe('the month read as a projection', () => {
  it('gives the same figures per mediator and the same ledger as the whole cases', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(fc.array(caseSpecArb, { minLength: 1, maxLength: 10 }), (specs) => {
        const cases = casesOf(specs);
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
