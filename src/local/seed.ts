// Demo data for `npm start`: loaded once, through the same deployment loader a real environment uses.
import { applyDeployment, DeploymentSchema } from '../server/setup/deployment';
import { getCloud } from '../server/kernel/platform';
import demo from './demo-deployment.json';
import type { LocalRuntime } from './runtime';

/** The OPENIDs to send as X-Openid to act as each demo person. */
export const DEMO_OPENIDS = {
  resident: 'demo-resident',
  respondent: 'demo-respondent',
  mediator: 'demo-mediator',
  director: 'demo-director',
  streetDirector: 'demo-street-director',
  intake: 'demo-intake',
  officer: 'demo-officer',
  supervisor: 'demo-supervisor',
} as const;

export const demoDeployment = DeploymentSchema.parse(demo);

/** Seeds the demo deployment if the store has no organisations yet. Returns whether it seeded. */
export async function seedDemo(runtime: LocalRuntime, now = new Date()): Promise<boolean> {
  if (runtime.db.dump('orgs').length > 0) return false;
  const db = getCloud().database();
  await applyDeployment(db as never, demoDeployment, now);
  return true;
}
