// What `npm run db:apply` changes in a CloudBase environment: pure planning from the declared schema (and the
// cloud storage rule) and the environment's current state (read with @cloudbase/manager-node), so it is tested
// without network.
// Idempotent by construction: an environment that already matches plans no steps.
import type { CollectionSpec, Direction, IndexSpec, SecurityRule } from './coverage';

/** An environment as manager-node describes it. */
export interface CurrentDatabase {
  collections: Record<
    string,
    {
      /** Indexes other than `_id_`. */
      indexes: IndexSpec[];
      /** From permission.describeResourcePermission: Permission (READONLY, PRIVATE, ADMINWRITE, ADMINONLY, CUSTOM) and SecurityRule. */
      permission?: { permission?: string; securityRule?: string };
    }
  >;
  /** Cloud storage's permission, from storage.getStorageAcl({ withRule: true }); absent when it could not be read. */
  storage?: { acl?: string; rule?: { read?: unknown; write?: unknown } };
}

export type Step =
  | { kind: 'createCollection'; collection: string }
  | { kind: 'dropIndex'; collection: string; index: string; reason: string }
  | { kind: 'createIndex'; collection: string; index: IndexSpec }
  | { kind: 'setRule'; collection: string; rule: SecurityRule; was?: string }
  | { kind: 'setStorageRule'; rule: SecurityRule; was?: string };

export interface Plan {
  steps: Step[];
  /** Things found in the environment and left alone (undeclared collections and indexes). */
  notes: string[];
}

export interface PlanOptions {
  /** Also drop indexes the schema does not declare (never collections). */
  pruneIndexes?: boolean;
  /** The cloud storage rule to hold (db:apply passes schema.ts's STORAGE_RULE); omitted: storage is not planned. */
  storageRule?: SecurityRule;
}

/** The security rule as CloudBase stores it for a CUSTOM permission. */
export function ruleText(rule: SecurityRule): string {
  return JSON.stringify({ read: rule.read, write: rule.write });
}

function sameRule(current: { permission?: string; securityRule?: string } | undefined, rule: SecurityRule): boolean {
  if (!current) return false;
  if (current.permission === 'CUSTOM' && current.securityRule) {
    try {
      const parsed = JSON.parse(current.securityRule) as Record<string, unknown>;
      return parsed.read === rule.read && parsed.write === rule.write && Object.keys(parsed).length === 2;
    } catch {
      return false;
    }
  }
  // ADMINONLY ("仅管理端可读写") is the closed rule under another name.
  return current.permission === 'ADMINONLY' && rule.read === false && rule.write === false;
}

/** Whether storage already has the rule: as a CUSTOM rule, or PRIVATE / ADMINONLY, the basic permissions that mean the same. */
function sameStorageRule(current: CurrentDatabase['storage'], rule: SecurityRule): boolean {
  if (!current?.acl) return false;
  const creatorOnly = 'resource.openid == auth.openid';
  if (current.acl === 'CUSTOM') return current.rule?.read === rule.read && current.rule?.write === rule.write;
  if (current.acl === 'PRIVATE') return rule.read === creatorOnly && rule.write === creatorOnly;
  return current.acl === 'ADMINONLY' && rule.read === false && rule.write === false;
}

function sameIndex(a: IndexSpec, b: IndexSpec): boolean {
  const ka = Object.entries(a.keys);
  const kb = Object.entries(b.keys);
  return Boolean(a.unique) === Boolean(b.unique) && ka.length === kb.length && ka.every(([f, d], i) => kb[i][0] === f && kb[i][1] === d);
}

