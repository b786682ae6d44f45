// Each role's pages refuse to render another role's data: the page checks the caller's roles (user.me)
// first and, without its role, shows a refusal and never asks for the data. The supervisor overview shows
// figures and case numbers only. 我的 lists each working identity and switches to it.
import { FakeTransport, err, fail, ok } from './helpers/fake-transport';
import { currentWx } from './helpers/wx-stub';
import { loadPage, sleep, tap, visibleText } from './helpers/simulate';
import { useFakeTransport } from './helpers/fake-transport';
import { CASE_ID, DIRECTORY, grant, openPage, staffView, withRoles } from './helpers/staff-fixtures';

const PAGES: Array<{ path: string; role: string; data: [string, string]; refusal: string; alsoFor?: string[] }> = [
  { path: 'pkg-director/pages/workbench/index/index', role: 'director', data: ['case', 'queue'], refusal: '调委会主任' },
  { path: 'pkg-director/pages/case/triage/index', role: 'director', data: ['case', 'get'], refusal: '调委会主任' },
  { path: 'pkg-director/pages/case/assign/index', role: 'director', data: ['org', 'staff'], refusal: '调委会主任' },
  { path: 'pkg-director/pages/staff/invite/index', role: 'director', data: ['org', 'staff'], refusal: '调委会主任' },
  { path: 'pkg-mediator/pages/workbench/index/index', role: 'mediator', data: ['case', 'assigned'], refusal: '调解员' },
  { path: 'pkg-mediator/pages/case/detail/index', role: 'mediator', data: ['case', 'get'], refusal: '调解员' },
  { path: 'pkg-mediator/pages/session/record/index', role: 'mediator', data: ['case', 'get'], refusal: '调解员' },
  { path: 'pkg-mediator/pages/agreement/draft/index', role: 'mediator', data: ['agreement', 'template'], refusal: '调解员' },
  { path: 'pkg-mediator/pages/agreement/follow-up/index', role: 'mediator', data: ['agreement', 'get'], refusal: '调解员' },
  { path: 'pkg-intake/pages/visit/register/index', role: 'intake', data: ['org', 'directory'], refusal: '窗口工作人员' },
  { path: 'pkg-supervisor/pages/overview/index/index', role: 'supervisor', data: ['report', 'overview'], refusal: '督导人员' },
  { path: 'pkg-supervisor/pages/experts/index/index', role: 'supervisor', data: ['org', 'experts'], refusal: '督导人员' },
  { path: 'pkg-director/pages/brewing/list/index', role: 'director', data: ['report', 'brewingReports'], refusal: '调委会主任' },
  { path: 'pkg-director/pages/brewing/convert/index', role: 'director', data: ['report', 'brewingReports'], refusal: '调委会主任' },
  { path: 'pkg-director/pages/screening/status/index', role: 'director', data: ['report', 'lateReports'], refusal: '调委会主任' },
  { path: 'pkg-director/pages/staff/audit/index', role: 'director', data: ['org', 'staffAudit'], refusal: '调委会主任' },
  { path: 'pkg-officer/pages/workbench/index/index', role: 'officer', data: ['report', 'brewingReports'], refusal: '信息员' },
  { path: 'pkg-officer/pages/screening/monthly/index', role: 'officer', data: ['report', 'myScreening'], refusal: '信息员' },
  { path: 'pkg-officer/pages/brewing/report/index', role: 'officer', data: ['org', 'directory'], refusal: '信息员' },
  // Everyone working cases, and supervisors, read a case's audit trail; residents and officers do not.
  { path: 'pkg-mediator/pages/case/audit/index', role: 'mediator', data: ['case', 'audit'], refusal: '办案人员和督导人员', alsoFor: ['director', 'supervisor'] },
  // The same people read a closed case's electronic file.
  { path: 'pkg-mediator/pages/case/archive/index', role: 'mediator', data: ['report', 'archive'], refusal: '办案人员和督导人员', alsoFor: ['director', 'supervisor'] },
];

