/**
 * The one error shape the domain returns. `code` is stable (clients and tests match on it);
 * `message` is Chinese and safe to show to the person who tried the action.
 */
export interface DomainError {
  code: string;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: DomainError };

export function domainError(code: string, message: string): DomainError {
  return { code, message };
}
