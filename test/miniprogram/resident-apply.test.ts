// 申请调解: the filing wizard walked end to end against a fake transport — the server's validation messages
// in place, risk answers showing emergency numbers, photos through the service layer, the privacy consent,
// the draft surviving a closed app, and a double tap or a lost answer filing the case once. The payload is the
// server's own FileDisputeInput, checked by its schema.
import * as path from 'path';
import { FileDisputeInput } from '../../src/server/case/schemas';
import { FORM, payloadOf } from '../../miniprogram/pkg-resident/pages/dispute/apply/form';
import { err, FakeTransport, fail, ok, useFakeTransport } from './helpers/fake-transport';
import { loadPage, MP_ROOT, RenderedComponent, sleep, tap, visibleText } from './helpers/simulate';
import { currentWx } from './helpers/wx-stub';
import { openPage } from './helpers/staff-fixtures';
import { DIRECTORY, stepResult } from './helpers/resident-fixtures';

const PAGE = 'pkg-resident/pages/dispute/apply/index';
const DRAFT_KEY = 'disputeDraft.v1';

function transport(...fileAnswers: Parameters<FakeTransport['reply']>[2][]) {
  return new FakeTransport().reply('org', 'directory', ok(DIRECTORY)).reply('case', 'file', ...(fileAnswers.length ? fileAnswers : [ok(stepResult())]));
}

const input = (page: RenderedComponent, field: string, value: string) => page.instance.onInput({ currentTarget: { dataset: { field } }, detail: { value } });
const text = (page: RenderedComponent) => visibleText(page);
const stepTitle = (page: RenderedComponent) => visibleText(page.querySelector('#step-title')!);
/** Which preferred-time buttons are shown highlighted (the primary theme), by their text. */
function chosenTimes(page: RenderedComponent): string[] {
  const buttons = Array.from(page.querySelector('#step-5')!.dom.querySelectorAll('wx-button'));
  return buttons.filter((b) => /--primary\b/.test(b.className)).map((b) => (b.textContent ?? '').trim());
}

async function answerScope(page: RenderedComponent) {
  await tap(page, '#people-few');
  await tap(page, '#other-side-same');
  await tap(page, '#handled-none');
}

async function fillToRisk(page: RenderedComponent) {
  await tap(page, '#category-neighbourhood');
  await tap(page, '#relations-no');
  await tap(page, '#community-liuan');
  await tap(page, '#next');
  input(page, 'summary', '楼上卫生间漏水，我家天花板发霉');
  input(page, 'wants', '对方维修并赔偿');
  await tap(page, '#next');
  input(page, 'applicantName', '张三');
  input(page, 'applicantMobile', '13812341234');
  input(page, 'respondentName', '李四');
  await tap(page, '#next');
  await answerScope(page);
  await tap(page, '#next');
}

/** From the risk step to the review step, then both consents given (sharing: as `share`). */
async function toReviewAndConsent(page: RenderedComponent, share: 'yes' | 'no' = 'yes') {
  await tap(page, '#next');
  await tap(page, '#next');
  page.instance.onPrivacy({ detail: { value: true } });
  await tap(page, `#share-${share}`);
}

async function answerNoRisk(page: RenderedComponent) {
  await tap(page, '#riskViolence-no');
  await tap(page, '#riskSelfHarm-no');
  await tap(page, '#riskCrowd-no');
}

