// The setup scripts run outside a cloud function, through @cloudbase/node-sdk, whose database is the raw
// @cloudbase/database: `doc.set(document)` and `doc.update(fields)` take the fields themselves and answer
// `{ updated }` (or `{ code, message }` on failure), where wx-server-sdk takes `{ data }` and answers
// `stats.updated`. Handing node-sdk's database to code written for wx-server-sdk would store every document
// under a `data` field. This adapter speaks wx-server-sdk's shape over node-sdk's database.

interface RawDoc {
  set(document: Record<string, unknown>): Promise<unknown>;
  update(fields: Record<string, unknown>): Promise<unknown>;
}
export interface NodeSdkDatabase {
  collection(name: string): { doc(id: string): RawDoc };
  command: { inc(n: number): unknown };
}

/** The wx-server-sdk-shaped surface applyDeployment uses. */
export interface WxShapedDb {
  collection(name: string): {
    doc(id: string): {
      set(opts: { data: Record<string, unknown> }): Promise<{ stats: { updated: number } }>;
      update(opts: { data: Record<string, unknown> }): Promise<{ stats: { updated: number } }>;
    };
  };
  /** The update operators (the same in both SDKs). */
  command: { inc(n: number): unknown };
}

function checked(res: unknown, what: string): { stats: { updated: number } } {
  const r = res as { code?: string; message?: string; updated?: number } | undefined;
  if (r && r.code) throw Object.assign(new Error(`${what}: ${r.code} ${r.message ?? ''}`.trim()), { code: r.code });
  return { stats: { updated: r?.updated ?? 0 } };
}

export function wxShaped(db: NodeSdkDatabase): WxShapedDb {
  return {
    command: db.command,
    collection: (name) => ({
      doc: (id) => {
        const ref = db.collection(name).doc(id);
        return {
          set: async ({ data }) => checked(await ref.set(data), `${name}/${id} set`),
          update: async ({ data }) => checked(await ref.update(data), `${name}/${id} update`),
        };
      },
    }),
  };
}
