// Entry of .build/db-tools.cjs (built by `npm run build`): what scripts/apply-database.cjs and
// scripts/load-deployment.cjs need from the TypeScript sources, so they run from a clean clone after a build.
export { SCHEMA, STORAGE_RULE } from './schema';
export { planDatabase, describeStep, toCreateIndex, fromIndexInfo, ruleText } from './plan';
export { applyDeployment, DeploymentSchema, wxShaped, parseDeploymentFile, describeDeployment } from '../setup/index';
