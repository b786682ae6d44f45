// The two ways a call reaches a cloud function. Both resolve to the wire envelope or reject with a
// TransportError that says whether trying again could help.
import type { CallEvent, CallResult } from '../../src/server/contract';
import { CLOUD_ENV, LOCAL_BASE_URL, LOCAL_OPENID, TransportKind } from '../config';

export type TransportFailure =
  /** The request may not have reached the server, or its answer did not come back. */
  | 'network'
  /** No answer within the time limit. */
  | 'timeout'
  /** The platform or the function itself failed in a way another attempt will not fix. */
  | 'server'
  /** Something answered, but not with the envelope. */
  | 'bad_response';

export class TransportError extends Error {
  constructor(
    readonly failure: TransportFailure,
    readonly detail: string,
  ) {
    super(`${failure}: ${detail}`);
    this.name = 'TransportError';
  }

  get retryable(): boolean {
    return this.failure === 'network' || this.failure === 'timeout';
  }
}

export interface Transport {
  readonly kind: TransportKind | 'fake';
  send(name: string, event: CallEvent, timeoutMs: number): Promise<CallResult<unknown>>;
}

export function isEnvelope(value: unknown): value is CallResult<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { ok?: unknown; code?: unknown };
  return v.ok === true ? 'data' in v : v.ok === false && typeof v.code === 'string';
}

/** Rejects with a timeout if `work` has not settled in time (the platform's own limits are long). */
function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new TransportError('timeout', `no answer in ${timeoutMs} ms`)), timeoutMs);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}

// Cloud error messages that another attempt will not fix: the function crashed or does not exist, or the
// environment is wrong. Everything else on this path is treated as a passing network problem.
const PERMANENT_CLOUD_FAILURE =
  /-504002|functions execute fail|-501000|FunctionName|not found|INVALID_ENV|PERMISSION_DENIED|-601034/i;

export function classifyCloudFailure(errMsg: string): TransportError {
  if (/timeout|timed out|-504003/i.test(errMsg)) return new TransportError('timeout', errMsg);
  if (PERMANENT_CLOUD_FAILURE.test(errMsg)) return new TransportError('server', errMsg);
  return new TransportError('network', errMsg);
}

let cloudReady = false;

/** Called once from app.ts; safe to call again. */
export function initCloud(): void {
  if (cloudReady || !wx.cloud) return;
  wx.cloud.init(CLOUD_ENV ? { env: CLOUD_ENV, traceUser: true } : { traceUser: true });
  cloudReady = true;
}

export const cloudTransport: Transport = {
  kind: 'cloud',
  send(name, event, timeoutMs) {
    initCloud();
    const attempt = new Promise<CallResult<unknown>>((resolve, reject) => {
      wx.cloud.callFunction({
        name,
        data: { ...event },
        success: (res) => {
          const result: unknown = (res as { result?: unknown }).result;
          if (isEnvelope(result)) resolve(result);
          else reject(new TransportError('bad_response', `function ${name} returned no envelope`));
        },
        fail: (err) => reject(classifyCloudFailure(String(err?.errMsg ?? err))),
      });
    });
    return withTimeout(attempt, timeoutMs);
  },
};

export const localTransport: Transport = {
  kind: 'local',
  send(name, event, timeoutMs) {
    const attempt = new Promise<CallResult<unknown>>((resolve, reject) => {
      wx.request({
        url: `${LOCAL_BASE_URL}/fn/${encodeURIComponent(name)}`,
        method: 'POST',
        data: event,
        header: { 'content-type': 'application/json', 'X-Openid': LOCAL_OPENID },
        timeout: timeoutMs,
        dataType: 'json',
        success: (res) => {
          // The gateway answers business errors with the envelope whatever the status; a bare 5xx
          // from a restarting server is worth another try.
          if (isEnvelope(res.data)) resolve(res.data);
          else if (res.statusCode >= 502 && res.statusCode <= 504) {
            reject(new TransportError('network', `HTTP ${res.statusCode}`));
          } else reject(new TransportError('bad_response', `HTTP ${res.statusCode} without envelope`));
        },
        fail: (err) => {
          const msg = String(err?.errMsg ?? err);
          reject(new TransportError(/timeout/i.test(msg) ? 'timeout' : 'network', msg));
        },
      });
    });
    // wx.request enforces `timeout` itself; this is the safety net should its callback never come.
    return withTimeout(attempt, timeoutMs + Math.min(1_000, timeoutMs / 5));
  },
};

export function transportFor(kind: TransportKind): Transport {
  switch (kind) {
    case 'cloud':
      return cloudTransport;
    case 'local':
      return localTransport;
    default: {
      const never: never = kind;
      throw new Error(`unknown transport ${String(never)}`);
    }
  }
}
