// Intake on behalf of a visitor: the window registers a walk-in or phone visitor with their consent and
// hands them the case number; nothing is sent without consent, and a double tap registers once.
import { RegisterVisitInput } from '../../src/server/case/schemas';
import { FakeTransport, err, fail, ok } from './helpers/fake-transport';
import { sleep, tap, visibleText } from './helpers/simulate';
import { currentWx } from './helpers/wx-stub';
import { DIRECTORY, grant, openPage, withRoles } from './helpers/staff-fixtures';

const registered = ok({
  caseId: 'c0123456789abcdef0123',
  caseNo: 'QF-2025-000456',
  status: 'registered',
  statusLabel: '已登记',
  holder: { orgId: 'donghu-centre', name: '东湖街道矛盾纠纷调处化解中心' },
  next: { label: '分流期限', dueAt: '2025-05-06T15:59:59.999Z' },
  urgent: false,
  emergencyNumbers: [],
});

async function fillVisit(page: Awaited<ReturnType<typeof openPage>>) {
  await tap(page, '#source-phone');
  await tap(page, '#category-neighbourhood');
  await tap(page, '#relations-no');
  await tap(page, '#community-liuan');
  await tap(page, '#risk-low');
  await tap(page, '#share-yes');
  const input = (field: string, value: string) => page.instance.onInput({ currentTarget: { dataset: { field } }, detail: { value } });
  input('summary', '来电反映楼上装修噪音持续到深夜');
  input('wants', '要求晚上十点后停工');
  party(page, 'applicants', 0, 'name', '王阿姨');
  party(page, 'respondents', 0, 'name', '5 楼住户');
  await sleep();
}

/** The referral letter's particulars, as staff copy them from it (诉调/公调/检调/访调对接). */
function fillReferral(page: Awaited<ReturnType<typeof openPage>>, letter: Record<string, string>) {
  for (const [field, value] of Object.entries(letter)) {
    if (field === 'referralReferredOn' || field === 'referralFeedbackDueOn') page.instance.onReferralDate({ currentTarget: { dataset: { field } }, detail: { value } });
    else page.instance.onInput({ currentTarget: { dataset: { field } }, detail: { value } });
  }
}
const POLICE_LETTER = {
  referralBody: '柳岸派出所',
  referralReference: '清公(柳)调字2025-17号',
  referralReferredOn: '2025-05-04',
  referralContactName: '陈警官',
  referralContactMobile: '13700001111',
};

function party(page: Awaited<ReturnType<typeof openPage>>, side: string, index: number, field: string, value: string) {
  page.instance.onPartyInput({ currentTarget: { dataset: { side, index, field } }, detail: { value } });
}

