// Pages against the real backend: the built cloud functions on the local runtime with the demo deployment,
// reached through the page's own service layer as the person `as` names. A test file using it needs the node
// export conditions (bson and friends ship ESM to browsers), in its first lines:
//   /** @jest-environment-options {"customExportConditions": ["node", "require", "default"]} */
// Run `npm run build` first (the runtime loads cloudfunctions/<name>/index.js).
import type { CallEvent, CallResult } from '../../../src/server/contract';
import { FakeTransport } from './fake-transport';
import type { RenderedComponent } from './simulate';
import { openPage } from './staff-fixtures';

// Required, not imported: the runtime's sources are type-checked by the server's tsconfig, not this one.
export interface Runtime {
  invoke<T>(fn: string, event: unknown, ctx: { openid: string }): Promise<{ result: T }>;
  functionNames(): string[];
  storage: { api(): { uploadFile(o: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }> } };
  close(): void;
}
export type Reply<T> = { ok: true; data: T } | { ok: false; code: string; message: string; fields?: Record<string, string> };
const runtime = require('../../helpers/runtime') as {
  demoRuntime(): Promise<Runtime>;
  call<T>(rt: Runtime, fn: string, openid: string, action: string, data?: unknown, requestId?: string): Promise<Reply<T>>;
  rid(): string;
  rollUp(rt: Runtime, at?: Date): Promise<void>;
  numberArchives(rt: Runtime, at?: Date): Promise<{ numbered: number; more: boolean }>;
};
/**
 * rollUp: the timer's figures roll-up, run before reading figures or the overview (they answer from counters);
 * numberArchives: the timer's job giving closed cases' files their numbers (卷宗号) after the close.
 */
export const { call, rid, rollUp, numberArchives } = runtime;

/** A transport whose calls reach the runtime as `openid` (as the local gateway's X-Openid would say). */
export class RuntimeTransport extends FakeTransport {
  openid = '';
  constructor(private readonly rt: Runtime) {
    super();
  }
  as(openid: string): this {
    this.openid = openid;
    return this;
  }
  override async send(name: string, event: CallEvent, timeoutMs: number): Promise<CallResult<unknown>> {
    this.calls.push({ name, action: event.action, data: event.data, requestId: event.requestId, timeoutMs });
    return (await this.rt.invoke<CallResult<unknown>>(name, event, { openid: this.openid })).result;
  }
}

/**
 * A runtime with the demo deployment, every function loaded before any page is (a page load resets the module
 * registry; a function loaded after it would get a fresh database client without the local transport).
 */
export async function pageBackend(): Promise<{ rt: Runtime; transport: RuntimeTransport }> {
  const rt = await runtime.demoRuntime();
  for (const fn of rt.functionNames()) await rt.invoke(fn, { action: 'warm-up' }, { openid: 'demo-warm-up' });
  return { rt, transport: new RuntimeTransport(rt) };
}

/** Waits until `done()` holds (a page's chain of calls has finished), or fails after `ms`. */
export async function until(done: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The answer's data, or a failure naming the server's code and fields. */
export async function ok<T = any>(p: Promise<Reply<T>>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.code}: ${r.message} ${JSON.stringify(r.fields ?? {})}`);
  return r.data;
}

/** Opens a page as `openid`, with the query WeChat would pass, and waits for its first load. */
export async function openAs(
  transport: RuntimeTransport,
  openid: string,
  page: string,
  query: Record<string, string> = {},
  before?: () => void,
): Promise<RenderedComponent> {
  transport.as(openid);
  const p = await openPage(page, transport, query, before);
  await until(() => p.instance.data.loadState !== 'loading', `${page} to load`);
  return p;
}

/** Whether the case's audit chain verifies, as the street's supervisor (司法所) reads it at the end of a journey. */
export async function chainVerifies(rt: Runtime, caseId: string): Promise<boolean> {
  const audit = await ok<{ verified: boolean; problemText?: string }>(call(rt, 'case', 'demo-supervisor', 'audit', { caseId }));
  if (!audit.verified) throw new Error(`the audit chain of ${caseId} does not verify: ${audit.problemText ?? ''}`);
  return audit.verified;
}

/** The committee's director accepts a case at 柳岸 and assigns the demo mediator (their own pages are tested elsewhere). */
export async function acceptAndAssign(rt: Runtime, caseId: string): Promise<void> {
  await ok(call(rt, 'case', 'demo-director', 'accept', { caseId }, rid()));
  await ok(call(rt, 'case', 'demo-director', 'assignMediator', { caseId, mediatorId: 'demo-mediator' }, rid()));
}
