// The wire contract between the mini-program and every cloud function.
// Types only, so the mini-program can `import type` them without pulling code in.
import type { ErrorCode } from './error-codes';

/** What a caller sends: `wx.cloud.callFunction({ name, data: event })` or `POST /fn/<name>` locally. */
export interface CallEvent<TData = unknown> {
  /** Route name inside the function, e.g. `file` in the `case` function. */
  action: string;
  /** The action's input; validated by the action's zod schema (unknown fields rejected). */
  data?: TData;
  /**
   * Client request id for mutating actions: the same id replayed returns the first result;
   * the same id with a different payload is an error. The mini-program keeps it across retries.
   */
  requestId?: string;
}

export interface OkResult<T> {
  ok: true;
  data: T;
}

export interface ErrResult<C extends string = ErrorCode> {
  ok: false;
  /** Stable machine code from the catalogue (error-codes.ts), e.g. `VALIDATION_FAILED`. */
  code: C;
  /** Chinese message safe to show to the user. */
  message: string;
  /** Field-level problems for forms: path → Chinese message. */
  fields?: Record<string, string>;
}

export type CallResult<T, C extends string = ErrorCode> = OkResult<T> | ErrResult<C>;
