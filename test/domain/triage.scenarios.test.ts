import { DEFAULT_RULES, overrideTriage, triage, type DeploymentRules, type TriageFacts } from '../../src/domain';
import { TREE } from './fixtures';

/**
 * Triage scenarios (分级调处), one row per rule of the brief, read as documentation.
 * Tree: district centre D; street S1 (communities c1a, c1b, c1c — c1c has no committee) and S2 (c2a, c2b);
 * specialised: LAB (district, labour), TRF (S1, traffic), PRP (c1a, property).
 * Defaults: street from 50,000 yuan or 5 people; district from 10 people.
 */
interface Scenario {
  name: string;
  facts: TriageFacts;
  rules?: DeploymentRules;
  org: string;
  urgent?: boolean;
  referTo?: string;
  /** Reason codes that must be present. */
  because: string[];
  missing?: string[];
}

const base = (over: TriageFacts): TriageFacts => ({ category: 'neighbourhood', communityId: 'c1a', amountYuan: 2000, peopleInvolved: 2, risk: 'low', ...over });
const withReserved: DeploymentRules = {
  ...DEFAULT_RULES,
  triage: { ...DEFAULT_RULES.triage, reservedCategories: [{ category: 'personnel_arbitration', authority: 'labour_arbitration' }] },
};

