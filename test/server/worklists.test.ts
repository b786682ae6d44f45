// Staff worklists through the real bundles: the mediator's inbox and the director's overdue board.
import { demoRuntime, call, rid, ok, rollUp } from '../helpers/runtime';
import type { LocalRuntime } from '../../src/local/runtime';

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await demoRuntime();
});
afterAll(() => {
  jest.useRealTimers();
  rt.close();
});


const DAY = 86_400_000;
/** Moves only the clock (Date), leaving timers and I/O alone. */
function clockAt(ms: number) {
  jest.useFakeTimers({
    now: ms,
    doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
  });
}

async function file(summary: string) {
  const r = await ok(call(rt, 'case', 'demo-resident', 'file', {
    category: 'debt', summary, communityId: 'liuan',
    applicant: { name: '张阿姨', mobile: '13812345678' }, respondents: [{ name: '李先生' }], consent: { privacy: true, shareWithOtherOrgs: false },
  }, rid()));
  return r.caseId as string;
}

it('a mediator sees their own open cases with the next deadline; others are not in it', async () => {
  const mine = await file('邻居借款两万元到期未还。');
  const notMine = await file('楼上漏水多次协商未果。');
  await ok(call(rt, 'case', 'demo-director', 'accept', { caseId: mine }, rid()));
  await ok(call(rt, 'case', 'demo-director', 'assignMediator', { caseId: mine, mediatorId: 'demo-mediator' }, rid()));
  const inbox = await ok(call(rt, 'case', 'demo-mediator', 'assigned', {}));
  expect(inbox.items.map((i: any) => i.caseId)).toEqual([mine]);
  expect(inbox.items[0]).toMatchObject({ status: 'accepted', holderName: '柳岸社区人民调解委员会', next: { label: expect.any(String), dueAt: expect.any(String) } });
  expect(inbox.items.some((i: any) => i.caseId === notMine)).toBe(false);
  expect(await call(rt, 'case', 'demo-resident', 'assigned', {})).toMatchObject({ ok: false, code: 'FORBIDDEN' });
});

