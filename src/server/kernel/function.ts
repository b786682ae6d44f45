// Builds a cloud function's `main` from its route table. The same code runs in CloudBase and locally.
import type { CallResult } from '../contract';
import { callerOpenid, getCloud, type Cloud, type Database } from './platform';
import { createDispatcher, type Routes } from './route';

export interface ServerDeps {
  cloud: Cloud;
  db: Database;
  clock: () => Date;
}

let deps: ServerDeps | undefined;

/** Built once per cold start. */
export function serverDeps(): ServerDeps {
  if (!deps) {
    const cloud = getCloud();
    deps = { cloud, db: cloud.database({ throwOnNotFound: false } as never), clock: () => new Date() };
  }
  return deps;
}

export function createFunction(fn: string, routes: Routes<ServerDeps>) {
  const dispatcher = createDispatcher<ServerDeps>(fn, routes);
  return async function main(event: unknown): Promise<CallResult<unknown>> {
    const d = serverDeps();
    return dispatcher.dispatch(event, callerOpenid(), d, d.clock());
  };
}