describe('来访登记', () => {
  it('asks the referral letter of a case a court refers, and sends it for the server to seal the contact phone', async () => {
    const fake = withRoles(new FakeTransport(), grant('intake', 'donghu-centre')).reply('org', 'directory', ok(DIRECTORY)).reply('case', 'register', registered);
    const page = await openPage('pkg-intake/pages/visit/register/index', fake);
    await fillVisit(page);
    page.instance.onConsent({ detail: { value: true } });
    // A phone call has no referral letter.
    expect(page.querySelector('#referral')).toBeFalsy();
    await tap(page, '#source-court');
    expect(visibleText(page.querySelector('#referral')!)).toContain('移交函（诉调、公调、检调、访调对接）');
    await tap(page, '#submit');
    await sleep();
    expect(fake.callsTo('case', 'register')).toHaveLength(0);
    expect(visibleText(page.querySelector('#err-referralBody')!)).toBe('请填写移交单位名称');
    expect(visibleText(page.querySelector('#err-referralReference')!)).toBe('请填写移交案号或编号');
    expect(visibleText(page.querySelector('#err-referralReferredOn')!)).toBe('请选择移交日期');
    expect(visibleText(page.querySelector('#err-referralContactMobile')!)).toBe('请填写联系人的 11 位手机号码');
    fillReferral(page, { ...POLICE_LETTER, referralBody: '清风区人民法院', referralReference: '(2025)清0102民诉前调88号', referralFeedbackDueOn: '2025-05-03' });
    await tap(page, '#submit');
    await sleep();
    expect(visibleText(page.querySelector('#err-referralFeedbackDueOn')!)).toBe('回告期限不能早于移交日期');
    fillReferral(page, { referralFeedbackDueOn: '2025-06-04' });
    await sleep();
    expect(visibleText(page.querySelector('#referral')!)).toContain('2025-06-04');
    await tap(page, '#submit');
    await sleep();
    const sent = fake.callsTo('case', 'register')[0].data;
    expect(sent).toMatchObject({
      source: 'court',
      referral: {
        body: '清风区人民法院',
        reference: '(2025)清0102民诉前调88号',
        referredOn: '2025-05-04',
        feedbackDueOn: '2025-06-04',
        contact: { name: '陈警官', mobile: '13700001111' },
      },
    });
    expect(RegisterVisitInput.safeParse(sent).success).toBe(true);
    expect(visibleText(page.querySelector('#case-no')!)).toBe('QF-2025-000456');
  });

  it("shows the server's refusal of the referral letter at its field", async () => {
    const refused = err('VALIDATION_FAILED', '填写的信息有误', { 'referral.contact.mobile': '请填写 11 位手机号码' });
    const fake = withRoles(new FakeTransport(), grant('intake', 'donghu-centre')).reply('org', 'directory', ok(DIRECTORY)).reply('case', 'register', refused);
    const page = await openPage('pkg-intake/pages/visit/register/index', fake);
    await fillVisit(page);
    page.instance.onConsent({ detail: { value: true } });
    await tap(page, '#source-petition_office');
    fillReferral(page, { ...POLICE_LETTER, referralBody: '清风区信访局' });
    await tap(page, '#submit');
    await sleep();
    expect(visibleText(page.querySelector('#err-referralContactMobile')!)).toBe('请填写 11 位手机号码');
  });

  it("registers a phone visitor on their behalf with the visitor's consent and shows the case number to hand over", async () => {
    const fake = withRoles(new FakeTransport(), grant('intake', 'donghu-centre')).reply('org', 'directory', ok(DIRECTORY)).reply('case', 'register', registered);
    const page = await openPage('pkg-intake/pages/visit/register/index', fake);
    await fillVisit(page);

    // Without the visitor's consent nothing is sent.
    await tap(page, '#submit');
    expect(fake.callsTo('case', 'register')).toHaveLength(0);
    expect(visibleText(page)).toContain('请先向来访人说明并取得其同意');

    page.instance.onConsent({ detail: { value: true } });
    await sleep();
    await tap(page, '#submit');
    await sleep();

    expect(fake.callsTo('case', 'register')[0].data).toEqual({
      source: 'phone',
      orgId: 'donghu-centre',
      category: 'neighbourhood',
      involvesPersonalRelations: false,
      communityId: 'liuan',
      summary: '来电反映楼上装修噪音持续到深夜',
      wants: '要求晚上十点后停工',
      applicants: [{ kind: 'person', name: '王阿姨' }],
      respondents: [{ kind: 'person', name: '5 楼住户' }],
      otherCommunityIds: [],
      risk: 'low',
      riskSignals: [],
      crossDepartment: false,
      escalatedByCommunity: false,
      visitorConsent: true,
      shareWithOtherOrgs: true,
    });
    expect(visibleText(page.querySelector('#case-no')!)).toBe('QF-2025-000456');
    expect(visibleText(page)).toContain('请将案件编号告知来访人');
    expect(visibleText(page)).toContain('承办单位：东湖街道矛盾纠纷调处化解中心');
  });

  it('a double tap and a retry after a lost answer register the visit once, under one request id', async () => {
    const fake = withRoles(new FakeTransport(), grant('intake', 'donghu-centre'))
      .reply('org', 'directory', ok(DIRECTORY))
      .reply('case', 'register', fail('network'), fail('network'), fail('network'), fail('network'), registered);
    const page = await openPage('pkg-intake/pages/visit/register/index', fake);
    await fillVisit(page);
    page.instance.onConsent({ detail: { value: true } });
    await sleep();

    const first = page.instance.onSubmit();
    const second = page.instance.onSubmit(); // double tap while the first is under way
    await Promise.all([first, second]);
    await sleep();
    expect(currentWx().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '网络不佳，请稍后重试' }));
    expect(page.querySelector('#case-no')).toBeFalsy();
    await tap(page, '#submit');
    await sleep();

    const calls = fake.callsTo('case', 'register');
    expect(new Set(calls.map((c) => c.requestId)).size).toBe(1);
    expect(visibleText(page.querySelector('#case-no')!)).toBe('QF-2025-000456');
  });

  it('checks the mobile numbers typed in before sending', async () => {
    const fake = withRoles(new FakeTransport(), grant('intake', 'donghu-centre')).reply('org', 'directory', ok(DIRECTORY));
    const page = await openPage('pkg-intake/pages/visit/register/index', fake);
    await fillVisit(page);
    party(page, 'applicants', 0, 'mobile', '1234');
    page.instance.onConsent({ detail: { value: true } });
    await tap(page, '#submit');
    expect(fake.callsTo('case', 'register')).toHaveLength(0);
    expect(visibleText(page.querySelector('#err-applicants-0-mobile')!)).toBe('请填写 11 位手机号码');
  });

  it('offers the filing categories and the ways a matter comes in (referrals by the police and the procuratorate too), in the server\'s words', async () => {
    const fake = withRoles(new FakeTransport(), grant('intake', 'donghu-centre')).reply('org', 'directory', ok(DIRECTORY));
    const page = await openPage('pkg-intake/pages/visit/register/index', fake);
    const text = visibleText(page);
    for (const label of ['来访登记', '来电登记', '公安移交', '检察院移送', '法院委派', '信访转来']) expect(text).toContain(label);
    for (const label of ['邻里纠纷', '婚姻家庭', '婚姻（离婚等）', '收养', '继承', '土地承包', '征地拆迁', '环境污染', '其他']) expect(text).toContain(label);
    expect(text).toContain('东湖街道 柳岸社区');
  });

  it('the visitor\'s consent to pass the case on starts unchosen: nothing is sent until 同意 or 不同意 is chosen', async () => {
    const fake = withRoles(new FakeTransport(), grant('intake', 'donghu-centre')).reply('org', 'directory', ok(DIRECTORY)).reply('case', 'register', registered);
    const page = await openPage('pkg-intake/pages/visit/register/index', fake);
    expect(page.querySelector('#share-yes')!.data.theme).toBe('default');
    expect(page.querySelector('#share-no')!.data.theme).toBe('default');
    await fillVisit(page);
    page.instance.setData({ 'form.shareWithOtherOrgs': '' });
    page.instance.onConsent({ detail: { value: true } });
    await tap(page, '#submit');
    expect(fake.callsTo('case', 'register')).toHaveLength(0);
    expect(visibleText(page.querySelector('#err-shareWithOtherOrgs')!)).toBe('请询问来访人是否同意必要时转交其他调解组织办理');
    await tap(page, '#share-no');
    await tap(page, '#submit');
    await sleep();
    expect(fake.callsTo('case', 'register')[0].data).toMatchObject({ shareWithOtherOrgs: false });
  });

  it('collects every fact the triage uses: a minor case the police station sends, people, amount, risk, other communities, departments', async () => {
    const fake = withRoles(new FakeTransport(), grant('intake', 'donghu-centre')).reply('org', 'directory', ok(DIRECTORY)).reply('case', 'register', registered);
    const page = await openPage('pkg-intake/pages/visit/register/index', fake);
    await fillVisit(page);
    await tap(page, '#criminal-minor_referred');
    // Brought in at the window, a minor criminal case is for the police: the page says so before sending.
    expect(visibleText(page.querySelector('#criminal-hint')!)).toContain('须由公安机关或检察机关移送');
    await tap(page, '#source-police');
    expect(page.querySelector('#criminal-hint')).toBeFalsy();
    fillReferral(page, POLICE_LETTER);
    await tap(page, '#other-community-wangjiang');
    await tap(page, '#risk-medium');
    await tap(page, '#signal-crowd_gathering');
    await tap(page, '#handled-administrative');
    page.instance.onInput({ currentTarget: { dataset: { field: 'amountYuan' } }, detail: { value: '80000' } });
    page.instance.onInput({ currentTarget: { dataset: { field: 'peopleInvolved' } }, detail: { value: '12' } });
    page.instance.onCrossDepartment({ detail: { value: true } });
    page.instance.onConsent({ detail: { value: true } });
    await sleep();
    // Escalating as a community committee is for community windows only.
    expect(page.querySelector('#escalate')).toBeFalsy();
    await tap(page, '#submit');
    await sleep();
    expect(fake.callsTo('case', 'register')[0].data).toMatchObject({
      source: 'police',
      criminal: 'minor_referred',
      otherCommunityIds: ['wangjiang'],
      amountYuan: 80000,
      peopleInvolved: 12,
      risk: 'medium',
      riskSignals: ['crowd_gathering'],
      alreadyHandledBy: 'administrative',
      crossDepartment: true,
      escalatedByCommunity: false,
    });
    // What the page sends, the server's own schema takes.
    expect(RegisterVisitInput.safeParse(fake.callsTo('case', 'register')[0].data).success).toBe(true);
  });

  it('asks the risk and, for a family dispute, whether marriage, adoption or inheritance is involved', async () => {
    const fake = withRoles(new FakeTransport(), grant('intake', 'donghu-centre')).reply('org', 'directory', ok(DIRECTORY)).reply('case', 'register', registered);
    const page = await openPage('pkg-intake/pages/visit/register/index', fake);
    await fillVisit(page);
    await tap(page, '#category-family');
    page.instance.setData({ 'form.personalRelations': '', 'form.risk': '' });
    page.instance.onConsent({ detail: { value: true } });
    await tap(page, '#submit');
    expect(fake.callsTo('case', 'register')).toHaveLength(0);
    expect(visibleText(page.querySelector('#err-personalRelations')!)).toBe('请选择是否涉及婚姻、收养、继承关系');
    expect(visibleText(page.querySelector('#err-risk')!)).toBe('请评估风险等级');
    await tap(page, '#relations-yes');
    await tap(page, '#risk-high');
    await tap(page, '#submit');
    await sleep();
    expect(fake.callsTo('case', 'register')[0].data).toMatchObject({ category: 'family', involvesPersonalRelations: true, risk: 'high' });
  });

  it('a community committee\'s window may report the matter upward as it registers it (上报)', async () => {
    const fake = withRoles(new FakeTransport(), grant('director', 'liuan-committee')).reply('org', 'directory', ok(DIRECTORY)).reply('case', 'register', registered);
    const page = await openPage('pkg-intake/pages/visit/register/index', fake);
    await fillVisit(page);
    expect(visibleText(page)).toContain('本调委会难以调处，上报街道（乡镇）');
    page.instance.onEscalate({ detail: { value: true } });
    page.instance.onConsent({ detail: { value: true } });
    await tap(page, '#submit');
    await sleep();
    expect(fake.callsTo('case', 'register')[0].data).toMatchObject({ orgId: 'liuan-committee', escalatedByCommunity: true });
  });

  it("the server's objections land next to the fields they are about (its field paths mapped to the form's)", async () => {
    const fake = withRoles(new FakeTransport(), grant('intake', 'donghu-centre'))
      .reply('org', 'directory', ok(DIRECTORY))
      .reply('case', 'register', err('VALIDATION_FAILED', '填写的信息有误', { 'respondents.0.name': '姓名或名称不超过 40 个字', summary: '请至少用五个字说明发生了什么' }));
    const page = await openPage('pkg-intake/pages/visit/register/index', fake);
    await fillVisit(page);
    page.instance.onConsent({ detail: { value: true } });
    await sleep();
    await tap(page, '#submit');
    await sleep();
    expect(fake.callsTo('case', 'register')).toHaveLength(1);
    expect(visibleText(page.querySelector('#err-respondents-0-name')!)).toBe('姓名或名称不超过 40 个字');
    expect(visibleText(page.querySelector('#err-summary')!)).toBe('请至少用五个字说明发生了什么');
    expect(currentWx().showToast).not.toHaveBeenCalled();
    expect(page.querySelector('#case-no')).toBeFalsy();
  });

  it("three heirs at the window: each party on their own row, an elderly mother's agent with the powers stated, a company with its person in charge", async () => {
    const fake = withRoles(new FakeTransport(), grant('intake', 'donghu-centre')).reply('org', 'directory', ok(DIRECTORY)).reply('case', 'register', registered);
    const page = await openPage('pkg-intake/pages/visit/register/index', fake);
    await fillVisit(page);
    party(page, 'applicants', 0, 'name', '陈大哥');
    party(page, 'respondents', 0, 'name', '陈二姐');
    await tap(page, '#add-respondents');
    party(page, 'respondents', 1, 'name', '陈老太');
    party(page, 'respondents', 1, 'agentName', '陈小弟');
    await sleep();
    // The powers are asked only once an agent is named.
    expect(page.querySelector('#respondents-0-special')).toBeFalsy();
    page.instance.onAgentPowers({ currentTarget: { dataset: { side: 'respondents', index: 1 } }, detail: { value: true } });
    await tap(page, '#add-respondents');
    await tap(page, '#respondents-2-organisation');
    party(page, 'respondents', 2, 'name', '某房产中介');
    page.instance.onConsent({ detail: { value: true } });
    await tap(page, '#submit');
    expect(fake.callsTo('case', 'register')).toHaveLength(0);
    expect(visibleText(page.querySelector('#err-respondents-2-representative')!)).toBe('请填写法定代表人或负责人');
    // A party added by mistake is removed; the others keep what was typed.
    await tap(page, '#remove-respondents-2');
    await tap(page, '#submit');
    await sleep();
    const [call] = fake.callsTo('case', 'register');
    expect(call.data).toMatchObject({
      applicants: [{ kind: 'person', name: '陈大哥' }],
      respondents: [
        { kind: 'person', name: '陈二姐' },
        { kind: 'person', name: '陈老太', agent: { name: '陈小弟', specialPowers: true } },
      ],
    });
    expect(RegisterVisitInput.safeParse(call.data).success).toBe(true);
    expect(call.data).not.toHaveProperty('jointApplication');
  });

  it('both sides at the window apply together (共同申请): the switch sends it, so nobody will be asked again', async () => {
    const fake = withRoles(new FakeTransport(), grant('intake', 'donghu-centre')).reply('org', 'directory', ok(DIRECTORY)).reply('case', 'register', registered);
    const page = await openPage('pkg-intake/pages/visit/register/index', fake);
    await fillVisit(page);
    page.instance.onJoint({ detail: { value: true } });
    page.instance.onConsent({ detail: { value: true } });
    await tap(page, '#submit');
    await sleep();
    expect(fake.callsTo('case', 'register')[0].data).toMatchObject({ jointApplication: true });
  });
});
