// 典型案例: the director writes one up and the server's refusal of personal data is shown at its field; residents
// read the published ones by category, opened from their case page's legal guidance.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeTransport, err, ok } from './helpers/fake-transport';
import { currentWx } from './helpers/wx-stub';
import { sleep, tap, visibleText, type RenderedComponent } from './helpers/simulate';
import { grant, openPage, withRoles, DIRECTORY } from './helpers/staff-fixtures';
import type { TypicalCase } from '../../miniprogram/services/types';
import { partyView, CASE_ID } from './helpers/resident-fixtures';

const DIRECTOR = grant('director', 'liuan-committee');
const PUBLISH = 'pkg-director/pages/typical/publish/index';
const LIST = 'pkg-resident/pages/typical/list/index';
const text = (p: RenderedComponent, sel: string) => visibleText(p.querySelector(sel)!);
const input = (page: RenderedComponent, field: string, value: string) => page.instance.onInput({ currentTarget: { dataset: { field } }, detail: { value } } as never);

const CASE: TypicalCase = {
  typicalId: 't0123456789abcdef0123',
  orgId: 'liuan-committee',
  orgName: '柳岸社区人民调解委员会',
  category: 'neighbourhood',
  categoryLabel: '邻里纠纷',
  title: '楼上漏水引发的邻里纠纷',
  happened: '某小区楼上住户卫生间漏水，楼下住户吊顶受损，双方多次协商未果。',
  howMediated: '调解员到现场查看，分别听取双方意见，讲解相邻关系的法律规定。',
  result: '楼上住户赔偿维修费并修好防水，双方握手言和。',
  publishedAt: '2025-05-20T02:00:00.000Z',
};

describe('发布典型案例 (director)', () => {
  it('says what must not be written; a party’s name is refused at its field; corrected, it is published', async () => {
    const fake = withRoles(new FakeTransport(), DIRECTOR)
      .reply('org', 'directory', ok(DIRECTORY))
      .reply('org', 'typicalCases', ok({ items: [], hasMore: false }))
      .reply(
        'org',
        'publishTypical',
        err('PERSONAL_DATA_IN_TEXT', '调解过程中有当事人的姓名，请改用“张某”“李某”等称呼', { howMediated: '调解过程中有当事人的姓名，请改用“张某”“李某”等称呼' }),
        ok(CASE),
      );
    const page = await openPage(PUBLISH, fake, { caseId: CASE_ID, caseNo: 'QF-2025-000123' });
    expect(text(page, '#from-case')).toBe('依据案件：QF-2025-000123');
    expect(text(page, '#rules')).toContain('请不要写本案当事人的姓名');

    await tap(page, '#submit');
    expect(text(page, '#err-category')).toBe('请选择纠纷类型');
    expect(fake.callsTo('org', 'publishTypical')).toHaveLength(0);

    await tap(page, '#category-neighbourhood');
    input(page, 'title', CASE.title);
    input(page, 'happened', CASE.happened);
    input(page, 'howMediated', '调解员请张阿姨和对方坐下来慢慢谈，讲解相邻关系的法律规定。');
    input(page, 'result', CASE.result);
    await tap(page, '#submit');
    await sleep();
    expect(text(page, '#err-howMediated')).toBe('调解过程中有当事人的姓名，请改用“张某”“李某”等称呼');

    input(page, 'howMediated', CASE.howMediated);
    await tap(page, '#submit');
    await sleep();
    expect(fake.callsTo('org', 'publishTypical')[1].data).toEqual({ orgId: 'liuan-committee', caseId: CASE_ID, category: 'neighbourhood', title: CASE.title, happened: CASE.happened, howMediated: CASE.howMediated, result: CASE.result });
    expect(text(page, '#done')).toContain('邻里纠纷 · 楼上漏水引发的邻里纠纷');
  });
});

describe('发布典型案例, opened without a case', () => {
  it('says a typical case is written from a closed case and where to start, with no form to fill in', async () => {
    const fake = withRoles(new FakeTransport(), DIRECTOR).reply('org', 'directory', ok(DIRECTORY)).reply('org', 'typicalCases', ok({ items: [], hasMore: false }));
    const page = await openPage(PUBLISH, fake);
    expect(text(page, '#pick-case')).toContain('电子卷宗');
    expect(text(page, '#pick-case')).toContain('写成典型案例');
    expect(page.querySelector('#submit')).toBeFalsy();
    expect(fake.callsTo('org', 'publishTypical')).toHaveLength(0);
    expect(text(page, '#mine-empty')).toBe('还没有发布过典型案例。');
  });
});