export function planDatabase(schema: readonly CollectionSpec[], current: CurrentDatabase, opts: PlanOptions = {}): Plan {
  const steps: Step[] = [];
  const notes: string[] = [];
  for (const spec of schema) {
    const have = current.collections[spec.name];
    if (!have) steps.push({ kind: 'createCollection', collection: spec.name });
    const existing = new Map((have?.indexes ?? []).map((i) => [i.name, i]));
    for (const index of spec.indexes) {
      const found = existing.get(index.name);
      if (found && sameIndex(found, index)) continue;
      if (found) steps.push({ kind: 'dropIndex', collection: spec.name, index: index.name, reason: `its fields differ from schema.ts (${describeKeys(found)} → ${describeKeys(index)})` });
      steps.push({ kind: 'createIndex', collection: spec.name, index });
    }
    const declared = new Set(spec.indexes.map((i) => i.name));
    for (const extra of have?.indexes ?? []) {
      if (declared.has(extra.name) || extra.name === '_id_') continue;
      if (opts.pruneIndexes) steps.push({ kind: 'dropIndex', collection: spec.name, index: extra.name, reason: 'not declared in schema.ts (--prune-indexes)' });
      else notes.push(`${spec.name}: index ${extra.name} (${describeKeys(extra)}) is not declared in schema.ts; left alone (--prune-indexes drops it)`);
    }
    if (!sameRule(have?.permission, spec.rule)) {
      const was = have?.permission ? `${have.permission.permission ?? '?'}${have.permission.securityRule ? ` ${have.permission.securityRule}` : ''}` : undefined;
      steps.push({ kind: 'setRule', collection: spec.name, rule: spec.rule, ...(was ? { was } : {}) });
    }
  }
  if (opts.storageRule && !sameStorageRule(current.storage, opts.storageRule)) {
    const s = current.storage;
    const was = s?.acl ? `${s.acl}${s.acl === 'CUSTOM' && s.rule ? ` ${JSON.stringify({ read: s.rule.read, write: s.rule.write })}` : ''}` : undefined;
    steps.push({ kind: 'setStorageRule', rule: opts.storageRule, ...(was ? { was } : {}) });
  }
  const declared = new Set(schema.map((s) => s.name));
  for (const name of Object.keys(current.collections).sort()) {
    if (!declared.has(name)) notes.push(`collection ${name} is not declared in schema.ts; left alone`);
  }
  return { steps, notes };
}

function describeKeys(index: IndexSpec): string {
  return `{ ${Object.entries(index.keys).map(([f, d]) => `${f}: ${d}`).join(', ')} }${index.unique ? ' unique' : ''}`;
}

export function describeStep(step: Step): string {
  switch (step.kind) {
    case 'createCollection':
      return `create collection ${step.collection}`;
    case 'dropIndex':
      return `drop index ${step.collection}.${step.index}: ${step.reason}`;
    case 'createIndex':
      return `create index ${step.collection}.${step.index.name} ${describeKeys(step.index)}`;
    case 'setRule':
      return `set security rule of ${step.collection} to ${ruleText(step.rule)}${step.was ? ` (was ${step.was})` : ''}`;
    case 'setStorageRule':
      return `set cloud storage security rule to ${ruleText(step.rule)}${step.was ? ` (was ${step.was})` : ''}`;
  }
}

/** The CreateIndexes entry manager-node's database.updateCollection takes. */
export function toCreateIndex(index: IndexSpec): { IndexName: string; MgoKeySchema: { MgoIndexKeys: Array<{ Name: string; Direction: string }>; MgoIsUnique: boolean } } {
  return {
    IndexName: index.name,
    MgoKeySchema: {
      MgoIndexKeys: Object.entries(index.keys).map(([Name, d]) => ({ Name, Direction: String(d) })),
      MgoIsUnique: Boolean(index.unique),
    },
  };
}

/** An index as manager-node's database.describeCollection reports it (Name, Keys [{Name, Direction}], Unique). */
export function fromIndexInfo(info: { Name: string; Keys?: Array<{ Name?: string; Direction?: string }>; Unique?: boolean }): IndexSpec {
  const keys: Record<string, Direction> = {};
  for (const k of info.Keys ?? []) if (k.Name) keys[k.Name] = (Number(k.Direction) < 0 ? -1 : 1) as Direction;
  return { name: info.Name, keys, ...(info.Unique ? { unique: true } : {}) };
}
