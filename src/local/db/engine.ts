// The database service: one handler per action @cloudbase/database sends, answering in the shapes the SDK
// reads (see node_modules/@cloudbase/database/dist/commonjs/{query,document,collection,aggregate}.js).
import { randomBytes } from 'crypto';
import { aggregate as mingoAggregate, update as mingoUpdate } from 'mingo';
import { clone, decodeData, decodeQuery, decodeStage, Doc, encodeDoc, isPlainObject } from './codec';
import {
  DB_ERROR,
  duplicateWriteMessage,
  LocalDbError,
  TRANSACTION_CONFLICT_MESSAGE,
  TRANSACTION_NOT_EXIST_MESSAGE,
} from './errors';
import { coverage, uncoveredMessage, type CollectionSpec, type Direction } from '../../server/database/coverage';
import { count, find, matching } from './query';
import { Change, DocKey, docKey, primitiveKey, Store } from './store';

/** CloudBase's page size without limit() and the most one query returns. */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;
/** What a server-side aggregate answers when its pipeline has no `$limit` (CloudBase: 20 rows). */
export const AGGREGATE_DEFAULT_LIMIT = 20;

export interface EngineOptions {
  /** Environment id used in error messages. */
  env: string;
  /** Clock for db.serverDate(); defaults to Date.now. */
  now?: () => number;
  /** `_id` generator for add() without an `_id`; defaults to 32 hex characters like CloudBase's. */
  newId?: () => string;
  /** Fail reads and writes on collections never created, as CloudBase does (off: created on first write). */
  strictCollections?: boolean;
  /** Declared collections with their indexes; with `strictIndexes`, queries no index covers are refused. */
  schema?: readonly CollectionSpec[];
  /** Refuse every query (filter/sort) that no index declared in `schema` covers. */
  strictIndexes?: boolean;
  /** Told of every query no declared index covers (refused or not), with the message. */
  onUncoveredQuery?: (collection: string, message: string) => void;
}

interface TxEntry {
  collection: string;
  key: DocKey;
  /** Version of the committed document when the transaction first touched it. */
  version: number;
  /** The document as this transaction sees it. */
  view: Doc | null;
  dirty: boolean;
}

interface Transaction {
  id: string;
  entries: Map<string, TxEntry>;
}

type Params = Record<string, any>;

let idCounter = 0;

/** 32 hex characters: seconds since epoch, then a process-unique counter and random bytes. */
export function cloudbaseLikeId(nowMs: number = Date.now()): string {
  const seconds = Math.floor(nowMs / 1000).toString(16).padStart(8, '0').slice(-8);
  idCounter = (idCounter + 1) % 0x1000000;
  return seconds + idCounter.toString(16).padStart(6, '0') + randomBytes(9).toString('hex');
}

export class Engine {
  private readonly transactions = new Map<string, Transaction>();

  /** Transactions started and not yet committed or aborted. */
  get openTransactions(): number {
    return this.transactions.size;
  }
  /** Documents written by an open transaction (collection NUL key → transaction id), until it ends. */
  private readonly writeLocks = new Map<string, string>();
  private requestSeq = 0;
  private readonly now: () => number;
  private readonly newId: () => string;
  private readonly specs = new Map<string, CollectionSpec>();
  /** Requests per collection name since start (reads, writes, transactional or not). */
  readonly requestsByCollection = new Map<string, number>();

  constructor(
    readonly store: Store,
    private readonly opts: EngineOptions,
  ) {
    this.now = opts.now ?? Date.now;
    this.newId = opts.newId ?? (() => cloudbaseLikeId(this.now()));
    for (const spec of opts.schema ?? []) this.specs.set(spec.name, spec);
  }

