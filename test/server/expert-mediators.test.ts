// Invited expert mediators (特邀调解员, seed 001: lawyers, retired judges, specialists) through the built functions:
// the district centre keeps the pool with sealed phone numbers, invites each expert's WeChat account, and a
// director working a case adds one as co-mediator; the expert sees that case and no other, and recusal (回避)
// takes them off it for good.
import type { LocalRuntime } from '../../src/local/runtime';
import { call, demoRuntime, ok, rid } from '../helpers/runtime';
import { caseInMediation, DIRECTOR, MEDIATOR, RESIDENT } from '../helpers/case-at';
import { outboxNotices } from '../helpers/stored';

const DISTRICT = 'demo-district-director';
const STREET_DIRECTOR = 'demo-street-director';
const SUPERVISOR = 'demo-supervisor';
const EXPERT = 'exp-lawyer-openid';
const PHONE = '13955556666';

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await demoRuntime();
}, 60_000);
afterAll(() => rt.close());

const outboxFor = (caseId: string) => outboxNotices(rt).filter((o: any) => o.caseId === caseId);

async function expertInPool(openid: string | null, name = '周律师', field = '法律'): Promise<string> {
  const saved = await ok(call(rt, 'org', DISTRICT, 'saveExpert', { name, field, affiliation: '明德律师事务所', mobile: PHONE }, rid()));
  if (openid) {
    const inv = await ok(call(rt, 'org', DISTRICT, 'inviteStaff', { orgId: 'district-centre', role: 'expert', note: name, expertId: saved.expertId }, rid()));
    const joined = await ok(call(rt, 'org', openid, 'joinStaff', { code: inv.code, name }, rid()));
    expect(joined).toMatchObject({ role: 'expert', roleLabel: '特邀调解专家', orgId: 'district-centre' });
  }
  return saved.expertId;
}

