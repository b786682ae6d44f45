// Information officers' monthly screening (矛盾纠纷排查) and brewing-dispute reports (苗头隐患): the rules the
// server applies, pure. A month's screening report is due by the end of that month (China time); a zero
// report (零报告: nothing found) is a report too, and filing it is what keeps an officer off the late list.
import { endOfChinaDay, type IsoInstant } from '../shared/time';
import type { RiskLevel } from '../triage/facts';
import { parsePeriod } from './period';

export const RISK_LABEL: Record<RiskLevel, string> = { low: '低风险', medium: '中风险', high: '高风险' };

export interface ScreeningFinding {
  category: string;
  count: number;
}

/** The last instant a month's screening report is on time. */
export function screeningDueAt(month: string): IsoInstant {
  const p = parsePeriod(month);
  if (!p || !/^\d{4}-\d{2}$/.test(month)) throw new Error(`not a month: ${month}`);
  return endOfChinaDay(p.lastDate);
}

/** Whether the report is a zero report: no dispute found anywhere in the area. */
export function isZeroReport(findings: readonly ScreeningFinding[]): boolean {
  return findings.every((f) => f.count === 0);
}

export interface OfficerRef {
  userId: string;
  orgId: string;
}

export interface LateEntry extends OfficerRef {
  /** `late`: the month's deadline has passed; `pending`: not filed yet, still within the month. */
  state: 'late' | 'pending';
  dueAt: IsoInstant;
}

/** An unfiled report for `month`: pending within the month, late after it. */
function unfiledState(month: string, now: IsoInstant): LateEntry['state'] {
  return now > screeningDueAt(month) ? 'late' : 'pending';
}

/** Where one officer's report for `month` stands: filed, or not yet (pending within the month, late after it). */
export function screeningState(month: string, filed: boolean, now: IsoInstant): 'filed' | LateEntry['state'] {
  return filed ? 'filed' : unfiledState(month, now);
}

/** Officers without a screening report for `month`, late once its deadline has passed. */
export function missingScreenings(officers: readonly OfficerRef[], filedBy: ReadonlySet<string>, month: string, now: IsoInstant): LateEntry[] {
  const dueAt = screeningDueAt(month);
  const state = unfiledState(month, now);
  return officers.filter((o) => !filedBy.has(o.userId)).map((o) => ({ ...o, state, dueAt }));
}