  /**
   * Checks a query against the declared indexes (only when a schema is given): refuses it under
   * `strictIndexes`, else only reports it. `_id` look-ups (every doc(id) call) are always covered.
   */
  private checkIndex(
    collection: string,
    filter: Doc | undefined,
    order: Record<string, unknown> | undefined,
    fail: (code: string, msg: string) => never,
  ): void {
    if (!this.opts.schema) return;
    const sort = Object.entries(order ?? {}).map(([field, d]) => ({ field, direction: (Number(d) < 0 ? -1 : 1) as Direction }));
    const spec = this.specs.get(collection) ?? { indexes: [] };
    const result = coverage(spec, filter ?? {}, sort);
    if (result.covered) return;
    let message = uncoveredMessage(collection, result);
    if (!this.specs.has(collection)) message += ` (and '${collection}' itself is not declared there)`;
    this.opts.onUncoveredQuery?.(collection, message);
    if (this.opts.strictIndexes) fail(DB_ERROR.INDEX_NOT_DECLARED, message);
  }

  newDocId(): string {
    return this.newId();
  }

  handle(action: string, params: Params = {}): any {
    const requestId = `local-${++this.requestSeq}`;
    try {
      return { requestId, ...this.dispatch(action, params, requestId) };
    } catch (e) {
      if (e instanceof LocalDbError) throw e;
      // mingo and validation failures: the service answers DATABASE_REQUEST_FAILED with its reason.
      throw new LocalDbError(DB_ERROR.REQUEST_FAILED, `[FailedOperation] ${(e as Error).message}`, requestId);
    }
  }

  private dispatch(action: string, p: Params, requestId: string): Params {
    const fail = (code: string, message: string): never => {
      throw new LocalDbError(code, message, requestId);
    };
    if (typeof p.collectionName === 'string' && p.collectionName) {
      this.requestsByCollection.set(p.collectionName, (this.requestsByCollection.get(p.collectionName) ?? 0) + 1);
    }
    if (p.transactionId !== undefined && p.transactionId !== null && p.transactionId !== '') {
      const tx = this.transactions.get(p.transactionId) ?? fail(DB_ERROR.REQUEST_FAILED, TRANSACTION_NOT_EXIST_MESSAGE);
      return this.inTransaction(tx, action, p, fail);
    }
    switch (action) {
      case 'database.getDocument': {
        const coll = this.readable(p.collectionName, fail);
        this.checkIndex(p.collectionName, decodeQuery(p.query, this.now()), p.order ? decodeData(p.order, this.now()) : undefined, fail);
        const limit = p.limit === undefined ? undefined : Math.min(Number(p.limit) || DEFAULT_LIMIT, MAX_LIMIT);
        const offset = Number(p.offset) || 0;
        const docs = coll
          ? find(coll, decodeQuery(p.query, this.now()), {
              order: p.order ? decodeData(p.order, this.now()) : undefined,
              offset,
              limit: p.queryType === 'DOC' ? limit : (limit ?? DEFAULT_LIMIT),
              projection: p.projection ? decodeData(p.projection, this.now()) : undefined,
            })
          : [];
        return { data: { list: docs.map(encodeDoc), limit: limit ?? DEFAULT_LIMIT, offset } };
      }
      case 'database.calculateDocument': {
        const coll = this.readable(p.collectionName, fail);
        this.checkIndex(p.collectionName, decodeQuery(p.query, this.now()), undefined, fail);
        return { data: { total: coll ? count(coll, decodeQuery(p.query, this.now())) : 0 } };
      }
      case 'database.insertDocument': {
        this.writable(p.collectionName, fail);
        const ids = this.insert(p.collectionName, p.data, fail);
        return { data: { insertedIds: ids } };
      }
      case 'database.modifyDocument':
        this.writable(p.collectionName, fail);
        this.checkIndex(p.collectionName, decodeQuery(p.query, this.now()), undefined, fail);
        return { data: this.modify(p) };
      case 'database.modifyAndReturnDoc': {
        this.writable(p.collectionName, fail);
        this.checkIndex(p.collectionName, decodeQuery(p.query, this.now()), undefined, fail);
        const { updated, doc } = this.modifyAndReturn(p);
        return { data: { updated, doc: doc ? encodeDoc(doc) : null } };
      }
      case 'database.removeDocument': {
        this.writable(p.collectionName, fail);
        this.checkIndex(p.collectionName, decodeQuery(p.query, this.now()), undefined, fail);
        return { data: { deleted: this.remove(p) } };
      }
      case 'database.aggregateDocuments': {
        const coll = this.readable(p.collectionName, fail);
        this.checkAggregate(p, fail);
        return { data: { list: coll ? this.aggregate(p).map(encodeDoc) : [] } };
      }
      case 'database.addCollection':
        if (this.store.hasCollection(p.collectionName)) {
          fail(DB_ERROR.COLLECTION_ALREADY_EXIST, `[ResourceInUse] Table exist. collection: ${p.collectionName}`);
        }
        this.store.createCollection(p.collectionName);
        return {};
      case 'database.startTransaction': {
        const id = `tx-${randomBytes(12).toString('hex')}`;
        this.transactions.set(id, { id, entries: new Map() });
        return { transactionId: id };
      }
      case 'database.commitTransaction':
      case 'database.abortTransaction':
        // Without a known transactionId: the SDK only sends these for transactions it started.
        return fail(DB_ERROR.REQUEST_FAILED, TRANSACTION_NOT_EXIST_MESSAGE);
      default:
        return fail(DB_ERROR.REQUEST_FAILED, `[InvalidParameter] unsupported action ${action}`);
    }
  }

