import {
  DEFAULT_RULES,
  decide,
  isInForce,
  nextDeadline,
  validateAgreement,
  type Case,
  type CaseCommand,
  type DomainContext,
} from '../../src/domain';
import { T0, actors, agreementContent, ctx, mediatorC1A as mediator, run, seedAgreementPending, seedAwaitingConsent, seedInMediation, seedPerforming, seedRegistered } from './fixtures';

const code = (c: Case | undefined, cmd: CaseCommand, context: DomainContext): string => {
  const r = decide(c, cmd, context);
  return r.ok ? 'OK' : r.error.code;
};
const director = actors.director('C1A');
const hashOf = (c: Case): string => (c.status === 'agreement_pending' ? c.agreement.hash : 'not pending');
const PARTIES = [{ partyId: 'p1', role: 'applicant' as const }, { partyId: 'p2', role: 'respondent' as const }];

describe('agreement content (Art. 29 and the place of performance)', () => {
  const issues = (over: Parameters<typeof agreementContent>[0]) => validateAgreement(agreementContent(over), PARTIES, '2026-03-02').map((i) => i.code);

  it('a complete agreement passes', () => {
    expect(issues({})).toEqual([]);
  });

  it.each([
    ['facts', { facts: '' }, 'FACTS_MISSING'],
    ['matters in dispute', { disputedMatters: ' ' }, 'MATTERS_MISSING'],
    ["each side's responsibility", { responsibilities: '' }, 'RESPONSIBILITY_MISSING'],
    ['agreed terms', { terms: [''] }, 'TERMS_MISSING'],
    ['how it is performed', { performance: [] }, 'PERFORMANCE_MISSING'],
  ])('requires the %s', (_what, over, expected) => {
    expect(issues(over)).toContain(expected);
  });

  it('requires every party with name, address and a valid identity number', () => {
    const [p1, p2] = agreementContent().parties;
    expect(issues({ parties: [p1] })).toContain('PARTY_MISSING');
    expect(issues({ parties: [p1, { ...p2, idNumber: '110105194912310021' }] })).toContain('PARTY_ID_INVALID');
    expect(issues({ parties: [p1, { ...p2, address: '' }] })).toContain('PARTY_ADDRESS_MISSING');
    expect(issues({ parties: [p1, { ...p2, partyId: 'p9' }] })).toContain('PARTY_UNKNOWN');
    expect(issues({ parties: [p1, { ...p2, kind: 'organisation', idType: 'credit_code', idNumber: '91350100M000100Y43' }] })).toContain('PARTY_REPRESENTATIVE_MISSING');
  });

  it('requires each item to say how, where, by when, and between which parties', () => {
    const item = agreementContent().performance[0];
    expect(issues({ performance: [{ ...item, place: '' }] })).toContain('ITEM_PLACE_MISSING');
    expect(issues({ performance: [{ ...item, method: '' }] })).toContain('ITEM_METHOD_MISSING');
    expect(issues({ performance: [{ ...item, dueDate: '2026-02-30' }] })).toContain('ITEM_DUE_DATE_INVALID');
    expect(issues({ performance: [{ ...item, dueDate: '2026-03-01' }] })).toContain('ITEM_DUE_DATE_PAST');
    expect(issues({ performance: [{ ...item, obligeePartyId: 'p2' }] })).toContain('ITEM_PARTY_SAME');
    expect(issues({ performance: [{ ...item, amountYuan: -5 }] })).toContain('ITEM_AMOUNT_INVALID');
    expect(issues({ performance: [item, item] })).toContain('ITEM_ID_INVALID');
  });
});

