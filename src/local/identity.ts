// Per-invocation caller identity for the local runtime.
//
// wx-server-sdk's getWXContext() reads WX_* variables from process.env, which in CloudBase is one process
// per invocation. Locally many invocations share one process, so we make those variables per async context:
// process.env is wrapped so that the WX_* / TCB_SOURCE keys resolve from the current invocation's store.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface InvocationIdentity {
  /** Empty for a timer or anonymous HTTP call, as in CloudBase. */
  openid: string;
  appid?: string;
  unionid?: string;
  source?: string;
  /**
   * The open APIs the function declares in its config.json (`permissions.openapi`); CloudBase refuses any other
   * (-604101). Undefined outside a function (a script or test calling the stand-ins directly): not enforced.
   */
  openapi?: string[];
}

export interface InvocationStore {
  env: Record<string, string>;
  /** Database requests made by this invocation (the local database reports each one). */
  dbRequests: number;
  dbActions: string[];
  /** Milliseconds the local database spent serving this invocation's requests (its own work, not the function's). */
  dbMs: number;
  openapi?: string[];
}

const storage = new AsyncLocalStorage<InvocationStore>();
const PER_INVOCATION = (key: string) => key.startsWith('WX_') || key === 'TCB_SOURCE';

let installed = false;

/** Wraps process.env once so WX_* keys come from the current invocation. Idempotent. */
export function installPerInvocationEnv(): void {
  if (installed) return;
  installed = true;
  const realEnv = process.env;
  const proxied = new Proxy(realEnv, {
    get(target, key) {
      if (typeof key === 'string' && PER_INVOCATION(key)) {
        const store = storage.getStore();
        if (store) return store.env[key];
      }
      return Reflect.get(target, key);
    },
    has(target, key) {
      if (typeof key === 'string' && PER_INVOCATION(key)) {
        const store = storage.getStore();
        if (store) return key in store.env;
      }
      return Reflect.has(target, key);
    },
  });
  Object.defineProperty(process, 'env', { value: proxied, configurable: true, writable: true });
}

export function identityEnv(id: InvocationIdentity): Record<string, string> {
  const env: Record<string, string> = {
    WX_OPENID: id.openid,
    WX_APPID: id.appid ?? (id.openid ? 'wxlocal0000000000' : ''),
    WX_UNIONID: id.unionid ?? '',
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID',
  };
  if (id.source) env.TCB_SOURCE = id.source;
  return env;
}

/** Runs fn as one invocation with its own identity and request counter. */
export function runAsInvocation<T>(id: InvocationIdentity, fn: (store: InvocationStore) => Promise<T>): Promise<T> {
  installPerInvocationEnv();
  const store: InvocationStore = { env: identityEnv(id), dbRequests: 0, dbActions: [], dbMs: 0, ...(id.openapi ? { openapi: id.openapi } : {}) };
  return storage.run(store, () => fn(store));
}

/** The open APIs the running function may call, or undefined when not inside a function invocation. */
export function declaredOpenApi(): string[] | undefined {
  return storage.getStore()?.openapi;
}

/** Called by the local database for every request that would be a network round trip in CloudBase. */
export function countDbRequest(action: string): void {
  const store = storage.getStore();
  if (store) {
    store.dbRequests += 1;
    store.dbActions.push(action);
  }
}

/** Called by the local database when it has served a request, with the time it spent on it. */
export function timeDbRequest(_action: string, ms: number): void {
  const store = storage.getStore();
  if (store) store.dbMs += ms;
}