  // ---- collections -------------------------------------------------------------------------------

  private readable(name: string, fail: (code: string, msg: string) => never) {
    if (!this.store.hasCollection(name)) {
      if (this.opts.strictCollections) fail(DB_ERROR.COLLECTION_NOT_EXIST, this.notExist(name));
      return undefined;
    }
    return this.store.collection(name);
  }

  private writable(name: string, fail: (code: string, msg: string) => never): void {
    if (!name) fail(DB_ERROR.INVALID_PARAM, '[InvalidParameter] collectionName is required');
    if (this.opts.strictCollections && !this.store.hasCollection(name)) {
      fail(DB_ERROR.COLLECTION_NOT_EXIST, this.notExist(name));
    }
  }

  /** CloudBase's message; with a schema, also what to declare. */
  private notExist(name: string): string {
    if (!this.opts.schema || this.specs.has(name)) return notExistMessage();
    return (
      `${notExistMessage()} [CollectionNotDeclared] '${name}' is not declared: add ` +
      `{ name: '${name}', description: '…', rule: CLOSED, indexes: [] } to SCHEMA in src/server/database/schema.ts`
    );
  }

  // ---- writes outside transactions ---------------------------------------------------------------

  private insert(collection: string, data: string[], fail: (code: string, msg: string) => never): unknown[] {
    const coll = this.store.collection(collection);
    const now = this.now();
    const changes: Change[] = [];
    const ids: unknown[] = [];
    const seen = new Set<DocKey>();
    for (const text of data ?? []) {
      const doc = this.prepareNewDoc(decodeData(text, now));
      const key = docKey(doc._id);
      if (coll.docs.has(key) || seen.has(key)) {
        fail(DB_ERROR.REQUEST_FAILED, duplicateWriteMessage(this.opts.env, collection, doc._id));
      }
      seen.add(key);
      ids.push(doc._id);
      changes.push({ collection, key, doc });
    }
    this.store.commit(changes);
    return ids;
  }

  private prepareNewDoc(parsed: unknown): Doc {
    if (!isPlainObject(parsed)) throw new Error('document must be an object');
    const doc: Doc = parsed._id === undefined ? { _id: this.newId(), ...parsed } : parsed;
    if (typeof doc._id !== 'string' && typeof doc._id !== 'number') throw new Error('_id must be a string or number');
    return doc;
  }

  private modify(p: Params): { updated: number; upsert_id?: unknown } {
    const now = this.now();
    const collection: string = p.collectionName;
    const coll = this.store.collection(collection);
    const criteria = decodeQuery(p.query, now);
    const data = decodeData(p.data, now);
    if (p.merge === false) {
      // doc(id).set(): replace the document, or create it.
      const replacement = replacementDoc(data, criteria);
      const first = matching(coll, criteria).next();
      if (!first.done) {
        const [key, old] = first.value;
        this.store.commit([{ collection, key, doc: { ...replacement, _id: old._id } }]);
        return { updated: 1 };
      }
      if (!p.upsert || replacement._id === undefined) return { updated: 0 };
      this.store.commit([{ collection, key: docKey(replacement._id), doc: replacement }]);
      return { updated: 0, upsert_id: replacement._id };
    }
    const modifier = toModifier(data);
    const changes: Change[] = [];
    for (const [key, old] of matching(coll, criteria)) {
      const next = applyModifier(old, modifier);
      if (next) changes.push({ collection, key, doc: next });
      if (p.multi === false) break;
    }
    this.store.commit(changes);
    return { updated: changes.length };
  }

