export * from './content';
export * from './rules';
export { canonicalJson } from './canonical-json';
export { sha256Hex, utf8Encode } from './sha256';
export * from './templates';
export * from './other-routes';
