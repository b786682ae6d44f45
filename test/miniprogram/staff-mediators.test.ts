// 调解员考核与补贴 against a fake transport: each mediator's month, the ledger case by case, approval asked once
// more (it cannot be changed afterwards) and the ledger exported as a spreadsheet.
import { FakeTransport, err, ok } from './helpers/fake-transport';
import { currentWx } from './helpers/wx-stub';
import { sleep, tap, visibleText } from './helpers/simulate';
import { grant, openPage, withRoles } from './helpers/staff-fixtures';

const NO_OUTCOMES = { resolved: 0, failed: 0, respondent_refused: 0, no_reply: 0, withdrawn: 0, terminated: 0, referred: 0 };
const RATES = { baseYuan: 100, categoryYuan: [], severalPartiesMin: 3, severalPartiesExtraYuan: 50, highRiskExtraYuan: 100, countedOutcomes: ['resolved'], onTimeOnly: true, minSatisfaction: 3, monthlyCapYuan: 300 };
const line = (caseNo: string, amountYuan: number, over: Record<string, unknown> = {}) => ({
  caseId: `c-${caseNo}`,
  caseNo,
  category: 'neighbourhood',
  categoryLabel: '邻里纠纷',
  outcome: 'resolved',
  outcomeLabel: '调解成功并履行完毕',
  closedAt: '2026-03-10T02:00:00.000Z',
  closedDate: '2026-03-10',
  parties: 2,
  highRisk: false,
  baseYuan: amountYuan,
  severalPartiesYuan: 0,
  highRiskYuan: 0,
  amountYuan,
  ...over,
});

const answer = (over: Record<string, unknown> = {}) => ({
  orgId: 'liuan-committee',
  orgName: '柳岸社区人民调解委员会',
  month: '2026-03',
  monthLabel: '2026年3月',
  viewer: 'director',
  mediators: [
    {
      mediatorId: 'u-li',
      name: '李调解员',
      closed: 4,
      byOutcome: { ...NO_OUTCOMES, resolved: 2, failed: 1, withdrawn: 1 },
      open: 1,
      onTime: { num: 3, den: 4, percent: 75 },
      satisfaction: { count: 4, average: 3 },
      returnVisits: 2,
      recusals: 1,
    },
  ],
  ledger: {
    totalYuan: 300,
    rates: RATES,
    mediators: [
      {
        mediatorId: 'u-li',
        name: '李调解员',
        lines: [
          line('QF-2026-0001', 250, { severalPartiesYuan: 50, highRiskYuan: 100, baseYuan: 100 }),
          line('QF-2026-0002', 100),
          line('QF-2026-0003', 0, { outcome: 'failed', outcomeLabel: '调解不成', excluded: 'outcome', excludedLabel: '结案方式不计补贴' }),
        ],
        countedCases: 2,
        subtotalYuan: 350,
        totalYuan: 300,
        capped: true,
      },
    ],
  },
  state: 'ready',
  canApprove: true,
  ...over,
});

const DIRECTOR = grant('director', 'liuan-committee');

