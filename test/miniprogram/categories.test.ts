// The categories the mini-program offers are categories the server knows, so a filing never fails on its code.
import { CATEGORY_LABEL } from '../../src/domain/config/categories';
import { CATEGORIES } from '../../miniprogram/utils/categories';

it('every category offered is a server category code, offered once', () => {
  const codes = CATEGORIES.map((c) => c.value);
  expect(codes.filter((c) => !(c in CATEGORY_LABEL))).toEqual([]);
  expect(new Set(codes).size).toBe(codes.length);
});