/** Answers every data action with data belonging to someone else, so a leak would be visible. */
function everythingAnswered(fake: FakeTransport): FakeTransport {
  const secret = staffView({ summary: '不应出现的纠纷内容' });
  return fake
    .reply('case', 'queue', ok({ orgId: 'x', items: [{ caseId: CASE_ID, caseNo: 'SECRET-1', categoryLabel: '不应出现', statusLabel: '', holderName: '', urgent: false, registeredAt: '' }], hasMore: false }))
    .reply('case', 'get', ok(secret))
    .reply('case', 'assigned', ok({ items: [], hasMore: false }))
    .reply('org', 'staff', ok({ orgId: 'x', staff: [{ openid: 'm', name: '不应出现', roles: ['mediator'] }], invites: [] }))
    .reply('org', 'directory', ok(DIRECTORY))
    .reply('org', 'experts', ok({ orgId: 'x', orgName: '不应出现', mayEdit: false, items: [{ expertId: 'x0123456789abcdef', name: '不应出现', field: '法律', affiliation: '', mobileMasked: '', active: true, joined: true }] }))
    .reply('agreement', 'template', ok({ content: { parties: [], facts: '不应出现', disputedMatters: '', responsibilities: '', terms: [], performance: [] } }))
    .reply('agreement', 'get', ok({ agreement: null, performanceItems: [] }))
    .reply('report', 'overview', ok({ orgId: 'x', orgName: '不应出现', asOf: null, byOrg: [], overdue: [], recentClosures: [] }))
    .reply('report', 'brewingReports', ok({ items: [{ reportId: 'b00000000000000000001', orgId: 'x', orgName: '', communityName: '', category: 'other', categoryLabel: '', risk: 'low', riskLabel: '', description: '不应出现', at: '', status: 'open' }] }))
    .reply('report', 'lateReports', ok({ orgId: 'x', month: '2025-05', dueAt: '', filed: [], missing: [{ orgId: 'x', orgName: '', name: '不应出现', state: 'late', dueAt: '' }] }))
    .reply('report', 'myScreening', ok({ orgId: 'x', orgName: '不应出现', month: '2025-05', dueAt: '', state: 'pending' }))
    .reply('org', 'staffAudit', ok({ orgId: 'x', verified: true, entries: [{ seq: 1, at: '', type: 'role_granted', role: 'mediator', roleLabel: '', subjectName: '不应出现', hash: '' }] }))
    .reply('report', 'archive', ok({ caseId: CASE_ID, caseNo: 'SECRET-1', archiveNo: 'SECRET-ARCHIVE', orgName: '不应出现', closedAt: '', outcomeLabel: '', keepUntil: '', retentionYears: 10, viewer: 'staff', contents: [{ seq: 1, kind: 'scan', title: '不应出现', date: '', extent: '' }], proof: { headHash: '', entries: 1, entriesNow: 1, verified: true, verifiedAt: '' }, index: { fileID: 'x', fileName: 'x', size: 1 } }))
    .reply('case', 'audit', ok({ caseNo: 'SECRET-1', statusLabel: '', verified: true, entries: [{ seq: 1, at: '', type: 'case_registered', typeLabel: '', actor: '', who: '不应出现', hash: '' }] }));
}

describe("a role's pages refuse another role", () => {
  const others: Record<string, Array<{ role: string; orgId: string }>> = {
    resident: [],
    director: [grant('director', 'liuan-committee')],
    mediator: [grant('mediator', 'liuan-committee')],
    supervisor: [grant('supervisor', 'district-centre')],
    officer: [grant('officer', 'liuan-committee')],
  };
  const cases = PAGES.flatMap((p) =>
    Object.entries(others)
      // Directors and mediators may register visitors too (case.register allows them); directors may open
      // the mediator's pages for their own cases only through the server's case relation.
      .filter(([who]) => who !== p.role && !(p.alsoFor ?? []).includes(who) && !(p.role === 'intake' && (who === 'director' || who === 'mediator')) && !(p.role === 'mediator' && who === 'director' && !p.path.includes('draft') && !p.path.includes('workbench')))
      .map(([who, roles]) => ({ ...p, who, roles })),
  );

  it.each(cases)('$path refuses a $who and never asks for its data', async ({ path, data, refusal, roles }) => {
    const fake = everythingAnswered(withRoles(new FakeTransport(), ...roles));
    const page = await openPage(path, fake, { id: CASE_ID });
    const text = visibleText(page);
    expect(text).toContain(`此页面仅供${refusal}`);
    expect(text).not.toContain('不应出现');
    expect(text).not.toContain('SECRET-1');
    expect(fake.callsTo(data[0], data[1])).toHaveLength(0);
  });

  it("a case the server shapes for a follower (not staff) is not shown on the staff pages", async () => {
    const fake = withRoles(new FakeTransport(), grant('director', 'liuan-committee')).reply('case', 'get', ok(staffView({ relation: 'follower', triage: undefined, parties: undefined, summary: undefined })));
    const page = await openPage('pkg-director/pages/case/triage/index', fake, { id: CASE_ID });
    expect(visibleText(page)).toContain('您所在单位不负责此案件');
    expect(page.querySelector('#do-accept')).toBeFalsy();
  });
});

