// The facts triage uses, sent through the real function bundles: every rule fires from what a filing or a window
// registration can say; the consent to share is an explicit choice; marriage, adoption and inheritance matters are
// signed on paper; staff raise the risk, or mark a personal relation, after intake.
import type { LocalRuntime } from '../../src/local/runtime';
import { call, demoRuntime, ok, rid } from '../helpers/runtime';
import { caseInMediation, caseWithDraft, DIRECTOR, MEDIATOR, RESIDENT } from '../helpers/case-at';
import { outboxNotices, auditEntries } from '../helpers/stored';

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await demoRuntime();
});
afterAll(() => rt.close());

const INTAKE = 'demo-intake'; // 东湖街道中心's window
const STREET = 'demo-street-director';

const dispute = {
  category: 'neighbourhood',
  summary: '楼上邻居深夜噪音，多次沟通无果。',
  communityId: 'liuan',
  respondents: [{ name: '楼上住户' }],
};
const filing = (over: Record<string, unknown> = {}) => ({
  ...dispute,
  applicant: { name: '周女士', mobile: '13811112222' },
  consent: { privacy: true, shareWithOtherOrgs: true },
  ...over,
});
/** The letter a police station or procuratorate sends with a case it refers (公调/检调对接). */
const letter = (body: string) => ({ referral: { body, reference: '移送2026-1号', referredOn: '2026-03-01', contact: { name: '经办民警', mobile: '13700001111' } } });
const visit = (over: Record<string, unknown> = {}) => ({
  source: 'walk_in',
  ...dispute,
  applicants: [{ name: '王大爷' }],
  visitorConsent: true,
  shareWithOtherOrgs: true,
  ...over,
});

const stored = (caseId: string) => (rt.db.dump('cases') as any[]).find((d) => d._id === caseId).case;
const reasonCodes = (caseId: string): string[] => stored(caseId).triage.reasons.map((r: { code: string }) => r.code);

async function filed(over: Record<string, unknown> = {}, openid = `facts-${Math.random().toString(36).slice(2, 8)}`) {
  return ok(call(rt, 'case', openid, 'file', filing(over), rid('file')));
}
async function registered(over: Record<string, unknown> = {}, staff = INTAKE) {
  return ok(call(rt, 'case', staff, 'register', visit(over), rid('reg')));
}
/** What the staff triage page shows: the suggested organisation, and the reasons' codes. */
async function suggestion(res: { caseId: string }) {
  const c = stored(res.caseId);
  return { org: c.triage.orgId as string, codes: reasonCodes(res.caseId), referTo: c.triage.referOut?.authority as string | undefined, urgent: c.urgent as boolean };
}