describe('申请调解 wizard', () => {
  it('walks every step with the server’s messages in place and files the case with consent', async () => {
    const fake = transport();
    const page = await openPage(PAGE, fake);
    currentWx().requestSubscribeMessage = jest.fn((o: { success?: () => void }) => o.success?.());
    expect(stepTitle(page)).toBe('第 1 步，共 7 步：纠纷类型');

    await tap(page, '#next');
    expect(text(page)).toContain('请选择纠纷类型');
    expect(text(page)).toContain('请选择纠纷发生的社区或村');
    await tap(page, '#category-neighbourhood');
    await tap(page, '#community-liuan');
    await tap(page, '#next');
    expect(visibleText(page.querySelector('#err-personalRelations')!)).toBe('请选择“是”或“否”');
    await tap(page, '#relations-no');
    await tap(page, '#next');
    expect(stepTitle(page)).toContain('发生了什么');

    input(page, 'summary', '漏水');
    await tap(page, '#next');
    expect(visibleText(page.querySelector('#err-summary')!)).toBe('请至少用五个字说明发生了什么');
    input(page, 'summary', '楼上卫生间漏水，我家天花板发霉');
    input(page, 'amountYuan', '3000');
    await tap(page, '#next');

    input(page, 'applicantName', '张三');
    input(page, 'applicantMobile', '1381234');
    input(page, 'respondentName', '李四');
    await tap(page, '#next');
    expect(visibleText(page.querySelector('#err-applicantMobile')!)).toBe('请填写 11 位手机号码');
    input(page, 'applicantMobile', '13812341234');
    await tap(page, '#next');

    expect(stepTitle(page)).toContain('涉及范围');
    await tap(page, '#next');
    expect(visibleText(page.querySelector('#err-people')!)).toBe('请选择一项，说不清也可以');
    await answerScope(page);
    await tap(page, '#next');

    expect(stepTitle(page)).toContain('安全情况');
    await tap(page, '#next');
    expect(page.querySelector('#err-riskViolence')).toBeTruthy();
    await answerNoRisk(page);
    expect(page.querySelector('#emergency')).toBeFalsy();
    await tap(page, '#next');

    // A chosen time is highlighted; tapping it again un-chooses it.
    expect(chosenTimes(page)).toEqual([]);
    await tap(page, '#time-0');
    expect(chosenTimes(page)).toEqual(['工作日上午']);
    expect(page.querySelector('#time-0')!.data.theme).toBe('primary');
    await tap(page, '#time-0');
    expect(chosenTimes(page)).toEqual([]);
    expect(page.querySelector('#time-0')!.data.theme).toBe('default');
    await tap(page, '#time-0');
    await tap(page, '#time-3');
    expect(chosenTimes(page)).toEqual(['工作日上午', '周末']);
    await tap(page, '#next');

    // Review shows what will be sent; without consent nothing is.
    expect(text(page)).toContain('纠纷类型：邻里纠纷');
    expect(text(page)).toContain('发生地：东湖街道 柳岸社区');
    expect(text(page)).toContain('不影响');
    await tap(page, '#submit');
    expect(visibleText(page.querySelector('#err-privacy')!)).toBe('请阅读并同意个人信息处理规则');
    expect(fake.callsTo('case', 'file')).toHaveLength(0);

    page.instance.onPrivacy({ detail: { value: true } });
    await tap(page, '#share-yes');
    await tap(page, '#submit');
    await sleep();

    expect(currentWx().requestSubscribeMessage).toHaveBeenCalledTimes(1);
    const [call] = fake.callsTo('case', 'file');
    expect(call.data).toEqual({
      category: 'neighbourhood',
      involvesPersonalRelations: false,
      summary: '楼上卫生间漏水，我家天花板发霉',
      wants: '',
      communityId: 'liuan',
      applicant: { name: '张三', mobile: '13812341234' },
      otherApplicants: [],
      respondents: [{ kind: 'person', name: '李四' }],
      amountYuan: 3000,
      otherCommunityIds: [],
      peopleInvolved: 2,
      riskSignals: [],
      preferredTimes: ['工作日上午', '周末'],
      evidenceFileIds: [],
      consent: { privacy: true, shareWithOtherOrgs: true },
    });
    expect(visibleText(page.querySelector('#case-no')!)).toBe('QF-2025-000123');
    expect(text(page)).toContain('承办单位：柳岸社区人民调解委员会');
    // What happens next in the resident's words, not the staff deadline's name (分流期限).
    expect(visibleText(page.querySelector('#done-next')!)).toMatch(/^下一步：柳岸社区人民调解委员会将在(2025年)?5月6日（周二）前决定是否受理$/);
    expect(text(page)).not.toContain('分流');
    // Filed: the draft is gone.
    expect(currentWx().storage.has(DRAFT_KEY)).toBe(false);

    // The case number can be copied, to keep in a note or send to family.
    currentWx().setClipboardData = jest.fn();
    await tap(page, '#copy-case-no');
    expect(currentWx().setClipboardData).toHaveBeenCalledWith(expect.objectContaining({ data: 'QF-2025-000123' }));

    await tap(page, '#open-case');
    expect(currentWx().redirectTo).toHaveBeenCalledWith({ url: '/pkg-resident/pages/case/detail/index?id=c0123456789abcdef0123' });
  });

  it('once a category is chosen, plain legal guidance for it is shown with the law and the 12348 hotline; another category, its own', async () => {
    const page = await openPage(PAGE, transport());
    expect(page.querySelector('#guidance')).toBeFalsy();
    await tap(page, '#category-neighbourhood');
    const neighbour = visibleText(page.querySelector('#guidance')!);
    expect(neighbour).toContain('法律小贴士');
    expect(neighbour).toContain('《民法典》第二百八十八条');
    expect(neighbour).toContain('12348');
    await tap(page, '#category-labour');
    const labour = visibleText(page.querySelector('#guidance')!);
    expect(labour).toContain('《劳动争议调解仲裁法》');
    expect(labour).toContain('12348');
  });

  it('a "yes" to a risk question shows the emergency numbers at once, and the case is filed with the signal', async () => {
    const fake = transport(ok(stepResult({ urgent: true, underReview: true, emergencyNumbers: [{ label: '报警', number: '110' }] })));
    const page = await openPage(PAGE, fake);
    await fillToRisk(page);
    await tap(page, '#riskViolence-yes');
    expect(text(page)).toContain('如果现在有危险');
    expect(text(page)).toContain('报警 110');
    expect(text(page)).toContain('急救 120');
    await tap(page, '#call-110');
    expect(currentWx().makePhoneCall).toHaveBeenCalledWith(expect.objectContaining({ phoneNumber: '110' }));

    await tap(page, '#riskSelfHarm-no');
    await tap(page, '#riskCrowd-no');
    await toReviewAndConsent(page);
    await tap(page, '#submit');
    await sleep();
    expect((fake.callsTo('case', 'file')[0].data as { riskSignals: string[] }).riskSignals).toEqual(['violence_threat']);
    expect(visibleText(page.querySelector('#done-emergency')!)).toContain('报警 110');
    expect(visibleText(page.querySelector('#done-review')!)).toContain('需要工作人员核对');
  });

  it('the draft survives closing the app: reopening restores the answers and the step, 清空重填 starts over', async () => {
    const fake = transport();
    const first = await openPage(PAGE, fake);
    await fillToRisk(first);
    await tap(first, '#riskViolence-no');
    first.detach(); // the app is closed

    const again = await openPage(PAGE, fake);
    expect(text(again)).toContain('已恢复您上次未提交的内容');
    expect(stepTitle(again)).toContain('安全情况');
    expect(again.instance.data.form.riskViolence).toBe('no');
    await tap(again, '#back');
    expect(again.querySelector('#people-few')!.data.theme).toBe('primary');
    await tap(again, '#back');
    expect(again.instance.data.form.applicantMobile).toBe('13812341234');
    await tap(again, '#back');
    expect(again.querySelector('#summary')!.data.value).toBe('楼上卫生间漏水，我家天花板发霉');

    // 清空重填 asks first: 不清空 keeps everything.
    await tap(again, '#start-over');
    expect(currentWx().showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '清空重填？', confirmText: '清空' }));
    expect(again.instance.data.form.summary).toBe('楼上卫生间漏水，我家天花板发霉');
    expect(currentWx().storage.has(DRAFT_KEY)).toBe(true);
    currentWx().showModal.mockImplementation((o: { success?: (r: unknown) => void }) => o.success?.({ confirm: true, cancel: false }));
    await tap(again, '#start-over');
    await sleep();
    expect(stepTitle(again)).toContain('纠纷类型');
    expect(again.instance.data.form.summary).toBe('');
    expect(currentWx().storage.has(DRAFT_KEY)).toBe(false);
  });

  it('times chosen before the app was closed are shown chosen when the draft comes back', async () => {
    const fake = transport();
    const first = await openPage(PAGE, fake);
    await fillToRisk(first);
    await answerNoRisk(first);
    await tap(first, '#next');
    await tap(first, '#time-1');
    first.detach();

    const again = await openPage(PAGE, fake);
    expect(stepTitle(again)).toContain('材料与时间');
    expect(chosenTimes(again)).toEqual(['工作日下午']);
    await tap(again, '#time-1');
    expect(chosenTimes(again)).toEqual([]);
  });

  it('a double tap files once; a lost answer is sent again under the same request id, even after the app was closed', async () => {
    const fake = transport(fail('network'), fail('network'), fail('network'), fail('network'), ok(stepResult()));
    const page = await openPage(PAGE, fake);
    await fillToRisk(page);
    await answerNoRisk(page);
    await toReviewAndConsent(page);
    await sleep();

    const a = page.instance.onSubmit();
    const b = page.instance.onSubmit(); // second tap while the first is under way
    expect(page.querySelector('#submit')!.data.disabled).toBe(true);
    await Promise.all([a, b]);
    expect(page.querySelector('#submit')!.data.disabled).toBe(false);
    await sleep();
    expect(currentWx().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '网络不佳，请稍后重试' }));
    const firstIds = new Set(fake.callsTo('case', 'file').map((c) => c.requestId));
    expect(firstIds.size).toBe(1); // 4 attempts of one tap, one id
    expect(fake.callsTo('case', 'file')).toHaveLength(4);
    page.detach(); // gave up and closed the app

    const again = await openPage(PAGE, fake);
    expect(stepTitle(again)).toContain('确认提交');
    await tap(again, '#submit');
    await sleep();
    const calls = fake.callsTo('case', 'file');
    expect(calls).toHaveLength(5);
    expect(calls[4].requestId).toBe([...firstIds][0]);
    expect(visibleText(again.querySelector('#case-no')!)).toBe('QF-2025-000123');
  });

  it('a refusal from the server puts its message on the field and goes back to that step', async () => {
    const fake = transport(err('VALIDATION_FAILED', '填写的信息有误', { 'respondents.0.name': '姓名或名称不超过 40 个字' }), ok(stepResult()));
    const page = await openPage(PAGE, fake);
    await fillToRisk(page);
    await answerNoRisk(page);
    await toReviewAndConsent(page);
    await tap(page, '#submit');
    await sleep();
    expect(stepTitle(page)).toContain('双方信息');
    expect(visibleText(page.querySelector('#err-respondentName')!)).toBe('姓名或名称不超过 40 个字');
    expect(page.querySelector('#case-no')).toBeFalsy();
    // A definite answer ends that submission: the draft keeps no request id, and the next one is a new request.
    expect((currentWx().storage.get(DRAFT_KEY) as { pending?: unknown }).pending).toBeUndefined();
    input(page, 'respondentName', '李四');
    await tap(page, '#next');
    await tap(page, '#next');
    await tap(page, '#next');
    await tap(page, '#next');
    expect(stepTitle(page)).toContain('确认提交');
    await tap(page, '#submit');
    await sleep();
    const calls = fake.callsTo('case', 'file');
    expect(calls).toHaveLength(2);
    expect(calls[1].requestId).not.toBe(calls[0].requestId);
    expect(visibleText(page.querySelector('#case-no')!)).toBe('QF-2025-000123');
  });

  it('the consent to pass the case to other organisations starts unchosen: nothing is sent until 同意 or 不同意 is tapped', async () => {
    const fake = transport();
    const page = await openPage(PAGE, fake);
    await fillToRisk(page);
    await answerNoRisk(page);
    await tap(page, '#next');
    await tap(page, '#next');
    page.instance.onPrivacy({ detail: { value: true } });
    await sleep();
    // Neither answer looks chosen.
    expect(page.querySelector('#share-yes')!.data.theme).toBe('default');
    expect(page.querySelector('#share-no')!.data.theme).toBe('default');
    await tap(page, '#submit');
    expect(fake.callsTo('case', 'file')).toHaveLength(0);
    expect(visibleText(page.querySelector('#err-shareWithOtherOrgs')!)).toBe('请选择是否同意必要时转交其他调解组织办理');

    await tap(page, '#share-no');
    expect(page.querySelector('#share-no')!.data.theme).toBe('primary');
    expect(page.querySelector('#err-shareWithOtherOrgs')).toBeFalsy();
    await tap(page, '#submit');
    await sleep();
    expect((fake.callsTo('case', 'file')[0].data as { consent: unknown }).consent).toEqual({ privacy: true, shareWithOtherOrgs: false });
  });

  it('a draft saved when sharing was pre-ticked does not count as a choice', async () => {
    currentWx().storage.set(DRAFT_KEY, { step: 6, form: { ...FORM, category: 'neighbourhood', privacy: true, shareWithOtherOrgs: true }, savedAt: 1 });
    const fake = transport();
    const page = await openPage(PAGE, fake);
    expect(page.querySelector('#share-yes')!.data.theme).toBe('default');
    await tap(page, '#submit');
    expect(fake.callsTo('case', 'file')).toHaveLength(0);
  });

  it('a family dispute asks whether marriage, adoption or inheritance is involved, and a "yes" is sent; an inheritance dispute does not ask', async () => {
    const fake = transport();
    const page = await openPage(PAGE, fake);
    expect(page.querySelector('#relations')).toBeFalsy();
    await tap(page, '#category-family');
    expect(text(page)).toContain('是否涉及婚姻、收养、继承关系？');
    expect(text(page)).toContain('不能在手机上确认');
    await tap(page, '#relations-yes');
    await tap(page, '#category-inheritance');
    expect(page.querySelector('#relations')).toBeFalsy();
    await tap(page, '#category-family');
    await tap(page, '#community-liuan');
    await tap(page, '#next');
    input(page, 'summary', '父亲去世后兄妹对老房子怎么分有争议');
    await tap(page, '#next');
    input(page, 'applicantName', '张三');
    input(page, 'applicantMobile', '13812341234');
    input(page, 'respondentName', '张四');
    await tap(page, '#next');
    await answerScope(page);
    await tap(page, '#next');
    await answerNoRisk(page);
    await toReviewAndConsent(page);
    expect(visibleText(page.querySelector('#review-0')!)).toContain('涉及婚姻、收养、继承关系：是');
    await tap(page, '#submit');
    await sleep();
    expect(fake.callsTo('case', 'file')[0].data).toMatchObject({ category: 'family', involvesPersonalRelations: true });
  });

  it('the scope step sends what triage needs: how many people, the other side\'s community, a court that already has it', async () => {
    const fake = transport();
    const page = await openPage(PAGE, fake);
    await tap(page, '#category-neighbourhood');
    await tap(page, '#relations-no');
    await tap(page, '#community-liuan');
    await tap(page, '#next');
    input(page, 'summary', '小区十几户人家和开发商为停车位起了纠纷');
    await tap(page, '#next');
    input(page, 'applicantName', '张三');
    input(page, 'applicantMobile', '13812341234');
    input(page, 'respondentName', '某开发公司');
    await tap(page, '#next');
    expect(text(page)).toContain('10 人及以上');
    await tap(page, '#people-many');
    await tap(page, '#other-side-other');
    await tap(page, '#handled-court');
    await tap(page, '#next');
    // "Another community" needs the community.
    expect(visibleText(page.querySelector('#err-otherCommunityId')!)).toBe('请选择对方所在的社区或村');
    await tap(page, '#other-community-wangjiang');
    await tap(page, '#next');
    await answerNoRisk(page);
    await toReviewAndConsent(page);
    expect(visibleText(page.querySelector('#review-3')!)).toContain('涉及人数：10 人及以上');
    expect(visibleText(page.querySelector('#review-3')!)).toContain('对方住在：东湖街道 望江社区');
    expect(visibleText(page.querySelector('#review-3')!)).toContain('法院、仲裁或政府部门受理过：法院');
    await tap(page, '#submit');
    await sleep();
    expect(fake.callsTo('case', 'file')[0].data).toMatchObject({ peopleInvolved: 10, otherCommunityIds: ['wangjiang'], alreadyHandledBy: 'court' });
    // What the page sends, the server's own schema takes.
    expect(FileDisputeInput.safeParse(fake.callsTo('case', 'file')[0].data).success).toBe(true);
  });

  it('several parties: neighbours applying together, and a company with its person in charge plus another person on the other side', async () => {
    const fake = transport();
    const page = await openPage(PAGE, fake);
    await tap(page, '#category-property');
    if (page.querySelector('#relations-no')) await tap(page, '#relations-no');
    await tap(page, '#community-liuan');
    await tap(page, '#next');
    input(page, 'summary', '3栋电梯停运两个月，物业迟迟不修');
    await tap(page, '#next');
    input(page, 'applicantName', '张三');
    input(page, 'applicantMobile', '13812341234');
    const party = (list: string, index: number, field: string, value: string) =>
      page.instance.onPartyInput({ currentTarget: { dataset: { list, index, field } }, detail: { value } });
    await tap(page, '#add-co-applicant');
    await tap(page, '#add-co-applicant');
    party('coApplicants', 0, 'name', '302业主');
    party('coApplicants', 1, 'mobile', '13900000000');
    await tap(page, '#respondent-organisation');
    input(page, 'respondentName', '安居物业公司');
    await tap(page, '#add-respondent');
    await tap(page, '#more-organisation-0');
    party('moreRespondents', 0, 'name', '电梯维保公司');
    await tap(page, '#next');
    // Each missing piece is named: which extra person, and the company's person in charge.
    expect(visibleText(page.querySelector('#err-coApplicants')!)).toBe('第2位一起申请的人：请填写姓名或名称');
    expect(visibleText(page.querySelector('#err-respondentRep')!)).toBe('请填写单位负责人的姓名');
    expect(visibleText(page.querySelector('#err-moreRespondents')!)).toBe('第2位对方当事人：请填写单位负责人的姓名');
    await tap(page, '#remove-co-1');
    input(page, 'respondentRep', '王经理');
    party('moreRespondents', 0, 'representative', '刘工');
    await tap(page, '#next');
    await answerScope(page);
    await tap(page, '#next');
    await answerNoRisk(page);
    await toReviewAndConsent(page);
    // Every party on the review, each with what was given for them.
    const parties = visibleText(page.querySelector('#review-2')!);
    expect(parties).toContain('申请人：张三，手机号 13812341234');
    expect(parties).toContain('一起申请的第2人：');
    expect(parties).toContain('对方当事人：安居物业公司（单位，负责人');
    expect(parties).toContain('第2位对方当事人：');
    await tap(page, '#submit');
    await sleep();
    const [call] = fake.callsTo('case', 'file');
    expect(call.data).toMatchObject({
      applicant: { name: '张三', mobile: '13812341234' },
      otherApplicants: [{ kind: 'person', name: '302业主' }],
      respondents: [
        { kind: 'organisation', name: '安居物业公司', representative: '王经理' },
        { kind: 'organisation', name: '电梯维保公司', representative: '刘工' },
      ],
    });
    // What the page sends is what the server takes.
    expect(FileDisputeInput.safeParse(call.data).success).toBe(true);
  });

  it("follows the deployment's rules from the directory: its head-count thresholds and its paper-only categories", async () => {
    const county = { ...DIRECTORY, filing: { ...DIRECTORY.filing, paperOnlyCategories: ['marriage', 'adoption', 'inheritance', 'support'], peopleThresholds: { street: 3, group: 6 } } };
    const fake = new FakeTransport().reply('org', 'directory', ok(county)).reply('case', 'file', ok(stepResult()));
    const page = await openPage(PAGE, fake);
    // 赡养 is paper-only here: the personal-relations question is not asked.
    await tap(page, '#category-support');
    expect(page.querySelector('#relations-no')).toBeFalsy();
    await tap(page, '#community-liuan');
    await tap(page, '#next');
    input(page, 'summary', '三个子女都不愿赡养老人');
    await tap(page, '#next');
    input(page, 'applicantName', '张三');
    input(page, 'applicantMobile', '13812341234');
    input(page, 'respondentName', '李四');
    await tap(page, '#next');
    expect(visibleText(page.querySelector('#step-3')!)).toContain('2 人以内');
    expect(visibleText(page.querySelector('#step-3')!)).toContain('6 人及以上');
    await tap(page, '#people-many');
    await tap(page, '#other-side-same');
    await tap(page, '#handled-none');
    await tap(page, '#next');
    await answerNoRisk(page);
    await toReviewAndConsent(page);
    await tap(page, '#submit');
    await sleep();
    expect(fake.callsTo('case', 'file')[0].data).toMatchObject({ category: 'support', peopleInvolved: 6, involvesPersonalRelations: false });
  });

  it('the directory failing shows an error with 重试 that loads it again', async () => {
    const fake = new FakeTransport().reply('org', 'directory', fail('server'), ok(DIRECTORY));
    const page = await openPage(PAGE, fake);
    expect(text(page)).toContain('服务暂时不可用');
    await tap(page.querySelector('#state')!, '.state-view__retry');
    await sleep();
    expect(page.querySelector('#community-liuan')).toBeTruthy();
  });
});

