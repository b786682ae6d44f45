// One state change = one transaction: documents compare-and-set on their `version`, and the entries that
// go with the change (audit, outbox, …) inserted beside them — all of it or none of it.
import { AppError } from './errors';
import type { Database } from './platform';

export interface CasWrite {
  collection: string;
  id: string;
  /** The version the change was decided on; null when the document must not exist yet. */
  expectVersion: number | null;
  /** The whole new document, without _id and version (both are set here). */
  data: Record<string, unknown>;
  /**
   * Instead of `data` decided on an earlier read: the new document computed inside the transaction from the one
   * read there (undefined: none there), `expectVersion` then ignored; answering undefined writes nothing. For a
   * document kept in step with others (a calendar beside its claims) that this change need not read first.
   */
  derive?: (current: Record<string, unknown> | undefined) => Record<string, unknown> | undefined;
}

export interface Insert {
  collection: string;
  id: string;
  data: Record<string, unknown>;
}

/**
 * A field-level update, with database commands (`_.pull`, `_.inc`…), of a document the change need not read first:
 * for a change that decides nothing on what the document holds (giving back a booked slot). It is as safe against
 * a concurrent writer as a compared write: another open transaction that wrote the document fails this one at
 * once, and it applies to the document as committed when it is made (a change committed since then fails the
 * commit). A document that is not there is left so: nothing is written, or with `whenMissing` the transaction ends
 * with what it throws (rolled back).
 */
export interface Update {
  collection: string;
  id: string;
  /** The change; it must always change the document (e.g. move its version on), so "nothing updated" means "not there". */
  data: Record<string, unknown>;
  /** The error to end the transaction with when the document is not there (e.g. "rebuild it first"). */
  whenMissing?: () => Error;
}

/** A document removed in the same transaction (e.g. a released slot claim, so the slot can be claimed again). */
export interface Delete {
  collection: string;
  id: string;
}

export interface Change {
  writes: CasWrite[];
  inserts: Insert[];
  updates?: Update[];
  deletes?: Delete[];
}

type TxResult = { code?: string; message?: string } | undefined;

function failed(res: unknown): res is { code: string; message?: string } {
  return typeof res === 'object' && res !== null && typeof (res as TxResult)?.code === 'string' && Boolean((res as TxResult)!.code);
}

/** Lost the race: someone changed a document after it was read. */
export const CONFLICT = () => AppError.of('CONFLICT');

/** An insert met an existing _id: the thing was already created (e.g. by a replay of the same request). */
export class DuplicateWrite extends AppError {
  constructor() {
    super('CONFLICT');
  }
}

/** CloudBase reports a duplicate _id as errCode -502001 with [DuplicateWrite] / E11000 in the message. */
export function isDuplicateWrite(e: unknown): boolean {
  const text = `${(e as { message?: string })?.message ?? ''} ${(e as { errMsg?: string })?.errMsg ?? ''}`;
  return /DuplicateWrite|E11000|duplicate key/i.test(text);
}

/**
 * A transaction lost to another. CloudBase fails the losing write at once, inside the transaction; the
 * service's code (DATABASE_TRANSACTION_CONFLICT) survives only on errors from the raw SDK (e.g. commit), while
 * wx-server-sdk's document wrapper drops it (errCode -501001), leaving the reason in errMsg:
 * "[ResourceUnavailable.TransactionConflict] Transaction is conflict, …".
 */
export function isTransactionConflict(e: unknown): boolean {
  const code = (e as TxResult)?.code;
  if (typeof code === 'string' && code.includes('CONFLICT')) return true;
  const text = `${(e as { message?: string })?.message ?? ''} ${(e as { errMsg?: string })?.errMsg ?? ''}`;
  return /TransactionConflict|Transaction is conflict/i.test(text);
}

/**
 * A transaction a step reads its documents in (its loads folded into the transaction: no separate read before
 * it). Under CloudBase's snapshot isolation a document read here and written later in the same transaction
 * cannot have changed in between (the write would fail as a conflict), so the write needs no second read.
 */
export interface StepTx {
  /** The document as this transaction sees it, or undefined. Single documents by _id only (no queries here). */
  get<T extends object>(collection: string, id: string): Promise<(T & { _id: string; version?: number }) | undefined>;
  /** Writes the change and commits. Writes to documents read through `get` are compared on the version read there. */
  commit(change: Change): Promise<void>;
}

interface OpenTx {
  tx: any;
  /** Version of each document read in this transaction (null: not there), by collection NUL id. */
  read: Map<string, number | null>;
}

const readKey = (collection: string, id: string) => `${collection}\u0000${id}`;

