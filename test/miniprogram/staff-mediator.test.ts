// The mediator's flows against a fake transport: the inbox grouped by deadline, the case page with masked
// numbers and tap-to-call, slot proposals, the session record, agreement drafting from the template with the
// server's validation errors shown beside their fields, and the follow-up (signature, return visit, closing).
import { validateAgreement } from '../../src/domain/agreement/rules';
import { FakeTransport, err, ok } from './helpers/fake-transport';
import { currentWx } from './helpers/wx-stub';
import { mp, sleep, tap, visibleText } from './helpers/simulate';
import { CASE_ID, grant, openPage, staffView, withRoles } from './helpers/staff-fixtures';
import type { AgreementContent } from '../../miniprogram/utils/staff-types';

const MEDIATOR = grant('mediator', 'liuan-committee');
const HOUR = 3_600_000;

const assigned = (id: string, status: string, dueInMs: number | null, label = '调解期限') => ({
  caseId: `c${id.padStart(20, '0')}`,
  caseNo: `QF-2025-${id}`,
  status,
  categoryLabel: `纠纷${id}`,
  statusLabel: status === 'accepted' ? '已受理' : '调解中',
  holderName: '柳岸社区人民调解委员会',
  ...(dueInMs === null ? {} : { next: { label, dueAt: new Date(Date.now() + dueInMs).toISOString() } }),
  urgent: false,
  registeredAt: '2025-05-01T02:00:00.000Z',
});

describe('调解员工作台', () => {
  it('groups the assigned cases: overdue first, then due soon, new, in progress', async () => {
    const fake = withRoles(new FakeTransport(), MEDIATOR).reply(
      'case',
      'assigned',
      ok({ items: [assigned('4', 'in_mediation', 20 * 86_400_000), assigned('3', 'accepted', 10 * 86_400_000), assigned('2', 'in_mediation', 5 * HOUR), assigned('1', 'in_mediation', -3 * HOUR)], hasMore: false }),
    );
    const page = await openPage('pkg-mediator/pages/workbench/index/index', fake);
    const text = visibleText(page);
    expect(fake.callsTo('case', 'assigned')).toHaveLength(1);
    const order = ['已超期（1）', '纠纷1', '即将到期（两天内）（1）', '纠纷2', '新分配（1）', '纠纷3', '办理中（1）', '纠纷4'].map((s) => text.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);

    await tap(page, `#case-${assigned('2', '', 0).caseId}`);
    expect(currentWx().navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: `/pkg-mediator/pages/case/detail/index?id=${assigned('2', '', 0).caseId}` }));
  });
});

