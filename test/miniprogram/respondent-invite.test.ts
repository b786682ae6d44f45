// 调解邀请: what the other party sees from a share card or QR code — only what they need to decide — then
// joining and answering (agree / need time / refuse) with their side, once, and landing on the case page.
import { err, FakeTransport, fail, ok } from './helpers/fake-transport';
import fs from 'node:fs';
import path from 'node:path';
import { MP_ROOT, RenderedComponent, sleep, tap, visibleText } from './helpers/simulate';
import { currentWx } from './helpers/wx-stub';
import { openPage } from './helpers/staff-fixtures';
import { CASE_ID, stepResult } from './helpers/resident-fixtures';

const PAGE = 'pkg-respondent/pages/invite/respond/index';
const CODE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const text = (p: RenderedComponent, sel?: string) => visibleText(sel ? p.querySelector(sel)! : p);

const preview = (over: Record<string, unknown> = {}) =>
  ok({
    caseId: CASE_ID,
    caseNo: 'QF-2025-000123',
    categoryLabel: '邻里纠纷',
    statusLabel: '待被申请人同意',
    orgName: '柳岸社区人民调解委员会',
    orgPhone: '0571-86000111',
    applicantName: '张*',
    joined: 'no',
    invitee: { role: 'respondent', forAgent: false },
    replyDueAt: '2025-05-09T15:59:59.999Z',
    ...over,
  });