describe('申请调解 wizard: forms for the hand (#16)', () => {
  /** The buttons in the bar fixed to the bottom of the screen, by their text. */
  const barButtons = (page: RenderedComponent) =>
    Array.from(page.querySelector('#bar')!.dom.querySelectorAll('wx-button')).map((b) => (b.textContent ?? '').trim());

  it('上一步 / 下一步 are in the bar fixed to the bottom on every step, and 提交申请 on the last', async () => {
    const page = await openPage(PAGE, transport());
    const seen: string[][] = [barButtons(page)];
    await fillToRisk(page);
    // fillToRisk went through steps 1–4 with 下一步 in the bar each time (tap finds it there or fails).
    expect(page.querySelector('#bar #next')).toBeTruthy();
    seen.push(barButtons(page));
    await answerNoRisk(page);
    await tap(page, '#next');
    seen.push(barButtons(page));
    await tap(page, '#next');
    seen.push(barButtons(page));
    expect(seen).toEqual([['下一步'], ['上一步', '下一步'], ['上一步', '下一步'], ['上一步', '提交申请']]);
    const wxss = require('fs').readFileSync(path.join(MP_ROOT, PAGE.replace(/index$/, 'index.wxss')), 'utf8') as string;
    expect(/\.ap-bar \{[^}]*position: fixed;[^}]*bottom: 0;/.test(wxss)).toBe(true);
  });

  it('the review lists every answer by step, and 修改 goes back to that step and then straight back to the review', async () => {
    const page = await openPage(PAGE, transport());
    await fillToRisk(page);
    await tap(page, '#riskViolence-yes');
    await tap(page, '#riskSelfHarm-no');
    await tap(page, '#riskCrowd-no');
    await tap(page, '#next');
    await tap(page, '#time-1');
    await tap(page, '#next');

    const section = (step: number) => visibleText(page.querySelector(`#review-${step}`)!);
    expect(section(0)).toContain('纠纷类型：邻里纠纷');
    expect(section(0)).toContain('发生地：东湖街道 柳岸社区');
    expect(section(1)).toContain('经过：楼上卫生间漏水，我家天花板发霉');
    expect(section(1)).toContain('诉求：对方维修并赔偿');
    expect(section(1)).toContain('金额：不涉及');
    expect(section(2)).toContain('申请人：张三，手机号 13812341234');
    expect(section(2)).toContain('对方当事人：李四，手机号 未填');
    expect(section(3)).toContain('涉及人数：');
    expect(section(3)).toContain('对方住在：和纠纷发生地同一个社区（村）');
    expect(section(4)).toContain('对方或您是否有动手、威胁伤人的情况？：是');
    expect(section(4)).toContain('是否有人说过要伤害自己或轻生？：否');
    expect(section(5)).toContain('方便的时间：工作日下午');

    // 修改 on the amount: back to 发生了什么, the bar offers the way back to the review.
    await tap(page, '#edit-1');
    expect(stepTitle(page)).toContain('发生了什么');
    expect(barButtons(page)).toEqual(['上一步', '改好了，回到核对']);
    input(page, 'amountYuan', '3000');
    await tap(page, '#back-to-review');
    expect(stepTitle(page)).toContain('确认提交');
    expect(section(1)).toContain('金额：3000 元');
    expect(barButtons(page)).toEqual(['上一步', '提交申请']);

    // A problem made while editing is shown on its step instead of the review.
    await tap(page, '#edit-2');
    input(page, 'applicantMobile', '1381');
    await tap(page, '#back-to-review');
    expect(stepTitle(page)).toContain('双方信息');
    expect(visibleText(page.querySelector('#err-applicantMobile')!)).toBe('请填写 11 位手机号码');
  });

  it('发生了什么 is a tall outlined box from the start, taller than the optional wish; the inputs are outlined with placeholders', async () => {
    const page = await openPage(PAGE, transport());
    await tap(page, '#category-neighbourhood');
    await tap(page, '#relations-no');
    await tap(page, '#community-liuan');
    await tap(page, '#next');
    const summary = page.querySelector('#summary')!.data;
    const wants = page.querySelector('#wants')!.data;
    expect(summary.autosize.minHeight).toBeGreaterThanOrEqual(2 * wants.autosize.minHeight);
    // Every box on the step is drawn with an outline (summary, wish, amount).
    const outlined = (step: number) => page.querySelector(`#step-${step}`)!.dom.querySelectorAll('[class~="app-field"], [class*="--app-field"]').length;
    expect(outlined(1)).toBe(3);
    input(page, 'summary', '楼上卫生间漏水，我家天花板发霉');
    await tap(page, '#next');
    expect(page.querySelector('#applicant-name')!.data.placeholder).toBe('请输入您的姓名');
    expect(page.querySelector('#applicant-mobile')!.data.placeholder).toBe('11 位手机号码');
    expect(outlined(2)).toBe(4);
  });

  it('the review links the privacy rules', async () => {
    const page = await openPage(PAGE, transport());
    await fillToRisk(page);
    await answerNoRisk(page);
    await tap(page, '#next');
    await tap(page, '#next');
    const open = jest.fn();
    (currentWx() as unknown as Record<string, unknown>).openPrivacyContract = open;
    await tap(page, '#privacy-rules');
    expect(open).toHaveBeenCalled();
  });
});

