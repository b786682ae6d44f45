// Per action: database requests (counted by the local runtime) and the function's own time (wall time minus
// the time the local store spent serving its requests), over repeated runs of the action's scenario.
import type { LocalRuntime } from '../../src/local/runtime';
import type { ActionInfo } from './actions';
import { eventOf, SCENARIOS, stage, whoOf, type Fixture } from './scenarios';

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
  dbMedianMs?: number;
  /** Wall time of one run (function and store), for estimating a larger store. */
  runMs?: number;
  /** The largest answer (JSON bytes): what a screen's setData carries at most if it shows all of it. */
  resultBytes?: number;
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
 * or a single one when one run alone takes a good share of the budget).
 */
export async function measureAction(rt: LocalRuntime, a: ActionInfo, runs: number, budgetMs: number, warmup = 5): Promise<ActionMeasure> {
  const key = `${a.fn}.${a.action}`;
  const kind = a.caller === 'system' ? 'timer' : a.mutates ? 'write' : 'read';
  const sc = SCENARIOS[key];
  if (!a.built) return { key, kind, runs: 0, notMeasured: 'not measured: no built function' };
  if (!sc) return { key, kind, runs: 0, notMeasured: 'not measured: no scenario in scripts/bench/scenarios.ts' };
  const mutates = Boolean(a.mutates);
  const needsFresh = (mutates || kind === 'timer') && (sc.stage ?? 'none') !== 'none';
  let shared: Fixture | undefined;
  const fn: number[] = [];
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
    sc.before?.(rt, f);
    const inv = await rt.invoke<any>(a.fn, eventOf(sc, a.action, f, mutates), { openid: whoOf(sc, f) });
    if (!inv.result?.ok) return { key, kind, runs: 0, notMeasured: `not measured: scenario answered ${inv.result?.code ?? 'no result'} ${inv.result?.message ?? ''}` };
    lastRunMs = inv.ms;
    if (i < warmup) {
      // A slow action (a sweep over the whole store) gets one warm-up, not five.
      if (inv.ms > budgetMs / 10) i = warmup - 1;
      continue;
    }
    resultBytes = Math.max(resultBytes, Buffer.byteLength(JSON.stringify(inv.result.data ?? null)));
    fn.push(inv.ms - inv.dbMs);
    db.push(inv.dbMs);
    counts.push(inv.dbRequests);
    if (inv.dbRequests === mode(counts)) actions = inv.dbActions;
    const spent = performance.now() - started;
    if ((fn.length >= 5 && spent > budgetMs) || (lastRunMs > budgetMs / 5 && spent > budgetMs / 2)) break;
  }
  fn.sort((x, y) => x - y);
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
    dbMedianMs: percentile(db, 50),
    resultBytes,
    runMs: percentile([...fn].map((x, k) => x + db[k]).sort((x, y) => x - y), 50),
  };
}
