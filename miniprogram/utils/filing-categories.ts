// The dispute categories a filing form offers: the deployment's list (`org.directory`'s `filing.categories`, its own
// categories included, the ones it hides left out), or the shipped one (generated from the server's table) until
// the directory has loaded — or when a function deployed before the list existed answers without one.
import { CATEGORY_LABEL, FILING_CATEGORIES } from '../generated/labels';

export interface OfferedCategory {
  code: string;
  /** Full name, as records and registers print it. */
  name: string;
  /** Short name, for a button. */
  shortName: string;
}

export const SHIPPED_CATEGORIES: readonly OfferedCategory[] = FILING_CATEGORIES.map((c) => ({
  code: c.value,
  name: (CATEGORY_LABEL as Record<string, string>)[c.value] ?? c.label,
  shortName: c.label,
}));

/** The category buttons, `{ value: code, label: short name }`, in the deployment's order. */
export function categoryChoices(filing?: { categories?: readonly OfferedCategory[] }): Array<{ value: string; label: string }> {
  return (filing?.categories?.length ? filing.categories : SHIPPED_CATEGORIES).map((c) => ({ value: c.code, label: c.shortName }));
}
