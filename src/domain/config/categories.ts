import { GENERAL_GUIDANCE, LEGAL_GUIDANCE } from './guidance';
/**
 * Dispute categories known out of the box, with their Chinese names. A deployment may add its own categories
 * (the deployment file's `categories`, checked by checkCategories in config/schema.ts) and hide shipped ones from
 * filing; codes are lower_snake strings. The server names a category through its deployment's catalogue
 * (`categoryCatalogue`), never this table directly, so a county's own category reads by its own name.
 */
export const CATEGORY_LABEL: Record<string, string> = {
  neighbourhood: '邻里纠纷',
  family: '婚姻家庭纠纷',
  marriage: '婚姻纠纷',
  adoption: '收养纠纷',
  inheritance: '继承纠纷',
  support: '赡养抚养扶养纠纷',
  debt: '债务纠纷',
  contract: '合同纠纷',
  damages: '损害赔偿纠纷',
  labour: '劳动争议',
  traffic: '道路交通事故纠纷',
  medical: '医疗纠纷',
  property: '物业纠纷',
  land_contract: '土地承包经营纠纷',
  land_requisition: '征地拆迁纠纷',
  environmental_pollution: '环境污染纠纷',
  other: '其他纠纷',
};

/** The shipped name of a category (the code itself when unknown). The server uses its catalogue's `label`. */
export function categoryLabel(code: string): string {
  return CATEGORY_LABEL[code] ?? code;
}

/** Names a category code; what the domain's texts (triage reasons, agreement titles) are given. */
export type CategoryLabeller = (code: string) => string;

/**
 * What a resident picks from when filing, and staff when registering a visit, in this order, with the short
 * names that fit a phone's chip (the full name above goes on records and registers).
 */
export const FILING_CATEGORIES: ReadonlyArray<{ code: string; shortLabel: string }> = [
  { code: 'neighbourhood', shortLabel: '邻里纠纷' },
  { code: 'family', shortLabel: '婚姻家庭' },
  { code: 'marriage', shortLabel: '婚姻（离婚等）' },
  { code: 'adoption', shortLabel: '收养' },
  { code: 'inheritance', shortLabel: '继承' },
  { code: 'support', shortLabel: '赡养抚养' },
  { code: 'debt', shortLabel: '债务' },
  { code: 'contract', shortLabel: '合同' },
  { code: 'damages', shortLabel: '损害赔偿' },
  { code: 'labour', shortLabel: '劳动争议' },
  { code: 'traffic', shortLabel: '交通事故' },
  { code: 'medical', shortLabel: '医疗纠纷' },
  { code: 'property', shortLabel: '物业纠纷' },
  { code: 'land_contract', shortLabel: '土地承包' },
  { code: 'land_requisition', shortLabel: '征地拆迁' },
  { code: 'environmental_pollution', shortLabel: '环境污染' },
  { code: 'other', shortLabel: '其他' },
];

/** One category a resident or the window can pick: its code, full name (records) and short name (a phone's chip). */
export interface FilingCategory {
  code: string;
  name: string;
  shortName: string;
  /** Legal guidance (普法) shown after the category is chosen. */
  guidance: string;
}

/** A category a deployment adds (the deployment file's `categories.added`). */
export interface AddedCategory {
  code: string;
  name: string;
  shortName: string;
}

/** The deployment file's `categories`: what a county adds, and which shipped categories it no longer offers for filing. */
export interface CategoriesConfig {
  added: AddedCategory[];
  /** Shipped codes not offered when filing; their names stay, so older cases keep them. */
  hiddenFromFiling: string[];
  /** The deployment's own legal guidance, by category code, replacing the shipped text (LEGAL_GUIDANCE). */
  guidance: Record<string, string>;
}

export const NO_CATEGORY_CHANGES: CategoriesConfig = { added: [], hiddenFromFiling: [], guidance: {} };

/** A deployment's categories: every name it knows and the list offered for filing, in order. */
export interface CategoryCatalogue {
  label: CategoryLabeller;
  /** True for a code with a name (shipped or added, hidden or not). */
  knows(code: string): boolean;
  filing: FilingCategory[];
  /** The legal guidance for a category: the deployment's own, else the shipped one, else the general text. */
  guidance(code: string): string;
}

/**
 * The catalogue of a deployment: the shipped categories, then the added ones before 其他 (which stays last), the
 * hidden ones left out of filing but still named. Assumes a checked config (checkCategories).
 */
export function categoryCatalogue(config: Omit<CategoriesConfig, 'guidance'> & Partial<Pick<CategoriesConfig, 'guidance'>> = NO_CATEGORY_CHANGES): CategoryCatalogue {
  const names: Record<string, string> = { ...CATEGORY_LABEL };
  for (const a of config.added) names[a.code] = a.name;
  const shortOf = new Map(config.added.map((a) => [a.code, a.shortName]));
  const hidden = new Set(config.hiddenFromFiling);
  const guidance = (code: string) => config.guidance?.[code] ?? LEGAL_GUIDANCE[code] ?? GENERAL_GUIDANCE;
  const shipped = FILING_CATEGORIES.map((c) => ({ code: c.code, name: CATEGORY_LABEL[c.code] ?? c.code, shortName: shortOf.get(c.code) ?? c.shortLabel, guidance: guidance(c.code) }));
  const shippedCodes = new Set(shipped.map((c) => c.code));
  const added = config.added.filter((a) => !shippedCodes.has(a.code)).map((a) => ({ code: a.code, name: a.name, shortName: a.shortName, guidance: guidance(a.code) }));
  const last = shipped.filter((c) => c.code === 'other');
  const filing = [...shipped.filter((c) => c.code !== 'other'), ...added, ...last].filter((c) => !hidden.has(c.code));
  return {
    label: (code) => names[code] ?? code,
    knows: (code) => Object.prototype.hasOwnProperty.call(names, code),
    filing,
    guidance,
  };
}

/** The shipped catalogue (a deployment that changes nothing). */
export const SHIPPED_CATEGORIES: CategoryCatalogue = categoryCatalogue();
