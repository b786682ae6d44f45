// What other areas may use of the report area: the timer's jobs (the figures' roll-up, the generated files' expiry).
export type { AccountCaseload } from './boards';
export { rollUpFigures } from './figure-counters';
export { expireGeneratedFiles } from './files';