describe('evidence photos', () => {
  async function atPhotos(fake: FakeTransport) {
    // The local transport (the default in config.ts), whatever an earlier test mocked.
    const p = loadPage(PAGE, {
      before: () => {
        jest.doMock(path.join(MP_ROOT, 'config'), () => ({ ...jest.requireActual(path.join(MP_ROOT, 'config')), TRANSPORT: 'local' }));
        useFakeTransport(fake);
      },
    });
    p.instance.onLoad({});
    await sleep();
    const page = p;
    await fillToRisk(page);
    await answerNoRisk(page);
    await tap(page, '#next');
    return page;
  }

  it('chosen photos are uploaded through the service layer and their file ids sent with the case', async () => {
    const fake = transport();
    const page = await (async () => {
      // In the cloud, photos go straight to CloudBase storage.
      const p = loadPage(PAGE, {
        before: () => {
          jest.doMock(path.join(MP_ROOT, 'config'), () => ({ ...jest.requireActual(path.join(MP_ROOT, 'config')), TRANSPORT: 'cloud' }));
          useFakeTransport(fake);
        },
      });
      p.instance.onLoad({});
      await sleep();
      return p;
    })();
    const wx = currentWx();
    wx.chooseMedia = jest.fn((o: { success: (r: unknown) => void }) => o.success({ tempFiles: [{ tempFilePath: 'wxfile://tmp/a.jpg' }, { tempFilePath: 'wxfile://tmp/b.png' }] }));
    (wx.cloud as Record<string, unknown>).uploadFile = jest.fn((o: { cloudPath: string; success: (r: unknown) => void }) => o.success({ fileID: `cloud://env/${o.cloudPath}` }));
    await fillToRisk(page);
    await answerNoRisk(page);
    await tap(page, '#next');
    await tap(page, '#add-photos');
    await sleep();
    expect(wx.chooseMedia).toHaveBeenCalledWith(expect.objectContaining({ count: 9, mediaType: ['image'] }));
    expect(page.querySelectorAll('.ap-photo')).toHaveLength(2);
    await tap(page, '#remove-photo-0');
    expect(page.querySelectorAll('.ap-photo')).toHaveLength(1);
    await tap(page, '#next');
    expect(text(page)).toContain('照片：1 张');
    page.instance.onPrivacy({ detail: { value: true } });
    await tap(page, '#share-no');
    await tap(page, '#submit');
    await sleep();
    const ids = (fake.callsTo('case', 'file')[0].data as { evidenceFileIds: string[] }).evidenceFileIds;
    expect(ids).toHaveLength(1);
    expect(ids[0]).toMatch(/^cloud:\/\/env\/evidence\/.+\.png$/);
  });

  it('declining the privacy guide leaves the case fileable without photos', async () => {
    const fake = transport();
    const page = await atPhotos(fake);
    currentWx().chooseMedia = jest.fn((o: { fail: (e: unknown) => void }) => o.fail({ errno: 104, errMsg: 'chooseMedia:fail privacy permission is not authorized' }));
    await tap(page, '#add-photos');
    expect(currentWx().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '未同意隐私保护指引，无法添加照片；不加照片也可以提交申请' }));
    await tap(page, '#next');
    page.instance.onPrivacy({ detail: { value: true } });
    await tap(page, '#share-no');
    await tap(page, '#submit');
    await sleep();
    expect(visibleText(page.querySelector('#case-no')!)).toBe('QF-2025-000123');
  });

  it('in local mode a photo goes to the local gateway\'s /upload and its file id is sent with the case', async () => {
    const fake = transport();
    const page = await atPhotos(fake);
    const wx = currentWx() as Record<string, any>;
    wx.chooseMedia = jest.fn((o: { success: (r: unknown) => void }) => o.success({ tempFiles: [{ tempFilePath: 'wxfile://tmp/a.jpg' }] }));
    wx.uploadFile = jest.fn((o: { formData: { cloudPath: string }; success: (r: unknown) => void }) =>
      o.success({ statusCode: 200, data: JSON.stringify({ fileID: `cloud://local.local/${o.formData.cloudPath}`, errMsg: 'uploadFile:ok' }) }),
    );
    await tap(page, '#add-photos');
    await sleep();
    expect(wx.uploadFile).toHaveBeenCalledWith(expect.objectContaining({ url: 'http://127.0.0.1:3000/upload', name: 'file', header: { 'X-Openid': 'demo-resident' } }));
    expect(page.querySelectorAll('.ap-photo')).toHaveLength(1);
    await tap(page, '#next');
    page.instance.onPrivacy({ detail: { value: true } });
    await tap(page, '#share-no');
    await tap(page, '#submit');
    await sleep();
    const ids = (fake.callsTo('case', 'file')[0].data as { evidenceFileIds: string[] }).evidenceFileIds;
    expect(ids).toEqual([expect.stringMatching(/^cloud:\/\/local\.local\/evidence\/.+\.jpg$/)]);
  });

  it('when the upload fails the user is told and can still file without the photo', async () => {
    const fake = transport();
    const page = await atPhotos(fake);
    const wx = currentWx() as Record<string, any>;
    wx.chooseMedia = jest.fn((o: { success: (r: unknown) => void }) => o.success({ tempFiles: [{ tempFilePath: 'wxfile://tmp/a.jpg' }] }));
    wx.uploadFile = jest.fn((o: { fail: (e: unknown) => void }) => o.fail({ errMsg: 'uploadFile:fail timeout' }));
    await tap(page, '#add-photos');
    await sleep();
    expect(wx.showToast).toHaveBeenCalled();
    expect(page.querySelectorAll('.ap-photo')).toHaveLength(0);
  });
});

describe('the wizard’s payload', () => {
  it('is accepted by the server’s own FileDisputeInput schema as it is', () => {
    const payload = payloadOf({
      ...FORM,
      category: 'neighbourhood',
      communityId: 'liuan',
      summary: '楼上卫生间漏水，我家天花板发霉',
      amountYuan: '3000',
      applicantName: '张三',
      applicantMobile: '13812341234',
      respondentName: '李四',
      riskViolence: 'yes',
      riskSelfHarm: 'no',
      riskCrowd: 'no',
      preferredTimes: ['周末'],
      privacy: true,
      shareWithOtherOrgs: 'no',
    });
    const parsed = FileDisputeInput.safeParse(payload);
    expect(parsed.success).toBe(true);
    expect(parsed.data?.riskSignals).toEqual(['violence_threat']);
    expect(parsed.data?.amountYuan).toBe(3000);
    expect(parsed.data?.preferredTimes).toEqual(['周末']);
  });
});
