// The counters can never drift from the cases: random step sequences over many cases, every change of a case's
// facts rolled into counters per (organisation, month) as the timer does it (the delta between the facts the
// counters hold for the case and its facts now), then the figures from the counters compared with
// `computeFigures` over the cases themselves, for every organisation and several periods.
import fc from 'fast-check';
import {
  addCounts,
  caseFacts,
  computeFigures,
  counterId,
  execute,
  factsDelta,
  figuresFromCounts,
  monthsOf,
  parsePeriod,
  rollUpFacts,
  type Case,
  type Fact,
  type Period,
} from '../../src/domain';
import { T0, TREE, actors, ctx, registerCommand } from './fixtures';
import { ORG_IDS, addHours, stepArb } from './random-steps';
import { walkInterleaved } from './random-months';

/** The counter store: `<orgId>:<month>` → name → number. */
type Counters = Map<string, Map<string, number>>;

function apply(counters: Counters, delta: Fact[]): void {
  for (const [id, c] of rollUpFacts(TREE, delta)) {
    const doc = counters.get(id) ?? new Map<string, number>();
    for (const [name, n] of c.add) {
      const v = (doc.get(name) ?? 0) + n;
      if (v === 0) doc.delete(name);
      else doc.set(name, v);
    }
    counters.set(id, doc);
  }
}

function fromCounters(counters: Counters, orgId: string, period: Period) {
  const sum = new Map<string, number>();
  for (const m of monthsOf(period)) addCounts(sum, [...(counters.get(counterId(orgId, m)) ?? new Map<string, number>())].map(([k, n]) => ({ k, n })));
  return figuresFromCounts(sum, TREE, orgId, period);
}

const PERIODS = ['2026-02', '2026-03', '2026-04', '2026-05', '2026-Q1', '2026-Q2', '2026'].map((k) => parsePeriod(k)!);

const caseArb = fc.record({
  firstOrg: fc.constantFrom(...ORG_IDS),
  source: fc.constantFrom('resident', 'walk_in', 'phone', 'court', 'police') as fc.Arbitrary<'resident'>,
  category: fc.constantFrom('neighbourhood', 'labour', 'traffic', 'property'),
  startHours: fc.nat(24 * 70),
  steps: fc.array(stepArb, { minLength: 3, maxLength: 45 }),
});

describe('figures from counters rolled up per organisation and month', () => {
  it('equal computeFigures over the cases, for every organisation and period, whatever the steps', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(fc.array(caseArb, { minLength: 1, maxLength: 12 }), fc.array(fc.nat(2), { minLength: 40, maxLength: 40 }), (specs, rollEvery) => {
        const counters: Counters = new Map();
        const cases: Case[] = [];
        const counted: Fact[][] = [];
        // Registers every case, then interleaves their steps; after each step, a roll-up of that case may or may
        // not run (a dirty case waits for the timer), and a final roll-up catches up on the rest.
        specs.forEach((sp, i) => {
          const now = addHours('2026-02-01T02:00:00.000Z', sp.startHours);
          let r = execute(undefined, registerCommand({ caseId: `case-${i}`, caseNo: `N-${i}`, source: sp.source, firstInquiryOrgId: sp.firstOrg, category: sp.category }), ctx(actors.staff(sp.firstOrg), now));
          if (!r.ok) r = execute(undefined, registerCommand({ caseId: `case-${i}`, caseNo: `N-${i}`, source: 'walk_in', firstInquiryOrgId: sp.firstOrg, category: sp.category }), ctx(actors.staff(sp.firstOrg), now));
          if (!r.ok) throw new Error(r.error.message);
          cases.push(r.state);
          counted.push([]);
        });
        const rollUp = (i: number) => {
          const facts = caseFacts(cases[i]);
          apply(counters, factsDelta(counted[i], facts));
          counted[i] = facts;
        };
        walkInterleaved(cases, specs, (i, k) => {
          if (rollEvery[(i * 7 + k) % rollEvery.length] === 0) rollUp(i);
        });
        cases.forEach((_, i) => rollUp(i));
        // Rolling up again changes nothing: a case already counted is not counted twice.
        cases.forEach((_, i) => rollUp(i));
        for (const org of ORG_IDS)
          for (const p of PERIODS) {
            const f = computeFigures(cases, TREE, org, p);
            expect(fromCounters(counters, org, p)).toEqual(f);
            for (const k of ['received', 'accepted', 'transferred', 'referred', 'mediated', 'successful', 'resolved', 'closed'] as const) if (f[k]) seen.add(k);
            if (f.overdue.byPerson.length) seen.add('overdue');
            if (f.performanceRate.den) seen.add('performance');
            if (f.satisfaction.count) seen.add('satisfaction');
            if (f.referralsIn.total) seen.add('referralsIn');
          }
      }),
      { numRuns: 200, seed: 42 },
    );
    // Not vacuous: the random cases reached every kind of figure.
    expect([...seen].sort()).toEqual(['accepted', 'closed', 'mediated', 'overdue', 'performance', 'received', 'referralsIn', 'referred', 'resolved', 'satisfaction', 'successful', 'transferred']);
  });

  it('a case transferred to another organisation in a later month moves its counts there, once', () => {
    const counters: Counters = new Map();
    let c = execute(undefined, registerCommand({ source: 'walk_in', firstInquiryOrgId: 'C1A' }), ctx(actors.staff('C1A'), T0));
    if (!c.ok) throw new Error(c.error.message);
    apply(counters, factsDelta([], caseFacts(c.state)));
    const registered = caseFacts(c.state);
    const later = '2026-04-02T02:00:00.000Z';
    const sent = execute(c.state, { type: 'transfer', toOrgId: 'C1B', reason: '转至主管单位', consentToShare: true, overrideReason: '主任决定' }, ctx(actors.director('C1A'), later));
    if (!sent.ok) throw new Error(sent.error.message);
    const taken = execute(sent.state, { type: 'accept_transfer' }, ctx(actors.director('C1B'), later));
    if (!taken.ok) throw new Error(taken.error.message);
    // The same step replayed against the counters twice (a retried roll-up) counts it once.
    const after = caseFacts(taken.state);
    apply(counters, factsDelta(registered, after));
    const march = parsePeriod('2026-03')!;
    const april = parsePeriod('2026-04')!;
    expect(fromCounters(counters, 'C1A', march)).toMatchObject({ received: 1, transferred: 1, accepted: 0 });
    expect(fromCounters(counters, 'C1B', april)).toMatchObject({ received: 0, accepted: 1 });
    expect(fromCounters(counters, 'S1', parsePeriod('2026-Q2')!)).toMatchObject({ accepted: 1 });
    expect(fromCounters(counters, 'D', parsePeriod('2026')!)).toMatchObject({ received: 1, accepted: 1, transferred: 1 });
    expect(factsDelta(after, caseFacts(taken.state))).toEqual([]);
    for (const org of ORG_IDS) for (const p of [march, april]) expect(fromCounters(counters, org, p)).toEqual(computeFigures([taken.state], TREE, org, p));
  });
});
