import { DOMAIN_ERRORS, type DomainErrorCode } from './error-codes';

export type { DomainErrorCode } from './error-codes';

/**
 * The one error shape the domain returns. `code` is stable (clients and tests match on it);
 * `message` is Chinese and safe to show to the person who tried the action.
 */
export interface DomainError {
  code: DomainErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: DomainError };

/** A refusal; without a message of its own it says the catalogue's sentence for the code. */
export function domainError(code: DomainErrorCode, message?: string): DomainError {
  return { code, message: message ?? DOMAIN_ERRORS[code] };
}
