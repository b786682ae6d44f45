// Figures on a seeded month (March 2026, China time) for 东街道调解中心 S1 and everything below it, with the
// right answers worked out by hand below. Every case is driven through the real lifecycle rules.
import { computeFigures, deadlines, missingScreenings, parsePeriod, screeningDueAt, screeningState, isZeroReport, type Case, type CaseCommand } from '../../src/domain';
import { TREE, actors, agreementContent, ctx, registerCommand, run } from './fixtures';

/** China wall-clock time → UTC instant. */
const cn = (date: string, time = '10:00') => new Date(`${date}T${time}:00+08:00`).toISOString();
const mediator = (org: string) => actors.mediator(org);

function register(id: string, org: string, date: string, over: Partial<Extract<CaseCommand, { type: 'register' }>> = {}, time = '10:00'): Case {
  const community = { C1A: 'c1a', C1B: 'c1b', C2A: 'c2a' }[org] ?? 'c1a';
  const actor = over.source && over.source !== 'resident' ? actors.staff(org) : actors.resident;
  return run(undefined, [
    [
      registerCommand({
        caseId: id,
        caseNo: id,
        firstInquiryOrgId: org,
        facts: { communityId: community, partyCommunityIds: [community], amountYuan: 3000, peopleInvolved: 2, risk: 'low' },
        ...over,
      }),
      ctx(actor, cn(date, time)),
    ],
  ]);
}

/** Accepted by `org` with its mediator assigned, the respondent invited and agreed: in mediation. */
function toMediation(c: Case, org: string, date: string): Case {
  return run(c, [
    [{ type: 'accept' }, ctx(actors.director(org), cn(date, '11:00'))],
    [{ type: 'assign_mediator', mediatorId: mediator(org).userId }, ctx(actors.director(org), cn(date, '11:10'))],
    [{ type: 'invite_respondent' }, ctx(mediator(org), cn(date, '11:20'))],
    [{ type: 'respondent_reply', partyId: 'p2', reply: 'agree' }, ctx(actors.respondent, cn(date, '11:30'))],
  ]);
}

function hashOf(c: Case): string {
  if (c.status !== 'agreement_pending') throw new Error(`expected agreement_pending, got ${c.status}`);
  return c.agreement.hash;
}

// A: 桃园 C1A, filed 3-02, agreement in force 3-10 (one item due 3-20, paid 3-18), return visit 3-23 (5 points)
//    closes it resolved, the applicant rates it 4 on 3-24.
function caseA(): Case {
  let c = toMediation(register('A', 'C1A', '2026-03-02'), 'C1A', '2026-03-02');
  c = run(c, [[{ type: 'draft_agreement', content: agreementContent() }, ctx(mediator('C1A'), cn('2026-03-09'))]]);
  const hash = hashOf(c);
  c = run(c, [
    [{ type: 'confirm_agreement', partyId: 'p1', hash, method: 'electronic' }, ctx(actors.resident, cn('2026-03-10', '09:00'))],
    [{ type: 'confirm_agreement', partyId: 'p2', hash, method: 'electronic' }, ctx(actors.respondent, cn('2026-03-10', '09:10'))],
    [{ type: 'sign_agreement', hash }, ctx(mediator('C1A'), cn('2026-03-10', '09:20'))],
    [{ type: 'seal_agreement', hash }, ctx(actors.director('C1A'), cn('2026-03-10', '09:30'))],
    [{ type: 'mark_item_done', itemId: 'i1' }, ctx(actors.resident, cn('2026-03-18'))],
    [{ type: 'record_return_visit', visit: { result: 'performed', satisfaction: 5, notes: '已按期支付，双方满意' } }, ctx(mediator('C1A'), cn('2026-03-23'))],
    [{ type: 'rate_service', partyId: 'p1', score: 4 }, ctx(actors.resident, cn('2026-03-24'))],
  ]);
  return c;
}

