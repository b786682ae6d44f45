// Starts the local store in a worker thread (worker.ts, built to its own file) and routes this process's database
// requests to it. The requests' time is their whole round trip (as a request to CloudBase's database is, network
// included); the database's own methods (dump, seed, counts) are answered synchronously, as in-process.
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { LocalDbError } from './errors';
import { overRoute, routeRequests, type LocalDatabase, type LocalDatabaseOptions } from './index';
import type { WireError, WorkerData } from './worker';

/** How long a synchronous call waits for the worker (a first call waits for it to open the store). */
const SYNC_TIMEOUT_MS = 60_000;

const fromWire = (e: WireError): Error =>
  e.code !== undefined ? new LocalDbError(e.code, e.message, e.requestId ?? '') : Object.assign(new Error(e.message), { name: e.name });

/**
 * Like installLocalDatabase, with the store in a worker thread running `script` (the built worker.ts). The clock
 * and id generator stay the store's own (functions cannot cross threads); `schema: true` means SCHEMA.
 */
export function installWorkerDatabase(
  script: string,
  opts: Omit<LocalDatabaseOptions, 'schema' | 'now' | 'newId'> & { schema?: boolean },
): LocalDatabase {
  const { onRequest, onRequestServed, ...options } = opts;
  const { port1, port2 } = new MessageChannel();
  const flag = new SharedArrayBuffer(4);
  const signal = new Int32Array(flag);
  const data: WorkerData = { options, syncPort: port2, flag };
  const worker = new Worker(script, { workerData: data, transferList: [port2] });
  worker.unref();
  let failed: Error | undefined;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  worker.on('message', (m: { id: number; value?: unknown; error?: WireError }) => {
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.error) p?.reject(fromWire(m.error));
    else p?.resolve(m.value);
  });
  worker.on('error', (e) => {
    failed = e;
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  });
  let next = 0;
  const handle = (action: string, params: Record<string, unknown>) =>
    new Promise((resolve, reject) => {
      if (failed) return reject(failed);
      const id = ++next;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, action, params });
    });

  const call = (method: keyof LocalDatabase, ...args: unknown[]): unknown => {
    if (failed) throw failed;
    Atomics.store(signal, 0, 0);
    port1.postMessage({ method, args });
    // The worker's failure to start arrives as an event this thread cannot receive while it waits: bounded.
    if (Atomics.wait(signal, 0, 0, SYNC_TIMEOUT_MS) === 'timed-out') {
      throw new Error(`the store worker (${script}) did not answer ${String(method)} within ${SYNC_TIMEOUT_MS / 1000} s: does it load (its packages resolvable from its folder)?`);
    }
    const reply = receiveMessageOnPort(port1)?.message as { value?: unknown; error?: WireError } | undefined;
    if (!reply) throw new Error('the store worker answered nothing');
    if (reply.error) throw fromWire(reply.error);
    return reply.value;
  };

  const database: LocalDatabase = {
    close: () => {
      port1.close();
      void worker.terminate();
    },
    collectionNames: () => call('collectionNames') as string[],
    dump: (collection) => call('dump', collection) as ReturnType<LocalDatabase['dump']>,
    seed: (collection, docs, o) => call('seed', collection, docs, o) as unknown[],
    createCollection: (name) => void call('createCollection', name),
    get requestCounts() {
      return {};
    },
    get requestsByCollection() {
      return call('requestsByCollection') as Record<string, number>;
    },
    get uncoveredQueries() {
      return call('uncoveredQueries') as string[];
    },
    get openTransactions() {
      return call('openTransactions') as number;
    },
    count: (collection) => call('count', collection) as number,
  };
  return overRoute(database, routeRequests(handle, { onRequest, onRequestServed }, () => database.close()));
}