const scenarios: Scenario[] = [
  // Community level: small disputes stay in the village (小事不出村).
  { name: 'an ordinary neighbour dispute stays with the community committee', facts: base({}), org: 'C1A', because: ['ORDINARY'] },
  { name: 'a support dispute in a village goes to that village committee', facts: base({ category: 'support', communityId: 'c1b' }), org: 'C1B', because: ['ORDINARY'] },
  { name: 'an amount just below the street threshold stays in the community', facts: base({ amountYuan: 49_999 }), org: 'C1A', because: ['ORDINARY'] },
  { name: 'four people involved stays in the community', facts: base({ peopleInvolved: 4 }), org: 'C1A', because: ['ORDINARY'] },
  // Street level: big disputes stay in the township (大事不出镇).
  { name: 'parties in two communities of the same street go to the street', facts: base({ partyCommunityIds: ['c1a', 'c1b'] }), org: 'S1', because: ['CROSS_COMMUNITY'] },
  { name: 'an amount at the threshold goes to the street', facts: base({ amountYuan: 50_000 }), org: 'S1', because: ['LARGE_AMOUNT'] },
  { name: 'five people involved goes to the street', facts: base({ peopleInvolved: 5 }), org: 'S1', because: ['MANY_PEOPLE'] },
  { name: 'nine people is still the street, not yet a group dispute', facts: base({ peopleInvolved: 9 }), org: 'S1', because: ['MANY_PEOPLE'] },
  { name: 'medium risk goes to the street', facts: base({ risk: 'medium' }), org: 'S1', because: ['MEDIUM_RISK'] },
  { name: 'a community committee escalating (上报) sends it to the street', facts: base({ escalatedByCommunity: true }), org: 'S1', because: ['ESCALATED'] },
  { name: 'a community with no committee of its own is served by its street', facts: base({ communityId: 'c1c' }), org: 'S1', because: ['NO_ORG_AT_LEVEL'] },
  // District level.
  { name: 'parties across two streets go to the district centre', facts: base({ partyCommunityIds: ['c1a', 'c2a'] }), org: 'D', because: ['CROSS_STREET'] },
  { name: 'ten people is a group dispute for the district centre', facts: base({ peopleInvolved: 10 }), org: 'D', because: ['GROUP_DISPUTE'] },
  { name: 'a matter for several departments goes to the district centre', facts: base({ crossDepartment: true }), org: 'D', because: ['CROSS_DEPARTMENT'] },
  { name: 'land requisition is a district category', facts: base({ category: 'land_requisition' }), org: 'D', because: ['DISTRICT_CATEGORY'] },
  { name: 'environmental pollution is a district category', facts: base({ category: 'environmental_pollution', communityId: 'c2b' }), org: 'D', because: ['DISTRICT_CATEGORY'] },
  { name: 'a large cross-street claim lists both reasons', facts: base({ amountYuan: 80_000, partyCommunityIds: ['c2a'] }), org: 'D', because: ['CROSS_STREET', 'LARGE_AMOUNT'] },
  // Risk.
  { name: 'high risk is urgent and goes to the district centre', facts: base({ risk: 'high' }), org: 'D', urgent: true, because: ['URGENT', 'HIGH_RISK'] },
  { name: 'a threat of self-harm makes it urgent even if typed as low risk', facts: base({ riskSignals: ['self_harm_threat'] }), org: 'D', urgent: true, because: ['URGENT', 'HIGH_RISK'] },
  { name: 'a crowd gathering makes it urgent', facts: base({ riskSignals: ['crowd_gathering'], peopleInvolved: 3 }), org: 'D', urgent: true, because: ['URGENT'] },
  // Specialised committees.
  { name: 'a labour dispute goes to the labour committee serving the area', facts: base({ category: 'labour', communityId: 'c2a' }), org: 'LAB', because: ['SPECIALISED'] },
  { name: 'a labour group dispute stays with the district-level labour committee', facts: base({ category: 'labour', peopleInvolved: 30 }), org: 'LAB', because: ['GROUP_DISPUTE', 'SPECIALISED'] },
  { name: 'a traffic accident in street S1 goes to its traffic committee', facts: base({ category: 'traffic', communityId: 'c1b', amountYuan: 60_000 }), org: 'TRF', because: ['SPECIALISED'] },
  { name: 'a traffic accident where no traffic committee serves goes to the community', facts: base({ category: 'traffic', communityId: 'c2a' }), org: 'C2A', because: ['ORDINARY'] },
  { name: 'a traffic accident across streets is beyond the street committee: district centre', facts: base({ category: 'traffic', partyCommunityIds: ['c2a'] }), org: 'D', because: ['CROSS_STREET'] },
  { name: 'a high-risk traffic accident is above the street committee: district centre', facts: base({ category: 'traffic', risk: 'high' }), org: 'D', urgent: true, because: ['HIGH_RISK', 'SPECIALISED_TOO_LOW'] },
  { name: 'a property dispute in c1a goes to the property committee there', facts: base({ category: 'property' }), org: 'PRP', because: ['SPECIALISED'] },
  { name: 'a property dispute in c1b (no property committee) goes to the village committee', facts: base({ category: 'property', communityId: 'c1b' }), org: 'C1B', because: ['ORDINARY'] },
  { name: 'a property dispute with six owners is above the community-level committee: street', facts: base({ category: 'property', peopleInvolved: 6 }), org: 'S1', because: ['MANY_PEOPLE', 'SPECIALISED_TOO_LOW'] },
  // Not for mediation: refer out with guidance, handled by the organisation that received it.
  { name: 'a suspected crime (not one mediation may take) is referred to the police', facts: base({ criminal: 'suspected', receivedByOrgId: 'C1A' }), org: 'C1A', referTo: 'police', because: ['REFER_CRIMINAL'] },
  { name: 'a suspected crime with threats is referred to the police and still urgent', facts: base({ criminal: 'suspected', risk: 'high' }), org: 'C1A', referTo: 'police', urgent: true, because: ['URGENT', 'REFER_CRIMINAL'] },
  {
    name: 'a minor criminal case nobody referred (the resident came alone) goes to the police first',
    facts: base({ criminal: 'minor_referred', receivedByOrgId: 'C1B' }),
    org: 'C1B',
    referTo: 'police',
    because: ['REFER_CRIMINAL_NOT_REFERRED'],
  },
  { name: 'a case a court already decided is referred back to the court', facts: base({ alreadyHandledBy: 'court', receivedByOrgId: 'S2' }), org: 'S2', referTo: 'court', because: ['REFER_ALREADY_HANDLED'] },
  { name: 'a case an arbitration body accepted is referred there', facts: base({ alreadyHandledBy: 'arbitration' }), org: 'C1A', referTo: 'arbitration', because: ['REFER_ALREADY_HANDLED'] },
  { name: 'a case an administrative authority decided is referred there', facts: base({ alreadyHandledBy: 'administrative' }), org: 'C1A', referTo: 'administrative', because: ['REFER_ALREADY_HANDLED'] },
  {
    name: 'a matter the deployment reserves to labour arbitration is referred there',
    facts: base({ category: 'personnel_arbitration', receivedByOrgId: 'C1B' }),
    rules: withReserved,
    org: 'C1B',
    referTo: 'labour_arbitration',
    because: ['REFER_RESERVED'],
  },
  // Missing data: never a drop; the result says what is missing.
  { name: 'no place given: the first-inquiry organisation keeps it to check', facts: { category: 'debt', receivedByOrgId: 'C1B' }, org: 'C1B', because: ['MISSING_COMMUNITY'], missing: ['communityId', 'amountYuan', 'peopleInvolved', 'risk'] },
  { name: 'no place and no receiving organisation: the district centre checks', facts: { category: 'debt' }, org: 'D', because: ['MISSING_COMMUNITY'], missing: ['communityId'] },
  { name: 'no category: routed as an ordinary dispute, flagged for review', facts: base({ category: undefined }), org: 'C1A', because: ['MISSING_CATEGORY', 'ORDINARY'], missing: ['category'] },
  { name: 'no amount or head count: routed on what is known, flagged', facts: { category: 'neighbourhood', communityId: 'c1b', risk: 'low' }, org: 'C1B', because: ['ORDINARY'], missing: ['amountYuan', 'peopleInvolved'] },
  { name: 'no place but high risk: urgent, kept where it arrived and reported up', facts: { risk: 'high', receivedByOrgId: 'C2A' }, org: 'C2A', urgent: true, because: ['URGENT', 'MISSING_COMMUNITY', 'URGENT_ALERT_UP'] },
];

/**
 * 长治郊区 (seed 004): 进一步强化"诉调对接""检调对接""公调对接"……把一些能够调解的民商事案件、刑事自诉案件、
 * 刑事附带民事案件等都列入调解范围，能调则调. Only other suspected crimes are for the police.
 */
