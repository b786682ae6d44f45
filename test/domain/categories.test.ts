// A deployment's category catalogue (config/categories.ts): its own categories named and offered before 其他, the
// shipped ones it hides still named (older cases keep their names) but not offered; and the domain's texts
// (triage reasons, agreement titles) name a category through the catalogue they are given.
import { categoryCatalogue, CATEGORY_LABEL, FILING_CATEGORIES } from '../../src/domain/config/categories';
import { agreementTemplate } from '../../src/domain/agreement/templates';
import * as DOMAIN from '../../src/domain';
import { DEFAULT_RULES, LEGAL_GUIDANCE, triage } from '../../src/domain';
import { TREE } from './fixtures';

const FISHERY = { code: 'fishery', name: '渔业纠纷', shortName: '渔业' };

it('names an added category, offers it before 其他, and keeps the name of a hidden one', () => {
  const cat = categoryCatalogue({ added: [FISHERY], hiddenFromFiling: ['adoption'] });
  expect(cat.label('fishery')).toBe('渔业纠纷');
  expect(cat.label('adoption')).toBe(CATEGORY_LABEL.adoption);
  expect(cat.knows('adoption')).toBe(true);
  expect(cat.knows('whaling')).toBe(false);
  expect(cat.filing.map((c) => c.code)).toEqual([...FILING_CATEGORIES.map((c) => c.code).filter((c) => c !== 'other' && c !== 'adoption'), 'fishery', 'other']);
});

it('with no changes, offers exactly the shipped list with its short names and guidance', () => {
  expect(categoryCatalogue().filing).toEqual(FILING_CATEGORIES.map((c) => ({ code: c.code, name: CATEGORY_LABEL[c.code], shortName: c.shortLabel, guidance: LEGAL_GUIDANCE[c.code] })));
});

it("an agreement's title and a triage reason name the deployment's category", () => {
  const { label } = categoryCatalogue({ added: [FISHERY], hiddenFromFiling: [] });
  expect(agreementTemplate('fishery', label).title).toBe('渔业纠纷调解协议书');
  const rules = { ...DEFAULT_RULES, triage: { ...DEFAULT_RULES.triage, districtCategories: ['fishery'] } };
  const facts = { category: 'fishery', communityId: 'c1a', amountYuan: 2000, peopleInvolved: 2, risk: 'low' as const };
  expect(triage(facts, TREE, rules, label).reasons.map((r) => r.text)).toContain('渔业纠纷按本地规定由区矛调中心调处');
  // Without the deployment's catalogue the reason could only show the code.
  expect(triage(facts, TREE, rules).reasons.map((r) => r.text)).toContain('fishery按本地规定由区矛调中心调处');
});

describe('legal guidance per category', () => {
  it('every shipped category has short, plain guidance naming the law it rests on and the 12348 hotline', () => {
    const { CATEGORY_LABEL: labels, LEGAL_GUIDANCE: guidance, checkCategories: check } = DOMAIN;
    for (const code of Object.keys(labels)) {
      const text = guidance[code];
      expect(text).toContain('12348');
      expect(text).toMatch(/《[^》]+》/);
      // 2–4 sentences, within what the deployment file allows for its own.
      expect(text.split('。').filter(Boolean).length).toBeGreaterThanOrEqual(2);
      expect(text.split('。').filter(Boolean).length).toBeLessThanOrEqual(4);
      expect(text.length).toBeLessThanOrEqual(200);
      // The shipped text would pass the deployment file's own check.
      expect(check({ guidance: { [code]: text } }).ok).toBe(true);
    }
  });

  it("the deployment's own text replaces the shipped one; a category it adds without guidance gets the general text", () => {
    const d = DOMAIN;
    const own = '邻里纠纷请先心平气和地沟通，协商不成可以申请调解（《民法典》第二百八十八条）。法律咨询请拨打12348。';
    const cat = d.categoryCatalogue({ added: [{ code: 'fishery', name: '渔业纠纷', shortName: '渔业' }], hiddenFromFiling: [], guidance: { neighbourhood: own } });
    expect(cat.guidance('neighbourhood')).toBe(own);
    expect(cat.guidance('debt')).toBe(d.LEGAL_GUIDANCE.debt);
    expect(cat.guidance('fishery')).toBe(d.GENERAL_GUIDANCE);
    expect(cat.filing.find((c) => c.code === 'neighbourhood')?.guidance).toBe(own);
  });
});
