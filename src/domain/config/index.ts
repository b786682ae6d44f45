export * from './categories';
export * from './rules';
export * from './schema';
