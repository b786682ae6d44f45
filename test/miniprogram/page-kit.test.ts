// The page kit (miniprogram/kit/page.ts) as a person meets it, on a page written with it (the director's
// 指派调解员): the role guard, a double tap sending once, a retry after a lost connection answered once by the
// server (same request id), a changed choice being a new request, field errors in place, long refusals in a
// dialog, and a stale screen reloaded.
import { FakeTransport, err, fail, ok } from './helpers/fake-transport';
import { currentWx } from './helpers/wx-stub';
import { sleep, tap, visibleText } from './helpers/simulate';
import { CASE_ID, grant, openPage, withRoles } from './helpers/staff-fixtures';

const PAGE = 'pkg-director/pages/case/assign/index';
const DIRECTOR = grant('director', 'liuan-committee');
const staff = ok({
  orgId: 'liuan-committee',
  staff: [
    { openid: 'm-a', name: '孙调解', roles: ['mediator'], openCases: 1 },
    { openid: 'm-b', name: '钱调解', roles: ['mediator'], openCases: 3 },
  ],
  invites: [],
});
const step = ok({ caseId: CASE_ID, caseNo: '20250505-AB12C', status: 'accepted', statusLabel: '已受理', holder: { orgId: 'liuan-committee', name: '柳岸社区人民调解委员会' }, urgent: false, emergencyNumbers: [] });

describe('page kit', () => {
  it('a page for directors shows the refusal to someone without that role and loads nothing', async () => {
    const fake = withRoles(new FakeTransport(), grant('mediator', 'liuan-committee'));
    const page = await openPage(PAGE, fake, { id: CASE_ID });
    expect(visibleText(page)).toContain('此页面仅供调委会主任使用');
    expect(fake.callsTo('org', 'staff')).toHaveLength(0);
  });

  it('opens with the query decoded and loads with the identity the user acts in', async () => {
    const fake = withRoles(new FakeTransport(), DIRECTOR).reply('org', 'staff', staff);
    const page = await openPage(PAGE, fake, { id: encodeURIComponent(CASE_ID) });
    expect(fake.callsTo('org', 'staff')[0].data).toEqual({ orgId: 'liuan-committee', caseId: CASE_ID });
    expect(page.instance.data.grant).toEqual(DIRECTOR);
    expect(visibleText(page)).toContain('孙调解');
  });

  it('a double tap sends once, and the button shows it is busy meanwhile', async () => {
    let release: () => void = () => undefined;
    const fake = withRoles(new FakeTransport(), DIRECTOR)
      .reply('org', 'staff', staff)
      .reply('case', 'assignMediator', () => new Promise((resolve) => (release = () => resolve(step))));
    const page = await openPage(PAGE, fake, { id: CASE_ID });
    await tap(page, '#m-m-a');
    await tap(page, '#submit');
    expect(page.instance.data.busy).toBe(true);
    // The button is disabled while busy; a second tap that still gets through (before the screen updates) is ignored too.
    await tap(page, '#submit');
    void page.instance.onSubmit();
    release();
    await sleep();
    expect(fake.callsTo('case', 'assignMediator')).toHaveLength(1);
    expect(page.instance.data.busy).toBe(false);
    expect(currentWx().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已指派' }));
  });

  it('after a lost connection the retry carries the same request id; another choice is a new request', async () => {
    const fake = withRoles(new FakeTransport(), DIRECTOR)
      .reply('org', 'staff', staff)
      // Each attempt of a call is retried by the service layer; `fail` keeps failing until the queue moves on.
      .reply('case', 'assignMediator', fail('network'), fail('network'), fail('network'), fail('network'), step, step);
    const page = await openPage(PAGE, fake, { id: CASE_ID });
    await tap(page, '#m-m-a');
    await tap(page, '#submit');
    await sleep(50);
    const first = fake.callsTo('case', 'assignMediator');
    expect(first.length).toBeGreaterThan(0);
    expect(currentWx().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '网络不佳，请稍后重试' }));

    await tap(page, '#submit');
    await sleep(50);
    const all = fake.callsTo('case', 'assignMediator');
    expect(new Set(all.map((c) => c.requestId)).size).toBe(1);

    // A different mediator is a different intent.
    await tap(page, '#m-m-b');
    await tap(page, '#submit');
    await sleep(50);
    const last = fake.callsTo('case', 'assignMediator').at(-1)!;
    expect(last.data).toEqual({ caseId: CASE_ID, mediatorId: 'm-b' });
    expect(last.requestId).not.toBe(all[0].requestId);
  }, 20_000);

  it("the server's field error is shown in place; a long refusal opens a dialog; a conflict reloads the screen", async () => {
    const fake = withRoles(new FakeTransport(), DIRECTOR)
      .reply('org', 'staff', staff)
      .reply(
        'case',
        'assignMediator',
        err('VALIDATION_FAILED', '填写的信息有误，请检查后重试', { reason: '更换调解员须填写理由' }),
        err('MEDIATOR_RECUSED', '该调解员已因当事人申请回避，不能再承办本案'),
        err('CONFLICT', '信息已被他人更新，请刷新后重试'),
      );
    const page = await openPage(PAGE, fake, { id: CASE_ID });
    await tap(page, '#m-m-a');
    await tap(page, '#submit');
    await sleep();
    expect(visibleText(page.querySelector('#error')!)).toBe('更换调解员须填写理由');
    expect(currentWx().showModal).not.toHaveBeenCalled();

    await tap(page, '#submit');
    await sleep();
    expect(currentWx().showModal).toHaveBeenCalledWith(expect.objectContaining({ content: '该调解员已因当事人申请回避，不能再承办本案', confirmText: '知道了' }));
    expect(page.querySelector('#error')).toBeFalsy();

    const loadsBefore = fake.callsTo('org', 'staff').length;
    await tap(page, '#submit');
    await sleep();
    expect(fake.callsTo('org', 'staff').length).toBe(loadsBefore + 1);
    expect(currentWx().navigateBack).not.toHaveBeenCalled();
  });
});
