// 我的数据: the resident reads and copies everything held about them, and asks for deletion, told plainly what
// was erased and what the law keeps.
import { FakeTransport, ok } from './helpers/fake-transport';
import { RenderedComponent, sleep, tap, visibleText } from './helpers/simulate';
import { currentWx } from './helpers/wx-stub';
import { openPage } from './helpers/staff-fixtures';

const PAGE = 'pkg-resident/pages/account/my-data/index';
const text = (p: RenderedComponent, sel?: string) => visibleText(sel ? p.querySelector(sel)! : p);

const exported = (deletionRequests: Array<{ at: string; status: string }> = []) =>
  ok({
    exportedAt: '2025-05-20T02:00:00.000Z',
    account: { registered: true, prefs: { largeText: false }, roles: [] },
    cases: [
      { caseNo: 'QF-2025-000123', myRole: '申请人', myName: '张三', myMobile: '13812341234', category: '邻里纠纷', status: '已结案', registeredAt: '2025-05-05T02:00:00.000Z', summary: '楼上漏水', timeline: [] },
    ],
    deletionRequests,
  });

describe('我的数据', () => {
  it('shows the cases held with the caller’s own number in full and copies the whole export', async () => {
    const fake = new FakeTransport().reply('user', 'exportData', exported());
    const page = await openPage(PAGE, fake);
    expect(text(page, '#case-count')).toBe('您参与的调解案件：1 件');
    expect(text(page)).toContain('QF-2025-000123 · 申请人');
    expect(text(page)).toContain('张三 · 13812341234 · 已结案');

    currentWx().setClipboardData = jest.fn((o: { data: string; success?: () => void }) => o.success?.());
    await tap(page, '#copy');
    const copied = JSON.parse((currentWx().setClipboardData as jest.Mock).mock.calls[0][0].data);
    expect(copied.cases[0].summary).toBe('楼上漏水');
    expect(currentWx().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已复制全部数据，可粘贴保存' }));
  });

  it('a deletion request asks first, then says what was erased and what is kept by law', async () => {
    const fake = new FakeTransport()
      .reply('user', 'exportData', exported(), exported([{ at: '2025-05-20T03:00:00.000Z', status: 'partly_done' }]))
      .reply('user', 'requestDeletion', ok({ status: 'partly_done', erased: { preferences: true, phoneNumbersOnClosedCases: 1 }, kept: [{ caseNo: 'QF-2025-000123', why: '调解案件卷宗须依法归档保存' }] }));
    const page = await openPage(PAGE, fake);

    currentWx().showModal = jest.fn((o: { success?: (r: unknown) => void }) => o.success?.({ confirm: false, cancel: true }));
    await tap(page, '#request-deletion');
    expect(fake.callsTo('user', 'requestDeletion')).toHaveLength(0);

    currentWx().showModal = jest.fn((o: { success?: (r: unknown) => void }) => o.success?.({ confirm: true, content: '不再使用' }));
    await tap(page, '#request-deletion');
    await sleep();
    const [call] = fake.callsTo('user', 'requestDeletion');
    expect(call.data).toEqual({ reason: '不再使用' });
    expect(call.requestId).toBeTruthy();
    expect(text(page, '#deletion-result')).toContain('以下信息依法保留');
    expect(text(page, '#deletion-result')).toContain('QF-2025-000123：调解案件卷宗须依法归档保存');
    expect(text(page, '#deletion')).toContain('5月20日 11:00 申请删除 · 部分完成');
  });
});
