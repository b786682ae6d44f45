// Templates per category, unfilled template blanks, identity numbers kept masked with a digest, the
// satisfaction rating, and the other routes explained when mediation fails.
import {
  CATEGORY_LABEL,
  TEMPLATE_BLANK,
  TEMPLATE_CATEGORIES,
  agreementHash,
  decide,
  draftFromTemplate,
  explainRoutes,
  suggestedRoutes,
  validateAgreement,
  type Case,
  type CaseCommand,
  type DomainContext,
} from '../../src/domain';
import { actors, agreementContent, ctx, mediatorC1A as mediator, run, seedInMediation, seedPerforming } from './fixtures';

const PARTIES = [{ partyId: 'p1', role: 'applicant' as const }, { partyId: 'p2', role: 'respondent' as const }];
const code = (c: Case, cmd: CaseCommand, context: DomainContext): string => {
  const r = decide(c, cmd, context);
  return r.ok ? 'OK' : r.error.code;
};
const CASE = {
  category: 'debt',
  summary: '李四借款两万元到期未还。',
  parties: [
    { partyId: 'p1', role: 'applicant' as const, name: '张三' },
    { partyId: 'p2', role: 'respondent' as const, name: '李四' },
  ],
  facts: { amountYuan: 20000 },
};

describe('templates', () => {
  it('every known category has its own template', () => {
    for (const category of Object.keys(CATEGORY_LABEL)) expect(TEMPLATE_CATEGORIES).toContain(category);
  });

  it('fills names, amount, place and a due date; leaves identity numbers and addresses to the mediator', () => {
    const d = draftFromTemplate(CASE, 'debt', { place: '桃园社区调委会' }, '2026-03-02');
    expect(d.parties.map((p) => [p.partyId, p.role, p.name, p.idNumber, p.address])).toEqual([['p1', 'applicant', '张三', '', ''], ['p2', 'respondent', '李四', '', '']]);
    expect(d.facts).toBe(CASE.summary);
    expect(d.terms[0]).toBe('李四偿还张三借款人民币20000元。');
    expect(d.performance).toEqual([
      { itemId: 'i1', obligorPartyId: 'p2', obligeePartyId: 'p1', description: '李四向张三偿还借款', amountYuan: 20000, method: '银行转账或微信转账', place: '桃园社区调委会', dueDate: '2026-03-17' },
    ]);
    const fields = validateAgreement(d, PARTIES, '2026-03-02').map((i) => i.field);
    expect(fields).toEqual(expect.arrayContaining(['parties[0].idNumber', 'parties[0].address', 'parties[1].idNumber', 'parties[1].address']));
  });

  it('several parties: the clauses name everyone on each side; an organisation is listed by credit code with its representative', () => {
    const group = {
      ...CASE,
      category: 'property',
      parties: [
        { partyId: 'p1', role: 'applicant' as const, name: '业主甲' },
        { partyId: 'p2', role: 'applicant' as const, name: '业主乙' },
        { partyId: 'p3', role: 'respondent' as const, name: '安居物业公司', kind: 'organisation' as const, representative: '王经理' },
      ],
    };
    const d = draftFromTemplate(group, 'property', {}, '2026-03-02');
    expect(d.parties[2]).toMatchObject({ kind: 'organisation', idType: 'credit_code', representative: '王经理' });
    expect(d.parties).toHaveLength(3);
    expect([...d.terms, d.disputedMatters, d.responsibilities].join('')).toContain('业主甲、业主乙');
  });

  it('an unknown category falls back to the general template', () => {
    const d = draftFromTemplate(CASE, 'pets', {}, '2026-03-02');
    expect(d.terms[0]).toContain('李四向张三支付');
  });

  it('blanks the template leaves are refused where they are', () => {
    const d = draftFromTemplate({ ...CASE, facts: {} }, 'neighbourhood', { place: '调委会' }, '2026-03-02');
    const issues = validateAgreement(d, PARTIES, '2026-03-02').filter((i) => i.code === 'BLANK_NOT_FILLED');
    expect(issues.map((i) => i.field)).toEqual(expect.arrayContaining(['disputedMatters', 'responsibilities', 'terms[0]']));
    expect(JSON.stringify(d)).toContain(TEMPLATE_BLANK);
    // A blank left in text the mediator typed is refused too.
    const bad = agreementContent({ terms: [`赔偿${TEMPLATE_BLANK}元`] });
    expect(validateAgreement(bad, PARTIES, '2026-03-02').map((i) => i.field)).toContain('terms[0]');
  });
});

