// A committee's staff list shows every mediator's open caseload, as the timer's roll-up last counted it (the
// organisation's board, report/boards.ts). CloudBase answers an aggregate's first 20 groups unless it is given a
// limit, and so does the local database: past the 20th mediator, caseloads would read 0.
import { demoRuntime, ok, call, rid, rollUp } from '../helpers/runtime';
import type { LocalRuntime } from '../../src/local/runtime';
import { getCloud } from '../../src/server/kernel/platform';

const MEDIATORS = 30;
const ids = Array.from({ length: MEDIATORS }, (_, i) => `caseload-mediator-${String(i + 1).padStart(2, '0')}`);
let rt: LocalRuntime;
beforeAll(async () => {
  rt = await demoRuntime();
  rt.db.seed('users', ids.map((id, i) => ({ _id: id, name: `调解员${i + 1}`, roles: [{ role: 'mediator', orgId: 'liuan-committee' }] })));
  // Two real cases as the functions store them, one open and one closed, to clone.
  const filing = (summary: string) => ({
    category: 'debt', summary, communityId: 'liuan',
    applicant: { name: '张阿姨', mobile: '13812345678' }, respondents: [{ name: '李先生' }], consent: { privacy: true, shareWithOtherOrgs: false },
  });
  const open = await ok(call(rt, 'case', 'demo-resident', 'file', filing('邻居借款两万元到期未还。'), rid()));
  await ok(call(rt, 'case', 'demo-director', 'accept', { caseId: open.caseId }, rid()));
  const closed = await ok(call(rt, 'case', 'demo-resident', 'file', filing('楼上漏水多次协商未果。'), rid()));
  await ok(call(rt, 'case', 'demo-resident', 'withdraw', { caseId: closed.caseId, reason: '已自行和解' }, rid()));
  const stored = new Map(rt.db.dump('cases').map((d: any) => [d._id, d]));
  // Stored as before the figures' roll-up existed: no `figuresDirtyAt`, nothing counted (it must find them itself).
  const clone = (from: string, id: string, mediatorId: string) => {
    const { figuresDirtyAt: _d, figuresCounted: _c, boardCounted: _b, ...doc } = JSON.parse(JSON.stringify(stored.get(from)).split(from).join(id));
    return { ...doc, mediatorId, case: { ...doc.case, mediatorId } };
  };
  // Mediator n holds n open cases (and one closed one that does not count).
  rt.db.seed('cases', ids.flatMap((id, i) => [
    ...Array.from({ length: i + 1 }, (_, k) => clone(open.caseId, `load-${id}-${k}`, id)),
    clone(closed.caseId, `load-${id}-closed`, id),
  ]));
  await rollUp(rt);
});
afterAll(() => rt.close());

describe('caseloads past the 20th mediator', () => {
  it('the director sees each of 30 mediators with their own number of open cases', async () => {
    const list = await ok(call(rt, 'org', 'demo-director', 'staff', { orgId: 'liuan-committee' }));
    const loads = new Map<string, number>(list.staff.map((s: any) => [s.openid, s.openCases]));
    for (let n = 1; n <= MEDIATORS; n++) expect([n, loads.get(`caseload-mediator-${String(n).padStart(2, '0')}`)]).toEqual([n, n]);
  });

  it('says as of when the caseloads were counted: the last roll-up, moving on with the next', async () => {
    const asOf = (rt.db.dump('figure_counters') as Array<{ _id: string; asOf?: string }>).find((d) => d._id === '_asof')!.asOf!;
    const first = await ok(call(rt, 'org', 'demo-director', 'staff', { orgId: 'liuan-committee' }));
    expect(first.caseloadsAsOf).toBe(asOf);
    const later = new Date(Date.parse(asOf) + 60_000);
    await rollUp(rt, later);
    // Answered at a later time still: never later than when it is read.
    const next = await ok(call(rt, 'org', 'demo-director', 'staff', { orgId: 'liuan-committee' }));
    expect(next.caseloadsAsOf > asOf).toBe(true);
    expect(next.caseloadsAsOf <= new Date().toISOString()).toBe(true);
  });

  it('the local database answers an aggregate without a limit with 20 rows, as CloudBase does', async () => {
    const db = getCloud().database() as any;
    const $ = db.command.aggregate;
    const grouped = await db.collection('cases').aggregate().match({ responsibleOrgId: 'liuan-committee', mediatorId: db.command.in(ids) }).group({ _id: '$mediatorId', n: $.sum(1) }).end();
    expect(grouped.list).toHaveLength(20);
    const limited = await db.collection('cases').aggregate().match({ responsibleOrgId: 'liuan-committee', mediatorId: db.command.in(ids) }).group({ _id: '$mediatorId', n: $.sum(1) }).limit(100).end();
    expect(limited.list).toHaveLength(MEDIATORS);
  });
});
