import { decide, execute, nextDeadline, firstInquiryOrg, responsibleOrg, type Case, type CaseCommand, type DomainContext } from '../../src/domain';
import { T0, actors, ctx, registerCommand, run, seedRegistered } from './fixtures';

const later = (iso: string, hours: number): string => new Date(Date.parse(iso) + hours * 3_600_000).toISOString();
const errorCode = (c: Case | undefined, cmd: CaseCommand, context: DomainContext): string => {
  const r = decide(c, cmd, context);
  return r.ok ? 'OK' : r.error.code;
};

describe('registration: no one is turned away', () => {
  it('a resident filing gets a case number at once, held by the organisation they reached', () => {
    const r = execute(undefined, registerCommand(), ctx(actors.resident));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.state).toMatchObject({ status: 'registered', caseNo: 'TY-2026-0001', responsibleOrgId: 'C1A', firstInquiry: { orgId: 'C1A', at: T0 } });
    expect(r.state.firstInquiry.personId).toBeUndefined();
    expect(r.events.map((e) => e.type)).toEqual(['case_registered']);
  });

  it('a walk-in registered by window staff makes that staff member the first-inquiry person, even for another area', () => {
    const staff = actors.staff('S2');
    const c = run(undefined, [[registerCommand({ source: 'walk_in', firstInquiryOrgId: 'S2' }), ctx(staff)]]);
    expect(c.firstInquiry).toEqual({ orgId: 'S2', personId: staff.userId, at: T0 });
    expect(c.triage.orgId).toBe('C1A'); // it belongs elsewhere, but S2 holds it until someone accepts
    expect(responsibleOrg(c)).toBe('S2');
  });

  it('phone, court, police and petition-office cases are registered by staff of the receiving organisation only', () => {
    for (const source of ['phone', 'court', 'police', 'petition_office'] as const) {
      expect(errorCode(undefined, registerCommand({ source }), ctx(actors.resident))).toBe('NOT_INTAKE_STAFF');
      expect(errorCode(undefined, registerCommand({ source, firstInquiryOrgId: 'C1B' }), ctx(actors.staff('C1A')))).toBe('NOT_INTAKE_STAFF');
      expect(errorCode(undefined, registerCommand({ source }), ctx(actors.staff('C1A')))).toBe('OK');
    }
  });

  it('an information officer reports to their own committee', () => {
    const officer = { userId: 'officer', orgId: 'C1B', roles: ['info_officer' as const] };
    expect(errorCode(undefined, registerCommand({ source: 'info_officer', firstInquiryOrgId: 'C1B' }), ctx(officer))).toBe('OK');
    expect(errorCode(undefined, registerCommand({ source: 'info_officer', firstInquiryOrgId: 'C1A' }), ctx(officer))).toBe('NOT_INFO_OFFICER');
  });

  it('a resident files only as an applicant themself', () => {
    expect(errorCode(undefined, registerCommand(), ctx(actors.stranger))).toBe('NOT_AN_APPLICANT');
  });

  it('refuses malformed input with a clear reason', () => {
    const r = actors.resident;
    expect(errorCode(undefined, registerCommand({ firstInquiryOrgId: 'X' }), ctx(r))).toBe('ORG_NOT_FOUND');
    expect(errorCode(undefined, registerCommand({ summary: '  ' }), ctx(r))).toBe('SUMMARY_REQUIRED');
    expect(errorCode(undefined, registerCommand({ parties: [{ partyId: 'p2', role: 'respondent', name: '李四' }] }), ctx(r))).toBe('APPLICANT_REQUIRED');
    expect(errorCode(undefined, registerCommand({ parties: [{ partyId: 'p1', role: 'applicant', name: '张三', userId: 'u-applicant', mobile: '12345' }] }), ctx(r))).toBe('MOBILE_INVALID');
    expect(errorCode(undefined, registerCommand({ parties: [{ partyId: 'p1', role: 'applicant', name: '张三', userId: 'u-applicant' }, { partyId: 'p1', role: 'respondent', name: '李四' }] }), ctx(r))).toBe('PARTY_ID_INVALID');
  });

  it('a case is registered once', () => {
    expect(errorCode(seedRegistered(), registerCommand(), ctx(actors.resident))).toBe('CASE_EXISTS');
  });

  it('must be triaged within one working day (Friday → Monday)', () => {
    const friday = '2026-03-06T02:00:00.000Z';
    const c = run(undefined, [[registerCommand(), ctx(actors.resident, friday)]]);
    expect(nextDeadline(c)).toMatchObject({ kind: 'triage', ownerOrgId: 'C1A', dueAt: new Date('2026-03-09T23:59:59.999+08:00').toISOString() });
  });

  it('a high-risk case is urgent: hours to triage, and the centre above is alerted at once', () => {
    const r = execute(undefined, registerCommand({ facts: { communityId: 'c1a', risk: 'high', riskSignals: ['violence_threat'] } }), ctx(actors.resident));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.state.urgent).toBe(true);
    expect(r.events[1]).toMatchObject({ type: 'urgent_alert_raised', toOrgId: 'S1' });
    expect(nextDeadline(r.state)?.dueAt).toBe(later(T0, 2));
  });
});