describe('案件办理', () => {
  const view = staffView({ status: 'accepted', statusLabel: '已受理', triage: undefined });

  it('shows masked numbers only; the full number is fetched on the tap and dialled', async () => {
    const fake = withRoles(new FakeTransport(), MEDIATOR).reply('case', 'get', ok(view)).reply('case', 'revealContact', ok({ partyId: 'p2', mobile: '13912345678' }));
    const page = await openPage('pkg-mediator/pages/case/detail/index', fake, { id: CASE_ID });
    const text = visibleText(page);
    expect(text).toContain('139****5678');
    expect(text).not.toContain('13912345678');

    await tap(page, '#call-p2');
    await sleep();
    expect(fake.callsTo('case', 'revealContact')[0].data).toEqual({ caseId: CASE_ID, partyId: 'p2' });
    expect(currentWx().makePhoneCall).toHaveBeenCalledWith(expect.objectContaining({ phoneNumber: '13912345678' }));
    // The number is not kept on the page after the call.
    expect(JSON.stringify(page.instance.data)).not.toContain('13912345678');
  });

  it('proposes a session time from the bookable slots; a taken slot says so and shows fresh slots', async () => {
    const slots = [
      { startAt: '2025-05-08T06:00:00.000Z', endAt: '2025-05-08T07:00:00.000Z', label: '5月8日 周四 14:00', rooms: [{ roomId: 'liuan-room-1', name: '柳岸和事佬调解室' }] },
      { startAt: '2025-05-08T07:00:00.000Z', endAt: '2025-05-08T08:00:00.000Z', label: '5月8日 周四 15:00', rooms: [{ roomId: 'liuan-room-1', name: '柳岸和事佬调解室' }] },
    ];
    const fake = withRoles(new FakeTransport(), MEDIATOR)
      .reply('case', 'get', ok(view))
      .reply('booking', 'slots', ok({ caseId: CASE_ID, mediatorName: '钱调解', slotMinutes: 60, mode: 'on_site', slots }), ok({ caseId: CASE_ID, mediatorName: '钱调解', slotMinutes: 60, mode: 'on_site', slots: [slots[1]] }))
      .reply('booking', 'book', err('SLOT_TAKEN', '该时段已被预约，请选择其他时间'), ok({ bookingId: 'b1' }));
    const page = await openPage('pkg-mediator/pages/case/detail/index', fake, { id: CASE_ID });
    await tap(page, '#show-slots');
    await sleep();
    expect(visibleText(page)).toContain('5月8日 周四 14:00 · 现场调解 · 柳岸和事佬调解室');

    await tap(page, '#slot-0');
    await sleep();
    expect(fake.callsTo('booking', 'book')[0].data).toEqual({ caseId: CASE_ID, startAt: '2025-05-08T06:00:00.000Z', mode: 'on_site', roomId: 'liuan-room-1' });
    expect(currentWx().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '该时段已被预约，请选择其他时间' }));
    expect(visibleText(page)).not.toContain('5月8日 周四 14:00');

    await tap(page, '#slot-0');
    await sleep();
    expect(fake.callsTo('booking', 'book')[1].data).toEqual({ caseId: CASE_ID, startAt: '2025-05-08T07:00:00.000Z', mode: 'on_site', roomId: 'liuan-room-1' });
  });

  it('records a session: who attended, what was said, the next step', async () => {
    const fake = withRoles(new FakeTransport(), MEDIATOR).reply('case', 'get', ok(view)).reply('booking', 'record', ok({ caseId: CASE_ID }));
    const page = await openPage('pkg-mediator/pages/session/record/index', fake, { id: CASE_ID });
    page.instance.onSummary({ detail: { value: '短' } });
    await tap(page, '#submit');
    expect(fake.callsTo('booking', 'record')).toHaveLength(0);
    expect(visibleText(page)).toContain('请记录主要内容');

    await tap(page, '#mode-back_to_back');
    await tap(page, '#attendee-p2');
    page.instance.onSummary({ detail: { value: '分别听取双方意见，申请人要求赔偿维修费。' } });
    page.instance.onNextStep({ detail: { value: '下周三现场查看' } });
    await tap(page, '#submit');
    await sleep();
    expect(fake.callsTo('booking', 'record')[0].data).toEqual({ caseId: CASE_ID, kind: 'session', mode: 'back_to_back', attendeePartyIds: ['p1'], summary: '分别听取双方意见，申请人要求赔偿维修费。', nextStep: '下周三现场查看', nonPublic: false });
    expect(currentWx().navigateBack).toHaveBeenCalled();
  });
});

const template = (): { content: AgreementContent; paperOnly: boolean } => ({
  paperOnly: false,
  content: {
    parties: [
      { partyId: 'p1', role: 'applicant', kind: 'person', name: '张三', idType: 'resident_id', idNumber: '', address: '' },
      { partyId: 'p2', role: 'respondent', kind: 'person', name: '李四', idType: 'resident_id', idNumber: '', address: '柳岸社区 3 幢 502 室' },
    ],
    facts: '',
    disputedMatters: '楼上漏水造成的损失如何赔偿',
    responsibilities: '',
    terms: ['被申请人修复漏水点', '被申请人赔偿维修费'],
    performance: [{ itemId: 'item-1', obligorPartyId: 'p2', obligeePartyId: 'p1', description: '支付维修费', amountYuan: 3000, method: '微信转账', place: '', dueDate: '2099-06-30' }],
  },
});

