// Which declared index covers a query: pure, used by the local database (to refuse uncovered queries) and by
// the tests. Types of the schema declaration (schema.ts) live here too, so the local database needs only this file.
//
// The rule, written down (MongoDB-style compound indexes, "equality before sort and range"):
// - The query's shape is its filter fields, each an EQUALITY (plain value, null, array, sub-document, $eq, $in)
//   or a RANGE (anything else: $gt/$gte/$lt/$lte/$ne/$nin/$exists/regex/...), plus its sort fields in order.
//   `$and` merges its branches; `$or`/`$nor` need every branch (with the fields beside it) covered.
// - A look-up by `_id` (equality or $in on `_id`) is covered by the `_id` index every collection has, and so is a
//   range on `_id` alone, sorted by `_id` or not (walking a whole collection page by page in `_id` order).
// - Otherwise an index covers the shape when its LEADING fields are exactly the shape's fields (a prefix with
//   no gaps, extra trailing index fields are fine), every equality field comes before every other field, and
//   the sort fields appear in orderBy order with directions all equal to, or all opposite to, the index's.
//   A field that is both filtered and sorted on counts once. `_id` may be used as an ordinary index field.
// - A query with no filter and no sort (or a count with no filter) reads the whole collection: allowed only
//   on collections declared with `fullScan` (a reason), such as the small organisation directory.

export type Direction = 1 | -1;

/** CloudBase database security rule: `true`/`false` or an expression such as "doc._openid == auth.openid". */
export interface SecurityRule {
  read: boolean | string;
  write: boolean | string;
}

export interface IndexSpec {
  /** Index name in CloudBase (letters, digits and _; unique within the collection; `_id_` is reserved). */
  name: string;
  /** Fields in index order with direction, e.g. `{ caseId: 1, seq: 1 }`. Dotted paths reach into sub-documents. */
  keys: Record<string, Direction>;
  unique?: boolean;
}

export interface CollectionSpec {
  name: string;
  description: string;
  rule: SecurityRule;
  indexes: IndexSpec[];
  /** Why reading the whole collection (no filter) is fine; without it such a read is refused locally. */
  fullScan?: string;
}

export interface QueryShape {
  /** Equality fields (order irrelevant). */
  equality: string[];
  /** Range and other non-equality fields. */
  range: string[];
  /** Sort fields in orderBy order. */
  sort: Array<{ field: string; direction: Direction }>;
}

type Filter = Record<string, unknown>;

const EQUALITY_OPS = new Set(['$eq', '$in']);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function isOperatorObject(v: unknown): v is Record<string, unknown> {
  return isPlainObject(v) && Object.keys(v).length > 0 && Object.keys(v).every((k) => k.startsWith('$'));
}

/** Whether a field condition pins the field to one or a few values. */
function isEqualityCondition(cond: unknown): boolean {
  if (!isOperatorObject(cond)) return !(cond instanceof RegExp);
  return Object.entries(cond).some(([op, v]) => {
    if (EQUALITY_OPS.has(op)) return true;
    if (op === '$and' && Array.isArray(v)) return v.some((c) => isEqualityCondition(c));
    return false;
  });
}

interface Partial {
  equality: Set<string>;
  range: Set<string>;
  /** A top-level operator no index can serve ($expr, $where, $text...). */
  unindexable: string[];
}

/**
 * The shapes a filter needs covered: one, or one per `$or`/`$nor` branch. Pure; `filter` is the decoded
 * query as MongoDB/mingo reads it.
 */
export function queryShapes(filter: Filter | undefined, sort: Array<{ field: string; direction: Direction }> = []): Array<QueryShape & { unindexable: string[] }> {
  const partials = expand(filter ?? {});
  return partials.map((p) => {
    const equality = [...p.equality];
    // A field with both an equality and a range condition is an equality field.
    const range = [...p.range].filter((f) => !p.equality.has(f));
    return { equality: equality.sort(), range: range.sort(), sort, unindexable: p.unindexable };
  });
}

function expand(filter: Filter): Partial[] {
  let acc: Partial[] = [{ equality: new Set(), range: new Set(), unindexable: [] }];
  const combine = (branches: Partial[]) => {
    const next: Partial[] = [];
    for (const a of acc) {
      for (const b of branches) {
        next.push({
          equality: new Set([...a.equality, ...b.equality]),
          range: new Set([...a.range, ...b.range]),
          unindexable: [...a.unindexable, ...b.unindexable],
        });
      }
    }
    acc = next;
  };
  for (const [key, cond] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(cond)) {
      for (const sub of cond) if (isPlainObject(sub)) combine(expand(sub));
    } else if ((key === '$or' || key === '$nor') && Array.isArray(cond)) {
      combine(cond.filter(isPlainObject).flatMap((sub) => expand(sub)));
    } else if (key.startsWith('$')) {
      combine([{ equality: new Set(), range: new Set(), unindexable: [key] }]);
    } else {
      const eq = isEqualityCondition(cond);
      combine([{ equality: new Set(eq ? [key] : []), range: new Set(eq ? [] : [key]), unindexable: [] }]);
    }
  }
  return acc;
}

