// The information officer's pages against a fake transport: the workbench with their own reports and where each
// stands, the month's screening report (a zero report in one tap, findings by category with counts and a note,
// filed / still to come / late, a month already filed said plainly), reporting a brewing dispute, and the way in
// from 我的.
import { FakeTransport, err, fail, ok } from './helpers/fake-transport';
import { currentWx } from './helpers/wx-stub';
import { loadPage, mp, sleep, tap, visibleText } from './helpers/simulate';
import { useFakeTransport } from './helpers/fake-transport';
import { DIRECTORY, grant, openPage, withRoles } from './helpers/staff-fixtures';

const OFFICER = grant('officer', 'liuan-committee');
const WORKBENCH = 'pkg-officer/pages/workbench/index/index';
const SCREENING = 'pkg-officer/pages/screening/monthly/index';
const BREWING = 'pkg-officer/pages/brewing/report/index';

const brewing = (id: string, over: Record<string, unknown> = {}) => ({
  reportId: `b${id.padStart(20, '0')}`,
  orgId: 'liuan-committee',
  orgName: '柳岸社区人民调解委员会',
  communityName: '柳岸社区',
  category: 'property',
  categoryLabel: '物业纠纷',
  risk: 'medium',
  riskLabel: '中风险',
  description: '3栋业主因电梯维修费分摊与物业争执，情绪较大。',
  peopleInvolved: 12,
  officerName: '郑信息员',
  at: '2025-05-06T02:30:00.000Z',
  status: 'open',
  ...over,
});

/** The month the page opens on: this month, China time, as the page computes it. */
const thisMonth = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
const screening = (over: Record<string, unknown> = {}) => ({
  orgId: 'liuan-committee',
  orgName: '柳岸社区人民调解委员会',
  month: thisMonth(),
  dueAt: '2025-05-31T15:59:59.999Z',
  state: 'pending',
  ...over,
});
const filed = (over: Record<string, unknown> = {}) => ({
  screeningId: 's00000000000000000001',
  month: thisMonth(),
  zero: true,
  total: 0,
  late: false,
  filedAt: '2025-05-07T02:00:00.000Z',
  findings: [],
  notes: '',
  ...over,
});
const receipt = (over: Record<string, unknown> = {}) => {
  const { findings: _f, notes: _n, ...rest } = filed(over);
  return rest;
};

