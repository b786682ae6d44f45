// A cloud function is a route table: action → zod schema → use-case → coded result.
import { z } from 'zod';
import type { CallResult } from '../contract';
import { AppError, ERROR_MESSAGES, isAppError } from './errors';
import { cleanStrings } from './clean-text';

z.config(z.locales.zhCN());

export interface RequestContext<D = unknown> {
  /** Trusted caller id from getWXContext(); '' for timers and anonymous calls. */
  openid: string;
  /** Client request id of a mutating call (see idempotency). */
  requestId?: string;
  fn: string;
  action: string;
  now: Date;
  deps: D;
}

export interface Route<D, I = unknown, O = unknown, M extends boolean = boolean, In = any> {
  /** Validates `data`: what the caller sends (`In`) becomes what the use-case gets (`I`). */
  input: z.ZodType<I, In>;
  /** Mutating actions must carry a requestId. */
  mutates: M;
  /** Who may call at all: 'user' needs an openid; 'system' is only for timers (no openid). */
  caller?: 'user' | 'anyone' | 'system';
  handle(input: I, ctx: RequestContext<D>): Promise<O>;
}

export function route<D, S extends z.ZodType, O, M extends boolean = false>(def: {
  input: S;
  mutates?: M;
  caller?: 'user' | 'anyone' | 'system';
  handle: (input: z.output<S>, ctx: RequestContext<D>) => Promise<O>;
}): Route<D, z.output<S>, O, NoInfer<M>, z.input<S>> {
  return {
    input: def.input as unknown as z.ZodType<z.output<S>, z.input<S>>,
    mutates: (def.mutates ?? false) as M,
    caller: def.caller ?? 'user',
    handle: def.handle,
  };
}

export type Routes<D> = Record<string, Route<D, any, any, boolean, any>>;

/**
 * A route table that implements an action map of api.types.ts exactly: every action present and no other,
 * each taking that action's input, answering (at least) its output, and mutating as declared.
 */
export type RoutesFor<A, D> = {
  [K in keyof A]: A[K] extends { input: infer In; output: infer O; mutates: infer M extends boolean } ? Route<D, any, O, M, In> : never;
};

type Same<X, Y> = [X] extends [Y] ? ([Y] extends [X] ? true : false) : false;

/** Each route's schema takes exactly the declared input: not less (RoutesFor checks that), and not more either. */
type SameInputs<T, A> = {
  [K in keyof T & keyof A]: T[K] extends Route<any, any, any, boolean, infer In> ? (Same<In, A[K] extends { input: infer X } ? X : never> extends true ? unknown : { input: never }) : unknown;
};

/** `routesFor<CaseActions, ServerDeps>()({ ... })`: checks the table against the wire types; answers a plain Routes. */
export function routesFor<A, D>() {
  return <T extends RoutesFor<A, D>>(table: T & Record<Exclude<keyof T, keyof A>, never> & SameInputs<T, A>): Routes<D> => table as unknown as Routes<D>;
}

const EventSchema = z.strictObject({
  action: z.string().min(1).max(64),
  data: z.unknown().optional(),
  requestId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/)
    .optional(),
});

export function zodFields(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : issue.code === 'unrecognized_keys' ? '_unknown' : '_';
    if (!fields[key]) fields[key] = issue.message;
  }
  return fields;
}

export function toErrResult(e: unknown): CallResult<never> {
  if (isAppError(e)) return { ok: false, code: e.code, message: e.message, ...(e.fields ? { fields: e.fields } : {}) };
  return { ok: false, code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL };
}

export interface Dispatcher<D> {
  routes: Routes<D>;
  dispatch(rawEvent: unknown, openid: string, deps: D, now?: Date): Promise<CallResult<unknown>>;
}

/**
 * Parses the event, checks the caller kind, validates input and runs the use-case.
 * Never throws: every failure becomes a coded result; unexpected errors are logged without user data.
 */
export function createDispatcher<D>(fn: string, routes: Routes<D>, log: (msg: string, err?: unknown) => void = defaultLog): Dispatcher<D> {
  return {
    routes,
    async dispatch(rawEvent, openid, deps, now = new Date()) {
      try {
        // CloudBase adds userInfo to events from the mini-program; identity comes from getWXContext only.
        const event = stripPlatformKeys(rawEvent);
        const parsed = EventSchema.safeParse(event);
        if (!parsed.success) throw new AppError('BAD_REQUEST', ERROR_MESSAGES.BAD_REQUEST, zodFields(parsed.error));
        const { action, data, requestId } = parsed.data;
        const r = Object.prototype.hasOwnProperty.call(routes, action) ? routes[action] : undefined;
        if (!r) throw AppError.of('UNKNOWN_ACTION');
        if (r.caller === 'user' && !openid) throw AppError.of('UNAUTHENTICATED');
        if (r.caller === 'system' && openid) throw AppError.of('FORBIDDEN');
        if (r.mutates && !requestId) throw AppError.of('REQUEST_ID_REQUIRED');
        const cleaned = cleanStrings(data ?? {});
        if (!cleaned.ok) throw new AppError('VALIDATION_FAILED', ERROR_MESSAGES.VALIDATION_FAILED, { [cleaned.path || '_']: '含有无法识别的字符，请重新输入' });
        const input = r.input.safeParse(cleaned.value);
        if (!input.success) throw new AppError('VALIDATION_FAILED', ERROR_MESSAGES.VALIDATION_FAILED, zodFields(input.error));
        const out = await r.handle(input.data, { openid, requestId, fn, action, now, deps });
        return { ok: true, data: out };
      } catch (e) {
        if (!isAppError(e)) log(`${fn}: unexpected error`, e);
        return toErrResult(e);
      }
    },
  };
}

function stripPlatformKeys(event: unknown): unknown {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return event;
  const { userInfo: _userInfo, ...rest } = event as Record<string, unknown>;
  return rest;
}

function defaultLog(msg: string, err?: unknown): void {
  // Log the error kind and stack only; events may hold personal data and are never logged.
  const e = err as { name?: string; message?: string; stack?: string } | undefined;
  console.error(msg, e?.name ?? '', e?.stack ?? e?.message ?? '');
}
