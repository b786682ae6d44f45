// The director's statistics page against a fake transport: the month's figures, the bar charts and the
// register downloads.
import { FakeTransport, err, ok } from './helpers/fake-transport';
import { currentWx } from './helpers/wx-stub';
import { sleep, tap, visibleText } from './helpers/simulate';
import { grant, openPage, withRoles } from './helpers/staff-fixtures';

const rate = (num: number, den: number) => ({ num, den, percent: den ? Math.round((num / den) * 1000) / 10 : null });
const FIGURES = {
  orgName: '柳岸社区人民调解委员会',
  periodLabel: '2026年3月',
  // 10:35 in China: the timer counted steps up to then.
  asOf: '2026-03-31T02:35:00.000Z',
  received: 5,
  accepted: 2,
  transferred: 1,
  referred: 1,
  mediated: 3,
  successful: 2,
  resolved: 1,
  closed: 3,
  successRate: rate(2, 3),
  performanceRate: rate(1, 1),
  onTimeRate: rate(2, 3),
  resolvedAtFirstLevel: rate(2, 2),
  averageDaysToClose: 13.7,
  satisfaction: { count: 2, average: 4.5, satisfiedRate: rate(2, 2) },
  overdue: { total: 1, byOrg: [{ id: 'liuan-committee', name: '李庄村调委会', count: 1 }], byPerson: [{ id: 'u1', name: '王主任', count: 1 }] },
  byCategory: [{ category: 'neighbourhood', label: '邻里纠纷', received: 3 }, { category: 'debt', label: '债务纠纷', received: 1 }],
  bySource: [{ source: 'resident', label: '群众自行申请', received: 3 }],
  referralsIn: { total: 0, bySource: [], feedbackSent: 0 },
  referralsOut: { total: 0, byAuthority: [] },
};

