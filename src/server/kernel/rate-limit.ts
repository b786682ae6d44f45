// Limits on how often one account (or everyone, for one organisation) may do something costly to others: filing
// disputes, and raising urgent alerts that wake an organisation's staff. A limit is a counter per fixed window,
// one document per (limit, key, window) in `rate_limits` — or several limits on one key sharing one document
// (`readSharedCounters`). The counters are read with the step and written in the
// step's own transaction as compare-and-set writes, so a refused or failed step counts nothing and two racing
// steps cannot both take the last place (the loser is decided again on the new count).
import { createHash } from 'node:crypto';
import { AppError } from './errors';
import type { Database } from './platform';
import type { CasWrite } from './unit-of-work';

export const RATE_LIMITS = 'rate_limits';

export interface Limit {
  /** What is limited, e.g. `file:account`. */
  name: string;
  /** Whose count: an account, an organisation. Stored only as a hash. */
  key: string;
  max: number;
  windowMs: number;
  /** What the person reads when the limit is reached (Chinese). */
  message: string;
}

interface CounterDoc {
  _id: string;
  count: number;
  version?: number;
  expiresAt: string;
}

export interface Counter {
  limit: Limit;
  id: string;
  count: number;
  version: number | null;
  expiresAt: string;
}

function counterId(limit: Limit, now: Date): { id: string; expiresAt: string } {
  const window = Math.floor(now.getTime() / limit.windowMs);
  const who = createHash('sha256').update(limit.key).digest('hex').slice(0, 24);
  return { id: `${limit.name}:${who}:${window}`, expiresAt: new Date((window + 1) * limit.windowMs).toISOString() };
}

/** Reads the current window's counter of each limit (one read each, in parallel). */
export async function readCounters(db: Database, limits: Limit[], now: Date): Promise<Counter[]> {
  return Promise.all(
    limits.map(async (limit) => {
      const { id, expiresAt } = counterId(limit, now);
      const res = (await db.collection(RATE_LIMITS).doc(id).get()) as { data?: CounterDoc | null };
      const doc = res.data ?? null;
      return { limit, id, count: doc?.count ?? 0, version: doc ? doc.version ?? 0 : null, expiresAt };
    }),
  );
}

/** Refuses with RATE_LIMITED when a limit is reached; otherwise the writes that count this step. */
export function consume(counters: Counter[]): CasWrite[] {
  const full = counters.find((c) => c.count >= c.limit.max);
  if (full) throw new AppError('RATE_LIMITED', full.limit.message);
  return counters.map((c) => ({ collection: RATE_LIMITS, id: c.id, expectVersion: c.version, data: { count: c.count + 1, expiresAt: c.expiresAt } }));
}

/**
 * Several limits on one key counted on ONE document (e.g. an account's hourly and daily filings): one read and
 * one write for all of them. The document keeps each limit's current window and count; a count from a past
 * window counts as 0. It lives until its longest window ends (`expiresAt`, for the expiry timer).
 */
interface SharedCounterDoc {
  _id: string;
  version?: number;
  counts: Record<string, { window: number; count: number }>;
  expiresAt: string;
}

export interface SharedCounter {
  id: string;
  version: number | null;
  limits: Limit[];
  /** Each limit's count in its current window, by limit name. */
  counts: Record<string, { window: number; count: number }>;
  expiresAt: string;
}

/** Limits grouped by `doc` name and key: `<doc>:<hashed key>`. */
function sharedId(doc: string, key: string): string {
  return `${doc}:${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;
}

/**
 * Reads the shared counters of `limits`, grouped as `doc` says (limits of one `doc` and key share a document),
 * through `get` — a read inside the step's transaction (unit-of-work `StepTx`), so the write needs no second read.
 */
export async function readSharedCounters(
  get: (collection: string, id: string) => Promise<Partial<SharedCounterDoc> & { version?: number } | undefined>,
  limits: Array<Limit & { doc: string }>,
  now: Date,
): Promise<SharedCounter[]> {
  const groups = new Map<string, Array<Limit & { doc: string }>>();
  for (const l of limits) {
    const id = sharedId(l.doc, l.key);
    groups.set(id, [...(groups.get(id) ?? []), l]);
  }
  return Promise.all(
    [...groups].map(async ([id, group]) => {
      const doc = await get(RATE_LIMITS, id);
      const counts: SharedCounter['counts'] = {};
      let end = 0;
      for (const l of group) {
        const window = Math.floor(now.getTime() / l.windowMs);
        const seen = doc?.counts?.[l.name];
        counts[l.name] = { window, count: seen && seen.window === window ? seen.count : 0 };
        end = Math.max(end, (window + 1) * l.windowMs);
      }
      return { id, version: doc ? doc.version ?? 0 : null, limits: group, counts, expiresAt: new Date(end).toISOString() };
    }),
  );
}

/** Refuses with RATE_LIMITED when a limit is reached; otherwise the writes that count this step (one per document). */
export function consumeShared(counters: SharedCounter[]): CasWrite[] {
  for (const c of counters) {
    const full = c.limits.find((l) => c.counts[l.name].count >= l.max);
    if (full) throw new AppError('RATE_LIMITED', full.message);
  }
  return counters.map((c) => ({
    collection: RATE_LIMITS,
    id: c.id,
    expectVersion: c.version,
    data: { counts: Object.fromEntries(Object.entries(c.counts).map(([name, v]) => [name, { window: v.window, count: v.count + 1 }])), expiresAt: c.expiresAt },
  }));
}
