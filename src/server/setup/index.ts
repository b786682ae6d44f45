// What other areas may use of setup: the deployment's settings and roles, and the deployment tools' entry points.
export type { TStaffRole } from './deployment';
export { forgetSettings, loadSettings } from './settings';
export type { DeploymentSettings } from './settings';
export { applyDeployment, DeploymentSchema } from './deployment';
export { wxShaped } from './node-sdk-db';
export { parseDeploymentFile, describeDeployment } from './deployment-file';
