// The server's duties beside the case lifecycle: logging every staff read of a phone number in the case's
// audit chain, extending the mediation limit with both parties' consent, the human review of text the
// content check held, and a resident's export and deletion of their data — through the real bundles.
import { demoRuntime, call, rid, ok } from '../helpers/runtime';
import type { LocalRuntime } from '../../src/local/runtime';
import { createAuditKey } from '../../src/server/kernel/audit-chain';
import { verifyCaseAudit } from '../../src/server/cases/case-audit';
import { outboxNotices, auditEntries } from '../helpers/stored';

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await demoRuntime();
});
afterAll(() => rt.close());

const RESIDENT = 'demo-resident';
const RESPONDENT = 'demo-respondent';
const DIRECTOR = 'demo-director';
const MEDIATOR = 'demo-mediator';


const caseDoc = (caseId: string) => rt.db.dump('cases').find((d) => d._id === caseId) as any;
const auditOf = (caseId: string) =>
  auditEntries(rt).filter((e) => e.caseId === caseId).sort((a, b) => a.seq - b.seq);

async function fileCase(resident = RESIDENT, summary = '借给邻居两万元，到期未还。') {
  const filed = await ok(
    call(rt, 'case', resident, 'file', {
      category: 'debt',
      summary,
      communityId: 'liuan',
      amountYuan: 20000,
      applicant: { name: '张阿姨', mobile: '13812345678' },
      respondents: [{ name: '李先生', mobile: '13987654321' }],
      consent: { privacy: true, shareWithOtherOrgs: false },
    }, rid()),
  );
  return filed.caseId as string;
}

/** Accepted, mediator assigned, respondent joined and agreed. */
async function caseWithBothParties(resident = RESIDENT, respondent = RESPONDENT) {
  const caseId = await fileCase(resident);
  await ok(call(rt, 'case', DIRECTOR, 'accept', { caseId }, rid()));
  await ok(call(rt, 'case', DIRECTOR, 'assignMediator', { caseId, mediatorId: MEDIATOR }, rid()));
  const inv = await ok(call(rt, 'case', MEDIATOR, 'invite', { caseId }, rid()));
  await ok(call(rt, 'case', respondent, 'join', { code: inv.invite.code }, rid()));
  await ok(call(rt, 'case', respondent, 'reply', { caseId, reply: 'agree' }, rid()));
  return caseId;
}

describe('staff reading a phone number', () => {
  it('shows staff a masked number, gives the full one on request, and logs each read in the chain', async () => {
    const caseId = await fileCase();
    const view = await ok(call(rt, 'case', DIRECTOR, 'get', { caseId }));
    expect(view.parties.find((p: any) => p.partyId === 'p1').mobile).toBe('138****5678');

    const before = auditOf(caseId).length;
    const shown = await ok(call(rt, 'case', DIRECTOR, 'revealContact', { caseId, partyId: 'p1' }, rid()));
    expect(shown).toEqual({ partyId: 'p1', mobile: '13812345678' });

    const log = auditOf(caseId);
    expect(log).toHaveLength(before + 1);
    expect(log.at(-1)).toMatchObject({ type: 'contact_revealed', actor: DIRECTOR, actorOrgId: 'liuan-committee' });
    expect(verifyCaseAudit(createAuditKey(process.env.AUDIT_KEY), caseDoc(caseId), log)).toEqual({ ok: true });
    // Neither the audit entry nor the remembered answer holds the number.
    expect(JSON.stringify(caseDoc(caseId))).not.toContain('13812345678');
    expect(JSON.stringify(log)).not.toContain('13812345678');
    // Reading a number is not progress: the parties' timeline does not show it.
    const partyView = await ok(call(rt, 'case', RESIDENT, 'get', { caseId }));
    expect(partyView.timeline.map((t: any) => t.label).join()).not.toMatch(/查看|号码/);
  });

  it('refuses parties, supervisors and other committees, and says so when no number was left', async () => {
    const caseId = await fileCase();
    expect(await call(rt, 'case', RESIDENT, 'revealContact', { caseId, partyId: 'p2' }, rid())).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call(rt, 'case', 'demo-supervisor', 'revealContact', { caseId, partyId: 'p1' }, rid())).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call(rt, 'case', 'demo-labour-director', 'revealContact', { caseId, partyId: 'p1' }, rid())).toMatchObject({ ok: false, code: 'NOT_FOUND' });

    const walkIn = await ok(
      call(rt, 'case', DIRECTOR, 'register', {
        source: 'walk_in', category: 'neighbourhood', summary: '来访人反映楼上漏水多次未修。', communityId: 'liuan',
        applicants: [{ name: '赵大爷' }], respondents: [{ name: '楼上住户' }], visitorConsent: true, shareWithOtherOrgs: false,
      }, rid()),
    );
    expect(await call(rt, 'case', DIRECTOR, 'revealContact', { caseId: walkIn.caseId, partyId: 'p1' }, rid())).toMatchObject({ ok: false, code: 'NO_CONTACT' });
  });
});

