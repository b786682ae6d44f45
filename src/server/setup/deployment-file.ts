// Reading a deployment file for scripts/load-deployment.cjs: JSON, then DeploymentSchema, then the references
// checkDeployment verifies, each problem as one readable line; and what loading it would write.
import { z } from 'zod';
import { checkDeployment, DeploymentSchema, type Deployment } from './deployment';

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
  ];
}
