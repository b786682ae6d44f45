// The mediator's flows against a fake transport: the inbox grouped by deadline, the case page with masked
// numbers and tap-to-call, slot proposals, the session record, agreement drafting from the template with the
// server's validation errors shown beside their fields (a revision of the version on file), and the follow-up
// (signature, performance recorded for a party, return visit, closing with the other routes explained).
import { validateAgreement } from '../../src/domain/agreement/rules';
import { FakeTransport, err, fail, ok } from './helpers/fake-transport';
import { currentWx } from './helpers/wx-stub';
import { mp, sleep, tap, visibleText } from './helpers/simulate';
import { CASE_ID, grant, openPage, staffView, withRoles } from './helpers/staff-fixtures';
import type { AgreementContent } from '../../src/domain/agreement/content';
import type { AgreementContentInput, AgreementStepResult, AgreementView, CaseStepResult, TemplateDraft } from '../../miniprogram/services/types';

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

describe('案件办理: what is found during the work', () => {
  const PAGE = 'pkg-mediator/pages/case/detail/index';
  const mediating = (over: Record<string, unknown> = {}) =>
    staffView({ status: 'in_mediation', statusLabel: '调解中', triage: undefined, risk: { level: 'low', signals: [] }, paperOnly: false, ...over });
  const raised = (urgent: boolean): CaseStepResult => ({
    caseId: CASE_ID,
    caseNo: 'QF-2025-000123',
    status: 'in_mediation',
    statusLabel: '调解中',
    holder: { orgId: 'liuan-committee', name: '柳岸社区人民调解委员会' },
    urgent,
    emergencyNumbers: urgent ? [{ label: '报警', number: '110' }] : [],
  });

  it('提高风险等级: the mediator records the level, the danger signals and what was found; the centre above is told', async () => {
    const fake = withRoles(new FakeTransport(), MEDIATOR)
      .reply('case', 'get', ok(mediating()), ok(mediating({ urgent: true, risk: { level: 'high', signals: ['violence_threat'] } })))
      .reply('case', 'raiseRisk', ok(raised(true)));
    const page = await openPage(PAGE, fake, { id: CASE_ID });
    expect(visibleText(page.querySelector('#risk-text')!)).toBe('低风险');
    await tap(page, '#raise-risk');
    expect(visibleText(page.querySelector('#risk-form')!)).toContain('升为高风险将立即报告上级中心');

    // Nothing chosen, nothing written: nothing is sent.
    await tap(page, '#submit-risk');
    expect(fake.callsTo('case', 'raiseRisk')).toHaveLength(0);
    expect(visibleText(page.querySelector('#err-risk')!)).toBe('请选择风险等级或具体情形');
    expect(visibleText(page.querySelector('#err-reason')!)).toBe('请写明发现的情况');

    await tap(page, '#level-high');
    await tap(page, '#risk-signal-violence_threat');
    expect(page.querySelector('#risk-signal-violence_threat')!.data.theme).toBe('danger');
    page.instance.onRiskReason({ detail: { value: '对方扬言要上门动手' } });
    await tap(page, '#submit-risk');
    await sleep();
    const [sent] = fake.callsTo('case', 'raiseRisk');
    expect(sent.data).toEqual({ caseId: CASE_ID, risk: 'high', riskSignals: ['violence_threat'], reason: '对方扬言要上门动手' });
    expect(sent.requestId).toBeTruthy();
    expect(currentWx().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已提高风险等级，已报告上级中心' }));
    // The page reloads the case: urgent, with the new risk on file.
    expect(visibleText(page.querySelector('#risk-text')!)).toBe('高风险；有动手或威胁伤人的情况');
    expect(visibleText(page)).toContain('紧急');
    expect(page.querySelector('#risk-form')).toBeFalsy();
  });

  it("the server's refusal (nothing higher than on file) is shown and the form stays open", async () => {
    const fake = withRoles(new FakeTransport(), MEDIATOR)
      .reply('case', 'get', ok(mediating({ risk: { level: 'high', signals: [] } })))
      .reply('case', 'raiseRisk', err('RISK_NOT_RAISED', '所选风险等级和情形都不高于本案现有的评估；如风险降低，无需提交'));
    const page = await openPage(PAGE, fake, { id: CASE_ID });
    await tap(page, '#raise-risk');
    await tap(page, '#level-medium');
    page.instance.onRiskReason({ detail: { value: '双方又起争执' } });
    await tap(page, '#submit-risk');
    await sleep();
    expect(fake.callsTo('case', 'raiseRisk')).toHaveLength(1);
    const shown = [...currentWx().showToast.mock.calls, ...currentWx().showModal.mock.calls].map((c) => JSON.stringify(c[0]));
    expect(shown.some((m) => m.includes('不高于本案现有的评估'))).toBe(true);
    expect(page.querySelector('#risk-form')).toBeTruthy();
  });

  it('涉及婚姻、收养、继承: marked with what was found; the page then says the agreement is signed on paper', async () => {
    const fake = withRoles(new FakeTransport(), MEDIATOR)
      .reply('case', 'get', ok(mediating({ category: 'family', categoryLabel: '婚姻家庭纠纷' })), ok(mediating({ category: 'family', categoryLabel: '婚姻家庭纠纷', paperOnly: true })))
      .reply('case', 'markPersonalRelations', ok(raised(false)));
    const page = await openPage(PAGE, fake, { id: CASE_ID });
    expect(page.querySelector('#paper-only')).toBeFalsy();
    currentWx().showModal = jest.fn((o: { success?: (r: unknown) => void }) => o.success?.({ confirm: true, content: '调解中查明双方争议的是离婚后的财产分割' }));
    await tap(page, '#mark-relations');
    await sleep();
    expect(currentWx().showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '确认本案涉及婚姻、收养、继承关系？' }));
    expect(fake.callsTo('case', 'markPersonalRelations')[0].data).toEqual({ caseId: CASE_ID, reason: '调解中查明双方争议的是离婚后的财产分割' });
    expect(visibleText(page.querySelector('#paper-only')!)).toContain('调解协议须当面签字');
    expect(page.querySelector('#mark-relations')).toBeFalsy();
  });

  it('cancelling the mark sends nothing; a closed case offers neither step', async () => {
    const fake = withRoles(new FakeTransport(), MEDIATOR).reply('case', 'get', ok(mediating()), ok(mediating({ status: 'closed', statusLabel: '已结案' })));
    const page = await openPage(PAGE, fake, { id: CASE_ID });
    currentWx().showModal = jest.fn((o: { success?: (r: unknown) => void }) => o.success?.({ confirm: false }));
    await tap(page, '#mark-relations');
    await sleep();
    expect(fake.callsTo('case', 'markPersonalRelations')).toHaveLength(0);
    await page.instance.reload();
    await sleep();
    expect(page.querySelector('#raise-risk')).toBeFalsy();
    expect(page.querySelector('#mark-relations')).toBeFalsy();
  });
});

