// The local database behind the real, unchanged wx-server-sdk.
//
// wx-server-sdk → @cloudbase/node-sdk → @cloudbase/database, whose every request goes through
// `new Db.reqClass(config).send(action, params)`. node-sdk assigns its HTTP requester to `Db.reqClass` on each
// `cloud.database()`; we pin the property to a requester that answers from the local store instead.
import * as path from 'path';
import { Doc, clone } from './codec';
import { Engine, EngineOptions } from './engine';
import { docKey, Store } from './store';
import type { CollectionSpec } from '../../server/database/coverage';

export { LocalDbError, DB_ERROR } from './errors';
export { AGGREGATE_DEFAULT_LIMIT, DEFAULT_LIMIT, MAX_LIMIT, cloudbaseLikeId } from './engine';

export interface LocalDatabaseOptions {
  /** SQLite file path, or ':memory:' (tests). */
  filename: string;
  /** Called once per database request, i.e. per network round trip CloudBase would make. */
  onRequest?: (action: string) => void;
  /** Called when a request has been served, with the milliseconds the local store spent on it. */
  onRequestServed?: (action: string, ms: number) => void;
  /** Environment id shown in error messages; default 'local'. */
  env?: string;
  /** Clock for db.serverDate() and generated ids; default Date.now. */
  now?: () => number;
  /** `_id` generator for add() without `_id`. */
  newId?: () => string;
  /** Reject reads/writes on collections never created (CloudBase behaviour); default false. */
  strictCollections?: boolean;
  /** SQLite synchronous mode; NORMAL (default) keeps acknowledged writes across a killed process. */
  synchronous?: 'NORMAL' | 'FULL';
  /**
   * Declared collections (src/server/database/schema.ts): created at install when missing, and every query
   * is checked against their indexes (see src/server/database/coverage.ts for what "covered" means).
   */
  schema?: readonly CollectionSpec[];
  /** With `schema`: refuse queries no declared index covers (DATABASE_INDEX_NOT_DECLARED); default false. */
  strictIndexes?: boolean;
}

export interface LocalDatabase {
  /** Closes the SQLite file; requests fail afterwards until another install. Idempotent. */
  close(): void;
  /** Names of collections that exist (created explicitly or by a first write). */
  collectionNames(): string[];
  /** Copies of all documents of a collection in natural order. */
  dump(collection: string): Doc[];
  /**
   * Writes documents directly (no request counted); documents without `_id` get one. Returns the ids. An `_id`
   * already there is refused, unless `replace` (then the document is overwritten).
   */
  seed(collection: string, docs: Doc[], opts?: { replace?: boolean }): unknown[];
  /** Creates an empty collection (like creating it in the CloudBase console). */
  createCollection(name: string): void;
  /** Requests served since install, by action. */
  readonly requestCounts: Readonly<Record<string, number>>;
  /** Requests since install per collection name, including those refused (e.g. on a collection never created). */
  readonly requestsByCollection: Readonly<Record<string, number>>;
  /** Messages for the queries since install that no declared index covers (with `schema`). */
  readonly uncoveredQueries: readonly string[];
  /** Transactions started and not yet committed or aborted (e.g. to see that nothing waits on WeChat inside one). */
  readonly openTransactions: number;
  /** How many documents a collection holds. */
  count(collection: string): number;
}

/** What answers the requests: the engine here, or one in a worker thread (worker-client.ts). */
export type Handler = (action: string, params: Record<string, unknown>) => unknown;

interface Active {
  handle: Handler;
  onRequest?: (action: string) => void;
  onRequestServed?: (action: string, ms: number) => void;
  counts: Record<string, number>;
  /** Closes what answers (the store, or the worker). */
  close(): void;
}

let active: Active | null = null;

/** Stands in for node-sdk's TcbDBApiHttpRequester. */
class LocalDbRequester {
  constructor(_config?: unknown) {}

  async send(action: string, params?: Record<string, unknown>, _opts?: unknown): Promise<unknown> {
    const current = active;
    if (!current) throw new Error('local database is not installed (or was closed)');
    current.counts[action] = (current.counts[action] ?? 0) + 1;
    current.onRequest?.(action);
    // A real request is asynchronous: let other callers interleave as they would over the network.
    await Promise.resolve();
    if (active !== current) throw new Error('local database was closed during the request');
    if (!current.onRequestServed) return current.handle(action, params ?? {});
    const started = performance.now();
    try {
      // Awaited: a store in a worker answers later, and its time is the whole round trip.
      return await current.handle(action, params ?? {});
    } finally {
      current.onRequestServed(action, performance.now() - started);
    }
  }
}

/** Every @cloudbase/database `Db` class wx-server-sdk (or the project) may load. */
function databaseModulePaths(): string[] {
  const found = new Set<string>();
  const tryResolve = (request: string, from: string[]): string | undefined => {
    try {
      return require.resolve(request, { paths: from });
    } catch {
      return undefined;
    }
  };
  const wxSdk = tryResolve('wx-server-sdk', [process.cwd(), __dirname]);
  const nodeSdks = [
    wxSdk && tryResolve('@cloudbase/node-sdk', [path.dirname(wxSdk)]),
    tryResolve('@cloudbase/node-sdk', [process.cwd(), __dirname]),
  ].filter((p): p is string => !!p);
  for (const sdk of nodeSdks) {
    const db = tryResolve('@cloudbase/database', [path.dirname(sdk)]);
    if (db) found.add(db);
  }
  const direct = tryResolve('@cloudbase/database', [process.cwd(), __dirname]);
  if (direct) found.add(direct);
  if (found.size === 0) throw new Error('@cloudbase/database not found: is wx-server-sdk installed?');
  return Array.from(found);
}

