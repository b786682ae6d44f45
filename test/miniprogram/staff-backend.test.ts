/**
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
// Staff journeys through the pages against the real backend (paper signing, designation, an oral agreement): the
// built cloud functions on the local runtime with the demo deployment. Every step below is a tap on a page
// (rendered with the real WXML compiler), its call going through the page's service layer to the functions; the
// server's records are then read back. Run `npm run build` first.
import * as path from 'path';
import { call, chainVerifies, ok, openAs, pageBackend, rid, until, type Runtime, type RuntimeTransport } from './helpers/backend';
import { currentWx } from './helpers/wx-stub';
import { MP_ROOT, sleep, tap, visibleText, type RenderedComponent } from './helpers/simulate';

jest.setTimeout(60_000);

let rt: Runtime;
let transport: RuntimeTransport;
beforeAll(async () => {
  ({ rt, transport } = await pageBackend());
});
afterAll(() => rt.close());

const open = (openid: string, page: string, query: Record<string, string> = {}, before?: () => void): Promise<RenderedComponent> =>
  openAs(transport, openid, page, query, before);

/** The page address a tap navigated to (navigateTo or redirectTo), as a path and its query. */
function navigatedTo(kind: 'navigateTo' | 'redirectTo'): { page: string; query: Record<string, string> } {
  const calls = currentWx()[kind].mock.calls;
  const url = (calls[calls.length - 1][0] as { url: string }).url;
  const [page, qs] = url.split('?');
  return { page: page.replace(/^\//, ''), query: Object.fromEntries(new URLSearchParams(qs)) };
}

describe('an agreement on marriage or inheritance confirmed on paper, through the pages', () => {
  it.each([
    ['marriage', 'journey-spouse'],
    ['inheritance', 'journey-heir'],
  ])('%s: each party’s signed paper is photographed, uploaded and recorded; the mediator signs and the director seals', async (category, respondent) => {
    const at = require('../helpers/case-at') as { caseWithDraft(rt: Runtime, respondent: string, opts: { category: string }): Promise<{ caseId: string }> };
    const { caseId } = await at.caseWithDraft(rt, respondent, { category });

    // The mediator's follow-up page: the agreement waits for signatures on paper.
    const followUp = await open('demo-mediator', 'pkg-mediator/pages/agreement/follow-up/index', { id: caseId });
    expect(visibleText(followUp.querySelector('#agreement-state')!)).toContain('等待当事人线下签字');
    await tap(followUp, '#paper');
    const toPaper = navigatedTo('navigateTo');
    expect(toPaper.page).toBe('pkg-mediator/pages/agreement/paper/index');

    // In the cloud the photo goes to CloudBase storage: here, the runtime's storage.
    const inTheCloud = () => jest.doMock(path.join(MP_ROOT, 'config'), () => ({ ...jest.requireActual(path.join(MP_ROOT, 'config')), TRANSPORT: 'cloud' }));
    const paper = await open('demo-mediator', toPaper.page, toPaper.query, inTheCloud);
    expect(visibleText(paper.querySelector('#waiting')!)).toBe('还需签字：张阿姨、李先生');
    const wx = currentWx() as Record<string, any>;
    const uploaded: string[] = [];
    wx.cloud.uploadFile = jest.fn(async (o: { cloudPath: string; filePath: string; success: (r: unknown) => void; fail: (e: unknown) => void }) => {
      const { fileID } = await rt.storage.api().uploadFile({ cloudPath: o.cloudPath, fileContent: Buffer.from(`photo of ${o.filePath}`) });
      uploaded.push(o.cloudPath);
      o.success({ fileID });
    });

    for (const [partyId, name, left] of [['p1', '张阿姨', '还需签字：李先生'], ['p2', '李先生', '']] as const) {
      wx.chooseMedia = jest.fn((o: { success: (r: unknown) => void }) => o.success({ tempFiles: [{ tempFilePath: `wxfile://tmp/signed-${partyId}.jpg` }] }));
      await tap(paper, `#scan-${partyId}`);
      await until(() => !paper.querySelector(`#scan-${partyId}`) && paper.instance.data.uploading === '', `${name}'s scan to be recorded`);
      expect(wx.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: `已记录${name}的签字件` }));
      if (left) expect(visibleText(paper.querySelector('#waiting')!)).toBe(left);
    }
    // Each photo went to the path the server issued for that case and party.
    expect(uploaded).toEqual([expect.stringMatching(new RegExp(`^agreement-scans/${caseId}/p1/[0-9a-f]{32}/scan\\.jpg$`)), expect.stringMatching(new RegExp(`^agreement-scans/${caseId}/p2/[0-9a-f]{32}/scan\\.jpg$`))]);
    expect(visibleText(paper.querySelector('#all-signed')!)).toContain('各方当事人均已签字');
    const recorded = await ok<any>(call(rt, 'agreement', 'demo-mediator', 'get', { caseId }));
    expect(recorded.confirmations.map((c: any) => [c.partyId, c.method, c.hasScan, c.current])).toEqual([
      ['p1', 'paper', true, true],
      ['p2', 'paper', true, true],
    ]);
    expect(recorded.awaiting).toEqual([]);

    // On to the signature and the seal.
    await tap(paper, '#follow-up');
    const back = navigatedTo('redirectTo');
    const mediator = await open('demo-mediator', back.page, back.query);
    await tap(mediator, '#sign');
    await until(() => !mediator.querySelector('#sign') && !mediator.instance.data.busy, 'the signature');
    expect(visibleText(mediator.querySelector('#agreement-state')!)).toContain('待调委会盖章');
    expect(mediator.querySelector('#seal')).toBeFalsy(); // sealing is the director's

    const director = await open('demo-director', back.page, back.query);
    await tap(director, '#seal');
    await until(() => !director.querySelector('#seal') && !director.instance.data.busy, 'the seal');
    expect(visibleText(director.querySelector('#agreement-state')!)).toMatch(/协议已生效.*双方可在 \d{4}-\d{2}-\d{2} 前共同向清风区人民法院申请司法确认/);
    const view = await ok<any>(call(rt, 'case', 'demo-director', 'get', { caseId }));
    expect(view.status).toBe('performing');
    expect(view.agreement).toMatchObject({ paperOnly: true, signed: true, sealed: true, confirmedBy: ['张阿姨', '李先生'] });
    expect(await chainVerifies(rt, caseId)).toBe(true);
  });
});