describe('every triage rule fires from what the forms send', () => {
  it.each<[string, () => Promise<{ caseId: string }>, { org: string; code: string; referTo?: string; urgent?: boolean }]>([
    ['ORDINARY: a neighbour dispute stays with the community committee', () => filed(), { org: 'liuan-committee', code: 'ORDINARY' }],
    ['CROSS_COMMUNITY: the other side lives in another community of the street', () => filed({ otherCommunityIds: ['wangjiang'] }), { org: 'donghu-centre', code: 'CROSS_COMMUNITY' }],
    ['CROSS_STREET: the other side lives in another street', () => filed({ otherCommunityIds: ['taoyuan'] }), { org: 'district-centre', code: 'CROSS_STREET' }],
    ['MANY_PEOPLE: five people involved', () => filed({ peopleInvolved: 5 }), { org: 'donghu-centre', code: 'MANY_PEOPLE' }],
    ['GROUP_DISPUTE: ten people involved', () => filed({ peopleInvolved: 10 }), { org: 'district-centre', code: 'GROUP_DISPUTE' }],
    ['LARGE_AMOUNT: 50,000 yuan', () => filed({ amountYuan: 50_000 }), { org: 'donghu-centre', code: 'LARGE_AMOUNT' }],
    ['DISTRICT_CATEGORY: 征地拆迁', () => filed({ category: 'land_requisition' }), { org: 'district-centre', code: 'DISTRICT_CATEGORY' }],
    ['DISTRICT_CATEGORY: 环境污染', () => filed({ category: 'environmental_pollution' }), { org: 'district-centre', code: 'DISTRICT_CATEGORY' }],
    ['SPECIALISED: a labour dispute goes to the labour committee', () => filed({ category: 'labour' }), { org: 'labour-committee', code: 'SPECIALISED' }],
    ['HIGH_RISK / URGENT: a resident says someone threatened violence', () => filed({ riskSignals: ['violence_threat'] }), { org: 'district-centre', code: 'HIGH_RISK', urgent: true }],
    ['REFER_ALREADY_HANDLED: a court has already taken it', () => filed({ alreadyHandledBy: 'court' }), { org: 'liuan-committee', code: 'REFER_ALREADY_HANDLED', referTo: 'court' }],
    ['MEDIUM_RISK: the window judges the risk medium', () => registered({ risk: 'medium' }), { org: 'donghu-centre', code: 'MEDIUM_RISK' }],
    ['HIGH_RISK: the window judges the risk high', () => registered({ risk: 'high' }), { org: 'district-centre', code: 'HIGH_RISK', urgent: true }],
    ['CROSS_DEPARTMENT: several departments are involved', () => registered({ crossDepartment: true }), { org: 'district-centre', code: 'CROSS_DEPARTMENT' }],
    ['ESCALATED: a community committee reports it upward at registration', () => registered({ escalatedByCommunity: true }, DIRECTOR), { org: 'donghu-centre', code: 'ESCALATED' }],
    ['REFER_CRIMINAL: another suspected crime goes to the police', () => registered({ criminal: 'suspected' }), { org: 'donghu-centre', code: 'REFER_CRIMINAL', referTo: 'police' }],
    ['REFER_CRIMINAL_NOT_REFERRED: a minor criminal case nobody referred', () => registered({ criminal: 'minor_referred' }), { org: 'donghu-centre', code: 'REFER_CRIMINAL_NOT_REFERRED', referTo: 'police' }],
    ['CRIMINAL_REFERRED: 公调对接, a minor case the police station sends', () => registered({ source: 'police', criminal: 'minor_referred', ...letter('柳岸派出所') }), { org: 'liuan-committee', code: 'CRIMINAL_REFERRED' }],
    ['CRIMINAL_REFERRED: 检调对接, a minor case the procuratorate sends', () => registered({ source: 'procuratorate', criminal: 'minor_referred', ...letter('清风区人民检察院') }), { org: 'liuan-committee', code: 'CRIMINAL_REFERRED' }],
    ['CRIMINAL_PRIVATE_PROSECUTION: 刑事自诉', () => registered({ criminal: 'private_prosecution' }), { org: 'liuan-committee', code: 'CRIMINAL_PRIVATE_PROSECUTION' }],
    ['CRIMINAL_INCIDENTAL_CIVIL: 刑事附带民事', () => registered({ criminal: 'incidental_civil' }), { org: 'liuan-committee', code: 'CRIMINAL_INCIDENTAL_CIVIL' }],
  ])('%s', async (_name, send, want) => {
    const res = await send();
    const s = await suggestion(res);
    expect(s.codes).toContain(want.code);
    expect(s.org).toBe(want.org);
    expect(s.referTo).toBe(want.referTo);
    expect(s.urgent).toBe(want.urgent ?? false);
  });

  it('the staff view shows the reason in words, and the case came in from the procuratorate', async () => {
    const res = await registered({ source: 'procuratorate', criminal: 'minor_referred', ...letter('清风区人民检察院') });
    const v = await ok(call(rt, 'case', INTAKE, 'get', { caseId: res.caseId }));
    expect(v.triage.reasons.join('')).toMatch(/检调对接/);
    expect(stored(res.caseId).source).toBe('procuratorate');
  });

  it('a street window cannot mark a registration as escalated by a community committee, and unknown communities are refused', async () => {
    expect(await call(rt, 'case', INTAKE, 'register', visit({ escalatedByCommunity: true }), rid())).toMatchObject({ ok: false, code: 'NOT_COMMUNITY_COMMITTEE' });
    expect(await call(rt, 'case', RESIDENT, 'file', filing({ escalatedByCommunity: true }), rid())).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(await call(rt, 'case', RESIDENT, 'file', filing({ otherCommunityIds: ['nowhere'] }), rid())).toMatchObject({
      ok: false,
      code: 'VALIDATION_FAILED',
      fields: { otherCommunityIds: expect.stringMatching(/对方所在/) },
    });
  });
});

