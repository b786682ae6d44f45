// 以案定补 through the built functions: a March of cases at 柳岸 handled by 李调解员, the director's view of each
// mediator's month and of the ledger, checked against numbers worked out by hand; approval after the month has
// ended freezing the ledger; and the ledger and the rosters as spreadsheets read back with exceljs.
//
// March 2026, all at 柳岸社区人民调解委员会, mediator 李调解员 (demo-mediator), deployment rates as shipped
// (100 yuan a resolved case concluded on time whose ratings average 3 or more; +50 for 3 or more parties; +100 urgent
// or high-risk; 1000 a month at most):
//   A  agreement in force, performed, return visit 5 points, applicant rates 4  → resolved, counted: 100
//   B  mediation failed                                                         → not counted (outcome)
//   C  the applicant withdraws                                                  → not counted (outcome)
//   D  agreement in force, performed, return visit 2 points, applicant rates 1  → resolved, average 1.5 < 3: not counted
//   E  still in mediation at the month's end                                    → open
// So: closed 4 (resolved 2, failed 1, withdrawn 1), on time 4/4, satisfaction 5, 4, 2, 1 → 4 scores averaging 3,
// return visits 2, open 1; the ledger pays 李调解员 100 yuan, the committee 100 yuan in all.
import ExcelJS from 'exceljs';
import type { LocalRuntime } from '../../src/local/runtime';
import { LocalStorage } from '../../src/local/storage';
import { demoDeployment } from '../../src/local/seed';
import { applyDeployment } from '../../src/server/setup/deployment';
import { parseDeploymentFile } from '../../src/server/setup/deployment-file';
import { getCloud } from '../../src/server/kernel/platform';
import { call, demoRuntime, rid } from '../helpers/runtime';
import { caseInForce, caseInMediation, DIRECTOR, MEDIATOR, ok, RESIDENT } from '../helpers/case-at';

/** Moves only the clock (Date), leaving timers and I/O alone. */
function clockAt(iso: string) {
  jest.useFakeTimers({
    now: new Date(iso).getTime(),
    doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
  });
}

async function sheetRows(rt: LocalRuntime, fileID: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(rt.storage.read(LocalStorage.cloudPathOf(fileID))! as never);
  const out: string[][] = [];
  wb.worksheets[0].eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return out;
}

let rt: LocalRuntime;
const ids: Record<string, string> = {};

beforeAll(async () => {
  rt = await demoRuntime();
  clockAt('2026-03-02T02:00:00Z');
  const a = await caseInForce(rt, 'resp-sub-a');
  ids.A = a.caseId;
  ids.B = (await caseInMediation(rt, 'resp-sub-b')).caseId;
  ids.C = (await caseInMediation(rt, 'resp-sub-c')).caseId;
  const d = await caseInForce(rt, 'resp-sub-d');
  ids.D = d.caseId;
  ids.E = (await caseInMediation(rt, 'resp-sub-e')).caseId;

  clockAt('2026-03-10T02:00:00Z');
  for (const id of [ids.A, ids.D]) {
    await ok(call(rt, 'agreement', RESIDENT, 'markDone', { caseId: id, itemId: 'i1' }, rid()));
    await ok(call(rt, 'agreement', RESIDENT, 'markDone', { caseId: id, itemId: 'i2' }, rid()));
  }
  await ok(call(rt, 'agreement', MEDIATOR, 'returnVisit', { caseId: ids.A, result: 'performed', satisfaction: 5, notes: '款项已付清，双方满意' }, rid()));
  await ok(call(rt, 'agreement', MEDIATOR, 'returnVisit', { caseId: ids.D, result: 'performed', satisfaction: 2, notes: '款项已付清，申请人仍有怨气' }, rid()));
  await ok(call(rt, 'agreement', RESIDENT, 'rate', { caseId: ids.A, score: 4 }, rid()));
  await ok(call(rt, 'agreement', RESIDENT, 'rate', { caseId: ids.D, score: 1 }, rid()));
  await ok(call(rt, 'agreement', MEDIATOR, 'close', { caseId: ids.B, outcome: 'failed', reason: '双方分歧较大，调解不成' }, rid()));
  await ok(call(rt, 'case', RESIDENT, 'withdraw', { caseId: ids.C, reason: '已与对方私下和解' }, rid()));
}, 120_000);

afterAll(() => {
  jest.useRealTimers();
  rt?.close();
});

