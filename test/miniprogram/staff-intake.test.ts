// Intake on behalf of a visitor: the window registers a walk-in or phone visitor with their consent and
// hands them the case number; nothing is sent without consent, and a double tap registers once.
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
  await tap(page, '#community-liuan');
  const input = (field: string, value: string) => page.instance.onInput({ currentTarget: { dataset: { field } }, detail: { value } });
  input('summary', '来电反映楼上装修噪音持续到深夜');
  input('wants', '要求晚上十点后停工');
  input('applicantName', '王阿姨');
  input('respondentName', '5 楼住户');
  await sleep();
}

describe('来访登记', () => {
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
      communityId: 'liuan',
      summary: '来电反映楼上装修噪音持续到深夜',
      wants: '要求晚上十点后停工',
      applicants: [{ name: '王阿姨' }],
      respondents: [{ name: '5 楼住户' }],
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
    page.instance.onInput({ currentTarget: { dataset: { field: 'applicantMobile' } }, detail: { value: '1234' } });
    page.instance.onConsent({ detail: { value: true } });
    await tap(page, '#submit');
    expect(fake.callsTo('case', 'register')).toHaveLength(0);
    expect(visibleText(page.querySelector('#err-applicantMobile')!)).toBe('请填写 11 位手机号码');
  });

  it('offers the filing categories and the two ways a visitor comes, in the server\'s words', async () => {
    const fake = withRoles(new FakeTransport(), grant('intake', 'donghu-centre')).reply('org', 'directory', ok(DIRECTORY));
    const page = await openPage('pkg-intake/pages/visit/register/index', fake);
    const text = visibleText(page);
    for (const label of ['来访登记', '来电登记', '邻里纠纷', '婚姻家庭', '土地承包', '其他']) expect(text).toContain(label);
    expect(text).toContain('东湖街道 柳岸社区');
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
    expect(visibleText(page.querySelector('#err-respondentName')!)).toBe('姓名或名称不超过 40 个字');
    expect(visibleText(page.querySelector('#err-summary')!)).toBe('请至少用五个字说明发生了什么');
    expect(currentWx().showToast).not.toHaveBeenCalled();
    expect(page.querySelector('#case-no')).toBeFalsy();
  });
});
