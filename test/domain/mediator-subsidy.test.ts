// A mediators' month worked out by hand: April 2026 (China time) at committee C1A, three mediators (王 m-wang,
// 李 m-li, 赵 m-zhao). Each case below is written as the few facts the figures read, so every number asserted
// can be checked against this table with pencil and paper.
//
// | case | mediator | outcome    | accepted | due    | concluded    | closed        | parties | risk   | ratings / visit scores | counts?            | yuan        |
// |------|----------|------------|----------|--------|--------------|---------------|---------|--------|------------------------|--------------------|-------------|
// | W1   | 王       | resolved   | 04-01    | 05-01  | agreement 04-10 | 04-20      | 2       | low    | 5, 4 / visit 5 (王 04-20) | yes             | 100         |
// | W2   | 王       | resolved   | 04-02    | 05-02  | agreement 04-15 | 04-25      | 3       | urgent | — / visit (王 04-25)   | yes                | 100+50+100  |
// | W3   | 王       | failed     | 04-03    | 05-03  | closed 04-28 | 04-28         | 2       | low    | —                      | no: outcome        | 0           |
// | W4   | 王       | resolved   | 03-01    | 03-31  | agreement 04-05 | 04-12      | 2       | low    | —                      | no: late           | 0           |
// | W5   | 王       | resolved   | 04-01    | 05-01  | agreement 04-20 | 04-30 23:00 | 2      | high   | —                      | yes (土地 300)     | 300+100     |
// | X1   | 王       | resolved   | 04-01    | 05-01  | agreement 04-10 | 04-20      | 2       | low    | —   at C1B, another org | not in C1A's ledger |            |
// | L1   | 李       | resolved   | 04-01    | 05-01  | agreement 04-08 | 04-18      | 2       | low    | 2 (04-19) / visit 2 (李 04-18) | no: dissatisfied | 0     |
// | L2   | 李       | withdrawn  | 04-02    | 05-02  | closed 04-08 | 04-08         | 2       | low    | —                      | no: outcome        | 0           |
// | L3   | 李       | resolved   | 04-01    | 05-01  | agreement 04-10 | 05-01 00:30 | 2      | low    | 5 (05-01)              | May, not April     |             |
// | L4   | 李       | resolved   | 03-01    | 03-31  | agreement 03-10 | 03-31 23:30 | 2      | low    | visit (李 03-31)       | March, not April   |             |
// | L5   | 李       | resolved   | 04-01    | 05-01  | agreement 04-09 | 04-16      | 2       | low    | visit (李 04-16)       | yes                | 100         |
// | R    | 李 (赵 recused) | open (in mediation) | 04-06 | 05-06 | —          | —           | 2       | low    | —                      |                    |             |
//
// Rates for the test: base 100, land requisition 300, several parties (3 or more) +50, urgent/high risk +100,
// resolved only, on time only, ratings averaging under 3 not paid, cap 600 a mediator a month.
import { computeMediatorFigures, computeSubsidyLedger, parsePeriod, DEFAULT_RULES, type Case, type SubsidyRates } from '../../src/domain';
import { checkRulesOverride } from '../../src/domain/config/schema';
import { seedRegistered } from './fixtures';

const cn = (date: string, time = '10:00') => new Date(`${date}T${time}:00+08:00`).toISOString();
const APRIL = parsePeriod('2026-04')!;

interface Spec {
  id: string;
  mediator: string;
  org?: string;
  outcome?: 'resolved' | 'failed' | 'withdrawn';
  accepted: string;
  due: string;
  agreement?: string;
  closed?: string;
  parties?: number;
  urgent?: boolean;
  risk?: 'low' | 'high';
  category?: string;
  ratings?: Array<[number, string]>;
  visit?: { by: string; at: string; score?: number };
  recused?: string[];
}

function make(s: Spec): Case {
  const base = seedRegistered({ caseId: s.id, caseNo: s.id, category: s.category ?? 'neighbourhood' });
  const extra = Array.from({ length: Math.max(0, (s.parties ?? 2) - 2) }, (_, i) => ({ partyId: `p${i + 3}`, role: 'respondent' as const, name: `第${i + 3}方` }));
  const common = {
    ...base,
    responsibleOrgId: s.org ?? 'C1A',
    urgent: s.urgent ?? false,
    facts: { ...base.facts, risk: s.risk ?? 'low' },
    parties: [...base.parties, ...extra],
    acceptedAt: s.accepted,
    mediationDueAt: s.due,
    mediatorId: s.mediator,
    recusedMediatorIds: s.recused ?? [],
    agreement: s.agreement ? ({ form: 'written', effectiveAt: s.agreement } as never) : undefined,
    ratings: (s.ratings ?? []).map(([score, at], i) => ({ partyId: `p${i + 1}`, score, at })),
    returnVisits: s.visit ? [{ at: s.visit.at, by: s.visit.by, result: 'performed' as const, satisfaction: s.visit.score, notes: '' }] : [],
  };
  if (!s.closed) return { ...common, status: 'in_mediation', acceptedAt: s.accepted, mediationDueAt: s.due } as Case;
  return { ...common, status: 'closed', outcome: s.outcome ?? 'resolved', closedAt: s.closed, closedBy: s.mediator } as Case;
}

