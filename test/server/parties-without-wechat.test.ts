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
