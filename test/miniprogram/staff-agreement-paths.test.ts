// The agreement's other paths, against a fake transport: the paper path of a marriage, adoption or inheritance
// agreement (each party's signed paper photographed, uploaded to the path the server issued for that party and
// recorded; the page says who is still to sign) and the oral agreement (Art. 28: only with nothing to perform and
// every party stating they need no written agreement; refusals next to the fields).
import * as path from 'path';
import { FakeTransport, err, fail, ok } from './helpers/fake-transport';
import { currentWx } from './helpers/wx-stub';
import { MP_ROOT, sleep, tap, visibleText } from './helpers/simulate';
import { CASE_ID, grant, openPage, staffView, withRoles } from './helpers/staff-fixtures';
import type { AgreementView, AgreementStepResult, ScanPath } from '../../miniprogram/services/types';

const MEDIATOR = grant('mediator', 'liuan-committee');
const HASH = 'a'.repeat(64);
const PAPER = 'pkg-mediator/pages/agreement/paper/index';
const FOLLOW_UP = 'pkg-mediator/pages/agreement/follow-up/index';

/** An inheritance agreement waiting for the parties' signatures on paper; `signed` have signed. */
function paperAgreement(signed: string[] = [], over: Partial<AgreementView> = {}): AgreementView {
  const parties = [
    { partyId: 'p1', role: 'applicant' as const, kind: 'person' as const, name: '王秀英', idType: 'resident_id' as const, idNumber: '330106********0624', address: '柳岸社区 5 幢 101 室' },
    { partyId: 'p2', role: 'respondent' as const, kind: 'person' as const, name: '王建军', idType: 'resident_id' as const, idNumber: '330106********1517', address: '柳岸社区 5 幢 201 室' },
    { partyId: 'p3', role: 'respondent' as const, kind: 'person' as const, name: '王建华', idType: 'resident_id' as const, idNumber: '330106********2038', address: '望江社区 2 幢 301 室' },
  ];
  return {
    caseId: CASE_ID,
    caseNo: 'QF-2025-000123',
    status: 'agreement_pending',
    statusLabel: '协议待确认',
    title: '人民调解协议书',
    form: 'written',
    version: 1,
    hash: HASH,
    paperOnly: true,
    content: { parties, facts: '父亲去世后留下房屋一套。', disputedMatters: '房屋的分割。', responsibilities: '无。', terms: ['房屋由王秀英继承，王秀英补偿两位弟弟各五万元。'], performance: [] } as AgreementView['content'],
    confirmations: signed.map((partyId) => ({ partyId, name: parties.find((p) => p.partyId === partyId)!.name, method: 'paper' as const, at: '2025-05-07T02:00:00.000Z', current: true, hasScan: true })),
    awaiting: parties.filter((p) => !signed.includes(p.partyId)).map((p) => ({ partyId: p.partyId, name: p.name })),
    signed: false,
    sealed: false,
    myTurn: false,
    performance: [],
    ...over,
  };
}

const step = (over: Record<string, unknown> = {}): AgreementStepResult => ({
  caseId: CASE_ID,
  caseNo: 'QF-2025-000123',
  status: 'agreement_pending',
  statusLabel: '协议待确认',
  holder: { orgId: 'liuan-committee', name: '柳岸社区人民调解委员会' },
  urgent: false,
  emergencyNumbers: [],
  ...over,
});

const issued = (partyId: string): ScanPath => ({
  caseId: CASE_ID,
  partyId,
  prefix: `agreement-scans/${CASE_ID}/${partyId}/0f0f/`,
  cloudPath: `agreement-scans/${CASE_ID}/${partyId}/0f0f/scan.jpg`,
  expiresAt: '2025-05-08T02:00:00.000Z',
});

/** In the cloud: the photo goes to CloudBase storage at the path given. */
const inTheCloud = () => jest.doMock(path.join(MP_ROOT, 'config'), () => ({ ...jest.requireActual(path.join(MP_ROOT, 'config')), TRANSPORT: 'cloud' }));

function camera(file = 'wxfile://tmp/signed-p1.jpg') {
  const wx = currentWx() as Record<string, any>;
  wx.chooseMedia = jest.fn((o: { success: (r: unknown) => void }) => o.success({ tempFiles: [{ tempFilePath: file }] }));
  wx.cloud.uploadFile = jest.fn((o: { cloudPath: string; success: (r: unknown) => void }) => o.success({ fileID: `cloud://env.bucket/${o.cloudPath}` }));
  return wx;
}

