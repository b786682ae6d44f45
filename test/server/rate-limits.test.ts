// One account cannot flood an organisation: a resident files at most 5 disputes an hour and 10 a day in the app,
// and raises at most 2 urgent (high-risk) alerts a day; an organisation takes at most 20 urgent alerts an hour
// from the app. A refusal is RATE_LIMITED with a Chinese sentence that says what to do instead, stores nothing
// and alerts nobody; a retry of a filing already accepted is still answered; racing filings cannot overshoot;
// staff registering a visitor at the window are never limited (nobody is turned away).
import { demoRuntime, call, rid } from '../helpers/runtime';
import type { LocalRuntime } from '../../src/local/runtime';
import { FILING_LIMITS } from '../../src/server/case/filing-limits';
import { outboxNotices } from '../helpers/stored';

let rt: LocalRuntime;
const saved = process.env.FILING_LIMITS;
beforeAll(async () => {
  // The real limits (the shared test harness raises them to set up other scenes).
  process.env.FILING_LIMITS = '';
  rt = await demoRuntime();
});
afterAll(() => {
  process.env.FILING_LIMITS = saved;
  rt.close();
});

let n = 0;
const filing = (over: Record<string, unknown> = {}) => ({
  category: 'neighbourhood',
  summary: `楼上漏水第${++n}次，多次沟通无果`,
  communityId: 'liuan',
  applicant: { name: '郑五', mobile: '13800002222' },
  respondents: [{ name: '王六' }],
  consent: { privacy: true, shareWithOtherOrgs: false },
  ...over,
});
const urgent = () => filing({ riskSignals: ['violence_threat'] });
const alertsTo = (orgPrefix: string) => outboxNotices(rt).filter((o) => o.phrase === '高风险预警' && String(o.touser).startsWith(`org:${orgPrefix}`)).length;

describe('filing limits', () => {
  it('a resident files 5 disputes in an hour; the 6th is refused in Chinese, stores nothing, and a retry of an accepted one is still answered', async () => {
    const who = `rl-${rid()}`;
    const accepted: Array<{ id: string; caseId: string; payload: unknown }> = [];
    for (let i = 0; i < FILING_LIMITS.perAccountPerHour; i++) {
      const id = rid();
      const payload = filing();
      const r = await call<{ caseId: string }>(rt, 'case', who, 'file', payload, id);
      expect(r.ok).toBe(true);
      if (r.ok) accepted.push({ id, caseId: r.data.caseId, payload });
    }
    const cases = rt.db.dump('cases').length;
    const outbox = outboxNotices(rt).length;
    const refused = await call(rt, 'case', who, 'file', filing(), rid());
    expect(refused).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    expect((refused as { message: string }).message).toContain('当面反映');
    expect(rt.db.dump('cases').length).toBe(cases);
    expect(outboxNotices(rt).length).toBe(outbox);
    // The same request sent again (a lost answer) is answered with the case it filed, limit or not.
    const replay = await call<{ caseId: string }>(rt, 'case', who, 'file', accepted[0].payload, accepted[0].id);
    expect(replay).toMatchObject({ ok: true, data: { caseId: accepted[0].caseId } });
  });

  it('racing filings from one account cannot get past the limit', async () => {
    const who = `rl-${rid()}`;
    const results = await Promise.all(Array.from({ length: 12 }, () => call(rt, 'case', who, 'file', filing(), rid())));
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.code))).toEqual(Array(12 - FILING_LIMITS.perAccountPerHour).fill('RATE_LIMITED'));
    expect(results.filter((r) => r.ok)).toHaveLength(FILING_LIMITS.perAccountPerHour);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.code === 'RATE_LIMITED')).toBe(true);
  });

  it('a resident raises 2 urgent alerts a day; the 3rd is refused and says to call 110; an ordinary filing still goes through', async () => {
    const who = `rl-${rid()}`;
    expect((await call(rt, 'case', who, 'file', urgent(), rid())).ok).toBe(true);
    expect((await call(rt, 'case', who, 'file', urgent(), rid())).ok).toBe(true);
    const alerts = alertsTo('');
    const third = await call(rt, 'case', who, 'file', urgent(), rid());
    expect(third).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    expect((third as { message: string }).message).toContain('110');
    expect(alertsTo('')).toBe(alerts);
    expect((await call(rt, 'case', who, 'file', filing(), rid())).ok).toBe(true);
  });

  it('an organisation takes at most 20 urgent alerts an hour from the app, whoever sends them', async () => {
    const before = alertsTo('');
    const results = [];
    for (let i = 0; i < FILING_LIMITS.urgentPerOrgPerHour + 2; i++) results.push(await call(rt, 'case', `rl-many-${i}-${rid()}`, 'file', urgent(), rid()));
    // Two urgent filings by the account above already reached the organisation this hour.
    const took = results.filter((r) => r.ok).length;
    expect(took).toBe(FILING_LIMITS.urgentPerOrgPerHour - 2);
    expect(results.slice(took).every((r) => !r.ok && r.code === 'RATE_LIMITED')).toBe(true);
    expect(alertsTo('') - before).toBeLessThanOrEqual(took * 2);
  });

  it('window staff register any number of visitors', async () => {
    for (let i = 0; i < FILING_LIMITS.perAccountPerHour + 2; i++) {
      const r = await call(rt, 'case', 'demo-intake', 'register', {
        source: 'walk_in', category: 'neighbourhood', summary: `来访人反映楼道堆物第${i}次`, communityId: 'wangjiang',
        applicants: [{ name: '赵大爷' }], respondents: [{ name: '邻居钱某' }], visitorConsent: true, shareWithOtherOrgs: true,
      }, rid());
      expect(r.ok).toBe(true);
    }
  });

  it('the expiry timer removes the counters of past windows', async () => {
    const counters = rt.db.dump('rate_limits').length;
    expect(counters).toBeGreaterThan(0);
    const inv = await rt.fireTimer('timer', 'expiry', new Date(Date.now() + 2 * 86_400_000));
    expect((inv.result as any).data.rateLimits).toBe(counters);
    expect(rt.db.dump('rate_limits')).toHaveLength(0);
  });
});
