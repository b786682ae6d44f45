// Figures from counters (统计报表 at any scale): one counter document per (organisation, month) holding the
// sums of its whole subtree's case facts (src/domain/stats/figure-facts.ts), so `report.figures` reads at most
// twelve documents (and the roll-up's time) in one query, whatever the store holds.
//
// Design — rolled up incrementally, off the steps' path. A case step may not add a database request (each step
// is held to a fixed count), so the step itself only compares the case's facts with those the counters hold for
// it (`figuresCounted`, kept on the case) and, when they differ, marks the case dirty (`figuresDirtyAt`: when it
// first became so) — fields of the case document it writes anyway (store.ts `figuresFields`). The timer
// (`rollUpFigures`, every tick) takes a bounded batch of dirty cases, oldest first, and for each few of them
// commits one transaction: every counter document touched gets the delta (facts now − facts counted) added,
// computed inside the transaction from the counter as it stands, and each case is written compare-and-set with
// `figuresCounted` := its facts and the mark cleared. A step racing the roll-up loses one of the two
// compare-and-sets and is retried: a change is never counted twice nor lost. The roll-up's own fields are
// bookkeeping, outside the audit chain (case-audit.ts NOT_STATE), like the deadline sweep's.
// The answer says when the counters were last brought up to date (`asOf`, 统计截至): at most one tick behind.
// Counters follow the organisation tree as it is at roll-up time: moving an organisation under another parent
// leaves its earlier months counted under the old one.
import { caseFacts, counterId, factsDelta, rollUpFacts, type Fact } from '../../domain/stats';
import { queryDocs } from '../kernel/db';
import type { ServerDeps } from '../kernel/function';
import type { Database } from '../kernel/platform';
import type { RequestContext } from '../kernel/route';
import { commit, type CasWrite } from '../kernel/unit-of-work';
import { loadDirectory, type Directory } from '../case/org-cache';
import { CASES, type CaseDoc } from '../case/store';

export const FIGURE_COUNTERS = 'figure_counters';
/** The document saying how far the counters are up to date. */
export const AS_OF_ID = '_asof';
/** Dirty cases taken per tick: the tick's cost stays bounded whatever the store holds. */
export const ROLLUP_BATCH = 200;
/** Cases per transaction: counters shared by them are read and written once. */
const PER_TRANSACTION = 10;

export interface CounterDoc {
  _id: string;
  orgId: string;
  month: string;
  /** Fact name → sum (src/domain/stats/figure-facts.ts FACT), without zeros. */
  counts: Fact[];
  updatedAt: string;
}

function addInto(counts: Fact[] | undefined, add: Map<string, number>): Fact[] {
  const m = new Map((counts ?? []).map((f) => [f.k, f.n]));
  for (const [k, n] of add) m.set(k, (m.get(k) ?? 0) + n);
  return [...m.entries()].filter(([, n]) => n !== 0).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, n]) => ({ k, n }));
}

/** Counter writes adding `delta` (case facts) to every (organisation, month) and the organisations above. */
export function counterWrites(dir: Directory, delta: Fact[], now: string): CasWrite[] {
  return [...rollUpFacts(dir.tree, delta)].map(([id, c]) => ({
    collection: FIGURE_COUNTERS,
    id,
    expectVersion: null,
    data: {},
    derive: (current) => ({ orgId: c.orgId, month: c.month, counts: addInto(current?.counts as Fact[] | undefined, c.add), updatedAt: now }),
  }));
}

/** The case written back with its facts counted and the mark cleared (compare-and-set on the version read). */
function countedWrite(doc: CaseDoc, facts: Fact[]): CasWrite {
  const { _id, version, ...data } = doc;
  return { collection: CASES, id: _id, expectVersion: version, data: { ...data, figuresCounted: facts, figuresDirtyAt: null } };
}

async function rollChunk(db: Database, dir: Directory, docs: CaseDoc[], now: string): Promise<boolean> {
  const delta: Fact[] = [];
  const writes: CasWrite[] = [];
  for (const d of docs) {
    const facts = caseFacts(d.case);
    delta.push(...factsDelta(d.figuresCounted, facts));
    writes.push(countedWrite(d, facts));
  }
  try {
    await commit(db, { writes: [...writes, ...counterWrites(dir, factsDelta([], delta), now)], inserts: [] });
    return true;
  } catch (e) {
    if ((e as { code?: string })?.code === 'CONFLICT') return false;
    throw e;
  }
}

export interface RollUpReport {
  cases: number;
  /** Cases a step changed meanwhile: still dirty, taken on the next tick. */
  retried: number;
  asOf: string;
}

/** One tick's roll-up: the oldest dirty cases (at most ROLLUP_BATCH) into the counters. */
export async function rollUpFigures(ctx: RequestContext<ServerDeps>): Promise<RollUpReport> {
  const { db } = ctx.deps;
  const _ = db.command;
  const now = ctx.now.toISOString();
  const dir = await loadDirectory(db);
  const page = await queryDocs<CaseDoc>(
    db.collection(CASES).where({ figuresDirtyAt: _.lte(now) }).orderBy('figuresDirtyAt', 'asc').orderBy('_id', 'asc').limit(ROLLUP_BATCH + 1),
  );
  const batch = page.slice(0, ROLLUP_BATCH);
  // Everything dirty before the first case left for the next tick is counted (or was lost to a step: see below).
  let asOf = page.length > ROLLUP_BATCH ? page[ROLLUP_BATCH].figuresDirtyAt! : now;
  let retried = 0;
  for (let i = 0; i < batch.length; i += PER_TRANSACTION) {
    const chunk = batch.slice(i, i + PER_TRANSACTION);
    if (await rollChunk(db, dir, chunk, now)) continue;
    // A step changed one of them meanwhile: each on its own, so the others are not held back.
    for (const d of chunk) {
      if (await rollChunk(db, dir, [d], now)) continue;
      retried += 1;
      if (d.figuresDirtyAt! < asOf) asOf = d.figuresDirtyAt!;
    }
  }
  await commit(db, { writes: [{ collection: FIGURE_COUNTERS, id: AS_OF_ID, expectVersion: null, data: {}, derive: () => ({ asOf }) }], inserts: [] });
  return { cases: batch.length - retried, retried, asOf };
}

/** Rolls up until nothing is dirty (tests, and the bench after seeding): each round one tick's batch. */
export async function rollUpAll(ctx: RequestContext<ServerDeps>): Promise<number> {
  let total = 0;
  for (;;) {
    const r = await rollUpFigures(ctx);
    total += r.cases;
    if (r.cases + r.retried < ROLLUP_BATCH) return total;
  }
}

/** The counters of an organisation for these months, and how far they are up to date: one query. */
export async function readCounters(db: Database, orgId: string, months: string[]): Promise<{ counts: Fact[]; asOf: string | null }> {
  const _ = db.command;
  const ids = [...months.map((m) => counterId(orgId, m)), AS_OF_ID];
  const docs = await queryDocs<CounterDoc & { asOf?: string }>(db.collection(FIGURE_COUNTERS).where({ _id: _.in(ids) }).limit(ids.length));
  return {
    counts: docs.filter((d) => d._id !== AS_OF_ID).flatMap((d) => d.counts ?? []),
    asOf: docs.find((d) => d._id === AS_OF_ID)?.asOf ?? null,
  };
}