describe('调解邀请 (respondent)', () => {
  it('shows who asks, where and by when, and the three plain facts — no dispute text', async () => {
    const fake = new FakeTransport().reply('case', 'openInvite', preview());
    const page = await openPage(PAGE, fake, { code: CODE });
    expect(fake.callsTo('case', 'openInvite')[0].data).toEqual({ code: CODE });
    expect(text(page, '#invite')).toContain('张* 申请人民调解');
    expect(text(page, '#invite')).toContain('调解组织：柳岸社区人民调解委员会');
    expect(text(page, '#due')).toBe('请在 5月9日 23:59 前答复');
    expect(text(page, '#facts')).toContain('免费');
    expect(text(page, '#facts')).toContain('自愿');
    expect(text(page, '#facts')).toContain('不影响您向法院起诉或申请仲裁的权利');
    expect(text(page)).not.toContain('漏水');
    await tap(page, '#call-org');
    expect(currentWx().makePhoneCall).toHaveBeenCalledWith(expect.objectContaining({ phoneNumber: '0571-86000111' }));
  });

  it("an agent sees whom they act for; a co-applicant, or a party invited once consent was given, only joins", async () => {
    const agent = await openPage(PAGE, new FakeTransport().reply('case', 'openInvite', preview({ invitee: { role: 'respondent', forAgent: true, agentFor: '陈**' } })), { code: CODE });
    expect(text(agent, '#as-agent')).toBe('您受邀作为 陈** 的委托代理人，代其办理');
    expect(agent.querySelector('#reply-agree')).toBeTruthy();

    const fake = new FakeTransport()
      .reply('case', 'openInvite', preview({ invitee: { role: 'applicant', forAgent: false }, statusLabel: '调解中', replyDueAt: undefined }))
      .reply('case', 'join', ok({ caseId: CASE_ID }));
    const coApplicant = await openPage(PAGE, fake, { code: CODE });
    expect(text(coApplicant, '#as-applicant')).toContain('您是本案的申请人之一');
    // Nothing to agree to: they applied. One tap joins and opens the case.
    expect(coApplicant.querySelector('#reply-agree')).toBeFalsy();
    await tap(coApplicant, '#join');
    await sleep();
    expect(fake.callsTo('case', 'join')[0].data).toEqual({ code: CODE });
    expect(fake.callsTo('case', 'reply')).toHaveLength(0);
    expect(currentWx().redirectTo).toHaveBeenCalledWith({ url: `/pkg-resident/pages/case/detail/index?id=${CASE_ID}` });

    // A respondent invited after everyone agreed (the reply step is over) also only joins.
    const late = await openPage(PAGE, new FakeTransport().reply('case', 'openInvite', preview({ statusLabel: '调解中', replyDueAt: undefined })), { code: CODE });
    expect(late.querySelector('#join')).toBeTruthy();
    expect(late.querySelector('#reply-refuse')).toBeFalsy();
  });

  it('agreeing joins the case, sends their side with the answer and opens the case page', async () => {
    const fake = new FakeTransport()
      .reply('case', 'openInvite', preview())
      .reply('case', 'join', ok({ caseId: CASE_ID }))
      .reply('case', 'reply', ok(stepResult({ status: 'accepted' })));
    const page = await openPage(PAGE, fake, { code: CODE });
    currentWx().requestSubscribeMessage = jest.fn((o: { success?: () => void }) => o.success?.());
    page.instance.onSide({ detail: { value: '漏水是老化管道造成的，愿意分担一半' } });
    await tap(page, '#reply-agree');
    await sleep();
    expect(fake.callsTo('case', 'join')[0].data).toEqual({ code: CODE });
    expect(fake.callsTo('case', 'reply')[0].data).toEqual({ caseId: CASE_ID, reply: 'agree', reason: '漏水是老化管道造成的，愿意分担一半' });
    expect(currentWx().requestSubscribeMessage).toHaveBeenCalled();
    expect(currentWx().redirectTo).toHaveBeenCalledWith({ url: `/pkg-resident/pages/case/detail/index?id=${CASE_ID}` });
  });

  it('a failed answer after joining is retried without joining again, under the same request id', async () => {
    const fake = new FakeTransport()
      .reply('case', 'openInvite', preview())
      .reply('case', 'join', ok({ caseId: CASE_ID }))
      .reply('case', 'reply', fail('network'), fail('network'), fail('network'), fail('network'), ok(stepResult()));
    const page = await openPage(PAGE, fake, { code: CODE });
    await tap(page, '#reply-ask_for_time');
    await sleep();
    expect(currentWx().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '网络不佳，请稍后重试' }));
    expect(currentWx().redirectTo).not.toHaveBeenCalled();
    await tap(page, '#reply-ask_for_time');
    await sleep();
    expect(fake.callsTo('case', 'join')).toHaveLength(1);
    const ids = new Set(fake.callsTo('case', 'reply').map((c) => c.requestId));
    expect(ids.size).toBe(1);
    expect(fake.callsTo('case', 'reply')[4].data).toEqual({ caseId: CASE_ID, reply: 'ask_for_time' });
    expect(currentWx().redirectTo).toHaveBeenCalled();
  });

  it('a lost answer to joining is retried under the same request id, then the answer is sent once', async () => {
    const fake = new FakeTransport()
      .reply('case', 'openInvite', preview())
      .reply('case', 'join', fail('network'), fail('network'), fail('network'), fail('network'), ok({ caseId: CASE_ID }))
      .reply('case', 'reply', ok(stepResult({ status: 'accepted' })));
    const page = await openPage(PAGE, fake, { code: CODE });
    currentWx().showModal = jest.fn((o: { success?: (r: unknown) => void }) => o.success?.({ confirm: true }));
    await tap(page, '#reply-refuse');
    await sleep();
    expect(currentWx().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '网络不佳，请稍后重试' }));
    expect(fake.callsTo('case', 'reply')).toHaveLength(0);
    await tap(page, '#reply-refuse');
    await sleep();
    const joins = fake.callsTo('case', 'join');
    expect(joins).toHaveLength(5);
    expect(new Set(joins.map((c) => c.requestId)).size).toBe(1);
    const replies = fake.callsTo('case', 'reply');
    expect(replies).toHaveLength(1);
    expect(replies[0].data).toEqual({ caseId: CASE_ID, reply: 'refuse' });
    expect(replies[0].requestId).not.toBe(joins[0].requestId);
    expect(currentWx().redirectTo).toHaveBeenCalledWith({ url: `/pkg-resident/pages/case/detail/index?id=${CASE_ID}` });
  });

  it('refusing first says what follows (mediation ends; court, arbitration); only a confirmed refusal is sent, and a refusal from the server is shown in Chinese', async () => {
    const fake = new FakeTransport()
      .reply('case', 'openInvite', preview())
      .reply('case', 'join', err('STAFF_CANNOT_JOIN', '办理本案的工作人员不能作为当事人加入'));
    const page = await openPage(PAGE, fake, { code: CODE });
    const answer = (confirm: boolean) =>
      (currentWx().showModal = jest.fn((o: { success?: (r: unknown) => void }) => o.success?.({ confirm, cancel: !confirm })));
    answer(false);
    await tap(page, '#reply-refuse');
    await sleep();
    const asked = currentWx().showModal.mock.calls[0][0] as { title: string; content: string; confirmText: string; cancelText: string };
    expect(asked.title).toBe('确定不同意调解吗？');
    expect(asked.content).toContain('人民调解就此结束');
    expect(asked.content).toContain('向人民法院起诉、申请仲裁');
    expect(asked).toMatchObject({ confirmText: '不同意调解', cancelText: '再想想' });
    // 再想想: nothing is sent.
    expect(fake.callsTo('case', 'join')).toHaveLength(0);

    answer(true);
    await tap(page, '#reply-refuse');
    await sleep();
    expect(fake.callsTo('case', 'join')).toHaveLength(1);
    expect(currentWx().showModal).toHaveBeenCalledWith(expect.objectContaining({ content: '办理本案的工作人员不能作为当事人加入', confirmText: '知道了' }));
    expect(fake.callsTo('case', 'reply')).toHaveLength(0);
  });

  it('an invitation already taken by another account offers nothing to answer; one already joined opens the case', async () => {
    const other = await openPage(PAGE, new FakeTransport().reply('case', 'openInvite', preview({ joined: 'other' })), { code: CODE });
    expect(text(other, '#used')).toContain('已由其他微信账号接受');
    expect(other.querySelector('#reply-agree')).toBeFalsy();

    const mine = await openPage(PAGE, new FakeTransport().reply('case', 'openInvite', preview({ joined: 'me', replyDueAt: undefined, statusLabel: '已受理' })), { code: CODE });
    await tap(mine, '#open-case');
    expect(currentWx().redirectTo).toHaveBeenCalledWith({ url: `/pkg-resident/pages/case/detail/index?id=${CASE_ID}` });
  });

  it('a QR code brings the code as scene; a bad or expired code says so; without a code one can be typed', async () => {
    const fake = new FakeTransport().reply('case', 'openInvite', err('INVITE_INVALID', '邀请码无效或已过期，请向调解组织核实'));
    const qr = await openPage(PAGE, fake, { scene: encodeURIComponent(`code=${CODE.toLowerCase()}`) });
    expect(fake.callsTo('case', 'openInvite')[0].data).toEqual({ code: CODE });
    expect(text(qr)).toContain('邀请码无效或已过期，请向调解组织核实');

    const typed = await openPage(PAGE, new FakeTransport().reply('case', 'openInvite', preview()), {});
    await tap(typed, '#show-long');
    typed.instance.onCodeInput({ detail: { value: 'abc' } });
    await tap(typed, '#open-code');
    expect(text(typed, '#err-code')).toBe('请输入 26 位邀请码（字母和数字）');
    typed.instance.onCodeInput({ detail: { value: CODE.toLowerCase() } });
    await tap(typed, '#open-code');
    await sleep();
    expect(text(typed, '#invite')).toContain('张* 申请人民调解');
  });

  it('the invitation opened from a mini-program code: the scene is the code, and it opens straight away', async () => {
    const fake = new FakeTransport().reply('case', 'openInvite', preview());
    const page = await openPage(PAGE, fake, { scene: encodeURIComponent(CODE) });
    expect(fake.callsTo('case', 'openInvite')[0].data).toEqual({ code: CODE });
    expect(text(page, '#invite')).toContain('张* 申请人民调解');
    expect(page.querySelector('#enter-code')).toBeFalsy();
  });
});

