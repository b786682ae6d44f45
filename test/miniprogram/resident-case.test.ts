// 案件详情 for a party: the timeline, who holds the case and until when, the next step, and what the party can
// do from here (withdraw, end mediation, mark an item received, rate), each once per intent.
import { err, FakeTransport, fail, ok } from './helpers/fake-transport';
import { RenderedComponent, sleep, tap, visibleText } from './helpers/simulate';
import { currentWx } from './helpers/wx-stub';
import { openPage } from './helpers/staff-fixtures';
import { CASE_ID, partyView, stepResult } from './helpers/resident-fixtures';

const PAGE = 'pkg-resident/pages/case/detail/index';
const text = (p: RenderedComponent, sel?: string) => visibleText(sel ? p.querySelector(sel)! : p);

/** Each stage of the bar with its state (done, current, todo, skipped). */
function stageStates(page: RenderedComponent): string[] {
  return Array.from(page.querySelector('#stages')!.dom.querySelectorAll('wx-view'))
    .map((e) => /cd-stage--(\w+)/.exec(e.className)?.[1] && `${(e.textContent ?? '').trim()}:${/cd-stage--(\w+)/.exec(e.className)?.[1]}`)
    .filter(Boolean) as string[];
}

/** The user answers a modal with a reason (or cancels with `undefined`). */
function answerModal(content: string | undefined) {
  currentWx().showModal = jest.fn((o: { success?: (r: unknown) => void }) => o.success?.(content === undefined ? { confirm: false, cancel: true } : { confirm: true, content }));
}