  private modifyAndReturn(p: Params): { updated: number; doc: Doc | null } {
    const now = this.now();
    const collection: string = p.collectionName;
    const coll = this.store.collection(collection);
    const first = matching(coll, decodeQuery(p.query, now)).next();
    if (first.done) return { updated: 0, doc: null };
    const [key, old] = first.value;
    const next = applyModifier(old, toModifier(decodeData(p.data, now)));
    if (!next) return { updated: 0, doc: old };
    this.store.commit([{ collection, key, doc: next }]);
    return { updated: 1, doc: next };
  }

  private remove(p: Params): number {
    const collection: string = p.collectionName;
    const coll = this.store.collection(collection);
    const changes: Change[] = [];
    for (const [key] of matching(coll, decodeQuery(p.query, this.now()))) {
      changes.push({ collection, key, doc: null });
      if (p.multi === false) break;
    }
    this.store.commit(changes);
    return changes.length;
  }

  private aggregate(p: Params): Doc[] {
    const now = this.now();
    const pipeline: Doc[] = (p.stages ?? []).map((s: { stageKey: string; stageValue: string }) => ({
      [s.stageKey]: decodeStage(s.stageValue, now),
    }));
    const coll = this.store.collection(p.collectionName);
    let source: Doc[];
    // A leading $match can use the same narrowing as find().
    if (pipeline.length > 0 && isPlainObject(pipeline[0].$match)) {
      source = Array.from(matching(coll, pipeline[0].$match), ([, d]) => d);
      pipeline.shift();
    } else {
      source = Array.from(coll.docs.values());
    }
    const resolver = (name: string) =>
      this.store.hasCollection(name) ? Array.from(this.store.collection(name).docs.values()) : [];
    const options = { idKey: '_id', collectionResolver: resolver };
    // Stages run with mingo, except a `$lookup` the foreign collection's indexes can serve (below): mingo hands
    // every such lookup the whole foreign collection, which a read joining a 100,000-case collection pays for.
    let rows = source;
    let segment: Doc[] = [];
    for (const stage of pipeline) {
      const served = isPlainObject(stage.$lookup) ? this.lookup(rows, stage.$lookup, segment, options) : undefined;
      if (served) {
        rows = served;
        segment = [];
      } else segment.push(stage);
    }
    if (segment.length) rows = mingoAggregate(rows, segment, options) as Doc[];
    // Like CloudBase, a pipeline without a $limit stage answers its first 20 rows only.
    return pipeline.some((stage) => '$limit' in stage) ? rows : rows.slice(0, AGGREGATE_DEFAULT_LIMIT);
  }