/**
 * Runs `body` inside one transaction: it reads what it needs through the StepTx and commits its change there
 * (`tx.commit`). Ending without committing (a replay, a refusal, an error) rolls the transaction back.
 */
export async function transact<T>(db: Database, body: (tx: StepTx) => Promise<T>): Promise<T> {
  const raw = (await db.startTransaction()) as any;
  const open: OpenTx = { tx: raw, read: new Map() };
  let ended = false;
  const step: StepTx = {
    async get<D extends object>(collection: string, id: string) {
      const res = (await raw.collection(collection).doc(id).get()) as { data?: (D & { _id: string; version?: number }) | null } & TxResult;
      if (failed(res)) throw res;
      open.read.set(readKey(collection, id), res.data ? res.data.version ?? 0 : null);
      return res.data ?? undefined;
    },
    async commit(change: Change) {
      if (ended) throw new Error('transact: the transaction has ended');
      ended = true;
      await writeAndCommit(open, change);
    },
  };
  try {
    const value = await body(step);
    if (!ended) {
      ended = true;
      await rollback(raw);
    }
    return value;
  } catch (e) {
    if (!ended) {
      ended = true;
      await rollback(raw);
    }
    throw translate(e);
  }
}

async function rollback(tx: any): Promise<void> {
  try {
    await tx.rollback();
  } catch {
    /* the transaction may already be gone */
  }
}

function translate(e: unknown): unknown {
  if (e instanceof AppError) return e;
  if (isDuplicateWrite(e)) return new DuplicateWrite();
  if (isTransactionConflict(e)) return CONFLICT();
  return e;
}

export async function commit(db: Database, change: Change): Promise<void> {
  const tx = (await db.startTransaction()) as any;
  await writeAndCommit({ tx, read: new Map() }, change);
}

async function writeAndCommit(open: OpenTx, change: Change): Promise<void> {
  const { tx } = open;
  let done = false;
  try {
    for (const w of change.writes) {
      const key = readKey(w.collection, w.id);
      let version: number | null;
      let data: Record<string, unknown> | null | undefined;
      if (open.read.has(key) && !w.derive) {
        version = open.read.get(key)!;
      } else {
        const current = (await tx.collection(w.collection).doc(w.id).get()) as { data?: { version?: number } | null } & TxResult;
        if (failed(current)) throw current;
        version = current.data ? current.data.version ?? 0 : null;
        data = current.data as Record<string, unknown> | null | undefined;
      }
      if (w.derive) {
        const next = w.derive(data ?? undefined);
        if (!next) continue;
        const res = await tx.collection(w.collection).doc(w.id).set({ data: { ...next, version: (version ?? 0) + 1 } });
        if (failed(res)) throw res;
        continue;
      }
      if (version !== w.expectVersion) throw CONFLICT();
      const res = await tx.collection(w.collection).doc(w.id).set({ data: { ...w.data, version: (w.expectVersion ?? 0) + 1 } });
      if (failed(res)) throw res;
    }
    for (const u of change.updates ?? []) {
      const res = (await tx.collection(u.collection).doc(u.id).update({ data: u.data })) as { stats?: { updated?: number }; updated?: number } & TxResult;
      if (failed(res)) throw res;
      // wx-server-sdk answers `stats.updated`; the bare SDK `updated`.
      if (u.whenMissing && (res.stats?.updated ?? res.updated) === 0) throw u.whenMissing();
    }
    for (const del of change.deletes ?? []) {
      const res = await tx.collection(del.collection).doc(del.id).remove();
      if (failed(res)) throw res;
    }
    for (const ins of change.inserts) {
      const res = await tx.collection(ins.collection).add({ data: { ...ins.data, _id: ins.id } });
      if (failed(res)) throw res;
    }
    await tx.commit();
    done = true;
  } catch (e) {
    if (!done) await rollback(tx);
    throw translate(e);
  }
}

/**
 * Runs one load–decide–save pass, and runs it again on fresh data when it lost a race (a compare-and-set
 * conflict, or a create that met an existing _id — both coded CONFLICT). On the next pass a replay of the
 * same request answers as the first did; anything else is decided afresh (and may now be refused).
 */
export async function retryOnLostRace<T>(pass: () => Promise<T>, retries = 4): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await pass();
    } catch (e) {
      if (attempt >= retries || (e as { code?: string })?.code !== 'CONFLICT') throw e;
      // In CloudBase the losing write fails at once while the winner is still open: wait a little, a random
      // while that grows with each attempt, so the contenders do not meet again on the next pass.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * 2 ** attempt));
    }
  }
}