describe('triage decision by the first-inquiry organisation', () => {
  it('accepting follows the suggestion; the parties are owed the rights notice and the 30-day clock starts', () => {
    const c = run(seedRegistered(), [[{ type: 'accept' }, ctx(actors.staff('C1A'))]]);
    expect(c).toMatchObject({ status: 'accepted', responsibleOrgId: 'C1A', acceptedAt: T0, rightsNoticeAt: T0 });
    expect(c.mediationDueAt).toBe(new Date('2026-04-01T23:59:59.999+08:00').toISOString());
  });

  it('only staff of the responsible organisation may accept', () => {
    expect(errorCode(seedRegistered(), { type: 'accept' }, ctx(actors.staff('C1B')))).toBe('NOT_RESPONSIBLE_ORG');
    expect(errorCode(seedRegistered(), { type: 'accept' }, ctx(actors.resident))).toBe('NOT_RESPONSIBLE_ORG');
  });

  it('going against the suggestion needs the director and a written reason, which is kept', () => {
    const held = run(undefined, [[registerCommand({ source: 'walk_in', firstInquiryOrgId: 'S2' }), ctx(actors.staff('S2'))]]);
    expect(errorCode(held, { type: 'accept' }, ctx(actors.staff('S2')))).toBe('OVERRIDE_REASON_REQUIRED');
    expect(errorCode(held, { type: 'accept', overrideReason: '当事人要求' }, ctx(actors.staff('S2')))).toBe('DIRECTOR_REQUIRED');
    const c = run(held, [[{ type: 'accept', overrideReason: '当事人要求在本街道调解' }, ctx(actors.director('S2'))]]);
    expect(c.triageOverride).toMatchObject({ suggestedOrgId: 'C1A', chosenOrgId: 'S2', reason: '当事人要求在本街道调解', by: 'S2-director' });
  });

  it('refer out closes the case with the authority and written guidance — a handled case, not a drop', () => {
    const c = run(seedRegistered(), [[{ type: 'refer_out', authority: 'court', guidance: '请向区人民法院起诉，诉讼服务中心地址……', reason: '法院已受理' }, ctx(actors.staff('C1A'))]]);
    expect(c).toMatchObject({ status: 'closed', outcome: 'referred', referral: { authority: 'court' } });
    expect(errorCode(seedRegistered(), { type: 'refer_out', authority: 'court', guidance: ' ', reason: 'x' }, ctx(actors.staff('C1A')))).toBe('GUIDANCE_REQUIRED');
  });
});

