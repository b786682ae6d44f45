// The local CloudBase runtime: loads the built function bundles (cloudfunctions/<name>/index.js) into this
// process and runs them against the real wx-server-sdk, whose database transport, open APIs and storage
// are served locally. One runtime per process.
/* eslint-disable @typescript-eslint/no-require-imports */
import fs from 'node:fs';
import path from 'node:path';
import { SCHEMA } from '../server/database/schema';
import { installLocalDatabase, type LocalDatabase } from './db';
import { installWorkerDatabase } from './db/worker-client';
import { countDbRequest, runAsInvocation, timeDbRequest } from './identity';
import { LocalOpenApi } from './openapi';
import { LocalStorage } from './storage';
import { readTriggers, type TimerTrigger } from './timers';

export interface LocalRuntimeOptions {
  /** Folder for the database file and stored files; undefined keeps everything in memory (tests). */
  dataDir?: string;
  /** Where the built functions are; defaults to <repo>/cloudfunctions. */
  functionsDir?: string;
  /** The gateway's address, for temporary file URLs. */
  baseUrl?: string;
  /**
   * Check the database against src/server/database/schema.ts (default true): declared collections exist,
   * undeclared ones do not (strictCollections), and queries no declared index covers are refused.
   */
  strictSchema?: boolean;
  /**
   * The built store worker (src/local/db/worker.ts): the store then runs in a worker thread, its documents out of
   * the functions' heap, as CloudBase's database is another service (the bench, at 100,000 cases). In memory only.
   */
  storeWorker?: string;
}

export interface InvokeOptions {
  /** The caller's OPENID; '' or undefined for an anonymous or timer call. */
  openid?: string;
  /** What started the run (CloudBase's SOURCE): `wx_client` for a signed-in caller, else `wx_http`; timers `wx_trigger`. */
  source?: string;
}

export interface Invocation<T = unknown> {
  result: T;
  dbRequests: number;
  dbActions: string[];
  /** Wall time of the invocation. */
  ms: number;
  /** Of which the local database spent serving its requests (ms - dbMs: the function's own work). */
  dbMs: number;
}

type Main = (event: unknown, context: unknown) => Promise<unknown>;

export const REPO_ROOT = findRepoRoot(__dirname);

export class LocalRuntime {
  readonly openapi = new LocalOpenApi();
  readonly storage: LocalStorage;
  readonly db: LocalDatabase;
  readonly functionsDir: string;
  private readonly mains = new Map<string, Main>();
  private readonly openApis = new Map<string, string[]>();

  constructor(opts: LocalRuntimeOptions = {}) {
    this.functionsDir = opts.functionsDir ?? path.join(REPO_ROOT, 'cloudfunctions');
    if (opts.dataDir) fs.mkdirSync(opts.dataDir, { recursive: true });
    const store = {
      filename: opts.dataDir ? path.join(opts.dataDir, 'cloudbase.sqlite') : ':memory:',
      onRequest: countDbRequest,
      onRequestServed: timeDbRequest,
      strictCollections: opts.strictSchema !== false,
      strictIndexes: opts.strictSchema !== false,
    };
    this.db = opts.storeWorker ? installWorkerDatabase(opts.storeWorker, { ...store, schema: true }) : installLocalDatabase({ ...store, schema: SCHEMA });
    this.storage = new LocalStorage(opts.dataDir ? path.join(opts.dataDir, 'storage') : undefined, opts.baseUrl);
    const cloud = require('wx-server-sdk') as Record<string, unknown>;
    cloud.openapi = this.openapi.namespace();
    Object.assign(cloud, this.storage.api());
  }

  /** Functions that have a built bundle. */
  functionNames(): string[] {
    if (!fs.existsSync(this.functionsDir)) return [];
    return fs
      .readdirSync(this.functionsDir)
      .filter((n) => fs.existsSync(path.join(this.functionsDir, n, 'index.js')))
      .sort();
  }

  triggers(): TimerTrigger[] {
    return this.functionNames().flatMap((fn) => readTriggers(this.functionsDir, fn));
  }

  private main(name: string): Main {
    let main = this.mains.get(name);
    if (!main) {
      if (!/^[a-z][a-zA-Z0-9_-]*$/.test(name) || !this.functionNames().includes(name)) {
        throw Object.assign(new Error(`no such function: ${name}`), { code: 'FUNCTION_NOT_FOUND' });
      }
      // A config.json CloudBase would refuse at deployment (e.g. two triggers) is refused here too.
      readTriggers(this.functionsDir, name);
      const mod = require(path.join(this.functionsDir, name, 'index.js')) as { main?: Main };
      if (typeof mod.main !== 'function') throw new Error(`cloudfunctions/${name}/index.js does not export main`);
      main = mod.main;
      this.mains.set(name, main);
    }
    return main;
  }

  /** The open APIs a function declares in its config.json (CloudBase refuses the others). */
  private openApiOf(name: string): string[] {
    let apis = this.openApis.get(name);
    if (!apis) {
      const file = path.join(this.functionsDir, name, 'config.json');
      const config = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { permissions?: { openapi?: unknown } }) : {};
      const declared = config.permissions?.openapi;
      apis = Array.isArray(declared) ? declared.filter((a): a is string => typeof a === 'string') : [];
      this.openApis.set(name, apis);
    }
    return apis;
  }

  /** Runs one invocation with its own identity and database request count. */
  async invoke<T = unknown>(name: string, event: unknown, opts: InvokeOptions = {}): Promise<Invocation<T>> {
    const main = this.main(name);
    const openid = opts.openid ?? '';
    return runAsInvocation({ openid, source: opts.source ?? (openid ? 'wx_client' : 'wx_http'), openapi: this.openApiOf(name) }, async (store) => {
      const started = process.hrtime.bigint();
      const result = (await main(event, { function_name: name, request_id: `local-${Date.now()}` })) as T;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      return { result, dbRequests: store.dbRequests, dbActions: [...store.dbActions], ms, dbMs: store.dbMs };
    });
  }

  /** Fires a timer trigger the way CloudBase does: no OPENID, a Timer event. */
  fireTimer(fn: string, triggerName: string, at: Date = new Date()): Promise<Invocation> {
    return this.invoke(fn, { Type: 'Timer', TriggerName: triggerName, Time: at.toISOString() }, { openid: '', source: 'wx_trigger' });
  }

  close(): void {
    this.db.close();
  }
}

function findRepoRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'project.config.json')) || fs.existsSync(path.join(dir, '.ci'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}
