// The deployment's own rules, holiday years and dispute categories (the `settings` document written by the deployment loader), as the
// functions and the timer pass them to the domain. Read once per warm instance and kept briefly, like the
// organisation directory (src/server/cases/org-cache.ts): they change only when a deployment file is loaded.
//
// Stored as given in the deployment file — `rules` a partial override, `holidays` whole years — and resolved here
// on top of what the code ships (DEFAULT_RULES, OFFICIAL_HOLIDAYS), so a deployment that overrides nothing follows
// the shipped defaults as they improve. The loader refuses a file whose settings do not resolve; a document that
// still fails here (edited by hand) stops the function with the problems named rather than run on other rules.
import { buildCalendar, type WorkCalendar } from '../../domain/calendar/working-days';
import { OFFICIAL_HOLIDAYS, type HolidayYear } from '../../domain/calendar/holidays';
import { DEFAULT_RULES, type DeploymentRules } from '../../domain/config/rules';
import { categoryCatalogue, type CategoryCatalogue } from '../../domain/config/categories';
import { checkCategories, checkHolidayYears, checkRulesOverride } from '../../domain/config/schema';
import { getDoc } from '../kernel/db';
import type { Database } from '../kernel/platform';

export const SETTINGS = 'settings';
/** The one settings document of a deployment. */
export const SETTINGS_ID = 'deployment';

const TTL_MS = 60_000;

/** The `settings` document as the loader writes it. */
export interface SettingsDoc {
  /** The deployment file's `rules`: a partial override of DEFAULT_RULES, or null for none. */
  rules: unknown;
  /** The deployment file's `holidays`: whole years, each replacing the shipped year of the same number. */
  holidays: unknown[];
  /** The deployment file's `categories` (categories added, shipped ones hidden from filing), or null for none. */
  categories?: unknown;
  updatedAt?: unknown;
}

export interface DeploymentSettings {
  rules: DeploymentRules;
  calendar: WorkCalendar;
  /** The holiday years in force, the provisional ones (statutory days only) flagged. */
  holidayYears: HolidayYear[];
  /** The deployment's dispute categories: every label the server prints comes from `categories.label`. */
  categories: CategoryCatalogue;
}

/** The rules, calendar and categories a settings document stands for; no document: the shipped defaults. */
export function settingsFromDoc(doc: Partial<SettingsDoc> | undefined): DeploymentSettings {
  const rules = checkRulesOverride(doc?.rules ?? undefined, DEFAULT_RULES);
  const years = checkHolidayYears(doc?.holidays ?? [], OFFICIAL_HOLIDAYS);
  const categories = checkCategories(doc?.categories ?? undefined);
  if (!rules.ok || !years.ok || !categories.ok) {
    const problems = [...(rules.ok ? [] : rules.problems), ...(years.ok ? [] : years.problems), ...(categories.ok ? [] : categories.problems)];
    throw new Error(`the ${SETTINGS} document does not resolve (load the deployment file again):\n- ${problems.join('\n- ')}`);
  }
  return { rules: rules.value, calendar: buildCalendar(years.value), holidayYears: years.value, categories: categoryCatalogue(categories.value) };
}

let cached: { at: number; db: Database; settings: DeploymentSettings } | undefined;

export async function loadSettings(db: Database, nowMs = Date.now()): Promise<DeploymentSettings> {
  if (cached && cached.db === db && nowMs - cached.at < TTL_MS) return cached.settings;
  const settings = settingsFromDoc(await getDoc<SettingsDoc>(db, SETTINGS, SETTINGS_ID));
  cached = { at: nowMs, db, settings };
  return settings;
}

/** Tests and the deployment loader call this after changing the settings. */
export function forgetSettings(): void {
  cached = undefined;
}