describe('drafting and confirming', () => {
  it('the draft is validated before the parties see it', () => {
    const r = decide(seedInMediation(), { type: 'draft_agreement', content: agreementContent({ performance: [{ ...agreementContent().performance[0], place: '' }] }) }, ctx(mediator));
    expect(r.ok ? 'OK' : r.error).toMatchObject({ code: 'AGREEMENT_INVALID', message: expect.stringContaining('履行地点') });
  });

  it('only the case mediator drafts', () => {
    expect(code(seedInMediation(), { type: 'draft_agreement', content: agreementContent() }, ctx(director))).toBe('NOT_CASE_MEDIATOR');
  });

  it('a party confirms only the exact current version, and only for themself', () => {
    const c = seedAgreementPending();
    const hash = hashOf(c);
    expect(code(c, { type: 'confirm_agreement', partyId: 'p1', hash: 'f'.repeat(64), method: 'electronic' }, ctx(actors.resident))).toBe('AGREEMENT_VERSION_CHANGED');
    expect(code(c, { type: 'confirm_agreement', partyId: 'p2', hash, method: 'electronic' }, ctx(actors.resident))).toBe('NOT_THE_PARTY');
    expect(code(c, { type: 'confirm_agreement', partyId: 'p1', hash, method: 'electronic' }, ctx(mediator))).toBe('NOT_THE_PARTY');
    const once = run(c, [[{ type: 'confirm_agreement', partyId: 'p1', hash, method: 'electronic' }, ctx(actors.resident)]]);
    expect(code(once, { type: 'confirm_agreement', partyId: 'p1', hash, method: 'electronic' }, ctx(actors.resident))).toBe('ALREADY_CONFIRMED');
  });

  it('any edit voids every earlier confirmation and the mediator signature', () => {
    const c = seedAgreementPending();
    const hash = hashOf(c);
    const confirmed = run(c, [
      [{ type: 'confirm_agreement', partyId: 'p1', hash, method: 'electronic' }, ctx(actors.resident)],
      [{ type: 'sign_agreement', hash }, ctx(mediator)],
    ]);
    const revised = run(confirmed, [[{ type: 'revise_agreement', content: agreementContent({ terms: ['李四赔偿张三维修费2800元。'] }), reason: '双方协商降低金额' }, ctx(mediator)]]);
    expect(revised.status === 'agreement_pending' && revised.agreement).toMatchObject({ version: 2, confirmations: [] });
    expect(revised.status === 'agreement_pending' && revised.agreement.mediatorSignature).toBeUndefined();
    expect(hashOf(revised)).not.toBe(hash);
    expect(code(revised, { type: 'revise_agreement', content: agreementContent({ terms: ['李四赔偿张三维修费2800元。'] }), reason: 'x' }, ctx(mediator))).toBe('AGREEMENT_UNCHANGED');
  });

  it('the seal comes last, from the director, after every party and the mediator', () => {
    const c = seedAgreementPending();
    const hash = hashOf(c);
    const partly = run(c, [[{ type: 'confirm_agreement', partyId: 'p1', hash, method: 'electronic' }, ctx(actors.resident)]]);
    expect(decide(partly, { type: 'seal_agreement', hash }, ctx(director))).toMatchObject({ ok: false, error: { code: 'SEAL_TOO_EARLY', message: expect.stringContaining('李四') } });
    const allParties = run(partly, [[{ type: 'confirm_agreement', partyId: 'p2', hash, method: 'electronic' }, ctx(actors.respondent)]]);
    expect(code(allParties, { type: 'seal_agreement', hash }, ctx(director))).toBe('SEAL_TOO_EARLY');
    const signed = run(allParties, [[{ type: 'sign_agreement', hash }, ctx(mediator)]]);
    expect(code(signed, { type: 'seal_agreement', hash }, ctx(mediator))).toBe('DIRECTOR_REQUIRED');
    expect(code(signed, { type: 'seal_agreement', hash }, ctx(director))).toBe('OK');
  });
});

