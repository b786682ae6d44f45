export * from './holidays';
export * from './working-days';