// B: a labour dispute filed at C1A on 3-03, transferred to the district labour committee (outside S1), taken 3-04.
function caseB(): Case {
  return run(register('B', 'C1A', '2026-03-03', { category: 'labour' }), [
    [{ type: 'transfer', toOrgId: 'LAB', reason: '劳动争议由专业调委会调解', consentToShare: true }, ctx(actors.director('C1A'), cn('2026-03-03', '15:00'))],
    [{ type: 'accept_transfer' }, ctx(actors.director('LAB'), cn('2026-03-04'))],
  ]);
}

// C: a walk-in debt dispute at 李庄 C1B on 3-05, accepted that day; no mediator assigned in time (the timer
// records the missed deadline on 3-20), then mediated and closed as failed on 3-25.
function caseC(): Case {
  let c = run(register('C', 'C1B', '2026-03-05', { category: 'debt', source: 'walk_in', parties: [{ partyId: 'p1', role: 'applicant', name: '王五' }, { partyId: 'p2', role: 'respondent', name: '赵六', userId: 'u-respondent' }] }), [
    [{ type: 'accept' }, ctx(actors.director('C1B'), cn('2026-03-05', '11:00'))],
  ]);
  const due = deadlines(c).find((d) => d.kind === 'mediator_assignment')!;
  c = run(c, [
    [{ type: 'record_deadline_missed', kind: 'mediator_assignment', dueAt: due.dueAt }, ctx(actors.system, cn('2026-03-20'))],
    [{ type: 'assign_mediator', mediatorId: mediator('C1B').userId }, ctx(actors.director('C1B'), cn('2026-03-20', '11:00'))],
    [{ type: 'invite_respondent' }, ctx(mediator('C1B'), cn('2026-03-20', '11:10'))],
    [{ type: 'respondent_reply', partyId: 'p2', reply: 'agree' }, ctx(actors.respondent, cn('2026-03-20', '11:20'))],
    [{ type: 'close', outcome: 'failed', reason: '双方分歧过大', guidance: '可向人民法院起诉' }, ctx(mediator('C1B'), cn('2026-03-25'))],
  ]);
  return c;
}

// D: filed at C1A on 3-06 and referred out (a criminal matter) the same day.
function caseD(): Case {
  return run(register('D', 'C1A', '2026-03-06'), [
    [{ type: 'refer_out', authority: 'police', guidance: '涉嫌刑事案件，请向派出所报案', reason: '不属于人民调解范围' }, ctx(actors.director('C1A'), cn('2026-03-06', '15:00'))],
  ]);
}

// E: filed at C1A in February (2-25); settled on 3-03 with an oral agreement (an apology, nothing to perform:
//    both parties said they need no written agreement, Art. 28): in force, waiting for its return visit.
function caseE(): Case {
  const c = toMediation(register('E', 'C1A', '2026-02-25'), 'C1A', '2026-02-25');
  return run(c, [
    [
      { type: 'record_oral_agreement', content: { terms: ['李四当面向张三道歉，双方和好'], performance: [] }, partiesChoseOral: true, statedByPartyIds: ['p1', 'p2'] },
      ctx(mediator('C1A'), cn('2026-03-03')),
    ],
  ]);
}

// F: filed at 河西 C2A (street S2, outside S1) on 3-04.
const caseF = () => register('F', 'C2A', '2026-03-04');
// G: a phone call registered at C1A at 23:30 on 3-31 (China): still March.
const caseG = () => register('G', 'C1A', '2026-03-31', { source: 'phone' }, '23:30');
// H: filed at C1A at 00:10 on 4-01 (China) — 3-31 16:10 UTC, but April in China.
const caseH = () => register('H', 'C1A', '2026-04-01', {}, '00:10');