describe('transfer: responsibility stays until it is taken', () => {
  const held = (): Case => run(undefined, [[registerCommand({ source: 'walk_in', firstInquiryOrgId: 'S2' }), ctx(actors.staff('S2'))]]);
  const transfer: CaseCommand = { type: 'transfer', toOrgId: 'C1A', reason: '纠纷发生在桃园社区', consentToShare: true };

  it('after a transfer the sender still holds the case, and the receiver has two working days', () => {
    const c = run(held(), [[transfer, ctx(actors.staff('S2'))]]);
    expect(c).toMatchObject({ status: 'transferring', responsibleOrgId: 'S2' });
    expect(nextDeadline(c)).toMatchObject({ kind: 'transfer_response', ownerOrgId: 'C1A', dueAt: new Date('2026-03-04T23:59:59.999+08:00').toISOString() });
  });

  it("passing a case on needs the party's consent to share their data", () => {
    expect(errorCode(held(), { ...transfer, consentToShare: false } as CaseCommand, ctx(actors.staff('S2')))).toBe('CONSENT_REQUIRED');
  });

  it('cannot transfer to itself or without a reason', () => {
    expect(errorCode(held(), { ...transfer, toOrgId: 'S2' } as CaseCommand, ctx(actors.director('S2')))).toBe('TRANSFER_TO_SELF');
    expect(errorCode(held(), { ...transfer, reason: '' } as CaseCommand, ctx(actors.staff('S2')))).toBe('REASON_REQUIRED');
  });

  it('transferring elsewhere than suggested is a director override', () => {
    expect(errorCode(held(), { ...transfer, toOrgId: 'C1B' } as CaseCommand, ctx(actors.staff('S2')))).toBe('OVERRIDE_REASON_REQUIRED');
  });

  it('only the receiving organisation accepts, and responsibility moves when it does', () => {
    const c = run(held(), [[transfer, ctx(actors.staff('S2'))]]);
    expect(errorCode(c, { type: 'accept_transfer' }, ctx(actors.staff('S2')))).toBe('NOT_RECEIVING_ORG');
    expect(errorCode(c, { type: 'accept_transfer' }, ctx(actors.staff('C1B')))).toBe('NOT_RECEIVING_ORG');
    const taken = run(c, [[{ type: 'accept_transfer' }, ctx(actors.staff('C1A'))]]);
    expect(taken).toMatchObject({ status: 'accepted', responsibleOrgId: 'C1A' });
    expect(firstInquiryOrg(taken)).toBe('S2');
  });

  it('a first return sends it back to the sender with a reason; the second goes to the lowest common parent', () => {
    const once = run(held(), [
      [transfer, ctx(actors.staff('S2'))],
      [{ type: 'return_transfer', reason: '不属本社区' }, ctx(actors.staff('C1A'))],
    ]);
    expect(once).toMatchObject({ status: 'registered', responsibleOrgId: 'S2', returnCount: 1 });
    expect(errorCode(run(held(), [[transfer, ctx(actors.staff('S2'))]]), { type: 'return_transfer', reason: '' }, ctx(actors.staff('C1A')))).toBe('REASON_REQUIRED');
    const twice = run(once, [
      [transfer, ctx(actors.staff('S2'))],
      [{ type: 'return_transfer', reason: '仍不属本社区' }, ctx(actors.staff('C1A'))],
    ]);
    expect(twice).toMatchObject({ status: 'awaiting_designation', responsibleOrgId: 'S2', designation: { designatorOrgId: 'D', trigger: 'second_return' } });
    expect(nextDeadline(twice)).toMatchObject({ kind: 'designation', ownerOrgId: 'D' });
  });

  it('a transfer not answered in time is escalated by the timer to the lowest common parent, and not before', () => {
    const c = run(held(), [[transfer, ctx(actors.staff('S2'))]]);
    expect(errorCode(c, { type: 'escalate_overdue_transfer' }, ctx(actors.system, later(T0, 24)))).toBe('NOT_OVERDUE');
    expect(errorCode(c, { type: 'escalate_overdue_transfer' }, ctx(actors.staff('S2'), later(T0, 24 * 5)))).toBe('SYSTEM_ONLY');
    const up = run(c, [[{ type: 'escalate_overdue_transfer' }, ctx(actors.system, later(T0, 24 * 5))]]);
    expect(up).toMatchObject({ status: 'awaiting_designation', designation: { designatorOrgId: 'D', trigger: 'transfer_overdue' } });
  });
});

describe('escalation (上报) and designation (指定)', () => {
  const accepted = (): Case => run(seedRegistered(), [[{ type: 'accept' }, ctx(actors.staff('C1A'))]]);

  it('a community committee reports up to its street; the street designates who handles it', () => {
    const up = run(accepted(), [[{ type: 'escalate', reason: '涉及多户，需街道协调' }, ctx(actors.staff('C1A'))]]);
    expect(up).toMatchObject({ status: 'awaiting_designation', responsibleOrgId: 'C1A', designation: { designatorOrgId: 'S1', trigger: 'escalation' } });
    expect(errorCode(up, { type: 'designate', orgId: 'S1', reason: '街道自办', consentToShare: true }, ctx(actors.staff('S1')))).toBe('NOT_DESIGNATOR');
    expect(errorCode(up, { type: 'designate', orgId: 'C2A', reason: '外街道', consentToShare: true }, ctx(actors.director('S1')))).toBe('ORG_OUTSIDE_AREA');
    const done = run(up, [[{ type: 'designate', orgId: 'S1', reason: '街道自办', consentToShare: true }, ctx(actors.director('S1'), later(T0, 48))]]);
    expect(done).toMatchObject({ status: 'accepted', responsibleOrgId: 'S1' });
    // Escalating does not restart the mediation clock.
    expect(done.mediationDueAt).toBe(accepted().mediationDueAt);
  });

  it('without the parties\' consent to share, designation only hands the case back to the organisation holding it', () => {
    const up = run(accepted(), [[{ type: 'escalate', reason: '涉及多户，需街道协调' }, ctx(actors.staff('C1A'))]]);
    const street = ctx(actors.director('S1'), later(T0, 48));
    expect(errorCode(up, { type: 'designate', orgId: 'S1', reason: '街道自办', consentToShare: false }, street)).toBe('CONSENT_REQUIRED');
    expect(errorCode(up, { type: 'designate', orgId: 'C1B', reason: '另一社区', consentToShare: false }, street)).toBe('CONSENT_REQUIRED');
    const back = run(up, [[{ type: 'designate', orgId: 'C1A', reason: '仍由原调委会办理', consentToShare: false }, street]]);
    expect(back).toMatchObject({ status: 'accepted', responsibleOrgId: 'C1A' });
  });

  it('the district centre has no one above it', () => {
    const atD = run(undefined, [[registerCommand({ source: 'walk_in', firstInquiryOrgId: 'D' }), ctx(actors.staff('D'))]]);
    expect(errorCode(atD, { type: 'escalate', reason: '无' }, ctx(actors.staff('D')))).toBe('NO_PARENT_ORG');
  });
});
