// report.figures answers from counters per organisation and month that the timer keeps (figure-counters.ts):
// a change counts once the roll-up ran, exactly once, and the answer says as of when.
import type { LocalRuntime } from '../../src/local/runtime';
import { call, demoRuntime, rid, rollUp } from '../helpers/runtime';
import { DIRECTOR, ok, RESIDENT, filingInput } from '../helpers/case-at';

const month = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);

const file = filingInput;

describe('figures from counters', () => {
  let rt: LocalRuntime;
  beforeAll(async () => {
    rt = await demoRuntime();
    await rollUp(rt);
  }, 60_000);
  afterAll(() => rt.close());

  it('figures are as of the last roll-up: a new case counts after the timer ran, once, and a replayed step adds nothing', async () => {
    const before = await ok(call(rt, 'report', DIRECTOR, 'figures', { orgId: 'liuan-committee', period: month() }));
    expect(before.asOf).toEqual(expect.any(String));
    const requestId = rid('filed');
    const filed = await ok(call(rt, 'case', RESIDENT, 'file', file({ summary: '邻居装修占用公共走廊，协商未果。' }), requestId));
    // Not yet rolled up: the figures still stand as of the last roll-up.
    expect((await ok(call(rt, 'report', DIRECTOR, 'figures', { orgId: 'liuan-committee', period: month() }))).received).toBe(before.received);
    await rollUp(rt);
    const after = await ok(call(rt, 'report', DIRECTOR, 'figures', { orgId: 'liuan-committee', period: month() }));
    expect(after.received).toBe(before.received + 1);
    expect(after.asOf >= before.asOf).toBe(true);
    // The same request again (a client retry) answers as before and counts nothing more, even rolled up twice.
    expect((await ok(call(rt, 'case', RESIDENT, 'file', file({ summary: '邻居装修占用公共走廊，协商未果。' }), requestId))).caseId).toBe(filed.caseId);
    await rollUp(rt);
    await rollUp(rt);
    expect((await ok(call(rt, 'report', DIRECTOR, 'figures', { orgId: 'liuan-committee', period: month() }))).received).toBe(before.received + 1);
    await ok(call(rt, 'case', RESIDENT, 'withdraw', { caseId: filed.caseId }, rid()));
    await rollUp(rt);
    const withdrawn = await ok(call(rt, 'report', DIRECTOR, 'figures', { orgId: 'liuan-committee', period: month() }));
    expect([withdrawn.received, withdrawn.closed]).toEqual([before.received + 1, before.closed + 1]);
  });


  it('a case transferred to the street is counted received at the committee and accepted at the street, once', async () => {
    const committee = () => ok(call(rt, 'report', DIRECTOR, 'figures', { orgId: 'liuan-committee', period: month() }));
    const street = () => ok(call(rt, 'report', 'demo-street-director', 'figures', { orgId: 'donghu-centre', period: month() }));
    const [c0, s0] = [await committee(), await street()];
    const { caseId } = await ok(call(rt, 'case', RESIDENT, 'file', file(), rid()));
    await rollUp(rt);
    await ok(call(rt, 'case', DIRECTOR, 'transfer', { caseId, toOrgId: 'donghu-centre', reason: '双方分属不同小区，由街道调处', overrideReason: '街道统一协调' }, rid()));
    await ok(call(rt, 'case', 'demo-street-director', 'acceptTransfer', { caseId }, rid()));
    await rollUp(rt);
    const [c1, s1] = [await committee(), await street()];
    expect([c1.received - c0.received, c1.transferred - c0.transferred, c1.accepted - c0.accepted]).toEqual([1, 1, 0]);
    // The street's subtree holds the committee: received once there too, and accepted there.
    expect([s1.received - s0.received, s1.accepted - s0.accepted]).toEqual([1, 1]);
  });

  it('a case stored before the roll-up existed (no mark at all) is counted by the next roll-up, once, and shows on the overview', async () => {
    const figures = () => ok(call(rt, 'report', DIRECTOR, 'figures', { orgId: 'liuan-committee', period: month() }));
    const overview = () => ok(call(rt, 'report', 'demo-supervisor', 'overview', { orgId: 'liuan-committee' }));
    const [f0, o0] = [await figures(), await overview()];
    const { caseId } = await ok(call(rt, 'case', RESIDENT, 'file', file({ summary: '旧系统登记的邻里纠纷，尚未统计。' }), rid()));
    // As such a case was stored: none of the roll-up's fields.
    const { figuresDirtyAt: _d, figuresCounted: _c, boardCounted: _b, ...legacy } = rt.db.dump('cases').find((d: any) => d._id === caseId) as any;
    rt.db.seed('cases', [legacy], { replace: true });
    expect(Object.keys(rt.db.dump('cases').find((d: any) => d._id === caseId) as object)).not.toContain('figuresDirtyAt');
    await rollUp(rt);
    const [f1, o1] = [await figures(), await overview()];
    expect(f1.received).toBe(f0.received + 1);
    const open = (o: any) => o.byOrg.find((b: any) => b.orgId === 'liuan-committee').open;
    expect(open(o1)).toBe(open(o0) + 1);
    await rollUp(rt);
    expect((await figures()).received).toBe(f0.received + 1);
    expect(open(await overview())).toBe(open(o0) + 1);
  });
});
