// Parties without WeChat (an elderly neighbour, a company answering at the window): staff of the responsible
// organisation record what the party said and how (in person, by phone, on paper); a joint application needs no
// invitation at all. Through the built functions; the audit chain names who recorded it and still verifies.
import { demoRuntime, call, rid, ok } from '../helpers/runtime';
import { DIRECTOR, MEDIATOR } from '../helpers/case-at';
import type { LocalRuntime } from '../../src/local/runtime';
import { auditEntries } from '../helpers/stored';

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await demoRuntime();
});
afterAll(() => rt.close());

async function registered(over: Record<string, unknown> = {}) {
  const res = await ok(call(rt, 'case', DIRECTOR, 'register', {
    source: 'walk_in',
    category: 'neighbourhood',
    summary: '楼上住户长期在楼道堆放杂物，影响老人通行。',
    communityId: 'liuan',
    applicants: [{ name: '赵大爷' }],
    respondents: [{ name: '钱奶奶' }],
    visitorConsent: true,
    shareWithOtherOrgs: false,
    ...over,
  }, rid()));
  const caseId = res.caseId as string;
  await ok(call(rt, 'case', DIRECTOR, 'accept', { caseId }, rid()));
  await ok(call(rt, 'case', DIRECTOR, 'assignMediator', { caseId, mediatorId: MEDIATOR }, rid()));
  return caseId;
}

const auditOf = (caseId: string) => ok(call(rt, 'case', DIRECTOR, 'audit', { caseId }));

describe('staff record for a party without WeChat', () => {
  it("the respondent's consent given by phone: recorded by the mediator, who and how in the audit chain", async () => {
    const caseId = await registered();
    await ok(call(rt, 'case', MEDIATOR, 'invite', { caseId }, rid()));
    // Someone outside the case, or a resident, cannot record anything.
    expect(await call(rt, 'case', 'demo-resident', 'recordForParty', { caseId, partyId: 'p2', act: 'reply', reply: 'agree', how: 'phone' }, rid())).toMatchObject({ ok: false });
    // The applicant cannot be recorded as agreeing to mediate: only a respondent answers the invitation.
    expect(await call(rt, 'case', MEDIATOR, 'recordForParty', { caseId, partyId: 'p1', act: 'reply', reply: 'agree', how: 'phone' }, rid())).toMatchObject({ ok: false, code: 'NOT_A_RESPONDENT' });
    // Without saying how the party gave it, nothing is recorded.
    expect(await call(rt, 'case', MEDIATOR, 'recordForParty', { caseId, partyId: 'p2', act: 'reply', reply: 'agree' }, rid())).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });

    const agreed = await ok(call(rt, 'case', MEDIATOR, 'recordForParty', { caseId, partyId: 'p2', act: 'reply', reply: 'agree', how: 'phone', reason: '电话中表示愿意调解' }, rid()));
    expect(agreed.status).toBe('in_mediation');
    const view = await ok(call(rt, 'case', DIRECTOR, 'get', { caseId }));
    expect(view.timeline.map((t: any) => t.label)).toEqual(expect.arrayContaining(['对方当事人已答复', '工作人员代为记录了当事人的意见']));
    const audit = await auditOf(caseId);
    expect(audit.verified).toBe(true);
    const entry = audit.entries.find((e: any) => e.type === 'recorded_for_party');
    expect(entry).toMatchObject({ actor: MEDIATOR });
    // The entry's data (partyId, act, how) is bound into the chain by its digest; the stored entry keeps no text.
    const stored = auditEntries(rt).find((e: any) => e.caseId === caseId && e.type === 'recorded_for_party') as any;
    expect(stored.dataDigest).toBeTruthy();
  });

  it('a refusal given on paper closes the case (Art. 17); a party who uses WeChat answers for themself', async () => {
    const caseId = await registered();
    const inv = await ok(call(rt, 'case', MEDIATOR, 'invite', { caseId }, rid()));
    await ok(call(rt, 'case', 'qian-grandson', 'join', { code: inv.invite.code }, rid()));
    expect(await call(rt, 'case', MEDIATOR, 'recordForParty', { caseId, partyId: 'p2', act: 'reply', reply: 'refuse', how: 'paper' }, rid())).toMatchObject({ ok: false, code: 'PARTY_USES_WECHAT' });

    const other = await registered({ respondents: [{ name: '孙先生' }] });
    await ok(call(rt, 'case', MEDIATOR, 'invite', { caseId: other }, rid()));
    const refused = await ok(call(rt, 'case', MEDIATOR, 'recordForParty', { caseId: other, partyId: 'p2', act: 'reply', reply: 'refuse', how: 'paper', reason: '书面回复不同意调解' }, rid()));
    expect(refused.status).toBe('closed');
    expect((await ok(call(rt, 'case', DIRECTOR, 'get', { caseId: other }))).outcomeLabel).toBe('被申请人不同意调解');
  });

  it("an applicant's withdrawal made in person at the window closes the case as withdrawn", async () => {
    const caseId = await registered();
    const closed = await ok(call(rt, 'case', DIRECTOR, 'recordForParty', { caseId, partyId: 'p1', act: 'withdraw', how: 'in_person', reason: '已与邻居和好' }, rid()));
    expect(closed.status).toBe('closed');
    expect((await ok(call(rt, 'case', DIRECTOR, 'get', { caseId }))).outcomeLabel).toBe('申请人撤回');
    expect((await auditOf(caseId)).verified).toBe(true);
  });
});

