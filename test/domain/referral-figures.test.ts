// Referral links both ways (诉调/公调/检调/访调对接 in, 告知引导 out) in March 2026's figures for 东街道调解中心 S1 and
// the committees below it, counted by hand below; and the rules for reporting the outcome back (回告).
import { computeFigures, decide, parsePeriod, type Case, type CaseCommand, type ReferralIn } from '../../src/domain';
import { TREE, actors, ctx, registerCommand, run } from './fixtures';

const cn = (date: string, time = '10:00') => new Date(`${date}T${time}:00+08:00`).toISOString();
const letter = (body: string, reference: string, feedbackDueOn?: string): ReferralIn => ({
  body,
  reference,
  referredOn: '2026-03-01',
  ...(feedbackDueOn ? { feedbackDueOn } : {}),
  contactName: '王书记员',
});

function register(id: string, org: string, date: string, over: Partial<Extract<CaseCommand, { type: 'register' }>>): Case {
  const community = { C1A: 'c1a', C1B: 'c1b', C2A: 'c2a' }[org] ?? 'c1a';
  return run(undefined, [
    [
      registerCommand({ caseId: id, caseNo: id, firstInquiryOrgId: org, facts: { communityId: community, partyCommunityIds: [community], risk: 'low' }, ...over }),
      ctx(actors.staff(org), cn(date)),
    ],
  ]);
}
const referOut = (c: Case, org: string, date: string, authority: 'court' | 'labour_arbitration' | 'police') =>
  run(c, [[{ type: 'refer_out', authority, guidance: '请当事人向有权机关申请处理', reason: '不属于人民调解范围' }, ctx(actors.director(org), cn(date, '15:00'))]]);

// In S1 in March: two court referrals (K1 at C1A, closed by referring it on and reported back on 3-12; K2 at C1B),
// one from the police (K3 at C1A), one from a petition office (K4 at C1A, registered 4-02: April). Outside S1: a
// procuratorate referral at C2A (K5). Referred out in March within S1: K1 (to the court), K6 (a walk-in at C1B, to
// labour arbitration), K7 (a walk-in at C1A, to labour arbitration); K8 was referred out on 4-01 (April).
const K1 = run(referOut(register('K1', 'C1A', '2026-03-02', { source: 'court', referredIn: letter('东城区人民法院', '(2026)东民诉前调1号', '2026-03-31') }), 'C1A', '2026-03-10', 'court'), [
  [{ type: 'record_referral_feedback', sentOn: '2026-03-12', how: 'post' }, ctx(actors.staff('C1A'), cn('2026-03-12'))],
]);
const K2 = register('K2', 'C1B', '2026-03-05', { source: 'court', referredIn: letter('东城区人民法院', '(2026)东民诉前调2号') });
const K3 = register('K3', 'C1A', '2026-03-06', { source: 'police', referredIn: letter('东街派出所', '东公(治)调字12号') });
const K4 = register('K4', 'C1A', '2026-04-02', { source: 'petition_office', referredIn: letter('东城区信访局', '信访转2026-7') });
const K5 = register('K5', 'C2A', '2026-03-07', { source: 'procuratorate', referredIn: letter('东城区人民检察院', '东检调3号') });
const K6 = referOut(register('K6', 'C1B', '2026-03-08', { source: 'walk_in' }), 'C1B', '2026-03-08', 'labour_arbitration');
const K7 = referOut(register('K7', 'C1A', '2026-03-09', { source: 'walk_in' }), 'C1A', '2026-03-20', 'labour_arbitration');
const K8 = referOut(register('K8', 'C1A', '2026-03-30', { source: 'walk_in' }), 'C1A', '2026-04-01', 'police');
const ALL = [K1, K2, K3, K4, K5, K6, K7, K8];

describe('referral figures for March', () => {
  const f = computeFigures(ALL, TREE, 'S1', parsePeriod('2026-03')!);

  it('counts cases referred in by who referred them, and outcomes reported back', () => {
    expect(f.referralsIn.total).toBe(3);
    expect(f.referralsIn.bySource).toEqual([
      { source: 'court', received: 2 },
      { source: 'police', received: 1 },
    ]);
    expect(f.referralsIn.feedbackSent).toBe(1);
  });

  it('counts cases referred out by the authority they went to', () => {
    expect(f.referralsOut.total).toBe(3);
    expect(f.referralsOut.byAuthority).toEqual([
      { authority: 'labour_arbitration', count: 2 },
      { authority: 'court', count: 1 },
    ]);
  });

  it('a committee sees only its own', () => {
    const c1b = computeFigures(ALL, TREE, 'C1B', parsePeriod('2026-03')!);
    expect(c1b.referralsIn).toEqual({ total: 1, bySource: [{ source: 'court', received: 1 }], feedbackSent: 0 });
    expect(c1b.referralsOut).toEqual({ total: 1, byAuthority: [{ authority: 'labour_arbitration', count: 1 }] });
  });
});

describe('the referral letter and reporting back (回告)', () => {
  it('keeps the referral with the case, and the hand-over with a referral out', () => {
    expect(K2.referredIn).toEqual(letter('东城区人民法院', '(2026)东民诉前调2号'));
    const out = run(register('K9', 'C1A', '2026-03-09', { source: 'walk_in' }), [
      [
        {
          type: 'refer_out',
          authority: 'labour_arbitration',
          guidance: '请向区劳动人事争议仲裁委员会申请仲裁',
          reason: '劳动报酬争议当事人要求仲裁',
          handOver: { body: '东城区劳动人事争议仲裁委员会', receiver: ' 李科长 ', handedOverOn: '2026-03-10', materials: ['来访登记表', ' ', '劳动合同复印件'] },
        },
        ctx(actors.director('C1A'), cn('2026-03-10')),
      ],
    ]);
    expect(out.status === 'closed' && out.referral?.handOver).toEqual({ body: '东城区劳动人事争议仲裁委员会', receiver: '李科长', handedOverOn: '2026-03-10', materials: ['来访登记表', '劳动合同复印件'] });
  });

  it('refuses a referral letter on a case nobody referred', () => {
    const d = decide(undefined, registerCommand({ source: 'walk_in', referredIn: letter('东城区人民法院', '1号') }), ctx(actors.staff('C1A')));
    expect(!d.ok && d.error.code).toBe('REFERRAL_NOT_EXPECTED');
  });

  it('reports back once, on a closed referred case, dated from closing to today', () => {
    const feedback = (c: Case, sentOn: string, now = cn('2026-03-15')) => decide(c, { type: 'record_referral_feedback', sentOn, how: 'in_person' }, ctx(actors.staff('C1A'), now));
    const code = (d: ReturnType<typeof decide>) => (d.ok ? 'ok' : d.error.code);
    expect(code(feedback(K3, '2026-03-15'))).toBe('INVALID_TRANSITION');
    expect(code(feedback(K7, '2026-03-21', cn('2026-03-22')))).toBe('NOT_REFERRED_IN');
    expect(code(feedback(K1, '2026-03-13'))).toBe('REFERRAL_FEEDBACK_ALREADY');
    const closed = referOut(register('K10', 'C1A', '2026-03-02', { source: 'court', referredIn: letter('东城区人民法院', '3号') }), 'C1A', '2026-03-10', 'court');
    expect(code(feedback(closed, '2026-03-09'))).toBe('REFERRAL_FEEDBACK_DATE_INVALID');
    expect(code(feedback(closed, '2026-03-16'))).toBe('REFERRAL_FEEDBACK_DATE_INVALID');
    expect(code(feedback(closed, '2026-03-15'))).toBe('ok');
  });
});