describe('本单位已发布的典型案例 (director)', () => {
  const REVISED: TypicalCase = { ...CASE, title: '楼上漏水引发的邻里纠纷（修订）', revisedAt: '2025-05-21T03:00:00.000Z' };

  it('lists the organisation’s cases; 修改 fills the form, a refusal lands at its field, the revision is saved and listed', async () => {
    const fake = withRoles(new FakeTransport(), DIRECTOR)
      .reply('org', 'directory', ok(DIRECTORY))
      .reply('org', 'typicalCases', ok({ items: [CASE], hasMore: false }), ok({ items: [REVISED], hasMore: false }))
      .reply(
        'org',
        'reviseTypical',
        err('PERSONAL_DATA_IN_TEXT', '调解结果中有电话号码或身份证号码，请删去', { result: '调解结果中有电话号码或身份证号码，请删去' }),
        ok(REVISED),
      );
    const page = await openPage(PUBLISH, fake);
    expect(fake.callsTo('org', 'typicalCases')[0].data).toEqual({ orgId: 'liuan-committee' });
    expect(text(page, `#typical-${CASE.typicalId}`)).toContain('楼上漏水引发的邻里纠纷');
    expect(text(page, `#typical-${CASE.typicalId}`)).toContain('邻里纠纷 · 发布于 5月20日 10:00');

    await tap(page, `#revise-${CASE.typicalId}`);
    expect(text(page, '#editing')).toContain('修改典型案例');
    expect(page.querySelector('#mine')).toBeFalsy();
    expect(page.instance.data.form).toEqual({ category: 'neighbourhood', title: CASE.title, happened: CASE.happened, howMediated: CASE.howMediated, result: CASE.result });

    input(page, 'result', `${CASE.result}电话13812345678`);
    await tap(page, '#submit');
    await sleep();
    expect(text(page, '#err-result')).toBe('调解结果中有电话号码或身份证号码，请删去');

    input(page, 'title', REVISED.title);
    input(page, 'result', CASE.result);
    await tap(page, '#submit');
    await sleep();
    expect(fake.callsTo('org', 'reviseTypical')[1].data).toEqual({ typicalId: CASE.typicalId, category: 'neighbourhood', title: REVISED.title, happened: CASE.happened, howMediated: CASE.howMediated, result: CASE.result });
    expect(page.querySelector('#editing')).toBeFalsy();
    expect(text(page, `#typical-${CASE.typicalId}`)).toContain('楼上漏水引发的邻里纠纷（修订）');
    expect(text(page, `#typical-${CASE.typicalId}`)).toContain('修改于 5月21日 11:00');
  });

  it('撤回 asks why in a confirming dialog: cancelled or without a reason nothing is sent; withdrawn, the case is gone', async () => {
    const fake = withRoles(new FakeTransport(), DIRECTOR)
      .reply('org', 'directory', ok(DIRECTORY))
      .reply('org', 'typicalCases', ok({ items: [CASE], hasMore: false }), ok({ items: [], hasMore: false }))
      .reply('org', 'withdrawTypical', ok({ typicalId: CASE.typicalId, withdrawnAt: '2025-05-22T02:00:00.000Z' }));
    const page = await openPage(PUBLISH, fake);
    const wx = currentWx();
    wx.showModal.mockImplementationOnce((o: any) => o.success({ confirm: false, cancel: true }));
    await tap(page, `#withdraw-${CASE.typicalId}`);
    wx.showModal.mockImplementationOnce((o: any) => o.success({ confirm: true, content: ' ' }));
    await tap(page, `#withdraw-${CASE.typicalId}`);
    expect(wx.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请填写撤回理由' }));
    expect(fake.callsTo('org', 'withdrawTypical')).toHaveLength(0);

    wx.showModal.mockImplementationOnce((o: any) => o.success({ confirm: true, content: '案情需要重新核实' }));
    await tap(page, `#withdraw-${CASE.typicalId}`);
    await sleep();
    expect(wx.showModal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '撤回“楼上漏水引发的邻里纠纷”？撤回后居民将看不到', editable: true, confirmText: '撤回' }));
    expect(fake.callsTo('org', 'withdrawTypical').map((c) => c.data)).toEqual([{ typicalId: CASE.typicalId, reason: '案情需要重新核实' }]);
    expect(page.querySelector(`#typical-${CASE.typicalId}`)).toBeFalsy();
    expect(text(page, '#mine-empty')).toBe('还没有发布过典型案例。');
  });
});