describe('an escalated case designated by the street’s director, through the pages', () => {
  it('the committee escalates it; the street’s director finds it in the queue, reads why and designates another committee', async () => {
    const filed = await ok<any>(
      call(rt, 'case', 'journey-resident', 'file', {
        category: 'neighbourhood',
        summary: '两个小区之间的排水沟堵塞，雨天积水倒灌多户。',
        communityId: 'liuan',
        applicant: { name: '陈先生', mobile: '13800001111' },
        respondents: [{ name: '望江小区物业', kind: 'organisation', representative: '赵经理' }],
        consent: { privacy: true, shareWithOtherOrgs: true },
      }, rid()),
    );
    const caseId = filed.caseId as string;
    await ok(call(rt, 'case', 'demo-director', 'accept', { caseId }, rid()));

    // 柳岸's director escalates it from the triage page.
    const triage = await open('demo-director', 'pkg-director/pages/case/triage/index', { id: caseId });
    await tap(triage, '#do-escalate');
    triage.instance.onReason({ detail: { value: '涉及望江社区的排水设施，需街道协调' } });
    await tap(triage, '#submit');
    await until(() => !triage.querySelector('#do-escalate') && !triage.instance.data.busy, 'the escalation');
    expect(visibleText(triage)).toContain('上级指定管辖');
    expect(visibleText(triage)).toContain('东湖街道矛盾纠纷调处化解中心');

    // 东湖街道's director: the case waits in their queue.
    const workbench = await open('demo-street-director', 'pkg-director/pages/workbench/index/index', {});
    const row = workbench.querySelector(`#case-${caseId}`);
    expect(row).toBeTruthy();
    expect(visibleText(workbench)).toContain('待上级指定');
    // Opening a case first asks for the staff notices (at the tap, as WeChat requires), then goes to it.
    workbench.instance.onOpen({ currentTarget: { dataset: { id: caseId } } });
    await until(() => currentWx().navigateTo.mock.calls.length > 0, 'the case to open');
    const toTriage = navigatedTo('navigateTo');

    const street = await open('demo-street-director', toTriage.page, toTriage.query);
    const why = visibleText(street.querySelector('#designation')!);
    expect(why).toContain('报请原因：下级调解组织上报');
    expect(why).toContain('报请单位：柳岸社区人民调解委员会');
    expect(why).toContain('理由：涉及望江社区的排水设施，需街道协调');
    await tap(street, '#do-designate');
    await until(() => street.instance.data.orgs.length > 0, 'the organisations of the street');
    const offered = street.instance.data.orgs.map((o: { id: string }) => o.id);
    expect(offered).toEqual(expect.arrayContaining(['donghu-centre', 'liuan-committee', 'wangjiang-committee']));
    expect(offered).not.toContain('district-centre');
    await tap(street, '#org-wangjiang-committee');
    street.instance.onReason({ detail: { value: '排水沟位于望江社区，由望江调委会承办' } });
    await tap(street, '#submit');
    await until(() => !street.querySelector('#do-designate') && !street.instance.data.busy, 'the designation');
    expect(currentWx().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已指定承办单位' }));
    expect(visibleText(street)).toContain('承办单位：望江社区人民调解委员会');

    const view = await ok<any>(call(rt, 'case', 'demo-street-director', 'get', { caseId }));
    expect(view).toMatchObject({ status: 'accepted', holder: { orgId: 'wangjiang-committee' } });
    expect(view.timeline.map((t: any) => t.label)).toEqual(expect.arrayContaining(['报请上级指定', '上级已指定承办单位']));
    expect(view.timeline.find((t: any) => t.label === '上级已指定承办单位')).toMatchObject({ orgName: '东湖街道矛盾纠纷调处化解中心', reason: '排水沟位于望江社区，由望江调委会承办' });
    expect(await chainVerifies(rt, caseId)).toBe(true);
    await sleep();
  });
});

describe('an oral agreement recorded through the page', () => {
  it('records the terms and every party who stated it; the agreement is in force at once', async () => {
    const at = require('../helpers/case-at') as { caseInMediation(rt: Runtime, respondent: string): Promise<{ caseId: string }> };
    const { caseId } = await at.caseInMediation(rt, 'journey-oral');
    const page = await open('demo-mediator', 'pkg-mediator/pages/agreement/oral/index', { id: caseId });
    await tap(page, '#perform-none');
    page.instance.onTerms({ detail: { value: '李先生当面向张阿姨赔礼道歉，张阿姨表示谅解。' } });
    await tap(page, '#party-p1');
    await tap(page, '#party-p2');
    await tap(page, '#submit');
    await until(() => currentWx().redirectTo.mock.calls.length > 0, 'the oral agreement to be recorded');
    expect(navigatedTo('redirectTo').page).toBe('pkg-mediator/pages/agreement/follow-up/index');
    const recorded = await ok<any>(call(rt, 'agreement', 'demo-mediator', 'get', { caseId }));
    expect(recorded).toMatchObject({ form: 'oral', status: 'performing', content: { terms: ['李先生当面向张阿姨赔礼道歉，张阿姨表示谅解。'] }, oralChoice: { statedBy: ['张阿姨', '李先生'] } });
    expect(await chainVerifies(rt, caseId)).toBe(true);
  });
});