describe('entering an invitation without a link', () => {
  const digitsInput = (page: RenderedComponent, value: string) => {
    page.querySelector('#digits-input')!.dispatchEvent('input', { detail: { value } });
    return sleep();
  };
  const boxes = (page: RenderedComponent) => Array.from({ length: 8 }, (_, i) => text(page, `#box-${i}`));

  it('eight boxes take one digit each as typed; deleting empties the last; the eighth digit opens the invitation', async () => {
    const fake = new FakeTransport().reply('case', 'openInvite', preview());
    const page = await openPage(PAGE, fake, {});
    expect(text(page, '#enter-code')).toContain('输入数字邀请码');
    // The numeric keyboard (simulate does not render an input's attributes, so the page's markup is read).
    expect(fs.readFileSync(path.join(MP_ROOT, `${PAGE}.wxml`), 'utf8')).toMatch(/<input[^>]*id="digits-input"[^>]*type="number"/);
    await digitsInput(page, '1');
    await digitsInput(page, '12');
    await digitsInput(page, '123');
    expect(boxes(page)).toEqual(['1', '2', '3', '', '', '', '', '']);
    expect(page.instance.data.cursor).toBe(3);
    await digitsInput(page, '12'); // backspace
    expect(boxes(page)).toEqual(['1', '2', '', '', '', '', '', '']);
    // Too few digits: says how many.
    await tap(page, '#open-digits');
    expect(text(page, '#err-digits')).toBe('请输入 8 位数字邀请码');
    expect(fake.callsTo('case', 'openInvite')).toHaveLength(0);
    await digitsInput(page, '12345678');
    await sleep();
    expect(fake.callsTo('case', 'openInvite')[0].data).toEqual({ code: '12345678' });
    expect(text(page, '#invite')).toContain('张* 申请人民调解');
  });

  it('a pasted code fills every box, its spaces and dashes dropped', async () => {
    const fake = new FakeTransport().reply('case', 'openInvite', preview());
    const page = await openPage(PAGE, fake, {});
    await digitsInput(page, '8765 4-3');
    expect(boxes(page)).toEqual(['8', '7', '6', '5', '4', '3', '', '']);
    await digitsInput(page, '8765 4321 99');
    await sleep();
    expect(fake.callsTo('case', 'openInvite')[0].data).toEqual({ code: '87654321' });
  });

  it('扫一扫 opens the invitation from its mini-program code or the QR code on a printed notice, and refuses any other code', async () => {
    const fake = new FakeTransport().reply('case', 'openInvite', preview(), preview());
    const scan = (res: Record<string, string>) => (currentWx().scanCode = jest.fn((o: { success?: (r: unknown) => void }) => o.success?.({ errMsg: 'scanCode:ok', ...res })));

    const foreign = await openPage(PAGE, fake, {});
    scan({ result: 'https://example.com/pay?id=1', scanType: 'QR_CODE' });
    await tap(foreign, '#scan');
    await sleep();
    expect(currentWx().scanCode).toHaveBeenCalledWith(expect.objectContaining({ scanType: ['wxCode', 'qrCode'] }));
    expect(currentWx().showModal).toHaveBeenCalledWith(expect.objectContaining({ content: expect.stringContaining('这不是调解邀请的二维码') }));
    expect(fake.callsTo('case', 'openInvite')).toHaveLength(0);
    // Another page of this mini-program, or this page with a code of the wrong shape, is not an invitation either.
    scan({ path: 'pages/home/index/index?scene=' + CODE, scanType: 'WX_CODE' });
    await tap(foreign, '#scan');
    scan({ path: `${PAGE}?scene=ABC`, scanType: 'WX_CODE' });
    await tap(foreign, '#scan');
    await sleep();
    expect(currentWx().showModal).toHaveBeenCalledTimes(3);
    expect(fake.callsTo('case', 'openInvite')).toHaveLength(0);

    // The mini-program code a staff member shows: its path carries the code as the scene.
    scan({ path: `${PAGE}?scene=${encodeURIComponent(CODE)}`, scanType: 'WX_CODE' });
    await tap(foreign, '#scan');
    await sleep();
    expect(fake.callsTo('case', 'openInvite')[0].data).toEqual({ code: CODE });
    expect(text(foreign, '#invite')).toContain('张* 申请人民调解');

    // A printed notice's QR code: the page path with the code.
    const paper = await openPage(PAGE, fake, {});
    scan({ result: `/${PAGE}?code=${CODE.toLowerCase()}`, scanType: 'QR_CODE' });
    await tap(paper, '#scan');
    await sleep();
    expect(fake.callsTo('case', 'openInvite')[1].data).toEqual({ code: CODE });
  });

  it("a short code bound to the party's phone asks to verify the caller's number; another number is refused with whom to contact", async () => {
    const fake = new FakeTransport().reply(
      'case',
      'openInvite',
      err('INVITE_PHONE_REQUIRED', '用数字邀请码加入，需要先验证您的手机号'),
      err('INVITE_PHONE_MISMATCH', '您微信绑定的手机号与调解组织登记的不一致，不能用数字邀请码加入。请联系调解组织核实，或请调解组织把邀请卡片发给您'),
    );
    const page = await openPage(PAGE, fake, {});
    await digitsInput(page, '12345678');
    await sleep();
    expect(text(page, '#verify-phone')).toContain('只能由调解组织登记的手机号本人使用');
    expect(page.querySelector('#enter-code')).toBeFalsy();
    // Declining WeChat's prompt: says what else to do, asks nothing of the server.
    page.instance.onPhone({ detail: { errMsg: 'getPhoneNumber:fail user deny' } });
    expect(currentWx().showModal).toHaveBeenCalledWith(expect.objectContaining({ content: expect.stringContaining('邀请卡片') }));
    expect(fake.callsTo('case', 'openInvite')).toHaveLength(1);
    page.instance.onPhone({ detail: { code: 'wx-phone-code' } });
    await sleep();
    expect(fake.callsTo('case', 'openInvite')[1].data).toEqual({ code: '12345678', phoneCode: 'wx-phone-code' });
    expect(text(page)).toContain('请联系调解组织核实');
    expect(page.querySelector('#reply-agree')).toBeFalsy();
  });

  it('a wrong short code goes back to the empty boxes with the reason, so trying again means typing again', async () => {
    const fake = new FakeTransport().reply('case', 'openInvite', err('INVITE_SHORT_WRONG', '数字邀请码不对，请核对后重新输入。多次输错将暂时不能使用'), preview());
    const page = await openPage(PAGE, fake, {});
    await digitsInput(page, '11112222');
    await sleep();
    expect(text(page, '#err-digits')).toBe('数字邀请码不对，请核对后重新输入。多次输错将暂时不能使用');
    expect(boxes(page)).toEqual(['', '', '', '', '', '', '', '']);
    expect(page.instance.data.loadState).toBe('ready'); // no error screen offering to send the same digits again
    expect(page.querySelector('#enter-code')).toBeTruthy();
    await digitsInput(page, '11112223');
    await sleep();
    expect(fake.callsTo('case', 'openInvite').map((c) => c.data)).toEqual([{ code: '11112222' }, { code: '11112223' }]);
    expect(text(page, '#invite')).toContain('张* 申请人民调解');
  });
});