  /**
   * A `$lookup` served through the foreign collection's equality indexes, as CloudBase serves it from its
   * indexes: an equality join (`localField`/`foreignField`) looks each row's values up; a sub-pipeline without
   * variables (`let`) runs once, narrowed by its leading `$match`, and every row gets its answer. The stages
   * before it (`pending`) run first. Undefined for a shape this does not serve (mingo runs it, reading all).
   */
  private lookup(rows: Doc[], spec: Doc, pending: Doc[], options: Parameters<typeof mingoAggregate>[2]): Doc[] | undefined {
    const as = spec.as;
    if (typeof spec.from !== 'string' || typeof as !== 'string' || as.includes('.') || spec.let !== undefined) return undefined;
    const equality = typeof spec.localField === 'string' && typeof spec.foreignField === 'string' && spec.pipeline === undefined;
    const fixed = Array.isArray(spec.pipeline) && spec.localField === undefined && spec.foreignField === undefined;
    if (!equality && !fixed) return undefined;
    const before = pending.length ? (mingoAggregate(rows, pending, options) as Doc[]) : rows;
    const coll = this.store.hasCollection(spec.from) ? this.store.collection(spec.from) : undefined;
    if (fixed) {
      const stages = spec.pipeline as Doc[];
      let found: Doc[] = [];
      if (coll) {
        const leading = stages.length > 0 && isPlainObject(stages[0].$match) ? (stages[0].$match as Doc) : undefined;
        const source = leading ? Array.from(matching(coll, leading), ([, d]) => d) : Array.from(coll.docs.values());
        const rest = leading ? stages.slice(1) : stages;
        found = rest.length ? (mingoAggregate(source, rest, options) as Doc[]) : source;
      }
      return before.map((row) => ({ ...row, [as]: found.slice() }));
    }
    return before.map((row) => {
      const values = valuesAt(row, spec.localField as string);
      // Missing or non-primitive values join on null/missing or by deep equality: mingo's rules, for this row.
      if (!values || !coll) return coll ? (mingoAggregate([row], [{ $lookup: spec }], options)[0] as Doc) : { ...row, [as]: [] };
      return { ...row, [as]: Array.from(matching(coll, { [spec.foreignField as string]: { $in: values } }), ([, d]) => d) };
    });
  }

  /**
   * A pipeline is checked by its leading $match (and a $sort right after it); without one it reads everything.
   * Its lookups are checked the same way, on the collections they read.
   */
  private checkAggregate(p: Params, fail: (code: string, msg: string) => never): void {
    if (!this.opts.schema) return;
    const stages: Array<{ stageKey: string; stageValue: string }> = p.stages ?? [];
    const now = this.now();
    let filter: Doc = {};
    let order: Record<string, unknown> | undefined;
    let i = 0;
    if (stages[0]?.stageKey === '$match') filter = decodeStage(stages[i++].stageValue, now) ?? {};
    if (stages[i]?.stageKey === '$sort') order = decodeStage(stages[i].stageValue, now);
    this.checkIndex(p.collectionName, filter, order, fail);
    // Each lookup reads its collection too: by the joined field, or by its sub-pipeline's leading $match and $sort.
    for (const stage of stages) {
      if (stage.stageKey !== '$lookup') continue;
      const spec = decodeStage(stage.stageValue, now) as Doc;
      if (typeof spec?.from !== 'string') continue;
      if (typeof spec.foreignField === 'string') {
        this.checkIndex(spec.from, { [spec.foreignField]: '' }, undefined, fail);
      } else if (Array.isArray(spec.pipeline)) {
        const sub = spec.pipeline as Doc[];
        const match = isPlainObject(sub[0]?.$match) ? (sub[0].$match as Doc) : undefined;
        const sort = sub[match ? 1 : 0]?.$sort as Record<string, unknown> | undefined;
        this.checkIndex(spec.from, match ?? {}, isPlainObject(sort) ? sort : undefined, fail);
      }
    }
  }

  // ---- transactions ------------------------------------------------------------------------------