describe('in force', () => {
  it('takes effect at the seal; parties are given the 30-day judicial confirmation date', () => {
    const c = seedPerforming();
    expect(c.status).toBe('performing');
    if (c.status !== 'performing' || c.agreement.form !== 'written') throw new Error('unreachable');
    expect(isInForce(c.agreement, ['p1', 'p2'])).toBe(true);
    expect(c.agreement.effectiveAt).toBe(T0);
    expect(c.agreement.judicialConfirmationBy).toBe('2026-04-01');
  });

  /** Confirmed, signed and sealed with the seal put on at `sealedAt` (China wall-clock `YYYY-MM-DD HH:mm`). */
  const sealedOn = (sealedAt: string): Case => {
    const pending = seedAgreementPending();
    const hash = hashOf(pending);
    return run(pending, [
      [{ type: 'confirm_agreement', partyId: 'p1', hash, method: 'electronic' }, ctx(actors.resident)],
      [{ type: 'confirm_agreement', partyId: 'p2', hash, method: 'electronic' }, ctx(actors.respondent)],
      [{ type: 'sign_agreement', hash }, ctx(mediator)],
      [{ type: 'seal_agreement', hash }, ctx(director, new Date(`${sealedAt.replace(' ', 'T')}:00+08:00`).toISOString())],
    ]);
  };
  const lastDay = (c: Case) => (c.agreement?.form === 'written' ? c.agreement.judicialConfirmationBy : undefined);

  it('Civil Procedure Law Art. 85: a judicial-confirmation period whose 30th day falls in the 2026 National Day holiday ends on the next working day', () => {
    // Sealed 2026-09-03: day 30 is 2026-10-03, inside 国庆节 (10-01 to 10-07 by the State Council's 2026 notice).
    expect(lastDay(sealedOn('2026-09-03 10:00'))).toBe('2026-10-08');
  });

  it('Civil Procedure Law Art. 85: a period ending on a weekend or a holiday ends on the next working day; a make-up working day (调休) is a working day and ends it', () => {
    // Sealed 2026-03-07: day 30 is Monday 2026-04-06, the last day of 清明节 (04-04 to 04-06) → Tuesday 04-07.
    expect(lastDay(sealedOn('2026-03-07 10:00'))).toBe('2026-04-07');
    // Sealed 2026-03-19: day 30 is Saturday 2026-04-18 → Monday 04-20.
    expect(lastDay(sealedOn('2026-03-19 10:00'))).toBe('2026-04-20');
    // Sealed 2026-09-10: day 30 is Saturday 2026-10-10, a make-up working day after National Day: it stays.
    expect(lastDay(sealedOn('2026-09-10 10:00'))).toBe('2026-10-10');
    // Sealed 2026-05-20: day 30 is Friday 06-19, the first day of 端午节 (06-19 to 06-21) → Monday 06-22.
    expect(lastDay(sealedOn('2026-05-20 10:00'))).toBe('2026-06-22');
  });

  it('is not in force with a confirmation of an older version', () => {
    const c = seedPerforming();
    if (c.status !== 'performing' || c.agreement.form !== 'written') throw new Error('unreachable');
    const stale = { ...c.agreement, confirmations: c.agreement.confirmations.map((x) => (x.partyId === 'p2' ? { ...x, hash: 'old' } : x)) };
    expect(isInForce(stale, ['p1', 'p2'])).toBe(false);
    expect(isInForce({ ...c.agreement, seal: undefined }, ['p1', 'p2'])).toBe(false);
  });
});

describe('marriage, adoption and inheritance: no electronic confirmation', () => {
  const inheritance = (over: Parameters<typeof seedRegistered>[0] = { category: 'inheritance' }): Case =>
    run(seedRegistered(over), [
      [{ type: 'accept' }, ctx(actors.staff('C1A'))],
      [{ type: 'assign_mediator', mediatorId: mediator.userId }, ctx(director)],
      [{ type: 'invite_respondent' }, ctx(mediator)],
      [{ type: 'respondent_reply', partyId: 'p2', reply: 'agree' }, ctx(actors.respondent)],
      [{ type: 'draft_agreement', content: agreementContent() }, ctx(mediator)],
    ]);

  it('refuses electronic confirmation and takes a signed scan uploaded by staff', () => {
    const c = inheritance();
    const hash = hashOf(c);
    expect(code(c, { type: 'confirm_agreement', partyId: 'p1', hash, method: 'electronic' }, ctx(actors.resident))).toBe('PAPER_SIGNATURE_REQUIRED');
    expect(code(c, { type: 'confirm_agreement', partyId: 'p1', hash, method: 'paper' }, ctx(mediator))).toBe('SCAN_REQUIRED');
    expect(code(c, { type: 'confirm_agreement', partyId: 'p1', hash, method: 'paper', scanFileId: 'scan-1' }, ctx(actors.resident))).toBe('NOT_RESPONSIBLE_ORG');
    expect(code(c, { type: 'confirm_agreement', partyId: 'p1', hash, method: 'paper', scanFileId: 'scan-1' }, ctx(mediator))).toBe('OK');
  });

  it('applies to a family case flagged as touching marriage, and to categories the deployment adds', () => {
    const paperOnly = (c: Case): boolean => c.status === 'agreement_pending' && c.agreement.paperOnly;
    expect(paperOnly(inheritance({ category: 'family', involvesPersonalRelations: true }))).toBe(true);
    expect(paperOnly(inheritance({ category: 'family' }))).toBe(false);
    expect(paperOnly(inheritance({ category: 'marriage' }))).toBe(true);
    expect(paperOnly(inheritance({ category: 'adoption' }))).toBe(true);
    expect(DEFAULT_RULES.paperOnlyCategories).toEqual(expect.arrayContaining(['marriage', 'adoption', 'inheritance']));
  });
});

