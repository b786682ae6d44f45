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
// Cases saved before the roll-up existed carry no `figuresDirtyAt` at all: the roll-up takes them too (before the
// dirty ones, oldest change first, found as the deadline sweep finds cases without `timerDueAt`), so every case is
// counted once whether or not a step touched it since; until they all are, `asOf` stays at the oldest left.
// The same run keeps the overview boards (boards.ts): a case is also dirty when its place on them (`boardKey`)
// differs from the one they hold (`boardCounted`), and the boards of the organisations it moved on or off are
// remade from their cases before the case is written back counted.
// Counters follow the organisation tree as it is at roll-up time: moving an organisation under another parent
// leaves its earlier months counted under the old one.
import { boardKey, boardOrgOfKey, caseFacts, counterId, factsDelta, rollUpFacts, type Fact } from '../../domain/stats';
import { queryDocs } from '../kernel/db';
import type { JoinSpec } from '../kernel/joined-read';
import type { ServerDeps } from '../kernel/function';
import type { Database } from '../kernel/platform';
import type { RequestContext } from '../kernel/route';
import { commit, type CasWrite } from '../kernel/unit-of-work';
import { loadDirectory, type Directory } from '../cases/org-cache';
import { CASES, type CaseDoc } from '../cases/store';
import { refreshBoards, type BoardsReport } from './boards';

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
  return { collection: CASES, id: _id, expectVersion: version, data: { ...data, figuresCounted: facts, figuresDirtyAt: null, boardCounted: boardKey(doc.case) } };
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
  boards: BoardsReport;
}

/** Since when a case has waited for the roll-up: its mark, or for a case saved before marks existed its last change. */
const waitingSince = (d: CaseDoc): string => d.figuresDirtyAt ?? d.updatedAt ?? d.registeredAt;

/** One tick's roll-up: the oldest dirty cases (at most ROLLUP_BATCH) into the counters and the boards. */
export async function rollUpFigures(ctx: RequestContext<ServerDeps>): Promise<RollUpReport> {
  const { db } = ctx.deps;
  const _ = db.command;
  const now = ctx.now.toISOString();
  const dir = await loadDirectory(db);
  // Never counted at all (saved before the roll-up existed), then marked dirty: each oldest first.
  const [unmarked, marked] = await Promise.all([
    queryDocs<CaseDoc>(db.collection(CASES).where({ figuresDirtyAt: _.exists(false) }).orderBy('updatedAt', 'asc').orderBy('_id', 'asc').limit(ROLLUP_BATCH + 1)),
    queryDocs<CaseDoc>(db.collection(CASES).where({ figuresDirtyAt: _.lte(now) }).orderBy('figuresDirtyAt', 'asc').orderBy('_id', 'asc').limit(ROLLUP_BATCH + 1)),
  ]);
  const fromUnmarked = Math.min(unmarked.length, ROLLUP_BATCH);
  const batch = [...unmarked.slice(0, fromUnmarked), ...marked.slice(0, ROLLUP_BATCH - fromUnmarked)];
  // Everything waiting since before the first case of either list left for the next tick is counted (or was lost
  // to a step: see below). Each list is in order, so its first case left is its oldest.
  let asOf = now;
  for (const left of [unmarked[fromUnmarked], marked[ROLLUP_BATCH - fromUnmarked]]) if (left && waitingSince(left) < asOf) asOf = waitingSince(left);
  // The boards first, from the cases as they now stand: a case changed since it was read fails its write-back
  // below and stays dirty, so the boards are remade again for it.
  const touched = new Set<string>();
  for (const d of batch) {
    if (d.boardCounted === boardKey(d.case)) continue;
    touched.add(d.case.responsibleOrgId);
    if (d.boardCounted) touched.add(boardOrgOfKey(d.boardCounted));
  }
  const boards = await refreshBoards(db, dir, touched, now);
  let retried = 0;
  for (let i = 0; i < batch.length; i += PER_TRANSACTION) {
    const chunk = batch.slice(i, i + PER_TRANSACTION);
    if (await rollChunk(db, dir, chunk, now)) continue;
    // A step changed one of them meanwhile: each on its own, so the others are not held back.
    for (const d of chunk) {
      if (await rollChunk(db, dir, [d], now)) continue;
      retried += 1;
      if (waitingSince(d) < asOf) asOf = waitingSince(d);
    }
  }
  await commit(db, { writes: [{ collection: FIGURE_COUNTERS, id: AS_OF_ID, expectVersion: null, data: {}, derive: () => ({ asOf }) }], inserts: [] });
  return { cases: batch.length - retried, retried, asOf, boards };
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

/**
 * How far the roll-up has brought the counters, the boards and the mediators' caseloads (`users.caseloads`) up to
 * date, read as a join of another read (kernel/joined-read.ts), so the screen showing it pays no request of its own.
 */
export const ROLL_UP_AS_OF_JOIN: JoinSpec = { from: FIGURE_COUNTERS, where: { _id: AS_OF_ID }, limit: 1, fields: ['asOf'] };

/** The as-of time read through ROLL_UP_AS_OF_JOIN: null before the roll-up has ever run, never later than `now`. */
export function rollUpAsOf(asOf: string | undefined, now: string): string | null {
  if (!asOf) return null;
  return asOf > now ? now : asOf;
}

/** The counters of an organisation for these months, and how far they are up to date: one query. */
export async function readCounters(db: Database, orgId: string, months: string[]): Promise<{ counts: Fact[]; asOf: string | null }> {
  const q = countersQuery(db, orgId, months);
  return countsOf(await queryDocs<CounterDoc & { asOf?: string }>(db.collection(q.from).where(q.where).limit(q.limit)));
}

/** The query `readCounters` makes (to join it to another read): the organisation's months and the as-of time. */
export function countersQuery(db: Database, orgId: string, months: string[]): { from: string; where: Record<string, unknown>; limit: number } {
  const ids = [...months.map((m) => counterId(orgId, m)), AS_OF_ID];
  return { from: FIGURE_COUNTERS, where: { _id: db.command.in(ids) }, limit: ids.length };
}

/** The counts and the as-of time in the documents `countersQuery` picks. */
export function countsOf(docs: Array<CounterDoc & { asOf?: string }>): { counts: Fact[]; asOf: string | null } {
  return {
    counts: docs.filter((d) => d._id !== AS_OF_ID).flatMap((d) => d.counts ?? []),
    asOf: docs.find((d) => d._id === AS_OF_ID)?.asOf ?? null,
  };
}
