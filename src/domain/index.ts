// The rules of people's mediation (人民调解), with no platform import: time, the organisation tree,
// the calendar and the deployment's rules are passed in. This file is the public API.
export * from './case';
export * from './triage';
export * from './agreement';
export * from './personal';
export * from './org';
export * from './calendar';
export * from './booking';
export * from './config';
export type { DomainError, Result } from './shared/errors';
export { chinaDateOf, endOfChinaDay, formatChinaTime, isIsoDate, isIsoInstant, type IsoDate, type IsoInstant } from './shared/time';
export * from './stats';
