// Typed helpers over the wx-server-sdk database API (its typings include callback-style return types).
import type { Database } from './platform';

/** One document by id; `projection` (`field()`): the fields to return, or with `false` the fields to leave out. */
export async function getDoc<T>(db: Database, collection: string, id: string, projection?: Record<string, boolean>): Promise<(T & { _id: string }) | undefined> {
  const ref = db.collection(collection).doc(id);
  const res = (await (projection ? ref.field(projection) : ref).get()) as { data?: T & { _id: string } | null };
  return res.data ?? undefined;
}

export async function updateDoc(db: Database, collection: string, id: string, data: Record<string, unknown>): Promise<number> {
  const res = (await db.collection(collection).doc(id).update({ data })) as { stats?: { updated?: number } };
  return res.stats?.updated ?? 0;
}

/** Runs a built query (`db.collection(..).where(..)…`) and returns its documents. */
export async function queryDocs<T>(query: { get(): unknown }): Promise<T[]> {
  const res = (await query.get()) as { data?: T[] };
  return res.data ?? [];
}

/** The most documents one server-side read answers in CloudBase (`limit()` above it is capped; 100 without it). */
export const MAX_PAGE = 1000;

/**
 * Every document a query matches, read page by page until a short page. `page(skip, limit)` builds one page's
 * query; its sort must end with `_id` (unique), so that documents with equal sort keys are neither repeated
 * nor dropped between pages.
 */
export async function readAllPages<T>(page: (skip: number, limit: number) => { get(): unknown }, pageSize = MAX_PAGE): Promise<T[]> {
  const out: T[] = [];
  for (let skip = 0; ; skip += pageSize) {
    const docs = await queryDocs<T>(page(skip, pageSize));
    out.push(...docs);
    if (docs.length < pageSize) return out;
  }
}