describe('统计报表', () => {
  it("shows the month's figures and charts by category, source and overdue", async () => {
    const fake = withRoles(new FakeTransport(), grant('director', 'liuan-committee')).reply('report', 'figures', ok(FIGURES));
    const page = await openPage('pkg-director/pages/stats/index/index', fake);
    const call = fake.callsTo('report', 'figures')[0].data as { orgId: string; period: string };
    expect(call.orgId).toBe('liuan-committee');
    expect(call.period).toMatch(/^\d{4}-\d{2}$/);
    const text = visibleText(page);
    expect(text).toContain('柳岸社区人民调解委员会 · 2026年3月');
    expect(text).toContain('统计截至 3月31日 10:35');
    expect(text).toMatch(/收案\s*5/);
    expect(text).toMatch(/调解成功率\s*66.7%/);
    expect(text).toMatch(/平均办结天数\s*13.7天/);
    expect(text).toMatch(/满意度\s*4.5分（2人次）/);
    expect(text).toMatch(/邻里纠纷\s*3件/);
    expect(text).toMatch(/债务纠纷\s*1件/);
    expect(text).toMatch(/群众自行申请\s*3件/);
    expect(text).toMatch(/王主任\s*1次/);
  });

  it('counts the cases referred in by who referred them, the outcomes reported back, and the cases referred out by authority', async () => {
    const referrals = {
      ...FIGURES,
      referralsIn: { total: 3, bySource: [{ source: 'court', label: '法院委派', received: 2 }, { source: 'police', label: '公安移交', received: 1 }], feedbackSent: 1 },
      referralsOut: { total: 1, byAuthority: [{ authority: 'labour_arbitration', label: '劳动人事争议仲裁委员会', count: 1 }] },
    };
    const fake = withRoles(new FakeTransport(), grant('director', 'liuan-committee')).reply('report', 'figures', ok(referrals));
    const page = await openPage('pkg-director/pages/stats/index/index', fake);
    const text = visibleText(page);
    expect(text).toMatch(/移交调解（诉调、公调、检调、访调）\s*3/);
    expect(text).toMatch(/已回告移交单位\s*1/);
    expect(text).toMatch(/移交调解（按移交单位）\s*法院委派\s*2件\s*公安移交\s*1件/);
    expect(text).toMatch(/告知引导（按有权机关）\s*劳动人事争议仲裁委员会\s*1件/);
  });

  it('the previous month is asked for on 上月; a register is generated and opened', async () => {
    const fake = withRoles(new FakeTransport(), grant('supervisor', 'donghu-centre'))
      .reply('report', 'figures', ok(FIGURES), ok({ ...FIGURES, periodLabel: '2026年2月' }))
      .reply('report', 'register', ok({ fileID: 'cloud://local-env.local/reports/x.xlsx', url: 'http://127.0.0.1:3000/files/reports/x.xlsx', fileName: '来访登记表.xlsx', size: 3 }));
    const page = await openPage('pkg-director/pages/stats/index/index', fake);
    const first = (fake.callsTo('report', 'figures')[0].data as { period: string }).period;
    await tap(page, '#prev');
    await sleep();
    const second = fake.callsTo('report', 'figures')[1].data as { orgId: string; period: string };
    expect(second.orgId).toBe('donghu-centre');
    expect(second.period < first).toBe(true);
    expect(visibleText(page)).toContain('2026年2月');

    const wx = currentWx() as unknown as Record<string, jest.Mock>;
    wx.downloadFile = jest.fn((o: { success: (r: unknown) => void }) => o.success({ tempFilePath: '/tmp/x.xlsx', statusCode: 200 }));
    wx.openDocument = jest.fn();
    await tap(page, '#reg-visits');
    await sleep();
    expect(fake.callsTo('report', 'register')[0].data).toEqual({ orgId: 'donghu-centre', kind: 'visits', month: second.period });
    expect(wx.downloadFile).toHaveBeenCalledWith(expect.objectContaining({ url: 'http://127.0.0.1:3000/files/reports/x.xlsx' }));
    expect(wx.openDocument).toHaveBeenCalledWith(expect.objectContaining({ filePath: '/tmp/x.xlsx', fileType: 'xlsx' }));
  });

  it('the rosters of organisations and of mediators are on the page too', async () => {
    const fake = withRoles(new FakeTransport(), grant('director', 'liuan-committee'))
      .reply('report', 'figures', ok(FIGURES))
      .reply('report', 'register', ok({ fileID: 'cloud://env/generated/r.xlsx', url: 'http://127.0.0.1:3000/files/r.xlsx', fileName: '调解人员登记册.xlsx', size: 2 }));
    const page = await openPage('pkg-director/pages/stats/index/index', fake);
    expect(visibleText(page)).toContain('调解组织登记册');
    const wx = currentWx() as unknown as Record<string, jest.Mock>;
    wx.downloadFile = jest.fn((o: { success: (r: unknown) => void }) => o.success({ tempFilePath: '/tmp/r.xlsx', statusCode: 200 }));
    wx.openDocument = jest.fn();
    await tap(page, '#reg-mediators');
    await sleep();
    expect(fake.callsTo('report', 'register')[0].data).toEqual(expect.objectContaining({ orgId: 'liuan-committee', kind: 'mediators' }));
    expect(wx.openDocument).toHaveBeenCalledWith(expect.objectContaining({ filePath: '/tmp/r.xlsx', fileType: 'xlsx' }));
  });

  it('a register that cannot be generated says why, once, and can be asked for again', async () => {
    let answer: () => void = () => undefined;
    const refused = err('FORBIDDEN', '无权查看');
    const fake = withRoles(new FakeTransport(), grant('director', 'liuan-committee'))
      .reply('report', 'figures', ok(FIGURES))
      .reply('report', 'register', () => new Promise((resolve) => (answer = () => resolve(refused))), refused);
    const page = await openPage('pkg-director/pages/stats/index/index', fake);
    await tap(page, '#reg-mediation');
    expect(page.querySelector('#reg-mediation')!.instance.data.note).toBe('生成中…');
    answer();
    await sleep();
    expect(fake.callsTo('report', 'register')[0].data).toEqual(expect.objectContaining({ orgId: 'liuan-committee', kind: 'mediation' }));
    expect(currentWx().showToast).toHaveBeenCalledTimes(1);
    expect(currentWx().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '无权查看' }));
    expect(page.querySelector('#reg-mediation')!.instance.data.note).toBe('Excel');
    await tap(page, '#reg-mediation');
    await sleep();
    expect(fake.callsTo('report', 'register')).toHaveLength(2);
  });
});
