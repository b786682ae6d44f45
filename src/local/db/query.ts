// Query evaluation with mingo, narrowed first by `_id` lookups and lazily built equality indexes.
import { Query } from 'mingo';
import { Doc, isPlainObject } from './codec';
import { sortDocs } from './sort';
import { Collection, DocKey, docKey, primitiveKey } from './store';

export interface FindOptions {
  order?: Record<string, 1 | -1>;
  offset?: number;
  limit?: number;
  projection?: Doc;
}

interface Narrowing {
  path: string;
  values: unknown[];
}

/** Equality constraints (`f: v`, `f: {$eq: v}`, `f: {$in: [...]}`) every match must satisfy. */
function narrowings(criteria: Doc, out: Narrowing[] = []): Narrowing[] {
  for (const [path, cond] of Object.entries(criteria)) {
    if (path === '$and' && Array.isArray(cond)) {
      for (const sub of cond) if (isPlainObject(sub)) narrowings(sub, out);
      continue;
    }
    if (path.startsWith('$')) continue;
    if (primitiveKey(cond) !== null) {
      out.push({ path, values: [cond] });
    } else if (isPlainObject(cond)) {
      if ('$eq' in cond && primitiveKey(cond.$eq) !== null) out.push({ path, values: [cond.$eq] });
      if (Array.isArray(cond.$in) && cond.$in.every((v: unknown) => primitiveKey(v) !== null)) {
        out.push({ path, values: cond.$in });
      }
    }
  }
  return out;
}

/** The `$or`s every match must satisfy: the criteria's own and those of its `$and`s. */
function disjunctions(criteria: Doc, out: Doc[][] = []): Doc[][] {
  if (Array.isArray(criteria.$or) && criteria.$or.every(isPlainObject)) out.push(criteria.$or as Doc[]);
  if (Array.isArray(criteria.$and)) for (const sub of criteria.$and) if (isPlainObject(sub)) disjunctions(sub, out);
  return out;
}

interface Candidates {
  /** How many documents at most (an over-estimate when sets overlap). */
  size: number;
  keys(): Set<DocKey>;
}

/**
 * The smallest set of documents the criteria's equality constraints allow, or undefined when none narrows: an
 * `_id` look-up; else the smallest equality index entry; else, for an `$or` whose every branch narrows, the union
 * of its branches' sets (as a database serves an `$or` of indexed branches: one index scan a branch).
 */
function candidates(coll: Collection, criteria: Doc): Candidates | undefined {
  const found = narrowings(criteria);
  const byId = found.find((n) => n.path === '_id');
  if (byId) {
    const keys = new Set(byId.values.map(docKey).filter((k) => coll.docs.has(k)));
    return { size: keys.size, keys: () => keys };
  }
  let best: Candidates | undefined;
  for (const n of found) {
    const valueKeys = n.values.map((v) => primitiveKey(v)!);
    const size = coll.index(n.path).estimate(valueKeys);
    if (!best || size < best.size) best = { size, keys: () => coll.index(n.path).candidates(valueKeys) };
  }
  for (const branches of disjunctions(criteria)) {
    const each = branches.map((b) => candidates(coll, b));
    if (each.some((c) => !c)) continue;
    const size = each.reduce((n, c) => n + c!.size, 0);
    if (!best || size < best.size)
      best = {
        size,
        keys: () => {
          const out = new Set<DocKey>();
          for (const c of each) for (const k of c!.keys()) out.add(k);
          return out;
        },
      };
  }
  return best;
}

/** Keys of documents that may match, in natural order; undefined means "scan everything". */
function candidateKeys(coll: Collection, criteria: Doc): DocKey[] | undefined {
  const best = candidates(coll, criteria);
  if (!best || best.size > coll.docs.size / 2) return undefined;
  return Array.from(best.keys()).sort((a, b) => coll.position.get(a)! - coll.position.get(b)!);
}

export function compile(criteria: Doc): Query {
  return new Query(criteria, { idKey: '_id' });
}

/** Matching documents (live objects: never hand them out without copying) in natural order. */
export function* matching(coll: Collection, criteria: Doc): Generator<[DocKey, Doc]> {
  const query = compile(criteria);
  const keys = candidateKeys(coll, criteria);
  if (keys) {
    for (const key of keys) {
      const doc = coll.docs.get(key);
      if (doc && query.test(doc)) yield [key, doc];
    }
    return;
  }
  for (const entry of coll.docs) if (query.test(entry[1])) yield entry;
}

export function count(coll: Collection, criteria: Doc): number {
  let n = 0;
  for (const _ of matching(coll, criteria)) n++;
  return n;
}

export function find(coll: Collection, criteria: Doc, opts: FindOptions): Doc[] {
  const offset = Math.max(0, opts.offset ?? 0);
  const limit = opts.limit;
  const hasOrder = opts.order && Object.keys(opts.order).length > 0;
  let docs: Doc[];
  if (!hasOrder) {
    docs = [];
    let skipped = 0;
    for (const [, doc] of matching(coll, criteria)) {
      if (skipped < offset) {
        skipped++;
        continue;
      }
      if (limit !== undefined && docs.length >= limit) break;
      docs.push(doc);
    }
  } else {
    const all: Doc[] = [];
    for (const [, doc] of matching(coll, criteria)) all.push(doc);
    docs = sortDocs(all, opts.order!, offset, limit);
  }
  if (opts.projection && Object.keys(opts.projection).length > 0) {
    return compile({}).find(docs, opts.projection as any).all() as Doc[];
  }
  return docs;
}