describe('the expert pool (专家库)', () => {
  it('the district centre adds an expert; the phone number is sealed at rest and answered masked', async () => {
    const expertId = await expertInPool(null, '钱工', '建筑工程');
    const stored = rt.db.dump('experts').find((d: any) => d._id === expertId);
    expect(JSON.stringify(stored)).not.toContain(PHONE);
    const list = await ok(call(rt, 'org', DISTRICT, 'experts', {}));
    expect(list).toMatchObject({ orgId: 'district-centre', mayEdit: true });
    const entry = list.items.find((e: any) => e.expertId === expertId);
    expect(entry).toEqual({ expertId, name: '钱工', field: '建筑工程', affiliation: '明德律师事务所', mobileMasked: '139****6666', active: true, joined: false });
    expect(JSON.stringify(list)).not.toContain(PHONE);
  });

  it('two accounts racing with one expert code: exactly one becomes that expert', async () => {
    const saved = await ok(call(rt, 'org', DISTRICT, 'saveExpert', { name: '吴律师', field: '法律', affiliation: '明德律师事务所', mobile: PHONE }, rid()));
    const inv = await ok(call(rt, 'org', DISTRICT, 'inviteStaff', { orgId: 'district-centre', role: 'expert', note: '吴律师', expertId: saved.expertId }, rid()));
    const racers = ['exp-race-a', 'exp-race-b', 'exp-race-c'];
    const results = await Promise.all(racers.map((who) => call(rt, 'org', who, 'joinStaff', { code: inv.code, name: '吴律师' }, rid())));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r: any) => !r.ok).map((r: any) => r.code)).toEqual(['INVITE_USED', 'INVITE_USED']);
    const winner = racers[results.findIndex((r) => r.ok)];
    // The winner's account names the pool entry; no other account does.
    expect((rt.db.dump('users') as any[]).filter((u) => u.expertOf === saved.expertId).map((u) => u._id)).toEqual([winner]);
    expect((await ok(call(rt, 'org', DISTRICT, 'experts', {}))).items.find((e: any) => e.expertId === saved.expertId).joined).toBe(true);
    const experts = (rt.db.dump('users') as any[]).filter((u) => racers.includes(u._id) && (u.roles ?? []).some((g: any) => g.role === 'expert'));
    expect(experts.map((u) => u._id)).toEqual([winner]);
    expect((await ok(call(rt, 'org', DISTRICT, 'staffAudit', { orgId: 'district-centre' }))).verified).toBe(true);
  });

  it('other directors and supervisors read it (masked) but cannot edit it; residents and mediators do not see it', async () => {
    await expertInPool(null);
    for (const who of [DIRECTOR, STREET_DIRECTOR, SUPERVISOR]) {
      const list = await ok(call(rt, 'org', who, 'experts', {}));
      expect(list.mayEdit).toBe(false);
      expect(JSON.stringify(list)).not.toContain(PHONE);
    }
    for (const who of [RESIDENT, MEDIATOR]) expect(await call(rt, 'org', who, 'experts', {})).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call(rt, 'org', DIRECTOR, 'saveExpert', { name: '王医生', field: '医疗', affiliation: '区人民医院', mobile: PHONE }, rid())).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    // Only the district centre's directors invite experts, and only there.
    expect(await call(rt, 'org', STREET_DIRECTOR, 'inviteStaff', { orgId: 'donghu-centre', role: 'expert', note: '王医生' }, rid())).toMatchObject({ ok: false, code: 'EXPERT_ROLE_AT_TOP_ONLY' });
  });

  it('edits and deactivation keep the sealed number; the full number only through an audited read', async () => {
    const expertId = await expertInPool(null, '孙法官', '法律');
    const chainBefore = (await ok(call(rt, 'org', DISTRICT, 'staffAudit', { orgId: 'district-centre' }))).entries.length;
    const editId = rid();
    const edit = { expertId, name: '孙法官', field: '法律', affiliation: '区法院（退休）', active: false };
    const edited = await ok(call(rt, 'org', DISTRICT, 'saveExpert', edit, editId));
    expect(edited).toMatchObject({ affiliation: '区法院（退休）', active: false, mobileMasked: '139****6666' });
    // A replay answers the entry again and changes nothing twice; the same request id with another edit is refused.
    expect(await ok(call(rt, 'org', DISTRICT, 'saveExpert', edit, editId))).toEqual(edited);
    expect(await call(rt, 'org', DISTRICT, 'saveExpert', { ...edit, affiliation: '另一家单位' }, editId)).toMatchObject({ ok: false, code: 'REQUEST_ID_REUSED' });
    expect((await ok(call(rt, 'org', DISTRICT, 'staffAudit', { orgId: 'district-centre' }))).entries.length).toBe(chainBefore + 1);
    expect((await ok(call(rt, 'org', DISTRICT, 'experts', {}))).items.some((e: any) => e.expertId === expertId)).toBe(false);
    expect((await ok(call(rt, 'org', DISTRICT, 'experts', { includeInactive: true }))).items.some((e: any) => e.expertId === expertId)).toBe(true);

    expect(await call(rt, 'org', DIRECTOR, 'revealExpertPhone', { expertId }, rid())).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const before = (await ok(call(rt, 'org', DISTRICT, 'staffAudit', { orgId: 'district-centre' }))).entries.length;
    const r = rid();
    expect(await ok(call(rt, 'org', DISTRICT, 'revealExpertPhone', { expertId }, r))).toEqual({ expertId, mobile: PHONE });
    // A replay answers again without a second entry.
    expect(await ok(call(rt, 'org', DISTRICT, 'revealExpertPhone', { expertId }, r))).toEqual({ expertId, mobile: PHONE });
    const chain = await ok(call(rt, 'org', DISTRICT, 'staffAudit', { orgId: 'district-centre' }));
    expect(chain.verified).toBe(true);
    expect(chain.entries.length).toBe(before + 1);
    expect(chain.entries[chain.entries.length - 1]).toMatchObject({ type: 'expert_contact_revealed', subject: expertId, actor: DISTRICT });
    // The entries name the expert from the pool's entry (no account holds it), and who read or changed it.
    const about = chain.entries.filter((e: any) => e.subject === expertId).map((e: any) => [e.type, e.subjectName, e.typicalTitle]);
    expect(about).toEqual([
      ['expert_saved', '孙法官', undefined],
      ['expert_saved', '孙法官', undefined],
      ['expert_contact_revealed', '孙法官', undefined],
    ]);
    expect(chain.entries.filter((e: any) => e.subject === expertId).every((e: any) => typeof e.actorName === 'string' && e.actorName.length > 0)).toBe(true);
    const counted = await rt.invoke<any>('org', { action: 'staffAudit', data: { orgId: 'district-centre' } }, { openid: DISTRICT });
    expect(counted.dbRequests).toBeLessThanOrEqual(2);
  });
});

