// The director's pages for the information officers' reports, against a fake transport: the brewing disputes of
// the organisation and below, registering one as a case (parties on both sides, people or organisations; consent;
// the sharing choice left to the parties), a report already converted said plainly, and who is late with the
// month's screening report.
import { FakeTransport, err, fail, ok } from './helpers/fake-transport';
import { currentWx } from './helpers/wx-stub';
import { sleep, tap, visibleText, type RenderedComponent } from './helpers/simulate';
import { grant, openPage, withRoles } from './helpers/staff-fixtures';

const DIRECTOR = grant('director', 'liuan-committee');
const LIST = 'pkg-director/pages/brewing/list/index';
const CONVERT = 'pkg-director/pages/brewing/convert/index';
const SCREENINGS = 'pkg-director/pages/screening/status/index';
const REPORT_ID = 'b00000000000000000001';
const CASE_ID = 'c00000000000000000009';

const brewing = (over: Record<string, unknown> = {}) => ({
  reportId: REPORT_ID,
  orgId: 'liuan-committee',
  orgName: '柳岸社区人民调解委员会',
  communityName: '柳岸社区',
  category: 'property',
  categoryLabel: '物业纠纷',
  risk: 'high',
  riskLabel: '高风险',
  description: '3栋业主与物业因电梯维修费争执，有人说要去堵物业办公室。',
  peopleInvolved: 12,
  officerName: '郑信息员',
  at: '2025-05-06T02:30:00.000Z',
  status: 'open',
  ...over,
});
const converted = () => brewing({ status: 'converted', caseId: CASE_ID });

describe('信息员上报 (director)', () => {
  it('lists the open reports of the organisation and below with who reported, and turns one into a case', async () => {
    const fake = withRoles(new FakeTransport(), DIRECTOR).reply('report', 'brewingReports', ok({ items: [brewing()] }), ok({ items: [converted()] }));
    const page = await openPage(LIST, fake);
    expect(fake.callsTo('report', 'brewingReports')[0].data).toEqual({ orgId: 'liuan-committee', status: 'open' });
    const text = visibleText(page);
    expect(text).toContain('柳岸社区 · 物业纠纷');
    expect(text).toContain('高风险');
    expect(text).toContain('郑信息员 · 5月6日 10:30上报 · 约12人');
    expect(text).toContain('有人说要去堵物业办公室');

    await tap(page, `#convert-${REPORT_ID}`);
    expect(currentWx().navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: `/pkg-director/pages/brewing/convert/index?id=${REPORT_ID}` }));

    // The converted ones open their case.
    await tap(page, '#tab-converted');
    await sleep();
    expect(fake.callsTo('report', 'brewingReports')[1].data).toEqual({ orgId: 'liuan-committee', status: 'converted' });
    expect(page.querySelector(`#convert-${REPORT_ID}`)).toBeFalsy();
    await tap(page, `#case-${REPORT_ID}`);
    expect(currentWx().navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: `/pkg-director/pages/case/triage/index?id=${CASE_ID}` }));

    await tap(page, '#screenings');
    expect(currentWx().navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pkg-director/pages/screening/status/index' }));
  });

  it('says when there is nothing to check, and shows a failed load with 重试', async () => {
    const empty = await openPage(LIST, withRoles(new FakeTransport(), DIRECTOR).reply('report', 'brewingReports', ok({ items: [] })));
    expect(visibleText(empty)).toContain('没有待核实的苗头纠纷');
    const failed = await openPage(LIST, withRoles(new FakeTransport(), DIRECTOR).reply('report', 'brewingReports', fail('network')));
    expect(failed.instance.data.loadState).toBe('error');
    expect(visibleText(failed)).toContain('重试');
  });

  it('the workbench leads here', async () => {
    const fake = withRoles(new FakeTransport(), DIRECTOR).reply('case', 'queue', ok({ orgId: 'liuan-committee', items: [], hasMore: false }));
    const page = await openPage('pkg-director/pages/workbench/index/index', fake);
    await tap(page, '#brewing');
    expect(currentWx().navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pkg-director/pages/brewing/list/index' }));
  });
});