/** Whether one index covers one shape (see the rule at the top). */
export function indexCovers(index: IndexSpec, shape: QueryShape): boolean {
  const fields = Object.keys(index.keys);
  const sortOnly = shape.sort.filter((s) => !shape.equality.includes(s.field));
  const wanted = new Set([...shape.equality, ...shape.range, ...sortOnly.map((s) => s.field)]);
  if (wanted.size === 0) return false;
  if (fields.length < wanted.size) return false;
  const prefix = fields.slice(0, wanted.size);
  if (!prefix.every((f) => wanted.has(f))) return false;
  // Equality fields first.
  const eq = new Set(shape.equality);
  const firstOther = prefix.findIndex((f) => !eq.has(f));
  if (firstOther >= 0 && prefix.slice(firstOther).some((f) => eq.has(f))) return false;
  // Sort fields in order, one direction (or all reversed). Sorting on an equality field is free.
  const positions = sortOnly.map((s) => prefix.indexOf(s.field));
  for (let i = 1; i < positions.length; i++) if (positions[i] < positions[i - 1]) return false;
  if (sortOnly.length) {
    const same = sortOnly.every((s) => index.keys[s.field] === s.direction);
    const reversed = sortOnly.every((s) => index.keys[s.field] === -s.direction);
    if (!same && !reversed) return false;
  }
  return true;
}

export type Coverage =
  | { covered: true; by: string }
  | { covered: false; shape: QueryShape & { unindexable: string[] }; suggestion: IndexSpec | undefined };

/**
 * Whether the collection's declared indexes cover a query. `filter` is the decoded query, `sort` the orderBy
 * fields. Answers the first uncovered shape with an index that would cover it.
 */
export function coverage(spec: Pick<CollectionSpec, 'indexes' | 'fullScan'>, filter: Filter | undefined, sort: Array<{ field: string; direction: Direction }> = []): Coverage {
  let by = '';
  for (const shape of queryShapes(filter, sort)) {
    if (shape.unindexable.length) return { covered: false, shape, suggestion: undefined };
    if (shape.equality.includes('_id')) {
      by ||= '_id_';
      continue;
    }
    if (!shape.equality.length && !shape.range.length && !shape.sort.length) {
      if (spec.fullScan) {
        by ||= 'fullScan';
        continue;
      }
      return { covered: false, shape, suggestion: undefined };
    }
    // Sorted by `_id`, or a range on `_id` alone (walking a collection in `_id` order): the `_id` index serves it.
    if (!shape.equality.length && shape.range.every((f) => f === '_id') && shape.sort.every((s) => s.field === '_id')) {
      by ||= '_id_';
      continue;
    }
    const index = spec.indexes.find((i) => indexCovers(i, shape));
    if (!index) return { covered: false, shape, suggestion: suggestIndex(shape) };
    by ||= index.name;
  }
  return { covered: true, by: by || '_id_' };
}

/** An index that covers the shape: equality fields, then sort fields, then range fields. */
export function suggestIndex(shape: QueryShape): IndexSpec {
  const keys: Record<string, Direction> = {};
  for (const f of shape.equality) keys[f] = 1;
  for (const s of shape.sort) if (!(s.field in keys)) keys[s.field] = s.direction;
  for (const f of shape.range) if (!(f in keys)) keys[f] = 1;
  const name = Object.keys(keys)
    .map((f) => f.replace(/[^A-Za-z0-9]+/g, '_'))
    .join('_')
    .slice(0, 60);
  return { name, keys };
}

/** One line describing a shape, e.g. `where { caseId (=), seq (range) } orderBy seq asc`. */
export function describeShape(shape: QueryShape & { unindexable?: string[] }): string {
  const parts = [...shape.equality.map((f) => `${f} (=)`), ...shape.range.map((f) => `${f} (range)`), ...(shape.unindexable ?? []).map((f) => `${f} (no index can serve)`)];
  const where = parts.length ? `where { ${parts.join(', ')} }` : 'no filter';
  const order = shape.sort.length ? ` orderBy ${shape.sort.map((s) => `${s.field} ${s.direction === 1 ? 'asc' : 'desc'}`).join(', ')}` : '';
  return where + order;
}

/** The message for an uncovered query: which collection, which shape, and exactly what to add where. */
export function uncoveredMessage(collection: string, result: Extract<Coverage, { covered: false }>): string {
  const shape = describeShape(result.shape);
  const fix = result.suggestion
    ? `add to the '${collection}' entry of src/server/database/schema.ts: indexes: [..., ${JSON.stringify(result.suggestion).replace(/"(\w+)":/g, '$1:').replace(/"/g, "'")}]`
    : result.shape.unindexable.length
      ? `no index can serve ${result.shape.unindexable.join(', ')}: rewrite the query with plain field conditions`
      : `filter on indexed fields, or if reading the whole '${collection}' collection is intended, give its entry in src/server/database/schema.ts a fullScan: '<why it stays small>'`;
  return `[IndexNotDeclared] no declared index of '${collection}' covers the query ${shape}; ${fix}`;
}
