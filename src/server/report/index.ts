// What other areas may use of the report area: the timer's jobs (the figures' roll-up, the generated files' expiry),
// and how far the roll-up has counted (the staff list's caseloads are as of then).
export type { AccountCaseload } from './boards';
export { ROLL_UP_AS_OF_JOIN, rollUpAsOf, rollUpFigures } from './figure-counters';
export { expireGeneratedFiles } from './files';
