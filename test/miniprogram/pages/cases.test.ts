import { FakeTransport, err, fail, ok, useFakeTransport } from '../helpers/fake-transport';
import { currentWx } from '../helpers/wx-stub';
import { loadPage, sleep, tap, visibleText } from '../helpers/simulate';

const row = (id: string, title: string) => ({ id, caseNo: `JA-2025-${id}`, title, statusLabel: '调解中', updatedAt: '2025-05-01' });

function open(fake: FakeTransport) {
  const page = loadPage('pages/cases/index/index', { before: () => useFakeTransport(fake) });
  page.instance.onShow();
  return page;
}

describe('我的案件 (load states)', () => {
  it('shows a spinner, then the cases', async () => {
    let answer!: (v: unknown) => void;
    const fake = new FakeTransport().reply('case', 'listMine', () => new Promise((r) => (answer = r)) as never);
    const page = open(fake);
    await sleep();
    expect(visibleText(page)).toContain('加载中');

    answer(ok({ items: [row('1', '邻里噪音纠纷'), row('2', '物业费纠纷')] }));
    await sleep();

    const text = visibleText(page);
    expect(text).not.toContain('加载中');
    expect(text).toContain('邻里噪音纠纷');
    expect(text).toContain('JA-2025-2');
  });

  it('shows a friendly empty state with a way to apply', async () => {
    const page = open(new FakeTransport().reply('case', 'listMine', ok({ items: [] })));
    await sleep();
    expect(visibleText(page)).toContain('您还没有调解案件');
    await tap(page, '#empty-apply');
    expect(currentWx().navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pkg-resident/pages/dispute/apply/index' }));
  });

  it('shows the error in Chinese with 重试, and 重试 loads again', async () => {
    const fake = new FakeTransport().reply('case', 'listMine', fail('network'), fail('network'), fail('network'), fail('network'), ok({ items: [row('1', '邻里噪音纠纷')] }));
    const page = open(fake);
    await sleep();
    expect(visibleText(page)).toContain('网络不佳，请稍后重试');

    await tap(page.querySelector('#state')!, '.state-view__retry');
    await sleep();

    expect(visibleText(page)).toContain('邻里噪音纠纷');
    expect(visibleText(page)).not.toContain('网络不佳');
  });

  it('pull-to-refresh keeps the list on screen, updates it, and stops the refresh indicator', async () => {
    const fake = new FakeTransport().reply('case', 'listMine', ok({ items: [row('1', '邻里噪音纠纷')] }), ok({ items: [row('1', '邻里噪音纠纷'), row('3', '停车位纠纷')] }));
    const page = open(fake);
    await sleep();

    const refreshing = page.instance.onPullDownRefresh();
    expect(visibleText(page)).not.toContain('加载中');
    await refreshing;

    expect(visibleText(page)).toContain('停车位纠纷');
    expect(currentWx().stopPullDownRefresh).toHaveBeenCalled();
  });

  it('a failed refresh keeps the list and tells the user in a toast', async () => {
    const fake = new FakeTransport().reply('case', 'listMine', ok({ items: [row('1', '邻里噪音纠纷')] }), err('INTERNAL', '系统繁忙'));
    const page = open(fake);
    await sleep();

    await page.instance.onPullDownRefresh();

    expect(visibleText(page)).toContain('邻里噪音纠纷');
    expect(currentWx().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '系统繁忙，请稍后再试' }));
    expect(currentWx().stopPullDownRefresh).toHaveBeenCalled();
  });
});
