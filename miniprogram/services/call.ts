// The one place a cloud function is called: callFunction(name, action, data, opts). Pages never call it
// directly; they use the typed API objects of services/api.ts, which are built on it.
// It always resolves to the envelope; network trouble becomes { ok: false, code: 'NETWORK_ERROR' } after
// a few retries that all carry the same requestId. Business errors come back at once, never retried.
import type { CallEvent, CallResult } from '../../src/server/contract';
import { CALL_TIMEOUT_MS, RETRY, TRANSPORT } from '../config';
import { clientError, type ErrorCode } from './errors';
import { newRequestId } from './request-id';
import { Transport, TransportError, transportFor } from './transport';

export interface CallOptions {
  /**
   * The id of this user intent. Pass the same id again when the user taps "retry" after a failure of
   * the same submission; left out, a fresh one is made for this call and kept across its retries.
   */
  requestId?: string;
  /** Extra attempts after a network failure (default from config). 0 turns retrying off. */
  retries?: number;
  /** Time limit of one attempt in milliseconds. */
  timeoutMs?: number;
}

export interface CallerDeps {
  transport: Transport;
  /** Waits between attempts; tests pass an instant one. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  retries?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  timeoutMs?: number;
}

/** An answer as the phone sees it: the data, or a failure whose code is a server or phone code. */
export type Answer<T> = CallResult<T, ErrorCode>;

export type CallFunction = <T>(name: string, action: string, data?: unknown, opts?: CallOptions) => Promise<Answer<T>>;

/**
 * Each cloud function's own time limit in seconds (its cloudfunctions/<name>/config.json `timeout`; a test
 * keeps the two equal). The phone waits that long and a little more before counting an attempt as lost, so it
 * never gives up on — and starts a second run beside — a call the function is still allowed to finish.
 */
export const FUNCTION_TIMEOUT_S: Readonly<Record<string, number>> = { agreement: 20, booking: 20, case: 20, org: 10, report: 60, user: 10 };
const TIMEOUT_MARGIN_MS = 5_000;
/** A function allowed this long is not run again after a timeout: the user asks again if they still want it. */
const SLOW_FUNCTION_S = 30;

/** How long the phone waits for one attempt at function `name`. */
export function attemptTimeoutMs(name: string): number {
  const limit = FUNCTION_TIMEOUT_S[name];
  return limit === undefined ? CALL_TIMEOUT_MS : Math.max(CALL_TIMEOUT_MS, limit * 1000 + TIMEOUT_MARGIN_MS);
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Exponential back-off with "equal jitter": half fixed, half random, capped. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const exp = Math.min(maxMs, baseMs * 2 ** attempt);
  return Math.round(exp / 2 + (random() * exp) / 2);
}

export function createCaller(deps: CallerDeps): CallFunction {
  const sleep = deps.sleep ?? realSleep;
  const random = deps.random ?? Math.random;
  const baseDelayMs = deps.baseDelayMs ?? RETRY.baseDelayMs;
  const maxDelayMs = deps.maxDelayMs ?? RETRY.maxDelayMs;

  return async function callFunction<T>(name: string, action: string, data?: unknown, opts: CallOptions = {}) {
    const retries = Math.max(0, opts.retries ?? deps.retries ?? RETRY.retries);
    const timeoutMs = opts.timeoutMs ?? deps.timeoutMs ?? attemptTimeoutMs(name);
    const slow = (FUNCTION_TIMEOUT_S[name] ?? 0) > SLOW_FUNCTION_S;
    // Every call carries an id: the server requires one for mutations and ignores it for queries, so a
    // page cannot forget it. It is fixed here, before the first attempt, and never regenerated.
    const event: CallEvent = { action, data: data ?? {}, requestId: opts.requestId ?? newRequestId() };

    for (let attempt = 0; ; attempt++) {
      try {
        return (await deps.transport.send(name, event, timeoutMs)) as Answer<T>;
      } catch (err) {
        const failure = err instanceof TransportError ? err : new TransportError('network', String(err));
        if (!failure.retryable) {
          return clientError(failure.failure === 'server' ? 'SERVICE_UNAVAILABLE' : 'BAD_RESPONSE');
        }
        if (attempt >= retries || (slow && failure.failure === 'timeout')) return clientError('NETWORK_ERROR');
        await sleep(backoffDelay(attempt, baseDelayMs, maxDelayMs, random));
      }
    }
  };
}

let defaultCaller: CallFunction | undefined;

/** Calls cloud function `name`, route `action`, over the transport chosen in config.ts. */
export const callFunction: CallFunction = (name, action, data, opts) => {
  defaultCaller ??= createCaller({ transport: transportFor(TRANSPORT) });
  return defaultCaller(name, action, data, opts);
};

/**
 * Replaces what callFunction uses (a fake transport in tests, an instant sleep, other retry numbers);
 * with no argument, goes back to the configured transport.
 */
export function configureCaller(deps?: CallerDeps): void {
  defaultCaller = deps ? createCaller(deps) : undefined;
}