it('the overdue board shows cases past their deadline, most overdue first, with the mediator\'s name', async () => {
  const early = await file('第一件：借款纠纷情况说明。');
  const later = await file('第二件：借款纠纷情况说明。');
  await ok(call(rt, 'case', 'demo-director', 'accept', { caseId: later }, rid()));
  await ok(call(rt, 'case', 'demo-director', 'assignMediator', { caseId: later, mediatorId: 'demo-mediator' }, rid()));

  // Today nothing is overdue yet.
  const now = await ok(call(rt, 'case', 'demo-director', 'overdue', { orgId: 'liuan-committee' }));
  expect(now.items.some((i: any) => i.caseId === early || i.caseId === later)).toBe(false);

  // Ten days on: the triage of `early` is long overdue; `later`'s mediation limit (30 days) is not yet.
  clockAt(Date.now() + 10 * DAY);
  const board = await ok(call(rt, 'case', 'demo-director', 'overdue', { orgId: 'liuan-committee' }));
  const ids = board.items.map((i: any) => i.caseId);
  expect(ids).toContain(early);
  expect(ids).not.toContain(later);
  const dues = board.items.map((i: any) => i.next.dueAt);
  expect([...dues].sort()).toEqual(dues);

  // Forty-five days on, `later` is overdue too and names its mediator; the street director sees it from above.
  clockAt(Date.now() + 35 * DAY);
  const above = await ok(call(rt, 'case', 'demo-street-director', 'overdue', { orgId: 'liuan-committee' }));
  expect(above.items.find((i: any) => i.caseId === later)).toMatchObject({ mediatorName: '李调解员' });
  expect(await call(rt, 'case', 'demo-labour-director', 'overdue', { orgId: 'liuan-committee' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  jest.useRealTimers();
});

it('a supervisor\'s overview counts open and overdue cases per organisation and lists recent closures, with no personal data', async () => {
  jest.useRealTimers();
  const open = await file('第三件：邻里纠纷情况说明。');
  const closing = await file('第四件：邻里纠纷情况说明。');
  await ok(call(rt, 'case', 'demo-resident', 'withdraw', { caseId: closing, reason: '已自行和解' }, rid()));
  // The overview answers from boards the timer's roll-up keeps: the new cases show once it ran.
  const unrolled = await ok(call(rt, 'report', 'demo-supervisor', 'overview', {}));
  expect(unrolled.recentClosures.some((r: any) => r.caseId === closing)).toBe(false);
  await rollUp(rt);
  const before = await ok(call(rt, 'report', 'demo-supervisor', 'overview', {}));
  expect(before.orgId).toBe('donghu-centre');
  expect(Date.parse(before.asOf)).toBeGreaterThan(Date.now() - 60_000);
  const liuan = before.byOrg.find((o: any) => o.orgId === 'liuan-committee');
  expect(liuan.open).toBeGreaterThan(0);
  expect(before.recentClosures.find((r: any) => r.caseId === closing)).toMatchObject({ outcomeLabel: expect.any(String), closedAt: expect.any(String) });
  expect(before.overdue.some((r: any) => r.caseId === open)).toBe(false);
  // No names, phone numbers or dispute text.
  expect(JSON.stringify(before)).not.toMatch(/张阿姨|李先生|138\d{8}|纠纷情况说明/);

  clockAt(Date.now() + 10 * DAY);
  // Ten days on, before any roll-up: the board is as it was, and the answer says as of when (统计截至), before the
  // triage deadline that has passed since.
  const stale = await ok(call(rt, 'report', 'demo-supervisor', 'overview', {}));
  expect(stale.overdue.some((r: any) => r.caseId === open)).toBe(false);
  expect(stale.asOf <= before.asOf).toBe(true);
  // The next tick remakes the boards whose next deadline has come (the sweep need not have recorded it).
  await rollUp(rt);
  const later = await ok(call(rt, 'report', 'demo-supervisor', 'overview', {}));
  expect(later.overdue.some((r: any) => r.caseId === open)).toBe(true);
  expect(Date.parse(later.asOf)).toBeGreaterThan(Date.now() - 60_000);
  expect(later.byOrg.find((o: any) => o.orgId === 'liuan-committee').overdue).toBeGreaterThan(liuan.overdue);
  jest.useRealTimers();
  expect(await call(rt, 'report', 'demo-mediator', 'overview', { orgId: 'liuan-committee' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
});

it('the overdue board still names a mediator who has left the committee, and pages through in the same order', async () => {
  const c = await file('第三件：借款纠纷情况说明。');
  await ok(call(rt, 'case', 'demo-director', 'accept', { caseId: c }, rid()));
  await ok(call(rt, 'case', 'demo-director', 'assignMediator', { caseId: c, mediatorId: 'demo-mediator' }, rid()));
  clockAt(Date.now() + 60 * DAY);
  await ok(call(rt, 'org', 'demo-director', 'removeStaff', { orgId: 'liuan-committee', openid: 'demo-mediator', role: 'mediator', reason: '调离' }, rid()));
  const board = await ok(call(rt, 'case', 'demo-director', 'overdue', { orgId: 'liuan-committee' }));
  expect(board.items.find((i: any) => i.caseId === c)).toMatchObject({ mediatorName: '李调解员' });

  const all = board.items.map((i: any) => i.caseId);
  expect(all.length).toBeGreaterThan(2);
  const first = await ok(call(rt, 'case', 'demo-director', 'overdue', { orgId: 'liuan-committee', pageSize: 2 }));
  const second = await ok(call(rt, 'case', 'demo-director', 'overdue', { orgId: 'liuan-committee', pageSize: 2, page: 1 }));
  expect(first.hasMore).toBe(true);
  expect([...first.items, ...second.items].map((i: any) => i.caseId)).toEqual(all.slice(0, 4));
  jest.useRealTimers();
});
