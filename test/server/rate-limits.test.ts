// One account cannot flood an organisation: a resident files at most 5 disputes an hour and 10 a day in the app,
// and raises at most 2 urgent (high-risk) alerts a day. A refusal is RATE_LIMITED with a Chinese sentence that
// says what to do instead, stores nothing and alerts nobody; a retry of a filing already accepted is still
// answered; racing filings cannot overshoot; staff registering a visitor at the window are never limited (nobody
// is turned away). Many accounts raising urgent alerts at once are never refused: every case is registered and
// every alert reaches the staff's inbox, and only 20 an hour are sent to their WeChat (their one-time grants).
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

  it('urgent filings from many accounts are all registered; its staff get 20 an hour on WeChat, every one in their inbox', async () => {
    // Earlier alerts (the account above's) are sent off first, in another hour than the one measured here.
    const hour = 3_600_000;
    const at = Math.ceil((Date.now() + 2 * hour) / hour) * hour + 60_000;
    await rt.fireTimer('timer', 'relay', new Date(at - hour));
    rt.openapi.reset();
    const extra = 3;
    const filed: string[] = [];
    for (let i = 0; i < FILING_LIMITS.urgentPerOrgPerHour + extra; i++) {
      const r = await call<{ caseNo: string }>(rt, 'case', `rl-many-${i}-${rid()}`, 'file', urgent(), rid());
      expect(r).toMatchObject({ ok: true });
      if (r.ok) filed.push(r.data.caseNo);
    }
    const cases = (rt.db.dump('cases') as any[]).filter((c) => filed.includes(c.case.caseNo));
    expect(cases).toHaveLength(FILING_LIMITS.urgentPerOrgPerHour + extra);
    expect(cases.every((c) => c.case.urgent)).toBe(true);
    // Two relay runs in the same hour: the cap holds across runs; the capped alerts are not tried again.
    const first = (await rt.fireTimer('timer', 'relay', new Date(at))).result as any;
    const second = (await rt.fireTimer('timer', 'relay', new Date(at + 10 * 60_000))).result as any;
    expect(first.data.capped + second.data.capped).toBeGreaterThan(0);
    const alerts = outboxNotices(rt).filter((o) => o.phrase === '高风险预警' && filed.some((no) => cases.find((c) => c.case.caseNo === no)?._id === o.caseId));
    expect(alerts).toHaveLength(FILING_LIMITS.urgentPerOrgPerHour + extra);
    expect(alerts.filter((o) => o.status === 'capped')).toHaveLength(extra);
    expect(alerts.filter((o) => o.status === 'sent' || o.status === 'done')).toHaveLength(FILING_LIMITS.urgentPerOrgPerHour);
    // Each sent alert went to every director and intake officer of the organisation; the capped ones to nobody's WeChat.
    const alertMessages = rt.openapi.sent.filter((m) => Object.values(m.data).some((d) => d.value === '高风险预警'));
    const recipients = new Set(alertMessages.map((m) => m.touser));
    expect([...recipients].sort()).toEqual(['demo-intake', 'demo-street-director']);
    expect(alertMessages).toHaveLength(FILING_LIMITS.urgentPerOrgPerHour * recipients.size);
    // Every alert, capped or not, is in each recipient's inbox.
    for (const openid of recipients) {
      const inbox = (rt.db.dump('inbox') as any[]).filter((d) => d.openid === openid && d.phrase === '高风险预警' && cases.some((c) => c._id === d.caseId));
      expect(inbox).toHaveLength(FILING_LIMITS.urgentPerOrgPerHour + extra);
    }
    // The next hour has its own 20.
    const nextHour = `rl-next-${rid()}`;
    expect((await call(rt, 'case', nextHour, 'file', urgent(), rid())).ok).toBe(true);
    rt.openapi.reset();
    await rt.fireTimer('timer', 'relay', new Date(at + hour));
    expect(rt.openapi.sent.filter((m) => Object.values(m.data).some((d) => d.value === '高风险预警')).length).toBe(recipients.size);
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
