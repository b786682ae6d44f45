/**
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
// Journeys of several parties and of parties without WeChat, through the pages against the real backend (the
// built cloud functions on the local runtime with the demo deployment): a group dispute filed from the wizard
// whose co-applicant joins by their own invitation; a respondent without WeChat whose refusal, given on paper, the
// mediator records from the case page — and the applicant's page then says where else to turn. Run `npm run build`
// first.
import { acceptAndAssign, call, chainVerifies, ok, openAs, pageBackend, rid, until, type Runtime, type RuntimeTransport } from './helpers/backend';
import { currentWx } from './helpers/wx-stub';
import { finishWizard } from './helpers/wizard';
import { tap, visibleText, type RenderedComponent } from './helpers/simulate';

jest.setTimeout(90_000);

let rt: Runtime;
let transport: RuntimeTransport;
beforeAll(async () => {
  ({ rt, transport } = await pageBackend());
});
afterAll(() => rt.close());

const open = (openid: string, page: string, query: Record<string, string> = {}, before?: () => void): Promise<RenderedComponent> =>
  openAs(transport, openid, page, query, before);

function lastUrl(kind: 'navigateTo' | 'redirectTo'): string {
  const calls = currentWx()[kind].mock.calls;
  return (calls[calls.length - 1][0] as { url: string }).url;
}

describe('a group dispute through the pages', () => {
  it('filed from the wizard with a neighbour applying too, against a company; the neighbour joins by their own invitation', async () => {
    const RESIDENT = 'group-resident';
    const wizard = await open(RESIDENT, 'pkg-resident/pages/dispute/apply/index');
    const input = (field: string, value: string) => wizard.instance.onInput({ currentTarget: { dataset: { field } }, detail: { value } });
    await tap(wizard, '#category-property');
    if (wizard.querySelector('#relations-no')) await tap(wizard, '#relations-no');
    await tap(wizard, '#community-liuan');
    await tap(wizard, '#next');
    input('summary', '3栋电梯停运两个月，物业迟迟不修');
    await tap(wizard, '#next');
    input('applicantName', '张三');
    input('applicantMobile', '13812341234');
    await tap(wizard, '#add-co-applicant');
    wizard.instance.onPartyInput({ currentTarget: { dataset: { list: 'coApplicants', index: 0, field: 'name' } }, detail: { value: '302业主' } });
    await tap(wizard, '#respondent-organisation');
    input('respondentName', '安居物业公司');
    input('respondentRep', '王经理');
    await finishWizard(wizard, 'no');
    await until(() => Boolean(wizard.instance.data.done), 'the filing to be answered');
    const caseId = (wizard.instance.data.done as { caseId: string }).caseId;

    // The committee accepts and assigns (their own pages are tested elsewhere).
    await acceptAndAssign(rt, caseId);

    // The mediator's case page lists all three parties and invites the neighbour.
    const staffPage = await open('demo-mediator', 'pkg-mediator/pages/case/detail/index', { id: caseId });
    const parties = visibleText(staffPage);
    for (const name of ['张三', '302业主', '安居物业公司', '法定代表人：王经理']) expect(parties).toContain(name);
    await tap(staffPage, '#invite-p2');
    await until(() => Boolean(staffPage.instance.data.invite), 'the invitation');
    const invite = staffPage.instance.data.invite as { code: string; who: string };
    expect(invite.who).toBe('302业主');

    // The neighbour opens it: nothing to agree to, one tap joins, and the case is theirs to follow.
    const invitation = await open('neighbour-302', 'pkg-respondent/pages/invite/respond/index', { code: invite.code });
    expect(visibleText(invitation.querySelector('#as-applicant')!)).toContain('申请人之一');
    await tap(invitation, '#join');
    await until(() => currentWx().redirectTo.mock.calls.length > 0, 'the join');
    expect(lastUrl('redirectTo')).toBe(`/pkg-resident/pages/case/detail/index?id=${caseId}`);
    const theirs = await ok(call<any>(rt, 'case', 'neighbour-302', 'get', { caseId }));
    expect(theirs.parties.find((p: any) => p.isMe)).toMatchObject({ partyId: 'p2', role: 'applicant' });
    expect(await chainVerifies(rt, caseId)).toBe(true);
  });
});

describe('a respondent without WeChat, through the pages', () => {
  it('the refusal given on paper is recorded from the case page; the applicant is told where else to turn; the chain verifies', async () => {
    const filed = await ok(call<any>(rt, 'case', 'demo-resident', 'file', {
      category: 'debt',
      summary: '邻居借款两万元到期未还，老人不用微信。',
      communityId: 'liuan',
      amountYuan: 20000,
      applicant: { name: '张阿姨', mobile: '13812345678' },
      respondents: [{ name: '钱奶奶' }],
      consent: { privacy: true, shareWithOtherOrgs: false },
    }, rid()));
    const caseId = filed.caseId as string;
    await acceptAndAssign(rt, caseId);

    const staffPage = await open('demo-mediator', 'pkg-mediator/pages/case/detail/index', { id: caseId });
    await tap(staffPage, '#invite');
    await until(() => Boolean(staffPage.instance.data.invite), 'the invitation');
    // The old neighbour has no WeChat: she answers on paper, and the mediator records it.
    const reopened = await open('demo-mediator', 'pkg-mediator/pages/case/detail/index', { id: caseId });
    const wx = currentWx();
    const choices: string[][] = [];
    wx.showActionSheet = jest.fn((o: { itemList: string[]; success: (r: { tapIndex: number }) => void }) => {
      choices.push(o.itemList);
      o.success({ tapIndex: o.itemList.indexOf(choices.length === 1 ? '不同意调解' : '书面表示（已收到书面材料）') });
    });
    wx.showModal = jest.fn((o: { success?: (r: unknown) => void }) => o.success?.({ confirm: true, content: '书面回复：不愿意调解，准备自己和对方说' }));
    await tap(reopened, '#record-for-p2');
    await until(() => wx.showToast.mock.calls.some((c: any[]) => c[0]?.title === '已记录'), 'the record');

    // The applicant's own page: closed, with the routes that remain.
    const mine = await open('demo-resident', 'pkg-resident/pages/case/detail/index', { id: caseId });
    const text = visibleText(mine);
    expect(text).toContain('办理结果：对方不同意调解');
    expect(text).toContain('对方不同意调解。人民调解以双方自愿为前提');
    expect(text).toContain('人民法院提起民事诉讼');

    const audit = await ok(call<any>(rt, 'case', 'demo-director', 'audit', { caseId }));
    expect(audit.verified).toBe(true);
    expect(audit.entries.some((e: any) => e.type === 'recorded_for_party')).toBe(true);
  });
});

describe('a respondent who refuses in WeChat, through the pages', () => {
  it("the invitation page sends the refusal; the applicant's case page says the case closed and where else to turn", async () => {
    const filed = await ok(call<any>(rt, 'case', 'demo-resident', 'file', {
      category: 'neighbourhood',
      summary: '楼上装修噪音持续到深夜，协商未果。',
      communityId: 'liuan',
      applicant: { name: '张阿姨', mobile: '13812345678' },
      respondents: [{ name: '王先生' }],
      consent: { privacy: true, shareWithOtherOrgs: false },
    }, rid()));
    const caseId = filed.caseId as string;
    await acceptAndAssign(rt, caseId);
    const inv = await ok(call<any>(rt, 'case', 'demo-mediator', 'invite', { caseId }, rid()));

    const wx = currentWx();
    wx.showModal = jest.fn((o: { success?: (r: unknown) => void }) => o.success?.({ confirm: true, content: '' }));
    wx.requestSubscribeMessage = jest.fn((o: { success?: () => void }) => o.success?.());
    const invitation = await open('neighbour-wang', 'pkg-respondent/pages/invite/respond/index', { code: inv.invite.code });
    invitation.instance.onSide({ detail: { value: '装修是合法的，不同意调解' } });
    await tap(invitation, '#reply-refuse');
    await until(() => wx.redirectTo.mock.calls.length > 0, 'the refusal to be sent');

    const mine = await open('demo-resident', 'pkg-resident/pages/case/detail/index', { id: caseId });
    const text = visibleText(mine);
    expect(text).toContain('对方不同意调解');
    expect(text).toContain('人民法院提起民事诉讼');
    expect(await chainVerifies(rt, caseId)).toBe(true);
  });
});


describe('a respondent without WeChat who agrees at the window, through the pages', () => {
  it('the mediator records her consent given in person and, later, her confirmation of the time; the applicant confirms in WeChat; the case is scheduled and the chain verifies', async () => {
    const filed = await ok(call<any>(rt, 'case', 'demo-resident', 'file', {
      category: 'neighbourhood',
      summary: '楼上老人家中漏水渗到楼下，老人不用微信。',
      communityId: 'liuan',
      applicant: { name: '张阿姨', mobile: '13812345678' },
      respondents: [{ name: '孙奶奶', mobile: '13900001111' }],
      consent: { privacy: true, shareWithOtherOrgs: false },
    }, rid()));
    const caseId = filed.caseId as string;
    await acceptAndAssign(rt, caseId);

    // The invitation goes out (a card she cannot open); she comes to the window and says yes in person.
    const staffPage = await open('demo-mediator', 'pkg-mediator/pages/case/detail/index', { id: caseId });
    await tap(staffPage, '#invite');
    await until(() => Boolean(staffPage.instance.data.invite), 'the invitation');
    const wx = currentWx();
    const sheets: string[][] = [];
    let answers = ['同意调解', '当面表示'];
    wx.showActionSheet = jest.fn((o: { itemList: string[]; success: (r: { tapIndex: number }) => void }) => {
      sheets.push(o.itemList);
      o.success({ tapIndex: o.itemList.indexOf(answers.shift()!) });
    });
    wx.showModal = jest.fn((o: { success?: (r: unknown) => void }) => o.success?.({ confirm: true, content: '在调委会窗口当面表示同意调解' }));
    const atWindow = await open('demo-mediator', 'pkg-mediator/pages/case/detail/index', { id: caseId });
    await tap(atWindow, '#record-for-p2');
    await until(() => wx.showToast.mock.calls.some((c: any[]) => c[0]?.title === '已记录'), 'the consent to be recorded');
    expect(sheets[1]).toEqual(['当面表示', '电话中表示', '书面表示（已收到书面材料）']);
    expect((await ok(call<any>(rt, 'case', 'demo-mediator', 'get', { caseId }))).status).toBe('in_mediation');

    // The mediator proposes a time from the case page: it waits for both sides.
    const proposing = await open('demo-mediator', 'pkg-mediator/pages/case/detail/index', { id: caseId });
    await tap(proposing, '#show-slots');
    await until(() => proposing.instance.data.slotsState === 'ready', 'the free times');
    await tap(proposing, '#slot-0');
    await until(() => wx.showToast.mock.calls.some((c: any[]) => c[0]?.title === '已向双方发出预约'), 'the proposal');

    // The applicant confirms it in WeChat, on her booking page.
    wx.requestSubscribeMessage = jest.fn((o: { success?: () => void }) => o.success?.());
    const booking = await open('demo-resident', 'pkg-resident/pages/case/booking/index', { id: caseId });
    await tap(booking, '#confirm');
    await until(() => wx.showToast.mock.calls.some((c: any[]) => c[0]?.title === '已确认时间'), 'the applicant to confirm');

    // Only the old neighbour is left: she confirms by phone and the mediator records it on her behalf.
    const waiting = await open('demo-mediator', 'pkg-mediator/pages/case/detail/index', { id: caseId });
    expect(visibleText(waiting.querySelector('#proposal')!)).toContain('孙奶奶 尚未确认');
    expect(waiting.querySelector('#awaiting-p1')).toBeFalsy();
    answers = ['电话中确认'];
    await tap(waiting, '#confirm-for-p2');
    await until(() => wx.showToast.mock.calls.some((c: any[]) => c[0]?.title === '各方均已确认，调解时间已定'), 'the confirmation to be recorded');

    const after = await open('demo-mediator', 'pkg-mediator/pages/case/detail/index', { id: caseId });
    expect(after.querySelector('#proposal')).toBeFalsy();
    const staffView = await ok(call<any>(rt, 'case', 'demo-mediator', 'get', { caseId }));
    expect(staffView.status).toBe('scheduled');
    // The applicant's own page shows the fixed time.
    const mine = await open('demo-resident', 'pkg-resident/pages/case/detail/index', { id: caseId });
    expect(mine.querySelector('#appointment')).toBeTruthy();
    expect(visibleText(mine.querySelector('#appt-mode')!)).toContain(staffView.nextSession.modeLabel);
    expect(visibleText(mine.querySelector('#appt-mediator')!)).toContain('李调解员');

    const audit = await ok(call<any>(rt, 'case', 'demo-director', 'audit', { caseId }));
    expect(audit.verified).toBe(true);
    expect(audit.entries.filter((e: any) => e.type === 'recorded_for_party')).toHaveLength(1);
    expect(audit.entries.filter((e: any) => e.type === 'booking_confirmed').map((e: any) => e.who)).toEqual(['张阿姨（申请人）', '李调解员']);
  });
});

describe('a recusal asked for at the office by a party without WeChat, through the pages', () => {
  it("the director records it from the case page (not the mediator objected to); the mediator leaves the case and the director assigns another", async () => {
    const filed = await ok(call<any>(rt, 'case', 'demo-resident', 'file', {
      category: 'neighbourhood',
      summary: '楼上老人家中漏水渗到楼下，老人不用微信。',
      communityId: 'liuan',
      applicant: { name: '张阿姨', mobile: '13812345678' },
      respondents: [{ name: '周爷爷' }],
      consent: { privacy: true, shareWithOtherOrgs: false },
    }, rid()));
    const caseId = filed.caseId as string;
    await acceptAndAssign(rt, caseId);
    await ok(call<any>(rt, 'case', 'demo-mediator', 'invite', { caseId }, rid()));
    await ok(call<any>(rt, 'case', 'demo-mediator', 'recordForParty', { caseId, partyId: 'p2', act: 'reply', reply: 'agree', how: 'in_person' }, rid()));

    // The mediator the old man objects to has no such action on their own page.
    const mediatorPage = await open('demo-mediator', 'pkg-mediator/pages/case/detail/index', { id: caseId });
    expect(mediatorPage.querySelector('#party-p2')).toBeTruthy();
    expect(mediatorPage.querySelector('#open-recusal')).toBeFalsy();

    // He comes to the committee's office and tells the director; she records it.
    const page = await open('demo-director', 'pkg-mediator/pages/case/detail/index', { id: caseId });
    await tap(page, '#open-recusal');
    const form = visibleText(page.querySelector('#recusal-form')!);
    expect(form).toContain('视同当事人本人申请');
    // Only the party not in WeChat can be chosen, and the mediator is the one to object to: both already picked.
    expect(page.querySelector('#recusal-party-p1')).toBeFalsy();
    expect(page.querySelector('#recusal-party-p2')!.data.theme).toBe('primary');
    expect(page.querySelector('#recusal-target-mediator')!.data.theme).toBe('primary');
    expect(['在场口头', '电话', '书面'].map((l) => form.includes(l))).toEqual([true, true, true]);

    const wx = currentWx();
    const asked: Array<{ title: string; content?: string }> = [];
    wx.showModal = jest.fn((o: { title: string; content?: string; success?: (r: unknown) => void }) => {
      asked.push(o);
      o.success?.({ confirm: true });
    });
    // Without the way he asked and his reason, nothing is sent.
    await tap(page, '#submit-recusal');
    expect(visibleText(page.querySelector('#err-recusalHow')!)).toBe('请选择当事人提出申请的方式');
    expect(visibleText(page.querySelector('#err-recusalReason')!)).toBe('请写明当事人申请回避的理由');
    expect(asked).toHaveLength(0);

    await tap(page, '#recusal-how-in_person');
    page.instance.onRecusalReason({ detail: { value: '调解员与申请人是多年的老同事' } });
    await tap(page, '#submit-recusal');
    await until(() => wx.showToast.mock.calls.some((c: any[]) => c[0]?.title === '已记录，请另行指派调解员'), 'the recusal to be recorded');
    expect(asked[0].title).toBe('确认记录在场口头提出的回避申请？');
    expect(asked[0].content).toContain('本案调解员即回避');
    expect(lastUrl('navigateTo')).toBe(`/pkg-director/pages/case/assign/index?id=${caseId}`);

    // As if he had asked in WeChat: no mediator on the case, and the one he objected to cannot be picked again.
    const view = await ok(call<any>(rt, 'case', 'demo-director', 'get', { caseId }));
    expect(view.mediator).toBeUndefined();
    expect(view.timeline.map((t: any) => t.label)).toContain('调解员回避');
    const assign = await open('demo-director', 'pkg-director/pages/case/assign/index', { id: caseId });
    expect((assign.instance.data.mediators as Array<{ openid: string; note: string }>).find((m) => m.openid === 'demo-mediator')?.note).toBe('已回避，不能指派');
    expect(visibleText(assign)).toContain('已回避，不能指派');
    // The case page no longer offers it: there is nobody left to object to.
    const after = await open('demo-director', 'pkg-mediator/pages/case/detail/index', { id: caseId });
    expect(after.querySelector('#open-recusal')).toBeFalsy();

    const audit = await ok(call<any>(rt, 'case', 'demo-director', 'audit', { caseId }));
    expect(audit.verified).toBe(true);
    expect(audit.entries.filter((e: any) => e.type === 'recorded_for_party').at(-1)).toMatchObject({ actor: 'demo-director' });
  });
});
