// orderBy for large result sets: sort keys extracted once, compared in MongoDB's BSON type order
// (missing/null < numbers < strings < objects < arrays < booleans < dates). Much faster than a generic
// cursor sort at 100k documents.
import { Doc, isPlainObject } from './codec';

type Direction = 1 | -1;

function rank(v: unknown): number {
  if (v === null || v === undefined) return 1;
  switch (typeof v) {
    case 'number':
    case 'bigint':
      return 2;
    case 'string':
      return 3;
    case 'boolean':
      return 8;
  }
  if (v instanceof Date) return 9;
  if (v instanceof RegExp) return 11;
  if (Array.isArray(v)) return 5;
  if (isPlainObject(v)) return 4;
  return 7; // ObjectId and other BSON values
}

export function compareValues(a: unknown, b: unknown): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  switch (ra) {
    case 1:
      return 0;
    case 2:
    case 3:
      return (a as any) < (b as any) ? -1 : (a as any) > (b as any) ? 1 : 0;
    case 8:
      return Number(a) - Number(b);
    case 9:
      return (a as Date).getTime() - (b as Date).getTime();
    case 5: {
      const x = a as unknown[];
      const y = b as unknown[];
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const c = compareValues(x[i], y[i]);
        if (c !== 0) return c;
      }
      return x.length - y.length;
    }
    case 4: {
      const ka = Object.keys(a as Doc);
      const kb = Object.keys(b as Doc);
      for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
        if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
        const c = compareValues((a as Doc)[ka[i]], (b as Doc)[kb[i]]);
        if (c !== 0) return c;
      }
      return ka.length - kb.length;
    }
    default:
      return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
  }
}

/** The value a document sorts by: through arrays, the smallest element ascending and the largest descending. */
function sortKey(doc: Doc, segments: string[], dir: Direction): unknown {
  const found: unknown[] = [];
  const walk = (cur: any, i: number): void => {
    if (i === segments.length) {
      if (Array.isArray(cur)) {
        if (cur.length === 0) found.push(undefined);
        else for (const el of cur) found.push(el);
      } else found.push(cur);
      return;
    }
    if (Array.isArray(cur)) {
      for (const el of cur) walk(el, i);
      return;
    }
    if (cur === null || typeof cur !== 'object' || cur instanceof Date) {
      found.push(undefined);
      return;
    }
    walk(cur[segments[i]], i + 1);
  };
  walk(doc, 0);
  if (found.length === 1) return found[0];
  let best = found[0];
  for (const v of found) if (compareValues(v, best) * dir < 0) best = v;
  return best;
}

/**
 * Sorted documents[offset, offset + limit). With a small page, keeps only the best `offset + limit` while
 * scanning (the common "newest 20" query) instead of sorting everything. Ties keep natural order.
 */
export function sortDocs(docs: Doc[], order: Record<string, number>, offset = 0, limit?: number): Doc[] {
  const fields = Object.entries(order).map(([path, d]) => ({
    segments: path.split('.'),
    dir: (d < 0 ? -1 : 1) as Direction,
  }));
  type Keyed = { doc: Doc; keys: unknown[]; seq: number };
  const compare = (x: Keyed, y: Keyed): number => {
    for (let i = 0; i < fields.length; i++) {
      const c = compareValues(x.keys[i], y.keys[i]);
      if (c !== 0) return c * fields[i].dir;
    }
    return x.seq - y.seq;
  };
  const keyOf = (doc: Doc, seq: number): Keyed => ({
    doc,
    keys: fields.map((f) => sortKey(doc, f.segments, f.dir)),
    seq,
  });
  const wanted = limit === undefined ? Infinity : offset + limit;
  if (wanted * 8 < docs.length) {
    const best: Keyed[] = [];
    for (let i = 0; i < docs.length; i++) {
      const k = keyOf(docs[i], i);
      if (best.length === wanted && compare(k, best[best.length - 1]) >= 0) continue;
      let lo = 0;
      let hi = best.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (compare(best[mid], k) <= 0) lo = mid + 1;
        else hi = mid;
      }
      best.splice(lo, 0, k);
      if (best.length > wanted) best.pop();
    }
    return best.slice(offset).map((k) => k.doc);
  }
  const keyed = docs.map(keyOf);
  keyed.sort(compare);
  return keyed.slice(offset, wanted === Infinity ? undefined : wanted).map((k) => k.doc);
}