describe('a joint application (共同申请)', () => {
  it('both sides at the window: no invitation to answer, a session can be booked straight after acceptance', async () => {
    const caseId = await registered({ jointApplication: true });
    // An invitation only lets the respondent follow in WeChat; it asks nothing.
    const inv = await ok(call(rt, 'case', MEDIATOR, 'invite', { caseId }, rid()));
    expect(inv.status).toBe('accepted');
    const slots = await ok(call(rt, 'booking', MEDIATOR, 'slots', { caseId, mode: 'online' }));
    const first = slots.slots[0];
    const booked = await call(rt, 'booking', MEDIATOR, 'book', { caseId, startAt: first.startAt, mode: 'online' }, rid());
    expect(booked).toMatchObject({ ok: true });
  });
});

describe('a printed invitation for a party without WeChat', () => {
  it('staff turn the code they hold into a mini-program code (小程序码) that opens the invitation page with the code as its scene', async () => {
    const caseId = await registered({ respondents: [{ name: '周奶奶' }] });
    const inv = await ok(call(rt, 'case', MEDIATOR, 'invite', { caseId }, rid()));
    const qr = await ok(call(rt, 'case', MEDIATOR, 'inviteQr', { caseId, code: inv.invite.code }));
    const png = Buffer.from(qr.image, 'base64');
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(qr.expiresAt).toBe(inv.invite.expiresAt);
    // What WeChat was asked for: the code as the scene (within its 32 characters), the invitation page.
    expect(rt.openapi.codes.at(-1)).toMatchObject({ scene: inv.invite.code, page: 'pkg-respondent/pages/invite/respond/index' });
    // Only with a live code of this very case.
    const other = await registered({ respondents: [{ name: '吴爷爷' }] });
    expect(await call(rt, 'case', MEDIATOR, 'inviteQr', { caseId: other, code: inv.invite.code })).toMatchObject({ ok: false, code: 'INVITE_INVALID' });
    expect(await call(rt, 'case', MEDIATOR, 'inviteQr', { caseId, code: 'A'.repeat(26) })).toMatchObject({ ok: false, code: 'INVITE_INVALID' });
  });
});

describe('an extension consented by a party without WeChat', () => {
  it("the mediator records the respondent's consent given by phone; with every party's consent the limit is extended", async () => {
    const caseId = await registered({ respondents: [{ name: '郑奶奶' }] });
    await ok(call(rt, 'case', MEDIATOR, 'invite', { caseId }, rid()));
    await ok(call(rt, 'case', MEDIATOR, 'recordForParty', { caseId, partyId: 'p2', act: 'reply', reply: 'agree', how: 'in_person' }, rid()));
    // The applicant (at the window too) agreed in person when the mediator asked; the respondent is asked later.
    const asked = await ok(call(rt, 'case', MEDIATOR, 'requestExtension', { caseId, reason: '需要等待房屋鉴定结果', agreedInPerson: ['p1'] }, rid()));
    expect(asked.extension).toEqual({ status: 'waiting', waitingFor: ['p2'] });
    const done = await ok(call(rt, 'case', MEDIATOR, 'recordForParty', { caseId, partyId: 'p2', act: 'consentExtension', agree: true, how: 'phone' }, rid()));
    expect(done.extension).toMatchObject({ status: 'extended' });
    const view = await ok(call(rt, 'case', DIRECTOR, 'get', { caseId }));
    expect(view.mediationLimit).toMatchObject({ extended: true });
    expect((await auditOf(caseId)).verified).toBe(true);
  });
});