describe('登记为案件', () => {
  const stepResult = { caseId: CASE_ID, caseNo: 'QF-2025-000171', status: 'registered', statusLabel: '已登记', holder: { orgId: 'liuan-committee', name: '柳岸社区人民调解委员会' }, next: { label: '分流期限', dueAt: '2025-05-08T15:59:59.999Z' }, urgent: true, emergencyNumbers: [], reportId: REPORT_ID };
  const input = async (page: RenderedComponent, side: string, index: number, field: string, value: string) => {
    page.instance.onPartyInput({ currentTarget: { dataset: { side, index, field } }, detail: { value } });
    await sleep();
  };
  /** A person applying and an organisation answering, both checked with the parties. */
  const fill = async (page: RenderedComponent) => {
    await input(page, 'applicants', 0, 'name', '吴建华');
    await input(page, 'applicants', 0, 'mobile', '13600001234');
    await tap(page, '#add-applicants');
    await input(page, 'applicants', 1, 'name', '陈美玲');
    await tap(page, '#respondents-0-organisation');
    await input(page, 'respondents', 0, 'name', '杭州某物业管理有限公司');
    await input(page, 'respondents', 0, 'representative', '周经理');
    page.instance.onWants({ detail: { value: '公开电梯维修费用明细，按户合理分摊' } });
    page.instance.onConsent({ detail: { value: true } });
    await sleep();
  };

  it('shows the report, asks for the parties on both sides, and registers it with the sharing choice the parties made', async () => {
    const fake = withRoles(new FakeTransport(), DIRECTOR).reply('report', 'brewingReports', ok({ items: [brewing()] })).reply('report', 'convertReport', ok(stepResult));
    const page = await openPage(CONVERT, fake, { id: REPORT_ID });
    expect(fake.callsTo('report', 'brewingReports')[0].data).toEqual({ orgId: 'liuan-committee' });
    expect(visibleText(page.querySelector('#report')!)).toContain('有人说要去堵物业办公室');
    // The sharing consent is the parties' own answer: nothing is chosen for them.
    expect(page.instance.data.share).toBe('');
    expect(page.querySelector('#share-yes')!.instance.data.theme).toBe('default');
    expect(page.querySelector('#share-no')!.instance.data.theme).toBe('default');

    await fill(page);
    await tap(page, '#submit');
    expect(visibleText(page.querySelector('#err-shareWithOtherOrgs')!)).toContain('请询问当事人是否同意');
    expect(fake.callsTo('report', 'convertReport')).toHaveLength(0);

    await tap(page, '#share-no');
    await tap(page, '#submit');
    await sleep();
    const sent = fake.callsTo('report', 'convertReport');
    expect(sent).toHaveLength(1);
    expect(sent[0].data).toEqual({
      reportId: REPORT_ID,
      applicants: [{ kind: 'person', name: '吴建华', mobile: '13600001234' }, { kind: 'person', name: '陈美玲' }],
      respondents: [{ kind: 'organisation', name: '杭州某物业管理有限公司', representative: '周经理' }],
      wants: '公开电梯维修费用明细，按户合理分摊',
      visitorConsent: true,
      shareWithOtherOrgs: false,
    });
    const done = visibleText(page.querySelector('#done')!);
    expect(done).toContain('QF-2025-000171');
    expect(done).toContain('分流期限：5月8日 23:59前');
    expect(done).toContain('情况紧急');
    await tap(page, '#open-case');
    expect(currentWx().redirectTo).toHaveBeenCalledWith(expect.objectContaining({ url: `/pkg-director/pages/case/triage/index?id=${CASE_ID}` }));
  });

  it("checks each party before sending (a name, a valid number, an organisation's representative) and the consent", async () => {
    const fake = withRoles(new FakeTransport(), DIRECTOR).reply('report', 'brewingReports', ok({ items: [brewing()] }));
    const page = await openPage(CONVERT, fake, { id: REPORT_ID });
    await input(page, 'applicants', 0, 'mobile', '1360000');
    await tap(page, '#respondents-0-organisation');
    await input(page, 'respondents', 0, 'name', '某物业公司');
    await tap(page, '#share-yes');
    await tap(page, '#submit');
    expect(visibleText(page.querySelector('#err-applicants-0-name')!)).toBe('请填写姓名');
    expect(visibleText(page.querySelector('#err-applicants-0-mobile')!)).toContain('11 位手机号码');
    expect(visibleText(page.querySelector('#err-respondents-0-representative')!)).toBe('请填写单位的法定代表人或负责人');
    expect(visibleText(page.querySelector('#err-visitorConsent')!)).toContain('取得其同意');
    expect(fake.callsTo('report', 'convertReport')).toHaveLength(0);
    // One party stays on each side.
    expect(page.querySelector('#applicants-0-remove')).toBeFalsy();
  });

  it("places the server's field messages under the party they concern", async () => {
    const fake = withRoles(new FakeTransport(), DIRECTOR)
      .reply('report', 'brewingReports', ok({ items: [brewing()] }))
      .reply('report', 'convertReport', err('VALIDATION_FAILED', '填写的信息有误', { 'respondents.0.name': '姓名或名称不超过 40 个字' }));
    const page = await openPage(CONVERT, fake, { id: REPORT_ID });
    await fill(page);
    await tap(page, '#share-yes');
    await tap(page, '#submit');
    await sleep();
    expect(visibleText(page.querySelector('#err-respondents-0-name')!)).toBe('姓名或名称不超过 40 个字');
    expect(visibleText(page.querySelector('#err-parties')!)).toBe('请按提示修改当事人信息');
  });

  it('a report already converted (by another director meanwhile) is said plainly and leads to its case', async () => {
    const fake = withRoles(new FakeTransport(), DIRECTOR)
      .reply('report', 'brewingReports', ok({ items: [brewing()] }), ok({ items: [converted()] }))
      .reply('report', 'convertReport', err('ALREADY_CONVERTED', '该报告已转为案件'));
    const page = await openPage(CONVERT, fake, { id: REPORT_ID });
    await fill(page);
    await tap(page, '#share-yes');
    await tap(page, '#submit');
    await sleep();
    expect(visibleText(page.querySelector('#already-converted')!)).toBe('该报告已转为案件，不能重复登记。');
    expect(page.querySelector('#submit')).toBeFalsy();
    await tap(page, '#open-converted');
    expect(currentWx().redirectTo).toHaveBeenCalledWith(expect.objectContaining({ url: `/pkg-director/pages/case/triage/index?id=${CASE_ID}` }));
  });

  it('a report outside the organisation, or a failed load, shows an error with 重试', async () => {
    const missing = await openPage(CONVERT, withRoles(new FakeTransport(), DIRECTOR).reply('report', 'brewingReports', ok({ items: [] })), { id: REPORT_ID });
    expect(visibleText(missing)).toContain('没有找到这份报告');
    expect(missing.querySelector('#submit')).toBeFalsy();
    const failed = await openPage(CONVERT, withRoles(new FakeTransport(), DIRECTOR).reply('report', 'brewingReports', fail('network')), { id: REPORT_ID });
    expect(failed.instance.data.loadState).toBe('error');
  });
});

