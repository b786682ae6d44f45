// Durable document store: SQLite (WAL) underneath, parsed documents kept in memory per collection.
// Every change set is written to SQLite in one SQLite transaction and applied to memory only after it
// committed, so what a caller was told succeeded survives a SIGKILL and a failed write changes nothing.
import Database from 'better-sqlite3';
import { decodeStored, Doc, encodeDoc } from './codec';

export type DocKey = string;

/** `_id` may be a string or a number in CloudBase; keys keep the two apart. */
export function docKey(id: unknown): DocKey {
  return typeof id === 'string' ? id : `\u0000${typeof id}:${String(id)}`;
}

export interface Change {
  collection: string;
  key: DocKey;
  /** The whole new document, or null to delete it. */
  doc: Doc | null;
}

export interface StoreOptions {
  filename: string;
  /** SQLite `synchronous`: NORMAL survives a killed process (the default), FULL also survives power loss. */
  synchronous?: 'NORMAL' | 'FULL';
}

/** Equality index over one field path: value key → document keys. Over-approximates; the query re-checks. */
class FieldIndex {
  private readonly byValue = new Map<string, Set<DocKey>>();
  /** Documents whose value at the path cannot be indexed (an array on the way): always candidates. */
  private readonly unindexable = new Set<DocKey>();
  private readonly segments: string[];

  constructor(path: string, docs: Map<DocKey, Doc>) {
    this.segments = path.split('.');
    for (const [key, doc] of docs) this.add(key, doc);
  }

  add(key: DocKey, doc: Doc): void {
    const values = this.valueKeys(doc);
    if (values === null) {
      this.unindexable.add(key);
      return;
    }
    for (const v of values) {
      let set = this.byValue.get(v);
      if (!set) this.byValue.set(v, (set = new Set()));
      set.add(key);
    }
  }

  remove(key: DocKey, doc: Doc): void {
    const values = this.valueKeys(doc);
    if (values === null) {
      this.unindexable.delete(key);
      return;
    }
    for (const v of values) {
      const set = this.byValue.get(v);
      if (!set) continue;
      set.delete(key);
      if (set.size === 0) this.byValue.delete(v);
    }
  }

  candidates(valueKeys: string[]): Set<DocKey> {
    const out = new Set<DocKey>(this.unindexable);
    for (const v of valueKeys) for (const k of this.byValue.get(v) ?? []) out.add(k);
    return out;
  }

  estimate(valueKeys: string[]): number {
    let n = this.unindexable.size;
    for (const v of valueKeys) n += this.byValue.get(v)?.size ?? 0;
    return n;
  }

  /** Primitive values reachable at the path, arrays expanded at every step; null when unsure. */
  private valueKeys(doc: Doc): string[] | null {
    const out: string[] = [];
    const walk = (cur: any, i: number): boolean => {
      if (Array.isArray(cur)) {
        // `a.0` addresses an element by position: not worth indexing, always a candidate.
        if (i < this.segments.length && /^\d+$/.test(this.segments[i])) return false;
        for (const el of cur) if (!walk(el, i)) return false;
        return true;
      }
      if (i === this.segments.length) {
        const k = primitiveKey(cur);
        if (k !== null) out.push(k);
        return true;
      }
      if (cur === null || typeof cur !== 'object' || cur instanceof Date) return true;
      return walk(cur[this.segments[i]], i + 1);
    };
    return walk(doc, 0) ? out : null;
  }
}

/** Index key of a string, number or boolean; null for anything else (never indexed). */
export function primitiveKey(value: unknown): string | null {
  switch (typeof value) {
    case 'string':
      return `s${value}`;
    case 'number':
      return Number.isNaN(value) ? null : `n${value}`;
    case 'boolean':
      return `b${value}`;
    default:
      return null;
  }
}

export class Collection {
  readonly docs = new Map<DocKey, Doc>();
  /** SQLite row position: the natural (insertion) order CloudBase returns without orderBy. */
  readonly position = new Map<DocKey, number>();
  readonly version = new Map<DocKey, number>();
  private readonly indexes = new Map<string, FieldIndex>();

  constructor(readonly name: string) {}

  index(path: string): FieldIndex {
    let idx = this.indexes.get(path);
    if (!idx) this.indexes.set(path, (idx = new FieldIndex(path, this.docs)));
    return idx;
  }