describe('信息员工作台', () => {
  it("lists the officer's own reports with where each stands, and leads to the screening report and a new report", async () => {
    const fake = withRoles(new FakeTransport(), OFFICER).reply(
      'report',
      'brewingReports',
      ok({ items: [brewing('2', { risk: 'high', riskLabel: '高风险', status: 'converted', caseId: 'c00000000000000000009' }), brewing('1')] }),
    );
    const page = await openPage(WORKBENCH, fake);
    // An officer's own reports: no organisation asked for.
    expect(fake.callsTo('report', 'brewingReports')[0].data).toEqual({});
    const text = visibleText(page);
    expect(text).toContain('柳岸社区 · 物业纠纷');
    expect(text).toContain('已转为案件');
    expect(text).toContain('待主任核实');
    expect(text).toContain('高风险 · 5月6日 10:30上报 · 约12人');
    expect(text).toContain('3栋业主因电梯维修费分摊与物业争执');

    await tap(page, '#screening');
    expect(currentWx().navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pkg-officer/pages/screening/monthly/index' }));
    await tap(page, '#report');
    expect(currentWx().navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pkg-officer/pages/brewing/report/index' }));
  });

  it('with no report yet says so and still offers both actions; a failed load offers 重试', async () => {
    const empty = await openPage(WORKBENCH, withRoles(new FakeTransport(), OFFICER).reply('report', 'brewingReports', ok({ items: [] })));
    expect(visibleText(empty)).toContain('还没有上报过苗头纠纷');
    expect(empty.querySelector('#screening')).toBeTruthy();
    expect(empty.querySelector('#report')).toBeTruthy();

    const fake = withRoles(new FakeTransport(), OFFICER).reply('report', 'brewingReports', fail('network'), fail('network'), fail('network'), fail('network'), ok({ items: [brewing('1')] }));
    const page = await openPage(WORKBENCH, fake);
    expect(visibleText(page)).toContain('重试');
    await page.instance.reload();
    await sleep();
    expect(visibleText(page)).toContain('柳岸社区 · 物业纠纷');
  });

  it('我的 lists the officer identity and opens this workbench', async () => {
    const fake = withRoles(new FakeTransport(), OFFICER).reply('org', 'directory', ok(DIRECTORY));
    const page = loadPage('pages/me/index/index', { before: () => useFakeTransport(fake) });
    await sleep();
    await sleep();
    expect(visibleText(page)).toContain('信息员 · 柳岸社区人民调解委员会');
    await tap(page.querySelector('#roles')!, '#role-officer-liuan-committee');
    expect(currentWx().navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pkg-officer/pages/workbench/index/index' }));
  });
});

describe('排查月报', () => {
  it('opens on this month, says it is still to come and by when, and files a zero report in one tap', async () => {
    const fake = withRoles(new FakeTransport(), OFFICER)
      .reply('report', 'myScreening', ok(screening()), ok(screening({ state: 'filed', filed: filed() })))
      .reply('report', 'submitScreening', ok(receipt()));
    const page = await openPage(SCREENING, fake);
    expect(fake.callsTo('report', 'myScreening')[0].data).toEqual({ orgId: 'liuan-committee', month: thisMonth() });
    expect(visibleText(page.querySelector('#state-text')!)).toBe('尚未报送，请在 5月31日 23:59 前报送');
    expect(visibleText(page.querySelector('#choose')!)).toMatch(/^本月排查结果本月无矛盾纠纷（零报告）/);
    // A month to come cannot be chosen.
    expect(page.querySelector('#next')!.instance.data.disabled).toBe(true);

    await tap(page, '#zero');
    await sleep();
    const sent = fake.callsTo('report', 'submitScreening');
    expect(sent).toHaveLength(1);
    expect(sent[0].data).toEqual({ month: thisMonth(), orgId: 'liuan-committee', findings: [] });
    expect(sent[0].requestId).toBeTruthy();
    expect(currentWx().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已报送零报告' }));
    expect(visibleText(page.querySelector('#state-text')!)).toBe('已报送：零报告（未发现矛盾纠纷），5月7日 10:00');
    expect(page.querySelector('#zero')).toBeFalsy();
  });

  it('files findings by category with counts and a note; nothing chosen is refused on the page', async () => {
    const fake = withRoles(new FakeTransport(), OFFICER)
      .reply('report', 'myScreening', ok(screening()), ok(screening({ state: 'filed', filed: filed({ zero: false, total: 3, findings: [{ category: 'debt', categoryLabel: '债务纠纷', count: 1 }, { category: 'neighbourhood', categoryLabel: '邻里纠纷', count: 2 }], notes: '已告知社区调委会' }) })))
      .reply('report', 'submitScreening', ok(receipt({ zero: false, total: 3 })));
    const page = await openPage(SCREENING, fake);
    await tap(page, '#open-findings');
    await tap(page, '#submit-findings');
    expect(visibleText(page.querySelector('#err-findings')!)).toContain('请选择发现的纠纷类型');
    expect(fake.callsTo('report', 'submitScreening')).toHaveLength(0);

    await tap(page, '#category-neighbourhood');
    await tap(page, '#category-debt');
    await tap(page, '#plus-neighbourhood');
    await tap(page, '#plus-neighbourhood');
    await tap(page, '#minus-neighbourhood');
    expect(visibleText(page.querySelector('#count-value-neighbourhood')!)).toBe('2 件');
    // A count never goes below one: to drop a category, tap it again.
    expect(page.querySelector('#minus-debt')!.instance.data.disabled).toBe(true);
    page.instance.onNotes({ detail: { value: ' 已告知社区调委会 ' } });
    await tap(page, '#submit-findings');
    await sleep();
    expect(fake.callsTo('report', 'submitScreening')[0].data).toEqual({
      month: thisMonth(),
      orgId: 'liuan-committee',
      findings: [{ category: 'neighbourhood', count: 2 }, { category: 'debt', count: 1 }],
      notes: '已告知社区调委会',
    });
    const text = visibleText(page);
    expect(text).toContain('已报送：发现矛盾纠纷 3 件');
    expect(text).toContain('邻里纠纷：2 件');
    expect(text).toContain('说明：已告知社区调委会');
  });

  it('a past month never filed is late, says so, and may still be filed', async () => {
    const fake = withRoles(new FakeTransport(), OFFICER).reply('report', 'myScreening', ok(screening()), ok(screening({ month: '2025-04', dueAt: '2025-04-30T15:59:59.999Z', state: 'late' })));
    const page = await openPage(SCREENING, fake);
    await tap(page, '#prev');
    await sleep();
    const asked = fake.callsTo('report', 'myScreening')[1].data as { month: string };
    expect(asked.month < thisMonth()).toBe(true);
    expect(visibleText(page.querySelector('#state-text')!)).toBe('逾期未报：应在 4月30日 23:59 前报送，现在仍可补报');
    // The buttons name that month, not 本月.
    expect(visibleText(page.querySelector('#choose')!)).toMatch(/^\d{1,2}月排查结果\d{1,2}月无矛盾纠纷（零报告）/);
    expect(page.querySelector('#next')!.instance.data.disabled).toBe(false);
  });

  it('a month already filed (from another phone) is said plainly and shown as filed', async () => {
    const fake = withRoles(new FakeTransport(), OFFICER)
      .reply('report', 'myScreening', ok(screening()), ok(screening({ state: 'filed', filed: filed({ filedAt: '2025-05-03T01:00:00.000Z' }) })))
      .reply('report', 'submitScreening', err('ALREADY_FILED', '2025年5月的排查情况已经报送'));
    const page = await openPage(SCREENING, fake);
    await tap(page, '#zero');
    await sleep();
    expect(visibleText(page.querySelector('#already-filed')!)).toBe('2025年5月的排查情况已经报送，不能重复报送。以下是已报送的内容。');
    expect(visibleText(page.querySelector('#state-text')!)).toContain('已报送：零报告');
    expect(currentWx().showToast).not.toHaveBeenCalled();
  });

  it('a lost answer is retried as the same report (one request id)', async () => {
    const fake = withRoles(new FakeTransport(), OFFICER)
      .reply('report', 'myScreening', ok(screening()))
      .reply('report', 'submitScreening', fail('network'), fail('network'), fail('network'), fail('network'), ok(receipt()));
    const page = await openPage(SCREENING, fake);
    await tap(page, '#zero');
    await sleep();
    expect(currentWx().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '网络不佳，请稍后重试' }));
    await tap(page, '#zero');
    await sleep();
    const ids = fake.callsTo('report', 'submitScreening').map((c) => c.requestId);
    expect(ids).toHaveLength(5);
    expect(new Set(ids).size).toBe(1);
  });

  it('a failed load shows the error with 重试', async () => {
    const page = await openPage(SCREENING, withRoles(new FakeTransport(), OFFICER).reply('report', 'myScreening', err('FORBIDDEN', '')));
    expect(page.instance.data.loadState).toBe('error');
    expect(visibleText(page)).toContain('重试');
    expect(page.querySelector('#zero')).toBeFalsy();
  });
});

describe('上报苗头纠纷', () => {
  const fill = async (page: ReturnType<typeof loadPage>) => {
    await tap(page, '#community-liuan');
    await tap(page, '#category-property');
    await tap(page, '#risk-high');
    page.instance.onInput({ currentTarget: { dataset: { field: 'description' } }, detail: { value: '3栋业主与物业因电梯维修费争执，有人说要去堵物业办公室。' } });
    page.instance.onInput({ currentTarget: { dataset: { field: 'peopleInvolved' } }, detail: { value: '12' } });
    await sleep();
  };

  it("offers the communities of the officer's committee and the three risk levels in plain words", async () => {
    const page = await openPage(BREWING, withRoles(new FakeTransport(), OFFICER).reply('org', 'directory', ok(DIRECTORY)));
    const text = visibleText(page);
    expect(page.querySelector('#community-liuan')).toBeTruthy();
    expect(page.querySelector('#community-wangjiang')).toBeFalsy();
    expect(text).toContain('低风险');
    expect(text).toContain('一般口角、小摩擦，双方还能沟通');
    expect(text).toContain('中风险');
    expect(text).toContain('高风险');
    expect(text).toContain('有人扬言动手、伤害自己，或有多人聚集');
  });

  it('checks the report before sending, then sends it once and says what happens next', async () => {
    const fake = withRoles(new FakeTransport(), OFFICER)
      .reply('org', 'directory', ok(DIRECTORY))
      .reply('report', 'reportBrewing', ok({ reportId: 'b00000000000000000001', risk: 'high', riskLabel: '高风险', status: 'open', at: '2025-05-07T02:00:00.000Z' }));
    const page = await openPage(BREWING, fake);
    await tap(page, '#submit');
    for (const field of ['communityId', 'category', 'risk', 'description']) expect(page.querySelector(`#err-${field}`)).toBeTruthy();
    expect(fake.callsTo('report', 'reportBrewing')).toHaveLength(0);

    await fill(page);
    expect(page.querySelector('#high-hint')).toBeTruthy();
    await tap(page, '#submit');
    await sleep();
    expect(fake.callsTo('report', 'reportBrewing')[0].data).toEqual({
      orgId: 'liuan-committee',
      communityId: 'liuan',
      category: 'property',
      risk: 'high',
      description: '3栋业主与物业因电梯维修费争执，有人说要去堵物业办公室。',
      peopleInvolved: 12,
    });
    const done = visibleText(page.querySelector('#done')!);
    expect(done).toContain('已上报');
    expect(done).toContain('风险等级：高风险');
    expect(done).toContain('如有人身危险，请立即拨打 110');
    await tap(page, '#another');
    expect(page.querySelector('#submit')).toBeTruthy();
    expect(page.instance.data.form.description).toBe('');
  });

  it("puts the server's field messages beside the fields", async () => {
    const fake = withRoles(new FakeTransport(), OFFICER)
      .reply('org', 'directory', ok(DIRECTORY))
      .reply('report', 'reportBrewing', err('VALIDATION_FAILED', '填写的信息有误', { description: '请至少用五个字说明苗头情况' }));
    const page = await openPage(BREWING, fake);
    await fill(page);
    await tap(page, '#submit');
    await sleep();
    expect(visibleText(page.querySelector('#err-description')!)).toBe('请至少用五个字说明苗头情况');
  });

  it('a failed load shows the error with 重试', async () => {
    const page = await openPage(BREWING, withRoles(new FakeTransport(), OFFICER).reply('org', 'directory', fail('network')));
    expect(page.instance.data.loadState).toBe('error');
    expect(page.querySelector('#submit')).toBeFalsy();
  });
});

// The screening page computes "this month" itself; mp() keeps the import inside the page's module registry.
it('months are counted in China time', () => {
  const months = mp<typeof import('../../miniprogram/utils/months')>('utils/months');
  expect(months.thisMonth(Date.UTC(2025, 3, 30, 16, 0))).toBe('2025-05');
  expect(months.shiftMonth('2025-01', -1)).toBe('2024-12');
  expect(months.monthLabel('2025-05')).toBe('2025年5月');
});