describe('案件详情 (party)', () => {
  it('opens with what happens next in one sentence, a stage bar, who holds the case and an unnumbered history, newest first', async () => {
    const fake = new FakeTransport().reply('case', 'get', ok(partyView()));
    const page = await openPage(PAGE, fake, { id: CASE_ID });
    expect(fake.callsTo('case', 'get')[0].data).toEqual({ caseId: CASE_ID });
    expect(text(page, '#head')).toContain('邻里纠纷');
    expect(text(page, '#head')).toContain('案件编号 QF-2025-000123 · 我是申请人');
    expect(text(page, '#status')).toBe('已登记');
    // Nothing waits on the applicant: the sentence says who acts and by when, with no button.
    expect(text(page, '#task')).toBe('接下来柳岸社区人民调解委员会将在5月8日前决定是否受理');
    expect(page.querySelector('#task')!.dom.querySelector('wx-button')).toBeFalsy();
    expect(text(page)).not.toMatch(/分流|受理期限/);
    expect(stageStates(page)).toEqual(['申请:current', '受理:todo', '调解:todo', '协议:todo', '履行:todo', '结案:todo']);
    expect(text(page, '#holder-name')).toBe('柳岸社区人民调解委员会');
    const timeline = text(page, '#timeline');
    expect(timeline.indexOf('调解组织已受理')).toBeLessThan(timeline.indexOf('登记受理申请'));
    expect(timeline).toContain('5月6日 11:30 · 柳岸社区人民调解委员会');
    expect(timeline).not.toMatch(/\d\s*调解组织已受理|[①②]/);
    expect(page.querySelector('#timeline')!.dom.querySelector('wx-t-steps, wx-t-step-item')).toBeFalsy();

    await tap(page, '#call-holder');
    expect(currentWx().makePhoneCall).toHaveBeenCalledWith(expect.objectContaining({ phoneNumber: '0571-86000111' }));
  });

  it('a case passed to another committee says so plainly; an urgent case shows the emergency numbers', async () => {
    const fake = new FakeTransport().reply(
      'case',
      'get',
      ok(
        partyView({
          status: 'transferring',
          statusLabel: '交由其他调委会办理中',
          urgent: true,
          emergencyNumbers: [{ label: '报警', number: '110' }],
          pendingTransfer: { toOrgId: 'donghu-centre', toOrgName: '东湖街道矛盾纠纷调处化解中心', dueAt: '2025-05-09T15:59:59.999Z' },
          nextStep: { step: 'transfer_response', text: '案件正在转交东湖街道矛盾纠纷调处化解中心办理，对方最晚5月9日确认是否接手', mine: false },
        }),
      ),
    );
    const page = await openPage(PAGE, fake, { id: CASE_ID });
    expect(text(page, '#next-step')).toBe('案件正在转交东湖街道矛盾纠纷调处化解中心办理，对方最晚5月9日确认是否接手');
    expect(text(page)).not.toContain('转办');
    expect(text(page, '#emergency')).toContain('报警 110');
  });

  it('a closed case that never reached an agreement shows 协议 and 履行 passed over on the bar', async () => {
    const closed = partyView({ status: 'closed', statusLabel: '已结案', outcomeLabel: '调解不成', nextStep: { step: 'closed', text: '案件已办结', mine: false }, closing: { outcomeLabel: '调解不成' } });
    const page = await openPage(PAGE, new FakeTransport().reply('case', 'get', ok(closed)), { id: CASE_ID });
    expect(stageStates(page)).toEqual(['申请:done', '受理:done', '调解:done', '协议:skipped', '履行:skipped', '结案:current']);
  });

  it('an agreement waiting for the reader is the big button at the top, saying what it does', async () => {
    const pending = partyView({
      status: 'agreement_pending',
      statusLabel: '协议待确认',
      agreement: { form: 'written', version: 2, paperOnly: false, confirmedBy: [], awaiting: ['张三', '李*'], signed: false, sealed: false },
      nextStep: { step: 'agreement_confirm', text: '请您在5月20日前阅读并确认调解协议', mine: true },
    });
    const page = await openPage(PAGE, new FakeTransport().reply('case', 'get', ok(pending)), { id: CASE_ID });
    expect(text(page, '#task')).toContain('需要您办理');
    expect(text(page, '#next-step')).toBe('请您在5月20日前阅读并确认调解协议');
    expect(text(page, '#task-action')).toBe('阅读并确认调解协议');
    // The task comes before everything but the case's heading: before the stage bar and who holds the case.
    const all = text(page);
    expect(all.indexOf('阅读并确认调解协议')).toBeLessThan(all.indexOf('申请受理调解'));
    expect(all.indexOf('申请受理调解')).toBeLessThan(all.indexOf('现在由谁负责'));
    await tap(page, '#task-agreement');
    expect(currentWx().navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: expect.stringContaining(`id=${CASE_ID}`) }));
    expect(stageStates(page)[3]).toBe('协议:current');
  });

  it('a proposed session time waiting on the reader is the button at the top, leading to the booking page', async () => {
    const proposed = partyView({ status: 'in_mediation', statusLabel: '调解中', nextStep: { step: 'booking_confirm', text: '请您确认调解时间：5月12日 9:00', mine: true } });
    const page = await openPage(PAGE, new FakeTransport().reply('case', 'get', ok(proposed)), { id: CASE_ID });
    expect(text(page, '#next-step')).toBe('请您确认调解时间：5月12日 9:00');
    expect(text(page, '#task-action')).toBe('查看并确认调解时间');
    await tap(page, '#task-booking');
    expect(currentWx().navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: expect.stringMatching(new RegExp(`booking.*id=${CASE_ID}`)) }));
  });

  it('the applicant waiting for the other side is told so with the day, and has nothing to press at the top', async () => {
    const waiting = partyView({ status: 'awaiting_consent', statusLabel: '等待答复是否同意调解', nextStep: { step: 'respondent_reply', text: '对方正在考虑是否同意调解，最晚5月9日答复', mine: false } });
    const page = await openPage(PAGE, new FakeTransport().reply('case', 'get', ok(waiting)), { id: CASE_ID });
    expect(text(page, '#task')).toBe('接下来对方正在考虑是否同意调解，最晚5月9日答复');
    expect(page.querySelector('#reply')).toBeFalsy();
    expect(text(page)).not.toContain('被申请人');
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

  it('a party sees the invited experts and objects to one (回避) with a reason; not once the case is closed', async () => {
    const experts = [{ expertId: 'x0123456789abcdef', name: '周律师', field: '法律', affiliation: '明德律师事务所', isMe: false }];
    const fake = new FakeTransport()
      .reply('case', 'get', ok(partyView({ status: 'in_mediation', statusLabel: '调解中', experts })))
      .reply('case', 'recuseExpert', ok(stepResult({ status: 'in_mediation' })));
    const page = await openPage(PAGE, fake, { id: CASE_ID });
    expect(visibleText(page.querySelector('#experts')!)).toContain('周律师');
    expect(visibleText(page.querySelector('#experts')!)).toContain('法律 · 明德律师事务所');

    answerModal('该律师曾代理对方的案件');
    await tap(page, '#recuse-expert-x0123456789abcdef');
    await sleep();
    expect(fake.callsTo('case', 'recuseExpert')[0].data).toEqual({ caseId: CASE_ID, expertId: 'x0123456789abcdef', reason: '该律师曾代理对方的案件' });
    expect(currentWx().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已提交回避申请' }));

    const closed = await openPage(PAGE, new FakeTransport().reply('case', 'get', ok(partyView({ status: 'closed', statusLabel: '已结案', experts }))), { id: CASE_ID });
    expect(closed.querySelector('#recuse-expert-x0123456789abcdef')).toBeFalsy();
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

  it('in performance the one owed an item says at the top it arrived (after being told it cannot be undone), then rates the service once', async () => {
    const item = { itemId: 'i1', description: '支付维修费', amountYuan: 3000, dueDate: '2025-06-30', place: '柳岸社区调解室', done: false, iAmObligee: true };
    const performing = partyView({
      status: 'performing',
      statusLabel: '协议履行中',
      agreement: { form: 'written', version: 2, paperOnly: false, confirmedBy: ['张三', '李*'], awaiting: [], signed: true, sealed: true, effectiveAt: '2025-05-20T02:00:00.000Z' },
      performance: [item],
      mayRate: true,
      nextStep: { step: 'receive', text: '对方应在6月30日前完成：支付维修费；收到后请告诉我们', mine: true, itemId: 'i1' },
    });
    const received = { ...performing, performance: [{ ...item, done: true }], nextStep: { step: 'rating' as const, text: '请您为这次调解服务打分', mine: true } };
    const rated = { ...received, mayRate: false, myRating: { score: 5, comment: '很耐心' }, nextStep: { step: 'return_visit' as const, text: '调解员将在7月5日前回访，了解协议履行情况', mine: false } };
    const fake = new FakeTransport()
      .reply('case', 'get', ok(performing), ok(received), ok(rated))
      .reply('agreement', 'markDone', ok(stepResult({ status: 'performing' })))
      .reply('agreement', 'rate', ok(stepResult({ status: 'performing' })));
    const page = await openPage(PAGE, fake, { id: CASE_ID });
    expect(text(page, '#next-step')).toBe('对方应在6月30日前完成：支付维修费；收到后请告诉我们');
    expect(text(page, '#task-action')).toBe('我已收到：支付维修费');
    expect(text(page, '#item-i1')).toContain('支付维修费 3,000 元');
    expect(text(page, '#item-i1')).toContain('2025年6月30日前');
    expect(text(page, '#actions')).toContain('协议已生效');
    expect(stageStates(page)[4]).toBe('履行:current');

    answerModal(undefined); // 再想想: nothing sent
    await tap(page, '#task-receive');
    expect(currentWx().showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '确认已经收到？', content: expect.stringContaining('不能撤回') }));
    expect(fake.callsTo('agreement', 'markDone')).toHaveLength(0);

    answerModal('');
    await tap(page, '#task-receive');
    await sleep();
    expect(fake.callsTo('agreement', 'markDone')[0].data).toEqual({ caseId: CASE_ID, itemId: 'i1' });
    expect(text(page, '#item-i1')).toContain('已履行');

    // Now the rating is what waits, at the top.
    expect(text(page, '#next-step')).toBe('请您为这次调解服务打分');
    expect(page.querySelector('#rating')).toBeFalsy();
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

  it('an agreement in force shows the last date and the court for judicial confirmation, then that they applied; both open the agreement page', async () => {
    const agreement = { form: 'written' as const, version: 2, paperOnly: false, confirmedBy: ['张三', '李*'], awaiting: [], signed: true, sealed: true, effectiveAt: '2025-05-20T02:00:00.000Z', judicialConfirmationBy: '2025-06-19' };
    const court = { name: '清风区人民法院', address: '清风区法院路 9 号', phone: '0571-86100000' };
    const performing = partyView({ status: 'performing', statusLabel: '协议履行中', agreement: { ...agreement, judicial: { by: '2025-06-19', court, mayRecord: true } } });
    const page = await openPage(PAGE, new FakeTransport().reply('case', 'get', ok(performing)), { id: CASE_ID });
    expect(page.querySelector('#open-judicial')).toBeTruthy();
    expect(text(page, '#actions')).toContain('司法确认2025年6月19日前共同向清风区人民法院申请');
    await tap(page, '#open-judicial');
    expect(currentWx().navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: expect.stringContaining('/pkg-resident/pages/case/agreement/index?id=') }));

    const applied = partyView({ status: 'performing', statusLabel: '协议履行中', agreement: { ...agreement, judicial: { by: '2025-06-19', court, mayRecord: false, applied: { appliedOn: '2025-06-02', by: '李*', mine: false } } } });
    const page2 = await openPage(PAGE, new FakeTransport().reply('case', 'get', ok(applied)), { id: CASE_ID });
    expect(text(page2, '#actions')).toContain('司法确认已于2025年6月2日申请');
  });

  it("shows the legal guidance for the case's category, with the law and the 12348 hotline", async () => {
    const guidance = '邻里之间应当按照有利生产、方便生活、团结互助、公平合理的原则处理相邻关系（《民法典》第二百八十八条）。需要法律咨询或法律援助，可拨打12348公共法律服务热线。';
    const page = await openPage(PAGE, new FakeTransport().reply('case', 'get', ok(partyView({ guidance }))), { id: CASE_ID });
    expect(text(page, '#guidance')).toContain(`法律小贴士${guidance}`);
    expect(text(page, '#guidance')).toContain('看看同类典型案例');
    const without = await openPage(PAGE, new FakeTransport().reply('case', 'get', ok(partyView())), { id: CASE_ID });
    expect(without.querySelector('#guidance')).toBeFalsy();
  });

  it('refusing mediation asks first and says the case ends there; 再想想 sends nothing', async () => {
    const asRespondent = partyView({
      status: 'awaiting_consent',
      statusLabel: '等待答复是否同意调解',
      nextStep: { step: 'respondent_reply', text: '请您在5月9日前答复是否同意调解', mine: true },
      parties: [
        { partyId: 'p1', role: 'applicant', name: '张*', isMe: false, kind: 'person', joined: 'self' },
        { partyId: 'p2', role: 'respondent', name: '李四', isMe: true, kind: 'person', joined: 'self' },
      ],
    });
    const closed = partyView({ ...asRespondent, status: 'closed', statusLabel: '已结案', nextStep: { step: 'closed', text: '案件已办结', mine: false } });
    const fake = new FakeTransport().reply('case', 'get', ok(asRespondent), ok(closed)).reply('case', 'reply', ok(stepResult({ status: 'closed' })));
    const page = await openPage(PAGE, fake, { id: CASE_ID });
    expect(text(page, '#task')).toContain('需要您办理请您在5月9日前答复是否同意调解');
    // The respondent is spoken to, not spoken of (我是被申请人 in the heading is their own role).
    expect(text(page)).not.toMatch(/待被申请人|被申请人答复|被申请人同意/);

    answerModal(undefined);
    await tap(page, '#reply-refuse');
    expect(currentWx().showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '不同意调解？', content: expect.stringContaining('案件就此办结') }));
    expect(fake.callsTo('case', 'reply')).toHaveLength(0);

    answerModal('');
    await tap(page, '#reply-refuse');
    await sleep();
    expect(fake.callsTo('case', 'reply')[0].data).toEqual({ caseId: CASE_ID, reply: 'refuse' });
    expect(page.querySelector('#reply')).toBeFalsy();
  });

  it('refusing an extension asks first, saying the mediation must end by its day', async () => {
    const asked = partyView({
      status: 'in_mediation',
      statusLabel: '调解中',
      mediationLimit: { dueAt: '2025-06-05T15:59:59.999Z', extended: false },
      extensionRequest: { reason: '双方需要时间核对账目', requestedAt: '2025-05-06T02:00:00.000Z', waitingFor: ['p1'], myConsentNeeded: true },
      nextStep: { step: 'extension_consent', text: '调解员想延长调解期限，请您答复是否同意', mine: true },
    });
    const fake = new FakeTransport().reply('case', 'get', ok(asked)).reply('case', 'consentExtension', ok({ ...stepResult({ status: 'in_mediation' }), extension: { status: 'refused', waitingFor: [] } }));
    const page = await openPage(PAGE, fake, { id: CASE_ID });
    answerModal(undefined);
    await tap(page, '#extension-no');
    expect(currentWx().showModal).toHaveBeenCalledWith(expect.objectContaining({ content: expect.stringContaining('6月5日') }));
    expect(fake.callsTo('case', 'consentExtension')).toHaveLength(0);
    answerModal('');
    await tap(page, '#extension-no');
    await sleep();
    expect(fake.callsTo('case', 'consentExtension')[0].data).toEqual({ caseId: CASE_ID, agree: false });
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

  describe('the appointment card of a booked session', () => {
    const booked = (room: Record<string, unknown> | undefined) =>
      partyView({
        status: 'scheduled',
        statusLabel: '已预约调解',
        nextSession: {
          at: '2025-05-12T01:00:00.000Z',
          endAt: '2025-05-12T02:00:00.000Z',
          mode: 'on_site',
          modeLabel: '现场调解',
          roomId: 'liuan-room-1',
          ...(room ? { room: room as { name: string; address: string } } : {}),
          mediatorName: '李调解员',
          bring: ['身份证', '与纠纷有关的材料（合同、票据、照片等）'],
          nonPublic: false,
        },
        nextStep: { step: 'session', text: '请您按时参加5月12日的调解', mine: true },
      });
    const ROOM = { name: '柳岸和事佬调解室', address: '柳岸社区党群服务中心一楼（柳岸路26号）', latitude: 30.2769, longitude: 120.2488 };

    it('says the day with its weekday and the hours, where, with whom and what to bring', async () => {
      const page = await openPage(PAGE, new FakeTransport().reply('case', 'get', ok(booked(ROOM))), { id: CASE_ID });
      expect(text(page, '#appt-when')).toBe('2025年5月12日（周一）09:00–10:00');
      expect(text(page, '#appt-place')).toBe('地点柳岸和事佬调解室柳岸社区党群服务中心一楼（柳岸路26号）');
      expect(text(page, '#appt-mediator')).toBe('调解员李调解员');
      expect(text(page, '#appt-bring')).toBe('请带上身份证；与纠纷有关的材料（合同、票据、照片等）');
    });

    it('导航 opens the room on the map; 提醒我 asks for the session reminder; 改期 opens the booking page to choose again', async () => {
      const fake = new FakeTransport().reply('case', 'get', ok(booked(ROOM)));
      const page = await openPage(PAGE, fake, { id: CASE_ID });
      const wx = currentWx();
      wx.openLocation = jest.fn();
      wx.requestSubscribeMessage = jest.fn((o: { tmplIds: string[]; success?: (r: unknown) => void }) => o.success?.({ [o.tmplIds[0]]: 'accept' }));

      await tap(page, '#appt-navigate');
      expect(wx.openLocation).toHaveBeenCalledWith(expect.objectContaining({ latitude: 30.2769, longitude: 120.2488, name: '柳岸和事佬调解室', address: ROOM.address }));

      await tap(page, '#appt-remind');
      expect(wx.requestSubscribeMessage).toHaveBeenCalledWith(expect.objectContaining({ tmplIds: ['local-session_reminder'] }));
      expect(wx.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '调解前会通过微信提醒您' }));

      await tap(page, '#appt-reschedule');
      expect(wx.navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: expect.stringMatching(/booking.*\?id=.*&reschedule=1$/) }));
    });

    it('a room without coordinates shows its address and no 导航 button', async () => {
      const page = await openPage(PAGE, new FakeTransport().reply('case', 'get', ok(booked({ name: '柳岸和事佬调解室', address: '柳岸路26号' }))), { id: CASE_ID });
      expect(text(page, '#appt-address')).toBe('柳岸路26号');
      expect(page.querySelector('#appt-navigate')).toBeFalsy();
    });
  });
});