describe('extending the mediation limit', () => {
  it('extends once, only after both parties agreed, in the name of the mediator who asked', async () => {
    const caseId = await caseWithBothParties();
    const dueBefore = caseDoc(caseId).case.mediationDueAt;
    // The mediator's page shows the limit and that it can still be extended.
    expect((await ok(call(rt, 'case', MEDIATOR, 'get', { caseId }))).mediationLimit).toEqual({ dueAt: dueBefore, extended: false });

    const asked = await ok(call(rt, 'case', MEDIATOR, 'requestExtension', { caseId, reason: '双方需要时间核对账目' }, rid()));
    expect(asked.extension).toEqual({ status: 'waiting', waitingFor: ['p1', 'p2'] });
    expect(caseDoc(caseId).case.mediationDueAt).toBe(dueBefore);
    // Both parties are asked, in a message without dispute text.
    const asks = outboxNotices(rt).filter((o) => o.caseId === caseId && o.phrase.includes('延长'));
    expect(asks.map((o) => o.touser).sort()).toEqual([RESIDENT, RESPONDENT].sort());

    // Each party's case page shows the request and whether their own answer is awaited.
    const shown = await ok(call(rt, 'case', RESIDENT, 'get', { caseId }));
    expect(shown.extensionRequest).toMatchObject({ reason: '双方需要时间核对账目', waitingFor: ['p1', 'p2'], myConsentNeeded: true });

    const one = await ok(call(rt, 'case', RESIDENT, 'consentExtension', { caseId, agree: true }, rid()));
    expect(one.extension).toEqual({ status: 'waiting', waitingFor: ['p2'] });
    expect((await ok(call(rt, 'case', RESIDENT, 'get', { caseId }))).extensionRequest.myConsentNeeded).toBe(false);
    expect((await ok(call(rt, 'case', RESPONDENT, 'get', { caseId }))).extensionRequest.myConsentNeeded).toBe(true);
    expect(caseDoc(caseId).case.mediationDueAt).toBe(dueBefore);

    const two = await ok(call(rt, 'case', RESPONDENT, 'consentExtension', { caseId, agree: true }, rid()));
    expect(two.extension.status).toBe('extended');
    const after = caseDoc(caseId);
    expect(after.case.mediationDueAt > dueBefore).toBe(true);
    expect(after.case.extensionUsed).toBe(true);
    expect(after.extensionRequest).toBeNull();
    expect((await ok(call(rt, 'case', RESIDENT, 'get', { caseId }))).extensionRequest).toBeUndefined();
    expect((await ok(call(rt, 'case', MEDIATOR, 'get', { caseId }))).mediationLimit).toEqual({ dueAt: after.case.mediationDueAt, extended: true });
    const extended = auditOf(caseId).find((e) => e.type === 'mediation_deadline_extended');
    expect(extended).toMatchObject({ actor: MEDIATOR, actorOrgId: 'liuan-committee' });
    // Each party's agreement is a step of its own in the chain.
    expect(auditOf(caseId).filter((e) => e.type === 'extension_consented').map((e) => e.actor)).toEqual([RESIDENT, RESPONDENT]);

    // Only once.
    const again = await call(rt, 'case', MEDIATOR, 'requestExtension', { caseId, reason: '还需要时间' }, rid());
    expect(again).toMatchObject({ ok: false, code: 'EXTENSION_ALREADY_USED' });
  });

  it('a refusal ends the request and tells the committee; the limit stays', async () => {
    const caseId = await caseWithBothParties();
    const dueBefore = caseDoc(caseId).case.mediationDueAt;
    await ok(call(rt, 'case', MEDIATOR, 'requestExtension', { caseId, reason: '需要补充证据' }, rid()));
    const no = await ok(call(rt, 'case', RESPONDENT, 'consentExtension', { caseId, agree: false, reason: '希望尽快了结' }, rid()));
    expect(no.extension.status).toBe('refused');
    expect(caseDoc(caseId).case.mediationDueAt).toBe(dueBefore);
    expect(caseDoc(caseId).extensionRequest).toBeNull();
    expect(outboxNotices(rt).some((o) => o.caseId === caseId && o.touser === 'org:liuan-committee' && o.phrase === '当事人不同意延期')).toBe(true);
    expect(await call(rt, 'case', RESIDENT, 'consentExtension', { caseId, agree: true }, rid())).toMatchObject({ ok: false, code: 'NO_EXTENSION_REQUEST' });
  });

  it('records consent given in person, and refuses a party asking or a stranger consenting', async () => {
    const caseId = await caseWithBothParties();
    expect(await call(rt, 'case', RESIDENT, 'requestExtension', { caseId, reason: '想延期' }, rid())).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const done = await ok(call(rt, 'case', MEDIATOR, 'requestExtension', { caseId, reason: '双方当面同意延期', agreedInPerson: ['p1', 'p2'] }, rid()));
    expect(done.extension.status).toBe('extended');
    expect(await call(rt, 'case', 'demo-stranger', 'consentExtension', { caseId, agree: true }, rid())).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });
});