describe('a recusal request (回避) made by a party without WeChat', () => {
  /** Filed in WeChat by `applicant` (p1); the respondent (p2) never joined: their consent was taken by phone. */
  async function mediating(applicant: string) {
    const filed = await ok(call(rt, 'case', applicant, 'file', {
      category: 'neighbourhood',
      summary: '楼上卫生间漏水，导致我家吊顶受损，多次协商未果。',
      communityId: 'liuan',
      applicant: { name: '张阿姨', mobile: '13812345678' },
      respondents: [{ name: '吴奶奶' }],
      consent: { privacy: true, shareWithOtherOrgs: false },
    }, rid()));
    const caseId = filed.caseId as string;
    await ok(call(rt, 'case', DIRECTOR, 'accept', { caseId }, rid()));
    await ok(call(rt, 'case', DIRECTOR, 'assignMediator', { caseId, mediatorId: MEDIATOR }, rid()));
    await ok(call(rt, 'case', MEDIATOR, 'invite', { caseId }, rid()));
    await ok(call(rt, 'case', MEDIATOR, 'recordForParty', { caseId, partyId: 'p2', act: 'reply', reply: 'agree', how: 'phone' }, rid()));
    return caseId;
  }
  const stored = (caseId: string) => (rt.db.dump('cases') as any[]).find((d) => d._id === caseId).case;
  /** What a recusal changes, as the director and the domain see it. */
  async function effect(caseId: string) {
    const c = stored(caseId);
    const view = await ok(call(rt, 'case', DIRECTOR, 'get', { caseId }));
    const staff = await ok(call(rt, 'org', DIRECTOR, 'staff', { orgId: 'liuan-committee', caseId }));
    return {
      status: c.status,
      mediatorId: c.mediatorId,
      recusedMediatorIds: c.recusedMediatorIds,
      waitsForMediator: typeof c.mediatorDueAt === 'string',
      next: view.next?.label,
      timeline: view.timeline.map((t: any) => t.label).filter((l: string) => l === '调解员回避'),
      recusedInStaffList: staff.staff.find((s: any) => s.openid === MEDIATOR).recused,
    };
  }

  it("recorded by the director, it has the party's own request's effect; who recorded it and how are in the chain", async () => {
    const own = await mediating('rec-own-applicant');
    await ok(call(rt, 'case', 'rec-own-applicant', 'recuse', { caseId: own, reason: '调解员与对方是亲戚' }, rid()));

    const caseId = await mediating('rec-offline-applicant');
    const recorded = await ok(call(rt, 'case', DIRECTOR, 'recordRecusal', { caseId, partyId: 'p2', how: 'in_person', reason: '调解员与申请人是亲戚' }, rid()));
    expect(recorded.status).toBe('in_mediation');
    expect(await effect(caseId)).toEqual(await effect(own));
    expect(await effect(caseId)).toMatchObject({ mediatorId: undefined, recusedMediatorIds: [MEDIATOR], waitsForMediator: true, recusedInStaffList: true });
    // The director must name another: the mediator objected to is refused for good.
    expect(await call(rt, 'case', DIRECTOR, 'assignMediator', { caseId, mediatorId: MEDIATOR, reason: '重新指派' }, rid())).toMatchObject({ ok: false, code: 'MEDIATOR_RECUSED' });

    const audit = await auditOf(caseId);
    expect(audit.verified).toBe(true);
    expect(audit.entries.find((e: any) => e.type === 'mediator_recused')).toMatchObject({ actor: DIRECTOR });
    // The last entry beside the domain's: the mediator's own earlier one recorded the respondent's consent.
    expect(audit.entries.filter((e: any) => e.type === 'recorded_for_party').at(-1)).toMatchObject({ actor: DIRECTOR });
    // How the party asked is bound into the chain with who recorded it (the stored entry keeps a digest, no text).
    const beside = auditEntries(rt).filter((e: any) => e.caseId === caseId && e.type === 'recorded_for_party').at(-1) as any;
    expect(beside.dataDigest).toBeTruthy();
  });

  it('refused for a party not of the case, a party in WeChat, the mediator objected to, and anyone not the case’s director', async () => {
    const caseId = await mediating('rec-refusals-applicant');
    const input = { caseId, partyId: 'p2', how: 'phone', reason: '调解员与申请人是亲戚' };
    const before = JSON.stringify(stored(caseId));
    expect(await call(rt, 'case', DIRECTOR, 'recordRecusal', { ...input, partyId: 'p9' }, rid())).toMatchObject({ ok: false, code: 'PARTY_NOT_FOUND' });
    // The applicant is in WeChat: they ask for it themself.
    expect(await call(rt, 'case', DIRECTOR, 'recordRecusal', { ...input, partyId: 'p1' }, rid())).toMatchObject({ ok: false, code: 'PARTY_USES_WECHAT' });
    // The mediator the party objects to passes it on to the director.
    expect(await call(rt, 'case', MEDIATOR, 'recordRecusal', input, rid())).toMatchObject({ ok: false, code: 'OWN_RECUSAL' });
    // Not staff: the applicant of the case, a resident outside it, the director of the street centre above.
    expect(await call(rt, 'case', 'rec-refusals-applicant', 'recordRecusal', input, rid())).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call(rt, 'case', 'demo-resident', 'recordRecusal', input, rid())).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await call(rt, 'case', 'demo-street-director', 'recordRecusal', input, rid())).toMatchObject({ ok: false, code: 'NOT_RESPONSIBLE_ORG' });
    // Strict input: how the party asked is required, no unknown fields, a reason of substance.
    const { how: _how, ...withoutHow } = input;
    expect(await call(rt, 'case', DIRECTOR, 'recordRecusal', withoutHow, rid())).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(await call(rt, 'case', DIRECTOR, 'recordRecusal', { ...input, recordedBy: 'demo-mediator' }, rid())).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(await call(rt, 'case', DIRECTOR, 'recordRecusal', { ...input, reason: ' ' }, rid())).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(JSON.stringify(stored(caseId))).toBe(before);
  });

  it('a resent request takes effect once and answers the same; the same id with other data is refused', async () => {
    const caseId = await mediating('rec-replay-applicant');
    const input = { caseId, partyId: 'p2', how: 'paper', reason: '书面申请调解员回避' };
    const requestId = rid('replay');
    const first = await call(rt, 'case', DIRECTOR, 'recordRecusal', input, requestId);
    const again = await call(rt, 'case', DIRECTOR, 'recordRecusal', input, requestId);
    expect(first).toMatchObject({ ok: true });
    expect(again).toEqual(first);
    expect(auditEntries(rt).filter((e: any) => e.caseId === caseId && e.type === 'mediator_recused')).toHaveLength(1);
    expect(await call(rt, 'case', DIRECTOR, 'recordRecusal', { ...input, how: 'phone' }, requestId)).toMatchObject({ ok: false, code: 'REQUEST_ID_REUSED' });
    // Once recused there is no mediator to object to.
    expect(await call(rt, 'case', DIRECTOR, 'recordRecusal', input, rid())).toMatchObject({ ok: false, code: 'NO_MEDIATOR' });
  });

  it("an objection to an invited expert, recorded by the director, takes the expert off the case as the party's own would", async () => {
    const caseId = await mediating('rec-expert-applicant');
    const saved = await ok(call(rt, 'org', 'demo-district-director', 'saveExpert', { name: '周律师', field: '法律', affiliation: '明德律师事务所', mobile: '13955556666' }, rid()));
    const inv = await ok(call(rt, 'org', 'demo-district-director', 'inviteStaff', { orgId: 'district-centre', role: 'expert', note: '周律师', expertId: saved.expertId }, rid()));
    await ok(call(rt, 'org', 'rec-expert-openid', 'joinStaff', { code: inv.code, name: '周律师' }, rid()));
    await ok(call(rt, 'case', DIRECTOR, 'addExpert', { caseId, expertId: saved.expertId, reason: '需要律师提供法律意见' }, rid()));
    await ok(call(rt, 'case', DIRECTOR, 'recordRecusal', { caseId, partyId: 'p2', how: 'phone', reason: '专家曾为对方提供法律服务', expertId: saved.expertId }, rid()));
    expect(stored(caseId)).toMatchObject({ expertIds: [], recusedExpertIds: ['rec-expert-openid'], mediatorId: MEDIATOR });
    expect(await call(rt, 'case', DIRECTOR, 'addExpert', { caseId, expertId: saved.expertId, reason: '再次邀请' }, rid())).toMatchObject({ ok: false, code: 'EXPERT_RECUSED' });
  });
});
