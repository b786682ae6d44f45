// The bench (scripts/bench) measures every action: each action of every function has its scenario, and no
// scenario is left for an action that is gone. A new action fails here until scripts/bench/scenarios.ts has one.
import { allRoutes } from '../helpers/functions';
import { SCENARIOS, VARIANTS, type Fixture } from '../../scripts/bench/scenarios';
import { TYPICAL_REVISION, TYPICAL_TEXT } from '../helpers/typical-text';

it('has a bench scenario for every action of every function, and none for an action that is gone', () => {
  const actions = Object.entries(allRoutes()).flatMap(([fn, routes]) => Object.keys(routes).map((a) => `${fn}.${a}`));
  const missing = actions.filter((k) => !SCENARIOS[k]);
  const stale = Object.keys(SCENARIOS).filter((k) => !actions.includes(k));
  expect({ missing, stale }).toEqual({ missing: [], stale: [] });
});

it('has named variants only of actions that exist', () => {
  const actions = Object.entries(allRoutes()).flatMap(([fn, routes]) => Object.keys(routes).map((a) => `${fn}.${a}`));
  expect(Object.keys(VARIANTS).filter((k) => !actions.includes(k))).toEqual([]);
});

it('publishes and revises typical cases with the texts the role matrix uses (one fixture, test/helpers/typical-text.ts)', () => {
  const f = { caseId: 'c00000000000000000001', typicalId: 't00000000000000000001' } as Fixture;
  expect(SCENARIOS['org.publishTypical'].input!(f)).toEqual({ caseId: f.caseId, orgId: 'liuan-committee', ...TYPICAL_TEXT });
  expect(SCENARIOS['org.reviseTypical'].input!(f)).toEqual({ typicalId: f.typicalId, ...TYPICAL_REVISION });
});
