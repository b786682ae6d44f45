// One error type for every function. Its code comes from the catalogue (../error-codes.ts), so a code that is
// not in it does not compile; the message is Chinese and safe to show, the catalogue's unless a more specific
// one is given.
import { ERROR_CATALOGUE, KERNEL_ERRORS, type ErrorCode } from '../error-codes';

export type { ErrorCode } from '../error-codes';

/** The kernel's own sentences (kept under this name for the dispatcher). */
export const ERROR_MESSAGES = KERNEL_ERRORS;

export type KernelErrorCode = keyof typeof KERNEL_ERRORS;

export class AppError extends Error {
  constructor(
    /** Stable UPPER_SNAKE code from the catalogue. */
    public readonly code: ErrorCode,
    /** Chinese, safe to show to the user; the catalogue's sentence when left out. */
    message?: string,
    public readonly fields?: Record<string, string>,
  ) {
    super(message ?? ERROR_CATALOGUE[code] ?? KERNEL_ERRORS.INTERNAL);
    this.name = 'AppError';
  }

  static of(code: KernelErrorCode, fields?: Record<string, string>): AppError {
    return new AppError(code, KERNEL_ERRORS[code], fields);
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError || (typeof e === 'object' && e !== null && (e as { name?: string }).name === 'AppError');
}