describe('调解员工作台', () => {
  it('groups the assigned cases: overdue first, then due soon, new, in progress, and closed cases awaiting their return visit', async () => {
    const fake = withRoles(new FakeTransport(), MEDIATOR).reply(
      'case',
      'assigned',
      ok({
        items: [
          assigned('5', 'closed', 4 * 86_400_000, '回访'),
          assigned('4', 'in_mediation', 20 * 86_400_000),
          assigned('3', 'accepted', 10 * 86_400_000),
          assigned('2', 'in_mediation', 5 * HOUR),
          assigned('1', 'in_mediation', -3 * HOUR),
        ],
        hasMore: false,
      }),
    );
    const page = await openPage('pkg-mediator/pages/workbench/index/index', fake);
    const text = visibleText(page);
    expect(fake.callsTo('case', 'assigned')).toHaveLength(1);
    const order = ['已超期（1）', '纠纷1', '即将到期（两天内）（1）', '纠纷2', '新分配（1）', '纠纷3', '办理中（1）', '纠纷4', '结案待回访（1）', '纠纷5'].map((s) => text.indexOf(s));
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
    // Revealing a number is audited: it goes as a command, with a request id.
    expect(fake.callsTo('case', 'revealContact')[0].requestId).toBeTruthy();
    expect(currentWx().makePhoneCall).toHaveBeenCalledWith(expect.objectContaining({ phoneNumber: '13912345678' }));
    // The number is not kept on the page after the call.
    expect(JSON.stringify(page.instance.data)).not.toContain('13912345678');
  });

  it('invites the respondent: both codes are shown once (the short one to read out, in two groups) and shared as a card carrying nothing but the code', async () => {
    const CODE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const invited = ok({
      caseId: CASE_ID, caseNo: 'QF-2025-000123', status: 'awaiting_consent', statusLabel: '待被申请人同意', holder: { orgId: 'liuan-committee', name: '柳岸社区人民调解委员会' },
      urgent: false, emergencyNumbers: [], invite: { code: CODE, expiresAt: '2025-05-12T02:00:00.000Z', shortCode: '40213587', shortExpiresAt: '2025-05-08T02:00:00.000Z', path: `pkg-respondent/pages/invite/respond/index?code=${CODE}` },
      invitee: { partyId: 'p2', name: '李四', role: 'respondent', forAgent: false },
    });
    const fake = withRoles(new FakeTransport(), MEDIATOR)
      .reply('case', 'get', ok(view), ok(staffView({ status: 'awaiting_consent', statusLabel: '待被申请人同意', triage: undefined })))
      .reply('case', 'invite', invited);
    const page = await openPage('pkg-mediator/pages/case/detail/index', fake, { id: CASE_ID });
    expect(page.querySelector('#share-invite')).toBeFalsy();

    await tap(page, '#invite');
    await sleep();
    const sent = fake.callsTo('case', 'invite');
    expect(sent.map((c) => c.data)).toEqual([{ caseId: CASE_ID }]);
    expect(sent[0].requestId).toBeTruthy();
    expect(visibleText(page.querySelector('#invite-issued')!)).toContain('给李四的邀请（仅显示这一次）');
    expect(visibleText(page.querySelector('#long-code')!)).toBe(CODE);
    expect(visibleText(page.querySelector('#short-code')!)).toBe('4021 3587');
    expect(visibleText(page.querySelector('#invite-issued')!)).toContain('数字邀请码，可电话读给对方，5月8日 10:00前有效');
    expect(page.querySelector('#invite')).toBeFalsy();

    const card = page.instance.onShareAppMessage();
    expect(card.path).toBe(`/pkg-respondent/pages/invite/respond/index?code=${CODE}`);
    // No names or dispute text on the card.
    expect(card.title).not.toMatch(/张三|李四|漏水/);
  });

  it('turns the invitation into a mini-program code to print or scan, saved as a local image and shown large', async () => {
    const CODE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const invited = ok({
      caseId: CASE_ID, caseNo: 'QF-2025-000123', status: 'awaiting_consent', statusLabel: '待被申请人同意', holder: { orgId: 'liuan-committee', name: '柳岸社区人民调解委员会' },
      urgent: false, emergencyNumbers: [], invite: { code: CODE, expiresAt: '2025-05-12T02:00:00.000Z', shortCode: '40213587', shortExpiresAt: '2025-05-08T02:00:00.000Z', path: `pkg-respondent/pages/invite/respond/index?code=${CODE}` },
      invitee: { partyId: 'p2', name: '李四', role: 'respondent', forAgent: false },
    });
    const fake = withRoles(new FakeTransport(), MEDIATOR)
      .reply('case', 'get', ok(view), ok(staffView({ status: 'awaiting_consent', statusLabel: '待被申请人同意', triage: undefined })))
      .reply('case', 'invite', invited)
      .reply('case', 'inviteQr', err('MINI_CODE_FAILED', '小程序码生成失败，请稍后重试，或直接发送邀请卡片'), ok({ image: 'iVBORw0KGgo=', contentType: 'image/png', expiresAt: '2025-05-12T02:00:00.000Z' }));
    const wx = currentWx();
    const writeFile = jest.fn((o: { success?: () => void }) => o.success?.());
    wx.getFileSystemManager = jest.fn(() => ({ writeFile }));
    wx.env = { USER_DATA_PATH: 'wxfile://usr' };
    wx.previewImage = jest.fn();
    const page = await openPage('pkg-mediator/pages/case/detail/index', fake, { id: CASE_ID });
    await tap(page, '#invite');
    await sleep();
    // WeChat refusing says so, and nothing is shown.
    await tap(page, '#invite-qr');
    await sleep();
    expect(page.querySelector('#qr')).toBeFalsy();
    expect(wx.showToast.mock.calls.length + wx.showModal.mock.calls.length).toBeGreaterThan(0);
    await tap(page, '#invite-qr');
    await sleep();
    expect(fake.callsTo('case', 'inviteQr').map((c) => c.data)).toEqual([{ caseId: CASE_ID, code: CODE }, { caseId: CASE_ID, code: CODE }]);
    expect(writeFile).toHaveBeenCalledWith(expect.objectContaining({ filePath: `wxfile://usr/invite-${CODE}.png`, data: 'iVBORw0KGgo=', encoding: 'base64' }));
    expect(wx.previewImage).toHaveBeenCalledWith({ urls: [`wxfile://usr/invite-${CODE}.png`] });
    expect(visibleText(page.querySelector('#qr')!)).toContain('扫一扫');
  });

  it('a case with several parties: each one not yet in WeChat, or their agent, gets their own invitation', async () => {
    const CODE = 'QRSTUVWXYZ234567ABCDEFGHIJ';
    const group = staffView({
      status: 'in_mediation',
      statusLabel: '调解中',
      triage: undefined,
      parties: [
        { partyId: 'p1', role: 'applicant', name: '张三', mobile: '138****1234', isMe: false, kind: 'person', joined: 'self' },
        { partyId: 'p2', role: 'applicant', name: '302业主', isMe: false, kind: 'person', joined: false, invitation: { sentAt: '2025-05-05T02:00:00.000Z', expiresAt: '2025-05-12T02:00:00.000Z', forAgent: false, opened: true, expired: false } },
        { partyId: 'p3', role: 'respondent', name: '安居物业公司', isMe: false, kind: 'organisation', representative: '王经理', joined: 'self' },
        { partyId: 'p4', role: 'respondent', name: '陈老太', isMe: false, kind: 'person', agent: { name: '陈小弟', specialPowers: false }, joined: false, invitation: { sentAt: '2025-05-01T02:00:00.000Z', expiresAt: '2025-05-08T02:00:00.000Z', forAgent: true, opened: false, expired: true } },
      ],
    });
    const issued = ok({
      caseId: CASE_ID, caseNo: 'QF-2025-000123', status: 'in_mediation', statusLabel: '调解中', holder: { orgId: 'liuan-committee', name: '柳岸社区人民调解委员会' },
      urgent: false, emergencyNumbers: [], invite: { code: CODE, expiresAt: '2025-05-12T02:00:00.000Z', shortCode: '40213587', shortExpiresAt: '2025-05-08T02:00:00.000Z', path: `pkg-respondent/pages/invite/respond/index?code=${CODE}` },
      invitee: { partyId: 'p4', name: '陈小弟', role: 'respondent', forAgent: true },
    });
    const fake = withRoles(new FakeTransport(), MEDIATOR).reply('case', 'get', ok(group), ok(group)).reply('case', 'invite', issued);
    const page = await openPage('pkg-mediator/pages/case/detail/index', fake, { id: CASE_ID });
    const text = visibleText(page);
    expect(text).toContain('法定代表人：王经理');
    expect(text).toContain('委托代理人：陈小弟（一般授权）');
    expect(text).toContain('未加入微信办理');
    // Whether each invitation reached anyone: opened but not joined; an agent's expired unopened, to send again.
    expect(text).toContain('邀请已发出，对方已打开，尚未加入');
    expect(text).toContain('给代理人的邀请已过期（对方未打开），可重新邀请');
    // Only those who have not joined can be invited; the agent has their own button.
    expect(page.querySelector('#invite-p1')).toBeFalsy();
    expect(page.querySelector('#invite-p3')).toBeFalsy();
    expect(page.querySelector('#invite-p2')).toBeTruthy();
    expect(page.querySelector('#invite-agent-p2')).toBeFalsy();
    expect(page.querySelector('#invite')).toBeFalsy();

    await tap(page, '#invite-agent-p4');
    await sleep();
    expect(fake.callsTo('case', 'invite').map((c) => c.data)).toEqual([{ caseId: CASE_ID, partyId: 'p4', forAgent: true }]);
    expect(visibleText(page.querySelector('#invite-issued')!)).toContain('给陈小弟（委托代理人）的邀请');
    expect(visibleText(page.querySelector('#invite-issued')!)).toContain('发送给陈小弟（委托代理人）');
  });

  it('records for a party without WeChat what they said, and how: the respondent agreed by phone', async () => {
    const asking = staffView({ status: 'awaiting_consent', statusLabel: '待被申请人同意', triage: undefined });
    const fake = withRoles(new FakeTransport(), MEDIATOR)
      .reply('case', 'get', ok(asking), ok(staffView({ status: 'in_mediation', statusLabel: '调解中', triage: undefined })))
      .reply('case', 'recordForParty', ok({ caseId: CASE_ID, caseNo: 'QF-2025-000123', status: 'in_mediation', statusLabel: '调解中', holder: { orgId: 'liuan-committee', name: '柳岸社区人民调解委员会' }, urgent: false, emergencyNumbers: [] }));
    const page = await openPage('pkg-mediator/pages/case/detail/index', fake, { id: CASE_ID });
    // The applicant uses WeChat: nothing to record for them; the respondent does not.
    expect(page.querySelector('#record-for-p1')).toBeFalsy();
    const wx = currentWx();
    const sheets: string[][] = [];
    wx.showActionSheet = jest.fn((o: { itemList: string[]; success: (r: { tapIndex: number }) => void }) => {
      sheets.push(o.itemList);
      o.success({ tapIndex: sheets.length === 1 ? 0 : 1 });
    });
    wx.showModal = jest.fn((o: { success?: (r: unknown) => void }) => o.success?.({ confirm: true, content: '电话中说愿意调解' }));
    await tap(page, '#record-for-p2');
    await sleep();
    expect(sheets[0]).toEqual(['同意调解', '需要时间考虑', '不同意调解']);
    expect(sheets[1]).toEqual(['当面表示', '电话中表示', '书面表示（已收到书面材料）']);
    const [sent] = fake.callsTo('case', 'recordForParty');
    expect(sent.data).toEqual({ caseId: CASE_ID, partyId: 'p2', how: 'phone', reason: '电话中说愿意调解', act: 'reply', reply: 'agree' });
    expect(sent.requestId).toBeTruthy();
  });

  it("records a party's answer to the extension the mediator asked for, when they are not in WeChat", async () => {
    const asking = staffView({
      status: 'in_mediation',
      statusLabel: '调解中',
      triage: undefined,
      extensionRequest: { reason: '等待鉴定结果', requestedAt: '2025-05-08T02:00:00.000Z', waitingFor: ['p2'], myConsentNeeded: false },
    });
    const fake = withRoles(new FakeTransport(), MEDIATOR)
      .reply('case', 'get', ok(asking), ok(asking))
      .reply('case', 'recordForParty', ok({ caseId: CASE_ID, caseNo: 'QF-2025-000123', status: 'in_mediation', statusLabel: '调解中', holder: { orgId: 'liuan-committee', name: '柳岸社区人民调解委员会' }, urgent: false, emergencyNumbers: [], extension: { status: 'extended', waitingFor: [] } }));
    const page = await openPage('pkg-mediator/pages/case/detail/index', fake, { id: CASE_ID });
    const wx = currentWx();
    const sheets: string[][] = [];
    wx.showActionSheet = jest.fn((o: { itemList: string[]; success: (r: { tapIndex: number }) => void }) => {
      sheets.push(o.itemList);
      o.success({ tapIndex: 0 });
    });
    wx.showModal = jest.fn((o: { success?: (r: unknown) => void }) => o.success?.({ confirm: true, content: '' }));
    await tap(page, '#record-for-p2');
    await sleep();
    expect(sheets[0].slice(0, 2)).toEqual(['同意延长调解期限', '不同意延长调解期限']);
    expect(fake.callsTo('case', 'recordForParty')[0].data).toEqual({ caseId: CASE_ID, partyId: 'p2', how: 'in_person', act: 'consentExtension', agree: true });
  });

  it("opens the case's documents with WeChat's viewer; one the case does not have yet says so", async () => {
    const fake = withRoles(new FakeTransport(), MEDIATOR)
      .reply('case', 'get', ok(view))
      .reply('report', 'document', ok({ fileID: 'cloud://env/generated/x/y.docx', url: 'http://127.0.0.1:3000/files/generated/x/y.docx', fileName: '人民调解协议书.docx' }), err('DOCUMENT_NOT_AVAILABLE', '本案没有转办记录'));
    const wx = currentWx();
    wx.downloadFile = jest.fn((o: { success: (r: unknown) => void }) => o.success({ tempFilePath: '/tmp/a.docx', statusCode: 200 }));
    wx.openDocument = jest.fn((o: { success?: () => void }) => o.success?.());
    const page = await openPage('pkg-mediator/pages/case/detail/index', fake, { id: CASE_ID });
    expect(visibleText(page.querySelector('#documents')!)).toContain('人民调解权利义务告知书');

    await tap(page, '#doc-agreement');
    await sleep();
    expect(fake.callsTo('report', 'document')[0].data).toEqual({ caseId: CASE_ID, kind: 'agreement' });
    expect(wx.openDocument).toHaveBeenCalledWith(expect.objectContaining({ filePath: '/tmp/a.docx', fileType: 'docx' }));
    expect(page.instance.data.opening).toBe('');

    await tap(page, '#doc-transfer_notice');
    await sleep();
    expect(wx.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '本案没有转办记录' }));
    expect(page.instance.data.opening).toBe('');
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
    // Too long for a toast: it is a dialog the user closes.
    expect(currentWx().showModal).toHaveBeenCalledWith(expect.objectContaining({ content: '该时段已被预约，请选择其他时间', confirmText: '知道了' }));
    expect(fake.callsTo('booking', 'slots')).toHaveLength(2);
    expect(visibleText(page)).not.toContain('5月8日 周四 14:00');
    expect(visibleText(page)).toContain('5月8日 周四 15:00');

    await tap(page, '#slot-0');
    await sleep();
    expect(fake.callsTo('booking', 'book')[1].data).toEqual({ caseId: CASE_ID, startAt: '2025-05-08T07:00:00.000Z', mode: 'on_site', roomId: 'liuan-room-1' });
    // Another slot is another request.
    expect(fake.callsTo('booking', 'book')[1].requestId).not.toBe(fake.callsTo('booking', 'book')[0].requestId);
    expect(currentWx().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已向双方发出预约' }));
    // The proposal is made: the slot list closes and the case is read again.
    expect(visibleText(page)).not.toContain('5月8日 周四 15:00');
    expect(fake.callsTo('case', 'get')).toHaveLength(2);
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

describe('代当事人申请回避: the case page, for the director', () => {
  const PAGE = 'pkg-mediator/pages/case/detail/index';
  const DIRECTOR = grant('director', 'liuan-committee');
  const EXPERT = { expertId: 'x0123456789abcdef', name: '周律师', field: '法律', affiliation: '明德律师事务所', isMe: false };
  const mediating = (over: Record<string, unknown> = {}) =>
    staffView({ status: 'in_mediation', statusLabel: '调解中', triage: undefined, risk: { level: 'low', signals: [] }, mediator: { isMe: false }, ...over });
  const recorded: CaseStepResult = {
    caseId: CASE_ID,
    caseNo: 'QF-2025-000123',
    status: 'in_mediation',
    statusLabel: '调解中',
    holder: { orgId: 'liuan-committee', name: '柳岸社区人民调解委员会' },
    urgent: false,
    emergencyNumbers: [],
  };

  it.each([
    ['the mediator', MEDIATOR, mediating()],
    ['a director above the committee', grant('director', 'donghu-centre'), mediating()],
    ['the director who is the mediator, with no expert on the case', DIRECTOR, mediating({ mediator: { isMe: true } })],
    ['the director, every party in WeChat', DIRECTOR, mediating({ parties: [{ partyId: 'p1', role: 'applicant', name: '张三', isMe: false, kind: 'person', joined: 'self' }] })],
    ['the director, no mediator yet and no expert', DIRECTOR, mediating({ mediator: undefined })],
    ['the director, once the case is closed', DIRECTOR, mediating({ status: 'closed', statusLabel: '已结案' })],
  ])('is not offered to %s', async (_who, g, v) => {
    const page = await openPage(PAGE, withRoles(new FakeTransport(), g).reply('case', 'get', ok(v)), { id: CASE_ID });
    expect(page.querySelector('#party-p1')).toBeTruthy();
    expect(page.querySelector('#open-recusal')).toBeFalsy();
  });

  it('an objection to an invited expert, made by phone: sent with the expert, and the director stays on the case', async () => {
    const fake = withRoles(new FakeTransport(), DIRECTOR)
      .reply('case', 'get', ok(mediating({ experts: [EXPERT] })), ok(mediating()))
      .reply('case', 'recordRecusal', ok(recorded));
    const page = await openPage(PAGE, fake, { id: CASE_ID });
    await tap(page, '#open-recusal');
    // Two people may be objected to: the director picks one.
    expect(page.querySelector('#recusal-target-mediator')!.data.theme).toBe('default');
    await tap(page, '#submit-recusal');
    expect(visibleText(page.querySelector('#err-recusalTarget')!)).toBe('请选择申请回避的人员');
    await tap(page, `#recusal-target-${EXPERT.expertId}`);
    await tap(page, '#recusal-how-phone');
    page.instance.onRecusalReason({ detail: { value: '专家曾为对方提供法律服务' } });
    const wx = currentWx();
    wx.showModal = jest.fn((o: { content?: string; success?: (r: unknown) => void }) => {
      expect(o.content).toContain('特邀专家 周律师即退出本案');
      o.success?.({ confirm: true });
    });
    await tap(page, '#submit-recusal');
    await sleep();
    const [sent] = fake.callsTo('case', 'recordRecusal');
    expect(sent.data).toEqual({ caseId: CASE_ID, partyId: 'p2', how: 'phone', reason: '专家曾为对方提供法律服务', expertId: EXPERT.expertId });
    expect(sent.requestId).toBeTruthy();
    expect(wx.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已记录，该专家已回避本案' }));
    expect(wx.navigateTo).not.toHaveBeenCalled();
  });

  it('cancelled at the confirmation, nothing is sent; a refusal is shown, the reason error in place, the form kept', async () => {
    const fake = withRoles(new FakeTransport(), DIRECTOR)
      .reply('case', 'get', ok(mediating()))
      .reply('case', 'recordRecusal', err('VALIDATION_FAILED', '填写的信息有误', { reason: '理由不超过 500 个字' }), err('PARTY_USES_WECHAT', '李四已用微信加入本案，请由其本人在小程序中申请回避'));
    const page = await openPage(PAGE, fake, { id: CASE_ID });
    await tap(page, '#open-recusal');
    await tap(page, '#recusal-how-paper');
    page.instance.onRecusalReason({ detail: { value: '书面申请调解员回避' } });
    const wx = currentWx();
    let confirm = false;
    wx.showModal = jest.fn((o: { success?: (r: unknown) => void }) => o.success?.({ confirm }));
    await tap(page, '#submit-recusal');
    await sleep();
    expect(fake.callsTo('case', 'recordRecusal')).toHaveLength(0);

    confirm = true;
    await tap(page, '#submit-recusal');
    await sleep();
    expect(visibleText(page.querySelector('#err-recusalReason')!)).toBe('理由不超过 500 个字');
    await tap(page, '#submit-recusal');
    await sleep();
    expect(fake.callsTo('case', 'recordRecusal')).toHaveLength(2);
    expect(page.querySelector('#recusal-form')).toBeTruthy();
    expect(wx.navigateTo).not.toHaveBeenCalled();
  });
});

/** What a step on the case answers (src/server/case/case.types.ts). */
const stepResult = (over: Partial<CaseStepResult> = {}): CaseStepResult => ({
  caseId: CASE_ID,
  caseNo: 'QF-2025-000123',
  status: 'agreement_pending',
  statusLabel: '协议待确认',
  holder: { orgId: 'liuan-committee', name: '柳岸社区人民调解委员会' },
  urgent: false,
  emergencyNumbers: [],
  ...over,
});
/** `agreement.draft`/`revise`: the case's new state and the version now on file. */
const stamped = (version: number, hash: string, paperOnly = false): AgreementStepResult => ({ ...stepResult(), agreement: { form: 'written', version, hash, paperOnly } });

const content = (): AgreementContent => ({
  parties: [
    { partyId: 'p1', role: 'applicant', kind: 'person', name: '张三', idType: 'resident_id', idNumber: '', address: '' },
    { partyId: 'p2', role: 'respondent', kind: 'person', name: '李四', idType: 'resident_id', idNumber: '', address: '柳岸社区 3 幢 502 室' },
  ],
  facts: '',
  disputedMatters: '楼上漏水造成的损失如何赔偿',
  responsibilities: '',
  terms: ['被申请人修复漏水点', '被申请人赔偿维修费'],
  performance: [{ itemId: 'item-1', obligorPartyId: 'p2', obligeePartyId: 'p1', description: '支付维修费', amountYuan: 3000, method: '微信转账', place: '', dueDate: '2099-06-30' }],
});

/** `agreement.template`: the category's template prefilled from the case. */
const template = (): TemplateDraft => ({
  caseId: CASE_ID,
  title: '人民调解协议书',
  category: 'neighbourhood',
  categoryLabel: '邻里纠纷',
  content: content(),
  fields: { facts: '协议须写明纠纷的主要事实' },
});

/** `agreement.get` as the case's mediator reads it. */
const agreementView = (over: Partial<AgreementView> = {}): AgreementView => ({
  caseId: CASE_ID,
  caseNo: 'QF-2025-000123',
  status: 'agreement_pending',
  statusLabel: '协议待确认',
  title: '人民调解协议书',
  form: 'written',
  version: 2,
  hash: 'h2',
  paperOnly: false,
  content: { ...content(), facts: '2025 年 4 月起 502 室卫生间漏水至 402 室。' },
  confirmations: [],
  awaiting: [],
  signed: false,
  sealed: false,
  myTurn: false,
  performance: [
    { itemId: 'item-1', description: '支付维修费', amountYuan: 3000, method: '微信转账', place: '柳岸社区调解室', dueDate: '2025-06-30', obligor: '李四', obligee: '张三', done: false, mayMarkDone: false },
  ],
  ...over,
});

describe('起草调解协议', () => {
  it("starts from the template while no version exists, and shows every validation error of the server beside its field", async () => {
    const fields = {
      'parties[0].idNumber': '张三的公民身份号码有误',
      'parties[0].address': '张三未填写住所',
      facts: '协议须写明纠纷的主要事实',
      'performance[0].place': '第1项履行事项未写明履行地点',
    };
    const fake = withRoles(new FakeTransport(), MEDIATOR)
      .reply('agreement', 'get', err('NO_AGREEMENT', '本案尚未起草调解协议'))
      .reply('agreement', 'template', ok(template()))
      .reply('agreement', 'draft', err('AGREEMENT_INVALID', '调解协议还有4处需要完善：张三的公民身份号码有误；张三未填写住所；协议须写明纠纷的主要事实等', fields), ok(stamped(1, 'h1')));
    const page = await openPage('pkg-mediator/pages/agreement/draft/index', fake, { id: CASE_ID });
    expect(fake.callsTo('agreement', 'template')[0].data).toEqual({ caseId: CASE_ID });
    // The template prefills the form (inputs hold values, not text).
    expect(page.instance.data.disputedMatters).toBe('楼上漏水造成的损失如何赔偿');
    expect(visibleText(page)).toContain('第 1 项：李四 → 张三');
    expect(visibleText(page.querySelector('#party-0')!)).toContain('申请人');
    expect(visibleText(page.querySelector('#party-1')!)).toContain('被申请人');
    expect(visibleText(page)).toContain('（草稿）');
    // Nothing is marked wrong before the mediator submits.
    expect(page.querySelector('#err-facts')).toBeFalsy();

    await tap(page, '#submit');
    await sleep();
    const first = fake.callsTo('agreement', 'draft')[0].data as { caseId: string; content: AgreementContentInput };
    expect(first.caseId).toBe(CASE_ID);
    expect(first.content.terms).toEqual(['被申请人修复漏水点', '被申请人赔偿维修费']);
    expect(first.content.performance[0]).toMatchObject({ amountYuan: 3000, method: '微信转账' });

    // Each message sits right under its own field; a short note says how many there are, no dialog.
    expect(visibleText(page.querySelector('#err-party-0-idNumber')!)).toBe('张三的公民身份号码有误');
    expect(visibleText(page.querySelector('#err-party-0-address')!)).toBe('张三未填写住所');
    expect(visibleText(page.querySelector('#err-facts')!)).toBe('协议须写明纠纷的主要事实');
    expect(visibleText(page.querySelector('#err-item-0-place')!)).toBe('第1项履行事项未写明履行地点');
    expect(page.querySelector('#err-party-1-address')).toBeFalsy();
    expect(visibleText(page.querySelector('#party-0')!)).toContain('张三的公民身份号码有误');
    expect(visibleText(page.querySelector('#item-0')!)).toContain('第1项履行事项未写明履行地点');
    expect(currentWx().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '协议有 4 处需要修改' }));
    expect(currentWx().showModal).not.toHaveBeenCalled();

    // Editing a field clears its message; the fixed draft goes through.
    const field = (index: number, name: string, value: string, handler: string) =>
      page.instance[handler]({ currentTarget: { dataset: { index, field: name } }, detail: { value } });
    field(0, 'idNumber', '11010519491231002X', 'onPartyField');
    await sleep();
    expect(page.querySelector('#err-party-0-idNumber')).toBeFalsy();
    expect(page.querySelector('#err-party-0-address')).toBeTruthy();
    field(0, 'address', '柳岸社区 3 幢 402 室', 'onPartyField');
    page.instance.onText({ currentTarget: { dataset: { field: 'facts' } }, detail: { value: '2025 年 4 月起 502 室卫生间漏水至 402 室。' } });
    field(0, 'place', '柳岸社区调解室', 'onItemField');
    await sleep();
    await tap(page, '#submit');
    await sleep();
    const second = fake.callsTo('agreement', 'draft')[1].data as { content: AgreementContentInput };
    expect(second.content.parties[0]).toMatchObject({ idNumber: '11010519491231002X', address: '柳岸社区 3 幢 402 室' });
    expect(second.content.performance[0].place).toBe('柳岸社区调解室');
    expect(page.querySelector('#err-facts')).toBeFalsy();
    expect(visibleText(page)).toContain('第 1 稿');
    expect(currentWx().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已提交，待当事人确认' }));
    // The next submit of this page revises the version just sent.
    expect(page.querySelector('#reason')).toBeTruthy();
    expect(visibleText(page)).toContain('提交修改');
  });

  it('a version on file is revised from its own text, needs a reason and goes to agreement.revise', async () => {
    const onFile = agreementView({
      paperOnly: true,
      content: {
        ...agreementView().content,
        parties: content().parties.map((p) => ({ ...p, idNumber: p.partyId === 'p1' ? '110105********002X' : '', address: '柳岸社区' })),
      } as AgreementView['content'],
    });
    const fake = withRoles(new FakeTransport(), MEDIATOR)
      .reply('agreement', 'get', ok(onFile))
      .reply('agreement', 'revise', ok(stamped(3, 'h3', true)));
    const page = await openPage('pkg-mediator/pages/agreement/draft/index', fake, { id: CASE_ID });
    expect(fake.callsTo('agreement', 'template')).toHaveLength(0);
    expect(visibleText(page)).toContain('第 2 稿');
    expect(page.instance.data.facts).toBe('2025 年 4 月起 502 室卫生间漏水至 402 室。');
    expect(visibleText(page.querySelector('#paper-only')!)).toContain('须线下签字');
    await tap(page, '#submit');
    expect(fake.callsTo('agreement', 'revise')).toHaveLength(0);
    expect(visibleText(page.querySelector('#err-reason')!)).toContain('须写明理由');

    page.instance.onText({ currentTarget: { dataset: { field: 'reason' } }, detail: { value: '申请人要求分两期支付' } });
    await sleep();
    expect(page.querySelector('#err-reason')).toBeFalsy();
    await tap(page, '#submit');
    await sleep();
    const sent = fake.callsTo('agreement', 'revise')[0].data as { caseId: string; reason: string; content: AgreementContentInput };
    expect(sent).toMatchObject({ caseId: CASE_ID, reason: '申请人要求分两期支付' });
    // The masked number on file is sent back as shown, which keeps the number on file.
    expect(sent.content.parties[0].idNumber).toBe('110105********002X');
    expect(fake.callsTo('agreement', 'draft')).toHaveLength(0);
    expect(visibleText(page)).toContain('第 3 稿');
    expect(currentWx().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已修改，待当事人重新确认' }));
    expect(page.instance.data.reason).toBe('');
  });

  it('offers the oral path (its own page) while no version exists', async () => {
    const fake = withRoles(new FakeTransport(), MEDIATOR).reply('agreement', 'get', err('NO_AGREEMENT', '本案尚未起草调解协议')).reply('agreement', 'template', ok(template()));
    const page = await openPage('pkg-mediator/pages/agreement/draft/index', fake, { id: CASE_ID });
    await tap(page, '#oral');
    expect(currentWx().redirectTo).toHaveBeenCalledWith({ url: `/pkg-mediator/pages/agreement/oral/index?id=${CASE_ID}` });
  });

  it('an oral agreement on file: nothing to draft, the page says so', async () => {
    const oral = agreementView({ form: 'oral', status: 'performing', content: { terms: ['李四当面道歉'], performance: [] } as AgreementView['content'] });
    const page = await openPage('pkg-mediator/pages/agreement/draft/index', withRoles(new FakeTransport(), MEDIATOR).reply('agreement', 'get', ok(oral)), { id: CASE_ID });
    expect(visibleText(page)).toContain('本案已记录口头协议');
    expect(page.querySelector('#submit')).toBeFalsy();
    expect(page.querySelector('#record-oral')).toBeFalsy();
  });

  it('a failed load says why and offers 重试', async () => {
    const fake = withRoles(new FakeTransport(), MEDIATOR).reply('agreement', 'get', err('FORBIDDEN', '您不是本案的调解员'));
    const page = await openPage('pkg-mediator/pages/agreement/draft/index', fake, { id: CASE_ID });
    expect(visibleText(page)).toContain('您不是本案的调解员');
    expect(fake.callsTo('agreement', 'template')).toHaveLength(0);
    expect(page.querySelector('#submit')).toBeFalsy();
  });

  it("places every field path the domain's Art. 29 validation produces (the server's source of messages)", () => {
    const { placeErrors } = mp('pkg-mediator/pages/agreement/draft/index') as typeof import('../../miniprogram/pkg-mediator/pages/agreement/draft/index');
    const bad = content();
    bad.parties.push({ partyId: 'p1', role: 'applicant', kind: 'organisation', name: '', idType: 'credit_code', idNumber: 'x', address: '' });
    bad.performance.push({ itemId: 'item-1', obligorPartyId: 'p1', obligeePartyId: 'p1', description: '', amountYuan: -5, method: '', place: '', dueDate: '2000-01-01' });
    bad.terms = [];
    const issues = validateAgreement(bad, [{ partyId: 'p1', role: 'applicant' }, { partyId: 'p2', role: 'respondent' }], '2025-05-05');
    expect(issues.length).toBeGreaterThan(10);
    const placed = placeErrors(Object.fromEntries(issues.map((i) => [i.field, i.message])), bad.parties.length, bad.performance.length);
    expect(placed.other).toBeUndefined();
    // Every message lands on something the form shows: a section, a party's or an item's field, or its row.
    for (const key of Object.keys(placed)) {
      expect(key).toMatch(/^(facts|disputedMatters|responsibilities|terms|parties|performance|party-\d+(-(name|idNumber|address|representative))?|item-\d+(-(description|amountYuan|method|place|dueDate))?)$/);
    }
  });

  it("places the input schema's paths too, and keeps what fits no field", () => {
    const { placeErrors } = mp('pkg-mediator/pages/agreement/draft/index') as typeof import('../../miniprogram/pkg-mediator/pages/agreement/draft/index');
    expect(
      placeErrors(
        {
          'content.performance.0.dueDate': '日期格式应为 YYYY-MM-DD',
          'content.parties.1.name': '姓名或名称不超过 60 个字',
          'content.terms.0': '不超过 500 个字',
          'performance[0].obligorPartyId': '义务人须是本案当事人',
          'performance[3].place': '第4项履行事项未写明履行地点',
          reason: '请填写理由',
          caseId: '案件编号格式不正确',
        },
        2,
        1,
      ),
    ).toEqual({
      'item-0-dueDate': '日期格式应为 YYYY-MM-DD',
      'party-1-name': '姓名或名称不超过 60 个字',
      terms: '不超过 500 个字',
      'item-0': '义务人须是本案当事人',
      performance: '第4项履行事项未写明履行地点',
      reason: '请填写理由',
      other: '案件编号格式不正确',
    });
  });
});

describe('协议履行与回访', () => {
  const visit = { at: '2025-06-01T02:00:00.000Z', resultLabel: '部分履行', satisfaction: 4, notes: '已付一半，余款约定月底付清' };

  it('a director seals the signed agreement, which then takes effect; a mediator is not offered the seal', async () => {
    const signed = agreementView({ signed: true });
    const mediatorView = await openPage('pkg-mediator/pages/agreement/follow-up/index', withRoles(new FakeTransport(), MEDIATOR).reply('agreement', 'get', ok(signed)).reply('case', 'get', ok(staffView({ status: 'agreement_pending' }))), { id: CASE_ID });
    expect(mediatorView.querySelector('#seal')).toBeFalsy();

    const fake = withRoles(new FakeTransport(), grant('director', 'liuan-committee'))
      .reply('agreement', 'get', ok(signed), ok(agreementView({ status: 'performing', signed: true, sealed: true, effectiveAt: '2025-05-20T02:00:00.000Z', judicialConfirmationBy: '2025-06-19' })))
      .reply('case', 'get', ok(staffView({ status: 'agreement_pending' })), ok(staffView({ status: 'performing' })))
      .reply('agreement', 'seal', ok({ ...stamped(2, 'h2'), effectiveAt: '2025-05-20T02:00:00.000Z', judicialConfirmationBy: '2025-06-19' }));
    const page = await openPage('pkg-mediator/pages/agreement/follow-up/index', fake, { id: CASE_ID });
    expect(visibleText(page)).toContain('待调委会盖章');
    await tap(page, '#seal');
    await sleep();
    const sent = fake.callsTo('agreement', 'seal');
    expect(sent.map((c) => c.data)).toEqual([{ caseId: CASE_ID, hash: signed.hash }]);
    expect(sent[0].requestId).toBeTruthy();
    expect(page.querySelector('#seal')).toBeFalsy();
    expect(visibleText(page)).toContain('2025-06-19');
  });

  it('the mediator signs the version every party confirmed, records the return visit and closes a failed case with the routes explained', async () => {
    const fake = withRoles(new FakeTransport(), MEDIATOR)
      .reply('agreement', 'get', ok(agreementView()), ok(agreementView({ signed: true })))
      // The case moves on while the page is open (the director seals): the return visit is then due.
      .reply('case', 'get', ok(staffView({ status: 'agreement_pending' })), ok(staffView({ status: 'performing' })), ok(staffView({ status: 'performing', returnVisits: [visit] })))
      .reply('agreement', 'sign', ok(stamped(2, 'h2')))
      .reply('agreement', 'returnVisit', ok(stamped(2, 'h2')))
      .reply('agreement', 'close', ok({ ...stepResult({ status: 'closed', statusLabel: '已结案' }), outcomeLabel: '调解不成' }));
    const page = await openPage('pkg-mediator/pages/agreement/follow-up/index', fake, { id: CASE_ID });
    expect(fake.callsTo('agreement', 'get')[0].data).toEqual({ caseId: CASE_ID });
    let text = visibleText(page);
    expect(text).toContain('当事人均已确认，待调解员签名');
    expect(text).toContain('张三：已确认');
    expect(text).toContain('李四：已确认');
    expect(text).toContain('支付维修费（3000 元）');
    expect(text).toContain('2025-06-30 前 · 柳岸社区调解室');
    // The obligee confirms performance in their own app; the mediator is not offered it here before it is due.
    expect(page.querySelector('#done-item-1')).toBeFalsy();
    // Before the agreement is in force there is no return visit to record.
    expect(page.querySelector('#save-visit')).toBeFalsy();

    await tap(page, '#sign');
    await sleep();
    expect(fake.callsTo('agreement', 'sign')[0].data).toEqual({ caseId: CASE_ID, hash: 'h2' });
    expect(fake.callsTo('agreement', 'sign')[0].requestId).toBeTruthy();
    expect(currentWx().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已签名' }));
    text = visibleText(page);
    expect(text).toContain('待调委会盖章');
    expect(page.querySelector('#sign')).toBeFalsy();

    // While performing, the visit records how the agreement was performed (not the after-closing findings).
    expect(page.querySelector('#result-settled')).toBeFalsy();
    await tap(page, '#save-visit');
    expect(fake.callsTo('agreement', 'returnVisit')).toHaveLength(0);
    expect(visibleText(page)).toContain('请选择履行情况');
    await tap(page, '#result-partially_performed');
    await tap(page, '#star-4');
    page.instance.onNotes({ detail: { value: '已付一半，余款约定月底付清' } });
    await tap(page, '#save-visit');
    await sleep();
    expect(fake.callsTo('agreement', 'returnVisit')[0].data).toEqual({ caseId: CASE_ID, result: 'partially_performed', satisfaction: 4, notes: '已付一半，余款约定月底付清' });
    expect(currentWx().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已记录回访' }));
    // The visit is now on file and listed; the form is empty for the next one.
    expect(visibleText(page.querySelector('#return-visit')!)).toContain('部分履行：已付一半，余款约定月底付清');
    expect(page.instance.data.notes).toBe('');
    expect(page.instance.data.result).toBe('');

    await tap(page, '#outcome-failed');
    // The routes offered are the server's own list.
    expect(visibleText(page.querySelector('#close')!)).toContain('向人民法院起诉');
    expect(visibleText(page.querySelector('#close')!)).toContain('申请劳动人事争议仲裁');
    page.instance.onCloseReason({ detail: { value: '被申请人拒绝履行' } });
    await tap(page, '#do-close');
    expect(fake.callsTo('agreement', 'close')).toHaveLength(0);
    expect(visibleText(page.querySelector('#err-routes')!)).toContain('请选择告知当事人的其他途径');
    await tap(page, '#route-litigation');
    await tap(page, '#route-judicial_confirmation');
    await tap(page, '#route-judicial_confirmation');
    expect(page.querySelector('#err-routes')).toBeFalsy();
    page.instance.onGuidance({ detail: { value: '可向区人民法院起诉，或申请司法确认后强制执行' } });
    await tap(page, '#do-close');
    await sleep();
    expect(fake.callsTo('agreement', 'close')[0].data).toEqual({
      caseId: CASE_ID,
      outcome: 'failed',
      reason: '被申请人拒绝履行',
      routes: ['litigation'],
      note: '可向区人民法院起诉，或申请司法确认后强制执行',
    });
    expect(currentWx().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已结案' }));
  });

  it('the follow-up page names the court for judicial confirmation, and says when the parties applied', async () => {
    const judicial = { by: '2025-06-19', court: { name: '清风区人民法院', address: '清风区法院路 9 号', phone: '0571-86100000' }, mayRecord: false };
    const sealed = { status: 'performing' as const, signed: true, sealed: true, effectiveAt: '2025-05-20T02:00:00.000Z', judicialConfirmationBy: '2025-06-19' };
    const open = async (a: ReturnType<typeof agreementView>) =>
      visibleText(await openPage('pkg-mediator/pages/agreement/follow-up/index', withRoles(new FakeTransport(), MEDIATOR).reply('agreement', 'get', ok(a)).reply('case', 'get', ok(staffView({ status: 'performing' }))), { id: CASE_ID }));
    expect(await open(agreementView({ ...sealed, judicial }))).toContain('双方可在 2025-06-19 前共同向清风区人民法院申请司法确认');
    expect(await open(agreementView({ ...sealed, judicial: { ...judicial, applied: { appliedOn: '2025-06-02', by: '张三', mine: false } } }))).toContain(
      '当事人已告知：双方于 2025-06-02 向清风区人民法院申请了司法确认',
    );
  });

  it('a resolved case closes with its reason only; the server’s field errors show in place', async () => {
    const fake = withRoles(new FakeTransport(), MEDIATOR)
      .reply('agreement', 'get', ok(agreementView({ status: 'performing', signed: true, sealed: true, effectiveAt: '2025-05-20T02:00:00.000Z', judicialConfirmationBy: '2025-06-19' })))
      .reply('case', 'get', ok(staffView({ status: 'performing' })))
      .reply('agreement', 'close', err('VALIDATION_FAILED', '', { reason: '理由不超过 500 个字' }), ok(stepResult({ status: 'closed', statusLabel: '已结案' })));
    const page = await openPage('pkg-mediator/pages/agreement/follow-up/index', fake, { id: CASE_ID });
    const text = visibleText(page);
    expect(text).toContain('协议已生效');
    expect(text).toContain('双方可在 2025-06-19 前共同向有管辖权的人民法院申请司法确认');
    await tap(page, '#outcome-resolved');
    expect(page.querySelector('#route-litigation')).toBeFalsy();
    page.instance.onCloseReason({ detail: { value: '双方已履行完毕，回访满意' } });
    await tap(page, '#do-close');
    await sleep();
    expect(fake.callsTo('agreement', 'close')[0].data).toEqual({ caseId: CASE_ID, outcome: 'resolved', reason: '双方已履行完毕，回访满意' });
    expect(visibleText(page.querySelector('#err-reason')!)).toBe('理由不超过 500 个字');
    expect(currentWx().showModal).not.toHaveBeenCalled();
    await tap(page, '#do-close');
    await sleep();
    expect(fake.callsTo('agreement', 'close')).toHaveLength(2);
    expect(currentWx().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已结案' }));
  });

  it('while parties have not confirmed there is nothing to sign; the mediator may record an item performed for its obligee', async () => {
    const performing = agreementView({
      status: 'performing',
      awaiting: [{ partyId: 'p2', name: '李四' }],
      performance: [{ ...agreementView().performance[0], mayMarkDone: true }],
    });
    const fake = withRoles(new FakeTransport(), MEDIATOR)
      .reply('agreement', 'get', ok(performing), ok(agreementView({ ...performing, performance: [{ ...performing.performance[0], done: true, doneAt: '2025-06-02T02:00:00.000Z', mayMarkDone: false }] })))
      .reply('case', 'get', ok(staffView({ status: 'performing' })))
      .reply('agreement', 'markDone', ok(stepResult({ status: 'performing' })));
    const page = await openPage('pkg-mediator/pages/agreement/follow-up/index', fake, { id: CASE_ID });
    const text = visibleText(page);
    expect(text).toContain('等待当事人确认');
    expect(text).toContain('张三：已确认');
    expect(text).toContain('李四：未确认');
    expect(page.querySelector('#sign')).toBeFalsy();

    // Asked first; cancelling sends nothing.
    currentWx().showModal = jest.fn((o: { success?: (r: unknown) => void }) => o.success?.({ confirm: false, cancel: true }));
    await tap(page, '#done-item-1');
    await sleep();
    expect(currentWx().showModal).toHaveBeenCalledWith(expect.objectContaining({ content: expect.stringContaining('支付维修费（3000 元）') }));
    expect(fake.callsTo('agreement', 'markDone')).toHaveLength(0);

    currentWx().showModal = jest.fn((o: { success?: (r: unknown) => void }) => o.success?.({ confirm: true }));
    await tap(page, '#done-item-1');
    await sleep();
    expect(fake.callsTo('agreement', 'markDone')[0].data).toEqual({ caseId: CASE_ID, itemId: 'item-1' });
    expect(currentWx().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已记录履行' }));
    expect(visibleText(page)).toContain('支付维修费（3000 元）已履行');
    expect(visibleText(page)).not.toContain('2025-06-30 前 · 柳岸社区调解室');
    expect(page.querySelector('#done-item-1')).toBeFalsy();
  });

  it('a case in mediation without an agreement shows so, not a failure, and may only close as failed', async () => {
    const fake = withRoles(new FakeTransport(), MEDIATOR)
      .reply('agreement', 'get', err('NO_AGREEMENT', '本案尚未起草调解协议'))
      .reply('case', 'get', ok(staffView({ status: 'in_mediation', statusLabel: '调解中' })));
    const page = await openPage('pkg-mediator/pages/agreement/follow-up/index', fake, { id: CASE_ID });
    expect(visibleText(page)).toContain('本案还没有调解协议');
    expect(page.querySelector('#save-visit')).toBeFalsy();
    expect(page.querySelector('#outcome-failed')).toBeTruthy();
    expect(page.querySelector('#outcome-resolved')).toBeFalsy();
    expect(page.querySelector('#outcome-no_reply')).toBeFalsy();
  });

  it('while the respondent is asked, the case closes only as no reply (被申请人逾期未答复), with its reason', async () => {
    const fake = withRoles(new FakeTransport(), MEDIATOR)
      .reply('agreement', 'get', err('NO_AGREEMENT', '本案尚未起草调解协议'))
      .reply('case', 'get', ok(staffView({ status: 'awaiting_consent', statusLabel: '待被申请人同意' })))
      .reply('agreement', 'close', err('REPLY_PERIOD_RUNNING', '被申请人答复期限尚未届满，请届满后再结案'), ok({ ...stepResult({ status: 'closed', statusLabel: '已结案' }), outcomeLabel: '被申请人逾期未答复' }));
    const page = await openPage('pkg-mediator/pages/agreement/follow-up/index', fake, { id: CASE_ID });
    expect(page.querySelector('#outcome-failed')).toBeFalsy();
    expect(page.querySelector('#outcome-no_reply')).toBeTruthy();
    expect(visibleText(page.querySelector('#close')!)).toContain('被申请人逾期未答复');
    expect(visibleText(page.querySelector('#no-reply-hint')!)).toContain('不计入调解数');
    await tap(page, '#outcome-no_reply');
    page.instance.onCloseReason({ detail: { value: '多次电话联系被申请人，均未答复' } });
    await tap(page, '#do-close');
    await sleep();
    // Too early: the server says so and nothing closes.
    expect(currentWx().showModal).toHaveBeenCalledWith(expect.objectContaining({ content: expect.stringContaining('答复期限尚未届满') }));
    await tap(page, '#do-close');
    await sleep();
    expect(fake.callsTo('agreement', 'close').map((c) => c.data)).toEqual([
      { caseId: CASE_ID, outcome: 'no_reply', reason: '多次电话联系被申请人，均未答复' },
      { caseId: CASE_ID, outcome: 'no_reply', reason: '多次电话联系被申请人，均未答复' },
    ]);
    expect(currentWx().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已结案' }));
  });

  it('a case closed failed owes its return visit: the dispute\'s state is recorded, then nothing more is due', async () => {
    const closed = staffView({ status: 'closed', statusLabel: '已结案', closing: { outcomeLabel: '调解不成', reason: '分歧较大' }, next: { label: '回访', dueAt: '2025-06-06T15:59:59.999Z', ownerOrgName: '柳岸社区人民调解委员会' } });
    const visited = { ...closed, next: undefined, returnVisits: [{ at: '2025-06-05T02:00:00.000Z', resultLabel: '已由有关机关受理', notes: '申请人已起诉，法院已立案' }] };
    const fake = withRoles(new FakeTransport(), MEDIATOR)
      .reply('agreement', 'get', err('NO_AGREEMENT', '本案尚未起草调解协议'))
      .reply('case', 'get', ok(closed), ok(visited))
      .reply('agreement', 'returnVisit', ok(stepResult({ status: 'closed', statusLabel: '已结案' })));
    const page = await openPage('pkg-mediator/pages/agreement/follow-up/index', fake, { id: CASE_ID });
    expect(visibleText(page.querySelector('#case-status')!)).toBe('已结案（调解不成）');
    expect(visibleText(page.querySelector('#visit-due')!)).toContain('前回访');
    // No closing on a closed case; the findings offered are the dispute's state, not the agreement's performance.
    expect(page.querySelector('#do-close')).toBeFalsy();
    expect(page.querySelector('#result-performed')).toBeFalsy();
    await tap(page, '#save-visit');
    expect(visibleText(page.querySelector('#err-result')!)).toBe('请选择纠纷现状');
    await tap(page, '#result-taken_up');
    page.instance.onNotes({ detail: { value: '申请人已起诉，法院已立案' } });
    await tap(page, '#save-visit');
    await sleep();
    expect(fake.callsTo('agreement', 'returnVisit')[0].data).toEqual({ caseId: CASE_ID, result: 'taken_up', notes: '申请人已起诉，法院已立案' });
    expect(visibleText(page.querySelector('#return-visit')!)).toContain('已由有关机关受理：申请人已起诉，法院已立案');
    expect(page.querySelector('#save-visit')).toBeFalsy();
  });
});

describe('延长调解期限', () => {
  const PAGE = 'pkg-mediator/pages/case/extension/index';
  const DUE = '2025-06-05T15:59:59.999Z';
  const mediating = (over: Record<string, unknown> = {}) =>
    staffView({ status: 'in_mediation', statusLabel: '调解中', triage: undefined, mediationLimit: { dueAt: DUE, extended: false }, ...over });
  const answer = (status: 'waiting' | 'extended', waitingFor: string[]) =>
    ok({ caseId: CASE_ID, caseNo: 'QF-2025-000123', status: 'in_mediation', statusLabel: '调解中', holder: { orgId: 'liuan-committee', name: '柳岸社区人民调解委员会' }, urgent: false, emergencyNumbers: [], extension: { status, waitingFor } });

  it('asks with a reason, marking who agreed in person; then says who is still to consent', async () => {
    const fake = withRoles(new FakeTransport(), MEDIATOR)
      .reply('case', 'get', ok(mediating()), ok(mediating({ extensionRequest: { reason: '双方需要时间核对账目', requestedAt: '2025-05-07T02:00:00.000Z', waitingFor: ['p2'], myConsentNeeded: false } })))
      .reply('case', 'requestExtension', answer('waiting', ['p2']));
    const page = await openPage(PAGE, fake, { id: CASE_ID });
    expect(visibleText(page.querySelector('#due')!)).toBe('6月5日 23:59前办结');

    await tap(page, '#submit');
    expect(fake.callsTo('case', 'requestExtension')).toHaveLength(0);
    expect(visibleText(page.querySelector('#err-reason')!)).toBe('请填写延期理由');

    page.instance.onReason({ detail: { value: '双方需要时间核对账目' } });
    await tap(page, '#party-p1');
    await tap(page, '#submit');
    await sleep();
    const [sent] = fake.callsTo('case', 'requestExtension');
    expect(sent.data).toEqual({ caseId: CASE_ID, reason: '双方需要时间核对账目', agreedInPerson: ['p1'] });
    expect(sent.requestId).toBeTruthy();
    expect(currentWx().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已请当事人确认延期' }));
    // Reloaded: the request waits for 李四, who answers on their own case page; no second request is offered.
    expect(visibleText(page.querySelector('#waiting-for')!)).toBe('还需同意：李四');
    expect(visibleText(page.querySelector('#waiting')!)).toContain('理由：双方需要时间核对账目');
    expect(page.querySelector('#submit')).toBeFalsy();
  });

  it('everyone agreed in person: the limit is extended at once; an extension used is not offered again', async () => {
    const fake = withRoles(new FakeTransport(), MEDIATOR)
      .reply('case', 'get', ok(mediating()), ok(mediating({ mediationLimit: { dueAt: '2025-06-19T15:59:59.999Z', extended: true } })))
      .reply('case', 'requestExtension', answer('extended', []));
    const page = await openPage(PAGE, fake, { id: CASE_ID });
    page.instance.onReason({ detail: { value: '双方当面同意延期' } });
    await tap(page, '#party-p1');
    await tap(page, '#party-p2');
    await tap(page, '#submit');
    await sleep();
    expect(fake.callsTo('case', 'requestExtension')[0].data).toMatchObject({ agreedInPerson: ['p1', 'p2'] });
    expect(currentWx().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '调解期限已延长' }));
    expect(visibleText(page.querySelector('#due')!)).toBe('6月19日 23:59前办结');
    expect(visibleText(page.querySelector('#extended')!)).toContain('已经延长过一次');
    expect(page.querySelector('#submit')).toBeFalsy();
  });

  it("a refusal from the server is shown and the page reloads; a case past mediation, or a lost network, is said", async () => {
    const fake = withRoles(new FakeTransport(), MEDIATOR)
      .reply('case', 'get', ok(mediating()), ok(mediating({ mediationLimit: { dueAt: DUE, extended: true } })))
      .reply('case', 'requestExtension', err('EXTENSION_ALREADY_USED', '调解期限只能延长一次'));
    const page = await openPage(PAGE, fake, { id: CASE_ID });
    page.instance.onReason({ detail: { value: '还需要时间' } });
    await tap(page, '#submit');
    await sleep();
    expect(currentWx().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '调解期限只能延长一次' }));
    expect(page.querySelector('#extended')).toBeTruthy();

    const performing = await openPage(PAGE, withRoles(new FakeTransport(), MEDIATOR).reply('case', 'get', ok(staffView({ status: 'performing', triage: undefined }))), { id: CASE_ID });
    expect(visibleText(performing.querySelector('#not-mediating')!)).toContain('无需延长调解期限');
    const offline = await openPage(PAGE, withRoles(new FakeTransport(), MEDIATOR).reply('case', 'get', fail('network')), { id: CASE_ID });
    expect(visibleText(offline.querySelector('#state')!)).toContain('重试');
  });

  it('the case page leads to it while the limit can still be extended', async () => {
    const fake = withRoles(new FakeTransport(), MEDIATOR).reply('case', 'get', ok(mediating()));
    const page = await openPage('pkg-mediator/pages/case/detail/index', fake, { id: CASE_ID });
    await tap(page, '#extension');
    expect(currentWx().navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: `/pkg-mediator/pages/case/extension/index?id=${CASE_ID}` }));
    const used = await openPage('pkg-mediator/pages/case/detail/index', withRoles(new FakeTransport(), MEDIATOR).reply('case', 'get', ok(mediating({ mediationLimit: { dueAt: DUE, extended: true } }))), { id: CASE_ID });
    expect(used.querySelector('#extension')).toBeFalsy();
  });
});
