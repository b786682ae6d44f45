/**
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
// One dispute from filing to closed, every step taken on the page of the person who takes it, against the real
// backend (the built cloud functions on the local runtime with the demo deployment): a resident files it from the
// wizard; 柳岸's director sends it to the labour committee, which returns it; 柳岸 sends it to the street's centre,
// which accepts it; the centre's director assigns the mediator, who invites the respondent; the respondent opens
// the invitation and agrees; the resident books a time and the respondent confirms it; the mediator records the
// session and drafts the agreement; both parties confirm it, the mediator signs and the director seals; the
// resident says the money arrived, the mediator records the return visit (the case closes as resolved), and the
// resident rates the service. The case's audit chain verifies at the end. Run `npm run build` first.
import { call, chainVerifies, ok, openAs, pageBackend, until, type Runtime, type RuntimeTransport } from './helpers/backend';
import { currentWx } from './helpers/wx-stub';
import { finishWizard } from './helpers/wizard';
import { tap, visibleText, type RenderedComponent } from './helpers/simulate';

jest.setTimeout(120_000);

let rt: Runtime;
let transport: RuntimeTransport;
beforeAll(async () => {
  ({ rt, transport } = await pageBackend());
});
afterAll(() => rt.close());

const RESIDENT = 'journey-applicant';
const RESPONDENT = 'journey-respondent';
const COMMITTEE = 'demo-director';
const LABOUR = 'demo-labour-director';
const CENTRE = 'demo-street-director';
const MEDIATOR = 'demo-street-mediator';

const open = (openid: string, page: string, query: Record<string, string> = {}): Promise<RenderedComponent> => openAs(transport, openid, page, query);

function toasted(title: string): boolean {
  return currentWx().showToast.mock.calls.some((c: any[]) => c[0]?.title === title);
}
async function toast(title: string): Promise<void> {
  await until(() => toasted(title), `the toast ${title}`);
}
/** Moves the clock (the functions and the pages read Date) without touching timers the pages rely on. */
function clockTo(ms: number): void {
  jest.useFakeTimers({ now: ms, doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'hrtime', 'performance'] });
}
afterAll(() => jest.useRealTimers());

const status = async (caseId: string): Promise<string> => (await ok<any>(call(rt, 'case', CENTRE, 'get', { caseId }))).status;

/** Answers every dialog with yes (and `content` for the ones asking for a reason). */
function sayYes(content = ''): void {
  const wx = currentWx();
  wx.showModal = jest.fn((o: { success?: (r: unknown) => void }) => o.success?.({ confirm: true, cancel: false, content }));
  wx.requestSubscribeMessage = jest.fn((o: { success?: (r: unknown) => void }) => o.success?.({}));
}

/**
 * A triage decision on the director's triage page: the mode's button, the organisation, the reason, 确认 — and
 * the page's own word that it was done (`done`).
 */
async function decide(openid: string, caseId: string, button: string, done: string, opts: { org?: string; reason?: string } = {}): Promise<void> {
  const page = await open(openid, 'pkg-director/pages/case/triage/index', { id: caseId });
  const before = currentWx().showToast.mock.calls.length;
  const answered = () => currentWx().showToast.mock.calls.slice(before).some((c: any[]) => c[0]?.title === done);
  await tap(page, `#${button}`);
  if (opts.org) {
    await until(() => page.instance.data.orgs.length > 0, 'the organisations');
    await tap(page, `#org-${opts.org}`);
  }
  if (opts.reason) page.instance.onReason({ detail: { value: opts.reason } });
  await tap(page, '#submit');
  await until(() => answered() || Boolean(page.instance.data.errors?.overrideReason), `${done}`);
  if (!answered()) {
    // Not where triage suggested: the director says why.
    page.instance.onOverrideReason({ detail: { value: '申请人住所在东湖街道辖区，由街道中心统一调处' } });
    await tap(page, '#submit');
    await until(answered, `${done} with the director's reason`);
  }
}

