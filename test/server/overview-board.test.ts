// The overview boards and the caseloads the roll-up keeps (report/boards.ts) are what a recount from the cases
// gives (domain/stats/board.ts `recountOwnBoard`): after a run of steps — filing, accepting, assigning and
// reassigning mediators, a transfer, withdrawals, deadlines passing and recorded by the sweep — and a roll-up,
// a director of the district sees per organisation the open and overdue cases, the most overdue ones and the
// latest closures a recount finds, and a committee's director each mediator's open cases.
import type { LocalRuntime } from '../../src/local/runtime';
import type { Case } from '../../src/domain/case/model';
import { mergeAreaBoard, recountOwnBoard, recentClosures, type OwnBoard } from '../../src/domain/stats';
import { call, demoRuntime, ok, rid, rollUp } from '../helpers/runtime';

const DAY = 86_400_000;
let rt: LocalRuntime;
let clock = Date.now();

/** Moves only the clock (Date), leaving timers and I/O alone. */
function clockAt(ms: number) {
  clock = ms;
  jest.useFakeTimers({
    now: ms,
    doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
  });
}

beforeAll(async () => {
  rt = await demoRuntime();
  rt.db.seed('users', [{ _id: 'second-mediator', name: '钱调解员', roles: [{ role: 'mediator', orgId: 'liuan-committee' }] }]);
}, 60_000);
afterAll(() => {
  jest.useRealTimers();
  rt.close();
});

async function file(communityId: string, summary: string): Promise<string> {
  const r = await ok(
    call(rt, 'case', 'demo-resident', 'file', {
      category: 'debt', summary, communityId,
      applicant: { name: '张阿姨', mobile: '13812345678' }, respondents: [{ name: '李先生' }], consent: { privacy: true, shareWithOtherOrgs: true },
    }, rid()),
  );
  return r.caseId;
}

const orgIds = () => (rt.db.dump('orgs') as Array<{ _id: string }>).map((o) => o._id);
const tree = () => ({ orgs: (rt.db.dump('orgs') as any[]).map((o) => ({ id: o._id, name: o.name, level: o.level, kind: o.kind, parentId: o.parentId, communityIds: [], categories: [] })) });

/** What the district's director and the committee's director see equals a recount from the cases as they stand. */
async function expectRecount(): Promise<void> {
  const view = await ok(call(rt, 'report', 'demo-district-director', 'overview', { orgId: 'district-centre' }));
  expect(view.asOf).toEqual(expect.any(String));
  const cases = (rt.db.dump('cases') as Array<{ case: Case }>).map((d) => d.case);
  // The board tells the truth as of `asOf`: recount at that instant.
  const own = new Map<string, OwnBoard>(orgIds().map((id) => [id, recountOwnBoard(id, cases, view.asOf)]));
  expect(view.byOrg.map((b: any) => b.orgId).sort()).toEqual(orgIds().sort());
  expect(view.byOrg.map((b: any) => [b.orgId, b.open, b.overdue])).toEqual(view.byOrg.map((b: any) => [b.orgId, own.get(b.orgId)!.open, own.get(b.orgId)!.overdue]));
  const area = mergeAreaBoard(tree(), 'district-centre', own, view.asOf);
  expect(view.overdue.map((r: any) => [r.caseId, r.next.dueAt])).toEqual(area.overdueRows.map((r) => [r.caseId, r.due!.at]));
  expect(view.recentClosures.map((r: any) => [r.caseId, r.closedAt])).toEqual(recentClosures(area.closures, new Date(clock).toISOString()).map((r) => [r.caseId, r.closedAt]));

  // Each organisation's own board as stored — counts, next deadline, caseloads and rows — is the recount at the
  // time it was made.
  for (const d of rt.db.dump('figure_counters') as any[]) {
    if (d.kind !== 'board-own') continue;
    const { _id, kind, version, ...stored } = d;
    expect([_id, stored]).toEqual([_id, recountOwnBoard(d.orgId, cases, d.at)]);
  }

  const staff = await ok(call(rt, 'org', 'demo-director', 'staff', { orgId: 'liuan-committee' }));
  const loads = new Map(own.get('liuan-committee')!.caseloads.map((c) => [c.mediatorId, c.n]));
  const mediators = staff.staff.filter((s: any) => s.roles.includes('mediator'));
  expect(mediators.map((s: any) => [s.openid, s.openCases])).toEqual(mediators.map((s: any) => [s.openid, loads.get(s.openid) ?? 0]));
}