describe('oral agreement (Art. 28; MoJ 2002 Art. 34)', () => {
  const oral = (over: Partial<Extract<CaseCommand, { type: 'record_oral_agreement' }>> = {}): CaseCommand => ({
    type: 'record_oral_agreement',
    content: { terms: ['李四当面向张三道歉，双方握手言和'], performance: [] },
    partiesChoseOral: true,
    statedByPartyIds: ['p1', 'p2'],
    ...over,
  });

  it("People's Mediation Law Art. 28: a dispute settled on the spot with nothing to perform is recorded as an oral agreement, with who chose the oral form and when", () => {
    const c = run(seedInMediation(), [[oral(), ctx(mediator)]]);
    expect(c).toMatchObject({
      status: 'performing',
      agreement: { form: 'oral', effectiveAt: T0, choice: { partiesChoseOral: true, statedByPartyIds: ['p1', 'p2'], statedAt: T0 } },
      performanceItems: [],
    });
    // Nothing to perform: what remains is the return visit.
    expect(nextDeadline(c)?.kind).toBe('return_visit');
  });

  it('MoJ 2002 Art. 34: an agreement with civil rights and duties to perform must be written, so the oral form is refused', () => {
    const r = decide(seedInMediation(), oral({ content: { terms: ['李四赔偿张三1500元'], performance: agreementContent().performance } }), ctx(mediator));
    expect(r.ok ? 'OK' : r.error).toMatchObject({ code: 'ORAL_NOT_ALLOWED', message: expect.stringContaining('书面调解协议书') });
  });

  it('MoJ 2002 Art. 34: when a party asks for a written agreement (not every party said they need none), the oral form is refused', () => {
    expect(code(seedInMediation(), oral({ statedByPartyIds: ['p1'] }), ctx(mediator))).toBe('ORAL_CHOICE_REQUIRED');
    expect(code(seedInMediation(), oral({ statedByPartyIds: ['p1', 'p9'] }), ctx(mediator))).toBe('ORAL_CHOICE_REQUIRED');
    const noStatement = { ...oral(), partiesChoseOral: false } as unknown as CaseCommand;
    expect(code(seedInMediation(), noStatement, ctx(mediator))).toBe('ORAL_CHOICE_REQUIRED');
  });

  it('Art. 28: the mediator records what was agreed (the terms cannot be empty), and only the case mediator records it', () => {
    expect(code(seedInMediation(), oral({ content: { terms: [' '], performance: [] } }), ctx(mediator))).toBe('AGREEMENT_INVALID');
    expect(code(seedInMediation(), oral(), ctx(director))).toBe('NOT_CASE_MEDIATOR');
  });
});