// I: filed at C1A on 3-09 and accepted; the respondent, invited that day, never answers (reply period: five working
//    days, to the end of 3-16); closed on 3-20 as no_reply. No mediation took place (Art. 17): it is a closed case,
//    but not a mediation, so it changes neither `mediated` nor the success rate.
function caseI(): Case {
  const c = run(register('I', 'C1A', '2026-03-09'), [
    [{ type: 'accept' }, ctx(actors.director('C1A'), cn('2026-03-09', '11:00'))],
    [{ type: 'assign_mediator', mediatorId: mediator('C1A').userId }, ctx(actors.director('C1A'), cn('2026-03-09', '11:10'))],
    [{ type: 'invite_respondent' }, ctx(mediator('C1A'), cn('2026-03-09', '11:20'))],
  ]);
  return run(c, [[{ type: 'close', outcome: 'no_reply', reason: '多次联系被申请人均未答复' }, ctx(mediator('C1A'), cn('2026-03-20'))]]);
}

const ALL = [caseA(), caseB(), caseC(), caseD(), caseE(), caseF(), caseG(), caseH(), caseI()];
const MARCH = parsePeriod('2026-03')!;

describe('figures for a seeded month', () => {
  const f = computeFigures(ALL, TREE, 'S1', MARCH);

  it('counts the flow of cases through S1 and the committees below it', () => {
    expect(f.orgIds.sort()).toEqual(['C1A', 'C1B', 'PRP', 'S1', 'TRF']);
    // received: A, B, C, D, G, I = 6 (E was February, F is S2's, H is April in China time)
    expect(f.received).toBe(6);
    // accepted in March by an organisation in S1: A (C1A, 3-02), C (C1B, 3-05), I (C1A, 3-09) = 3 (B was taken by LAB)
    expect(f.accepted).toBe(3);
    // transferred: B = 1
    expect(f.transferred).toBe(1);
    // referred: D = 1
    expect(f.referred).toBe(1);
    // mediation concluded in March: A (agreement 3-10), C (failed 3-25), E (oral agreement 3-03) = 3;
    // I is not one (closed no_reply: the respondent never agreed, no mediation took place)
    expect(f.mediated).toBe(3);
    // an agreement took effect: A, E = 2; success rate 2 / 3 = 66.7 %
    expect(f.successful).toBe(2);
    expect(f.successRate).toEqual({ num: 2, den: 3, percent: 66.7 });
    // closed resolved: A = 1
    expect(f.resolved).toBe(1);
  });

  it('works out rates and times by hand', () => {
    // agreements whose last item fell due in March: A only (E has nothing to perform), performed → 1 / 1
    expect(f.performanceRate).toEqual({ num: 1, den: 1, percent: 100 });
    // closed in March: A (3-02 → 3-23: 21 days), C (3-05 → 3-25: 20 days), D (3-06 → 3-06: 0 days),
    // I (3-09 → 3-20: 11 days); average (21 + 20 + 0 + 11) / 4 = 13
    expect(f.closed).toBe(4);
    expect(f.averageDaysToClose).toBe(13);
    // on time: A, D and I (C missed its mediator deadline) → 3 / 4
    expect(f.onTimeRate).toEqual({ num: 3, den: 4, percent: 75 });
    // resolved at the first level reached: A and E stayed at C1A → 2 / 2
    expect(f.resolvedAtFirstLevel).toEqual({ num: 2, den: 2, percent: 100 });
    // satisfaction: A's return visit 5 and rating 4 → (5 + 4) / 2 = 4.5, both satisfied
    expect(f.satisfaction).toEqual({ count: 2, average: 4.5, satisfiedRate: { num: 2, den: 2, percent: 100 } });
  });

  it('reports overdue by organisation and person, by category and by source', () => {
    const missed = caseC().missedDeadlines[0];
    expect(f.overdue.total).toBe(1);
    expect(f.overdue.byOrg).toEqual([{ id: 'C1B', count: 1 }]);
    expect(f.overdue.byPerson).toEqual(missed.ownerUserId ? [{ id: missed.ownerUserId, count: 1 }] : []);
    // received by category: neighbourhood A, D, G, I = 4; debt C = 1; labour B = 1
    // mediated: neighbourhood A, E = 2 (both successful; I was not mediated); debt C = 1 (failed)
    expect(f.byCategory).toEqual([
      { category: 'neighbourhood', received: 4, mediated: 2, successful: 2 },
      { category: 'debt', received: 1, mediated: 1, successful: 0 },
      { category: 'labour', received: 1, mediated: 0, successful: 0 },
    ]);
    // by source: resident A, B, D, I = 4; phone G = 1; walk-in C = 1
    expect(f.bySource).toEqual([
      { source: 'resident', received: 4 },
      { source: 'phone', received: 1 },
      { source: 'walk_in', received: 1 },
    ]);
  });

  it('a director of the district sees the whole tree; a committee only itself', () => {
    const district = computeFigures(ALL, TREE, 'D', MARCH);
    // received: A, B, C, D, F, G, I = 7; accepted: A, B (by LAB), C, I = 4
    expect(district.received).toBe(7);
    expect(district.accepted).toBe(4);
    const c1b = computeFigures(ALL, TREE, 'C1B', MARCH);
    expect([c1b.received, c1b.accepted, c1b.mediated, c1b.successful, c1b.closed]).toEqual([1, 1, 1, 0, 1]);
    expect(c1b.successRate.percent).toBe(0);
    expect(c1b.satisfaction.average).toBeNull();
  });

  it('April starts at midnight China time', () => {
    const april = computeFigures(ALL, TREE, 'S1', parsePeriod('2026-04')!);
    expect(april.received).toBe(1); // H
    expect(april.successRate).toEqual({ num: 0, den: 0, percent: null });
  });
});