/**
 * Pins the local transport onto every @cloudbase/database copy currently resolvable. installLocalDatabase
 * does this; call it again only if you evicted @cloudbase/database from the require cache after installing.
 */
export function pinLocalTransport(): void {
  pinRequester();
}

function pinRequester(): void {
  for (const file of databaseModulePaths()) {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { Db } = require(file);
    const desc = Object.getOwnPropertyDescriptor(Db, 'reqClass');
    if (desc?.get === pinnedGetter) continue;
    Object.defineProperty(Db, 'reqClass', {
      configurable: true,
      enumerable: true,
      get: pinnedGetter,
      set: () => {
        /* node-sdk re-assigns its HTTP requester on every cloud.database(): ignored */
      },
    });
  }
}

function pinnedGetter() {
  return LocalDbRequester;
}

/** What a store is opened with, less what only this process can hold (the request callbacks). */
export type StoreOptions = Omit<LocalDatabaseOptions, 'onRequest' | 'onRequestServed'>;

/** Opens a store and its engine without routing anything to it (the worker thread's side, and install's). */
export function openLocalDatabase(opts: StoreOptions): { engine: Engine; database: LocalDatabase } {
  const env = opts.env ?? 'local';
  const store = new Store({ filename: opts.filename, synchronous: opts.synchronous });
  for (const spec of opts.schema ?? []) if (!store.hasCollection(spec.name)) store.createCollection(spec.name);
  const uncovered: string[] = [];
  const engineOpts: EngineOptions = {
    env,
    now: opts.now,
    newId: opts.newId,
    strictCollections: opts.strictCollections,
    schema: opts.schema,
    strictIndexes: opts.strictIndexes,
    onUncoveredQuery: (_collection, message) => {
      if (uncovered.length < 1000) uncovered.push(message);
    },
  };
  const engine = new Engine(store, engineOpts);
  const counts: Record<string, number> = {};
  const database: LocalDatabase = {
    close: () => store.close(),
    collectionNames: () => store.collectionNames(),
    dump: (collection) => Array.from(store.collection(collection).docs.values(), (d) => clone(d)),
    seed(collection, docs, opts) {
      const coll = store.collection(collection);
      const prepared = docs.map((d) => {
        const doc = clone(d);
        if (doc._id === undefined) doc._id = engine.newDocId();
        const key = docKey(doc._id);
        if (coll.docs.has(key) && !opts?.replace) throw new Error(`seed: duplicate _id ${String(doc._id)} in ${collection}`);
        return { collection, key, doc };
      });
      store.createCollection(collection);
      store.commit(prepared);
      return prepared.map((c) => c.doc._id);
    },
    createCollection: (name) => store.createCollection(name),
    get requestCounts() {
      return { ...counts };
    },
    get requestsByCollection() {
      return Object.fromEntries(engine.requestsByCollection);
    },
    get openTransactions() {
      return engine.openTransactions;
    },
    get uncoveredQueries() {
      return [...uncovered];
    },
    count: (collection) => (store.hasCollection(collection) ? store.collection(collection).docs.size : 0),
  };
  return { engine, database };
}

/**
 * Routes every wx-server-sdk database call in this process to `handle`, counting requests here; installing again
 * closes what was installed before. Returns the request counts (by action) and a close that stops the routing.
 */
export function routeRequests(
  handle: Handler,
  opts: Pick<LocalDatabaseOptions, 'onRequest' | 'onRequestServed'>,
  close: () => void,
): { counts: Record<string, number>; close(): void } {
  pinRequester();
  if (active) active.close();
  const mine: Active = { handle, onRequest: opts.onRequest, onRequestServed: opts.onRequestServed, counts: {}, close };
  active = mine;
  return {
    counts: mine.counts,
    close() {
      close();
      if (active === mine) active = null;
    },
  };
}

/**
 * Routes every wx-server-sdk database call in this process to a local store. Installing again replaces
 * (and closes) the previous store, so each test file can start from a fresh ':memory:' database.
 */
export function installLocalDatabase(opts: LocalDatabaseOptions): LocalDatabase {
  const { engine, database } = openLocalDatabase(opts);
  const route = routeRequests((action, params) => engine.handle(action, params), opts, () => database.close());
  return overRoute(database, route);
}

/** The database as installed: closing stops the routing, and the request counts are those counted here. */
export function overRoute(database: LocalDatabase, route: { counts: Record<string, number>; close(): void }): LocalDatabase {
  // Its other members (getters included) are the database's own, through the prototype.
  return Object.create(database, {
    close: { value: () => route.close() },
    requestCounts: { get: () => ({ ...route.counts }) },
  }) as LocalDatabase;
}