describe('human review of held text', () => {
  it('a held case waits in the director\'s queue; the other party does not see the text until it is cleared or redacted', async () => {
    rt.openapi.secQueue.push('risky');
    const caseId = await caseWithBothParties('demo-resident-review', 'demo-respondent-review');
    expect(caseDoc(caseId).contentReview).toMatchObject({ status: 'pending' });

    const queue = await ok(call(rt, 'case', DIRECTOR, 'reviewQueue', {}));
    const held = queue.items.find((i: any) => i.caseId === caseId);
    expect(held).toMatchObject({ summary: '借给邻居两万元，到期未还。' });
    expect((await ok(call(rt, 'case', 'demo-respondent-review', 'get', { caseId }))).summary).toBeUndefined();
    expect((await ok(call(rt, 'case', 'demo-resident-review', 'get', { caseId }))).summary).toBe('借给邻居两万元，到期未还。');
    expect((await ok(call(rt, 'case', DIRECTOR, 'get', { caseId }))).underReview).toBe(true);

    // Parties and residents cannot review.
    expect(await call(rt, 'case', 'demo-resident-review', 'reviewQueue', {})).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call(rt, 'case', MEDIATOR, 'review', { caseId, decision: 'clear' }, rid())).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    // A redaction needs its reason.
    expect(await call(rt, 'case', DIRECTOR, 'review', { caseId, decision: 'redact', summary: '借款纠纷，金额两万元。' }, rid())).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });

    await ok(call(rt, 'case', DIRECTOR, 'review', { caseId, decision: 'redact', summary: '借款纠纷，金额两万元，到期未还。', reason: '删去不文明用语' }, rid()));
    expect((await ok(call(rt, 'case', 'demo-respondent-review', 'get', { caseId }))).summary).toBe('借款纠纷，金额两万元，到期未还。');
    expect((await ok(call(rt, 'case', DIRECTOR, 'reviewQueue', {}))).items.some((i: any) => i.caseId === caseId)).toBe(false);
    expect(auditOf(caseId).at(-1)).toMatchObject({ type: 'content_reviewed', actor: DIRECTOR, actorOrgId: 'liuan-committee' });
    expect(caseDoc(caseId).contentReview).toMatchObject({ status: 'redacted', reason: '删去不文明用语' });
    expect(await call(rt, 'case', DIRECTOR, 'review', { caseId, decision: 'clear' }, rid())).toMatchObject({ ok: false, code: 'NOT_UNDER_REVIEW' });
  });

  it('a failing content-check API also holds the text for review, never drops the case', async () => {
    rt.openapi.secQueue.push({ errCode: -1 } as any);
    const caseId = await fileCase('demo-resident-apifail');
    expect(caseDoc(caseId).contentReview).toMatchObject({ status: 'pending' });
    await ok(call(rt, 'case', DIRECTOR, 'review', { caseId, decision: 'clear' }, rid()));
    expect(caseDoc(caseId).contentReview).toMatchObject({ status: 'cleared', by: DIRECTOR });
  });
});

