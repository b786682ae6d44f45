// Audit logs (a case's steps, an organisation's role grants) are hash chains keyed with a secret the database
// never holds: each entry's hash is an HMAC, under the audit key, of the entry and the hash before it. Someone
// with access to the database but not to the key can neither re-hash an edited chain nor forge an entry, so an
// edited, removed, inserted or reordered entry shows. CloudBase gives no append-only storage; what this cannot
// see is a whole chain put back to an earlier true state (entries and head together): that needs the heads
// copied somewhere the database's users cannot write (left to the deployment).
//
// The key is AUDIT_KEY (32 random bytes, base64), a function environment variable like PII_KEY — never in the
// repository or the database; locally `npm start` keeps one in the data folder. Without it nothing is chained
// and nothing verifies: every step that would be audited is refused (fail closed).
import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { canonicalJson } from '../../domain/agreement/canonical-json';
import { AppError } from './errors';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditKey {
  /** Keyed digest (HMAC-SHA256, hex) of a value's canonical JSON. */
  digest(value: unknown): string;
}

export function createAuditKey(keyBase64: string | undefined): AuditKey {
  const master = keyBase64 ? Buffer.from(keyBase64, 'base64') : Buffer.alloc(0);
  if (master.length !== 32) {
    return {
      digest: () => {
        throw new AppError('INTERNAL', '系统未配置审计密钥，暂不能办理');
      },
    };
  }
  const mac = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'audit-chain', 32));
  return { digest: (value) => createHmac('sha256', mac).update(canonicalJson(value ?? null), 'utf8').digest('hex') };
}

/** A fresh random audit key, base64 (for `npm start`'s data folder and for tests). */
export function newAuditKey(): string {
  return randomBytes(32).toString('base64');
}

/** The last entry of a chain: kept beside what the chain is about (the case document, an org's head record). */
export interface AuditHead {
  seq: number;
  hash: string;
}

/** What an entry says; plain values only, and no personal data (digests stand in for content). */
export type ChainBody = Record<string, unknown>;

export type Chained<B extends ChainBody> = B & { seq: number; prevHash: string; hash: string };

export function entryHash(key: AuditKey, body: ChainBody, seq: number, prevHash: string): string {
  return key.digest({ ...body, seq, prevHash });
}

/** Appends entries after `head` (undefined for a new chain). */
export function chain<B extends ChainBody>(key: AuditKey, head: AuditHead | undefined, bodies: B[]): { entries: Array<Chained<B>>; head: AuditHead } {
  let seq = head?.seq ?? 0;
  let prev = head?.hash ?? GENESIS_HASH;
  const entries = bodies.map((body) => {
    seq += 1;
    const hash = entryHash(key, body, seq, prev);
    const entry = { ...body, seq, prevHash: prev, hash } as Chained<B>;
    prev = hash;
    return entry;
  });
  return { entries, head: { seq, hash: prev } };
}

export type ChainProblem =
  | { kind: 'edited'; seq: number }
  | { kind: 'missing'; seq: number }
  | { kind: 'reordered'; seq: number }
  | { kind: 'head_mismatch'; seq: number }
  /** Entries exist but the head that anchors them is gone. */
  | { kind: 'head_missing'; seq: number }
  /** The document the chain is about no longer matches what its last step recorded. */
  | { kind: 'state_mismatch'; seq: number };

export type ChainCheck = { ok: true } | { ok: false; problem: ChainProblem };

/** What a failed check means, for the people reading the trail (every kind has a sentence). */
const PROBLEM_TEXT: Record<ChainProblem['kind'], (seq: number) => string> = {
  edited: (seq) => `第 ${seq} 条记录与写入时不一致：被改动过，或记录被重新生成`,
  missing: (seq) => `缺少第 ${seq} 条记录：可能被删除`,
  reordered: (seq) => `第 ${seq} 条记录与前一条接不上：被替换或顺序被打乱`,
  head_mismatch: (seq) => `记录与另行保存的校验值对不上（第 ${seq} 条）：记录可能被替换或添加`,
  head_missing: (seq) => `另行保存的校验值不见了，无法确认这 ${seq} 条记录未被改动`,
  state_mismatch: (seq) => `第 ${seq} 条记录之后，案件内容被直接改动过，没有经过任何办理步骤`,
};

export function problemText(problem: ChainProblem): string {
  return PROBLEM_TEXT[problem.kind](problem.seq);
}

/**
 * Verifies entries (in any order as stored) against the head kept beside them. Reports the first problem.
 * No head is a problem as soon as there is anything to anchor: a missing head is never a reason to skip.
 */
export function verifyChain(key: AuditKey, stored: Array<Chained<ChainBody>>, head: AuditHead | undefined | null): ChainCheck {
  const entries = [...stored].sort((a, b) => a.seq - b.seq);
  if (!head) return entries.length ? { ok: false, problem: { kind: 'head_missing', seq: entries[entries.length - 1].seq } } : { ok: true };
  let prev = GENESIS_HASH;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    const expectedSeq = i + 1;
    if (e.seq !== expectedSeq) return { ok: false, problem: { kind: 'missing', seq: expectedSeq } };
    // `_id` is where the entry is stored, not part of what was hashed.
    const { seq, prevHash, hash, _id: _storedId, ...body } = e as Chained<ChainBody> & { _id?: unknown };
    if (prevHash !== prev) return { ok: false, problem: { kind: 'reordered', seq } };
    if (entryHash(key, body, seq, prevHash) !== hash) return { ok: false, problem: { kind: 'edited', seq } };
    prev = hash;
  }
  const last = entries.length ? entries[entries.length - 1] : undefined;
  if (!last || last.seq !== head.seq || last.hash !== head.hash) {
    return { ok: false, problem: { kind: !last || last.seq < head.seq ? 'missing' : 'head_mismatch', seq: head.seq } };
  }
  return { ok: true };
}