describe('起草调解协议', () => {
  it("submits the template and shows every validation error of the server beside its field", async () => {
    const fields = {
      'parties[0].idNumber': '张三的公民身份号码有误',
      'parties[0].address': '张三未填写住所',
      facts: '协议须写明纠纷的主要事实',
      'performance[0].place': '第1项履行事项未写明履行地点',
    };
    const fake = withRoles(new FakeTransport(), MEDIATOR)
      .reply('agreement', 'template', ok(template()))
      .reply('agreement', 'draft', err('AGREEMENT_INVALID', '调解协议内容不完整', fields), ok({ version: 1, hash: 'h1' }));
    const page = await openPage('pkg-mediator/pages/agreement/draft/index', fake, { id: CASE_ID });
    expect(fake.callsTo('agreement', 'template')[0].data).toEqual({ caseId: CASE_ID });
    // The template prefills the form (inputs hold values, not text).
    expect(page.instance.data.disputedMatters).toBe('楼上漏水造成的损失如何赔偿');
    expect(visibleText(page)).toContain('第 1 项：李四 → 张三');

    await tap(page, '#submit');
    await sleep();
    const first = fake.callsTo('agreement', 'draft')[0].data as { caseId: string; content: AgreementContent };
    expect(first.caseId).toBe(CASE_ID);
    expect(first.content.terms).toEqual(['被申请人修复漏水点', '被申请人赔偿维修费']);
    expect(first.content.performance[0]).toMatchObject({ amountYuan: 3000, method: '微信转账' });

    // Each message sits right under its own field.
    expect(visibleText(page.querySelector('#err-party-0-idNumber')!)).toBe('张三的公民身份号码有误');
    expect(visibleText(page.querySelector('#err-party-0-address')!)).toBe('张三未填写住所');
    expect(visibleText(page.querySelector('#err-facts')!)).toBe('协议须写明纠纷的主要事实');
    expect(visibleText(page.querySelector('#err-item-0-place')!)).toBe('第1项履行事项未写明履行地点');
    expect(page.querySelector('#err-party-1-address')).toBeFalsy();
    expect(visibleText(page.querySelector('#party-0')!)).toContain('张三的公民身份号码有误');
    expect(visibleText(page.querySelector('#item-0')!)).toContain('第1项履行事项未写明履行地点');

    // Editing a field clears its message; the fixed draft goes through.
    const field = (index: number, name: string, value: string, handler: string) =>
      page.instance[handler]({ currentTarget: { dataset: { index, field: name } }, detail: { value } });
    field(0, 'idNumber', '11010519491231002X', 'onPartyField');
    await sleep();
    expect(page.querySelector('#err-party-0-idNumber')).toBeFalsy();
    field(0, 'address', '柳岸社区 3 幢 402 室', 'onPartyField');
    page.instance.onText({ currentTarget: { dataset: { field: 'facts' } }, detail: { value: '2025 年 4 月起 502 室卫生间漏水至 402 室。' } });
    field(0, 'place', '柳岸社区调解室', 'onItemField');
    await sleep();
    await tap(page, '#submit');
    await sleep();
    const second = fake.callsTo('agreement', 'draft')[1].data as { content: AgreementContent };
    expect(second.content.parties[0]).toMatchObject({ idNumber: '11010519491231002X', address: '柳岸社区 3 幢 402 室' });
    expect(second.content.performance[0].place).toBe('柳岸社区调解室');
    expect(page.querySelector('#err-facts')).toBeFalsy();
    expect(visibleText(page)).toContain('第 1 稿');
  });

  it('a revision of a sent version needs a reason and goes to agreement.revise', async () => {
    const fake = withRoles(new FakeTransport(), MEDIATOR)
      .reply('agreement', 'template', ok({ ...template(), current: { version: 2, hash: 'h2' } }))
      .reply('agreement', 'revise', ok({ version: 3, hash: 'h3' }));
    const page = await openPage('pkg-mediator/pages/agreement/draft/index', fake, { id: CASE_ID });
    expect(visibleText(page)).toContain('第 2 稿');
    await tap(page, '#submit');
    expect(fake.callsTo('agreement', 'revise')).toHaveLength(0);
    expect(visibleText(page.querySelector('#err-reason')!)).toContain('须写明理由');

    page.instance.onText({ currentTarget: { dataset: { field: 'reason' } }, detail: { value: '申请人要求分两期支付' } });
    await tap(page, '#submit');
    await sleep();
    expect(fake.callsTo('agreement', 'revise')[0].data).toMatchObject({ caseId: CASE_ID, reason: '申请人要求分两期支付' });
    expect(visibleText(page)).toContain('第 3 稿');
  });

  it("places every field path the domain's Art. 29 validation produces (the server's source of messages)", () => {
    const { placeErrors } = mp('pkg-mediator/pages/agreement/draft/index') as typeof import('../../miniprogram/pkg-mediator/pages/agreement/draft/index');
    const bad = template().content;
    bad.parties.push({ partyId: 'p1', role: 'applicant', kind: 'organisation', name: '', idType: 'credit_code', idNumber: 'x', address: '' });
    bad.performance.push({ itemId: 'item-1', obligorPartyId: 'p1', obligeePartyId: 'p1', description: '', amountYuan: -5, method: '', place: '', dueDate: '2000-01-01' });
    bad.terms = [];
    const issues = validateAgreement(bad, [{ partyId: 'p1', role: 'applicant' }, { partyId: 'p2', role: 'respondent' }], '2025-05-05');
    expect(issues.length).toBeGreaterThan(10);
    const placed = placeErrors(Object.fromEntries(issues.map((i) => [i.field, i.message])), bad.parties.length, bad.performance.length);
    expect(placed.other).toEqual([]);
  });
});

