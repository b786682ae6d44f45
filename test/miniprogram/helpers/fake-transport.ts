// A transport for tests: records every call and answers from a script, per function and action.
import type { CallEvent, CallResult } from '../../../src/server/contract';
import type { Transport, TransportFailure } from '../../../miniprogram/services/transport';
import type { ServerErrorCode } from '../../../miniprogram/generated/errors';
import { MP_ROOT } from './simulate';
import * as path from 'path';

/** One scripted answer: an envelope, a transport failure, or a function of the event (may be async). */
export type Step =
  | CallResult<unknown>
  | { fail: TransportFailure }
  | ((event: CallEvent) => CallResult<unknown> | Promise<CallResult<unknown>>);

export interface RecordedCall {
  name: string;
  action: string;
  data: unknown;
  requestId?: string;
  timeoutMs: number;
}

export const ok = <T>(data: T): CallResult<T> => ({ ok: true, data });
/** A refusal as the server sends it; its code must be one the server really answers with. */
export const err = (code: ServerErrorCode, message = '', fields?: Record<string, string>): CallResult<never> => ({
  ok: false,
  code,
  message,
  ...(fields ? { fields } : {}),
});
export const fail = (failure: TransportFailure = 'network'): Step => ({ fail: failure });

export class FakeTransport implements Transport {
  readonly kind = 'fake' as const;
  readonly calls: RecordedCall[] = [];
  private readonly scripts = new Map<string, Step[]>();

  /**
   * Queues answers for `name`/`action`, used in order; the last one keeps answering once the queue
   * is down to it.
   */
  reply(name: string, action: string, ...steps: Step[]): this {
    const key = `${name}.${action}`;
    this.scripts.set(key, [...(this.scripts.get(key) ?? []), ...steps]);
    return this;
  }

  callsTo(name: string, action: string): RecordedCall[] {
    return this.calls.filter((c) => c.name === name && c.action === action);
  }

  async send(name: string, event: CallEvent, timeoutMs: number): Promise<CallResult<unknown>> {
    this.calls.push({ name, action: event.action, data: event.data, requestId: event.requestId, timeoutMs });
    const key = `${name}.${event.action}`;
    const queue = this.scripts.get(key);
    if (!queue || queue.length === 0) {
      return err('UNKNOWN_ACTION', `no scripted answer for ${key}`);
    }
    const step = queue.length > 1 ? queue.shift()! : queue[0];
    if (typeof step === 'function') return step(event);
    if ('fail' in step) {
      const { TransportError } = require(path.join(MP_ROOT, 'services/transport')) as typeof import('../../../miniprogram/services/transport');
      throw new TransportError(step.fail, 'scripted');
    }
    return step;
  }
}

/**
 * Makes the mini-program's callFunction use `fake` (with no waiting between retries). Call it inside
 * loadPage's `before`, or after loadPage, so it reaches the same module registry as the page.
 */
export function useFakeTransport(fake: FakeTransport = new FakeTransport()): FakeTransport {
  const call = require(path.join(MP_ROOT, 'services/call')) as typeof import('../../../miniprogram/services/call');
  call.configureCaller({ transport: fake, sleep: async () => undefined });
  return fake;
}