describe('排查月报报送情况', () => {
  const answer = {
    orgId: 'liuan-committee',
    month: '2025-05',
    dueAt: '2025-05-31T15:59:59.999Z',
    filed: [
      { userId: 'o1', name: '郑信息员', orgName: '柳岸社区人民调解委员会', filedAt: '2025-05-03T01:00:00.000Z', filedOn: '2025-05-03', zero: true, total: 0, late: false },
      { userId: 'o2', name: '钱网格员', orgName: '望江社区人民调解委员会', filedAt: '2025-05-05T01:00:00.000Z', filedOn: '2025-05-05', zero: false, total: 2, late: false },
    ],
    missing: [{ userId: 'o3', name: '孙网格员', orgId: 'wangjiang-committee', orgName: '望江社区人民调解委员会', state: 'pending', dueAt: '2025-05-31T15:59:59.999Z' }],
  };

  it('shows who filed (zero reports too), who has not yet, and who is late, month by month', async () => {
    const lastMonth = { ...answer, month: '2025-04', dueAt: '2025-04-30T15:59:59.999Z', filed: [], missing: [{ ...answer.missing[0], state: 'late', dueAt: '2025-04-30T15:59:59.999Z' }] };
    const fake = withRoles(new FakeTransport(), DIRECTOR).reply('report', 'lateReports', ok(answer), ok(lastMonth));
    const page = await openPage(SCREENINGS, fake);
    expect((fake.callsTo('report', 'lateReports')[0].data as { orgId: string }).orgId).toBe('liuan-committee');
    expect(visibleText(page.querySelector('#total-filed')!)).toBe('2');
    expect(visibleText(page.querySelector('#total-pending')!)).toBe('1');
    expect(visibleText(page.querySelector('#total-late')!)).toBe('0');
    const text = visibleText(page);
    expect(text).toContain('郑信息员 · 柳岸社区人民调解委员会');
    expect(text).toContain('零报告');
    expect(text).toContain('发现 2 件');
    expect(text).toContain('孙网格员 · 望江社区人民调解委员会');
    expect(text).toContain('应在 5月31日 23:59 前报送');

    await tap(page, '#prev');
    await sleep();
    expect(visibleText(page.querySelector('#total-late')!)).toBe('1');
    expect(visibleText(page)).toContain('逾期未报孙网格员 · 望江社区人民调解委员会逾期未报');
  });

  it('says when there are no officers, and shows a failed load with 重试', async () => {
    const empty = await openPage(SCREENINGS, withRoles(new FakeTransport(), DIRECTOR).reply('report', 'lateReports', ok({ ...answer, filed: [], missing: [] })));
    expect(visibleText(empty)).toContain('本单位及下级还没有信息员');
    const failed = await openPage(SCREENINGS, withRoles(new FakeTransport(), DIRECTOR).reply('report', 'lateReports', fail('network')));
    expect(failed.instance.data.loadState).toBe('error');
  });
});
