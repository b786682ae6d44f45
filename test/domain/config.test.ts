import { DEFAULT_RULES, HOLIDAYS_2027_STATUTORY, OFFICIAL_HOLIDAYS, buildCalendar, checkHolidayYears, checkRulesOverride, deadlineAfter, isWorkingDay, parseDeploymentRules, triage } from '../../src/domain';
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

describe('rules per deployment (DOMAIN: "configurable per deployment (thresholds, category lists, the organisation tree)")', () => {
  it('a partial override merges onto the defaults: only what it names changes, a list given replaces the list', () => {
    const r = checkRulesOverride({ triage: { largeAmountYuan: 10_000, districtCategories: ['land_requisition'] }, deadlines: { mediation: { amount: 20 } } }, DEFAULT_RULES);
    if (!r.ok) throw new Error(r.problems.join('\n'));
    expect(r.value.triage).toEqual({ ...DEFAULT_RULES.triage, largeAmountYuan: 10_000, districtCategories: ['land_requisition'] });
    expect(r.value.deadlines.mediation).toEqual({ amount: 20, unit: 'calendar_days' });
    expect(r.value.deadlines.triage).toEqual(DEFAULT_RULES.deadlines.triage);
    expect(r.value.emergencyNumbers).toEqual(DEFAULT_RULES.emergencyNumbers);
    // Nothing given: the defaults as they are.
    expect(checkRulesOverride(undefined, DEFAULT_RULES)).toEqual({ ok: true, value: DEFAULT_RULES });
  });

  it('an invalid override is refused with every problem, in Chinese, at its place under `rules`', () => {
    const r = checkRulesOverride({ triage: { largeAmountYuan: -1, groupPeopleMin: 3 }, deadlines: { mediation: { unit: 'weeks' } }, colour: 'red' }, DEFAULT_RULES);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/^rules\.triage\.largeAmountYuan: 数值过小/),
      expect.stringMatching(/^rules\.triage: 群体性纠纷人数门槛必须大于街道受理人数门槛/),
      expect.stringMatching(/^rules\.deadlines\.mediation\.unit: 无效选项/),
      expect.stringMatching(/^rules: 出现未知的键.*colour/),
    ]));
    expect(checkRulesOverride('strict', DEFAULT_RULES)).toEqual({ ok: false, problems: [expect.stringContaining('应为对象')] });
  });

  it("holiday years: a deployment's year replaces the shipped one (the State Council's 2027 notice over the provisional days), others are added", () => {
    const notice2027 = {
      year: 2027,
      source: '国务院办公厅关于2027年部分节假日安排的通知（示例）',
      holidays: [{ name: '春节', from: '2027-02-05', to: '2027-02-12' }],
      makeUpWorkdays: ['2027-02-13'],
    };
    const r = checkHolidayYears([notice2027, { year: 2028, source: '示例', holidays: [], makeUpWorkdays: [] }], OFFICIAL_HOLIDAYS);
    if (!r.ok) throw new Error(r.problems.join('\n'));
    expect(r.value.map((y) => `${y.year}${y.provisional ? '*' : ''}`)).toEqual(['2026', '2027', '2028']);
    const cal = buildCalendar(r.value);
    expect(cal.provisionalYears).toEqual([]);
    expect(isWorkingDay(cal, '2027-02-10')).toBe(false); // a bridging day of the notice
    expect(isWorkingDay(cal, '2027-02-13')).toBe(true); // a Saturday made a working day (调休)
    expect(isWorkingDay(buildCalendar(OFFICIAL_HOLIDAYS), '2027-02-10')).toBe(true);
    // Without the notice, 2027 stays provisional.
    expect(buildCalendar(OFFICIAL_HOLIDAYS).provisionalYears).toEqual([HOLIDAYS_2027_STATUTORY.year]);
    // A working-day deadline across the holiday follows the loaded notice.
    expect(deadlineAfter(cal, '2027-02-04T02:00:00.000Z', { amount: 1, unit: 'working_days' })).toBe(new Date('2027-02-13T23:59:59.999+08:00').toISOString());
  });

  it('holiday years with mistakes, or a year given twice, are refused with each problem in Chinese', () => {
    const r = checkHolidayYears([
      { year: 2028, source: 'x', holidays: [{ name: '元旦', from: '2027-12-31', to: '2028-01-01' }], makeUpWorkdays: [] },
      { year: 2029, source: 'x', holidays: [], makeUpWorkdays: [] },
      { year: 2029, source: 'y', holidays: [], makeUpWorkdays: [] },
    ], OFFICIAL_HOLIDAYS);
    expect(r).toEqual({ ok: false, problems: [expect.stringMatching(/^holidays\.0: 节假日日期必须属于所声明的年份/), 'holidays.2: 2029年重复'] });
  });
});
