export * from './categories';
export * from './rules';
export * from './schema';
export * from './guidance';
