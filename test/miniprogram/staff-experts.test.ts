// Invited expert mediators on the phone (特邀调解员): the 专家库 page (the district centre adds, edits, withdraws,
// invites and calls experts; a case's director picks one with a reason or takes one off), the 邀请专家参与 entry
// and the expert's own 申请回避 on the staff case page, and the expert's inbox in the mediator's workbench.
import { FakeTransport, ok } from './helpers/fake-transport';
import { currentWx } from './helpers/wx-stub';
import { sleep, tap, visibleText } from './helpers/simulate';
import { CASE_ID, grant, openPage, staffView, withRoles } from './helpers/staff-fixtures';

const DISTRICT = grant('director', 'district-centre');
const DIRECTOR = grant('director', 'liuan-committee');
const EXPERT = grant('expert', 'district-centre');
const LAWYER = 'x0123456789abcdef';
const DOCTOR = 'xfedcba9876543210';
const PAGE = 'pkg-director/pages/experts/index/index';

const expert = (over: Record<string, unknown> = {}) => ({
  expertId: LAWYER, name: '周律师', field: '法律', affiliation: '明德律师事务所', mobileMasked: '139****6666', active: true, joined: true, ...over,
});
const pool = (items: unknown[], mayEdit: boolean) => ok({ orgId: 'district-centre', orgName: '区矛盾纠纷调处化解中心', mayEdit, items });
const step = (over: Record<string, unknown> = {}) =>
  ok({ caseId: CASE_ID, caseNo: 'QF-2025-000123', status: 'in_mediation', statusLabel: '调解中', holder: { orgId: 'liuan-committee', name: '柳岸社区人民调解委员会' }, urgent: false, emergencyNumbers: [], ...over });

