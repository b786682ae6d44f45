export * from './facts';
export * from './triage';