describe('把一些能够调解的民商事案件、刑事自诉案件、刑事附带民事案件等都列入调解范围', () => {
  const scoped = (facts: TriageFacts) => triage(facts, TREE, DEFAULT_RULES);

  it('刑事自诉案件 are mediated where they belong, with the reason saying the court stays open', () => {
    const r = scoped(base({ criminal: 'private_prosecution' }));
    expect(r.referOut).toBeUndefined();
    expect(r.orgId).toBe('C1A');
    expect(r.reasons.find((x) => x.code === 'CRIMINAL_PRIVATE_PROSECUTION')?.text).toMatch(/刑事自诉.*可以调解/);
  });

  it('刑事附带民事 matters are mediated for the civil part only', () => {
    const r = scoped(base({ criminal: 'incidental_civil', amountYuan: 60_000 }));
    expect(r.referOut).toBeUndefined();
    expect(r.orgId).toBe('S1');
    expect(r.reasons.map((x) => x.code)).toEqual(expect.arrayContaining(['LARGE_AMOUNT', 'CRIMINAL_INCIDENTAL_CIVIL']));
    expect(r.reasons.find((x) => x.code === 'CRIMINAL_INCIDENTAL_CIVIL')?.text).toMatch(/只调解民事赔偿/);
  });

  it('公调对接: a minor case a police station refers is mediated', () => {
    const r = scoped(base({ criminal: 'minor_referred', referredBy: 'police' }));
    expect(r.referOut).toBeUndefined();
    expect(r.reasons.find((x) => x.code === 'CRIMINAL_REFERRED')?.text).toMatch(/公调对接/);
  });

  it('检调对接: a minor case the procuratorate refers is mediated', () => {
    const r = scoped(base({ criminal: 'minor_referred', referredBy: 'procuratorate' }));
    expect(r.referOut).toBeUndefined();
    expect(r.reasons.find((x) => x.code === 'CRIMINAL_REFERRED')?.text).toMatch(/检调对接/);
  });

  it('a minor criminal case referred by anyone else (a court, a petition office, nobody) is for the police', () => {
    for (const referredBy of [undefined, 'court', 'petition_office'] as const) {
      expect(scoped(base({ criminal: 'minor_referred', ...(referredBy ? { referredBy } : {}) })).referOut?.authority).toBe('police');
    }
  });

  it('any other suspected crime is referred to the police, even when the police brought it', () => {
    expect(scoped(base({ criminal: 'suspected', referredBy: 'police' })).referOut?.authority).toBe('police');
  });
});

describe('triage scenarios', () => {
  it.each(scenarios.map((s) => [s.name, s] as const))('%s', (_name, s) => {
    const result = triage(s.facts, TREE, s.rules ?? DEFAULT_RULES);
    expect(result.orgId).toBe(s.org);
    expect(result.urgent).toBe(s.urgent ?? false);
    expect(result.referOut?.authority).toBe(s.referTo);
    expect(result.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(s.because));
    for (const field of s.missing ?? []) expect(result.missing).toContain(field);
    // Explainable: every reason is a Chinese sentence.
    for (const r of result.reasons) expect(r.text).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('covers at least 30 scenarios', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(30);
  });

  it('shows emergency numbers only when urgent', () => {
    expect(triage(base({ risk: 'high' }), TREE, DEFAULT_RULES).emergencyNumbers.map((n) => n.number)).toContain('110');
    expect(triage(base({}), TREE, DEFAULT_RULES).emergencyNumbers).toEqual([]);
  });

  it('gives the level of the chosen organisation and whether it is specialised', () => {
    expect(triage(base({ amountYuan: 60_000 }), TREE, DEFAULT_RULES)).toMatchObject({ level: 'street', specialised: false });
    expect(triage(base({ category: 'property' }), TREE, DEFAULT_RULES)).toMatchObject({ level: 'community', specialised: true });
  });
});

describe("a director's override", () => {
  const suggested = triage(base({}), TREE, DEFAULT_RULES);

  it('is recorded with who, when, the suggestion and the reason', () => {
    const r = overrideTriage(suggested, 'S1', ' 当事人系街道干部，需回避 ', 'S1-director', '2026-03-02T02:00:00.000Z', TREE);
    expect(r).toEqual({
      ok: true,
      value: { suggestedOrgId: 'C1A', chosenOrgId: 'S1', reason: '当事人系街道干部，需回避', by: 'S1-director', at: '2026-03-02T02:00:00.000Z' },
    });
  });

  it('needs a written reason', () => {
    const r = overrideTriage(suggested, 'S1', '  ', 'S1-director', '2026-03-02T02:00:00.000Z', TREE);
    expect(r.ok ? 'ok' : r.error.code).toBe('REASON_REQUIRED');
  });

  it('must name an organisation of the tree', () => {
    const r = overrideTriage(suggested, 'NOPE', '理由', 'S1-director', '2026-03-02T02:00:00.000Z', TREE);
    expect(r.ok ? 'ok' : r.error.code).toBe('ORG_NOT_FOUND');
  });
});
