export * from './period';
export * from './figures';
export * from './screening';