const CASES: Case[] = [
  make({ id: 'W1', mediator: 'm-wang', accepted: cn('2026-04-01'), due: cn('2026-05-01'), agreement: cn('2026-04-10'), closed: cn('2026-04-20', '16:00'), ratings: [[5, cn('2026-04-21')], [4, cn('2026-04-22')]], visit: { by: 'm-wang', at: cn('2026-04-20'), score: 5 } }),
  make({ id: 'W2', mediator: 'm-wang', accepted: cn('2026-04-02'), due: cn('2026-05-02'), agreement: cn('2026-04-15'), closed: cn('2026-04-25', '16:00'), parties: 3, urgent: true, visit: { by: 'm-wang', at: cn('2026-04-25') } }),
  make({ id: 'W3', mediator: 'm-wang', outcome: 'failed', accepted: cn('2026-04-03'), due: cn('2026-05-03'), closed: cn('2026-04-28') }),
  make({ id: 'W4', mediator: 'm-wang', accepted: cn('2026-03-01'), due: cn('2026-03-31'), agreement: cn('2026-04-05'), closed: cn('2026-04-12') }),
  make({ id: 'W5', mediator: 'm-wang', category: 'land_requisition', risk: 'high', accepted: cn('2026-04-01'), due: cn('2026-05-01'), agreement: cn('2026-04-20'), closed: cn('2026-04-30', '23:00') }),
  make({ id: 'X1', mediator: 'm-wang', org: 'C1B', accepted: cn('2026-04-01'), due: cn('2026-05-01'), agreement: cn('2026-04-10'), closed: cn('2026-04-20') }),
  make({ id: 'L1', mediator: 'm-li', accepted: cn('2026-04-01'), due: cn('2026-05-01'), agreement: cn('2026-04-08'), closed: cn('2026-04-18', '16:00'), ratings: [[2, cn('2026-04-19')]], visit: { by: 'm-li', at: cn('2026-04-18'), score: 2 } }),
  make({ id: 'L2', mediator: 'm-li', outcome: 'withdrawn', accepted: cn('2026-04-02'), due: cn('2026-05-02'), closed: cn('2026-04-08') }),
  make({ id: 'L3', mediator: 'm-li', accepted: cn('2026-04-01'), due: cn('2026-05-01'), agreement: cn('2026-04-10'), closed: cn('2026-05-01', '00:30'), ratings: [[5, cn('2026-05-01', '09:00')]] }),
  make({ id: 'L4', mediator: 'm-li', accepted: cn('2026-03-01'), due: cn('2026-03-31'), agreement: cn('2026-03-10'), closed: cn('2026-03-31', '23:30'), visit: { by: 'm-li', at: cn('2026-03-31', '20:00') } }),
  make({ id: 'L5', mediator: 'm-li', accepted: cn('2026-04-01'), due: cn('2026-05-01'), agreement: cn('2026-04-09'), closed: cn('2026-04-16', '16:00'), visit: { by: 'm-li', at: cn('2026-04-16') } }),
  make({ id: 'R', mediator: 'm-li', accepted: cn('2026-04-06'), due: cn('2026-05-06'), recused: ['m-zhao'] }),
];

const RATES: SubsidyRates = {
  ...DEFAULT_RULES.subsidy,
  baseYuan: 100,
  categoryYuan: [{ category: 'land_requisition', yuan: 300 }],
  severalPartiesMin: 3,
  severalPartiesExtraYuan: 50,
  highRiskExtraYuan: 100,
  countedOutcomes: ['resolved'],
  onTimeOnly: true,
  minSatisfaction: 3,
  monthlyCapYuan: 600,
};

