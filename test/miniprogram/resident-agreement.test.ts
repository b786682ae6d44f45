// 调解协议 and 预约调解 for a party: reading the agreement and confirming the exact version read (a changed
// text is shown again, never confirmed blindly), marking performance received; booking one of the
// mediator's free times, confirming the mediator's proposal, cancelling with a reason.
import { err, FakeTransport, ok } from './helpers/fake-transport';
import { RenderedComponent, sleep, tap, visibleText } from './helpers/simulate';
import { currentWx } from './helpers/wx-stub';
import { openPage } from './helpers/staff-fixtures';
import { agreementView, bookingView, CASE_ID, stepResult } from './helpers/resident-fixtures';
import type { AgreementView } from '../../miniprogram/services/types';

const AGREEMENT = 'pkg-resident/pages/case/agreement/index';
const BOOKING = 'pkg-resident/pages/case/booking/index';
const text = (p: RenderedComponent, sel?: string) => visibleText(sel ? p.querySelector(sel)! : p);

describe('调解协议', () => {
  it('shows the full text and confirms the version read, by its hash, after the box is ticked', async () => {
    const confirmed = agreementView({ myTurn: false, awaiting: [{ partyId: 'p2', name: '李四' }], confirmations: [{ partyId: 'p1', name: '张三', method: 'electronic', at: '2025-05-10T02:00:00.000Z', current: true, hasScan: false }] });
    const fake = new FakeTransport()
      .reply('agreement', 'get', ok(agreementView()), ok(confirmed))
      .reply('agreement', 'confirm', ok(stepResult({ status: 'agreement_pending' })));
    const page = await openPage(AGREEMENT, fake, { id: CASE_ID });
    currentWx().requestSubscribeMessage = jest.fn((o: { success?: () => void }) => o.success?.());
    const doc = text(page, '#doc');
    expect(doc).toContain('人民调解协议书');
    expect(doc).toContain('第 2 版');
    expect(doc).toContain('申请人：张三');
    expect(doc).toContain('1. 被申请人支付维修费 3000 元');
    expect(doc).toContain('2. 被申请人于五日内修好防水层');
    expect(text(page, '#status')).toContain('待确认：张三、李四');

    await tap(page, '#confirm');
    expect(currentWx().showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '请先阅读协议全文并勾选' }));
    expect(fake.callsTo('agreement', 'confirm')).toHaveLength(0);

    page.instance.onRead({ detail: { checked: true } });
    await tap(page, '#confirm');
    await sleep();
    expect(fake.callsTo('agreement', 'confirm')[0].data).toEqual({ caseId: CASE_ID, hash: 'h'.repeat(64) });
    expect(currentWx().requestSubscribeMessage).toHaveBeenCalled();
    expect(text(page, '#status')).toContain('已确认：张三');
    expect(text(page, '#status')).toContain('待确认：李四');
    expect(page.querySelector('#confirm')).toBeFalsy();
  });

  it('a text changed since it was opened is not confirmed: the new version is shown to be read again', async () => {
    const v3 = agreementView({ version: 3, hash: 'a'.repeat(64), content: { ...agreementView().content, terms: ['被申请人支付维修费 2500 元'] } });
    const fake = new FakeTransport()
      .reply('agreement', 'get', ok(agreementView()), ok(v3))
      .reply('agreement', 'confirm', err('AGREEMENT_VERSION_CHANGED', '协议内容已修改，请阅读新版本后再确认'), ok(stepResult()));
    const page = await openPage(AGREEMENT, fake, { id: CASE_ID });
    page.instance.onRead({ detail: { checked: true } });
    await tap(page, '#confirm');
    await sleep();
    // A sentence this long opens a dialog (a toast would vanish before it is read).
    expect(currentWx().showModal).toHaveBeenCalledWith(expect.objectContaining({ content: '协议内容已修改，请阅读新版本后再确认', confirmText: '知道了' }));
    expect(text(page, '#doc')).toContain('第 3 版');
    expect(text(page, '#doc')).toContain('2500 元');
    expect(page.instance.data.read).toBe(false);

    page.instance.onRead({ detail: { checked: true } });
    await tap(page, '#confirm');
    await sleep();
    const calls = fake.callsTo('agreement', 'confirm');
    expect(calls[1].data).toEqual({ caseId: CASE_ID, hash: 'a'.repeat(64) });
    expect(calls[1].requestId).not.toBe(calls[0].requestId);
  });

  it('paper-only agreements cannot be confirmed online; in force, the judicial-confirmation time limit is shown', async () => {
    const paper = agreementView({ paperOnly: true, myTurn: false });
    const fake = new FakeTransport().reply('agreement', 'get', ok(paper));
    const page = await openPage(AGREEMENT, fake, { id: CASE_ID });
    expect(text(page, '#paper-only')).toBe('本协议涉及婚姻、收养、继承等人身关系，依法不能在手机上确认：请到调解组织当面签字，由工作人员上传签字件。');
    expect(page.querySelector('#confirm')).toBeFalsy();

    const sealed = agreementView({ status: 'performing', myTurn: false, awaiting: [], signed: true, sealed: true, effectiveAt: '2025-05-20T02:00:00.000Z', judicialConfirmationBy: '2025-06-19' });
    const fake2 = new FakeTransport().reply('agreement', 'get', ok(sealed)).reply('agreement', 'markDone', ok(stepResult()));
    const page2 = await openPage(AGREEMENT, fake2, { id: CASE_ID });
    expect(text(page2, '#doc')).toContain('协议已生效（5月20日 10:00）');
    expect(text(page2, '#judicial')).toBe('如需强制执行力，双方可在2025年6月19日前共同向人民法院申请司法确认。');
    expect(text(page2, '#item-i1')).toContain('李四向张三支付维修费 3,000 元');
    await tap(page2, '#done-i1');
    await sleep();
    expect(fake2.callsTo('agreement', 'markDone')[0].data).toEqual({ caseId: CASE_ID, itemId: 'i1' });
  });
});

