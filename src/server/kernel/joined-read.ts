// One document together with documents of other collections, in ONE database request: an aggregate whose
// leading `$match` picks the document by `_id` and whose `$lookup` stages bring the rest. Used where a read
// would otherwise be several requests to different collections (a case and the caller's own user record, an
// archive record, the audit entries...). Each lookup is either
// - a fixed sub-query (`where`, optional `orderBy` and `limit`): `lookup({ from, pipeline, as })` with no
//   variables, so the database runs it like an ordinary indexed query; or
// - an equality join (`localField` of the leading document, possibly an array, against `foreignField`),
//   served by the foreign collection's index on that field (`_id` for users).
// `computed` adds fields to the leading document first (an `$addFields` stage), e.g. the ids to join on.
// CloudBase aggregates answer 20 rows without `.limit()`: the leading match is by `_id`, so `.limit(1)`.
import { AppError } from './errors';
import type { Database } from './platform';

export type JoinSpec =
  | { from: string; where: Record<string, unknown>; orderBy?: [string, 'asc' | 'desc']; limit?: number }
  | { from: string; localField: string; foreignField: string };

export interface JoinedRead<T, K extends string> {
  doc: T & { _id: string };
  joined: Record<K, Array<Record<string, unknown> & { _id: string }>>;
}

const AS = (k: string) => `__joined_${k}`;

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
): Promise<JoinedRead<T, K> | undefined> {
  const $ = (db.command as unknown as { aggregate: { pipeline(): any } }).aggregate;
  let agg = (db.collection(collection) as any).aggregate().match({ _id: id });
  if (computed && Object.keys(computed).length) agg = agg.addFields(computed);
  for (const [k, spec] of Object.entries(joins) as Array<[K, JoinSpec]>) {
    if ('localField' in spec) {
      agg = agg.lookup({ from: spec.from, localField: spec.localField, foreignField: spec.foreignField, as: AS(k) });
      continue;
    }
    let p = $.pipeline().match(spec.where);
    if (spec.orderBy) p = p.sort({ [spec.orderBy[0]]: spec.orderBy[1] === 'asc' ? 1 : -1 });
    if (spec.limit) p = p.limit(spec.limit);
    agg = agg.lookup({ from: spec.from, pipeline: p.done(), as: AS(k) });
  }
  const res = (await agg.limit(1).end()) as { list?: Array<Record<string, unknown>> };
  const row = res.list?.[0];
  if (!row) return undefined;
  if (row._id !== id) throw new AppError('INTERNAL');
  const joined = {} as JoinedRead<T, K>['joined'];
  for (const k of Object.keys(joins) as K[]) {
    const found = (row[AS(k)] as unknown[] | undefined) ?? [];
    joined[k] = found.filter((d): d is JoinedRead<T, K>['joined'][K][number] => Boolean(d) && typeof d === 'object');
    delete row[AS(k)];
  }
  for (const f of Object.keys(computed ?? {})) delete row[f];
  return { doc: row as T & { _id: string }, joined };
}
