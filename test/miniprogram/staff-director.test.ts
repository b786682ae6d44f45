// The director's flows against a fake transport: triage queue, the rule's suggestion with its reasons,
// transfer with a reason (and an override reason when going against the suggestion), refer out, the
// designation by the organisation above (指定), the mediator assignment with loads and recusals, the overdue board
// and staff invitations.
import { FakeTransport, err, fail, ok } from './helpers/fake-transport';
import { currentWx } from './helpers/wx-stub';
import { sleep, tap, visibleText } from './helpers/simulate';
import { CASE_ID, DIRECTORY, grant, openPage, staffView, withRoles } from './helpers/staff-fixtures';

const DIRECTOR = grant('director', 'liuan-committee');
const step = (over: Record<string, unknown> = {}) =>
  ok({ caseId: CASE_ID, caseNo: 'QF-2025-000123', status: 'transferring', statusLabel: '转办中', holder: { orgId: 'liuan-committee', name: '柳岸社区人民调解委员会' }, urgent: false, emergencyNumbers: [], ...over });

const row = (id: string, over: Record<string, unknown> = {}) => ({
  caseId: `c${id.padStart(20, '0')}`,
  caseNo: `QF-2025-${id}`,
  categoryLabel: '邻里纠纷',
  statusLabel: '已登记',
  holderName: '柳岸社区人民调解委员会',
  next: { label: '分流期限', dueAt: '2025-05-06T15:59:59.999Z' },
  urgent: false,
  registeredAt: '2025-05-05T02:00:00.000Z',
  ...over,
});

describe('调委会工作台', () => {
  it("shows the organisation's triage queue, urgent cases marked, and opens a case for triage", async () => {
    const fake = withRoles(new FakeTransport(), DIRECTOR).reply('case', 'queue', ok({ orgId: 'liuan-committee', items: [row('1', { urgent: true }), row('2', { categoryLabel: '物业纠纷' })], hasMore: false }));
    const page = await openPage('pkg-director/pages/workbench/index/index', fake);

    expect(fake.callsTo('case', 'queue')[0].data).toEqual({ orgId: 'liuan-committee' });
    const text = visibleText(page);
    // Urgent is the same red tag as on the case pages, before the category.
    expect(text).toMatch(/紧急\s?邻里纠纷/);
    expect(text.split('紧急').length - 1).toBe(1);
    expect(text).not.toContain('【紧急】');
    expect(text).toContain('物业纠纷');
    expect(text).toContain('分流期限 5月6日 23:59');

    await tap(page, `#case-${row('2').caseId}`);
    expect(currentWx().navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: `/pkg-director/pages/case/triage/index?id=${row('2').caseId}` }));
    await tap(page, '#stats');
    expect(currentWx().navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pkg-director/pages/stats/index/index' }));
  });

  it('the overdue board lists cases past a deadline with who works them', async () => {
    const fake = withRoles(new FakeTransport(), DIRECTOR)
      .reply('case', 'queue', ok({ orgId: 'liuan-committee', items: [], hasMore: false }))
      .reply('case', 'overdue', ok({ orgId: 'liuan-committee', items: [row('9', { statusLabel: '调解中', mediatorName: '王调解', next: { label: '调解期限', dueAt: '2025-04-30T15:59:59.999Z' } })], hasMore: false }));
    const page = await openPage('pkg-director/pages/workbench/index/index', fake);
    expect(visibleText(page)).toContain('没有待分流的案件');

    await tap(page, '#tab-overdue');
    await sleep();
    const text = visibleText(page);
    expect(fake.callsTo('case', 'overdue')[0].data).toEqual({ orgId: 'liuan-committee' });
    expect(text).toContain('已超期：调解期限 4月30日 23:59');
    expect(text).toContain('调解员 王调解');
  });

  it('intake staff see the queue but neither the overdue board nor invitations', async () => {
    const fake = withRoles(new FakeTransport(), grant('intake', 'donghu-centre')).reply('case', 'queue', ok({ orgId: 'donghu-centre', items: [row('3')], hasMore: false }));
    const page = await openPage('pkg-director/pages/workbench/index/index', fake);
    expect(fake.callsTo('case', 'queue')[0].data).toEqual({ orgId: 'donghu-centre' });
    expect(page.querySelector('#tab-overdue')).toBeFalsy();
    expect(page.querySelector('#invite')).toBeFalsy();
  });
});