describe('申请司法确认', () => {
  const inForce = (judicial: AgreementView['judicial']) =>
    agreementView({ status: 'performing', myTurn: false, awaiting: [], signed: true, sealed: true, effectiveAt: '2025-05-20T02:00:00.000Z', judicialConfirmationBy: '2025-06-19', judicial });
  const court = { name: '清风区人民法院', address: '清风区法院路 9 号诉讼服务中心', phone: '0571-86100000' };

  it('shows the court and the last date, downloads the joint application, and records that they applied after asking first', async () => {
    const fake = new FakeTransport()
      .reply('agreement', 'get', ok(inForce({ by: '2025-06-19', court, mayRecord: true })), ok(inForce({ by: '2025-06-19', court, mayRecord: false, applied: { appliedOn: '2025-06-02', by: '张三', mine: true } })))
      .reply('report', 'document', ok({ fileID: 'cloud://env/generated/x/y.docx', url: 'http://127.0.0.1:3000/files/generated/x/y.docx', fileName: '司法确认申请书-QF-2025-000123.docx', size: 20 }))
      .reply('agreement', 'judicialApplied', ok(stepResult({ status: 'performing' })));
    const wx = currentWx();
    wx.downloadFile = jest.fn((o: { success: (r: unknown) => void }) => o.success({ tempFilePath: '/tmp/apply.docx', statusCode: 200 }));
    wx.openDocument = jest.fn((o: { success?: () => void }) => o.success?.());
    const page = await openPage(AGREEMENT, fake, { id: CASE_ID });
    const section = text(page, '#judicial-confirmation');
    expect(section).toContain('申请司法确认的最后日期：2025年6月19日');
    expect(section).toContain('受理法院：清风区人民法院');
    expect(section).toContain('地址：清风区法院路 9 号诉讼服务中心 · 电话：0571-86100000');
    expect(section).toContain('下载申请书');
    expect(section).toContain('我们已申请');
    // The last date is said once, in this section (not again in a line above it); the picked day as a date, not ISO.
    expect(page.querySelector('#judicial')).toBeFalsy();
    expect(text(page, '#judicial-date')).toMatch(/^申请日期：\d{4}年\d{1,2}月\d{1,2}日（点击修改）$/);

    await tap(page, '#judicial-download');
    await sleep();
    expect(fake.callsTo('report', 'document')[0].data).toEqual({ caseId: CASE_ID, kind: 'judicial_application' });
    expect(wx.openDocument).toHaveBeenCalledWith(expect.objectContaining({ filePath: '/tmp/apply.docx', fileType: 'docx' }));

    // Asked first; 再想想 records nothing.
    currentWx().showModal = jest.fn((o: { success?: (r: unknown) => void }) => o.success?.({ confirm: false, cancel: true }));
    page.instance.onAppliedOn({ detail: { value: '2025-06-02' } } as never);
    expect(text(page, '#judicial-date')).toBe('申请日期：2025年6月2日（点击修改）');
    await tap(page, '#judicial-record');
    await sleep();
    expect(currentWx().showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '确认已申请司法确认？', content: expect.stringContaining('双方已于2025年6月2日向清风区人民法院共同申请司法确认'), confirmText: '确认已申请' }));
    expect(fake.callsTo('agreement', 'judicialApplied')).toHaveLength(0);

    currentWx().showModal = jest.fn((o: { success?: (r: unknown) => void }) => o.success?.({ confirm: true, cancel: false }));
    await tap(page, '#judicial-record');
    await sleep();
    expect(fake.callsTo('agreement', 'judicialApplied')[0].data).toEqual({ caseId: CASE_ID, appliedOn: '2025-06-02' });
    expect(text(page, '#judicial-applied')).toBe('您已告知：双方于2025年6月2日向人民法院申请了司法确认。');
    expect(page.querySelector('#judicial-record')).toBeFalsy();
  });

  it('the other party sees who said they applied; without a court in the deployment, the basic court where the organisation is', async () => {
    const fake = new FakeTransport().reply('agreement', 'get', ok(inForce({ by: '2025-06-19', mayRecord: false, applied: { appliedOn: '2025-06-02', by: '李四', mine: false } })));
    const page = await openPage(AGREEMENT, fake, { id: CASE_ID });
    expect(text(page, '#judicial-court')).toBe('受理法院：调解组织所在地的基层人民法院');
    expect(text(page, '#judicial-applied')).toBe('李四已告知：双方于2025年6月2日向人民法院申请了司法确认。');
    expect(page.querySelector('#judicial-record')).toBeFalsy();
  });
});

