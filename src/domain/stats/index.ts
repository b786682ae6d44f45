export * from './period';
export * from './figures';
export * from './screening';
export * from './mediator-figures';
export * from './subsidy';
export * from './figure-facts';
export * from './register-keys';
export * from './board';
