// Typed helpers over the wx-server-sdk database API (its typings include callback-style return types).
import type { Database } from './platform';

export async function getDoc<T>(db: Database, collection: string, id: string): Promise<(T & { _id: string }) | undefined> {
  const res = (await db.collection(collection).doc(id).get()) as { data?: T & { _id: string } | null };
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