describe('consent to share with other organisations (PIPL Art. 23) is an explicit choice', () => {
  it('a filing without the choice is refused, in Chinese, on that field', async () => {
    const r = await call(rt, 'case', RESIDENT, 'file', filing({ consent: { privacy: true } }), rid());
    expect(r).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', fields: { 'consent.shareWithOtherOrgs': '请选择是否同意必要时转交其他调解组织办理' } });
  });

  it('a window registration without the choice is refused too', async () => {
    const { shareWithOtherOrgs: _s, ...without } = visit();
    const r = await call(rt, 'case', INTAKE, 'register', without, rid());
    expect(r).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', fields: { shareWithOtherOrgs: '请选择是否同意必要时转交其他调解组织办理' } });
  });

  it('"no" is stored as no: the case cannot be transferred', async () => {
    const res = await filed({ consent: { privacy: true, shareWithOtherOrgs: false } });
    const t = await call(rt, 'case', DIRECTOR, 'transfer', { caseId: res.caseId, toOrgId: 'wangjiang-committee', reason: '对方住在望江社区', overrideReason: '对方在望江社区' }, rid());
    expect(t).toMatchObject({ ok: false, code: 'CONSENT_REQUIRED' });
  });
});

describe('Electronic Signature Law Art. 3: marriage, adoption and inheritance matters are signed on paper', () => {
  it('a family dispute the resident says involves marriage cannot be confirmed online; the scan of the signed paper is taken', async () => {
    const { caseId, hash, respondent } = await caseWithDraft(rt, 'resp-facts-family', { category: 'family', involvesPersonalRelations: true });
    const mine = await ok(call(rt, 'agreement', RESIDENT, 'get', { caseId }));
    expect(mine).toMatchObject({ paperOnly: true, myTurn: false });
    expect((await ok(call(rt, 'case', RESIDENT, 'get', { caseId }))).paperOnly).toBe(true);
    expect(await call(rt, 'agreement', RESIDENT, 'confirm', { caseId, hash }, rid())).toMatchObject({ ok: false, code: 'PAPER_SIGNATURE_REQUIRED' });
    expect(await call(rt, 'agreement', respondent, 'confirm', { caseId, hash }, rid())).toMatchObject({ ok: false, code: 'PAPER_SIGNATURE_REQUIRED' });
    const where = await ok(call(rt, 'agreement', MEDIATOR, 'scanPath', { caseId, partyId: 'p1' }, rid()));
    const up = await rt.storage.api().uploadFile({ cloudPath: where.cloudPath, fileContent: Buffer.from('signed scan') });
    await ok(call(rt, 'agreement', MEDIATOR, 'uploadScan', { caseId, partyId: 'p1', hash, fileId: up.fileID }, rid()));
  });

  it('the same family dispute without the flag is confirmed online', async () => {
    const { caseId } = await caseWithDraft(rt, 'resp-facts-family-plain', { category: 'family', involvesPersonalRelations: false });
    expect(await ok(call(rt, 'agreement', RESIDENT, 'get', { caseId }))).toMatchObject({ paperOnly: false, myTurn: true });
  });

  it('staff mark it when it comes out during mediation: the waiting draft becomes paper-only, an online confirmation no longer counts', async () => {
    const { caseId, hash } = await caseWithDraft(rt, 'resp-facts-mark', { category: 'support' });
    await ok(call(rt, 'agreement', RESIDENT, 'confirm', { caseId, hash }, rid()));
    expect(await call(rt, 'case', RESIDENT, 'markPersonalRelations', { caseId, reason: '我想改成线下签' }, rid())).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    await ok(call(rt, 'case', MEDIATOR, 'markPersonalRelations', { caseId, reason: '调解中查明涉及遗产继承' }, rid()));
    const a = await ok(call(rt, 'agreement', RESIDENT, 'get', { caseId }));
    expect(a).toMatchObject({ paperOnly: true, myTurn: false });
    expect(a.confirmations).toEqual([]);
    const v = await ok(call(rt, 'case', RESIDENT, 'get', { caseId }));
    expect(v.timeline.map((t: { label: string }) => t.label)).toContain('确认涉及婚姻、收养、继承关系，协议须线下签字');
    expect(await call(rt, 'case', MEDIATOR, 'markPersonalRelations', { caseId, reason: '再次标记' }, rid())).toMatchObject({ ok: false, code: 'ALREADY_PAPER_ONLY' });
  });

  it('an inheritance dispute filed in the app is paper-only from the start', async () => {
    const { caseId, hash } = await caseWithDraft(rt, 'resp-facts-inherit', { category: 'inheritance' });
    expect(await call(rt, 'agreement', RESIDENT, 'confirm', { caseId, hash }, rid())).toMatchObject({ ok: false, code: 'PAPER_SIGNATURE_REQUIRED' });
  });
});