describe('预约调解', () => {
  const slots = ok({
    caseId: CASE_ID,
    mediatorName: '王调解',
    slotMinutes: 60,
    mode: 'on_site',
    slots: [
      { startAt: '2025-05-12T01:00:00.000Z', endAt: '2025-05-12T02:00:00.000Z', label: '5月12日 周一 09:00' },
      { startAt: '2025-05-12T02:00:00.000Z', endAt: '2025-05-12T03:00:00.000Z', label: '5月12日 周一 10:00' },
    ],
  });

  it('with no booking, lists the mediator’s free times and books the one chosen', async () => {
    const fake = new FakeTransport()
      .reply('booking', 'bookings', ok({ caseId: CASE_ID, bookings: [] }), ok({ caseId: CASE_ID, bookings: [bookingView({ myTurn: false })] }))
      .reply('booking', 'slots', slots)
      .reply('booking', 'book', ok({ ...stepResult(), booking: bookingView({ myTurn: false }) }));
    const page = await openPage(BOOKING, fake, { id: CASE_ID });
    expect(text(page, '#new')).toContain('调解员 王调解');
    expect(text(page, '#new')).toContain('5月12日 周一 10:00');

    await tap(page, '#book');
    expect(currentWx().showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '请先选择一个时间' }));
    await tap(page, '#slot-1');
    await tap(page, '#book');
    await sleep();
    expect(fake.callsTo('booking', 'book')[0].data).toEqual({ caseId: CASE_ID, startAt: '2025-05-12T02:00:00.000Z', mode: 'on_site' });
    // The same day, weekday and hours as the case page's appointment card (the year, as it is not this year).
    expect(text(page, '#active-time')).toBe('2025年5月12日（周一）09:00–10:00');
    expect(text(page, '#waiting')).toBe('您已确认，等待其他当事人确认');
  });

  it('switching to online asks for online slots; a slot taken meanwhile says so and shows fresh times', async () => {
    const fake = new FakeTransport()
      .reply('booking', 'bookings', ok({ caseId: CASE_ID, bookings: [] }))
      .reply('booking', 'slots', slots)
      .reply('booking', 'book', err('SLOT_TAKEN', '该时段已被预约，请选择其他时间'));
    const page = await openPage(BOOKING, fake, { id: CASE_ID });
    await tap(page, '#mode-online');
    await sleep();
    expect(fake.callsTo('booking', 'slots').map((c) => (c.data as { mode: string }).mode)).toEqual(['on_site', 'online']);
    await tap(page, '#slot-0');
    await tap(page, '#book');
    await sleep();
    expect(currentWx().showModal).toHaveBeenCalledWith(expect.objectContaining({ content: '该时段已被预约，请选择其他时间', confirmText: '知道了' }));
    expect(fake.callsTo('booking', 'slots').length).toBe(3);
    expect(page.instance.data.chosen).toBe('');
  });

  it("opened from the appointment card's 改期, the page offers the free times at once (once: back on the page it shows the booking)", async () => {
    const confirmedB = bookingView({ status: 'confirmed', statusLabel: '已确认', myTurn: false });
    const fake = new FakeTransport().reply('booking', 'bookings', ok({ caseId: CASE_ID, bookings: [confirmedB] })).reply('booking', 'slots', slots);
    const page = await openPage(BOOKING, fake, { id: CASE_ID, reschedule: '1' });
    await sleep();
    expect(text(page, '#new')).toContain('改到这个时间');
    expect(fake.callsTo('booking', 'slots')[0].data).toMatchObject({ caseId: CASE_ID, mode: confirmedB.mode });
    expect(page.instance.data.rescheduleOnOpen).toBe(false);
  });

  it('moves a booking to another free time, with a reason the other party will see', async () => {
    const confirmedB = bookingView({ status: 'confirmed', statusLabel: '已确认', myTurn: false });
    const moved = bookingView({ bookingId: 'b2', startAt: '2025-05-12T02:00:00.000Z', endAt: '2025-05-12T03:00:00.000Z', label: '5月12日 周一 10:00', myTurn: false });
    const fake = new FakeTransport()
      .reply('booking', 'bookings', ok({ caseId: CASE_ID, bookings: [confirmedB] }), ok({ caseId: CASE_ID, bookings: [moved, { ...confirmedB, status: 'rescheduled', statusLabel: '已改期', reason: '临时出差' }] }))
      .reply('booking', 'slots', slots)
      .reply('booking', 'reschedule', ok({ ...stepResult({ status: 'scheduled' }), booking: moved }));
    const page = await openPage(BOOKING, fake, { id: CASE_ID });
    expect(page.querySelector('#new')).toBeFalsy();

    await tap(page, '#reschedule');
    await sleep();
    expect(text(page, '#new')).toContain('5月12日 周一 10:00');
    expect(text(page, '#new')).toContain('改到这个时间');
    await tap(page, '#slot-1');

    currentWx().showModal = jest.fn((o: { success?: (r: unknown) => void }) => o.success?.({ confirm: true, content: '临时出差' }));
    await tap(page, '#book');
    await sleep();
    const [call] = fake.callsTo('booking', 'reschedule');
    expect(call.data).toEqual({ caseId: CASE_ID, bookingId: confirmedB.bookingId, startAt: '2025-05-12T02:00:00.000Z', mode: confirmedB.mode, reason: '临时出差' });
    expect(call.requestId).toBeTruthy();
    expect(fake.callsTo('booking', 'book')).toHaveLength(0);
    expect(text(page, '#active-time')).toBe('2025年5月12日（周一）10:00–11:00');
    expect(text(page, '#history')).toContain('临时出差');
  });

  it('no free time shows an empty state that says whom to contact', async () => {
    const fake = new FakeTransport().reply('booking', 'bookings', ok({ caseId: CASE_ID, bookings: [] })).reply('booking', 'slots', ok({ caseId: CASE_ID, mediatorName: '王调解', slotMinutes: 60, mode: 'on_site', slots: [] }));
    const page = await openPage(BOOKING, fake, { id: CASE_ID });
    expect(text(page)).toContain('近期没有可预约的时间，请联系调解组织');
  });

  it('confirms the time the mediator proposed, and cancels only with a reason', async () => {
    const confirmedB = bookingView({ status: 'confirmed', statusLabel: '已确认', myTurn: false });
    const fake = new FakeTransport()
      .reply('booking', 'bookings', ok({ caseId: CASE_ID, bookings: [bookingView()] }), ok({ caseId: CASE_ID, bookings: [confirmedB] }), ok({ caseId: CASE_ID, bookings: [{ ...confirmedB, status: 'cancelled', statusLabel: '已取消', reason: '临时出差' }] }))
      .reply('booking', 'confirm', ok({ ...stepResult({ status: 'scheduled' }), booking: confirmedB }))
      .reply('booking', 'cancel', ok({ ...stepResult(), booking: confirmedB }))
      .reply('booking', 'slots', slots);
    const page = await openPage(BOOKING, fake, { id: CASE_ID });
    expect(text(page, '#active')).toContain('现场调解 · 第一调解室');
    await tap(page, '#confirm');
    await sleep();
    expect(fake.callsTo('booking', 'confirm')[0].data).toEqual({ caseId: CASE_ID, bookingId: 'b0123456789abcdef0123' });
    expect(text(page, '#active')).toContain('已确认');

    currentWx().showModal = jest.fn((o: { success?: (r: unknown) => void }) => o.success?.({ confirm: true, content: '' }));
    await tap(page, '#cancel');
    expect(currentWx().showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '请填写取消原因' }));
    expect(fake.callsTo('booking', 'cancel')).toHaveLength(0);

    currentWx().showModal = jest.fn((o: { success?: (r: unknown) => void }) => o.success?.({ confirm: true, content: '临时出差' }));
    await tap(page, '#cancel');
    await sleep();
    expect(fake.callsTo('booking', 'cancel')[0].data).toEqual({ caseId: CASE_ID, bookingId: 'b0123456789abcdef0123', reason: '临时出差' });
    expect(text(page, '#history')).toContain('已取消');
    expect(page.querySelector('#new')).toBeTruthy();
  });
});
