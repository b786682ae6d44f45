// 消息: the in-app inbox — what WeChat would have delivered, for everyone, including those who declined
// subscribe messages; unread marks, paging, and opening a notice's case.
import { FakeTransport, ok } from './helpers/fake-transport';
import { RenderedComponent, sleep, tap, visibleText } from './helpers/simulate';
import { currentWx } from './helpers/wx-stub';
import { openPage } from './helpers/staff-fixtures';
import { CASE_ID } from './helpers/resident-fixtures';

const PAGE = 'pkg-resident/pages/account/inbox/index';
const text = (p: RenderedComponent, sel?: string) => visibleText(sel ? p.querySelector(sel)! : p);
const notice = (n: number, read = false) => ({
  id: n.toString(16).padStart(32, '0'),
  caseId: CASE_ID,
  caseNo: 'QF-2025-000123',
  title: '案件进度',
  phrase: n === 1 ? '已受理' : `进度${n}`,
  message: n === 1 ? '案件QF-2025-000123：您的申请已受理，调解员会联系您；您也可以打开案件预约调解时间' : `案件QF-2025-000123：进度${n}`,
  at: '2025-05-06T03:30:00.000Z',
  read,
});

describe('消息', () => {
  it('lists notices with the unread count; opening one marks it read and opens its case', async () => {
    const fake = new FakeTransport()
      .reply('user', 'inbox', ok({ items: [notice(1), notice(2, true)], unread: 1, hasMore: false }))
      .reply('user', 'markRead', ok({ marked: 1, unread: 0 }));
    const page = await openPage(PAGE, fake);
    expect(text(page, '#unread')).toBe('1 条未读');
    expect(text(page)).toContain('案件进度 · 已受理');
    // Each notice says what happened and what to do, once, with its case and time after.
    expect(text(page)).toContain('您的申请已受理，调解员会联系您；您也可以打开案件预约调解时间（案件 QF-2025-000123 · 5月6日 11:30）');

    await tap(page, `#msg-${notice(1).id}`);
    expect(fake.callsTo('user', 'markRead')[0].data).toEqual({ ids: [notice(1).id] });
    expect(currentWx().navigateTo).toHaveBeenCalledWith({ url: `/pkg-resident/pages/case/detail/index?id=${CASE_ID}` });
    expect(text(page, '#unread')).toBe('全部已读');
  });

  it('marks all read, pages on, and shows an empty state when there is nothing', async () => {
    const fake = new FakeTransport()
      .reply('user', 'inbox', ok({ items: [notice(1), notice(2)], unread: 3, hasMore: true }), ok({ items: [notice(3)], unread: 3, hasMore: false }))
      .reply('user', 'markRead', ok({ marked: 3, unread: 0 }));
    const page = await openPage(PAGE, fake);
    await page.instance.onReachBottom();
    await sleep();
    expect(fake.callsTo('user', 'inbox').map((c) => c.data)).toEqual([{ page: 0, pageSize: 20 }, { page: 1, pageSize: 20 }]);
    expect(text(page)).toContain('进度3');
    expect(text(page, '#more')).toBe('没有更多了');
    await tap(page, '#read-all');
    expect(fake.callsTo('user', 'markRead')[0].data).toEqual({ all: true });
    expect(text(page, '#unread')).toBe('全部已读');

    const empty = await openPage(PAGE, new FakeTransport().reply('user', 'inbox', ok({ items: [], unread: 0, hasMore: false })));
    expect(text(empty)).toContain('暂无消息');
  });
});