describe('协议履行与回访', () => {
  const answer = (over: Record<string, unknown> = {}) =>
    ok({
      agreement: { form: 'written', version: 2, hash: 'h2', parties: [{ partyId: 'p1', name: '张三', confirmed: true }, { partyId: 'p2', name: '李四', confirmed: true }], mediatorSigned: false, sealed: false, ...over },
      performanceItems: [{ itemId: 'item-1', description: '支付维修费', amountYuan: 3000, place: '柳岸社区调解室', dueDate: '2025-06-30' }],
      returnVisits: [],
    });

  it('the mediator signs the version every party confirmed, records the return visit and closes a failed case with the routes explained', async () => {
    const fake = withRoles(new FakeTransport(), MEDIATOR)
      .reply('agreement', 'get', answer(), answer({ mediatorSigned: true }))
      .reply('agreement', 'sign', ok({}))
      .reply('agreement', 'returnVisit', ok({}))
      .reply('agreement', 'close', ok({}));
    const page = await openPage('pkg-mediator/pages/agreement/follow-up/index', fake, { id: CASE_ID });
    let text = visibleText(page);
    expect(text).toContain('当事人均已确认，待调解员签名');
    expect(text).toContain('支付维修费（3000 元）');
    expect(text).toContain('2025-06-30 前 · 柳岸社区调解室');

    await tap(page, '#sign');
    await sleep();
    expect(fake.callsTo('agreement', 'sign')[0].data).toEqual({ caseId: CASE_ID, hash: 'h2' });
    text = visibleText(page);
    expect(text).toContain('待调委会盖章');
    expect(page.querySelector('#sign')).toBeFalsy();

    await tap(page, '#save-visit');
    expect(fake.callsTo('agreement', 'returnVisit')).toHaveLength(0);
    expect(visibleText(page)).toContain('请选择履行情况');
    await tap(page, '#result-partially_performed');
    await tap(page, '#star-4');
    page.instance.onNotes({ detail: { value: '已付一半，余款约定月底付清' } });
    await tap(page, '#save-visit');
    await sleep();
    expect(fake.callsTo('agreement', 'returnVisit')[0].data).toEqual({ caseId: CASE_ID, result: 'partially_performed', satisfaction: 4, notes: '已付一半，余款约定月底付清' });

    await tap(page, '#outcome-failed');
    page.instance.onCloseReason({ detail: { value: '被申请人拒绝履行' } });
    await tap(page, '#do-close');
    expect(fake.callsTo('agreement', 'close')).toHaveLength(0);
    expect(visibleText(page)).toContain('请写明告知当事人的其他途径');
    page.instance.onGuidance({ detail: { value: '可向区人民法院起诉，或申请司法确认后强制执行' } });
    await tap(page, '#do-close');
    await sleep();
    expect(fake.callsTo('agreement', 'close')[0].data).toEqual({ caseId: CASE_ID, outcome: 'failed', reason: '被申请人拒绝履行', guidance: '可向区人民法院起诉，或申请司法确认后强制执行' });
  });
});