describe('the director reviews March', () => {
  it("shows each mediator's month as worked out by hand", async () => {
    clockAt('2026-03-31T08:00:00Z');
    const view = await ok(call(rt, 'report', DIRECTOR, 'subsidyLedger', { month: '2026-03' }));
    expect(view).toMatchObject({ orgId: 'liuan-committee', monthLabel: '2026年3月', viewer: 'director' });
    const li = view.mediators.find((m: any) => m.mediatorId === MEDIATOR);
    expect(li).toMatchObject({
      name: '李调解员',
      closed: 4,
      byOutcome: { resolved: 2, failed: 1, withdrawn: 1, terminated: 0 },
      open: 1,
      onTime: { num: 4, den: 4, percent: 100 },
      satisfaction: { count: 4, average: 3 },
      returnVisits: 2,
      recusals: 0,
    });
  });

  it('prices every closed case and says why the others earn nothing', async () => {
    const view = await ok(call(rt, 'report', DIRECTOR, 'subsidyLedger', { month: '2026-03' }));
    const li = view.ledger.mediators.find((m: any) => m.mediatorId === MEDIATOR);
    const byCase = Object.fromEntries(li.lines.map((l: any) => [l.caseId, [l.amountYuan, l.excludedLabel ?? '计补']]));
    expect(byCase).toEqual({
      [ids.A]: [100, '计补'],
      [ids.B]: [0, '结案方式不计补贴'],
      [ids.C]: [0, '结案方式不计补贴'],
      [ids.D]: [0, '当事人评价未达标准'],
    });
    expect(li).toMatchObject({ name: '李调解员', countedCases: 1, totalYuan: 100, capped: false });
    expect(view.ledger.totalYuan).toBe(100);
  });

  it('cannot approve a month that has not ended', async () => {
    const view = await ok(call(rt, 'report', DIRECTOR, 'subsidyLedger', { month: '2026-03' }));
    expect(view).toMatchObject({ state: 'open', canApprove: false });
    expect(await call(rt, 'report', DIRECTOR, 'approveSubsidies', { month: '2026-03' }, rid())).toMatchObject({ ok: false, code: 'SUBSIDY_MONTH_OPEN' });
  });

  it('approves once the month is over; the stored ledger then stands whatever changes later', async () => {
    clockAt('2026-04-02T02:00:00Z');
    expect(await ok(call(rt, 'report', DIRECTOR, 'subsidyLedger', { month: '2026-03' }))).toMatchObject({ state: 'ready', canApprove: true });
    // The justice office reads it, but does not approve.
    expect(await ok(call(rt, 'report', 'demo-supervisor', 'subsidyLedger', { orgId: 'liuan-committee', month: '2026-03' }))).toMatchObject({ viewer: 'supervisor', canApprove: false });
    expect(await call(rt, 'report', 'demo-supervisor', 'approveSubsidies', { orgId: 'liuan-committee', month: '2026-03' }, rid())).toMatchObject({ ok: false, code: 'FORBIDDEN' });

    const intent = rid();
    const approved = await ok(call(rt, 'report', DIRECTOR, 'approveSubsidies', { month: '2026-03' }, intent));
    expect(approved).toMatchObject({ state: 'approved', canApprove: false, approved: { byName: '王主任' } });
    expect(approved.ledger.totalYuan).toBe(100);
    // The same tap retried after a lost answer is answered as approved, not refused.
    expect(await ok(call(rt, 'report', DIRECTOR, 'approveSubsidies', { month: '2026-03' }, intent))).toMatchObject({ state: 'approved' });
    expect(rt.db.dump('subsidy_ledgers')).toHaveLength(1);

    // The deployment doubles the rate afterwards: March stays as approved.
    await applyDeployment(getCloud().database() as never, { ...demoDeployment, rules: { subsidy: { baseYuan: 200 } } }, new Date());
    clockAt('2026-04-02T03:00:00Z'); // past the settings cache
    const later = await ok(call(rt, 'report', DIRECTOR, 'subsidyLedger', { month: '2026-03' }));
    expect(later).toMatchObject({ state: 'approved', ledger: { totalYuan: 100, rates: { baseYuan: 100 } } });

    const again = await call(rt, 'report', DIRECTOR, 'approveSubsidies', { month: '2026-03' }, rid());
    expect(again).toMatchObject({ ok: false, code: 'SUBSIDY_ALREADY_APPROVED' });
    expect((again as any).message).toContain('不能再更改');
  });

  it('exports the approved ledger as a spreadsheet for the justice office', async () => {
    const file = await ok(call(rt, 'report', DIRECTOR, 'register', { kind: 'subsidies', month: '2026-03' }));
    expect(file.fileName).toBe('调解员以案定补补贴发放表-柳岸社区人民调解委员会-2026-03.xlsx');
    const rows = await sheetRows(rt, file.fileID);
    expect(rows[0][0]).toBe('调解员以案定补补贴发放表');
    expect(rows[1][0]).toContain('审核通过');
    const caseRows = rows.filter((r) => r[1] === '李调解员');
    expect(caseRows).toHaveLength(4);
    expect(caseRows.map((r) => r[11]).sort()).toEqual(['0', '0', '0', '100']);
    expect(rows.find((r) => r[1] === '李调解员 小计')?.[11]).toBe('100');
    expect(rows.find((r) => r[1] === '合计')?.[11]).toBe('100');
  });

  it("is the committee's own business: the street centre above gets neither the ledger nor its spreadsheet", async () => {
    expect(await call(rt, 'report', 'demo-street-director', 'subsidyLedger', { orgId: 'liuan-committee', month: '2026-03' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call(rt, 'report', 'demo-street-director', 'register', { orgId: 'liuan-committee', kind: 'subsidies', month: '2026-03' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});

describe('the month after, with March behind it', () => {
  it("April's figures and ledger hold April's closures and the March cases touched in April, nothing else of March", async () => {
    // April: a new case F fails; B (failed in March) gets the return visit it owed, in April.
    clockAt('2026-04-03T02:00:00Z');
    ids.F = (await caseInMediation(rt, 'resp-sub-f')).caseId;
    await ok(call(rt, 'agreement', MEDIATOR, 'close', { caseId: ids.F, outcome: 'failed', reason: '双方分歧较大，调解不成' }, rid()));
    await ok(call(rt, 'agreement', MEDIATOR, 'returnVisit', { caseId: ids.B, result: 'settled', satisfaction: 4, notes: '双方已自行协商解决' }, rid()));

    const april = await ok(call(rt, 'report', DIRECTOR, 'subsidyLedger', { month: '2026-04' }));
    expect(april.mediators.find((m: any) => m.mediatorId === MEDIATOR)).toMatchObject({
      closed: 1,
      byOutcome: { failed: 1, resolved: 0 },
      open: 1, // E, accepted in March and still in mediation
      returnVisits: 1,
      satisfaction: { count: 1, average: 4 },
    });
    const lines = april.ledger.mediators.flatMap((m: any) => m.lines.map((l: any) => l.caseId));
    expect(lines).toEqual([ids.F]);
    expect(april.ledger.totalYuan).toBe(0);
    // March, approved, is as it was.
    const march = await ok(call(rt, 'report', DIRECTOR, 'subsidyLedger', { month: '2026-03' }));
    expect(march.ledger.mediators.flatMap((m: any) => m.lines.map((l: any) => l.caseId)).sort()).toEqual([ids.A, ids.B, ids.C, ids.D].sort());
    expect(march.mediators.find((m: any) => m.mediatorId === MEDIATOR)).toMatchObject({ closed: 4, returnVisits: 2 });
  });
});

describe('rosters', () => {
  it('调解组织登记册: the street centre and the committees below it', async () => {
    const file = await ok(call(rt, 'report', 'demo-street-director', 'register', { kind: 'organisations' }));
    const rows = await sheetRows(rt, file.fileID);
    expect(rows[0][0]).toBe('调解组织登记册');
    expect(rows[2].slice(0, 4)).toEqual(['序号', '组织名称', '层级', '类别']);
    const liuan = rows.find((r) => r[1] === '柳岸社区人民调解委员会')!;
    expect(liuan).toEqual(expect.arrayContaining(['社区（村）级', '综合性调委会', '王主任']));
    expect(rows.some((r) => r[1] === demoDeployment.orgs.find((o) => o.id === 'donghu-centre')!.name)).toBe(true);
    expect(rows.some((r) => r[1] === demoDeployment.orgs.find((o) => o.id === 'district-centre')!.name)).toBe(false);
  });

  it('调解人员登记册: directors and mediators with their trainings', async () => {
    const file = await ok(call(rt, 'report', DIRECTOR, 'register', { kind: 'mediators' }));
    const rows = await sheetRows(rt, file.fileID);
    expect(rows[0][0]).toBe('调解人员登记册');
    const li = rows.find((r) => r[1] === '李调解员')!;
    expect(li.slice(2, 6)).toEqual(['柳岸社区人民调解委员会', '调解员', '2', '28']);
    expect(li[6]).toBe('2025-09-15 专职调解员岗前培训（24学时）；2026-03-20 婚姻家庭纠纷调解实务（4学时）');
    expect(rows.find((r) => r[1] === '王主任')?.slice(3, 6)).toEqual(['调委会主任', '0', '0']);
    // Residents and information officers are not on it.
    expect(rows.some((r) => r[1] === '郑信息员')).toBe(false);
  });

  it('a training written wrongly in the deployment file is refused with the reason in Chinese', () => {
    const staff = demoDeployment.staff.map((m) => (m.openid === MEDIATOR ? { ...m, trainings: [{ date: '2026/03/20', hours: 4, topic: '婚姻家庭纠纷调解实务' }] } : m));
    const parsed = parseDeploymentFile(JSON.stringify({ ...demoDeployment, staff }));
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? [] : parsed.problems).toEqual([expect.stringMatching(/^staff\.\d+\.trainings\.0\.date: 培训日期格式应为 YYYY-MM-DD$/)]);
  });
});

describe('a mediator who has moved on', () => {
  it('still appears by name in the month whose cases they closed', async () => {
    clockAt('2026-04-02T02:00:00Z');
    await ok(call(rt, 'org', DIRECTOR, 'removeStaff', { orgId: 'liuan-committee', openid: MEDIATOR, role: 'mediator', reason: '调离' }, rid()));
    const view = await ok(call(rt, 'report', DIRECTOR, 'subsidyLedger', { month: '2026-03' }));
    expect(view.mediators.find((m: any) => m.mediatorId === MEDIATOR)).toMatchObject({ name: '李调解员', closed: 4 });
  });
});
