// The dispute categories a filing form offers: the deployment's list (`org.directory`'s `filing.categories`, its own
// categories included, the ones it hides left out), or the shipped one (generated from the server's table) until
// the directory has loaded — or when a function deployed before the list existed answers without one.
import { CATEGORY_LABEL, FILING_CATEGORIES, LEGAL_GUIDANCE } from '../generated/labels';

export interface OfferedCategory {
  code: string;
  /** Full name, as records and registers print it. */
  name: string;
  /** Short name, for a button. */
  shortName: string;
  /** Legal guidance (普法): what the law says and the 12348 hotline, shown once the category is chosen. */
  guidance: string;
}

export const SHIPPED_CATEGORIES: readonly OfferedCategory[] = FILING_CATEGORIES.map((c) => ({
  code: c.value,
  name: (CATEGORY_LABEL as Record<string, string>)[c.value] ?? c.label,
  shortName: c.label,
  guidance: (LEGAL_GUIDANCE as Record<string, string>)[c.value] ?? LEGAL_GUIDANCE.other,
}));

/** The guidance for a category code, from the deployment's list when it has loaded. */
export function guidanceFor(code: string, filing?: { categories?: readonly OfferedCategory[] }): string {
  const list = filing?.categories?.length ? filing.categories : SHIPPED_CATEGORIES;
  return list.find((c) => c.code === code)?.guidance ?? '';
}

/** The category buttons, `{ value: code, label: short name }`, in the deployment's order. */
export function categoryChoices(filing?: { categories?: readonly OfferedCategory[] }): Array<{ value: string; label: string }> {
  return (filing?.categories?.length ? filing.categories : SHIPPED_CATEGORIES).map((c) => ({ value: c.code, label: c.shortName }));
}