it('after steps and a roll-up, the overview and the caseloads equal a recount from the cases', async () => {
  clockAt(Date.now());
  const liuan: string[] = [];
  for (let i = 0; i < 6; i++) liuan.push(await file('liuan', `第${i + 1}件：借款纠纷情况说明。`));
  const wangjiang = [await file('wangjiang', '望江：楼上漏水纠纷情况说明。'), await file('wangjiang', '望江：噪音纠纷情况说明。')];
  for (const id of liuan.slice(0, 3)) await ok(call(rt, 'case', 'demo-director', 'accept', { caseId: id }, rid()));
  await ok(call(rt, 'case', 'demo-director', 'assignMediator', { caseId: liuan[0], mediatorId: 'demo-mediator' }, rid()));
  await ok(call(rt, 'case', 'demo-director', 'assignMediator', { caseId: liuan[1], mediatorId: 'second-mediator' }, rid()));
  await ok(call(rt, 'case', 'demo-director', 'assignMediator', { caseId: liuan[2], mediatorId: 'demo-mediator' }, rid()));
  await ok(call(rt, 'case', 'demo-resident', 'withdraw', { caseId: liuan[3], reason: '已自行和解' }, rid()));
  await ok(call(rt, 'case', 'demo-director', 'transfer', { caseId: liuan[4], toOrgId: 'donghu-centre', reason: '双方分属不同小区，由街道调处', overrideReason: '街道统一协调' }, rid()));
  await ok(call(rt, 'case', 'demo-street-director', 'acceptTransfer', { caseId: liuan[4] }, rid()));
  await rollUp(rt);
  await expectRecount();
  const first = await ok(call(rt, 'report', 'demo-district-director', 'overview', { orgId: 'district-centre' }));
  const count = (v: any, org: string) => v.byOrg.find((b: any) => b.orgId === org);
  expect(count(first, 'wangjiang-committee')).toMatchObject({ open: expect.any(Number), overdue: 0 });

  // A mediator handed over: only the board key changed (no figure), and the caseloads follow.
  await ok(call(rt, 'case', 'demo-director', 'assignMediator', { caseId: liuan[2], mediatorId: 'second-mediator', reason: '原调解员工作调整' }, rid()));
  const handedOver = rt.db.dump('cases').find((d: any) => d._id === liuan[2]) as any;
  expect(handedOver.figuresDirtyAt).toEqual(expect.any(String));
  await rollUp(rt);
  await expectRecount();
  const loads = await ok(call(rt, 'org', 'demo-director', 'staff', { orgId: 'liuan-committee' }));
  expect(loads.staff.find((s: any) => s.openid === 'second-mediator').openCases).toBe(2);

  // Ten days on the triage deadlines have passed: the sweep records them (each a step), the roll-up follows.
  clockAt(clock + 10 * DAY);
  const inv = await rt.fireTimer('timer', 'deadlines');
  expect((inv.result as any).ok).toBe(true);
  await rollUp(rt);
  await expectRecount();
  const later = await ok(call(rt, 'report', 'demo-district-director', 'overview', { orgId: 'district-centre' }));
  expect(count(later, 'wangjiang-committee').overdue).toBe(count(first, 'wangjiang-committee').overdue + 2);
  expect(later.overdue.map((r: any) => r.caseId)).toEqual(expect.arrayContaining([...wangjiang, liuan[5]]));

  // More steps on overdue cases: a late acceptance and a withdrawal leave the overdue list and the caseloads.
  await ok(call(rt, 'case', 'demo-director', 'accept', { caseId: liuan[5] }, rid()));
  await ok(call(rt, 'case', 'demo-resident', 'withdraw', { caseId: liuan[1], reason: '双方已和解' }, rid()));
  await rollUp(rt);
  await expectRecount();
  const last = await ok(call(rt, 'report', 'demo-district-director', 'overview', { orgId: 'district-centre' }));
  expect(last.overdue.map((r: any) => r.caseId)).not.toContain(liuan[5]);
  expect(last.recentClosures.map((r: any) => r.caseId)).toEqual(expect.arrayContaining([liuan[1], liuan[3]]));
});
