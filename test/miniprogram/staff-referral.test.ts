// The staff case page's referral section (诉调/公调/检调/访调对接, 移交): the referring body's letter, reporting the
// outcome back (回告) once the case is closed — overdue when the body's day has passed — and the hand-over record
// of a case referred out; the feedback letter offered among the documents only for a case an authority referred.
import { FakeTransport, err, ok } from './helpers/fake-transport';
import { currentWx } from './helpers/wx-stub';
import { sleep, tap, visibleText } from './helpers/simulate';
import { CASE_ID, grant, openPage, staffView, withRoles } from './helpers/staff-fixtures';
import type { CaseStepResult, ReferralView } from '../../miniprogram/services/types';
import { ReferOutInput } from '../../src/server/case/schemas';

const PAGE = 'pkg-mediator/pages/case/detail/index';
const DIRECTOR = grant('director', 'liuan-committee');

const letter = (over: Partial<NonNullable<ReferralView['in']>> = {}): NonNullable<ReferralView['in']> => ({
  sourceLabel: '法院委派',
  body: '清风区人民法院',
  reference: '(2025)清0102民诉前调88号',
  referredOn: '2025-05-04',
  feedbackDueOn: '2025-06-04',
  contact: { name: '王书记员', mobile: '137****1111' },
  feedbackOwed: true,
  feedbackOverdue: false,
  ...over,
});
const closed = (referral: ReferralView) => staffView({ status: 'closed', statusLabel: '已结案', outcomeLabel: '调解不成', triage: undefined, referral });
const recorded: CaseStepResult = {
  caseId: CASE_ID,
  caseNo: 'QF-2025-000123',
  status: 'closed',
  statusLabel: '已结案',
  holder: { orgId: 'liuan-committee', name: '柳岸社区人民调解委员会' },
  urgent: false,
  emergencyNumbers: [],
};

describe('案件办理: 移交对接', () => {
  it('shows the court\'s letter and records that the outcome was reported back', async () => {
    const fake = withRoles(new FakeTransport(), DIRECTOR)
      .reply('case', 'get', ok(closed({ in: letter() })), ok(closed({ in: letter({ feedbackOwed: false, feedback: { sentOn: '2025-05-20', howLabel: '邮寄' } }) })))
      .reply('case', 'referralFeedbackSent', ok(recorded));
    const page = await openPage(PAGE, fake, { id: CASE_ID });
    const section = visibleText(page.querySelector('#referral-in')!);
    expect(section).toContain('法院委派：清风区人民法院');
    expect(section).toContain('移交案号/编号：(2025)清0102民诉前调88号');
    expect(section).toContain('回告期限：2025-06-04');
    expect(section).toContain('联系人：王书记员 137****1111');
    expect(visibleText(page.querySelector('#referral-feedback')!)).toBe('案件已办结，请向移交单位回告调解结果');
    expect(page.querySelector('#doc-referral_feedback')).toBeTruthy();

    // Nothing chosen: nothing is sent.
    await tap(page, '#feedback-sent');
    expect(fake.callsTo('case', 'referralFeedbackSent')).toHaveLength(0);
    expect(visibleText(page.querySelector('#err-sentOn')!)).toBe('请选择回告日期');
    expect(visibleText(page.querySelector('#err-how')!)).toBe('请选择回告方式');

    page.instance.onFeedbackDate({ detail: { value: '2025-05-20' } });
    await tap(page, '#feedback-how-post');
    await tap(page, '#feedback-sent');
    await sleep();
    const [sent] = fake.callsTo('case', 'referralFeedbackSent');
    expect(sent.data).toEqual({ caseId: CASE_ID, sentOn: '2025-05-20', how: 'post' });
    expect(sent.requestId).toBeTruthy();
    expect(currentWx().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已记录回告' }));
    expect(visibleText(page.querySelector('#referral-feedback')!)).toBe('已回告：2025-05-20（邮寄）');
    expect(page.querySelector('#feedback-form')).toBeFalsy();
  });

  it('says the feedback is overdue once the day the body asked for has passed', async () => {
    const fake = withRoles(new FakeTransport(), DIRECTOR).reply('case', 'get', ok(staffView({ status: 'in_mediation', statusLabel: '调解中', triage: undefined, referral: { in: letter({ sourceLabel: '公安移交', body: '柳岸派出所', feedbackOwed: false, feedbackOverdue: true }) } })));
    const page = await openPage(PAGE, fake, { id: CASE_ID });
    expect(visibleText(page.querySelector('#referral-feedback')!)).toBe('回告已逾期：移交单位要求2025-06-04前回告');
    expect(page.querySelector('#referral-feedback')!.dom!.className).toContain('md-warn');
    // Still mediating: nothing to record yet.
    expect(page.querySelector('#feedback-form')).toBeFalsy();
  });

  it("shows the server's refusal (already recorded) and the hand-over of a case referred out", async () => {
    const fake = withRoles(new FakeTransport(), DIRECTOR)
      .reply('case', 'get', ok(closed({ in: letter() })))
      .reply('case', 'referralFeedbackSent', err('REFERRAL_FEEDBACK_ALREADY', '本案已记录过回告'));
    const page = await openPage(PAGE, fake, { id: CASE_ID });
    page.instance.onFeedbackDate({ detail: { value: '2025-05-20' } });
    await tap(page, '#feedback-how-electronic');
    await tap(page, '#feedback-sent');
    await sleep();
    expect(currentWx().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '本案已记录过回告' }));

    const out = withRoles(new FakeTransport(), DIRECTOR).reply(
      'case',
      'get',
      ok(closed({ out: { authorityLabel: '劳动人事争议仲裁委员会', guidance: '请向区劳动人事争议仲裁委员会申请仲裁', handOver: { body: '清风区劳动人事争议仲裁委员会', receiver: '赵科长', receiverMobile: '136****2222', handedOverOn: '2025-05-10', materials: ['来访登记表', '劳动合同复印件'] } } })),
    );
    const referredOut = await openPage(PAGE, out, { id: CASE_ID });
    const text = visibleText(referredOut.querySelector('#referral-out')!);
    expect(text).toContain('已告知引导至劳动人事争议仲裁委员会');
    expect(text).toContain('接收单位：清风区劳动人事争议仲裁委员会');
    expect(text).toContain('接收人：赵科长 136****2222');
    expect(text).toContain('移交材料：来访登记表、劳动合同复印件');
    expect(referredOut.querySelector('#referral-in')).toBeFalsy();
    // The feedback letter is for referred-in cases only.
    expect(referredOut.querySelector('#doc-referral_feedback')).toBeFalsy();
  });
});

