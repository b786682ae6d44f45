// The per-case audit log is a hash chain: each entry commits to the one before it, so an edited, removed
// or reordered entry is found by re-computing the chain. (CloudBase gives no append-only storage; the chain
// makes tampering evident, and the head hash on the case document anchors it.)
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../domain/agreement/canonical-json';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditHead {
  seq: number;
  hash: string;
}

export interface AuditBody {
  caseId: string;
  /** ISO instant. */
  at: string;
  /** Who: a user id, or 'system' for timers. */
  actor: string;
  /** What: a domain event type, or `read.personal` for a staff read of personal data. */
  type: string;
  /** Why, when the step asks for a reason. */
  reason?: string;
  /** The event's own data (no plaintext personal data: sealed values or masked ones only). */
  data: Record<string, unknown>;
}

export interface AuditEntry extends AuditBody {
  seq: number;
  prevHash: string;
  hash: string;
}

export function entryHash(body: AuditBody, seq: number, prevHash: string): string {
  return createHash('sha256').update(canonicalJson({ ...body, seq, prevHash })).digest('hex');
}

/** Appends entries after `head` (undefined for a new case). */
export function chain(head: AuditHead | undefined, bodies: AuditBody[]): { entries: AuditEntry[]; head: AuditHead } {
  let seq = head?.seq ?? 0;
  let prev = head?.hash ?? GENESIS_HASH;
  const entries = bodies.map((body) => {
    seq += 1;
    const hash = entryHash(body, seq, prev);
    const entry: AuditEntry = { ...body, seq, prevHash: prev, hash };
    prev = hash;
    return entry;
  });
  return { entries, head: { seq, hash: prev } };
}

export type ChainProblem =
  | { kind: 'edited'; seq: number }
  | { kind: 'missing'; seq: number }
  | { kind: 'reordered'; seq: number }
  | { kind: 'head_mismatch'; seq: number };

/**
 * Verifies entries (in any order as stored) against the head kept on the case. Reports the first problem.
 */
export function verifyChain(stored: AuditEntry[], head: AuditHead | undefined): { ok: true } | { ok: false; problem: ChainProblem } {
  const entries = [...stored].sort((a, b) => a.seq - b.seq);
  let prev = GENESIS_HASH;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    const expectedSeq = i + 1;
    if (e.seq !== expectedSeq) return { ok: false, problem: { kind: 'missing', seq: expectedSeq } };
    // `_id` is where the entry is stored, not part of what was hashed.
    const { seq, prevHash, hash, _id: _storedId, ...body } = e as AuditEntry & { _id?: unknown };
    if (prevHash !== prev) return { ok: false, problem: { kind: 'reordered', seq } };
    if (entryHash(body as AuditBody, seq, prevHash) !== hash) return { ok: false, problem: { kind: 'edited', seq } };
    prev = hash;
  }
  const last = entries.length ? entries[entries.length - 1] : undefined;
  if (head && (!last || last.seq !== head.seq || last.hash !== head.hash)) {
    return { ok: false, problem: { kind: last && last.seq < head.seq ? 'missing' : 'head_mismatch', seq: head.seq } };
  }
  return { ok: true };
}
