// The audit trails against a fake transport: a case's steps (when, which step, who, for which organisation, why)
// and whether its chain verifies — said plainly in Chinese when it does not — reached from the staff case page, the
// director's case page and the supervisor's overview; and an organisation's staff chain (who was given or lost a
// role, on whose word) reached from the director's staff page.
import { FakeTransport, err, fail, ok } from './helpers/fake-transport';
import { currentWx } from './helpers/wx-stub';
import { tap, visibleText } from './helpers/simulate';
import { CASE_ID, grant, openPage, staffView, withRoles } from './helpers/staff-fixtures';

const AUDIT = 'pkg-mediator/pages/case/audit/index';
const STAFF_AUDIT = 'pkg-director/pages/staff/audit/index';
const DIRECTOR = grant('director', 'liuan-committee');
const MEDIATOR = grant('mediator', 'liuan-committee');

const line = (seq: number, over: Record<string, unknown> = {}) => ({
  seq,
  at: '2025-05-05T02:00:00.000Z',
  type: 'case_registered',
  typeLabel: '登记受理申请',
  actor: 'resident-1',
  who: '张三（申请人）',
  hash: `h${seq}`,
  ...over,
});
const trail = (over: Record<string, unknown> = {}) => ({
  caseNo: 'QF-2025-000123',
  statusLabel: '已受理',
  verified: true,
  entries: [
    line(1),
    line(2, { at: '2025-05-05T03:10:00.000Z', type: 'case_accepted', typeLabel: '调解组织已受理', actor: 'demo-director', who: '王主任', actorOrgId: 'liuan-committee', orgName: '柳岸社区人民调解委员会' }),
    line(3, { at: '2025-05-05T06:00:00.000Z', type: 'case_transferred', typeLabel: '转交其他调解组织', actor: 'demo-director', who: '王主任', actorOrgId: 'liuan-committee', orgName: '柳岸社区人民调解委员会', reason: '被申请人住在望江社区' }),
  ],
  ...over,
});

describe('审计记录 (a case)', () => {
  it('shows every step with when, who, for which organisation and why, and that the chain verifies', async () => {
    const fake = withRoles(new FakeTransport(), MEDIATOR).reply('case', 'audit', ok(trail()));
    const page = await openPage(AUDIT, fake, { id: CASE_ID });
    expect(fake.callsTo('case', 'audit')[0].data).toEqual({ caseId: CASE_ID });
    const text = visibleText(page);
    expect(text).toContain('案件编号 QF-2025-000123');
    expect(text).toContain('1. 登记受理申请');
    expect(text).toContain('5月5日 10:00 · 张三（申请人）');
    expect(text).toContain('2. 调解组织已受理');
    expect(text).toContain('5月5日 11:10 · 王主任（柳岸社区人民调解委员会）');
    expect(text).toContain('理由：被申请人住在望江社区');
    expect(visibleText(page.querySelector('#check')!)).toContain('核验通过');
    expect(visibleText(page.querySelector('#check')!)).toContain('全部 3 条记录与写入时一致');
    expect(text).not.toContain('核验未通过');
  });

  it('says plainly in Chinese when the chain does not verify, and what the server found', async () => {
    const fake = withRoles(new FakeTransport(), DIRECTOR).reply(
      'case',
      'audit',
      ok(trail({ verified: false, problem: '{"kind":"edited","seq":2}', problemText: '第 2 条记录与写入时不一致：被改动过，或记录被重新生成' })),
    );
    const page = await openPage(AUDIT, fake, { id: CASE_ID });
    const check = visibleText(page.querySelector('#check')!);
    expect(check).toContain('核验未通过：记录可能被改动过');
    expect(check).toContain('第 2 条记录与写入时不一致：被改动过，或记录被重新生成');
    expect(check).toContain('请立即报告上级和系统管理员核查');
    expect(check).not.toContain('核验通过');
    expect(check).not.toContain('edited');
  });

  it('a supervisor reads the steps as the server gives them: no names, no reasons', async () => {
    const anonymous = trail({
      entries: trail().entries.map((e) => ({ ...e, reason: undefined, who: e.seq === 1 ? '当事人' : '工作人员' })),
    });
    const fake = withRoles(new FakeTransport(), grant('supervisor', 'donghu-centre')).reply('case', 'audit', ok(anonymous));
    const page = await openPage(AUDIT, fake, { id: CASE_ID });
    const text = visibleText(page);
    expect(text).toContain('5月5日 10:00 · 当事人');
    expect(text).toContain('工作人员（柳岸社区人民调解委员会）');
    expect(text).not.toContain('理由');
  });

  it('an error (not this case’s staff, a lost connection) is shown with 重试', async () => {
    const refused = await openPage(AUDIT, withRoles(new FakeTransport(), MEDIATOR).reply('case', 'audit', err('NOT_FOUND', '案件不存在或您无权查看')), { id: CASE_ID });
    expect(visibleText(refused)).toContain('案件不存在或您无权查看');
    expect(refused.querySelector('#check')).toBeFalsy();
    const offline = await openPage(AUDIT, withRoles(new FakeTransport(), MEDIATOR).reply('case', 'audit', fail('network')), { id: CASE_ID });
    expect(visibleText(offline)).toContain('重试');
  });

  it('is reached from the staff case page, the director’s case page and the supervisor’s overview', async () => {
    const url = `/pkg-mediator/pages/case/audit/index?id=${CASE_ID}`;
    const mediatorCase = await openPage('pkg-mediator/pages/case/detail/index', withRoles(new FakeTransport(), MEDIATOR).reply('case', 'get', ok(staffView({ status: 'accepted', statusLabel: '已受理' }))), { id: CASE_ID });
    await tap(mediatorCase, '#open-audit');
    expect(currentWx().navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url }));

    const triage = await openPage('pkg-director/pages/case/triage/index', withRoles(new FakeTransport(), DIRECTOR).reply('case', 'get', ok(staffView())), { id: CASE_ID });
    await tap(triage, '#open-audit');
    expect(currentWx().navigateTo).toHaveBeenLastCalledWith(expect.objectContaining({ url }));

    const overview = await openPage(
      'pkg-supervisor/pages/overview/index/index',
      withRoles(new FakeTransport(), grant('supervisor', 'donghu-centre')).reply(
        'report',
        'overview',
        ok({
          orgId: 'donghu-centre',
          orgName: '东湖街道',
          asOf: '2025-05-06T09:00:00.000Z',
          byOrg: [{ orgId: 'liuan-committee', name: '柳岸社区人民调解委员会', open: 1, overdue: 1 }],
          overdue: [{ caseId: CASE_ID, caseNo: 'QF-2025-000123', categoryLabel: '邻里纠纷', statusLabel: '调解中', holderName: '柳岸社区人民调解委员会' }],
          recentClosures: [],
        }),
      ),
    );
    await tap(overview, `#overdue-${CASE_ID}`);
    expect(currentWx().navigateTo).toHaveBeenLastCalledWith(expect.objectContaining({ url }));
  });
});