describe('分流处理: 告知引导 with a hand-over record', () => {
  const TRIAGE = 'pkg-director/pages/case/triage/index';
  const referred = ok({ ...recorded, statusLabel: '已办结' });

  it('records who received the materials, when and what; the hand-over stays optional', async () => {
    const fake = withRoles(new FakeTransport(), DIRECTOR).reply('case', 'get', ok(staffView())).reply('case', 'referOut', referred);
    const page = await openPage(TRIAGE, fake, { id: CASE_ID });
    await tap(page, '#do-refer');
    await tap(page, '#authority-labour_arbitration');
    page.instance.onGuidance({ detail: { value: '请向区劳动人事争议仲裁委员会申请仲裁' } });
    page.instance.onReason({ detail: { value: '当事人要求仲裁' } });
    expect(page.querySelector('#hand-over-form')).toBeFalsy();
    page.instance.onHandOver({ detail: { value: true } });
    await sleep();
    expect(page.querySelector('#hand-over-form')).toBeTruthy();
    const input = (field: string, value: string) => page.instance.onHandOverInput({ currentTarget: { dataset: { field } }, detail: { value } });
    input('handOverMobile', '1360000');
    await tap(page, '#submit');
    await sleep();
    expect(fake.callsTo('case', 'referOut')).toHaveLength(0);
    expect(visibleText(page.querySelector('#err-handOverOn')!)).toBe('请选择移交日期');
    expect(visibleText(page.querySelector('#err-handOverMaterials')!)).toBe('请至少列出一项移交材料');
    expect(visibleText(page.querySelector('#err-handOverMobile')!)).toBe('请填写 11 位手机号码');

    input('handOverBody', '清风区劳动人事争议仲裁委员会');
    input('handOverReceiver', '赵科长');
    input('handOverMobile', '13600002222');
    input('handOverMaterials', '来访登记表\n\n劳动合同复印件 ');
    page.instance.onHandOverDate({ detail: { value: '2025-05-10' } });
    await tap(page, '#submit');
    await sleep();
    expect(fake.callsTo('case', 'referOut')[0].data).toEqual({
      caseId: CASE_ID,
      authority: 'labour_arbitration',
      guidance: '请向区劳动人事争议仲裁委员会申请仲裁',
      reason: '当事人要求仲裁',
      handOver: { body: '清风区劳动人事争议仲裁委员会', receiver: '赵科长', receiverMobile: '13600002222', handedOverOn: '2025-05-10', materials: ['来访登记表', '劳动合同复印件'] },
    });
    expect(ReferOutInput.safeParse(fake.callsTo('case', 'referOut')[0].data).success).toBe(true);
  });

  it("places the server's refusal of a material at the list", async () => {
    const fake = withRoles(new FakeTransport(), DIRECTOR)
      .reply('case', 'get', ok(staffView()))
      .reply('case', 'referOut', err('VALIDATION_FAILED', '填写的信息有误', { 'handOver.materials.1': '每项材料不超过 60 个字' }));
    const page = await openPage(TRIAGE, fake, { id: CASE_ID });
    await tap(page, '#do-refer');
    await tap(page, '#authority-court');
    page.instance.onGuidance({ detail: { value: '请向区人民法院起诉' } });
    page.instance.onReason({ detail: { value: '当事人坚持诉讼' } });
    page.instance.onHandOver({ detail: { value: true } });
    page.instance.onHandOverInput({ currentTarget: { dataset: { field: 'handOverMaterials' } }, detail: { value: '来访登记表\n很长的材料' } });
    page.instance.onHandOverDate({ detail: { value: '2025-05-10' } });
    await tap(page, '#submit');
    await sleep();
    expect(visibleText(page.querySelector('#err-handOverMaterials')!)).toBe('每项材料不超过 60 个字');
  });
});