describe('periods', () => {
  it('parses months, quarters and years in China time', () => {
    expect(MARCH).toMatchObject({ firstDate: '2026-03-01', lastDate: '2026-03-31', from: '2026-02-28T16:00:00.000Z', to: '2026-03-31T16:00:00.000Z', label: '2026年3月' });
    expect(parsePeriod('2026-Q1')).toMatchObject({ firstDate: '2026-01-01', lastDate: '2026-03-31' });
    expect(parsePeriod('2026-02')?.lastDate).toBe('2026-02-28');
    expect(parsePeriod('2026')).toMatchObject({ firstDate: '2026-01-01', lastDate: '2026-12-31' });
    expect(parsePeriod('2026-13')).toBeUndefined();
    expect(parsePeriod('March')).toBeUndefined();
  });
});

describe('screening reports', () => {
  it('a month is due by its last day, China time; a zero report is a report', () => {
    expect(screeningDueAt('2026-03')).toBe('2026-03-31T15:59:59.999Z');
    expect(isZeroReport([])).toBe(true);
    expect(isZeroReport([{ category: 'neighbourhood', count: 0 }])).toBe(true);
    expect(isZeroReport([{ category: 'neighbourhood', count: 2 }])).toBe(false);
  });

  it('officers who have not filed are pending within the month and late after it', () => {
    const officers = [{ userId: 'o1', orgId: 'C1A' }, { userId: 'o2', orgId: 'C1B' }];
    expect(missingScreenings(officers, new Set(['o1']), '2026-03', cn('2026-03-20'))).toEqual([{ userId: 'o2', orgId: 'C1B', state: 'pending', dueAt: '2026-03-31T15:59:59.999Z' }]);
    expect(missingScreenings(officers, new Set(), '2026-03', cn('2026-04-01', '00:01')).map((e) => e.state)).toEqual(['late', 'late']);
  });

  it("one officer's month: filed, pending until the month's last instant, late from the next", () => {
    expect(screeningState('2026-03', true, cn('2026-04-10'))).toBe('filed');
    expect(screeningState('2026-03', false, '2026-03-31T15:59:59.999Z')).toBe('pending');
    expect(screeningState('2026-03', false, cn('2026-04-01', '00:00'))).toBe('late');
  });
});
