// Idempotency: a client sends each intent with its own request id, and a replay of it is answered once. Every
// mutating action keys what it remembers the same way — one key per (caller, function.action, request id) — and
// keeps the payload's hash beside it, so the same id sent with another payload is refused (REQUEST_ID_REUSED).
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../domain/agreement/canonical-json';

/** The payload's hash (canonical JSON), to tell a replay from a reused request id. */
export function hashPayload(payload: unknown): string {
  return createHash('sha256').update(canonicalJson(payload ?? null)).digest('hex');
}

/** One id per (caller, function, action, client request id). */
export function requestKey(openid: string, fnAction: string, requestId: string): string {
  return createHash('sha256').update(`${openid}\u0000${fnAction}\u0000${requestId}`).digest('hex').slice(0, 32);
}