describe('本单位已发布的典型案例: paging (director)', () => {
  const many = (from: number, n: number): TypicalCase[] =>
    Array.from({ length: n }, (_, i) => ({ ...CASE, typicalId: `t${String(from + i).padStart(20, '0')}`, title: `典型案例第${from + i}篇` }));

  it('loads the next 20 on reaching the bottom, never twice at once, each revisable, and says when there is no more', async () => {
    let answer!: (v: unknown) => void;
    const fake = withRoles(new FakeTransport(), DIRECTOR)
      .reply('org', 'directory', ok(DIRECTORY))
      .reply('org', 'typicalCases', ok({ items: many(1, 20), hasMore: true }), () => new Promise((r) => (answer = r)) as never);
    const page = await openPage(PUBLISH, fake);
    expect(page.instance.data.mine).toHaveLength(20);
    expect(visibleText(page)).not.toContain('只列出最近发布的 20 篇');

    const a = page.instance.onReachBottom();
    const b = page.instance.onReachBottom(); // scrolling on while it loads
    expect(text(page, '#mine-more')).toContain('加载中');
    // One published meanwhile pushed the 20th onto the next page: it is not listed twice.
    answer(ok({ items: many(20, 6), hasMore: false }));
    await Promise.all([a, b]);
    await sleep();
    expect(fake.callsTo('org', 'typicalCases').map((c) => c.data)).toEqual([{ orgId: 'liuan-committee' }, { orgId: 'liuan-committee', page: 1 }]);
    expect(page.instance.data.mine).toHaveLength(25);
    expect(text(page, '#mine-more')).toBe('没有更多了');
    await page.instance.onReachBottom();
    expect(fake.callsTo('org', 'typicalCases')).toHaveLength(2);

    // A case from the second page is revised like any other: the form holds its texts.
    const later = many(25, 1)[0];
    await tap(page, `#revise-${later.typicalId}`);
    expect(page.instance.data.form).toMatchObject({ title: '典型案例第25篇' });
  });

  it('is titled 典型案例: it lists, revises and withdraws as well as publishes', () => {
    const json = JSON.parse(readFileSync(join(__dirname, '../../miniprogram', `${PUBLISH}.json`), 'utf8')) as { navigationBarTitleText: string; onReachBottomDistance?: number };
    expect(json.navigationBarTitleText).toBe('典型案例');
  });
});

describe('典型案例 (residents)', () => {
  it('lists the category the case page opened it with, and another category on tapping it', async () => {
    const fake = new FakeTransport().reply('org', 'typicalCases', ok({ items: [CASE], hasMore: false }), ok({ items: [], hasMore: false }));
    const page = await openPage(LIST, fake, { category: 'neighbourhood' });
    expect(fake.callsTo('org', 'typicalCases')[0].data).toEqual({ category: 'neighbourhood' });
    const card = text(page, `#case-${CASE.typicalId}`);
    expect(card).toContain('楼上漏水引发的邻里纠纷');
    expect(card).toContain('邻里纠纷 · 柳岸社区人民调解委员会');
    expect(card).toContain('调解过程');
    expect(card).toContain('双方握手言和');

    await tap(page, '#category-debt');
    await sleep();
    expect(fake.callsTo('org', 'typicalCases')[1].data).toEqual({ category: 'debt' });
    expect(visibleText(page)).toContain('这一类还没有发布典型案例');
  });

  it('the case page’s guidance leads to the typical cases of the same category', async () => {
    const fake = new FakeTransport().reply('case', 'get', ok(partyView({ category: 'neighbourhood', guidance: '邻里之间……（《民法典》第二百八十八条）。需要法律咨询或法律援助，可拨打12348公共法律服务热线。' })));
    const page = await openPage('pkg-resident/pages/case/detail/index', fake, { id: CASE_ID });
    await tap(page, '#open-typical');
    expect(currentWx().navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pkg-resident/pages/typical/list/index?category=neighbourhood' }));
  });
});