describe('one dispute from filing to closed, on the pages of each person who takes a step', () => {
  let caseId = '';

  it('the resident files it from the wizard', async () => {
    const wizard = await open(RESIDENT, 'pkg-resident/pages/dispute/apply/index');
    const input = (field: string, value: string) => wizard.instance.onInput({ currentTarget: { dataset: { field } }, detail: { value } });
    await tap(wizard, '#category-debt');
    if (wizard.querySelector('#relations-no')) await tap(wizard, '#relations-no');
    await tap(wizard, '#community-liuan');
    await tap(wizard, '#next');
    input('summary', '邻居装修时借了我家八千元买材料，说好三个月还，半年了一直没还');
    input('wants', '对方归还八千元');
    input('amountYuan', '8000');
    await tap(wizard, '#next');
    input('applicantName', '周阿姨');
    input('applicantMobile', '13811112222');
    input('respondentName', '吴先生');
    input('respondentMobile', '13933334444');
    await finishWizard(wizard, 'yes', sayYes);
    await until(() => Boolean(wizard.instance.data.done), 'the filing to be answered');
    caseId = (wizard.instance.data.done as { caseId: string }).caseId;
    expect(visibleText(wizard)).toContain('柳岸社区人民调解委员会');
    expect((await ok<any>(call(rt, 'case', COMMITTEE, 'get', { caseId }))).status).toBe('registered');
  });

  it('柳岸 sends it to the labour committee, which returns it; 柳岸 sends it to the street centre, which accepts it', async () => {
    await decide(COMMITTEE, caseId, 'do-transfer', '已转办', { org: 'labour-committee', reason: '申请人说借款与装修工钱有关，请劳动争议调委会办理' });
    expect((await ok<any>(call(rt, 'case', COMMITTEE, 'get', { caseId }))).status).toBe('transferring');
    await decide(LABOUR, caseId, 'do-return', '已退回', { reason: '经核实是邻里借款，不是劳动报酬，退回原单位' });
    const back = await ok<any>(call(rt, 'case', COMMITTEE, 'get', { caseId }));
    expect(back).toMatchObject({ status: 'registered', holder: { orgId: 'liuan-committee' } });
    await decide(COMMITTEE, caseId, 'do-transfer', '已转办', { org: 'donghu-centre', reason: '双方分属两个社区，请街道中心调处' });
    await decide(CENTRE, caseId, 'do-accept-transfer', '已受理');
    const accepted = await ok<any>(call(rt, 'case', CENTRE, 'get', { caseId }));
    expect(accepted).toMatchObject({ status: 'accepted', holder: { orgId: 'donghu-centre' } });
    expect(accepted.timeline.map((t: any) => t.label)).toEqual(['登记受理申请', '转交其他调解组织', '接收单位退回', '转交其他调解组织', '接收单位已受理']);
  });

  it("the centre's director assigns the mediator, who invites the respondent; the respondent opens the invitation and agrees", async () => {
    const assign = await open(CENTRE, 'pkg-director/pages/case/assign/index', { id: caseId });
    await tap(assign, `#m-${MEDIATOR}`);
    await tap(assign, '#submit');
    await until(() => toasted('已指派'), 'the assignment');
    // It is on the mediator's workbench, and opens from there.
    const workbench = await open(MEDIATOR, 'pkg-mediator/pages/workbench/index/index');
    expect(workbench.querySelector(`#case-${caseId}`)).toBeTruthy();
    const casePage = await open(MEDIATOR, 'pkg-mediator/pages/case/detail/index', { id: caseId });
    await tap(casePage, '#invite');
    await until(() => Boolean(casePage.instance.data.invite), 'the invitation');
    const invite = casePage.instance.data.invite as { code: string; path: string; who: string };
    expect(invite.who).toBe('吴先生');
    // The share card carries the invitation's path and nothing personal.
    const card = casePage.instance.onShareAppMessage();
    expect(card.path).toBe(invite.path);
    expect(JSON.stringify(card)).not.toContain('吴');

    sayYes();
    const query = Object.fromEntries(new URLSearchParams(invite.path.split('?')[1] ?? ''));
    const invitation = await open(RESPONDENT, 'pkg-respondent/pages/invite/respond/index', query);
    expect(visibleText(invitation)).toContain('东湖街道矛盾纠纷调处化解中心');
    invitation.instance.onSide({ detail: { value: '钱是借了，最近手头紧，愿意商量分期还' } });
    await tap(invitation, '#reply-agree');
    await until(() => currentWx().redirectTo.mock.calls.length > 0, 'the answer to be sent');
    expect(await status(caseId)).toBe('in_mediation');
    // The respondent is now in WeChat: the case page shows no invitation to send any more.
    const staffView = await ok<any>(call(rt, 'case', MEDIATOR, 'get', { caseId }));
    expect(staffView.parties.find((p: any) => p.partyId === 'p2')).toMatchObject({ joined: 'self' });
  });

  it('the resident books a time on the booking page; the respondent confirms it on theirs', async () => {
    sayYes();
    const booking = await open(RESIDENT, 'pkg-resident/pages/case/booking/index', { id: caseId });
    await tap(booking, '#mode-online');
    await until(() => booking.instance.data.slotsState === 'ready', 'the free times');
    await tap(booking, '#slot-0');
    await tap(booking, '#book');
    await toast('已预约，等待对方确认');
    expect(await status(caseId)).toBe('in_mediation');

    const theirs = await open(RESPONDENT, 'pkg-resident/pages/case/booking/index', { id: caseId });
    await tap(theirs, '#confirm');
    await toast('已确认时间');
    expect(await status(caseId)).toBe('scheduled');
    const mine = await open(RESIDENT, 'pkg-resident/pages/case/detail/index', { id: caseId });
    // The appointment card: the day with its weekday, online, the mediator.
    expect(visibleText(mine.querySelector('#appt-when')!)).toMatch(/\d+月\d+日（周[一二三四五六日]）\d{2}:\d{2}–\d{2}:\d{2}/);
    expect(visibleText(mine.querySelector('#appt-mediator')!)).toContain('赵调解员');
  });

  it('the mediator records the session and drafts the agreement', async () => {
    // The session is held at its time: the clock moves on to an hour after it began.
    const { nextSession } = await ok<any>(call(rt, 'case', MEDIATOR, 'get', { caseId }));
    clockTo(Date.parse(nextSession.at) + 60 * 60_000);
    const record = await open(MEDIATOR, 'pkg-mediator/pages/session/record/index', { id: caseId });
    await tap(record, '#mode-online'); // both parties are listed as present
    record.instance.onSummary({ detail: { value: '双方到场（线上），被申请人承认借款八千元，同意分两期归还。' } });
    await tap(record, '#submit');
    await toast('已保存记录');
    const afterSession = await ok<any>(call(rt, 'case', MEDIATOR, 'get', { caseId }));
    expect(afterSession.sessions).toHaveLength(1);

    const draft = await open(MEDIATOR, 'pkg-mediator/pages/agreement/draft/index', { id: caseId });
    const party = (index: number, field: string, value: string) => draft.instance.onPartyField({ currentTarget: { dataset: { index, field } }, detail: { value } });
    const item = (index: number, field: string, value: string) => draft.instance.onItemField({ currentTarget: { dataset: { index, field } }, detail: { value } });
    const text = (field: string, value: string) => draft.instance.onText({ currentTarget: { dataset: { field } }, detail: { value } });
    party(0, 'idNumber', '11010519491231002X');
    party(0, 'address', '柳岸社区3栋201室');
    party(1, 'idNumber', '110105198001010016');
    party(1, 'address', '望江社区5栋302室');
    text('disputedMatters', '吴先生所借八千元何时、如何归还');
    text('facts', '2025年3月，吴先生装修时向周阿姨借款八千元，约定三个月归还，至今未还。');
    text('responsibilities', '吴先生应按约归还借款。');
    item(0, 'description', '归还借款');
    item(0, 'amountYuan', '8000');
    item(0, 'method', '微信转账');
    item(0, 'place', '线上');
    item(0, 'dueDate', '2027-01-31');
    await tap(draft, '#submit');
    await until(() => !draft.instance.data.busy && currentWx().showToast.mock.calls.length > 0, 'the draft');
    expect(draft.instance.data.errors).toEqual({});
    expect(toasted('已提交，待当事人确认')).toBe(true);
    const agreement = await ok<any>(call(rt, 'agreement', MEDIATOR, 'get', { caseId }));
    expect(agreement.content.performance[0]).toMatchObject({ description: '归还借款', amountYuan: 8000 });
    expect(await status(caseId)).toBe('agreement_pending');
  });

  it('both parties read and confirm the agreement; the mediator signs and the director seals', async () => {
    for (const who of [RESIDENT, RESPONDENT]) {
      sayYes();
      const page = await open(who, 'pkg-resident/pages/case/agreement/index', { id: caseId });
      expect(visibleText(page)).toContain('吴先生偿还周阿姨借款人民币8000元');
      page.instance.onRead({ detail: { checked: true } });
      await tap(page, '#confirm');
      await toast('已确认协议');
    }
    const followUp = await open(MEDIATOR, 'pkg-mediator/pages/agreement/follow-up/index', { id: caseId });
    await tap(followUp, '#sign');
    await toast('已签名');
    expect(followUp.querySelector('#seal')).toBeFalsy(); // the seal is the director's
    const director = await open(CENTRE, 'pkg-mediator/pages/agreement/follow-up/index', { id: caseId });
    await tap(director, '#seal');
    await until(() => !director.querySelector('#seal') && !director.instance.data.busy, 'the seal');
    expect(visibleText(director.querySelector('#agreement-state')!)).toContain('协议已生效');
    expect(await status(caseId)).toBe('performing');
  });

  it('the resident says the money arrived, the mediator records the return visit (the case closes), and the resident rates the service', async () => {
    sayYes();
    const mine = await open(RESIDENT, 'pkg-resident/pages/case/detail/index', { id: caseId });
    expect(mine.querySelector('#task-receive')).toBeTruthy();
    await tap(mine, '#task-receive');
    await until(() => currentWx().showToast.mock.calls.length > 0 && !mine.instance.data.busy, 'the receipt');
    const afterReceipt = await ok<any>(call(rt, 'agreement', MEDIATOR, 'get', { caseId }));
    expect(afterReceipt.performance[0].done).toBe(true);

    const followUp = await open(MEDIATOR, 'pkg-mediator/pages/agreement/follow-up/index', { id: caseId });
    await tap(followUp, '#result-performed');
    await tap(followUp, '#star-5');
    followUp.instance.onNotes({ detail: { value: '电话回访，借款已全部还清，双方关系缓和' } });
    await tap(followUp, '#save-visit');
    await toast('已记录回访');
    // Everything performed and the visit on file: the case closes as resolved.
    expect(await status(caseId)).toBe('closed');

    // The resident's case page now asks for a rating, at the top.
    sayYes();
    const rating = await open(RESIDENT, 'pkg-resident/pages/case/detail/index', { id: caseId });
    expect(rating.querySelector('#rate-form')).toBeTruthy();
    rating.instance.onScore({ detail: { value: 5 } });
    rating.instance.onComment({ detail: { value: '调解员很耐心，钱也还上了' } });
    await tap(rating, '#rate');
    await toast('感谢您的评价');
    expect((await ok<any>(call(rt, 'case', RESIDENT, 'get', { caseId }))).mayRate).toBeFalsy();
  });

  it('with the agreement performed and the visit recorded the case is closed as resolved; both sides see it; the audit chain verifies', async () => {
    expect(await status(caseId)).toBe('closed');
    const followUp = await open(MEDIATOR, 'pkg-mediator/pages/agreement/follow-up/index', { id: caseId });
    expect(visibleText(followUp)).toContain('已结案（调解成功并履行完毕）');
    const mine = await open(RESIDENT, 'pkg-resident/pages/case/detail/index', { id: caseId });
    expect(visibleText(mine)).toContain('调解成功');
    const theirs = await open(RESPONDENT, 'pkg-resident/pages/case/detail/index', { id: caseId });
    expect(visibleText(theirs)).toContain('调解成功');
    expect(await chainVerifies(rt, caseId)).toBe(true);
    const audit = await ok<any>(call(rt, 'case', CENTRE, 'audit', { caseId }));
    // Every person who took a step is named in the trail.
    const who = audit.entries.map((e: any) => e.who).join(' ');
    for (const name of ['周阿姨（申请人）', '吴先生（被申请人）', '王主任', '吴主任', '陈主任', '赵调解员']) expect(who).toContain(name);
  });
});
