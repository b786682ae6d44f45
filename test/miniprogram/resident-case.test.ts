// 案件详情 for a party: the timeline, who holds the case and until when, the next step, and what the party can
// do from here (withdraw, end mediation, mark an item received, rate), each once per intent.
import { err, FakeTransport, fail, ok } from './helpers/fake-transport';
import { RenderedComponent, sleep, tap, visibleText } from './helpers/simulate';
import { currentWx } from './helpers/wx-stub';
import { openPage } from './helpers/staff-fixtures';
import { CASE_ID, partyView, stepResult } from './helpers/resident-fixtures';

const PAGE = 'pkg-resident/pages/case/detail/index';
const text = (p: RenderedComponent, sel?: string) => visibleText(sel ? p.querySelector(sel)! : p);

/** The user answers a modal with a reason (or cancels with `undefined`). */
function answerModal(content: string | undefined) {
  currentWx().showModal = jest.fn((o: { success?: (r: unknown) => void }) => o.success?.(content === undefined ? { confirm: false, cancel: true } : { confirm: true, content }));
}

describe('案件详情 (party)', () => {
  it('shows the holder with a number to call, the next step with its deadline and the timeline, newest first', async () => {
    const fake = new FakeTransport().reply('case', 'get', ok(partyView()));
    const page = await openPage(PAGE, fake, { id: CASE_ID });
    expect(fake.callsTo('case', 'get')[0].data).toEqual({ caseId: CASE_ID });
    expect(text(page, '#head')).toContain('邻里纠纷');
    expect(text(page, '#head')).toContain('案件编号 QF-2025-000123 · 我是申请人');
    expect(text(page, '#status')).toBe('已登记');
    expect(text(page, '#holder-name')).toBe('柳岸社区人民调解委员会');
    expect(text(page, '#next')).toContain('受理期限：5月8日 23:59前');
    expect(text(page, '#next')).toContain('由柳岸社区人民调解委员会办理');
    const timeline = text(page, '#timeline');
    expect(timeline.indexOf('调解组织已受理')).toBeLessThan(timeline.indexOf('登记受理申请'));
    expect(timeline).toContain('5月6日 11:30 · 柳岸社区人民调解委员会');

    await tap(page, '#call-holder');
    expect(currentWx().makePhoneCall).toHaveBeenCalledWith(expect.objectContaining({ phoneNumber: '0571-86000111' }));
  });

  it('a transfer under way says to whom and by when; an urgent case shows the emergency numbers', async () => {
    const fake = new FakeTransport().reply(
      'case',
      'get',
      ok(partyView({ status: 'transferring', statusLabel: '转办中', urgent: true, emergencyNumbers: [{ label: '报警', number: '110' }], pendingTransfer: { toOrgId: 'donghu-centre', toOrgName: '东湖街道矛盾纠纷调处化解中心', dueAt: '2025-05-09T15:59:59.999Z' } })),
    );
    const page = await openPage(PAGE, fake, { id: CASE_ID });
    expect(text(page, '#transfer')).toBe('正在转交东湖街道矛盾纠纷调处化解中心，对方应在5月9日 23:59前决定是否接收');
    expect(text(page, '#emergency')).toContain('报警 110');
  });

  it('withdrawing asks first, sends the reason once and shows the closed case', async () => {
    const closed = partyView({ status: 'closed', statusLabel: '已结案', outcomeLabel: '申请人撤回', next: undefined, closing: { outcomeLabel: '申请人撤回', reason: '已和解' } });
    const fake = new FakeTransport().reply('case', 'get', ok(partyView()), ok(closed)).reply('case', 'withdraw', ok(stepResult({ status: 'closed' })));
    const page = await openPage(PAGE, fake, { id: CASE_ID });

    answerModal(undefined); // cancelled: nothing sent
    await tap(page, '#withdraw');
    expect(fake.callsTo('case', 'withdraw')).toHaveLength(0);

    answerModal('已和解');
    await tap(page, '#withdraw');
    await sleep();
    const [call] = fake.callsTo('case', 'withdraw');
    expect(call.data).toEqual({ caseId: CASE_ID, reason: '已和解' });
    expect(call.requestId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(text(page, '#closing')).toContain('办理结果：申请人撤回');
    expect(page.querySelector('#withdraw')).toBeFalsy();
  });

  it("the mediator's request to extend the limit is shown with its reason; the party agrees or not, once", async () => {
    const asked = partyView({ status: 'in_mediation', statusLabel: '调解中', extensionRequest: { reason: '双方需要时间核对账目', requestedAt: '2025-05-06T02:00:00.000Z', waitingFor: ['p1', 'p2'], myConsentNeeded: true } });
    const answered = partyView({ status: 'in_mediation', statusLabel: '调解中', extensionRequest: { reason: '双方需要时间核对账目', requestedAt: '2025-05-06T02:00:00.000Z', waitingFor: ['p2'], myConsentNeeded: false } });
    const fake = new FakeTransport()
      .reply('case', 'get', ok(asked), ok(answered))
      .reply('case', 'consentExtension', ok({ ...stepResult({ status: 'in_mediation' }), extension: { status: 'waiting', waitingFor: ['p2'] } }));
    const page = await openPage(PAGE, fake, { id: CASE_ID });
    expect(text(page, '#extension')).toContain('理由：双方需要时间核对账目');

    await tap(page, '#extension-yes');
    await sleep();
    const [call] = fake.callsTo('case', 'consentExtension');
    expect(call.data).toEqual({ caseId: CASE_ID, agree: true });
    expect(call.requestId).toBeTruthy();
    expect(page.querySelector('#extension')).toBeFalsy();
  });

  it('a co-applicant who withdrew still follows the group case but has nothing left to do in it', async () => {
    const view = partyView({
      status: 'in_mediation',
      statusLabel: '调解中',
      parties: [
        { partyId: 'p1', role: 'applicant', name: '张三', mobile: '138****1234', isMe: false, kind: 'person', joined: 'self' },
        { partyId: 'p2', role: 'applicant', name: '王五', isMe: true, kind: 'person', joined: 'self', withdrawn: true },
        { partyId: 'p3', role: 'respondent', name: '李*', isMe: false, kind: 'person', joined: 'self' },
      ],
    });
    const page = await openPage(PAGE, new FakeTransport().reply('case', 'get', ok(view)), { id: CASE_ID });
    expect(text(page)).toContain('我是申请人（已撤回申请）');
    for (const action of ['#withdraw', '#terminate', '#recuse', '#book']) expect(page.querySelector(action)).toBeFalsy();
  });

  it('a party objects to the mediator (回避) with a reason once a mediator works the case; not before', async () => {
    const before = await openPage(PAGE, new FakeTransport().reply('case', 'get', ok(partyView())), { id: CASE_ID });
    expect(before.querySelector('#recuse')).toBeFalsy();

    const mediating = partyView({ status: 'in_mediation', statusLabel: '调解中' });
    const fake = new FakeTransport().reply('case', 'get', ok(mediating)).reply('case', 'recuse', ok(stepResult({ status: 'in_mediation' })));
    const page = await openPage(PAGE, fake, { id: CASE_ID });

    answerModal(' '); // no reason: asked for one, nothing sent
    await tap(page, '#recuse');
    expect(fake.callsTo('case', 'recuse')).toHaveLength(0);
    expect(currentWx().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请填写申请回避的理由' }));

    answerModal('调解员是对方的亲戚');
    await tap(page, '#recuse');
    await sleep();
    const [call] = fake.callsTo('case', 'recuse');
    expect(call.data).toEqual({ caseId: CASE_ID, reason: '调解员是对方的亲戚' });
    expect(call.requestId).toBeTruthy();
    expect(currentWx().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已提交回避申请' }));
  });

  it('a lost answer to 撤回 is retried under the same request id; a refusal shows the server’s message', async () => {
    const fake = new FakeTransport()
      .reply('case', 'get', ok(partyView()))
      .reply('case', 'withdraw', fail('network'), fail('network'), fail('network'), fail('network'), err('NOT_AN_APPLICANT', '只有申请人可以撤回申请'));
    const page = await openPage(PAGE, fake, { id: CASE_ID });
    answerModal('');
    await tap(page, '#withdraw');
    await sleep();
    expect(currentWx().showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '网络不佳，请稍后重试' }));
    await tap(page, '#withdraw');
    await sleep();
    const ids = new Set(fake.callsTo('case', 'withdraw').map((c) => c.requestId));
    expect(ids.size).toBe(1);
    expect(fake.callsTo('case', 'withdraw')[0].data).toEqual({ caseId: CASE_ID });
    expect(currentWx().showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '只有申请人可以撤回申请' }));
  });

  it('in performance the obligee marks an item received, then rates the service once', async () => {
    const item = { itemId: 'i1', description: '支付维修费', amountYuan: 3000, dueDate: '2025-06-30', place: '柳岸社区调解室', done: false, iAmObligee: true };
    const performing = partyView({
      status: 'performing',
      statusLabel: '协议履行中',
      agreement: { form: 'written', version: 2, paperOnly: false, confirmedBy: ['张三', '李*'], awaiting: [], signed: true, sealed: true, effectiveAt: '2025-05-20T02:00:00.000Z' },
      performance: [item],
      mayRate: true,
    });
    const received = { ...performing, performance: [{ ...item, done: true }] };
    const rated = { ...received, mayRate: false, myRating: { score: 5, comment: '很耐心' } };
    const fake = new FakeTransport()
      .reply('case', 'get', ok(performing), ok(received), ok(rated))
      .reply('agreement', 'markDone', ok(stepResult({ status: 'performing' })))
      .reply('agreement', 'rate', ok(stepResult({ status: 'performing' })));
    const page = await openPage(PAGE, fake, { id: CASE_ID });
    expect(text(page, '#item-i1')).toContain('支付维修费 3,000 元');
    expect(text(page, '#item-i1')).toContain('2025年6月30日前');
    expect(text(page, '#actions')).toContain('协议已生效');

    await tap(page, '#done-i1');
    await sleep();
    expect(fake.callsTo('agreement', 'markDone')[0].data).toEqual({ caseId: CASE_ID, itemId: 'i1' });
    expect(text(page, '#item-i1')).toContain('已履行');

    await tap(page, '#rate');
    expect(currentWx().showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '请选择1至5分' }));
    page.instance.onScore({ detail: { value: 5 } });
    page.instance.onComment({ detail: { value: '很耐心' } });
    await tap(page, '#rate');
    await sleep();
    expect(fake.callsTo('agreement', 'rate')[0].data).toEqual({ caseId: CASE_ID, score: 5, comment: '很耐心' });
    expect(text(page, '#rating')).toContain('感谢您的评价');
    expect(page.querySelector('#rate')).toBeFalsy();
  });

  it('a respondent who joined answers the invitation on the case page', async () => {
    const asRespondent = partyView({
      status: 'awaiting_consent',
      statusLabel: '待被申请人同意',
      parties: [
        { partyId: 'p1', role: 'applicant', name: '张*', isMe: false, kind: 'person', joined: 'self' },
        { partyId: 'p2', role: 'respondent', name: '李四', isMe: true, kind: 'person', joined: 'self' },
      ],
    });
    const fake = new FakeTransport()
      .reply('case', 'get', ok(asRespondent), ok(partyView({ status: 'accepted', statusLabel: '已受理', parties: asRespondent.parties })))
      .reply('case', 'reply', ok(stepResult({ status: 'accepted' })));
    const page = await openPage(PAGE, fake, { id: CASE_ID });
    expect(text(page, '#head')).toContain('我是被申请人');
    expect(page.querySelector('#withdraw')).toBeFalsy(); // only the applicant withdraws
    page.instance.onReplyReason({ detail: { value: '愿意谈' } });
    await tap(page, '#reply-agree');
    await sleep();
    expect(fake.callsTo('case', 'reply')[0].data).toEqual({ caseId: CASE_ID, reply: 'agree', reason: '愿意谈' });
    expect(page.querySelector('#reply')).toBeFalsy();
    expect(page.querySelector('#open-booking')).toBeTruthy();
  });

  it('a case that cannot be loaded says so, with 重试; pulling down reloads', async () => {
    const fake = new FakeTransport().reply('case', 'get', err('NOT_FOUND', '案件不存在'), ok(partyView()), ok(partyView({ statusLabel: '已受理' })));
    const page = await openPage(PAGE, fake, { id: CASE_ID });
    // The server's own sentence; the catalogue's only when it sends none.
    expect(text(page)).toContain('案件不存在');
    await tap(page.querySelector('#state')!, '.state-view__retry');
    await sleep();
    expect(text(page, '#holder-name')).toBe('柳岸社区人民调解委员会');
    await page.instance.onPullDownRefresh();
    expect(text(page, '#status')).toBe('已受理');
    expect(currentWx().stopPullDownRefresh).toHaveBeenCalled();
  });
});