  /** Applies a committed change in memory. */
  apply(key: DocKey, doc: Doc | null, position: number | undefined, version: number): void {
    const old = this.docs.get(key);
    if (old) for (const idx of this.indexes.values()) idx.remove(key, old);
    if (doc) {
      this.docs.set(key, doc);
      if (position !== undefined) this.position.set(key, position);
      for (const idx of this.indexes.values()) idx.add(key, doc);
    } else {
      this.docs.delete(key);
      this.position.delete(key);
    }
    this.version.set(key, version);
  }
}

export class Store {
  private readonly sqlite: Database.Database;
  private readonly loaded = new Map<string, Collection>();
  private readonly known = new Set<string>();
  private writeSeq = 0;
  private closed = false;
  private readonly stmt: {
    addCollection: Database.Statement;
    load: Database.Statement;
    insert: Database.Statement;
    update: Database.Statement;
    remove: Database.Statement;
  };

  constructor(opts: StoreOptions) {
    this.sqlite = new Database(opts.filename);
    if (opts.filename !== ':memory:') this.sqlite.pragma('journal_mode = WAL');
    this.sqlite.pragma(`synchronous = ${opts.synchronous ?? 'NORMAL'}`);
    this.sqlite.exec(`
      CREATE TABLE IF NOT EXISTS collections (name TEXT PRIMARY KEY) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS documents (
        pos INTEGER PRIMARY KEY,
        coll TEXT NOT NULL,
        id TEXT NOT NULL,
        body TEXT NOT NULL,
        UNIQUE (coll, id)
      );`);
    this.stmt = {
      addCollection: this.sqlite.prepare('INSERT OR IGNORE INTO collections (name) VALUES (?)'),
      load: this.sqlite.prepare('SELECT pos, id, body FROM documents WHERE coll = ? ORDER BY pos'),
      insert: this.sqlite.prepare('INSERT INTO documents (coll, id, body) VALUES (?, ?, ?)'),
      update: this.sqlite.prepare('UPDATE documents SET body = ? WHERE coll = ? AND id = ?'),
      remove: this.sqlite.prepare('DELETE FROM documents WHERE coll = ? AND id = ?'),
    };
    for (const row of this.sqlite.prepare('SELECT name FROM collections').all() as { name: string }[]) {
      this.known.add(row.name);
    }
  }

  collectionNames(): string[] {
    return Array.from(this.known).sort();
  }

  hasCollection(name: string): boolean {
    return this.known.has(name);
  }

  createCollection(name: string): void {
    this.assertOpen();
    this.stmt.addCollection.run(name);
    this.known.add(name);
  }

  /** The collection's in-memory state, loaded from SQLite on first use (empty if it does not exist). */
  collection(name: string): Collection {
    this.assertOpen();
    let coll = this.loaded.get(name);
    if (coll) return coll;
    coll = new Collection(name);
    for (const row of this.stmt.load.all(name) as { pos: number; id: string; body: string }[]) {
      coll.docs.set(row.id, decodeStored(row.body));
      coll.position.set(row.id, row.pos);
    }
    this.loaded.set(name, coll);
    return coll;
  }

  /** Write counter of a document: changes whenever the document is written or removed. */
  versionOf(collection: string, key: DocKey): number {
    return this.collection(collection).version.get(key) ?? 0;
  }

  /** Writes all changes atomically (SQLite first, then memory). Later changes to the same key win. */
  commit(changes: Change[]): void {
    if (changes.length === 0) return;
    this.assertOpen();
    for (const c of changes) this.collection(c.collection);
    const applied: { c: Change; position?: number }[] = [];
    const exists = new Map<string, boolean>();
    const newCollections = new Set<string>();
    this.sqlite.transaction(() => {
      for (const c of changes) {
        const full = `${c.collection}\u0000${c.key}`;
        const present = exists.get(full) ?? this.loaded.get(c.collection)!.docs.has(c.key);
        if (c.doc === null) {
          if (present) this.stmt.remove.run(c.collection, c.key);
          exists.set(full, false);
          applied.push({ c });
          continue;
        }
        if (!this.known.has(c.collection) && !newCollections.has(c.collection)) {
          this.stmt.addCollection.run(c.collection);
          newCollections.add(c.collection);
        }
        const body = encodeDoc(c.doc);
        if (present) {
          this.stmt.update.run(body, c.collection, c.key);
          applied.push({ c });
        } else {
          const info = this.stmt.insert.run(c.collection, c.key, body);
          applied.push({ c, position: Number(info.lastInsertRowid) });
        }
        exists.set(full, true);
      }
    })();
    for (const name of newCollections) this.known.add(name);
    for (const { c, position } of applied) {
      this.loaded.get(c.collection)!.apply(c.key, c.doc, position, ++this.writeSeq);
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.sqlite.close();
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('local database is closed');
  }
}