describe('人员变动记录', () => {
  const chain = (over: Record<string, unknown> = {}) => ({
    orgId: 'liuan-committee',
    verified: true,
    entries: [
      { seq: 1, at: '2025-04-01T01:00:00.000Z', type: 'role_granted', role: 'mediator', roleLabel: '调解员', subject: 'm-2', subjectName: '钱桂芳', actor: 'm-2', actorName: '钱桂芳', grantedBy: 'demo-director', grantedByName: '王主任', hash: 'h1' },
      { seq: 2, at: '2025-05-06T08:00:00.000Z', type: 'role_removed', role: 'officer', roleLabel: '信息员', subject: 'o-9', subjectName: '赵网格员', actor: 'demo-director', actorName: '王主任', hash: 'h2' },
    ],
    ...over,
  });

  it('lists role grants and removals, newest first, with on whose word, and that the chain verifies', async () => {
    const fake = withRoles(new FakeTransport(), DIRECTOR).reply('org', 'staffAudit', ok(chain()));
    const page = await openPage(STAFF_AUDIT, fake);
    expect(fake.callsTo('org', 'staffAudit')[0].data).toEqual({ orgId: 'liuan-committee' });
    const text = visibleText(page);
    expect(text.indexOf('移除：赵网格员 · 信息员')).toBeLessThan(text.indexOf('加入：钱桂芳 · 调解员'));
    expect(text).toContain('5月6日 16:00 · 由王主任移除');
    expect(text).toContain('4月1日 09:00 · 凭王主任发放的邀请码加入');
    expect(visibleText(page.querySelector('#check')!)).toContain('核验通过');
  });

  it('names a typical case revised or withdrawn by its title, and by whom', async () => {
    const typical = [
      { seq: 3, at: '2025-05-07T01:00:00.000Z', type: 'typical_revised', role: 'director', roleLabel: '调委会主任', subject: 't0123456789abcdef0123', typicalTitle: '楼上漏水引发的邻里纠纷', actor: 'demo-director', actorName: '王主任', hash: 'h3' },
      { seq: 4, at: '2025-05-07T02:00:00.000Z', type: 'typical_withdrawn', role: 'director', roleLabel: '调委会主任', subject: 't0123456789abcdef0123', typicalTitle: '楼上漏水引发的邻里纠纷', actor: 'demo-director', actorName: '王主任', hash: 'h4' },
      // A typical case whose title the server could not find: the kind alone, no person's placeholder.
      { seq: 5, at: '2025-05-07T03:00:00.000Z', type: 'typical_withdrawn', role: 'director', roleLabel: '调委会主任', subject: 't0123456789abcdef0124', actor: 'demo-director', actorName: '王主任', hash: 'h5' },
    ];
    const page = await openPage(STAFF_AUDIT, withRoles(new FakeTransport(), DIRECTOR).reply('org', 'staffAudit', ok(chain({ entries: [...chain().entries, ...typical] }))));
    const text = visibleText(page);
    expect(visibleText(page.querySelector('#change-3')!)).toBe('修改典型案例：“楼上漏水引发的邻里纠纷”5月7日 09:00 · 由王主任修改');
    expect(visibleText(page.querySelector('#change-4')!)).toBe('撤回典型案例：“楼上漏水引发的邻里纠纷”5月7日 10:00 · 由王主任撤回');
    expect(visibleText(page.querySelector('#change-5')!)).toBe('撤回典型案例5月7日 11:00 · 由王主任撤回');
    expect(text).not.toContain('工作人员');
    expect(text).not.toContain('已移除已移除');
  });

  it('words the expert pool’s entries as registrations, changes and phone reads, naming the expert — never as removals', async () => {
    const expert = (seq: number, type: string, at: string) => ({ seq, at, type, role: 'expert', roleLabel: '特邀调解专家', subject: 'x0123456789abcdef', subjectName: '周明德', actor: 'demo-district-director', actorName: '赵主任', hash: `h${seq}` });
    const entries = [
      expert(1, 'expert_saved', '2025-05-01T01:00:00.000Z'),
      expert(2, 'expert_saved', '2025-05-02T01:00:00.000Z'),
      expert(3, 'expert_contact_revealed', '2025-05-03T01:00:00.000Z'),
    ];
    const page = await openPage(STAFF_AUDIT, withRoles(new FakeTransport(), grant('director', 'district-centre')).reply('org', 'staffAudit', ok(chain({ orgId: 'district-centre', entries }))));
    expect(visibleText(page.querySelector('#change-1')!)).toBe('登记入专家库：周明德5月1日 09:00 · 由赵主任登记');
    expect(visibleText(page.querySelector('#change-2')!)).toBe('修改专家信息：周明德5月2日 09:00 · 由赵主任修改');
    expect(visibleText(page.querySelector('#change-3')!)).toBe('查看专家电话：周明德5月3日 09:00 · 由赵主任查看完整号码');
    for (const seq of [1, 2, 3]) expect(visibleText(page.querySelector(`#change-${seq}`)!)).not.toContain('移除');
  });

  it('says plainly when the chain does not verify', async () => {
    const fake = withRoles(new FakeTransport(), DIRECTOR).reply('org', 'staffAudit', ok(chain({ verified: false, problem: '{"kind":"head_missing","seq":2}', problemText: '另行保存的校验值不见了，无法确认这 2 条记录未被改动' })));
    const page = await openPage(STAFF_AUDIT, fake);
    const check = visibleText(page.querySelector('#check')!);
    expect(check).toContain('核验未通过');
    expect(check).toContain('另行保存的校验值不见了，无法确认这 2 条记录未被改动');
  });

  it('an empty chain says why (roles from the deployment file are not in it); a failed load offers 重试', async () => {
    const empty = await openPage(STAFF_AUDIT, withRoles(new FakeTransport(), DIRECTOR).reply('org', 'staffAudit', ok(chain({ entries: [] }))));
    expect(visibleText(empty)).toContain('还没有人员变动记录');
    const failed = await openPage(STAFF_AUDIT, withRoles(new FakeTransport(), DIRECTOR).reply('org', 'staffAudit', fail('network')));
    expect(visibleText(failed)).toContain('重试');
  });

  it("is reached from the director's staff page", async () => {
    const fake = withRoles(new FakeTransport(), DIRECTOR).reply('org', 'staff', ok({ orgId: 'liuan-committee', staff: [], invites: [] }));
    const page = await openPage('pkg-director/pages/staff/invite/index', fake);
    await tap(page, '#staff-audit');
    expect(currentWx().navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pkg-director/pages/staff/audit/index' }));
  });
});