  private inTransaction(
    tx: Transaction,
    action: string,
    p: Params,
    fail: (code: string, msg: string) => never,
  ): Params {
    switch (action) {
      case 'database.commitTransaction': {
        this.endTransaction(tx);
        const changes: Change[] = [];
        for (const e of tx.entries.values()) {
          if (this.store.versionOf(e.collection, e.key) !== e.version) {
            fail(DB_ERROR.TRANSACTION_CONFLICT, TRANSACTION_CONFLICT_MESSAGE);
          }
          if (e.dirty) changes.push({ collection: e.collection, key: e.key, doc: e.view });
        }
        this.store.commit(changes);
        return {};
      }
      case 'database.abortTransaction':
        this.endTransaction(tx);
        return {};
      case 'database.insertDocument': {
        this.writable(p.collectionName, fail);
        const now = this.now();
        const ids: unknown[] = [];
        for (const text of p.data ?? []) {
          const doc = this.prepareNewDoc(decodeData(text, now));
          const entry = this.touch(tx, p.collectionName, doc._id);
          this.lockForWrite(tx, entry, fail);
          if (entry.view) fail(DB_ERROR.REQUEST_FAILED, duplicateWriteMessage(this.opts.env, p.collectionName, doc._id));
          entry.view = doc;
          entry.dirty = true;
          ids.push(doc._id);
        }
        return { data: { insertedIds: ids } };
      }
    }
    const id = singleDocId(p, fail);
    switch (action) {
      case 'database.getDocument': {
        const entry = this.touch(tx, p.collectionName, id);
        return { data: { list: entry.view ? [encodeDoc(entry.view)] : [] } };
      }
      case 'database.modifyDocument': {
        this.writable(p.collectionName, fail);
        const now = this.now();
        const entry = this.touch(tx, p.collectionName, id);
        this.lockForWrite(tx, entry, fail);
        const data = decodeData(p.data, now);
        if (p.merge === false) {
          const existed = entry.view !== null;
          entry.view = { ...replacementDoc(data, { _id: id }), _id: id };
          entry.dirty = true;
          return existed ? { data: { updated: 1 } } : { data: { updated: 0, upsert_id: id } };
        }
        if (!entry.view) return { data: { updated: 0 } };
        const next = applyModifier(entry.view, toModifier(data));
        if (!next) return { data: { updated: 0 } };
        entry.view = next;
        entry.dirty = true;
        return { data: { updated: 1 } };
      }
      case 'database.removeDocument': {
        this.writable(p.collectionName, fail);
        this.checkIndex(p.collectionName, decodeQuery(p.query, this.now()), undefined, fail);
        const entry = this.touch(tx, p.collectionName, id);
        this.lockForWrite(tx, entry, fail);
        const deleted = entry.view ? 1 : 0;
        entry.view = null;
        entry.dirty = entry.dirty || deleted === 1;
        return { data: { deleted } };
      }
      default:
        return fail(DB_ERROR.REQUEST_FAILED, `[InvalidParameter] ${action} is not supported in a transaction`);
    }
  }

  /**
   * Snapshot isolation as CloudBase has it: a write inside a transaction fails at once — not at commit — when
   * another open transaction has written the document, or someone committed a change to it since this
   * transaction first read it. The losing transaction is aborted (its later requests find no transaction).
   */
  private lockForWrite(tx: Transaction, entry: TxEntry, fail: (code: string, msg: string) => never): void {
    const full = `${entry.collection}\u0000${entry.key}`;
    const holder = this.writeLocks.get(full);
    if ((holder !== undefined && holder !== tx.id) || this.store.versionOf(entry.collection, entry.key) !== entry.version) {
      this.endTransaction(tx);
      fail(DB_ERROR.TRANSACTION_CONFLICT, TRANSACTION_CONFLICT_MESSAGE);
    }
    this.writeLocks.set(full, tx.id);
  }

  private endTransaction(tx: Transaction): void {
    this.transactions.delete(tx.id);
    for (const full of tx.entries.keys()) if (this.writeLocks.get(full) === tx.id) this.writeLocks.delete(full);
  }

  /** The transaction's entry for a document, recording its committed version the first time. */
  private touch(tx: Transaction, collection: string, id: unknown): TxEntry {
    const key = docKey(id);
    const full = `${collection}\u0000${key}`;
    let entry = tx.entries.get(full);
    if (!entry) {
      const coll = this.store.collection(collection);
      const current = coll.docs.get(key);
      entry = {
        collection,
        key,
        version: coll.version.get(key) ?? 0,
        view: current ? clone(current) : null,
        dirty: false,
      };
      tx.entries.set(full, entry);
    }
    return entry;
  }
}

function notExistMessage(): string {
  return '[ResourceNotFound] Db or Table not exist. Please check your request, but if the problem persists, contact us.';
}

/** Transactions take single-document operations only (`doc(id)`), as in CloudBase. */
function singleDocId(p: Params, fail: (code: string, msg: string) => never): unknown {
  const criteria = decodeQuery(p.query, 0);
  const keys = Object.keys(criteria);
  const id = criteria._id;
  if (p.queryType !== 'DOC' || keys.length !== 1 || (typeof id !== 'string' && typeof id !== 'number')) {
    fail(DB_ERROR.REQUEST_FAILED, '[InvalidParameter] only single-document operations by _id are allowed in a transaction');
  }
  return id;
}