describe("People's Mediation Law Art. 25 (防止纠纷激化): staff raise the risk after intake", () => {
  const alertsFor = (caseId: string) => outboxNotices(rt).filter((o) => o.caseId === caseId && o.phrase === '高风险预警');
  const auditOf = (caseId: string) => auditEntries(rt).filter((e) => e.caseId === caseId).map((e) => e.type);

  it('the mediator raises it to high: the case is urgent, the street centre is alerted as for an urgent filing, and it is audited', async () => {
    const { caseId } = await caseInMediation(rt, 'resp-facts-risk');
    expect(alertsFor(caseId)).toEqual([]);
    const r = await ok(call(rt, 'case', MEDIATOR, 'raiseRisk', { caseId, risk: 'high', riskSignals: ['violence_threat'], reason: '对方扬言要上门动手' }, rid()));
    expect(r).toMatchObject({ urgent: true, status: 'in_mediation' });
    expect(r.emergencyNumbers.map((n: { number: string }) => n.number)).toContain('110');
    expect(alertsFor(caseId).map((o) => o.touser)).toEqual(['org:donghu-centre']);
    expect(auditOf(caseId)).toEqual(expect.arrayContaining(['risk_raised', 'urgent_alert_raised']));
    const staffView = await ok(call(rt, 'case', DIRECTOR, 'get', { caseId }));
    expect(staffView.risk).toEqual({ level: 'high', signals: ['violence_threat'] });
    expect(staffView.timeline.find((t: { label: string }) => t.label === '提高风险等级')?.reason).toBe('对方扬言要上门动手');
    // Raised once: the same again is refused, and no second alert goes out.
    expect(await call(rt, 'case', DIRECTOR, 'raiseRisk', { caseId, risk: 'high', reason: '再次提醒' }, rid())).toMatchObject({ ok: false, code: 'RISK_NOT_RAISED' });
    expect(alertsFor(caseId)).toHaveLength(1);
  });

  it('medium risk on a registered case moves the suggestion to the street, without an alert', async () => {
    const res = await filed();
    await ok(call(rt, 'case', DIRECTOR, 'raiseRisk', { caseId: res.caseId, risk: 'medium', reason: '双方争吵升级' }, rid()));
    const v = await ok(call(rt, 'case', DIRECTOR, 'get', { caseId: res.caseId }));
    expect(v.triage.suggestedOrgId).toBe('donghu-centre');
    expect(alertsFor(res.caseId)).toEqual([]);
  });

  it('parties, other organisations and a level with nothing chosen are refused', async () => {
    const res = await filed({}, 'facts-risk-owner');
    expect(await call(rt, 'case', 'facts-risk-owner', 'raiseRisk', { caseId: res.caseId, risk: 'high', reason: '我很害怕' }, rid())).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call(rt, 'case', 'demo-labour-director', 'raiseRisk', { caseId: res.caseId, risk: 'high', reason: '风险很高' }, rid())).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    // The street's director sees the case from above but does not hold it.
    expect(await call(rt, 'case', STREET, 'raiseRisk', { caseId: res.caseId, risk: 'high', reason: '风险很高' }, rid())).toMatchObject({ ok: false, code: 'NOT_RESPONSIBLE_ORG' });
    expect(await call(rt, 'case', DIRECTOR, 'raiseRisk', { caseId: res.caseId, reason: '风险很高' }, rid())).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', fields: { risk: '请选择风险等级或具体情形' } });
  });
});
