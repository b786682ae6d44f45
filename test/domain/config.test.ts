import { DEFAULT_RULES, parseDeploymentRules, triage } from '../../src/domain';
import { TREE } from './fixtures';

describe('deployment rules', () => {
  it('the shipped default passes its own schema', () => {
    expect(parseDeploymentRules(JSON.parse(JSON.stringify(DEFAULT_RULES)))).toEqual({ ok: true, value: DEFAULT_RULES });
  });

  it('a deployment can load its own thresholds, and triage follows them', () => {
    const json = JSON.parse(JSON.stringify(DEFAULT_RULES));
    json.triage.largeAmountYuan = 10_000;
    const parsed = parseDeploymentRules(json);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const facts = { category: 'debt', communityId: 'c1a', amountYuan: 20_000, peopleInvolved: 2, risk: 'low' as const };
    expect(triage(facts, TREE, DEFAULT_RULES).orgId).toBe('C1A');
    expect(triage(facts, TREE, parsed.value).orgId).toBe('S1');
  });

  it('reports every problem in Chinese, with where it is', () => {
    const json = JSON.parse(JSON.stringify(DEFAULT_RULES));
    json.triage.groupPeopleMin = 3; // below the street threshold of 5
    json.deadlines.triage = { amount: 1, unit: 'weeks' };
    json.unknownField = true;
    const parsed = parseDeploymentRules(json);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.code).toBe('CONFIG_INVALID');
    expect(parsed.error.message).toContain('群体性纠纷人数门槛');
    expect(parsed.error.message).toContain('deadlines.triage.unit');
    expect(parsed.error.message).toContain('unknownField');
  });
});
