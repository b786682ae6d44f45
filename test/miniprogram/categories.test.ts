// The categories the mini-program offers (generated from the server's tables) are categories the server knows,
// so a filing never fails on its code.
import { CATEGORY_LABEL } from '../../src/domain/config/categories';
import { FILING_CATEGORIES } from '../../miniprogram/generated/labels';
import { CATEGORIES } from '../../miniprogram/pkg-resident/pages/dispute/apply/form';

it('every category offered is a server category code, offered once, with a name', () => {
  const codes = FILING_CATEGORIES.map((c) => c.value);
  expect(codes.length).toBeGreaterThan(5);
  expect(codes.filter((c) => !(c in CATEGORY_LABEL))).toEqual([]);
  expect(new Set(codes).size).toBe(codes.length);
  expect(FILING_CATEGORIES.filter((c) => !c.label.trim())).toEqual([]);
});

it('the filing wizard offers exactly the generated list', () => {
  expect(CATEGORIES).toBe(FILING_CATEGORIES);
});