describe('分流处理', () => {
  it("shows the rule's suggestion and every reason", async () => {
    const fake = withRoles(new FakeTransport(), DIRECTOR).reply('case', 'get', ok(staffView()));
    const page = await openPage('pkg-director/pages/case/triage/index', fake, { id: CASE_ID });
    const text = visibleText(page);
    expect(fake.callsTo('case', 'get')[0].data).toEqual({ caseId: CASE_ID });
    expect(text).toContain('分流建议：东湖街道矛盾纠纷调处化解中心');
    expect(text).toContain('当事人居住在本街道的不同社区');
    expect(text).toContain('涉及金额较大（5万元以上）');
    expect(text).toContain('分流期限：5月6日 23:59前');
  });

  it('transfers to the suggested organisation with a reason; no override reason is asked', async () => {
    const fake = withRoles(new FakeTransport(), DIRECTOR)
      .reply('case', 'get', ok(staffView()), ok(staffView({ status: 'transferring', statusLabel: '转办中', pendingTransfer: { toOrgId: 'donghu-centre', toOrgName: '东湖街道矛盾纠纷调处化解中心', dueAt: '2025-05-08T15:59:59.999Z' } })))
      .reply('org', 'directory', ok(DIRECTORY))
      .reply('case', 'transfer', step());
    const page = await openPage('pkg-director/pages/case/triage/index', fake, { id: CASE_ID });

    await tap(page, '#do-transfer');
    await sleep();
    expect(visibleText(page)).toContain('望江社区人民调解委员会');

    // Without a reason nothing is sent and the form says what is missing, in place.
    await tap(page, '#submit');
    expect(fake.callsTo('case', 'transfer')).toHaveLength(0);
    expect(visibleText(page.querySelector('#form')!)).toContain('请选择接收单位');

    await tap(page, '#org-donghu-centre');
    page.instance.onReason({ detail: { value: '双方住在不同社区，由街道中心调处' } });
    await sleep();
    expect(page.querySelector('#override-reason')).toBeFalsy();
    await tap(page, '#submit');
    await sleep();

    expect(fake.callsTo('case', 'transfer')[0].data).toEqual({ caseId: CASE_ID, toOrgId: 'donghu-centre', reason: '双方住在不同社区，由街道中心调处' });
    expect(currentWx().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已转办', icon: 'success' }));
    expect(visibleText(page)).toContain('已转办至：东湖街道矛盾纠纷调处化解中心，待其接收');
    expect(page.querySelector('#do-transfer')).toBeFalsy();
  });

  it('against the suggestion the override reason is required, shown in place, and sent', async () => {
    const fake = withRoles(new FakeTransport(), DIRECTOR)
      .reply('case', 'get', ok(staffView()))
      .reply('org', 'directory', ok(DIRECTORY))
      .reply('case', 'transfer', step());
    const page = await openPage('pkg-director/pages/case/triage/index', fake, { id: CASE_ID });
    await tap(page, '#do-transfer');
    await sleep();
    await tap(page, '#org-wangjiang-committee');
    page.instance.onReason({ detail: { value: '纠纷发生在望江社区' } });
    await sleep();

    expect(page.querySelector('#override-reason')).toBeTruthy();
    await tap(page, '#submit');
    expect(fake.callsTo('case', 'transfer')).toHaveLength(0);
    expect(page.querySelector('#err-overrideReason')).toBeTruthy();
    expect(visibleText(page.querySelector('#form')!)).toContain('与分流建议不一致，请写明理由');

    page.instance.onOverrideReason({ detail: { value: '漏水房屋实际位于望江社区' } });
    await sleep();
    await tap(page, '#submit');
    await sleep();
    expect(fake.callsTo('case', 'transfer')[0].data).toEqual({
      caseId: CASE_ID,
      toOrgId: 'wangjiang-committee',
      reason: '纠纷发生在望江社区',
      overrideReason: '漏水房屋实际位于望江社区',
    });
  });

  it("the server's OVERRIDE_REASON_REQUIRED lands next to the field, and the accept then goes through with it", async () => {
    const fake = withRoles(new FakeTransport(), DIRECTOR)
      .reply('case', 'get', ok(staffView({ triage: { suggestedOrgId: 'liuan-committee', suggestedOrgName: '柳岸社区人民调解委员会', reasons: ['纠纷发生在本社区'] } })))
      .reply('case', 'accept', err('OVERRIDE_REASON_REQUIRED', '受理单位与分流建议不一致，须写明理由'), step({ status: 'accepted' }));
    const page = await openPage('pkg-director/pages/case/triage/index', fake, { id: CASE_ID });
    await tap(page, '#do-accept');
    await tap(page, '#submit');
    await sleep();
    expect(visibleText(page.querySelector('#form')!)).toContain('受理单位与分流建议不一致，须写明理由');
    expect(page.querySelector('#override-reason')).toBeTruthy();

    page.instance.onOverrideReason({ detail: { value: '街道中心委托本社区先行调解' } });
    await sleep();
    await tap(page, '#submit');
    await sleep();
    const accepts = fake.callsTo('case', 'accept');
    expect(accepts[1].data).toEqual({ caseId: CASE_ID, overrideReason: '街道中心委托本社区先行调解' });
    // A changed submission is a new intent with a new request id.
    expect(accepts[1].requestId).not.toEqual(accepts[0].requestId);
  });

  it('a director asks the organisation above to designate who handles the case, with a reason; intake staff are not offered it', async () => {
    const accepted = staffView({ status: 'accepted', statusLabel: '已受理' });
    const fake = withRoles(new FakeTransport(), DIRECTOR)
      .reply('case', 'get', ok(accepted), ok(staffView({ status: 'awaiting_designation', statusLabel: '待上级指定' })))
      .reply('case', 'escalate', step({ status: 'awaiting_designation', statusLabel: '待上级指定' }));
    const page = await openPage('pkg-director/pages/case/triage/index', fake, { id: CASE_ID });
    await tap(page, '#do-escalate');
    await tap(page, '#submit');
    expect(fake.callsTo('case', 'escalate')).toHaveLength(0);
    expect(visibleText(page.querySelector('#form')!)).toContain('请填写理由');
    page.instance.onReason({ detail: { value: '涉及两个街道的居民，需区中心指定' } });
    await tap(page, '#submit');
    await sleep();
    const sent = fake.callsTo('case', 'escalate');
    expect(sent.map((c) => c.data)).toEqual([{ caseId: CASE_ID, reason: '涉及两个街道的居民，需区中心指定' }]);
    expect(sent[0].requestId).toBeTruthy();
    expect(page.querySelector('#do-escalate')).toBeFalsy();

    const intake = await openPage('pkg-director/pages/case/triage/index', withRoles(new FakeTransport(), grant('intake', 'liuan-committee')).reply('case', 'get', ok(accepted)), { id: CASE_ID });
    expect(intake.querySelector('#do-escalate')).toBeFalsy();
  });

  describe('指定承办单位 (the organisation above decides)', () => {
    const STREET = grant('director', 'donghu-centre');
    const waiting = (shareConsent: boolean) =>
      staffView({
        status: 'awaiting_designation',
        statusLabel: '待上级指定',
        next: { label: '上级指定管辖', dueAt: '2025-05-08T15:59:59.999Z', ownerOrgName: '东湖街道矛盾纠纷调处化解中心' },
        pendingDesignation: {
          designatorOrgId: 'donghu-centre',
          designatorOrgName: '东湖街道矛盾纠纷调处化解中心',
          fromOrgId: 'liuan-committee',
          fromOrgName: '柳岸社区人民调解委员会',
          trigger: 'escalation',
          triggerLabel: '下级调解组织上报',
          reason: '涉及多户，报请街道协调',
          requestedAt: '2025-05-06T02:00:00.000Z',
          dueAt: '2025-05-08T15:59:59.999Z',
          shareConsent,
        },
      });

    it("the street's director reads why the case came up and designates an organisation of its area, with a reason", async () => {
      const fake = withRoles(new FakeTransport(), STREET)
        .reply('case', 'get', ok(waiting(true)), ok(staffView({ status: 'accepted', statusLabel: '已受理', holder: { orgId: 'wangjiang-committee', name: '望江社区人民调解委员会', phone: '' } })))
        .reply('org', 'directory', ok(DIRECTORY))
        .reply('case', 'designate', step({ status: 'accepted', statusLabel: '已受理', holder: { orgId: 'wangjiang-committee', name: '望江社区人民调解委员会' } }));
      const page = await openPage('pkg-director/pages/case/triage/index', fake, { id: CASE_ID });
      const why = visibleText(page.querySelector('#designation')!);
      expect(why).toContain('报请原因：下级调解组织上报');
      expect(why).toContain('报请单位：柳岸社区人民调解委员会');
      expect(why).toContain('理由：涉及多户，报请街道协调');
      // Not the holder: none of the holder's own decisions are offered.
      expect(page.querySelector('#do-accept')).toBeFalsy();
      expect(page.querySelector('#do-escalate')).toBeFalsy();

      await tap(page, '#do-designate');
      await sleep();
      // The street centre itself and the committees below it, the one holding the case marked.
      const list = visibleText(page.querySelector('#form')!);
      expect(list).toContain('东湖街道矛盾纠纷调处化解中心');
      expect(list).toContain('望江社区人民调解委员会');
      expect(list).toContain('柳岸社区人民调解委员会原承办单位');
      await tap(page, '#submit');
      expect(fake.callsTo('case', 'designate')).toHaveLength(0);
      expect(visibleText(page.querySelector('#err-toOrgId')!)).toBe('请选择承办单位');
      expect(visibleText(page.querySelector('#err-reason')!)).toBe('请填写理由');

      await tap(page, '#org-wangjiang-committee');
      page.instance.onReason({ detail: { value: '漏水房屋位于望江社区，由望江调委会承办' } });
      await tap(page, '#submit');
      await sleep();
      const sent = fake.callsTo('case', 'designate');
      expect(sent.map((c) => c.data)).toEqual([{ caseId: CASE_ID, orgId: 'wangjiang-committee', reason: '漏水房屋位于望江社区，由望江调委会承办' }]);
      expect(sent[0].requestId).toBeTruthy();
      expect(currentWx().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已指定承办单位' }));
      // Reloaded: decided, nothing left to designate.
      expect(page.querySelector('#do-designate')).toBeFalsy();
      expect(visibleText(page)).toContain('承办单位：望江社区人民调解委员会');
    });

    it('without the consent to share only the holder is offered; a refusal from the server is shown at the list', async () => {
      const fake = withRoles(new FakeTransport(), STREET)
        .reply('case', 'get', ok(waiting(false)))
        .reply('org', 'directory', ok(DIRECTORY))
        .reply('case', 'designate', err('CONSENT_REQUIRED', '当事人未同意向其他调解组织提供个人信息，只能指定原调解组织继续办理'));
      const page = await openPage('pkg-director/pages/case/triage/index', fake, { id: CASE_ID });
      expect(visibleText(page.querySelector('#only-holder')!)).toContain('只能指定原承办单位柳岸社区人民调解委员会继续办理');
      await tap(page, '#do-designate');
      await sleep();
      expect(page.querySelector('#org-wangjiang-committee')).toBeFalsy();
      expect(page.querySelector('#org-liuan-committee')).toBeTruthy();
      expect(page.instance.data.form.toOrgId).toBe('liuan-committee');
      page.instance.onReason({ detail: { value: '仍由柳岸社区调委会办理' } });
      await tap(page, '#submit');
      await sleep();
      expect(fake.callsTo('case', 'designate')[0].data).toMatchObject({ orgId: 'liuan-committee' });
      expect(visibleText(page.querySelector('#err-toOrgId')!)).toContain('只能指定原调解组织继续办理');
      expect(currentWx().showToast).not.toHaveBeenCalled();
    });

    it('the committee that escalated sees it waits on the street, and cannot designate itself', async () => {
      const fake = withRoles(new FakeTransport(), DIRECTOR).reply('case', 'get', ok(waiting(true)));
      const page = await openPage('pkg-director/pages/case/triage/index', fake, { id: CASE_ID });
      expect(visibleText(page)).toContain('上级指定管辖：5月8日 23:59前（东湖街道矛盾纠纷调处化解中心）');
      expect(page.querySelector('#do-designate')).toBeFalsy();
      expect(page.querySelector('#designation')).toBeFalsy();
    });
  });

  it('refers out with the authority, the guidance the resident will read and a reason', async () => {
    const fake = withRoles(new FakeTransport(), DIRECTOR)
      .reply('case', 'get', ok(staffView()))
      .reply('case', 'referOut', step({ status: 'closed', statusLabel: '已办结' }));
    const page = await openPage('pkg-director/pages/case/triage/index', fake, { id: CASE_ID });
    await tap(page, '#do-refer');
    // The authorities offered are the server's, in its words.
    const offered = visibleText(page.querySelector('#form')!);
    for (const authority of ['人民法院', '公安机关', '劳动人事争议仲裁委员会', '有关行政机关', '信访部门', '其他有权机关']) expect(offered).toContain(authority);
    await tap(page, '#submit');
    expect(fake.callsTo('case', 'referOut')).toHaveLength(0);
    expect(visibleText(page.querySelector('#form')!)).toContain('请选择告知当事人前往的机关');

    await tap(page, '#authority-court');
    page.instance.onGuidance({ detail: { value: '本案已由法院立案，请向区人民法院了解进展' } });
    page.instance.onReason({ detail: { value: '法院已受理' } });
    await sleep();
    await tap(page, '#submit');
    await sleep();
    expect(fake.callsTo('case', 'referOut')[0].data).toEqual({ caseId: CASE_ID, authority: 'court', guidance: '本案已由法院立案，请向区人民法院了解进展', reason: '法院已受理' });
    expect(currentWx().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已告知引导' }));
  });

  it('a second tap while the decision is being sent sends nothing more; the button shows it is busy', async () => {
    let answer: (v: ReturnType<typeof step>) => void = () => undefined;
    const fake = withRoles(new FakeTransport(), DIRECTOR)
      .reply('case', 'get', ok(staffView({ triage: { suggestedOrgId: 'liuan-committee', suggestedOrgName: '柳岸社区人民调解委员会', reasons: ['纠纷发生在本社区'] } })))
      .reply('case', 'accept', () => new Promise((resolve) => (answer = resolve)));
    const page = await openPage('pkg-director/pages/case/triage/index', fake, { id: CASE_ID });
    await tap(page, '#do-accept');
    await tap(page, '#submit');
    const button = page.querySelector('#submit')!;
    expect(button.instance.data.loading).toBe(true);
    expect(button.instance.data.disabled).toBe(true);
    await tap(page, '#submit');
    expect(fake.callsTo('case', 'accept')).toHaveLength(1);
    answer(step({ status: 'accepted', statusLabel: '已受理' }));
    await sleep();
    await sleep();
    expect(currentWx().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已受理' }));
  });

  it("a refusal too long for a toast opens a dialog, and the form stays as it was", async () => {
    const fake = withRoles(new FakeTransport(), DIRECTOR)
      .reply('case', 'get', ok(staffView()))
      .reply('case', 'referOut', err('FORBIDDEN', '您所在单位不是此案件的承办单位，不能告知引导'));
    const page = await openPage('pkg-director/pages/case/triage/index', fake, { id: CASE_ID });
    await tap(page, '#do-refer');
    await tap(page, '#authority-police');
    page.instance.onGuidance({ detail: { value: '请向辖区派出所报案处理' } });
    page.instance.onReason({ detail: { value: '涉嫌违法' } });
    await sleep();
    await tap(page, '#submit');
    await sleep();
    expect(currentWx().showModal).toHaveBeenCalledWith(expect.objectContaining({ content: '您所在单位不是此案件的承办单位，不能告知引导', confirmText: '知道了' }));
    expect(page.querySelector('#guidance')!.instance.data.value).toBe('请向辖区派出所报案处理');
    expect(page.querySelector('#authority-police')!.instance.data.leftIcon).toBe('check-circle-filled');
  });

  it('the receiving organisation accepts or returns a transfer (with a reason)', async () => {
    const transferring = staffView({
      status: 'transferring',
      statusLabel: '转办中',
      holder: { orgId: 'liuan-committee', name: '柳岸社区人民调解委员会', phone: '' },
      pendingTransfer: { toOrgId: 'donghu-centre', toOrgName: '东湖街道矛盾纠纷调处化解中心', dueAt: '2025-05-08T15:59:59.999Z' },
    });
    const fake = withRoles(new FakeTransport(), grant('director', 'donghu-centre'))
      .reply('case', 'get', ok(transferring))
      .reply('case', 'returnTransfer', step({ status: 'registered' }));
    const page = await openPage('pkg-director/pages/case/triage/index', fake, { id: CASE_ID });
    expect(page.querySelector('#do-transfer')).toBeFalsy();
    expect(page.querySelector('#do-accept-transfer')).toBeTruthy();
    await tap(page, '#do-return');
    page.instance.onReason({ detail: { value: '不属本中心受理范围' } });
    await sleep();
    await tap(page, '#submit');
    await sleep();
    expect(fake.callsTo('case', 'returnTransfer')[0].data).toEqual({ caseId: CASE_ID, reason: '不属本中心受理范围' });
  });
});

describe('内容审核', () => {
  const PAGE = 'pkg-director/pages/review/index/index';
  const held = (id: string, over: { why?: string; summary?: string } = {}, extra: Array<Record<string, unknown>> = []) => {
    const summary = over.summary ?? '楼上那家人简直不是东西，天天漏水还骂人。';
    const why = over.why ?? 'risky';
    return {
      ...row(id),
      summary,
      why,
      heldAt: '2025-05-06T01:30:00.000Z',
      texts: [{ textId: 'summary', kind: 'summary', kindLabel: '纠纷情况', text: summary, why, heldAt: '2025-05-06T01:30:00.000Z' }, ...extra],
    };
  };
  const reviewed = step({ status: 'registered', statusLabel: '已登记' });

  it('shows each held text with why it was held; clears one after asking, and the queue reloads without it', async () => {
    const fake = withRoles(new FakeTransport(), DIRECTOR)
      .reply('case', 'reviewQueue', ok({ orgId: 'liuan-committee', items: [held('161'), held('162', { why: 'api_error', summary: '借款两万元到期未还。' })], hasMore: false }), ok({ orgId: 'liuan-committee', items: [held('161')], hasMore: false }))
      .reply('case', 'review', reviewed);
    const page = await openPage(PAGE, fake);
    expect(fake.callsTo('case', 'reviewQueue')[0].data).toEqual({ orgId: 'liuan-committee' });
    const second = visibleText(page.querySelector('#held-c00000000000000000162-summary')!);
    expect(second).toContain('借款两万元到期未还。');
    expect(second).toContain('内容安全检测暂时无法使用，需人工复核');
    expect(visibleText(page.querySelector('#held-c00000000000000000161-summary')!)).toContain('内容安全检测认为可能含有违规内容');

    currentWx().showModal = jest.fn((o: { success?: (r: unknown) => void }) => o.success?.({ confirm: false }));
    await tap(page, '#clear-c00000000000000000162-summary');
    await sleep();
    expect(fake.callsTo('case', 'review')).toHaveLength(0);
    currentWx().showModal = jest.fn((o: { success?: (r: unknown) => void }) => o.success?.({ confirm: true }));
    await tap(page, '#clear-c00000000000000000162-summary');
    await sleep();
    expect(currentWx().showModal).toHaveBeenCalledWith(expect.objectContaining({ content: expect.stringContaining('对方当事人') }));
    expect(fake.callsTo('case', 'review')[0].data).toEqual({ caseId: 'c00000000000000000162', decision: 'clear', textId: 'summary' });
    expect(currentWx().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已放行' }));
    expect(page.querySelector('#held-c00000000000000000162-summary')).toBeFalsy();
  });

  it("a party's later text held on a case (a reply's reason) is its own row, cleared or redacted by its id", async () => {
    const reply = { textId: 't1', kind: 'reply_reason', kindLabel: '对调解邀请的答复理由', text: '他就是个骗子，不同意', why: 'review', heldAt: '2025-05-07T02:00:00.000Z' };
    const fake = withRoles(new FakeTransport(), DIRECTOR)
      .reply('case', 'reviewQueue', ok({ orgId: 'liuan-committee', items: [{ ...held('163'), texts: [reply] }], hasMore: false }), ok({ orgId: 'liuan-committee', items: [], hasMore: false }))
      .reply('case', 'review', reviewed);
    const page = await openPage(PAGE, fake);
    const card = visibleText(page.querySelector('#held-c00000000000000000163-t1')!);
    expect(card).toContain('对调解邀请的答复理由');
    expect(card).toContain('他就是个骗子，不同意');
    // The dispute text of that case is not held: there is nothing to decide about it here.
    expect(page.querySelector('#held-c00000000000000000163-summary')).toBeFalsy();
    await tap(page, '#edit-c00000000000000000163-t1');
    page.instance.onEdited({ detail: { value: '不同意调解' } });
    page.instance.onReason({ detail: { value: '删去侮辱性用语' } });
    await tap(page, '#redact');
    await sleep();
    expect(fake.callsTo('case', 'review')[0].data).toEqual({ caseId: 'c00000000000000000163', decision: 'redact', textId: 't1', text: '不同意调解', reason: '删去侮辱性用语' });
  });

  it('redacts the text with a reason: both required in place, then sent; the server’s field errors land in place', async () => {
    const fake = withRoles(new FakeTransport(), DIRECTOR)
      .reply('case', 'reviewQueue', ok({ orgId: 'liuan-committee', items: [held('161')], hasMore: false }), ok({ orgId: 'liuan-committee', items: [], hasMore: false }))
      .reply('case', 'review', err('VALIDATION_FAILED', '填写的信息有误', { reason: '理由不超过 500 个字' }), reviewed);
    const page = await openPage(PAGE, fake);
    await tap(page, '#edit-c00000000000000000161-summary');
    expect(page.instance.data.edited).toBe('楼上那家人简直不是东西，天天漏水还骂人。');
    page.instance.onEdited({ detail: { value: '漏水' } });
    await tap(page, '#redact');
    expect(fake.callsTo('case', 'review')).toHaveLength(0);
    expect(visibleText(page.querySelector('#err-edited')!)).toBe('请至少保留五个字的情况说明');
    expect(visibleText(page.querySelector('#err-reason')!)).toBe('请填写处理理由');

    page.instance.onEdited({ detail: { value: '楼上住户家天天漏水，沟通时发生争吵。' } });
    page.instance.onReason({ detail: { value: '删去侮辱性用语' } });
    await tap(page, '#redact');
    await sleep();
    expect(visibleText(page.querySelector('#err-reason')!)).toBe('理由不超过 500 个字');
    await tap(page, '#redact');
    await sleep();
    expect(fake.callsTo('case', 'review')[1].data).toEqual({ caseId: 'c00000000000000000161', decision: 'redact', textId: 'summary', summary: '楼上住户家天天漏水，沟通时发生争吵。', reason: '删去侮辱性用语' });
    expect(currentWx().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已删改并放行' }));
    expect(visibleText(page.querySelector('#state')!)).toContain('没有待审核的内容');
  });

  it('only directors open it (the workbench offers it to them); a lost network has its retry', async () => {
    const intake = await openPage(PAGE, withRoles(new FakeTransport(), grant('intake', 'liuan-committee')));
    expect(visibleText(intake.querySelector('#state')!)).toContain('仅供调委会主任使用');
    const offline = await openPage(PAGE, withRoles(new FakeTransport(), DIRECTOR).reply('case', 'reviewQueue', fail('network')));
    expect(visibleText(offline.querySelector('#state')!)).toContain('重试');
    const workbench = await openPage('pkg-director/pages/workbench/index/index', withRoles(new FakeTransport(), DIRECTOR).reply('case', 'queue', ok({ orgId: 'liuan-committee', items: [], hasMore: false })));
    await tap(workbench, '#review');
    expect(currentWx().navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pkg-director/pages/review/index/index' }));
  });
});

describe('指派调解员', () => {
  const staff = ok({
    orgId: 'liuan-committee',
    staff: [
      { openid: 'demo-director', name: '赵主任', roles: ['director'] },
      { openid: 'm-busy', name: '钱调解', roles: ['mediator'], openCases: 7, recused: false },
      { openid: 'm-free', name: '孙调解', roles: ['mediator'], openCases: 2, recused: false },
      { openid: 'm-recused', name: '李调解', roles: ['mediator'], openCases: 0, recused: true },
    ],
    invites: [],
  });

  it("shows each mediator's load and recusal, refuses a recused one, and assigns the chosen one", async () => {
    const fake = withRoles(new FakeTransport(), DIRECTOR).reply('org', 'staff', staff).reply('case', 'assignMediator', step({ status: 'accepted' }));
    const page = await openPage('pkg-director/pages/case/assign/index', fake, { id: CASE_ID });
    expect(fake.callsTo('org', 'staff')[0].data).toEqual({ orgId: 'liuan-committee', caseId: CASE_ID });

    const text = visibleText(page);
    expect(text).toContain('孙调解');
    expect(text).toContain('在办 2 件');
    expect(text).toContain('在办 7 件');
    expect(text).toContain('已回避，不能指派');
    expect(text).not.toContain('赵主任');
    // Least loaded first.
    expect(text.indexOf('孙调解')).toBeLessThan(text.indexOf('钱调解'));

    await tap(page, '#m-m-recused');
    expect(visibleText(page)).toContain('李调解已在本案回避');
    await tap(page, '#submit');
    expect(fake.callsTo('case', 'assignMediator')).toHaveLength(0);
    expect(visibleText(page)).toContain('请选择调解员');

    await tap(page, '#m-m-free');
    await tap(page, '#submit');
    await sleep();
    expect(fake.callsTo('case', 'assignMediator')[0].data).toEqual({ caseId: CASE_ID, mediatorId: 'm-free' });
    expect(currentWx().navigateBack).toHaveBeenCalled();
  });
});

describe('邀请工作人员', () => {
  it('issues a code for a role at the organisation and shows it once, with the invitations list', async () => {
    const fake = withRoles(new FakeTransport(), DIRECTOR)
      .reply('org', 'staff', ok({ orgId: 'liuan-committee', staff: [{ openid: 'demo-mediator', name: '钱调解', roles: ['mediator'], openCases: 1 }], invites: [] }), ok({ orgId: 'liuan-committee', staff: [], invites: [{ note: '周窗口', roleLabel: '窗口工作人员', expiresAt: '2025-05-12T02:00:00.000Z', used: false }] }))
      .reply('org', 'inviteStaff', ok({ code: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', expiresAt: '2025-05-12T02:00:00.000Z', orgName: '柳岸社区人民调解委员会', roleLabel: '窗口工作人员', path: 'pages/me/index/index?staffCode=ABCDEFGHIJKLMNOPQRSTUVWXYZ' }));
    const page = await openPage('pkg-director/pages/staff/invite/index', fake);
    expect(visibleText(page)).toContain('钱调解');

    await tap(page, '#submit');
    expect(fake.callsTo('org', 'inviteStaff')).toHaveLength(0);
    expect(visibleText(page)).toContain('请填写被邀请人姓名');

    await tap(page, '#role-intake');
    page.instance.onNote({ detail: { value: '周窗口' } });
    await tap(page, '#submit');
    await sleep();
    expect(fake.callsTo('org', 'inviteStaff')[0].data).toEqual({ orgId: 'liuan-committee', role: 'intake', note: '周窗口' });
    const text = visibleText(page);
    expect(text).toContain('ABCDEFGHIJKLMNOPQRSTUVWXYZ');
    expect(text).toContain('窗口工作人员 · 柳岸社区人民调解委员会');
    expect(text).toContain('周窗口（窗口工作人员）');
  });

  it('a director removes the role of someone who leaves, with a reason, and the list no longer shows them', async () => {
    const before = ok({ orgId: 'liuan-committee', staff: [{ openid: 'demo-mediator', name: '钱调解', roles: ['mediator'], openCases: 1 }], invites: [] });
    const after = ok({ orgId: 'liuan-committee', staff: [], invites: [] });
    const fake = withRoles(new FakeTransport(), DIRECTOR).reply('org', 'staff', before, after).reply('org', 'removeStaff', ok({ removed: true }));
    const page = await openPage('pkg-director/pages/staff/invite/index', fake);
    const wx = currentWx();

    // Cancelled: nothing is sent.
    wx.showModal.mockImplementationOnce((o: any) => o.success({ confirm: false, cancel: true }));
    await tap(page, '#staff-demo-mediator');
    expect(fake.callsTo('org', 'removeStaff')).toHaveLength(0);

    // Without a reason: asked for one, nothing sent.
    wx.showModal.mockImplementationOnce((o: any) => o.success({ confirm: true, content: ' ' }));
    await tap(page, '#staff-demo-mediator');
    expect(fake.callsTo('org', 'removeStaff')).toHaveLength(0);
    expect(wx.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请填写移除理由' }));

    wx.showModal.mockImplementationOnce((o: any) => o.success({ confirm: true, content: '调离本社区' }));
    await tap(page, '#staff-demo-mediator');
    await sleep();
    expect(wx.showModal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '移除钱调解的“调解员”身份？', editable: true }));
    const sent = fake.callsTo('org', 'removeStaff');
    expect(sent.map((c) => c.data)).toEqual([{ orgId: 'liuan-committee', openid: 'demo-mediator', role: 'mediator', reason: '调离本社区' }]);
    expect(sent[0].requestId).toBeTruthy();
    expect(visibleText(page)).not.toContain('钱调解');
  });

  it('says as of when the mediators’ caseloads were counted (the roll-up’s last tick), here and where a mediator is assigned', async () => {
    const list = (caseloadsAsOf: string | null) =>
      ok({ orgId: 'liuan-committee', caseloadsAsOf, staff: [{ openid: 'demo-director', name: '赵主任', roles: ['director'] }, { openid: 'demo-mediator', name: '钱调解', roles: ['mediator'], openCases: 3 }], invites: [] });
    const fake = withRoles(new FakeTransport(), DIRECTOR).reply('org', 'staff', list('2025-05-07T01:55:00.000Z'), list('2025-05-07T01:55:00.000Z'), list(null));
    const page = await openPage('pkg-director/pages/staff/invite/index', fake);
    expect(visibleText(page)).toContain('钱调解点按可移除身份调解员 · 在办 3 件');
    expect(visibleText(page)).toContain('赵主任点按可移除身份调委会主任钱调解');
    // 09:55 China time.
    expect(visibleText(page.querySelector('#caseloads-as-of')!)).toBe('在办案件数统计截至 5月7日 09:55');

    const assign = await openPage('pkg-director/pages/case/assign/index', fake, { id: CASE_ID });
    expect(visibleText(assign.querySelector('#caseloads-as-of')!)).toBe('在办案件数统计截至 5月7日 09:55');

    // Before the roll-up has ever run: said so, no time made up.
    const fresh = await openPage('pkg-director/pages/staff/invite/index', fake);
    expect(visibleText(fresh.querySelector('#caseloads-as-of')!)).toBe('在办案件数正在统计，请稍后刷新');
  });

  it("the server's objection to the name is shown next to it, without a toast", async () => {
    const fake = withRoles(new FakeTransport(), DIRECTOR)
      .reply('org', 'staff', ok({ orgId: 'liuan-committee', staff: [], invites: [] }))
      .reply('org', 'inviteStaff', err('VALIDATION_FAILED', '填写的信息有误', { note: '姓名不超过 40 个字' }));
    const page = await openPage('pkg-director/pages/staff/invite/index', fake);
    page.instance.onNote({ detail: { value: '周窗口' } });
    await tap(page, '#submit');
    await sleep();
    expect(fake.callsTo('org', 'inviteStaff')[0].data).toEqual({ orgId: 'liuan-committee', role: 'mediator', note: '周窗口' });
    expect(visibleText(page.querySelector('#error')!)).toBe('姓名不超过 40 个字');
    expect(currentWx().showToast).not.toHaveBeenCalled();
    expect(page.querySelector('#issued')).toBeFalsy();
  });
});