function replacementDoc(data: unknown, criteria: Doc): Doc {
  if (!isPlainObject(data)) throw new Error('document must be an object');
  if (Object.keys(data).some((k) => k.startsWith('$'))) throw new Error('update operator complicit');
  const id = criteria._id;
  return typeof id === 'string' || typeof id === 'number' ? { ...data, _id: id } : { ...data };
}

function toModifier(data: unknown): Doc {
  if (!isPlainObject(data)) throw new Error('update data must be an object');
  const keys = Object.keys(data);
  if (keys.length > 0 && keys.every((k) => k.startsWith('$'))) return data;
  if (keys.some((k) => k.startsWith('$'))) throw new Error('cannot mix update operators and fields');
  return { $set: data };
}

/** The updated copy, or null when the modifier changed nothing. Never mutates `doc`. */
function applyModifier(doc: Doc, modifier: Doc): Doc | null {
  checkOperandTypes(doc, modifier);
  const copy = clone(doc);
  const changed = mingoUpdate(copy, modifier as any, undefined, undefined, { cloneMode: 'deep' });
  if (changed.length === 0) return null;
  if (copy._id !== doc._id) throw new Error('cannot change _id');
  return copy;
}

const NUMERIC_OPS = ['$inc', '$mul'];
const ARRAY_OPS = ['$push', '$addToSet', '$pull', '$pullAll', '$pop'];

/**
 * MongoDB (and so CloudBase) rejects these updates where mingo would silently skip them; the whole
 * write then fails instead of half-applying.
 */
function checkOperandTypes(doc: Doc, modifier: Doc): void {
  for (const [op, fields] of Object.entries(modifier)) {
    if (!isPlainObject(fields) || !(NUMERIC_OPS.includes(op) || ARRAY_OPS.includes(op) || op === '$set')) continue;
    for (const [path, operand] of Object.entries(fields)) {
      const at = valueAt(doc, path);
      if (NUMERIC_OPS.includes(op)) {
        if (typeof operand !== 'number') throw new Error(`Cannot ${op} with non-numeric argument: {${path}: ${JSON.stringify(operand)}}`);
        if (at.found && typeof at.value !== 'number') {
          throw new Error(`Cannot apply ${op} to a value of non-numeric type. {_id: ${JSON.stringify(doc._id)}} has the field '${path}' of non-numeric type ${typeName(at.value)}`);
        }
      } else if (ARRAY_OPS.includes(op) && at.found && !Array.isArray(at.value)) {
        throw new Error(`The field '${path}' must be an array but is of type ${typeName(at.value)} in document {_id: ${JSON.stringify(doc._id)}}`);
      }
    }
  }
}

function valueAt(doc: Doc, path: string): { found: boolean; value?: unknown } {
  let cur: any = doc;
  const segments = path.split('.');
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    const isContainer = cur !== null && typeof cur === 'object' && !(cur instanceof Date);
    if (!isContainer) {
      if (cur === undefined) return { found: false };
      throw new Error(`Cannot create field '${seg}' in element {${segments.slice(0, i).join('.')}: ${JSON.stringify(cur)}}`);
    }
    if (!(seg in cur)) return { found: false };
    cur = cur[seg];
  }
  return { found: true, value: cur };
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (value instanceof Date) return 'date';
  return typeof value;
}

/**
 * The primitive values at a dotted path of a row, as `$lookup` compares them (an array's elements each, through
 * arrays of documents on the way), or undefined when the path holds nothing or anything but primitives.
 */
function valuesAt(row: Doc, path: string): unknown[] | undefined {
  let level: unknown[] = [row];
  for (const seg of path.split('.')) {
    const next: unknown[] = [];
    for (const v of level.flatMap((x) => (Array.isArray(x) ? x : [x]))) if (isPlainObject(v) && (v as Doc)[seg] !== undefined) next.push((v as Doc)[seg]);
    level = next;
  }
  const values = level.flatMap((x) => (Array.isArray(x) ? x : [x]));
  if (values.length === 0 || !values.every((x) => x !== null && x !== undefined && primitiveKey(x) !== null)) return undefined;
  return values;
}
