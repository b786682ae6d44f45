// Issue #19, finding 1: access to a case follows the caller's CURRENT role grants. A mediator a director
// removed (org.removeStaff) is a stranger to the cases they worked — the case, its documents, its audit trail
// and its bookings are refused as for anyone else — even though the case still names them until reassigned.
import type { LocalRuntime } from '../../src/local/runtime';
import { call, demoRuntime, ok, rid } from '../helpers/runtime';

const DIRECTOR = 'demo-director';
const STREET_DIRECTOR = 'demo-street-director';
const APPLICANT = 'sec-rm-applicant';
const RESPONDENT = 'sec-rm-respondent';
const WIDE_HOURS = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:00', end: '20:00' }));

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await demoRuntime();
}, 60_000);
afterAll(() => rt.close());

/** A mediator granted by invitation at each organisation, the way people join. */
async function newMediator(openid: string, name: string, grants: Array<{ by: string; orgId: string }>): Promise<void> {
  for (const g of grants) {
    const inv = await ok(call(rt, 'org', g.by, 'inviteStaff', { orgId: g.orgId, role: 'mediator', note: name }, rid()));
    await ok(call(rt, 'org', openid, 'joinStaff', { code: inv.code, name }, rid()));
  }
  await ok(call(rt, 'booking', openid, 'setAvailability', { weekly: WIDE_HOURS, exceptions: [] }, rid()));
}

/** A case at 柳岸 worked by `mediator`: respondent joined and agreed, a session recorded, a booking made. */
async function caseWorkedBy(mediator: string, summary: string): Promise<string> {
  const filed = await ok(call(rt, 'case', APPLICANT, 'file', {
    category: 'neighbourhood',
    summary,
    communityId: 'liuan',
    applicant: { name: '欧阳秀英', mobile: '13811112222' },
    respondents: [{ name: '司马建国' }],
    consent: { privacy: true, shareWithOtherOrgs: false },
  }, rid()));
  const caseId = filed.caseId as string;
  await ok(call(rt, 'case', DIRECTOR, 'accept', { caseId }, rid()));
  await ok(call(rt, 'case', DIRECTOR, 'assignMediator', { caseId, mediatorId: mediator }, rid()));
  const inv = await ok(call(rt, 'case', mediator, 'invite', { caseId }, rid()));
  await ok(call(rt, 'case', RESPONDENT, 'join', { code: inv.invite.code }, rid()));
  await ok(call(rt, 'case', RESPONDENT, 'reply', { caseId, reply: 'agree' }, rid()));
  await ok(call(rt, 'booking', mediator, 'record', { caseId, kind: 'investigation', attendeePartyIds: ['p1'], summary: '走访申请人，了解漏水经过。' }, rid()));
  const slots = await ok(call(rt, 'booking', APPLICANT, 'slots', { caseId, mode: 'online', days: 3 }));
  await ok(call(rt, 'booking', APPLICANT, 'book', { caseId, startAt: slots.slots[0].startAt, mode: 'online' }, rid()));
  return caseId;
}

/** The four reads the finding names, as `who`: case, a document, the audit trail, the bookings. */
async function reads(who: string, caseId: string) {
  return {
    case: await call(rt, 'case', who, 'get', { caseId }),
    document: await call(rt, 'report', who, 'document', { caseId, kind: 'rights_notice' }),
    audit: await call(rt, 'case', who, 'audit', { caseId }),
    bookings: await call(rt, 'booking', who, 'bookings', { caseId }),
  };
}

const refusedAsStranger = { ok: false, code: 'NOT_FOUND' };

describe('a removed mediator', () => {
  it('no longer reads the cases they mediated: case, documents, audit trail and bookings are refused as for a stranger', async () => {
    await newMediator('sec-rm-mediator', '钱调解员', [{ by: DIRECTOR, orgId: 'liuan-committee' }]);
    const caseId = await caseWorkedBy('sec-rm-mediator', '楼上邻居装修噪音扰民，协商无果。');

    // While they mediate at the committee, they read all of it.
    const before = await reads('sec-rm-mediator', caseId);
    expect(before.case).toMatchObject({ ok: true, data: { summary: '楼上邻居装修噪音扰民，协商无果。' } });
    expect(before.document.ok).toBe(true);
    expect(before.audit.ok).toBe(true);
    expect(before.bookings).toMatchObject({ ok: true, data: { bookings: [expect.anything()] } });

    await ok(call(rt, 'org', DIRECTOR, 'removeStaff', { orgId: 'liuan-committee', openid: 'sec-rm-mediator', role: 'mediator', reason: '调离本调委会' }, rid()));

    const after = await reads('sec-rm-mediator', caseId);
    expect(after).toMatchObject({ case: refusedAsStranger, document: refusedAsStranger, audit: refusedAsStranger, bookings: refusedAsStranger });
    // Exactly what someone who never worked the case gets.
    expect(await reads('sec-rm-nobody', caseId)).toEqual(after);
    // The case still names them (a director reassigns it): the refusal comes from the grants, not the case.
    const doc = rt.db.dump('cases').find((d) => d._id === caseId)!;
    expect(doc.case.mediatorId).toBe('sec-rm-mediator');
  });

  it('who still mediates elsewhere no longer finds the old committee\'s cases in their inbox, nor can open them', async () => {
    await newMediator('sec-rm-both', '孙调解员', [
      { by: DIRECTOR, orgId: 'liuan-committee' },
      { by: STREET_DIRECTOR, orgId: 'wangjiang-committee' },
    ]);
    const caseId = await caseWorkedBy('sec-rm-both', '院墙倒塌砸坏邻居车辆，赔偿有争议。');
    const inbox = async () => (await ok(call(rt, 'case', 'sec-rm-both', 'assigned', {}))).items.map((i: { caseId: string }) => i.caseId);
    expect(await inbox()).toContain(caseId);

    await ok(call(rt, 'org', DIRECTOR, 'removeStaff', { orgId: 'liuan-committee', openid: 'sec-rm-both', role: 'mediator', reason: '只在望江社区调解' }, rid()));

    expect(await inbox()).not.toContain(caseId);
    expect(await reads('sec-rm-both', caseId)).toMatchObject({ case: refusedAsStranger, document: refusedAsStranger, audit: refusedAsStranger, bookings: refusedAsStranger });
  });
});
