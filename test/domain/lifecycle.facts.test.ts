// Facts that decide where a case goes and how its agreement is signed: taken at registration (from the source of
// a referral too), and learnt later (a risk found during the work, a personal relation that comes out).
import { DEFAULT_RULES, FILING_CATEGORIES, decide, execute, type Case, type CaseCommand, type DomainContext } from '../../src/domain';
import { T0, actors, agreementContent, ctx, mediatorC1A as mediator, registerCommand, run, seedAccepted, seedAgreementPending, seedInMediation, seedRegistered } from './fixtures';

const code = (c: Case | undefined, cmd: CaseCommand, context: DomainContext): string => {
  const r = decide(c, cmd, context);
  return r.ok ? 'OK' : r.error.code;
};
const staffC1A = actors.staff('C1A');

describe('分级调处 ("区别矛盾纠纷的不同性质、涉及范围……进行梳理分流"): every category a rule names can be chosen when filing', () => {
  const offered = FILING_CATEGORIES.map((c) => c.code);

  it('the district categories (征地拆迁, 环境污染) are offered', () => {
    expect(offered).toEqual(expect.arrayContaining(DEFAULT_RULES.triage.districtCategories));
  });

  it('the paper-only categories (marriage, adoption, inheritance: Electronic Signature Law Art. 3) are offered', () => {
    expect(offered).toEqual(expect.arrayContaining(DEFAULT_RULES.paperOnlyCategories));
  });

  it('the specialised categories are offered', () => {
    expect(offered).toEqual(expect.arrayContaining(DEFAULT_RULES.triage.specialisedCategories));
  });
});

describe('公调对接 / 检调对接 (seed 004): who referred a case is read from its source', () => {
  const register = (source: 'police' | 'procuratorate' | 'walk_in' | 'court', criminal: 'minor_referred' | 'private_prosecution') =>
    run(undefined, [[registerCommand({ source, facts: { ...registerCommand().facts, criminal } }), ctx(staffC1A)]]);

  it('a minor case the police station sends is registered for mediation, not referred out', () => {
    const c = register('police', 'minor_referred');
    expect(c.facts.referredBy).toBe('police');
    expect(c.triage.referOut).toBeUndefined();
    expect(c.triage.reasons.map((r) => r.code)).toContain('CRIMINAL_REFERRED');
  });

  it('a minor case the procuratorate sends is registered for mediation (检调对接)', () => {
    const c = register('procuratorate', 'minor_referred');
    expect(c.source).toBe('procuratorate');
    expect(c.triage.referOut).toBeUndefined();
  });

  it('the same case brought in at the window is registered (nobody is turned away) with the suggestion to refer it to the police', () => {
    const c = register('walk_in', 'minor_referred');
    expect(c.status).toBe('registered');
    expect(c.triage.referOut?.authority).toBe('police');
  });

  it('a private prosecution brought in at the window is for mediation', () => {
    expect(register('walk_in', 'private_prosecution').triage.referOut).toBeUndefined();
  });

  it('a resident cannot claim a referral: the source decides, not the facts', () => {
    const c = run(undefined, [[registerCommand({ facts: { ...registerCommand().facts, criminal: 'minor_referred', referredBy: 'police' } as never }), ctx(actors.resident)]]);
    expect(c.facts.referredBy).toBeUndefined();
    expect(c.triage.referOut?.authority).toBe('police');
  });
});

describe('上报 at registration: only a community committee escalates to the street', () => {
  const escalated = (firstInquiryOrgId: string, source: 'walk_in' | 'resident', actor = actors.staff(firstInquiryOrgId)) =>
    registerCommand({ source, firstInquiryOrgId, facts: { ...registerCommand().facts, escalatedByCommunity: true } });

  it("a community committee's window marks it escalated: the street is suggested", () => {
    const c = run(undefined, [[escalated('C1A', 'walk_in'), ctx(staffC1A)]]);
    expect(c.triage.orgId).toBe('S1');
    expect(c.triage.reasons.map((r) => r.code)).toContain('ESCALATED');
  });

  it("a street centre's window or a resident cannot", () => {
    expect(code(undefined, escalated('S1', 'walk_in'), ctx(actors.staff('S1')))).toBe('NOT_COMMUNITY_COMMITTEE');
    expect(code(undefined, escalated('C1A', 'resident'), ctx(actors.resident))).toBe('NOT_COMMUNITY_COMMITTEE');
  });
});