describe('监督总览', () => {
  it('shows open and overdue counts per organisation, overdue cases and recent closures, read-only', async () => {
    const fake = withRoles(new FakeTransport(), grant('supervisor', 'donghu-centre')).reply(
      'report',
      'overview',
      ok({
        orgId: 'donghu-centre',
        orgName: '东湖街道',
        asOf: '2025-05-03T02:05:00.000Z',
        byOrg: [
          { orgId: 'liuan-committee', name: '柳岸社区人民调解委员会', open: 5, overdue: 1 },
          { orgId: 'wangjiang-committee', name: '望江社区人民调解委员会', open: 3, overdue: 0 },
        ],
        overdue: [{ caseId: 'c1', caseNo: 'QF-2025-000001', categoryLabel: '邻里纠纷', statusLabel: '调解中', holderName: '柳岸社区人民调解委员会', next: { label: '调解期限', dueAt: '2025-04-30T15:59:59.999Z' } }],
        recentClosures: [{ caseId: 'c2', caseNo: 'QF-2025-000002', categoryLabel: '物业纠纷', statusLabel: '已办结', holderName: '望江社区人民调解委员会', outcomeLabel: '调解成功', closedAt: '2025-05-02T08:00:00.000Z', summary: '不应出现的纠纷内容' }],
      }),
    );
    const page = await openPage('pkg-supervisor/pages/overview/index/index', fake);
    expect(fake.callsTo('report', 'overview')[0].data).toEqual({ orgId: 'donghu-centre' });
    expect(visibleText(page.querySelector('#total-open')!)).toBe('8');
    expect(visibleText(page.querySelector('#total-overdue')!)).toBe('1');
    const text = visibleText(page);
    expect(text).toContain('柳岸社区人民调解委员会');
    expect(text).toContain('在办 5 · 超期 1');
    expect(text).toContain('QF-2025-000001');
    expect(text).toContain('调解期限 4月30日 23:59');
    expect(text).toContain('调解成功 5月2日 16:00');
    // Counted by the timer: the page says as of when.
    expect(visibleText(page.querySelector('#as-of')!)).toBe('统计截至 5月3日 10:05');
    expect(text).not.toContain('不应出现');
    expect(page.querySelector('button')).toBeFalsy();
    // The only way on is to the figures (read-only too).
    await tap(page, '#stats');
    expect(currentWx().navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pkg-director/pages/stats/index/index' }));
  });
});

describe('我的 → 工作身份', () => {
  it('lists each role the user holds with its organisation and switches to the chosen one', async () => {
    const fake = withRoles(new FakeTransport(), grant('director', 'liuan-committee'), grant('mediator', 'liuan-committee')).reply('org', 'directory', ok(DIRECTORY));
    const page = loadPage('pages/me/index/index', { before: () => useFakeTransport(fake) });
    await sleep();
    await sleep();
    const text = visibleText(page);
    expect(text).toContain('调委会主任 · 柳岸社区人民调解委员会');
    expect(text).toContain('调解员 · 柳岸社区人民调解委员会');

    await tap(page.querySelector('#roles')!, '#role-mediator-liuan-committee');
    expect(currentWx().navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pkg-mediator/pages/workbench/index/index' }));
    expect(currentWx().storage.get('staffRole.v1')).toEqual({ role: 'mediator', orgId: 'liuan-committee' });
  });

  it("a director's invitation link opens 我的 with the code filled in, so joining takes only a name", async () => {
    const fake = withRoles(new FakeTransport()).reply('org', 'joinStaff', ok({ role: 'intake', roleLabel: '窗口工作人员', orgId: 'liuan-committee', orgName: '柳岸社区人民调解委员会' }));
    const page = loadPage('pages/me/index/index', { before: () => useFakeTransport(fake) });
    page.instance.onLoad({ staffCode: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' });
    await sleep();
    const roles = page.querySelector('#roles')!;
    expect(roles.querySelector('#join-code')).toBeTruthy();
    expect(roles.instance.data.code).toBe('ABCDEFGHIJKLMNOPQRSTUVWXYZ');
    roles.instance.onName({ detail: { value: '周窗口' } });
    await tap(roles, '#join-submit');
    await sleep();
    expect(fake.callsTo('org', 'joinStaff')[0].data).toEqual({ code: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', name: '周窗口' });
  });

  it('a link with something that is not an invitation code opens 我的 as usual', async () => {
    const page = loadPage('pages/me/index/index', { before: () => useFakeTransport(withRoles(new FakeTransport())) });
    page.instance.onLoad({ staffCode: 'not-a-code' });
    await sleep();
    expect(page.querySelector('#roles')!.querySelector('#join-code')).toBeFalsy();
  });

  it("a resident's 我的 lists their own things first and the staff-only 加入调委会 last; 我的案件 opens the cases tab", async () => {
    const page = loadPage('pages/me/index/index', { before: () => useFakeTransport(withRoles(new FakeTransport())) });
    await sleep();
    const text = visibleText(page);
    const order = ['我的案件', '我的消息', '我的数据', '大字模式', '隐私保护指引', '加入调委会'].map((t) => text.indexOf(t));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    await tap(page, '#my-cases');
    expect(currentWx().switchTab).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/cases/index/index' }));
  });

  it('a resident sees no working identity, only the way to redeem an invitation code', async () => {
    const fake = withRoles(new FakeTransport()).reply('org', 'joinStaff', ok({ role: 'mediator', roleLabel: '调解员', orgId: 'liuan-committee', orgName: '柳岸社区人民调解委员会' }));
    const page = loadPage('pages/me/index/index', { before: () => useFakeTransport(fake) });
    await sleep();
    expect(visibleText(page)).not.toContain('工作身份');
    const roles = page.querySelector('#roles')!;
    await tap(roles, '#join-toggle');
    roles.instance.onCode({ detail: { value: 'abcdefghijklmnopqrstuvwxyz' } });
    roles.instance.onName({ detail: { value: '钱调解' } });
    await tap(roles, '#join-submit');
    await sleep();
    expect(fake.callsTo('org', 'joinStaff')[0].data).toEqual({ code: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', name: '钱调解' });
  });

  it('joining: a retry after a lost answer is the same join (one request id); a refusal ends it; the new identity is then listed', async () => {
    const joined = ok({ role: 'mediator', roleLabel: '调解员', orgId: 'liuan-committee', orgName: '柳岸社区人民调解委员会' });
    let holds: Array<{ role: string; orgId: string }> = [];
    const fake = new FakeTransport()
      .reply('user', 'me', () => ok({ prefs: { largeText: false }, roles: holds, registered: true }))
      .reply('org', 'directory', ok(DIRECTORY))
      .reply('org', 'joinStaff', err('INVITE_USED', '该邀请已被使用'), fail('network'), fail('network'), fail('network'), fail('network'), () => {
        holds = [grant('mediator', 'liuan-committee')];
        return joined;
      });
    const page = loadPage('pages/me/index/index', { before: () => useFakeTransport(fake) });
    await sleep();
    expect(visibleText(page)).not.toContain('工作身份');
    const roles = page.querySelector('#roles')!;
    await tap(roles, '#join-toggle');
    roles.instance.onCode({ detail: { value: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' } });
    roles.instance.onName({ detail: { value: '钱调解' } });

    // A definite refusal: said, and the next tap is a new intent.
    await tap(roles, '#join-submit');
    await sleep();
    expect(currentWx().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '该邀请已被使用' }));
    // The lost answer: retried automatically, then said; tapping again retries the same join.
    await tap(roles, '#join-submit');
    await sleep();
    expect(currentWx().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '网络不佳，请稍后重试' }));
    await tap(roles, '#join-submit');
    await sleep();
    await sleep();

    const ids = fake.callsTo('org', 'joinStaff').map((c) => c.requestId);
    expect(ids).toHaveLength(6);
    expect(ids[1]).not.toEqual(ids[0]);
    expect(new Set(ids.slice(1)).size).toBe(1);
    expect(currentWx().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已成为调解员' }));
    expect(visibleText(page)).toContain('调解员 · 柳岸社区人民调解委员会');
    expect(roles.querySelector('#join-code')).toBeFalsy();
  });

  it('with two director posts, the workbench acts for the one chosen', async () => {
    const fake = withRoles(new FakeTransport(), grant('director', 'liuan-committee'), grant('director', 'donghu-centre')).reply('case', 'queue', ok({ orgId: 'donghu-centre', items: [], hasMore: false }));
    const page = loadPage('pkg-director/pages/workbench/index/index', { before: () => useFakeTransport(fake) });
    currentWx().storage.set('staffRole.v1', { role: 'director', orgId: 'donghu-centre' });
    page.instance.onShow();
    await sleep();
    await sleep();
    expect(fake.callsTo('case', 'queue')[0].data).toEqual({ orgId: 'donghu-centre' });
  });
});