describe('identity numbers kept masked', () => {
  const digest = 'a'.repeat(64);
  it('a masked number with a digest passes; the digest is part of the hash', () => {
    const [p1, p2] = agreementContent().parties;
    const masked = agreementContent({ parties: [{ ...p1, idNumber: '110105********002X', idDigest: digest }, p2] });
    expect(validateAgreement(masked, PARTIES, '2026-03-02')).toEqual([]);
    const other = agreementContent({ parties: [{ ...p1, idNumber: '110105********002X', idDigest: 'b'.repeat(64) }, p2] });
    expect(agreementHash(other)).not.toBe(agreementHash(masked));
  });

  it('a masked number without a digest, or a malformed digest, is refused', () => {
    const [p1, p2] = agreementContent().parties;
    const issues = (p: typeof p1) => validateAgreement(agreementContent({ parties: [p, p2] }), PARTIES, '2026-03-02').map((i) => i.code);
    expect(issues({ ...p1, idNumber: '110105********002X' })).toContain('PARTY_ID_INVALID');
    expect(issues({ ...p1, idNumber: '110105********002X', idDigest: 'xyz' })).toContain('PARTY_ID_INVALID');
  });
});

describe('satisfaction rating', () => {
  const visited = () => run(seedPerforming(), [[{ type: 'record_return_visit', visit: { result: 'not_performed', notes: '尚未付款' } }, ctx(mediator)]]);

  it('a party rates once, after a return visit, 1 to 5', () => {
    expect(code(seedPerforming(), { type: 'rate_service', partyId: 'p1', score: 4 }, ctx(actors.resident))).toBe('RATING_TOO_EARLY');
    const c = visited();
    expect(code(c, { type: 'rate_service', partyId: 'p1', score: 0 }, ctx(actors.resident))).toBe('SATISFACTION_INVALID');
    expect(code(c, { type: 'rate_service', partyId: 'p1', score: 4.5 }, ctx(actors.resident))).toBe('SATISFACTION_INVALID');
    expect(code(c, { type: 'rate_service', partyId: 'p1', score: 4 }, ctx(mediator))).toBe('NOT_THE_PARTY');
    const rated = run(c, [[{ type: 'rate_service', partyId: 'p1', score: 4, comment: ' 很耐心 ' }, ctx(actors.resident)]]);
    expect(rated.ratings).toEqual([{ partyId: 'p1', score: 4, comment: '很耐心', at: expect.any(String) }]);
    expect(rated.status).toBe('performing');
    expect(code(rated, { type: 'rate_service', partyId: 'p1', score: 5 }, ctx(actors.resident))).toBe('ALREADY_RATED');
    expect(code(rated, { type: 'rate_service', partyId: 'p2', score: 2 }, ctx(actors.respondent))).toBe('OK');
  });

  it('a closed case can still be rated, and stays closed with its outcome', () => {
    const closed = run(seedInMediation(), [[{ type: 'close', outcome: 'failed', reason: '分歧较大', guidance: '可以向人民法院起诉' }, ctx(mediator)]]);
    const rated = run(closed, [[{ type: 'rate_service', partyId: 'p2', score: 2 }, ctx(actors.respondent)]]);
    expect(rated).toMatchObject({ status: 'closed', outcome: 'failed', ratings: [{ partyId: 'p2', score: 2 }] });
    // Other commands are still refused on a closed case.
    expect(code(rated, { type: 'close', outcome: 'failed', reason: '再结一次', guidance: 'x' }, ctx(mediator))).toBe('CASE_CLOSED');
  });
});

describe('other routes when mediation fails', () => {
  it('labour disputes go to arbitration first; contract disputes may also arbitrate; traffic may ask the police', () => {
    expect(suggestedRoutes({ category: 'labour' })).toEqual(['labour_arbitration']);
    expect(suggestedRoutes({ category: 'contract' })).toEqual(['litigation', 'arbitration']);
    expect(suggestedRoutes({ category: 'traffic' })).toEqual(['litigation', 'administrative']);
  });

  it('an agreement in force adds the judicial-confirmation path with its last day', () => {
    const c = { category: 'debt', agreement: { form: 'written' as const, effectiveAt: '2026-03-02T02:00:00.000Z', judicialConfirmationBy: '2026-04-01' } };
    expect(suggestedRoutes(c)).toContain('judicial_confirmation');
    const text = explainRoutes(['judicial_confirmation', 'litigation', 'litigation'], c, '请保留好相关证据。');
    const lines = text.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^1\. 申请司法确认：.*2026-04-01前共同向人民法院申请司法确认/);
    expect(lines[2]).toMatch(/^2\. 向人民法院起诉/);
    expect(lines[3]).toBe('请保留好相关证据。');
  });
});