describe('performance and the return visit', () => {
  it('the next deadline is the item, then the return visit five working days after the last due date', () => {
    const c = seedPerforming();
    expect(nextDeadline(c)).toMatchObject({ kind: 'performance', itemId: 'i1', dueAt: new Date('2026-03-20T23:59:59.999+08:00').toISOString() });
    expect(c.status === 'performing' && c.returnVisitDueAt).toBe(new Date('2026-03-27T23:59:59.999+08:00').toISOString());
  });

  it('the obligee (not the obligor) marks an item done', () => {
    const c = seedPerforming();
    expect(code(c, { type: 'mark_item_done', itemId: 'i1' }, ctx(actors.respondent))).toBe('NOT_OBLIGEE');
    const done = run(c, [[{ type: 'mark_item_done', itemId: 'i1' }, ctx(actors.resident)]]);
    expect(nextDeadline(done)?.kind).toBe('return_visit');
    expect(code(done, { type: 'mark_item_done', itemId: 'i1' }, ctx(actors.resident))).toBe('ITEM_ALREADY_DONE');
    expect(code(done, { type: 'mark_item_done', itemId: 'i9' }, ctx(actors.resident))).toBe('ITEM_NOT_FOUND');
  });

  it('a return visit finding it performed closes the case as resolved, with the satisfaction kept', () => {
    const c = run(seedPerforming(), [[{ type: 'record_return_visit', visit: { result: 'performed', satisfaction: 5, notes: '已付款，双方满意' } }, ctx(mediator)]]);
    expect(c).toMatchObject({ status: 'closed', outcome: 'resolved' });
    expect(c.returnVisits[0]).toMatchObject({ satisfaction: 5, by: mediator.userId });
  });

  it('seed 004 (对每一个矛盾纠纷案件的调解结果……要跟踪回访): a case closed failed, refused or referred owes a return visit after closing', () => {
    const closedOn = '2026-03-02T02:00:00.000Z'; // Monday, 10:00 China time
    const failed = run(seedInMediation(), [[{ type: 'close', outcome: 'failed', reason: '分歧过大', guidance: '可向人民法院起诉' }, ctx(mediator, closedOn)]]);
    const refused = run(seedAwaitingConsent(), [[{ type: 'respondent_reply', partyId: 'p2', reply: 'refuse' }, ctx(actors.respondent, closedOn)]]);
    const referred = run(seedRegistered(), [[{ type: 'refer_out', authority: 'court', guidance: '已起诉，请等待法院审理', reason: '已由法院受理' }, ctx(director, closedOn)]]);
    // The rules' `returnVisit`: five working days after closing → the end of Monday 03-09.
    const due = new Date('2026-03-09T23:59:59.999+08:00').toISOString();
    for (const c of [failed, refused, referred]) {
      expect(c.status).toBe('closed');
      expect(nextDeadline(c)).toMatchObject({ kind: 'return_visit', dueAt: due, ownerOrgId: 'C1A' });
    }
    expect(nextDeadline(failed)?.ownerUserId).toBe(mediator.userId);
  });

  it('the visit after closing records whether the dispute was settled, is ongoing or was taken up; the outcome stays; one visit is owed', () => {
    const failed = run(seedInMediation(), [[{ type: 'close', outcome: 'failed', reason: '分歧过大', guidance: '可向人民法院起诉' }, ctx(mediator)]]);
    // The agreement's findings do not fit a case closed without one.
    expect(code(failed, { type: 'record_return_visit', visit: { result: 'performed', notes: '已履行' } }, ctx(mediator))).toBe('VISIT_RESULT_INVALID');
    expect(code(failed, { type: 'record_return_visit', visit: { result: 'taken_up', notes: '申请人已起诉' } }, ctx(actors.stranger))).toBe('NOT_RESPONSIBLE_ORG');
    const visited = run(failed, [[{ type: 'record_return_visit', visit: { result: 'taken_up', satisfaction: 4, notes: '申请人已向法院起诉，法院已立案' } }, ctx(mediator)]]);
    expect(visited).toMatchObject({ status: 'closed', outcome: 'failed', returnVisits: [{ result: 'taken_up', satisfaction: 4, by: mediator.userId }] });
    expect(nextDeadline(visited)).toBeUndefined();
    expect(code(visited, { type: 'record_return_visit', visit: { result: 'ongoing', notes: '再访' } }, ctx(mediator))).toBe('NO_VISIT_DUE');
    // While an agreement is performed, the after-closing findings do not fit.
    expect(code(seedPerforming(), { type: 'record_return_visit', visit: { result: 'settled', notes: '已和解' } }, ctx(mediator))).toBe('VISIT_RESULT_INVALID');
  });

  it('a case resolved by its return visit owes no further visit', () => {
    const c = run(seedPerforming(), [[{ type: 'record_return_visit', visit: { result: 'performed', notes: '已付款' } }, ctx(mediator)]]);
    expect(c).toMatchObject({ status: 'closed', outcome: 'resolved' });
    expect(nextDeadline(c)).toBeUndefined();
  });

  it('a visit finding it not performed keeps the case open with a new visit due', () => {
    const c = run(seedPerforming(), [[{ type: 'record_return_visit', visit: { result: 'not_performed', notes: '尚未付款' } }, ctx(mediator)]]);
    expect(c.status).toBe('performing');
    expect(code(c, { type: 'close', outcome: 'resolved', reason: '结' }, ctx(mediator))).toBe('NOT_READY_TO_RESOLVE');
    expect(code(seedPerforming(), { type: 'record_return_visit', visit: { result: 'performed', satisfaction: 6, notes: 'x' } }, ctx(mediator))).toBe('SATISFACTION_INVALID');
  });
});