describe('线下签字: each party signs the printed agreement and staff upload it', () => {
  it('says who is still to sign; a party’s paper is photographed, uploaded to the issued path and recorded for this version', async () => {
    const fake = withRoles(new FakeTransport(), MEDIATOR)
      .reply('agreement', 'get', ok(paperAgreement()), ok(paperAgreement(['p1'])))
      .reply('agreement', 'scanPath', ok(issued('p1')))
      .reply('agreement', 'uploadScan', ok(step()));
    const page = await openPage(PAPER, fake, { id: CASE_ID }, inTheCloud);
    expect(visibleText(page.querySelector('#waiting')!)).toBe('还需签字：王秀英、王建军、王建华');
    expect(page.querySelector('#all-signed')).toBeFalsy();

    const wx = camera();
    await tap(page, '#scan-p1');
    await sleep();
    expect(wx.chooseMedia).toHaveBeenCalledWith(expect.objectContaining({ count: 1, mediaType: ['image'] }));
    expect(fake.callsTo('agreement', 'scanPath')[0].data).toEqual({ caseId: CASE_ID, partyId: 'p1' });
    expect(wx.cloud.uploadFile).toHaveBeenCalledWith(expect.objectContaining({ cloudPath: issued('p1').cloudPath, filePath: 'wxfile://tmp/signed-p1.jpg' }));
    const [recorded] = fake.callsTo('agreement', 'uploadScan');
    expect(recorded.data).toEqual({ caseId: CASE_ID, partyId: 'p1', hash: HASH, fileId: `cloud://env.bucket/${issued('p1').cloudPath}` });
    expect(recorded.requestId).toBeTruthy();
    expect(wx.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已记录王秀英的签字件' }));

    // Reloaded: 王秀英 has signed; two are still to sign.
    expect(visibleText(page.querySelector('#waiting')!)).toBe('还需签字：王建军、王建华');
    expect(page.querySelector('#scan-p1')).toBeFalsy();
    expect(visibleText(page.querySelector('#signers')!)).toContain('已签字');
  });

  it('when everyone has signed, the next step is the signature and the seal', async () => {
    const fake = withRoles(new FakeTransport(), MEDIATOR).reply('agreement', 'get', ok(paperAgreement(['p1', 'p2', 'p3'])));
    const page = await openPage(PAPER, fake, { id: CASE_ID });
    expect(page.querySelector('#waiting')).toBeFalsy();
    expect(visibleText(page.querySelector('#all-signed')!)).toContain('下一步：调解员签名，调委会盖章');
    expect(page.querySelector('#print')).toBeFalsy();
    await tap(page, '#follow-up');
    expect(currentWx().redirectTo).toHaveBeenCalledWith(expect.objectContaining({ url: `/pkg-mediator/pages/agreement/follow-up/index?id=${CASE_ID}` }));
  });

  it('nothing is recorded when the camera is closed, the upload fails or the server finds no file', async () => {
    const fake = withRoles(new FakeTransport(), MEDIATOR)
      .reply('agreement', 'get', ok(paperAgreement()))
      .reply('agreement', 'scanPath', ok(issued('p2')))
      .reply('agreement', 'uploadScan', err('SCAN_NOT_FOUND', '未找到上传的扫描件，请重新上传'));
    const page = await openPage(PAPER, fake, { id: CASE_ID }, inTheCloud);
    const wx = camera();
    wx.chooseMedia = jest.fn((o: { fail: (e: unknown) => void }) => o.fail({ errMsg: 'chooseMedia:fail cancel' }));
    await tap(page, '#scan-p2');
    await sleep();
    expect(fake.callsTo('agreement', 'scanPath')).toHaveLength(0);
    expect(wx.showToast).not.toHaveBeenCalled();

    camera();
    wx.cloud.uploadFile = jest.fn((o: { fail: (e: unknown) => void }) => o.fail({ errMsg: 'uploadFile:fail timeout' }));
    await tap(page, '#scan-p2');
    await sleep();
    expect(fake.callsTo('agreement', 'scanPath')).toHaveLength(1);
    expect(fake.callsTo('agreement', 'uploadScan')).toHaveLength(0);
    expect(wx.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '网络不佳，请稍后重试' }));
    expect(page.instance.data.uploading).toBe('');

    camera();
    await tap(page, '#scan-p2');
    await sleep();
    expect(fake.callsTo('agreement', 'uploadScan')).toHaveLength(1);
    const shown = [...wx.showToast.mock.calls, ...wx.showModal.mock.calls].map((c) => JSON.stringify(c[0]));
    expect(shown.some((m) => m.includes('未找到上传的扫描件'))).toBe(true);
    expect(page.querySelector('#scan-p2')).toBeTruthy();
  });

  it('an agreement confirmed online needs no scans; no agreement yet and a lost network have their own states', async () => {
    const online = await openPage(PAPER, withRoles(new FakeTransport(), MEDIATOR).reply('agreement', 'get', ok(paperAgreement([], { paperOnly: false }))), { id: CASE_ID });
    expect(visibleText(online.querySelector('#not-paper')!)).toContain('无需上传签字件');
    expect(online.querySelector('#scan-p1')).toBeFalsy();

    const none = await openPage(PAPER, withRoles(new FakeTransport(), MEDIATOR).reply('agreement', 'get', err('NO_AGREEMENT', '本案尚未起草调解协议')), { id: CASE_ID });
    expect(visibleText(none.querySelector('#state')!)).toContain('本案还没有调解协议');

    const offline = await openPage(PAPER, withRoles(new FakeTransport(), MEDIATOR).reply('agreement', 'get', fail('network')), { id: CASE_ID });
    expect(visibleText(offline.querySelector('#state')!)).toContain('网络不佳');
    expect(visibleText(offline.querySelector('#state')!)).toContain('重试');
  });

  it('the follow-up page of a paper-only agreement says who is to sign and leads to the upload', async () => {
    const fake = withRoles(new FakeTransport(), MEDIATOR)
      .reply('agreement', 'get', ok(paperAgreement(['p2'])))
      .reply('case', 'get', ok(staffView({ status: 'agreement_pending', statusLabel: '协议待确认', paperOnly: true })));
    const page = await openPage(FOLLOW_UP, fake, { id: CASE_ID });
    const state = visibleText(page.querySelector('#agreement-state')!);
    expect(state).toContain('等待当事人线下签字');
    expect(state).toContain('王建军：已签字');
    expect(state).toContain('王秀英：待签字');
    expect(page.querySelector('#sign')).toBeFalsy();
    await tap(page, '#paper');
    expect(currentWx().navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: `/pkg-mediator/pages/agreement/paper/index?id=${CASE_ID}` }));
  });
});