describe('my data', () => {
  it('exports everything held about the caller, their own number in full, nobody else\'s', async () => {
    const caseId = await caseWithBothParties('demo-resident-export', 'demo-respondent-export');
    await ok(call(rt, 'user', 'demo-resident-export', 'setPreferences', { largeText: true }, rid()));
    const mine = await ok(call(rt, 'user', 'demo-resident-export', 'exportData', {}));
    expect(mine.account).toMatchObject({ registered: true, prefs: { largeText: true } });
    expect(mine.cases).toHaveLength(1);
    expect(mine.cases[0]).toMatchObject({ caseNo: caseDoc(caseId).case.caseNo, myRole: '申请人', myName: '张阿姨', myMobile: '13812345678', summary: '借给邻居两万元，到期未还。', consents: { privacy: true } });
    expect(mine.cases[0].timeline.length).toBeGreaterThan(3);
    expect(JSON.stringify(mine)).not.toContain('13987654321');

    const theirs = await ok(call(rt, 'user', 'demo-respondent-export', 'exportData', {}));
    expect(theirs.cases[0]).toMatchObject({ myRole: '被申请人', myMobile: '13987654321' });
    expect(theirs.cases[0].consents).toBeUndefined();
    expect(JSON.stringify(theirs)).not.toContain('13812345678');
  });

  it('deletion erases preferences and numbers on closed cases, keeps open cases\' numbers and every case file, and says why', async () => {
    const who = 'demo-resident-delete';
    const closed = await fileCase(who);
    await ok(call(rt, 'case', who, 'withdraw', { caseId: closed, reason: '已自行和解' }, rid()));
    const open = await fileCase(who);
    await ok(call(rt, 'user', who, 'setPreferences', { largeText: true }, rid()));

    const requestId = rid();
    const res = await ok(call(rt, 'user', who, 'requestDeletion', { reason: '不再使用' }, requestId));
    expect(res.status).toBe('partly_done');
    expect(res.erased).toEqual({ preferences: true, phoneNumbersOnClosedCases: 1 });
    expect(res.kept.map((k: any) => k.caseNo).sort()).toEqual([caseDoc(closed).case.caseNo, caseDoc(open).case.caseNo].sort());
    expect(res.kept.find((k: any) => k.caseNo === caseDoc(open).case.caseNo).why).toContain('办理中');

    expect(caseDoc(closed).contacts.some((k: any) => k.partyId === 'p1')).toBe(false);
    expect(caseDoc(open).contacts.some((k: any) => k.partyId === 'p1')).toBe(true);
    expect(auditOf(closed).at(-1)).toMatchObject({ type: 'contact_erased', actor: who });
    expect(rt.db.dump('users').some((u: any) => u._id === who)).toBe(false);
    // The case file itself stays (Art. 27).
    expect(caseDoc(closed).case.summary).toBe('借给邻居两万元，到期未还。');

    // A replay answers the same without doing anything twice; the export shows the request.
    const again = await ok(call(rt, 'user', who, 'requestDeletion', { reason: '不再使用' }, requestId));
    expect(again).toEqual(res);
    expect(auditOf(closed).filter((e) => e.type === 'contact_erased')).toHaveLength(1);
    const exported = await ok(call(rt, 'user', who, 'exportData', {}));
    expect(exported.deletionRequests).toEqual([{ at: expect.any(String), status: 'partly_done' }]);
    expect(exported.cases.find((c: any) => c.caseNo === caseDoc(closed).case.caseNo).myMobile).toBeUndefined();
  });
});

describe('my data without a case', () => {
  it('exports the account\'s preferences, and after a deletion the request itself, to someone who never had a case', async () => {
    const who = 'demo-resident-nocase';
    await ok(call(rt, 'user', who, 'setPreferences', { largeText: true }, rid()));
    const before = await ok(call(rt, 'user', who, 'exportData', {}));
    expect(before).toMatchObject({ account: { registered: true, prefs: { largeText: true } }, cases: [], deletionRequests: [] });

    const res = await ok(call(rt, 'user', who, 'requestDeletion', {}, rid()));
    expect(res).toMatchObject({ status: 'done', erased: { preferences: true, phoneNumbersOnClosedCases: 0 } });
    const after = await ok(call(rt, 'user', who, 'exportData', {}));
    expect(after).toMatchObject({ account: { registered: false, prefs: {} }, cases: [], deletionRequests: [{ at: expect.any(String), status: 'done' }] });
  });
});

describe('my data, once an agreement recorded ID numbers', () => {
  it('exports the caller\'s own ID number in full and never the other party\'s', async () => {
    const { caseInMediation, agreementContent, ID_APPLICANT, ID_RESPONDENT } = await import('../helpers/case-at');
    const c = await caseInMediation(rt, 'demo-respondent-ids', { applicant: 'demo-resident-ids' });
    await ok(call(rt, 'agreement', MEDIATOR, 'draft', { caseId: c.caseId, content: agreementContent() }, rid()));
    // Stored only sealed and masked.
    expect(JSON.stringify(caseDoc(c.caseId))).not.toContain(ID_APPLICANT);
    const mine = await ok(call(rt, 'user', 'demo-resident-ids', 'exportData', {}));
    expect(mine.cases[0].myIdNumber).toBe(ID_APPLICANT);
    expect(JSON.stringify(mine)).not.toContain(ID_RESPONDENT);
    const theirs = await ok(call(rt, 'user', 'demo-respondent-ids', 'exportData', {}));
    expect(theirs.cases[0].myIdNumber).toBe(ID_RESPONDENT);
  });
});
