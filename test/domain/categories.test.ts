// A deployment's category catalogue (config/categories.ts): its own categories named and offered before 其他, the
// shipped ones it hides still named (older cases keep their names) but not offered; and the domain's texts
// (triage reasons, agreement titles) name a category through the catalogue they are given.
import { categoryCatalogue, CATEGORY_LABEL, FILING_CATEGORIES } from '../../src/domain/config/categories';
import { agreementTemplate } from '../../src/domain/agreement/templates';
import { DEFAULT_RULES, triage } from '../../src/domain';
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

it('with no changes, offers exactly the shipped list with its short names', () => {
  expect(categoryCatalogue().filing).toEqual(FILING_CATEGORIES.map((c) => ({ code: c.code, name: CATEGORY_LABEL[c.code], shortName: c.shortLabel })));
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
