// One document together with documents of other collections, in ONE database request: an aggregate whose
// leading `$match` picks the document by `_id` and whose `$lookup` stages bring the rest. Used where a read
// would otherwise be several requests to different collections (a case and the caller's own user record, an
// archive record, the audit entries...). Each lookup is either
// - a fixed sub-query (`where`, optional `orderBy` — one field or several — `skip` and `limit`): `lookup({ from, pipeline, as })` with no
//   variables, so the database runs it like an ordinary indexed query; or
// - an equality join (`localField` of the leading document, possibly an array, against `foreignField`),
//   served by the foreign collection's index on that field (`_id` for users).
// `computed` adds fields to the leading document first (an `$addFields` stage), e.g. the ids to join on.
// CloudBase aggregates answer 20 rows without `.limit()`: every read here says its limit.
import { AppError } from './errors';
import type { Database } from './platform';

export type JoinSpec =
  | { from: string; where: Record<string, unknown>; orderBy?: Order | Order[]; skip?: number; limit?: number; fields?: string[] }
  | { from: string; localField: string; foreignField: string };

type Order = [string, 'asc' | 'desc'];

export interface JoinedRead<T, K extends string> {
  doc: T & { _id: string };
  joined: Record<K, Array<Record<string, unknown> & { _id: string }>>;
}

const AS = (k: string) => `__joined_${k}`;

/** A field of an earlier join's documents, as a later equality join's `localField` (a case a typical case names). */
export const joinedField = (k: string, field: string) => `${AS(k)}.${field}`;

/**
 * `collection/id` with the documents each join picks. Answers undefined when the leading document does not
 * exist: the joins then answer nothing either (read them another way if they are needed without it).
 */
export async function getDocJoined<T, K extends string>(
  db: Database,
  collection: string,
  id: string,
  joins: Record<K, JoinSpec>,
  computed?: Record<string, unknown>,
  /** Fields of the document left out (a `$project` of zeros), e.g. what only a step needs. */
  exclude?: string[],
): Promise<JoinedRead<T, K> | undefined> {
  const { docs, joined } = await queryJoined<T, K>(db, collection, { where: { _id: id }, limit: 1, exclude }, joins, computed);
  if (!docs.length) return undefined;
  if (docs[0]._id !== id) throw AppError.of('INTERNAL');
  return { doc: docs[0], joined: joined! };
}

/**
 * The documents a query picks (`where`, `orderBy`, `limit`: as with `.where().orderBy().limit()`), with the
 * joins' documents. The joins are the same for every row, so they are taken from the first; with no row they
 * answer nothing (undefined). Keep `limit` and the joins small: each row carries its own copy of them.
 */
export async function queryJoined<T, K extends string>(
  db: Database,
  collection: string,
  q: { where: Record<string, unknown>; orderBy?: Array<[string, 'asc' | 'desc']>; limit: number; exclude?: string[] },
  joins: Record<K, JoinSpec>,
  computed?: Record<string, unknown>,
): Promise<{ docs: Array<T & { _id: string }>; joined: JoinedRead<T, K>['joined'] | undefined }> {
  const $ = (db.command as unknown as { aggregate: { pipeline(): any } }).aggregate;
  let agg = (db.collection(collection) as any).aggregate().match(q.where);
  if (q.orderBy?.length) agg = agg.sort(Object.fromEntries(q.orderBy.map(([f, d]) => [f, d === 'asc' ? 1 : -1])));
  agg = agg.limit(q.limit);
  if (q.exclude?.length) agg = agg.project(Object.fromEntries(q.exclude.map((f) => [f, 0])));
  if (computed && Object.keys(computed).length) agg = agg.addFields(computed);
  for (const [k, spec] of Object.entries(joins) as Array<[K, JoinSpec]>) {
    if ('localField' in spec) {
      agg = agg.lookup({ from: spec.from, localField: spec.localField, foreignField: spec.foreignField, as: AS(k) });
      continue;
    }
    let p = $.pipeline().match(spec.where);
    if (spec.orderBy) {
      const orders = (Array.isArray(spec.orderBy[0]) ? spec.orderBy : [spec.orderBy]) as Order[];
      p = p.sort(Object.fromEntries(orders.map(([f, d]) => [f, d === 'asc' ? 1 : -1])));
    }
    if (spec.skip) p = p.skip(spec.skip);
    if (spec.limit) p = p.limit(spec.limit);
    if (spec.fields) p = p.project(Object.fromEntries(spec.fields.map((f) => [f, 1])));
    agg = agg.lookup({ from: spec.from, pipeline: p.done(), as: AS(k) });
  }
  const res = (await agg.end()) as { list?: Array<Record<string, unknown>> };
  const rows = res.list ?? [];
  let joined: JoinedRead<T, K>['joined'] | undefined;
  for (const row of rows) {
    const here = {} as JoinedRead<T, K>['joined'];
    for (const k of Object.keys(joins) as K[]) {
      const found = (row[AS(k)] as unknown[] | undefined) ?? [];
      here[k] = found.filter((d): d is JoinedRead<T, K>['joined'][K][number] => Boolean(d) && typeof d === 'object');
      delete row[AS(k)];
    }
    joined ??= here;
    for (const f of Object.keys(computed ?? {})) delete row[f];
  }
  return { docs: rows as Array<T & { _id: string }>, joined };
}
