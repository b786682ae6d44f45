// The typed service layer: one object per cloud function, one method per action, named after it, with the
// input and answer types of the server's own wire-type files (src/server/<area>/<area>.types.ts, imported as
// types only). `caseApi.assignMediator({ caseId, mediatorId }, { requestId })`. A command (an action that
// changes something) needs the request id of the user's intent, so a retry is answered once; a query does not.
// The action list itself is generated from the route tables (generated/actions.ts).
import type { Action, Api, FunctionName } from '../../src/server/api.types';
import { ACTIONS } from '../generated/actions';
import { callFunction, type Answer, type CallOptions } from './call';

/** Options of a command: the request id of this user intent is required. */
export type CommandOptions = CallOptions & { requestId: string };

/** What every API method carries besides being callable: which action it is. */
export interface ActionRef {
  readonly fn: FunctionName;
  readonly action: string;
  readonly kind: 'query' | 'command';
}

export type QueryMethod<I, O> = ((input: I, opts?: CallOptions) => Promise<Answer<O>>) & ActionRef & { readonly kind: 'query' };
export type CommandMethod<I, O> = ((input: I, opts: CommandOptions) => Promise<Answer<O>>) & ActionRef & { readonly kind: 'command' };

export type Client<A> = {
  readonly [K in keyof A]: A[K] extends Action<infer I, infer O, true>
    ? CommandMethod<I, O>
    : A[K] extends Action<infer I, infer O, false>
      ? QueryMethod<I, O>
      : never;
};

export type InputOfMethod<M> = M extends (input: infer I, ...rest: never[]) => unknown ? I : never;
export type OutputOfMethod<M> = M extends (...args: never[]) => Promise<Answer<infer O>> ? O : never;

function client<F extends FunctionName>(fn: F): Client<Api[F]> {
  const methods: Record<string, unknown> = {};
  for (const [action, kind] of Object.entries(ACTIONS[fn])) {
    const call = (input: unknown, opts?: CallOptions) => callFunction(fn, action, input ?? {}, opts);
    methods[action] = Object.assign(call, { fn, action, kind });
  }
  return methods as Client<Api[F]>;
}

/** Cases: filing, registering, routing, the respondent's invitation, reads and worklists. */
export const caseApi = client('case');
/** The mediation agreement: template, draft, confirm, sign, seal, performance, return visit, rating. */
export const agreementApi = client('agreement');
/** Rooms, availability, slots and bookings. */
export const bookingApi = client('booking');
/** The caller's own account: roles, preferences, inbox, data export and deletion. */
export const userApi = client('user');
/** Organisations and staff: directory, invitations, membership. */
export const orgApi = client('org');
/** Figures, registers, documents and information officers' reports. */
export const reportApi = client('report');