describe('专家库', () => {
  it('the district centre sees the pool with masked numbers and registers an expert', async () => {
    const added = expert({ expertId: DOCTOR, name: '郑医生', field: '医疗', affiliation: '区人民医院', mobileMasked: '139****7777', joined: false });
    const fake = withRoles(new FakeTransport(), DISTRICT)
      .reply('org', 'experts', pool([expert()], true), pool([expert(), added], true))
      .reply('org', 'saveExpert', ok(added));
    const page = await openPage(PAGE, fake);
    expect(fake.callsTo('org', 'experts')[0].data).toEqual({ includeInactive: true });
    const text = visibleText(page);
    expect(text).toContain('周律师');
    expect(text).toContain('法律 · 明德律师事务所 · 139****6666');
    expect(text).not.toContain('13955556666');

    page.instance.onFormField({ currentTarget: { dataset: { field: 'name' } }, detail: { value: '郑医生' } } as never);
    await tap(page, '#field-2');
    page.instance.onFormField({ currentTarget: { dataset: { field: 'affiliation' } }, detail: { value: '区人民医院' } } as never);
    page.instance.onFormField({ currentTarget: { dataset: { field: 'mobile' } }, detail: { value: '13966667777' } } as never);
    await tap(page, '#save-expert');
    await sleep();
    expect(fake.callsTo('org', 'saveExpert')[0].data).toEqual({ name: '郑医生', field: '医疗', affiliation: '区人民医院', mobile: '13966667777', active: true });
    expect(visibleText(page)).toContain('未加入微信');
  });

  it('deactivates an expert, invites one who has not joined, and calls through the audited read', async () => {
    const fake = withRoles(new FakeTransport(), DISTRICT)
      .reply('org', 'experts', pool([expert(), expert({ expertId: DOCTOR, name: '郑医生', joined: false })], true), pool([expert({ active: false })], true))
      .reply('org', 'inviteStaff', ok({ code: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', expiresAt: '2025-05-12T02:00:00.000Z', orgName: '区矛盾纠纷调处化解中心', roleLabel: '特邀调解专家', path: 'pages/me/index/index?staffCode=ABCDEFGHIJKLMNOPQRSTUVWXYZ' }))
      .reply('org', 'revealExpertPhone', ok({ expertId: LAWYER, mobile: '13955556666' }))
      .reply('org', 'saveExpert', ok(expert({ active: false })));
    const page = await openPage(PAGE, fake);
    expect(page.querySelector(`#invite-${LAWYER}`)).toBeFalsy();
    await tap(page, `#invite-${DOCTOR}`);
    await sleep();
    expect(fake.callsTo('org', 'inviteStaff')[0].data).toEqual({ orgId: 'district-centre', role: 'expert', note: '郑医生', expertId: DOCTOR });
    expect(visibleText(page.querySelector('#issued')!)).toContain('ABCDEFGHIJKLMNOPQRSTUVWXYZ');

    await tap(page, `#call-${LAWYER}`);
    await sleep();
    expect(fake.callsTo('org', 'revealExpertPhone')[0].data).toEqual({ expertId: LAWYER });
    expect(currentWx().makePhoneCall).toHaveBeenCalledWith(expect.objectContaining({ phoneNumber: '13955556666' }));
    expect(visibleText(page)).not.toContain('13955556666');

    await tap(page, `#toggle-${LAWYER}`);
    await sleep();
    expect(fake.callsTo('org', 'saveExpert')[0].data).toEqual({ expertId: LAWYER, name: '周律师', field: '法律', affiliation: '明德律师事务所', active: false });
    expect(visibleText(page)).toContain('已停用');
  });

  it("a committee's director reads the pool without editing it, picks an expert for the case with a reason", async () => {
    const fake = withRoles(new FakeTransport(), DIRECTOR)
      .reply('org', 'experts', pool([expert(), expert({ expertId: DOCTOR, name: '郑医生', field: '医疗', recused: true, onCase: false })], false))
      .reply('case', 'addExpert', step());
    const page = await openPage(PAGE, fake, { caseId: CASE_ID });
    expect(fake.callsTo('org', 'experts')[0].data).toEqual({ includeInactive: false, caseId: CASE_ID });
    expect(page.querySelector('#expert-form')).toBeFalsy();
    expect(page.querySelector(`#call-${LAWYER}`)).toBeFalsy();
    expect(visibleText(page)).toContain('已回避本案');

    await tap(page, `#expert-${DOCTOR}`);
    expect(visibleText(page)).toContain('郑医生已回避本案，不能选择');
    await tap(page, `#expert-${LAWYER}`);
    await tap(page, '#add-to-case');
    expect(fake.callsTo('case', 'addExpert')).toHaveLength(0);
    expect(visibleText(page)).toContain('请写明邀请专家参与的理由');
    page.instance.onReason({ detail: { value: '涉及相邻权法律问题' } } as never);
    await tap(page, '#add-to-case');
    await sleep();
    expect(fake.callsTo('case', 'addExpert')[0].data).toEqual({ caseId: CASE_ID, expertId: LAWYER, reason: '涉及相邻权法律问题' });
    expect(currentWx().navigateBack).toHaveBeenCalled();
  });

  it('takes an expert off the case with a reason', async () => {
    const fake = withRoles(new FakeTransport(), DIRECTOR)
      .reply('org', 'experts', pool([expert({ onCase: true, recused: false })], false), pool([expert({ onCase: false, recused: false })], false))
      .reply('case', 'removeExpert', step());
    const page = await openPage(PAGE, fake, { caseId: CASE_ID });
    expect(visibleText(page)).toContain('已参与本案');
    currentWx().showModal = jest.fn((o: { success?: (r: unknown) => void }) => o.success?.({ confirm: true, content: '专家已出具法律意见' }));
    await tap(page, `#remove-${LAWYER}`);
    await sleep();
    expect(fake.callsTo('case', 'removeExpert')[0].data).toEqual({ caseId: CASE_ID, expertId: LAWYER, reason: '专家已出具法律意见' });
    expect(visibleText(page)).toContain('可邀请');
  });
});

describe('the case page: 邀请专家参与 and the expert', () => {
  const CASE_PAGE = 'pkg-mediator/pages/case/detail/index';
  const mediating = (over: Record<string, unknown> = {}) =>
    staffView({ status: 'in_mediation', statusLabel: '调解中', next: { label: '调解期限', dueAt: '2025-06-04T15:59:59.999Z' }, ...over });
  const onCase = (isMe: boolean) => [{ expertId: LAWYER, name: '周律师', field: '法律', affiliation: '明德律师事务所', isMe }];

  it("the director sees the case's experts and the way to invite one", async () => {
    const fake = withRoles(new FakeTransport(), DIRECTOR).reply('case', 'get', ok(mediating({ experts: onCase(false) })));
    const page = await openPage(CASE_PAGE, fake, { id: CASE_ID });
    const text = visibleText(page.querySelector('#experts')!);
    expect(text).toContain('周律师');
    expect(text).toContain('法律 · 明德律师事务所');
    expect(page.querySelector('#expert-recuse')).toBeFalsy();
    await tap(page, '#invite-expert');
    expect(currentWx().navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: `/pkg-director/pages/experts/index/index?caseId=${CASE_ID}` }));
  });

  it('a mediator sees the experts but cannot invite one', async () => {
    const fake = withRoles(new FakeTransport(), grant('mediator', 'liuan-committee')).reply('case', 'get', ok(mediating({ experts: onCase(false) })));
    const page = await openPage(CASE_PAGE, fake, { id: CASE_ID });
    expect(visibleText(page.querySelector('#experts')!)).toContain('周律师');
    expect(page.querySelector('#invite-expert')).toBeFalsy();
  });

  it('a director above the responsible organisation sees the experts but is not offered to invite one', async () => {
    const fake = withRoles(new FakeTransport(), grant('director', 'donghu-centre')).reply('case', 'get', ok(mediating({ experts: onCase(false) })));
    const page = await openPage(CASE_PAGE, fake, { id: CASE_ID });
    expect(visibleText(page.querySelector('#experts')!)).toContain('周律师');
    expect(page.querySelector('#invite-expert')).toBeFalsy();
  });

  it('the expert opens the case and withdraws from it with a reason', async () => {
    const fake = withRoles(new FakeTransport(), EXPERT).reply('case', 'get', ok(mediating({ experts: onCase(true) }))).reply('case', 'recuseExpert', step());
    const page = await openPage(CASE_PAGE, fake, { id: CASE_ID });
    expect(visibleText(page.querySelector('#experts')!)).toContain('周律师（我）');
    expect(page.querySelector('#invite-expert')).toBeFalsy();
    // The mediator's steps are not the expert's: no calls, no invitations, no records, no risk.
    for (const id of ['#call-p1', '#invite-p2', '#record', '#show-slots', '#raise-risk', '#mark-relations']) expect(page.querySelector(id)).toBeFalsy();
    currentWx().showModal = jest.fn((o: { success?: (r: unknown) => void }) => o.success?.({ confirm: true, content: '与被申请人系同事' }));
    await tap(page, '#expert-recuse');
    await sleep();
    expect(fake.callsTo('case', 'recuseExpert')[0].data).toEqual({ caseId: CASE_ID, expertId: LAWYER, reason: '与被申请人系同事' });
    expect(currentWx().navigateBack).toHaveBeenCalled();
  });

  it("the expert's workbench lists the cases they were invited to", async () => {
    const item = { caseId: CASE_ID, caseNo: 'QF-2025-000123', categoryLabel: '邻里纠纷', statusLabel: '调解中', holderName: '柳岸社区人民调解委员会', urgent: false, registeredAt: '2025-05-05T02:00:00.000Z', status: 'in_mediation', asExpert: true };
    const fake = withRoles(new FakeTransport(), EXPERT).reply('case', 'assigned', ok({ items: [item], hasMore: false }));
    const page = await openPage('pkg-mediator/pages/workbench/index/index', fake);
    expect(visibleText(page)).toContain('案件编号 QF-2025-000123 · 调解中 · 特邀参与');
    // Sessions are booked in the mediator's hours: an expert keeps none.
    expect(page.querySelector('#hours')).toBeFalsy();
  });
});
