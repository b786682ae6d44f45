import { FakeTransport, err, fail, ok, useFakeTransport } from '../helpers/fake-transport';
import { currentWx } from '../helpers/wx-stub';
import { loadPage, sleep, tap, visibleText } from '../helpers/simulate';

const row = (id: string, categoryLabel: string) => ({
  caseId: `c${id}`,
  caseNo: `JA-2025-${id}`,
  categoryLabel,
  statusLabel: '调解中',
  holderName: '东湖社区人民调解委员会',
  urgent: false,
  registeredAt: '2025-05-01T08:00:00.000Z',
});

function open(fake: FakeTransport) {
  const page = loadPage('pages/cases/index/index', { before: () => useFakeTransport(fake) });
  page.instance.onShow();
  return page;
}

describe('我的案件 opened from a subscribe message', () => {
  it('opens the case the notice is about and marks the notice read', async () => {
    const notice = '0123456789abcdef0123456789abcdef';
    const fake = new FakeTransport().reply('case', 'mine', ok({ items: [], hasMore: false })).reply('user', 'markRead', ok({ marked: 1, unread: 0 }));
    const page = loadPage('pages/cases/index/index', { before: () => useFakeTransport(fake) });
    page.instance.onLoad({ caseId: 'c0123456789abcdef0123', notice });
    await sleep();
    expect(currentWx().navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pkg-resident/pages/case/detail/index?id=c0123456789abcdef0123' }));
    expect(fake.callsTo('user', 'markRead').map((c) => c.data)).toEqual([{ ids: [notice] }]);
  });

  it('a link without a valid notice id opens the case and marks nothing', async () => {
    const fake = new FakeTransport().reply('case', 'mine', ok({ items: [], hasMore: false }));
    const page = loadPage('pages/cases/index/index', { before: () => useFakeTransport(fake) });
    page.instance.onLoad({ caseId: 'c0123456789abcdef0123', notice: 'x' });
    await sleep();
    expect(currentWx().navigateTo).toHaveBeenCalledTimes(1);
    expect(fake.callsTo('user', 'markRead')).toHaveLength(0);
  });
});

describe('我的案件 (what happens next)', () => {
  it('each case says what happens next in one sentence; one waiting on the caller says 需要您办理, not a grey status', async () => {
    const asked = { ...row('1', '邻里纠纷'), statusLabel: '等待答复是否同意调解', nextStep: { step: 'respondent_reply' as const, text: '请您在5月9日前答复是否同意调解', mine: true } };
    const waiting = { ...row('2', '物业纠纷'), statusLabel: '等待受理', nextStep: { step: 'triage' as const, text: '东湖社区人民调解委员会将在5月6日前决定是否受理', mine: false } };
    const page = open(new FakeTransport().reply('case', 'mine', ok({ items: [asked, waiting], hasMore: false })));
    await sleep();
    const first = visibleText(page.querySelector('#case-c1')!);
    expect(first).toContain('请您在5月9日前答复是否同意调解');
    expect(first).toContain('需要您办理');
    expect(first).toContain('等待答复是否同意调解 · 案件编号 JA-2025-1');
    const second = visibleText(page.querySelector('#case-c2')!);
    expect(second).toContain('东湖社区人民调解委员会将在5月6日前决定是否受理');
    expect(second).toContain('等待受理 · 案件编号 JA-2025-2');
    expect(second).not.toContain('需要您办理');
    // The one waiting on the caller is marked as such, in the brand colour, not only in words.
    expect(page.querySelector('#case-c1')!.dom.className).toMatch(/cases-row--mine/);
    expect(page.querySelector('#case-c2')!.dom.className).not.toMatch(/cases-row--mine/);

    await tap(page, '#case-c1');
    expect(currentWx().navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pkg-resident/pages/case/detail/index?id=c1' }));
  });
});

describe('我的案件 (load states)', () => {
  it('shows a spinner, then the cases', async () => {
    let answer!: (v: unknown) => void;
    const fake = new FakeTransport().reply('case', 'mine', () => new Promise((r) => (answer = r)) as never);
    const page = open(fake);
    await sleep();
    expect(visibleText(page)).toContain('加载中');

    answer(ok({ items: [row('1', '邻里噪音纠纷'), row('2', '物业费纠纷')], hasMore: false }));
    await sleep();

    const text = visibleText(page);
    expect(text).not.toContain('加载中');
    expect(text).toContain('邻里噪音纠纷');
    expect(text).toContain('JA-2025-2');
  });

  it('shows a friendly empty state with a way to apply', async () => {
    const page = open(new FakeTransport().reply('case', 'mine', ok({ items: [], hasMore: false })));
    await sleep();
    expect(visibleText(page)).toContain('您还没有调解案件');
    await tap(page, '#empty-apply');
    expect(currentWx().navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pkg-resident/pages/dispute/apply/index' }));
  });

  it('shows the error in Chinese with 重试, and 重试 loads again', async () => {
    const fake = new FakeTransport().reply('case', 'mine', fail('network'), fail('network'), fail('network'), fail('network'), ok({ items: [row('1', '邻里噪音纠纷')], hasMore: false }));
    const page = open(fake);
    await sleep();
    expect(visibleText(page)).toContain('网络不佳，请稍后重试');

    await tap(page.querySelector('#state')!, '.state-view__retry');
    await sleep();

    expect(visibleText(page)).toContain('邻里噪音纠纷');
    expect(visibleText(page)).not.toContain('网络不佳');
  });

  it('pull-to-refresh keeps the list on screen, updates it, and stops the refresh indicator', async () => {
    const fake = new FakeTransport().reply('case', 'mine', ok({ items: [row('1', '邻里噪音纠纷')], hasMore: false }), ok({ items: [row('1', '邻里噪音纠纷'), row('3', '停车位纠纷')], hasMore: false }));
    const page = open(fake);
    await sleep();

    const refreshing = page.instance.onPullDownRefresh();
    expect(visibleText(page)).not.toContain('加载中');
    await refreshing;

    expect(visibleText(page)).toContain('停车位纠纷');
    expect(currentWx().stopPullDownRefresh).toHaveBeenCalled();
  });

  it('a failed refresh keeps the list and tells the user (the server’s own words) in a toast', async () => {
    const fake = new FakeTransport().reply('case', 'mine', ok({ items: [row('1', '邻里噪音纠纷')], hasMore: false }), err('INTERNAL', '系统繁忙'));
    const page = open(fake);
    await sleep();

    await page.instance.onPullDownRefresh();

    expect(visibleText(page)).toContain('邻里噪音纠纷');
    expect(currentWx().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '系统繁忙' }));
    expect(currentWx().stopPullDownRefresh).toHaveBeenCalled();
  });
});

describe('我的案件 (what it asks and where it leads)', () => {
  it("asks case.mine for the open cases and opens a case's detail page", async () => {
    const fake = new FakeTransport().reply('case', 'mine', ok({ items: [row('7', '物业服务纠纷')], hasMore: false }));
    const page = open(fake);
    await sleep();
    expect(fake.calls[0]).toMatchObject({ name: 'case', action: 'mine', data: { open: true } });
    expect(visibleText(page)).toContain('东湖社区人民调解委员会');

    await tap(page, '#case-c7');
    expect(currentWx().navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pkg-resident/pages/case/detail/index?id=c7' }));
  });
});

describe('我的案件 (paging and finished cases)', () => {
  const many = (from: number, n: number) => Array.from({ length: n }, (_, i) => row(String(from + i), `纠纷${from + i}`));

  it('loads the next page on reaching the bottom, never twice at once, and says when there is no more', async () => {
    let answer!: (v: unknown) => void;
    const fake = new FakeTransport().reply(
      'case',
      'mine',
      ok({ items: many(1, 20), hasMore: true }),
      () => new Promise((r) => (answer = r)) as never,
    );
    const page = open(fake);
    await sleep();
    expect(visibleText(page)).toContain('纠纷20');
    expect(page.instance.data.cases).toHaveLength(20);

    const a = page.instance.onReachBottom();
    const b = page.instance.onReachBottom(); // scrolling on while it loads
    expect(visibleText(page.querySelector('#more')!)).toContain('加载中');
    answer(ok({ items: [row('20', '纠纷20'), ...many(21, 5)], hasMore: false }));
    await Promise.all([a, b]);
    await sleep();

    const pages = fake.callsTo('case', 'mine').map((c) => (c.data as { page: number }).page);
    expect(pages).toEqual([0, 1]);
    expect(page.instance.data.cases).toHaveLength(25); // case 20 moved onto page 1 and is not shown twice
    expect(visibleText(page)).toContain('纠纷25');
    expect(visibleText(page.querySelector('#more')!)).toBe('没有更多了');
    await page.instance.onReachBottom();
    expect(fake.callsTo('case', 'mine')).toHaveLength(2);
  });

  it('已办结 lists the finished cases, with its own empty text', async () => {
    const fake = new FakeTransport().reply('case', 'mine', ok({ items: [row('1', '邻里噪音纠纷')], hasMore: false }), ok({ items: [], hasMore: false }));
    const page = open(fake);
    await sleep();
    page.instance.onTab({ detail: { value: 'closed' } });
    await sleep();
    expect(fake.callsTo('case', 'mine')[1].data).toEqual({ open: false, page: 0, pageSize: 20 });
    expect(visibleText(page)).toContain('还没有已办结的案件');
    expect(visibleText(page)).not.toContain('我要调解');
  });
});