describe("People's Mediation Law Art. 25 (防止纠纷激化): staff raise a case's risk after intake", () => {
  const later = '2026-03-03T02:00:00.000Z';

  it('high risk found during mediation makes the case urgent, alerts the centre above at once and shows emergency numbers', () => {
    const r = execute(seedInMediation(), { type: 'raise_risk', risk: 'high', riskSignals: ['violence_threat'], reason: '对方扬言要上门动手' }, ctx(mediator, later));
    if (!r.ok) throw new Error(r.error.code);
    expect(r.state.urgent).toBe(true);
    expect(r.state.facts).toMatchObject({ risk: 'high', riskSignals: ['violence_threat'] });
    expect(r.state.triage.emergencyNumbers.map((n) => n.number)).toContain('110');
    expect(r.events.map((e) => e.type)).toEqual(['risk_raised', 'urgent_alert_raised']);
    expect(r.events[1]).toMatchObject({ toOrgId: 'S1', actor: { userId: mediator.userId } });
    expect(r.events[0]).toMatchObject({ reason: '对方扬言要上门动手', at: later });
  });

  it('a registered case that becomes urgent gets the urgent triage deadline, and the triage suggestion follows the risk', () => {
    const c = seedRegistered();
    const r = execute(c, { type: 'raise_risk', riskSignals: ['crowd_gathering'], reason: '村民聚集在村委会门口' }, ctx(staffC1A));
    if (!r.ok) throw new Error(r.error.code);
    expect(r.state.status).toBe('registered');
    if (r.state.status !== 'registered' || c.status !== 'registered') throw new Error('unreachable');
    expect(Date.parse(r.state.triageDueAt)).toBe(Date.parse(T0) + 2 * 3600_000);
    expect(Date.parse(r.state.triageDueAt)).toBeLessThan(Date.parse(c.triageDueAt));
    expect(r.state.triage.orgId).toBe('D');
  });

  it('medium risk moves the suggestion to the street, without an urgent alert', () => {
    const r = execute(seedAccepted(), { type: 'raise_risk', risk: 'medium', riskSignals: [], reason: '双方多次争吵，情绪激动' }, ctx(actors.director('C1A')));
    if (!r.ok) throw new Error(r.error.code);
    expect(r.state.urgent).toBe(false);
    expect(r.state.triage.orgId).toBe('S1');
    expect(r.state.triage.reasons.map((x) => x.code)).toContain('MEDIUM_RISK');
    expect(r.events.map((e) => e.type)).toEqual(['risk_raised']);
  });

  it('never lowers the risk, and asks for a reason', () => {
    const high = run(seedInMediation(), [[{ type: 'raise_risk', risk: 'high', riskSignals: [], reason: '有人扬言报复' }, ctx(mediator)]]);
    expect(code(high, { type: 'raise_risk', risk: 'medium', riskSignals: [], reason: '情绪平复' }, ctx(mediator))).toBe('RISK_NOT_RAISED');
    expect(code(high, { type: 'raise_risk', risk: 'high', riskSignals: [], reason: '再次提醒' }, ctx(mediator))).toBe('RISK_NOT_RAISED');
    // A new danger signal is new information, even when the case is already high-risk: recorded, no second alert.
    const more = execute(high, { type: 'raise_risk', riskSignals: ['self_harm_threat'], reason: '申请人说不想活了' }, ctx(mediator));
    expect(more.ok && more.events.map((e) => e.type)).toEqual(['risk_raised']);
    expect(code(seedInMediation(), { type: 'raise_risk', risk: 'high', riskSignals: [], reason: '  ' }, ctx(mediator))).toBe('REASON_REQUIRED');
  });

  it('only staff of the responsible organisation or the case mediator may raise it', () => {
    const cmd: CaseCommand = { type: 'raise_risk', risk: 'high', riskSignals: [], reason: '有人扬言报复' };
    expect(code(seedInMediation(), cmd, ctx(actors.resident))).toBe('NOT_RESPONSIBLE_ORG');
    expect(code(seedInMediation(), cmd, ctx(actors.staff('C1B')))).toBe('NOT_RESPONSIBLE_ORG');
    expect(code(seedInMediation(), cmd, ctx(actors.director('S1')))).toBe('NOT_RESPONSIBLE_ORG');
    expect(code(seedInMediation(), cmd, ctx(staffC1A))).toBe('OK');
  });
});

describe('Electronic Signature Law Art. 3 (涉及婚姻、收养、继承等人身关系): staff mark it when it comes out during mediation', () => {
  const mark: CaseCommand = { type: 'mark_personal_relations', reason: '调解中查明涉及遗产分割' };

  it('a family case marked before the draft gets a paper-only agreement', () => {
    const c = run(seedInMediation(), [
      [mark, ctx(mediator)],
      [{ type: 'draft_agreement', content: agreementContent() }, ctx(mediator)],
    ]);
    expect(c.involvesPersonalRelations).toBe(true);
    expect(c.status === 'agreement_pending' && c.agreement.paperOnly).toBe(true);
  });

  it('marked while the draft waits: it becomes paper-only and an online confirmation already given no longer counts', () => {
    const pending = seedAgreementPending();
    const hash = pending.status === 'agreement_pending' ? pending.agreement.hash : '';
    const confirmed = run(pending, [[{ type: 'confirm_agreement', partyId: 'p1', hash, method: 'electronic' }, ctx(actors.resident)]]);
    const marked = run(confirmed, [[mark, ctx(staffC1A)]]);
    if (marked.status !== 'agreement_pending') throw new Error('unreachable');
    expect(marked.agreement.paperOnly).toBe(true);
    expect(marked.agreement.confirmations).toEqual([]);
    expect(code(marked, { type: 'confirm_agreement', partyId: 'p2', hash, method: 'electronic' }, ctx(actors.respondent))).toBe('PAPER_SIGNATURE_REQUIRED');
    expect(code(marked, { type: 'confirm_agreement', partyId: 'p1', hash, method: 'paper', scanFileId: 'scan-1' }, ctx(mediator))).toBe('OK');
  });

  it('needs a reason and the case staff; once marked (or for an inheritance case) there is nothing to mark', () => {
    expect(code(seedInMediation(), { type: 'mark_personal_relations', reason: '' }, ctx(mediator))).toBe('REASON_REQUIRED');
    expect(code(seedInMediation(), mark, ctx(actors.resident))).toBe('NOT_RESPONSIBLE_ORG');
    expect(code(run(seedInMediation(), [[mark, ctx(mediator)]]), mark, ctx(mediator))).toBe('ALREADY_PAPER_ONLY');
    expect(code(seedRegistered({ category: 'inheritance' }), mark, ctx(staffC1A))).toBe('ALREADY_PAPER_ONLY');
  });

  it('registration takes the flag: a family dispute said to involve marriage is paper-only from the start', () => {
    expect(seedRegistered({ category: 'family', involvesPersonalRelations: true }).involvesPersonalRelations).toBe(true);
  });
});
