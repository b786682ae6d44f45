// Per action: database requests (counted by the local runtime) and the function's own time (wall time minus
// the time the local store spent serving its requests), over repeated runs of the action's scenario.
import { PerformanceObserver } from 'node:perf_hooks';
import type { LocalRuntime } from '../../src/local/runtime';
import type { ActionInfo } from './actions';
import { eventOf, SCENARIOS, stage, whoOf, type Fixture, type Scenario } from './scenarios';

export interface ActionMeasure {
  key: string;
  /** A timer sweep's requests grow with the work it finds: it has no per-call target. */
  kind: 'read' | 'write' | 'timer';
  /** Why there is no figure: no scenario, no bundle, or the scenario failed (with the code). */
  notMeasured?: string;
  runs: number;
  /** The usual count (warm instance) and the highest seen (e.g. a cache refresh). */
  dbRequests?: number;
  dbRequestsMax?: number;
  dbActions?: string[];
  fnMedianMs?: number;
  fnP95Ms?: number;
  /** p95 of the function's own time less garbage-collection pauses (the local store shares the heap). */
  fnP95LessGcMs?: number;
  dbMedianMs?: number;
  /** Wall time of one run (function and store), for estimating a larger store. */
  runMs?: number;
  /** The largest answer (JSON bytes): what a screen's setData carries at most if it shows all of it. */
  resultBytes?: number;
}

/** Garbage-collection pauses seen so far (start, end in performance.now() time). */
const gcPauses: Array<[number, number]> = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcPauses.push([e.startTime, e.startTime + e.duration]);
}).observe({ entryTypes: ['gc'] });

function gcWithin(from: number, to: number): number {
  let ms = 0;
  for (const [a, b] of gcPauses) if (b > from && a < to) ms += Math.min(b, to) - Math.max(a, from);
  return ms;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

function mode(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
}

/**
 * Runs the action's scenario `runs` times after `warmup` runs; fewer once `budgetMs` is spent (at least 5,
 * or a single one when one run alone takes a good share of the budget). With `variant`, that named path of the
 * action instead (scenarios.ts VARIANTS), keyed `fn.action (name)`.
 */
export async function measureAction(rt: LocalRuntime, a: ActionInfo, runs: number, budgetMs: number, warmup = 5, variant?: { name: string; scenario: Scenario }): Promise<ActionMeasure> {
  const key = variant ? `${a.fn}.${a.action} (${variant.name})` : `${a.fn}.${a.action}`;
  const kind = a.caller === 'system' ? 'timer' : a.mutates ? 'write' : 'read';
  const sc = variant ? variant.scenario : SCENARIOS[key];
  if (!a.built) return { key, kind, runs: 0, notMeasured: 'not measured: no built function' };
  if (!sc) return { key, kind, runs: 0, notMeasured: 'not measured: no scenario in scripts/bench/scenarios.ts' };
  const mutates = Boolean(a.mutates);
  await sc.prepare?.(rt);
  // Each action starts on a collected heap: the local store shares the function's heap, and the garbage the actions
  // before left (thousands of steps, the store's copies of their documents) would otherwise be collected during this
  // one's runs and counted as its time (the bench runs with --expose-gc).
  (globalThis as { gc?: () => void }).gc?.();
  const needsFresh = (mutates || kind === 'timer') && (sc.stage ?? 'none') !== 'none';
  let shared: Fixture | undefined;
  const fn: number[] = [];
  const windows: Array<[number, number, number]> = [];
  const db: number[] = [];
  const counts: number[] = [];
  let actions: string[] = [];
  let resultBytes = 0;
  const started = performance.now();
  let lastRunMs = 0;
  for (let i = 0; i < runs + warmup; i++) {
    let f: Fixture;
    try {
      f = needsFresh || !shared ? await stage(rt, sc.stage ?? 'none') : shared;
    } catch (e) {
      return { key, kind, runs: 0, notMeasured: `not measured: ${(e as Error).message}` };
    }
    if (!needsFresh) shared = f;
    await sc.before?.(rt, f);
    const t0 = performance.now();
    const inv = await rt.invoke<any>(a.fn, eventOf(sc, a.action, f, mutates), { openid: whoOf(sc, f), ...(kind === 'timer' ? { source: 'wx_trigger' } : {}) });
    const t1 = performance.now();
    if (!inv.result?.ok) return { key, kind, runs: 0, notMeasured: `not measured: scenario answered ${inv.result?.code ?? 'no result'} ${inv.result?.message ?? ''}` };
    lastRunMs = inv.ms;
    if (i < warmup) {
      // A slow action (a sweep over the whole store) gets one warm-up, not five.
      if (inv.ms > budgetMs / 10) i = warmup - 1;
      continue;
    }
    resultBytes = Math.max(resultBytes, Buffer.byteLength(JSON.stringify(inv.result.data ?? null)));
    fn.push(inv.ms - inv.dbMs);
    windows.push([t0, t1, inv.ms - inv.dbMs]);
    db.push(inv.dbMs);
    counts.push(inv.dbRequests);
    if (inv.dbRequests === mode(counts)) actions = inv.dbActions;
    const spent = performance.now() - started;
    if ((fn.length >= 5 && spent > budgetMs) || (lastRunMs > budgetMs / 5 && spent > budgetMs / 2)) break;
  }
  await new Promise((r) => setImmediate(r));
  const lessGc = windows.map(([from, to, own]) => Math.max(0, own - gcWithin(from, to))).sort((x, y) => x - y);
  gcPauses.length = 0;
  const unsorted = [...fn];
  fn.sort((x, y) => x - y);
  const dbUnsorted = [...db];
  db.sort((x, y) => x - y);
  return {
    key,
    kind,
    runs: fn.length,
    dbRequests: mode(counts),
    dbRequestsMax: Math.max(...counts),
    dbActions: actions,
    fnMedianMs: percentile(fn, 50),
    fnP95Ms: percentile(fn, 95),
    fnP95LessGcMs: percentile(lessGc, 95),
    dbMedianMs: percentile(db, 50),
    resultBytes,
    runMs: percentile(unsorted.map((x, k) => x + dbUnsorted[k]).sort((x, y) => x - y), 50),
  };
}