describe("each mediator's figures for April", () => {
  // Only C1A's cases, as the server passes them (X1 is C1B's).
  const c1a = CASES.filter((c) => c.responsibleOrgId === 'C1A');
  const figures = computeMediatorFigures(c1a, ['m-wang', 'm-li', 'm-zhao'], APRIL);
  const of = (id: string) => figures.find((f) => f.mediatorId === id)!;

  it('counts the cases each closed in the month, by outcome', () => {
    expect(of('m-wang')).toMatchObject({ closed: 5, byOutcome: { resolved: 4, failed: 1, withdrawn: 0 }, open: 0 });
    // L3 closed just after midnight on 1 May and L4 just before midnight on 31 March, China time: neither is April's.
    expect(of('m-li')).toMatchObject({ closed: 3, byOutcome: { resolved: 2, withdrawn: 1, failed: 0 }, open: 1 });
    expect(of('m-zhao')).toMatchObject({ closed: 0, open: 0 });
  });

  it('gives the on-time rate: mediation concluded by its deadline', () => {
    expect(of('m-wang').onTime).toEqual({ num: 4, den: 5, percent: 80 }); // W4's agreement came after its 03-31 deadline
    expect(of('m-li').onTime).toEqual({ num: 3, den: 3, percent: 100 });
    expect(of('m-zhao').onTime).toEqual({ num: 0, den: 0, percent: null });
  });

  it('averages the ratings and visit scores given in the month', () => {
    expect(of('m-wang').satisfaction).toEqual({ count: 3, average: 4.67 }); // 5, 4 and the visit's 5
    expect(of('m-li').satisfaction).toEqual({ count: 2, average: 2 }); // L3's 5 came in May
    expect(of('m-zhao').satisfaction).toEqual({ count: 0, average: null });
  });

  it('counts return visits made and recusals', () => {
    expect([of('m-wang').returnVisits, of('m-li').returnVisits, of('m-zhao').returnVisits]).toEqual([2, 2, 0]);
    expect([of('m-wang').recusals, of('m-li').recusals, of('m-zhao').recusals]).toEqual([0, 0, 1]);
  });
});

describe("C1A's subsidy ledger for April", () => {
  const ledger = computeSubsidyLedger(CASES, { orgId: 'C1A', period: APRIL, mediatorIds: ['m-wang', 'm-li', 'm-zhao'], rates: RATES });
  const of = (id: string) => ledger.mediators.find((m) => m.mediatorId === id)!;
  const amounts = (id: string) => of(id).lines.map((l) => [l.caseNo, l.amountYuan, l.excluded ?? 'counted']);

  it("prices each of 王's cases and caps the month at 600", () => {
    expect(amounts('m-wang')).toEqual([
      ['W4', 0, 'late'],
      ['W1', 100, 'counted'],
      ['W2', 250, 'counted'],
      ['W3', 0, 'outcome'],
      ['W5', 400, 'counted'],
    ]);
    expect(of('m-wang')).toMatchObject({ countedCases: 3, subtotalYuan: 750, totalYuan: 600, capped: true });
    const w2 = of('m-wang').lines.find((l) => l.caseNo === 'W2')!;
    expect([w2.baseYuan, w2.severalPartiesYuan, w2.highRiskYuan]).toEqual([100, 50, 100]);
  });

  it("leaves out 李's rated-down and withdrawn cases, and cases of other months", () => {
    expect(amounts('m-li')).toEqual([
      ['L2', 0, 'outcome'],
      ['L5', 100, 'counted'],
      ['L1', 0, 'dissatisfied'],
    ]);
    expect(of('m-li')).toMatchObject({ countedCases: 1, subtotalYuan: 100, totalYuan: 100, capped: false });
  });

  it('lists a mediator who closed nothing, and adds the month up', () => {
    expect(of('m-zhao')).toMatchObject({ lines: [], totalYuan: 0 });
    expect(ledger.totalYuan).toBe(700);
    expect(ledger.month).toBe('2026-04');
  });
});

describe('subsidy rates in the deployment file', () => {
  it('ships defaults, and a partial override changes only what it names', () => {
    const r = checkRulesOverride({ subsidy: { baseYuan: 80, monthlyCapYuan: 1350 } }, DEFAULT_RULES);
    expect(r.ok && r.value.subsidy).toEqual({ ...DEFAULT_RULES.subsidy, baseYuan: 80, monthlyCapYuan: 1350 });
  });

  it('refuses impossible rates with the place and a Chinese reason', () => {
    const r = checkRulesOverride({ subsidy: { baseYuan: -5, countedOutcomes: [], categoryYuan: [{ category: 'labour', yuan: 1 }, { category: 'labour', yuan: 2 }] } }, DEFAULT_RULES);
    expect(r.ok).toBe(false);
    const problems = r.ok ? [] : r.problems;
    expect(problems).toEqual(
      expect.arrayContaining(['rules.subsidy.baseYuan: 每案补贴金额不能为负数', 'rules.subsidy.countedOutcomes: 至少要有一种结案方式计入补贴']),
    );
  });
});
