// The local store in a worker thread (worker-client.ts starts it): the store's documents then live in this thread's
// heap, not in the heap of the functions that call it — as in CloudBase, where the database is another service. The
// bench uses it so that collecting a store of 100,000 cases is not counted as the functions' time.
// Requests come on the parent port and are answered there; the database's own methods (dump, seed, counts) come on
// a second port and are answered synchronously: the caller waits on `flag` until the answer is posted.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { SCHEMA } from '../../server/database/schema';
import { LocalDbError } from './errors';
import { openLocalDatabase, type LocalDatabase, type StoreOptions } from './index';

export interface WorkerData {
  options: Omit<StoreOptions, 'schema' | 'now' | 'newId'> & { schema?: boolean };
  syncPort: MessagePort;
  flag: SharedArrayBuffer;
}

/** An error as it crosses threads: the store's code and request id kept. */
export interface WireError {
  name: string;
  message: string;
  code?: string;
  requestId?: string;
}

export const toWire = (e: unknown): WireError =>
  e instanceof LocalDbError ? { name: e.name, message: e.message, code: e.code, requestId: e.requestId } : { name: 'Error', message: e instanceof Error ? e.message : String(e) };

if (parentPort && workerData?.syncPort) {
  const { options, syncPort, flag } = workerData as WorkerData;
  const { engine, database } = openLocalDatabase({ ...options, schema: options.schema ? SCHEMA : undefined });
  const signal = new Int32Array(flag);
  const port = parentPort;
  port.on('message', (m: { id: number; action: string; params: Record<string, unknown> }) => {
    try {
      port.postMessage({ id: m.id, value: engine.handle(m.action, m.params) });
    } catch (e) {
      port.postMessage({ id: m.id, error: toWire(e) });
    }
  });
  syncPort.on('message', (m: { method: keyof LocalDatabase; args: unknown[] }) => {
    let reply: { value?: unknown; error?: WireError };
    try {
      const member = database[m.method] as unknown;
      reply = { value: typeof member === 'function' ? (member as (...a: unknown[]) => unknown).apply(database, m.args) : member };
    } catch (e) {
      reply = { error: toWire(e) };
    }
    syncPort.postMessage(reply);
    Atomics.store(signal, 0, 1);
    Atomics.notify(signal, 0);
  });
}