describe('记录口头协议: only with nothing to perform and every party stating they need no written agreement', () => {
  const ORAL = 'pkg-mediator/pages/agreement/oral/index';
  const mediating = (over: Record<string, unknown> = {}) => staffView({ status: 'in_mediation', statusLabel: '调解中', triage: undefined, ...over });

  it('records the terms and who stated it, then goes on to the follow-up', async () => {
    const fake = withRoles(new FakeTransport(), MEDIATOR)
      .reply('case', 'get', ok(mediating()))
      .reply('agreement', 'oral', ok(step({ status: 'performing', statusLabel: '协议履行中', agreement: { form: 'oral', hash: HASH } })));
    const page = await openPage(ORAL, fake, { id: CASE_ID });
    await tap(page, '#perform-none');
    page.instance.onTerms({ detail: { value: '李四当面向张三赔礼道歉\n张三表示谅解，双方今后和睦相处\n' } });
    await tap(page, '#party-p1');
    await tap(page, '#party-p2');
    await tap(page, '#submit');
    await sleep();
    const [sent] = fake.callsTo('agreement', 'oral');
    expect(sent.data).toEqual({
      caseId: CASE_ID,
      content: { terms: ['李四当面向张三赔礼道歉', '张三表示谅解，双方今后和睦相处'] },
      partiesChoseOral: true,
      statedByPartyIds: ['p1', 'p2'],
    });
    expect(sent.requestId).toBeTruthy();
    expect(currentWx().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已记录口头协议' }));
    expect(currentWx().redirectTo).toHaveBeenCalledWith(expect.objectContaining({ url: `/pkg-mediator/pages/agreement/follow-up/index?id=${CASE_ID}` }));
  });

  it('something to perform needs a written agreement: said beside the question, nothing sent, the way to draft offered', async () => {
    const fake = withRoles(new FakeTransport(), MEDIATOR).reply('case', 'get', ok(mediating()));
    const page = await openPage(ORAL, fake, { id: CASE_ID });
    await tap(page, '#perform-some');
    expect(visibleText(page.querySelector('#err-perform')!)).toContain('依法应当制作书面调解协议书');
    expect(page.querySelector('#submit')).toBeFalsy();
    await tap(page, '#written');
    expect(currentWx().redirectTo).toHaveBeenCalledWith(expect.objectContaining({ url: `/pkg-mediator/pages/agreement/draft/index?id=${CASE_ID}` }));
    expect(fake.callsTo('agreement', 'oral')).toHaveLength(0);
  });

  it('every party must have stated it; the questions unanswered are said in place and nothing is sent', async () => {
    const fake = withRoles(new FakeTransport(), MEDIATOR).reply('case', 'get', ok(mediating()));
    const page = await openPage(ORAL, fake, { id: CASE_ID });
    await tap(page, '#submit');
    expect(visibleText(page.querySelector('#err-terms')!)).toBe('请记录当事人达成的协议内容');
    expect(visibleText(page.querySelector('#err-perform')!)).toBe('请回答有没有需要履行的事项');
    expect(visibleText(page.querySelector('#err-stated')!)).toContain('须各方当事人均表示无需制作调解协议书');
    await tap(page, '#perform-none');
    page.instance.onTerms({ detail: { value: '双方握手言和' } });
    await tap(page, '#party-p1');
    await tap(page, '#submit');
    expect(visibleText(page.querySelector('#err-stated')!)).toContain('须各方当事人均表示无需制作调解协议书');
    expect(fake.callsTo('agreement', 'oral')).toHaveLength(0);
  });

  it("the server's refusals land next to the question they answer", async () => {
    const fake = withRoles(new FakeTransport(), MEDIATOR)
      .reply('case', 'get', ok(mediating()))
      .reply(
        'agreement',
        'oral',
        err('ORAL_CHOICE_REQUIRED', '须各方当事人均表示无需制作调解协议书，才能记录口头协议；有当事人要求书面协议的，请起草调解协议书'),
        err('AGREEMENT_INVALID', '协议内容不完整', { terms: '须记录当事人达成的协议内容' }),
      );
    const page = await openPage(ORAL, fake, { id: CASE_ID });
    await tap(page, '#perform-none');
    page.instance.onTerms({ detail: { value: '双方握手言和' } });
    await tap(page, '#party-p1');
    await tap(page, '#party-p2');
    await tap(page, '#submit');
    await sleep();
    expect(visibleText(page.querySelector('#err-stated')!)).toContain('有当事人要求书面协议的，请起草调解协议书');
    await tap(page, '#submit');
    await sleep();
    expect(visibleText(page.querySelector('#err-terms')!)).toBe('须记录当事人达成的协议内容');
    expect(currentWx().showToast).not.toHaveBeenCalled();
    expect(currentWx().redirectTo).not.toHaveBeenCalled();
  });

  it('not at a stage for an agreement: said, no form; a lost network has its retry', async () => {
    const closed = await openPage(ORAL, withRoles(new FakeTransport(), MEDIATOR).reply('case', 'get', ok(mediating({ status: 'accepted', statusLabel: '已受理' }))), { id: CASE_ID });
    expect(visibleText(closed.querySelector('#not-open')!)).toBe('案件当前阶段不能记录协议');
    expect(closed.querySelector('#submit')).toBeFalsy();
    const offline = await openPage(ORAL, withRoles(new FakeTransport(), MEDIATOR).reply('case', 'get', fail('network')), { id: CASE_ID });
    expect(visibleText(offline.querySelector('#state')!)).toContain('重试');
  });

  it('the draft page offers the oral path while no written version exists', async () => {
    const fake = withRoles(new FakeTransport(), MEDIATOR)
      .reply('agreement', 'get', err('NO_AGREEMENT', '本案尚未起草调解协议'))
      .reply('agreement', 'template', ok({ caseId: CASE_ID, title: '人民调解协议书', category: 'neighbourhood', categoryLabel: '邻里纠纷', content: paperAgreement().content, fields: {} }));
    const page = await openPage('pkg-mediator/pages/agreement/draft/index', fake, { id: CASE_ID });
    expect(visibleText(page.querySelector('#oral-offer')!)).toContain('没有需要履行的事项');
    await tap(page, '#oral');
    expect(currentWx().redirectTo).toHaveBeenCalledWith(expect.objectContaining({ url: `/pkg-mediator/pages/agreement/oral/index?id=${CASE_ID}` }));
  });
});