describe('调解员考核与补贴', () => {
  it("asks for last month and shows each mediator's figures and the ledger case by case", async () => {
    const fake = withRoles(new FakeTransport(), DIRECTOR).reply('report', 'subsidyLedger', ok(answer()));
    const page = await openPage('pkg-director/pages/mediators/index/index', fake);
    const asked = fake.callsTo('report', 'subsidyLedger')[0].data as { orgId: string; month: string };
    expect(asked.orgId).toBe('liuan-committee');
    expect(asked.month < new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7)).toBe(true);
    const text = visibleText(page);
    expect(text).toMatch(/李调解员[^]*办结 4 件[^]*以案定补/);
    expect(text).toContain('调解成功并履行完毕 2，调解不成 1，申请人撤回 1');
    expect(text).toContain('按期办结率 75%');
    expect(text).toContain('满意度 3分（4人次）');
    expect(text).toContain('回访 2 次 · 被申请回避 1 次 · 在办 1 件');
    expect(text).toMatch(/QF-2026-0001 · 邻里纠纷\s*调解成功并履行完毕 · 2026-03-10 结案\s*250 元/);
    expect(text).toMatch(/QF-2026-0003 · 邻里纠纷\s*调解不成 · 2026-03-10 结案 · 结案方式不计补贴\s*0 元/);
    expect(text).toContain('计补 2 件，已按每月上限 300 元计（合计 350 元）');
    expect(text).toMatch(/合计\s*300 元/);
    expect(text).toContain('待审核：请逐件核对后审核通过');
  });

  it('approves only after a second yes that says it cannot be changed, then shows it approved', async () => {
    const fake = withRoles(new FakeTransport(), DIRECTOR)
      .reply('report', 'subsidyLedger', ok(answer()))
      .reply('report', 'approveSubsidies', ok(answer({ state: 'approved', canApprove: false, approved: { byName: '王主任', at: '2026-04-02T02:00:00.000Z' } })));
    const page = await openPage('pkg-director/pages/mediators/index/index', fake);
    const wx = currentWx() as unknown as Record<string, jest.Mock>;

    wx.showModal = jest.fn((o: { success?: (r: unknown) => void }) => o.success?.({ confirm: false }));
    await tap(page, '#approve');
    await sleep();
    expect(wx.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: expect.stringContaining('以后不能再更改'), confirmText: '审核通过' }));
    expect(fake.callsTo('report', 'approveSubsidies')).toHaveLength(0);

    wx.showModal = jest.fn((o: { success?: (r: unknown) => void }) => o.success?.({ confirm: true }));
    await tap(page, '#approve');
    await sleep();
    const sent = fake.callsTo('report', 'approveSubsidies');
    expect(sent).toHaveLength(1);
    expect(sent[0].data).toEqual({ orgId: 'liuan-committee', month: expect.stringMatching(/^\d{4}-\d{2}$/) });
    expect(sent[0].requestId).toBeTruthy();
    expect(visibleText(page)).toContain('已审核：王主任于4月2日 10:00审核通过，不再更改');
    expect(page.querySelector('#approve')).toBeFalsy();
  });

  it('a month that was approved meanwhile says so and shows the stored ledger', async () => {
    const fake = withRoles(new FakeTransport(), DIRECTOR)
      .reply('report', 'subsidyLedger', ok(answer()), ok(answer({ state: 'approved', canApprove: false, approved: { byName: '王主任', at: '2026-04-02T02:00:00.000Z' } })))
      .reply('report', 'approveSubsidies', err('SUBSIDY_ALREADY_APPROVED', '2026年3月的补贴已于2026-04-02由王主任审核通过，不能再更改'));
    const page = await openPage('pkg-director/pages/mediators/index/index', fake);
    (currentWx() as unknown as Record<string, jest.Mock>).showModal = jest.fn((o: { success?: (r: unknown) => void }) => o.success?.({ confirm: true }));
    await tap(page, '#approve');
    await sleep();
    await sleep();
    expect(fake.callsTo('report', 'subsidyLedger')).toHaveLength(2);
    expect(visibleText(page)).toContain('已审核：王主任');
    expect(page.querySelector('#approve')).toBeFalsy();
  });

  it('a month still running cannot be approved; the ledger can still be exported to check', async () => {
    const fake = withRoles(new FakeTransport(), DIRECTOR)
      .reply('report', 'subsidyLedger', ok(answer({ state: 'open', canApprove: false })))
      .reply('report', 'register', ok({ fileID: 'cloud://env/generated/x.xlsx', url: 'http://127.0.0.1:3000/files/x.xlsx', fileName: '调解员以案定补补贴发放表.xlsx', size: 5 }));
    const page = await openPage('pkg-director/pages/mediators/index/index', fake);
    expect(visibleText(page)).toContain('本月尚未结束，月底后才能审核');
    expect(page.querySelector('#approve')).toBeFalsy();

    const wx = currentWx() as unknown as Record<string, jest.Mock>;
    wx.downloadFile = jest.fn((o: { success: (r: unknown) => void }) => o.success({ tempFilePath: '/tmp/ledger.xlsx', statusCode: 200 }));
    wx.openDocument = jest.fn((o: { success?: () => void }) => o.success?.());
    await tap(page, '#export');
    await sleep();
    expect(fake.callsTo('report', 'register')[0].data).toEqual({ orgId: 'liuan-committee', kind: 'subsidies', month: expect.stringMatching(/^\d{4}-\d{2}$/) });
    expect(wx.openDocument).toHaveBeenCalledWith(expect.objectContaining({ filePath: '/tmp/ledger.xlsx', fileType: 'xlsx' }));
  });

  it('the justice office reads the ledger without an approve button', async () => {
    const fake = withRoles(new FakeTransport(), grant('supervisor', 'donghu-centre')).reply('report', 'subsidyLedger', ok(answer({ viewer: 'supervisor', canApprove: false })));
    const page = await openPage('pkg-director/pages/mediators/index/index', fake);
    expect(visibleText(page)).toContain('待调委会主任审核');
    expect(page.querySelector('#approve')).toBeFalsy();
  });

  it('is reached from the workbench', async () => {
    const fake = withRoles(new FakeTransport(), DIRECTOR).reply('case', 'queue', ok({ orgId: 'liuan-committee', items: [], hasMore: false }));
    const page = await openPage('pkg-director/pages/workbench/index/index', fake);
    await tap(page, '#mediators');
    expect(currentWx().navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pkg-director/pages/mediators/index/index' }));
  });
});