describe('an expert on a case', () => {
  it('the case director adds the expert: audited, notified, in their inbox, that case only; then the expert withdraws', async () => {
    const expertId = await expertInPool(EXPERT);
    const { caseId } = await caseInMediation(rt, 'exp-respondent-1');
    const other = await caseInMediation(rt, 'exp-respondent-2');

    // Not yet on it: the expert is a stranger to the case.
    expect(await call(rt, 'case', EXPERT, 'get', { caseId })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    // A director of another organisation cannot add, nor can the mediator.
    expect(await call(rt, 'case', 'demo-labour-director', 'addExpert', { caseId, expertId, reason: '需要法律意见' }, rid())).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await call(rt, 'case', STREET_DIRECTOR, 'addExpert', { caseId, expertId, reason: '需要法律意见' }, rid())).toMatchObject({ ok: false, code: 'NOT_RESPONSIBLE_ORG' });
    expect(await call(rt, 'case', MEDIATOR, 'addExpert', { caseId, expertId, reason: '需要法律意见' }, rid())).toMatchObject({ ok: false, code: 'FORBIDDEN' });

    // The reason is shown on the case's timeline: it goes through the content check like any text others read.
    rt.openapi.secQueue.push('risky');
    expect(await call(rt, 'case', DIRECTOR, 'addExpert', { caseId, expertId, reason: '涉及相邻权法律问题，请律师参与' }, rid())).toMatchObject({ ok: false, code: 'CONTENT_REFUSED' });
    await ok(call(rt, 'case', DIRECTOR, 'addExpert', { caseId, expertId, reason: '涉及相邻权法律问题，请律师参与' }, rid()));
    const notice = outboxFor(caseId).find((o: any) => o.touser === EXPERT);
    expect(notice).toMatchObject({ template: 'case_assigned', phrase: '特邀参与' });

    const inbox = await ok(call(rt, 'case', EXPERT, 'assigned', {}));
    expect(inbox.items.map((i: any) => i.caseId)).toEqual([caseId]);
    expect(inbox.items[0]).toMatchObject({ asExpert: true, status: 'in_mediation' });
    const view = await ok(call(rt, 'case', EXPERT, 'get', { caseId }));
    expect(view.relation).toBe('staff');
    expect(view.experts).toEqual([{ expertId, name: '周律师', field: '法律', affiliation: '明德律师事务所', isMe: true }]);
    expect(await call(rt, 'case', EXPERT, 'get', { caseId: other.caseId })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    // Staff of the case, but not of the organisation: no staff steps.
    expect(await call(rt, 'case', EXPERT, 'assignMediator', { caseId, mediatorId: EXPERT }, rid())).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    // Parties see who the expert is (to object if they must).
    expect((await ok(call(rt, 'case', RESIDENT, 'get', { caseId }))).experts).toEqual([{ expertId, name: '周律师', field: '法律', affiliation: '明德律师事务所', isMe: false }]);

    // The audit chain names the step with its reason and verifies.
    const audit = await ok(call(rt, 'case', DIRECTOR, 'audit', { caseId }));
    expect(audit.verified).toBe(true);
    expect(JSON.stringify(audit)).toContain('expert_added');

    expect(await call(rt, 'case', DIRECTOR, 'addExpert', { caseId, expertId, reason: '再次邀请' }, rid())).toMatchObject({ ok: false, code: 'EXPERT_ALREADY_ADDED' });
    await ok(call(rt, 'case', EXPERT, 'recuseExpert', { caseId, expertId, reason: '与被申请人系同事，申请回避' }, rid()));
    expect(await call(rt, 'case', EXPERT, 'get', { caseId })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect((await ok(call(rt, 'case', EXPERT, 'assigned', {}))).items).toEqual([]);
    expect(await call(rt, 'case', DIRECTOR, 'addExpert', { caseId, expertId, reason: '再次邀请' }, rid())).toMatchObject({ ok: false, code: 'EXPERT_RECUSED' });
    expect((await ok(call(rt, 'case', DIRECTOR, 'audit', { caseId }))).verified).toBe(true);
  });

  it('a party objects to the expert (回避); the director removes another; an inactive expert cannot be added', async () => {
    const lawyer = await expertInPool('exp-lawyer-2', '吴律师');
    const doctor = await expertInPool('exp-doctor', '郑医生', '医疗');
    const { caseId, respondent } = await caseInMediation(rt, 'exp-respondent-3');
    await ok(call(rt, 'case', DIRECTOR, 'addExpert', { caseId, expertId: lawyer, reason: '请律师解答法律问题' }, rid()));
    await ok(call(rt, 'case', DIRECTOR, 'addExpert', { caseId, expertId: doctor, reason: '请医生说明伤情' }, rid()));
    await ok(call(rt, 'case', respondent, 'recuseExpert', { caseId, expertId: lawyer, reason: '该律师曾代理对方的案件' }, rid()));
    expect(await call(rt, 'case', 'exp-lawyer-2', 'get', { caseId })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    // The expert is told they are off the case (and not who objected or why).
    const told = outboxFor(caseId).filter((o: any) => o.touser === 'exp-lawyer-2' && o.template === 'case_progress');
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ phrase: '已回避' });
    expect(told[0].message).not.toContain('代理');
    const list = await ok(call(rt, 'org', DIRECTOR, 'experts', { caseId }));
    expect(list.items.find((e: any) => e.expertId === lawyer)).toMatchObject({ recused: true, onCase: false });
    expect(list.items.find((e: any) => e.expertId === doctor)).toMatchObject({ recused: false, onCase: true });
    // Who is on the case or recused from it is for the director who may add experts to it (case.addExpert), answered
    // to no one else: as the case's steps answer them — NOT_FOUND to those who cannot see the case, FORBIDDEN to those
    // who read it without working it (a supervisor of the area), NOT_RESPONSIBLE_ORG to a director above it.
    expect(await call(rt, 'org', SUPERVISOR, 'experts', { caseId })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call(rt, 'org', 'demo-labour-director', 'experts', { caseId })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await call(rt, 'org', STREET_DIRECTOR, 'experts', { caseId })).toMatchObject({ ok: false, code: 'NOT_RESPONSIBLE_ORG' });
    expect(await call(rt, 'org', DIRECTOR, 'experts', { caseId: 'c00000000000000000000' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    // Without a case, the pool as before, with no case's flags.
    const pool = await ok(call(rt, 'org', SUPERVISOR, 'experts', { includeInactive: true }));
    expect(pool.items.every((e: any) => !('onCase' in e) && !('recused' in e))).toBe(true);

    expect(await call(rt, 'case', DIRECTOR, 'removeExpert', { caseId, expertId: doctor, reason: 'x' }, rid())).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    await ok(call(rt, 'case', DIRECTOR, 'removeExpert', { caseId, expertId: doctor, reason: '已出具伤情说明' }, rid()));
    expect((await ok(call(rt, 'case', 'exp-doctor', 'assigned', {}))).items).toEqual([]);

    await ok(call(rt, 'org', DISTRICT, 'saveExpert', { expertId: doctor, name: '郑医生', field: '医疗', affiliation: '明德律师事务所', active: false }, rid()));
    expect(await call(rt, 'case', DIRECTOR, 'addExpert', { caseId, expertId: doctor, reason: '请医生再次说明' }, rid())).toMatchObject({ ok: false, code: 'EXPERT_NOT_AVAILABLE' });
  });

  it('an entry linked before the link moved onto the account (the account on the entry) reads and works as joined', async () => {
    const expertId = await expertInPool(null, '褚律师', '法律');
    // As org.joinStaff left it then: the role on the account, the account on the entry, nothing on the account.
    rt.db.seed('users', [{ _id: 'exp-before', name: '褚律师', roles: [{ role: 'expert', orgId: 'district-centre' }] }]);
    const entry = (rt.db.dump('experts') as any[]).find((d) => d._id === expertId);
    rt.db.seed('experts', [{ ...entry, userId: 'exp-before' }], { replace: true });
    expect((await ok(call(rt, 'org', DISTRICT, 'experts', {}))).items.find((e: any) => e.expertId === expertId).joined).toBe(true);
    expect(await call(rt, 'org', DISTRICT, 'inviteStaff', { orgId: 'district-centre', role: 'expert', note: '褚律师', expertId }, rid())).toMatchObject({ ok: false, code: 'EXPERT_ALREADY_JOINED' });
    const { caseId } = await caseInMediation(rt, 'exp-respondent-5');
    await ok(call(rt, 'case', DIRECTOR, 'addExpert', { caseId, expertId, reason: '请律师解答法律问题' }, rid()));
    expect((await ok(call(rt, 'case', DIRECTOR, 'get', { caseId }))).experts).toEqual([expect.objectContaining({ expertId, name: '褚律师' })]);
    expect((await ok(call(rt, 'case', 'exp-before', 'get', { caseId }))).experts).toEqual([expect.objectContaining({ expertId, isMe: true })]);
    // An edit answers the entry as joined, and keeps the link.
    const edited = await ok(call(rt, 'org', DISTRICT, 'saveExpert', { expertId, name: '褚律师', field: '法律', affiliation: '区律师协会', active: true }, rid()));
    expect(edited).toMatchObject({ affiliation: '区律师协会', joined: true });
  });

  it('an edit of an entry whose account joined answers it joined; the case shows the expert by their entry', async () => {
    const expertId = await expertInPool('exp-joined-edit', '卫工', '建筑工程');
    const edited = await ok(call(rt, 'org', DISTRICT, 'saveExpert', { expertId, name: '卫工', field: '建筑工程', affiliation: '区住建局（退休）', active: true }, rid()));
    expect(edited).toMatchObject({ affiliation: '区住建局（退休）', joined: true });
    const fresh = await ok(call(rt, 'org', DISTRICT, 'saveExpert', { name: '蒋老师', field: '心理', affiliation: '区心理咨询中心', mobile: PHONE }, rid()));
    expect(fresh.joined).toBe(false);
    const { caseId } = await caseInMediation(rt, 'exp-respondent-6');
    await ok(call(rt, 'case', DIRECTOR, 'addExpert', { caseId, expertId, reason: '请工程师查看漏水原因' }, rid()));
    expect((await ok(call(rt, 'case', DIRECTOR, 'get', { caseId }))).experts).toEqual([{ expertId, name: '卫工', field: '建筑工程', affiliation: '区住建局（退休）', isMe: false }]);
  });

  it('an expert not yet joined by WeChat cannot be added; the invitation is for a pool entry once', async () => {
    const expertId = await expertInPool(null, '冯老师', '心理');
    const { caseId } = await caseInMediation(rt, 'exp-respondent-4');
    expect(await call(rt, 'case', DIRECTOR, 'addExpert', { caseId, expertId, reason: '请心理咨询师疏导情绪' }, rid())).toMatchObject({ ok: false, code: 'EXPERT_NOT_AVAILABLE' });
    const inv = await ok(call(rt, 'org', DISTRICT, 'inviteStaff', { orgId: 'district-centre', role: 'expert', note: '冯老师', expertId }, rid()));
    await ok(call(rt, 'org', 'exp-counsellor', 'joinStaff', { code: inv.code, name: '冯老师' }, rid()));
    expect((await ok(call(rt, 'org', DISTRICT, 'experts', {}))).items.find((e: any) => e.expertId === expertId).joined).toBe(true);
    expect(await call(rt, 'org', DISTRICT, 'inviteStaff', { orgId: 'district-centre', role: 'expert', note: '冯老师', expertId }, rid())).toMatchObject({ ok: false, code: 'EXPERT_ALREADY_JOINED' });
    await ok(call(rt, 'case', DIRECTOR, 'addExpert', { caseId, expertId, reason: '请心理咨询师疏导情绪' }, rid()));
    // An expert at the district centre is not staff of the district centre's own cases.
    const atDistrict = await ok(call(rt, 'case', RESIDENT, 'file', {
      category: 'neighbourhood', summary: '楼上噪音扰民，多次沟通无果，影响休息。', communityId: 'liuan', orgId: 'district-centre',
      applicant: { name: '张阿姨', mobile: '13812345678' }, respondents: [{ name: '李先生' }], consent: { privacy: true, shareWithOtherOrgs: false },
    }, rid()));
    expect(await call(rt, 'case', 'exp-counsellor', 'get', { caseId: atDistrict.caseId })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });
});
