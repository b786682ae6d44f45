/**
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
// A court's referral from the window to the report back, on the pages of the person who takes each step, against
// the real backend (the built functions on the local runtime with the demo deployment): 柳岸's director registers
// the case the court referred with its letter; it turns out to be for the labour arbitration committee and is
// referred out with a hand-over record; the case page then shows the letter, the hand-over and that the court is
// owed a report back, which the director records; the 统计报表 counts the referral both ways. Run `npm run build` first.
import { call, chainVerifies, ok, openAs, pageBackend, rollUp, until, type Runtime, type RuntimeTransport } from './helpers/backend';
import { currentWx } from './helpers/wx-stub';
import { tap, visibleText, type RenderedComponent } from './helpers/simulate';

jest.setTimeout(120_000);

let rt: Runtime;
let transport: RuntimeTransport;
beforeAll(async () => {
  ({ rt, transport } = await pageBackend());
});
afterAll(() => rt.close());

const DIRECTOR = 'demo-director';
const open = (openid: string, page: string, query: Record<string, string> = {}): Promise<RenderedComponent> => openAs(transport, openid, page, query);
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const toasted = (title: string) => currentWx().showToast.mock.calls.some((c: any[]) => c[0]?.title === title);

describe('a court referral, from the window to the report back', () => {
  it('is registered with its letter, referred on with a hand-over record, reported back and counted', async () => {
    const wx = currentWx();
    wx.requestSubscribeMessage = jest.fn((o: { success?: (r: unknown) => void }) => o.success?.({}));
    await rollUp(rt);
    const before = await ok<any>(call(rt, 'report', DIRECTOR, 'figures', {}));

    // 来访登记: the court's letter copied in.
    const intake = await open(DIRECTOR, 'pkg-intake/pages/visit/register/index');
    await until(() => intake.instance.data.communities.length > 0, 'the communities');
    await tap(intake, '#source-court');
    await tap(intake, '#category-labour');
    await tap(intake, '#relations-no');
    await tap(intake, '#community-liuan');
    await tap(intake, '#risk-low');
    await tap(intake, '#share-yes');
    const input = (field: string, value: string) => intake.instance.onInput({ currentTarget: { dataset: { field } }, detail: { value } });
    input('summary', '法院诉前委派：拖欠工资三个月，双方同意先行调解。');
    intake.instance.onPartyInput({ currentTarget: { dataset: { side: 'applicants', index: 0, field: 'name' } }, detail: { value: '刘师傅' } });
    intake.instance.onPartyInput({ currentTarget: { dataset: { side: 'respondents', index: 0, field: 'name' } }, detail: { value: '某装修公司' } });
    input('referralBody', '清风区人民法院');
    input('referralReference', '(2026)清0102民诉前调101号');
    intake.instance.onReferralDate({ currentTarget: { dataset: { field: 'referralReferredOn' } }, detail: { value: today() } });
    input('referralContactName', '王书记员');
    input('referralContactMobile', '13700001111');
    intake.instance.onConsent({ detail: { value: true } });
    await tap(intake, '#submit');
    await until(() => Boolean(intake.instance.data.done) || Object.values(intake.instance.data.errors ?? {}).some(Boolean) || wx.showToast.mock.calls.length > 0 || wx.showModal.mock.calls.length > 0, 'the case number');
    expect({ errors: intake.instance.data.errors, toast: wx.showToast.mock.calls, modal: wx.showModal.mock.calls }).toEqual({ errors: {}, toast: [], modal: [] });
    const caseId = intake.instance.data.done.caseId as string;

    // 分流处理: a labour dispute, for the arbitration committee; the materials go with it.
    const triage = await open(DIRECTOR, 'pkg-director/pages/case/triage/index', { id: caseId });
    await tap(triage, '#do-refer');
    await tap(triage, '#authority-labour_arbitration');
    triage.instance.onGuidance({ detail: { value: '请向区劳动人事争议仲裁委员会申请仲裁' } });
    triage.instance.onReason({ detail: { value: '劳动报酬争议，当事人要求仲裁' } });
    triage.instance.onHandOver({ detail: { value: true } });
    triage.instance.onHandOverInput({ currentTarget: { dataset: { field: 'handOverReceiver' } }, detail: { value: '赵科长' } });
    triage.instance.onHandOverInput({ currentTarget: { dataset: { field: 'handOverMaterials' } }, detail: { value: '法院委派函\n来访登记表' } });
    triage.instance.onHandOverDate({ detail: { value: today() } });
    await tap(triage, '#submit');
    await until(() => toasted('已告知引导'), 'the referral out');

    // 案件办理: the letter, the hand-over, and the report back owed, then recorded.
    const page = await open(DIRECTOR, 'pkg-mediator/pages/case/detail/index', { id: caseId });
    await until(() => Boolean(page.instance.data.referral), 'the referral section');
    expect(visibleText(page.querySelector('#referral-in')!)).toContain('法院委派：清风区人民法院');
    expect(visibleText(page.querySelector('#referral-in')!)).toContain('联系人：王书记员 137****1111');
    expect(visibleText(page.querySelector('#referral-out')!)).toContain('移交材料：法院委派函、来访登记表');
    expect(visibleText(page.querySelector('#referral-feedback')!)).toBe('案件已办结，请向移交单位回告调解结果');
    page.instance.onFeedbackDate({ detail: { value: today() } });
    await tap(page, '#feedback-how-in_person');
    await tap(page, '#feedback-sent');
    await until(() => toasted('已记录回告'), 'the report back');
    await until(() => page.instance.data.referral?.in?.feedbackText === `已回告：${today()}（当面送达）`, 'the report back shown');

    // The figures count the case both ways (once the timer has rolled the counters up).
    await rollUp(rt);
    const after = await ok<any>(call(rt, 'report', DIRECTOR, 'figures', {}));
    expect(after.referralsIn.total).toBe(before.referralsIn.total + 1);
    expect(after.referralsIn.feedbackSent).toBe(before.referralsIn.feedbackSent + 1);
    expect(after.referralsOut.total).toBe(before.referralsOut.total + 1);
    const stats = await open(DIRECTOR, 'pkg-director/pages/stats/index/index');
    await until(() => stats.instance.data.referralsIn.length > 0, 'the referral figures');
    expect(visibleText(stats)).toMatch(/法院委派\s*\d+件/);
    expect(visibleText(stats)).toMatch(/劳动人事争议仲裁委员会\s*\d+件/);
    expect(await chainVerifies(rt, caseId)).toBe(true);
  });
});
