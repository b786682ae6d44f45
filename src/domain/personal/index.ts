export * from './resident-id';
export * from './mobile';
export * from './mask';
