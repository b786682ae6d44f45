// Reading a deployment file for scripts/load-deployment.cjs: JSON, then DeploymentSchema, then the references
// checkDeployment verifies, each problem as one readable line; and what loading it would write.
import { z } from 'zod';
import { checkDeployment, DeploymentSchema, type Deployment } from './deployment';
import { settingsFromDoc } from './settings';
import { CATEGORY_LABEL, FILING_CATEGORIES } from '../../domain/config/categories';

export type ParsedDeployment = { ok: true; deployment: Deployment } | { ok: false; problems: string[] };

export function parseDeploymentFile(text: string): ParsedDeployment {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, problems: [`not valid JSON: ${(e as Error).message}`] };
  }
  const parsed = DeploymentSchema.safeParse(json);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(top level)'}: ${issueText(i)}`) };
  }
  const problems = checkDeployment(parsed.data);
  return problems.length ? { ok: false, problems } : { ok: true, deployment: parsed.data };
}

function issueText(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown field(s) ${issue.keys.join(', ')}`;
  return issue.message;
}

/** What applyDeployment writes, one line per collection (for --dry-run). */
export function describeDeployment(d: Deployment): string[] {
  const rooms = d.orgs.flatMap((o) => o.rooms.map((r) => r.id));
  const withHours = d.staff.filter((s) => s.availability.length);
  return [
    `deployment "${d.name}"`,
    `communities: ${d.communities.length} (${d.communities.map((c) => c.id).join(', ')})`,
    `orgs: ${d.orgs.length} (${d.orgs.map((o) => o.id).join(', ')})`,
    `rooms: ${rooms.length}${rooms.length ? ` (${rooms.join(', ')})` : ''}`,
    `availability: ${withHours.length}${withHours.length ? ` (${withHours.map((s) => s.name).join(', ')})` : ''}`,
    `users (staff): ${d.staff.length} (${d.staff.map((s) => `${s.name} ${s.roles.map((r) => `${r.role}@${r.orgId}`).join('/')}`).join(', ')})`,
    ...settingsLines(d),
  ];
}

/** The settings line: which rules the file changes, and the holiday years in force, the provisional ones flagged. */
function settingsLines(d: Deployment): string[] {
  const s = settingsFromDoc({ rules: d.rules ?? null, holidays: d.holidays ?? [], categories: d.categories ?? null });
  const added = s.categories.filing.filter((c) => !(c.code in CATEGORY_LABEL));
  const hidden = FILING_CATEGORIES.filter((c) => !s.categories.filing.some((f) => f.code === c.code));
  const changed = d.rules && typeof d.rules === 'object' ? leafPaths(d.rules as Record<string, unknown>) : [];
  const provisional = s.holidayYears.filter((y) => y.provisional).map((y) => y.year);
  return [
    `settings: rules ${changed.length ? `override ${changed.join(', ')} (the rest as shipped)` : 'as shipped (no override)'}`,
    `categories: ${added.length || hidden.length ? [added.length ? `added ${added.map((c) => `${c.code} ${c.name}`).join(', ')}` : '', hidden.length ? `hidden from filing ${hidden.map((c) => c.code).join(', ')}` : ''].filter(Boolean).join('; ') : 'as shipped'} (${s.categories.filing.length} offered for filing)`,
    `holidays: ${s.holidayYears.map((y) => `${y.year}${y.provisional ? ' (provisional)' : ''}`).join(', ')}${d.holidays?.length ? ` — from the file: ${d.holidays.length} year(s)` : ''}`,
    ...(provisional.length
      ? [`warning: holidays of ${provisional.join(', ')} are provisional (statutory days only, no bridging or make-up days) until the State Council's notice is loaded under "holidays"`]
      : []),
  ];
}

function leafPaths(o: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    v && typeof v === 'object' && !Array.isArray(v) ? leafPaths(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}
