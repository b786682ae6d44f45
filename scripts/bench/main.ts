// `npm run bench`: what each action costs in CloudBase terms, measured on the local runtime with seeded data.
// It measures and prints (a table per figure, each with its target) and writes bench-results/bench-results.json.
// It is not a test: nothing here fails a build, and nothing in `npm test` times anything.
//
//   npm run bench                    the full run (1,000 and 100,000 cases; 20 s of load)
//   npm run bench -- --quick         small sizes, few runs, 5 s of load (while developing)
//   npm run bench -- --only=actions,cold,mp,load   some sections only
//   npm run bench -- --no-page-tests              reuse the last setData figures instead of running the page tests
//   npm run bench -- --actions=case.file,case.get --sizes=1000,100000 --runs=40 --clients=8 --seconds=20 --verbose
//                                    (an action picked brings its named variants, e.g. `case.file (urgent)`)
//   npm run bench -- --only=actions --sizes=200 --runs=8      the actions at one small size (printed in both columns)
//   npm run bench -- --only=cold --functions=report --cold-reps=5   one function's cold start (beside the bare SDK's)
// A new action is measured once it has an entry in scripts/bench/scenarios.ts; until then it prints "not measured".
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalRuntime, REPO_ROOT } from '../../src/local/runtime';
import { seedDemo } from '../../src/local/seed';
import { newPiiKey } from '../../src/server/kernel/pii';
import { newAuditKey } from '../../src/server/kernel/audit-chain';
import { discoverActions, type ActionInfo } from './actions';
import { fillTo, makeTemplates } from './bulk';
import { measureCold, type ColdMeasure } from './cold';
import { runLoad, type LoadResult } from './load';
import { measureAction, type ActionMeasure } from './measure';
import { measureMiniProgram, type MpResult } from './mp';
import { eventOf, SCENARIOS, setUp, VARIANTS, whoOf } from './scenarios';

process.env.PII_KEY ??= newPiiKey();
process.env.AUDIT_KEY ??= newAuditKey();
// The bench files thousands of cases from a few accounts: the filing limits would refuse them.
process.env.FILING_LIMITS ??= JSON.stringify({ perAccountPerHour: 1e9, perAccountPerDay: 1e9, urgentPerAccountPerDay: 1e9, urgentPerOrgPerHour: 1e9 });

const TARGET = {
  readRequests: 2,
  writeRequests: 8,
  fnP95Ms: 5,
  /** "No growth": the median at the large size within this factor (or 0.2 ms) of the small size's. */
  growthFactor: 1.5,
  coldRatio: 1.5,
  packageBytes: 1024 * 1024,
  packageCap: 2 * 1024 * 1024,
  setDataBytes: 64 * 1024,
};

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = (args.find((a) => a.startsWith('--only='))?.slice(7).split(',') ?? ['actions', 'cold', 'mp', 'load']).map((x) => x.trim());
const CONFIG = quick
  ? { sizes: [200, 2_000], runs: 8, actionBudgetMs: 3_000, coldReps: 2, clients: 4, seconds: 5 }
  : { sizes: [1_000, 100_000], runs: 40, actionBudgetMs: 15_000, coldReps: 5, clients: 8, seconds: 20 };
const flag = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
if (flag('runs')) CONFIG.runs = Number(flag('runs'));
if (flag('sizes')) CONFIG.sizes = flag('sizes')!.split(',').map(Number);
if (flag('seconds')) CONFIG.seconds = Number(flag('seconds'));
if (flag('clients')) CONFIG.clients = Number(flag('clients'));
if (flag('cold-reps')) CONFIG.coldReps = Number(flag('cold-reps'));

const BENCH_DIR = __dirname;
const OUT_DIR = path.join(REPO_ROOT, 'bench-results');

const pad = (s: unknown, n: number) => String(s).padEnd(n);
const lpad = (s: unknown, n: number) => String(s).padStart(n);
const ms = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '—' : v >= 100 ? v.toFixed(0) : v.toFixed(2));
const kb = (b: number) => (b >= 1024 * 1024 ? `${(b / 1024 / 1024).toFixed(2)} MB` : `${(b / 1024).toFixed(1)} KB`);
const verdict = (ok: boolean) => (ok ? 'ok' : 'OVER');
const log = (s = '') => process.stdout.write(`${s}\n`);
const progress = (s: string) => process.stderr.write(`  … ${s}\n`);

interface Results {
  at: string;
  quick: boolean;
  machine: { cpus: number; cpu: string; node: string; loadAverageAtStart: number; loadAverageAtEnd?: number };
  targets: typeof TARGET;
  actions?: { sizes: number[]; seeding: Array<{ cases: number; added: number; ms: number }>; bySize: Record<string, ActionMeasure[]> };
  cold?: { minimal: ColdMeasure; functions: ColdMeasure[] };
  miniprogram?: MpResult;
  load?: LoadResult;
}

async function benchActions(results: Results): Promise<ActionInfo[]> {
  // The store in a worker thread: its 100,000 cases in a heap of their own, so collecting them is not counted as
  // the functions' time (in CloudBase the database is another service). --store=in-process for the old way.
  const rt = new LocalRuntime(flag('store') === 'in-process' ? {} : { storeWorker: path.join(BENCH_DIR, 'store-worker.cjs') });
  await seedDemo(rt);
  const picked = flag('actions')?.split(',');
  const actions = discoverActions(rt).filter((a) => !picked || picked.includes(`${a.fn}.${a.action}`));
  progress(`${actions.length} actions in ${rt.functionNames().length} functions; setting up the organisations, making case templates`);
  await setUp(rt);
  const templates = await makeTemplates(rt);
  const bySize: Record<string, ActionMeasure[]> = {};
  const seeding: Array<{ cases: number; added: number; ms: number }> = [];
  // The templates are this month's first cases: the clones number on from them (bulk.ts).
  let next = templates.docs.length;
  for (const size of CONFIG.sizes) {
    const filled = fillTo(rt, templates, size, next);
    next = filled.next;
    seeding.push({ cases: size, added: filled.added, ms: filled.ms });
    progress(`${size.toLocaleString('en')} cases in the store (${filled.added} cloned in ${(filled.ms / 1000).toFixed(1)} s); measuring ${CONFIG.runs} runs per action`);
    const out: ActionMeasure[] = [];
    const previous = new Map((bySize[String(CONFIG.sizes[CONFIG.sizes.indexOf(size) - 1])] ?? []).map((m) => [m.key, m]));
    // Each action, then its named variants (scenarios.ts VARIANTS) as rows of their own.
    const runsOf = actions.flatMap((a) => [
      { a, variant: undefined },
      ...Object.entries(VARIANTS[`${a.fn}.${a.action}`] ?? {}).map(([name, scenario]) => ({ a, variant: { name, scenario } })),
    ]);
    for (const { a, variant } of runsOf) {
      (globalThis as { gc?: () => void }).gc?.();
      // An action whose run grows with the store and would not fit its time budget here is not run again:
      // the estimate (linear, so a floor) is printed instead.
      const before = previous.get(variant ? `${a.fn}.${a.action} (${variant.name})` : `${a.fn}.${a.action}`);
      const prevSize = CONFIG.sizes[CONFIG.sizes.indexOf(size) - 1];
      const estimate = before?.runMs !== undefined ? (before.runMs * size) / prevSize : 0;
      if (before && !before.notMeasured && before.runMs! > 50 && estimate * 2 > CONFIG.actionBudgetMs) {
        out.push({ key: before.key, kind: before.kind, runs: 0, notMeasured: `not measured at this size: one run would take ≥ ${(estimate / 1000).toFixed(0)} s (${before.runMs!.toFixed(0)} ms at ${prevSize.toLocaleString('en')} cases, growing with the store)` });
        continue;
      }
      const t = performance.now();
      const m = await measureAction(rt, a, CONFIG.runs, CONFIG.actionBudgetMs, undefined, variant);
      out.push(m);
      if (args.includes('--verbose')) progress(`${m.key}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
    bySize[String(size)] = out;
  }
  rt.close();
  results.actions = { sizes: CONFIG.sizes, seeding, bySize };
  return actions;
}

function printActions(results: Results): void {
  const a = results.actions!;
  // One size (--sizes=200) prints it in both columns.
  const [small, large = small] = a.sizes.map(String);
  const rowsSmall = a.bySize[small];
  const rowsLarge = new Map(a.bySize[large].map((r) => [r.key, r]));
  const keyWidth = Math.max(34, ...rowsSmall.map((r) => r.key.length + 1));
  log(`1–2. Per action: database requests (target: read ≤ ${TARGET.readRequests}, write ≤ ${TARGET.writeRequests}) and the function's own time`);
  log(`     excluding database requests, median / p95 in ms (target: p95 < ${TARGET.fnP95Ms} ms, no growth), at ${Number(small).toLocaleString('en')} and ${Number(large).toLocaleString('en')} cases`);
  log(
    `${pad('action', keyWidth)}${pad('kind', 6)}${lpad('db req', 7)}${lpad('target', 7)}  ${pad('', 5)}${lpad(`med@${short(small)}`, 10)}${lpad(`p95@${short(small)}`, 10)}${lpad(`med@${short(large)}`, 10)}${lpad(`p95@${short(large)}`, 10)}${lpad('growth', 8)}  ${pad('time', 6)}${lpad(`p95−gc@${short(large)}`, 13)}`,
  );
  let over = 0;
  let missing = 0;
  for (const r of rowsSmall) {
    const l = rowsLarge.get(r.key)!;
    if (r.notMeasured || l?.notMeasured) {
      missing += 1;
      log(`${pad(r.key, keyWidth)}${pad(r.kind, 6)}${r.notMeasured ?? l.notMeasured}`);
      continue;
    }
    const target = r.kind === 'read' ? TARGET.readRequests : r.kind === 'write' ? TARGET.writeRequests : Infinity;
    const reqs = Math.max(r.dbRequests!, l.dbRequests!);
    const reqOk = reqs <= target;
    const growth = l.fnMedianMs! / r.fnMedianMs!;
    const timeOk = l.fnP95Ms! < TARGET.fnP95Ms && r.fnP95Ms! < TARGET.fnP95Ms && (growth <= TARGET.growthFactor || l.fnMedianMs! - r.fnMedianMs! <= 0.2);
    if (!reqOk || !timeOk) over += 1;
    const reqText = r.dbRequestsMax! > r.dbRequests! ? `${reqs}(${r.dbRequestsMax})` : String(reqs);
    const few = Math.min(r.runs, l.runs) < CONFIG.runs ? `  (${Math.min(r.runs, l.runs)} runs: time budget)` : '';
    log(
      `${pad(r.key, keyWidth)}${pad(r.kind, 6)}${lpad(reqText, 7)}${lpad(target === Infinity ? '—' : `≤${target}`, 7)}  ${pad(verdict(reqOk), 5)}${lpad(ms(r.fnMedianMs), 10)}${lpad(ms(r.fnP95Ms), 10)}${lpad(ms(l.fnMedianMs), 10)}${lpad(ms(l.fnP95Ms), 10)}${lpad(`${growth.toFixed(2)}×`, 8)}  ${pad(verdict(timeOk), 6)}${lpad(ms(l.fnP95LessGcMs), 13)}${few}`,
    );
  }
  log(`     ${rowsSmall.length} actions and variants: ${rowsSmall.length - missing} measured, ${missing} not measured, ${over} over a target.`);
  log('     db req: the usual count on a warm instance; (n) the most seen, when the cached organisation directory was re-read.');
  log(`     growth: median at ${short(large)} ÷ median at ${short(small)} (flagged above ${TARGET.growthFactor}× and 0.2 ms). Wall clock less the store's time, so a busy machine shows in p95;`);
  log(`     p95−gc: the same less garbage-collection pauses (the store runs in a worker thread with a heap of its own, as in CloudBase it is another service).`);
  log(`     Seeding: ${a.seeding.map((s) => `${s.cases.toLocaleString('en')} cases (${s.added.toLocaleString('en')} cloned in ${(s.ms / 1000).toFixed(1)} s)`).join(', ')}.`);
}

function short(n: string): string {
  const v = Number(n);
  return v >= 1000 ? `${v / 1000}k` : n;
}

function coldTargets(actions: ActionInfo[], functions: string[]) {
  const f = { caseId: '', applicant: 'demo-resident', respondent: 'demo-respondent' };
  return functions.map((fn) => {
    const pick = actions.find((a) => a.fn === fn && a.built && !a.mutates && SCENARIOS[`${a.fn}.${a.action}`] && (SCENARIOS[`${a.fn}.${a.action}`].stage ?? 'none') === 'none');
    if (!pick) return { fn, event: { action: '__bench_cold_start__' }, openid: 'demo-resident', firstCall: 'an unknown action (no read scenario)' };
    const sc = SCENARIOS[`${pick.fn}.${pick.action}`];
    return { fn, event: eventOf(sc, pick.action, f, false), openid: whoOf(sc, f), firstCall: `${fn}.${pick.action}` };
  });
}

async function benchCold(results: Results, actions: ActionInfo[]): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mediation-bench-cold-'));
  const rt = new LocalRuntime({ dataDir });
  await seedDemo(rt);
  const picked = flag('functions')?.split(',');
  const functions = rt.functionNames().filter((fn) => !picked || picked.includes(fn));
  rt.close();
  progress(`cold starts: ${functions.length} functions + the minimal one, ${CONFIG.coldReps} fresh processes each`);
  results.cold = measureCold({
    benchDir: BENCH_DIR,
    functionsDir: path.join(REPO_ROOT, 'cloudfunctions'),
    targets: coldTargets(actions, functions),
    dbFile: path.join(dataDir, 'cloudbase.sqlite'),
    reps: CONFIG.coldReps,
  });
  fs.rmSync(dataDir, { recursive: true, force: true });
}

function printCold(results: Results): void {
  const c = results.cold!;
  log(`3. Cold start: load the bundle + answer the first call, median of ${CONFIG.coldReps} fresh processes, as a ratio to a function`);
  log(`   that only loads wx-server-sdk (target ≤ ${TARGET.coldRatio}×)`);
  log(`${pad('function', 32)}${lpad('bundle', 11)}${lpad('load', 9)}${lpad('1st call', 10)}${lpad('total', 9)}${lpad('ratio', 8)}  ${pad('', 5)}first call`);
  log(`${pad(c.minimal.fn, 32)}${lpad(kb(c.minimal.bundleBytes), 11)}${lpad(ms(c.minimal.loadMs), 9)}${lpad(ms(c.minimal.firstCallMs), 10)}${lpad(ms(c.minimal.totalMs), 9)}${lpad('1.00×', 8)}  ${pad('', 5)}${c.minimal.firstCall}`);
  for (const f of c.functions) {
    log(
      `${pad(f.fn, 32)}${lpad(kb(f.bundleBytes), 11)}${lpad(ms(f.loadMs), 9)}${lpad(ms(f.firstCallMs), 10)}${lpad(ms(f.totalMs), 9)}${lpad(`${f.ratio!.toFixed(2)}×`, 8)}  ${pad(verdict(f.ratio! <= TARGET.coldRatio), 5)}${f.firstCall}${f.ok ? '' : ` (answered ${f.code})`}`,
    );
  }
  log('   (times in ms; the local database is installed between loading and the call and is not counted)');
}

function printMp(results: Results): void {
  const m = results.miniprogram!;
  log(`4. Mini-program: package sizes (target ≤ ${kb(TARGET.packageBytes)}, platform cap ${kb(TARGET.packageCap)} each), ${m.packagesFrom === 'compiler' ? "as WeChat's compiler (miniprogram-ci) produces them" : "estimated from the files (WeChat's compiler could not run)"}`);
  for (const p of m.packages) {
    log(`   ${pad(p.package, 18)}${lpad(`${p.pages} pages`, 9)}${lpad(kb(p.total), 11)}  ${p.total > TARGET.packageCap ? 'OVER CAP' : verdict(p.total <= TARGET.packageBytes)}`);
  }
  log(`   Largest setData payload per page on the page tests' data (target ≤ ${kb(TARGET.setDataBytes)})`);
  const pages = Object.keys(m.setData).sort();
  if (pages.length === 0) log('   no figures: no page test recorded any');
  for (const p of pages) log(`   ${pad(p, 44)}${lpad(kb(m.setData[p].bytes), 10)}  ${lpad(m.setData[p].calls, 3)} setData calls  ${verdict(m.setData[p].bytes <= TARGET.setDataBytes)}`);
  const large = results.actions ? results.actions.bySize[String(results.actions.sizes[results.actions.sizes.length - 1])] : [];
  const reads = large.filter((r) => r.kind === 'read' && r.resultBytes !== undefined).sort((x, y) => y.resultBytes! - x.resultBytes!);
  if (reads.length) {
    log(`   Largest answer of each read action at ${results.actions!.sizes[results.actions!.sizes.length - 1].toLocaleString('en')} cases: the most a screen's setData carries if it shows it all (target ≤ ${kb(TARGET.setDataBytes)})`);
    for (const r of reads) log(`   ${pad(r.key, 44)}${lpad(kb(r.resultBytes!), 10)}  ${verdict(r.resultBytes! <= TARGET.setDataBytes)}`);
  }
  const app = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'miniprogram/app.json'), 'utf8')) as { pages: string[]; subPackages?: Array<{ root: string; pages: string[] }> };
  const allPages = [...app.pages, ...(app.subPackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/$/, '')}/${p}`))];
  const unmeasured = allPages.filter((p) => !m.setData[p]);
  if (unmeasured.length) log(`   not measured (no page test renders them): ${unmeasured.join(', ')}`);
  if (m.setDataNote) log(`   note: ${m.setDataNote}`);
}

function printLoad(results: Results): void {
  const l = results.load!;
  log(`5. Load: ${l.clients} concurrent clients (resident / director / mediator cycle) against \`npm start\` on loopback for ${l.seconds.toFixed(1)} s`);
  log(`   ${l.requests} requests, ${l.throughput.toFixed(0)} requests/s; latency p50 ${ms(l.p50Ms)} ms, p95 ${ms(l.p95Ms)} ms, p99 ${ms(l.p99Ms)} ms`);
  log(`   errors: ${l.errors} (target 0) ${verdict(l.errors === 0)}; lost writes: ${l.lostWrites} of ${l.acknowledgedWrites} acknowledged (target 0) ${verdict(l.lostWrites === 0)}; extra writes: ${l.extraWrites} ${verdict(l.extraWrites === 0)}`);
  log(`   (${l.expectedRefusals} deliberate double accepts refused as they should be; ${l.replays} filings replayed with the same request id)`);
  for (const s of l.errorSamples) log(`   error: ${s}`);
  log(`   ${pad('action', 24)}${lpad('n', 6)}${lpad('p50', 9)}${lpad('p95', 9)}`);
  for (const [k, v] of Object.entries(l.byAction)) log(`   ${pad(k, 24)}${lpad(v.n, 6)}${lpad(ms(v.p50Ms), 9)}${lpad(ms(v.p95Ms), 9)}`);
}

async function main(): Promise<void> {
  const started = Date.now();
  const results: Results = {
    at: new Date().toISOString(),
    quick,
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? '', node: process.version, loadAverageAtStart: os.loadavg()[0] },
    targets: TARGET,
  };
  let actions: ActionInfo[] = [];
  if (only.includes('actions')) actions = await benchActions(results);
  if (only.includes('cold')) {
    if (!actions.length) {
      const rt = new LocalRuntime();
      actions = discoverActions(rt);
      rt.close();
    }
    await benchCold(results, actions);
  }
  if (only.includes('mp')) {
    progress('mini-program: package sizes and the page tests’ setData payloads');
    results.miniprogram = measureMiniProgram(REPO_ROOT, !args.includes('--no-page-tests'));
  }
  if (only.includes('load')) {
    progress(`load: ${CONFIG.clients} clients for ${CONFIG.seconds} s`);
    results.load = await runLoad({ repoRoot: REPO_ROOT, clients: CONFIG.clients, seconds: CONFIG.seconds });
  }

  results.machine.loadAverageAtEnd = os.loadavg()[0];
  log('');
  log(`npm run bench${quick ? ' --quick' : ''} — ${results.at}, ${results.machine.cpus} × ${results.machine.cpu}, Node ${results.machine.node}`);
  const busy = Math.max(results.machine.loadAverageAtStart, results.machine.loadAverageAtEnd) > results.machine.cpus;
  log(
    `load average ${results.machine.loadAverageAtStart.toFixed(1)} at the start, ${results.machine.loadAverageAtEnd.toFixed(1)} at the end` +
      (busy ? ` (above ${results.machine.cpus}: other work shared the CPUs, and p95 times include waiting for them)` : ` (${results.machine.cpus} CPUs)`),
  );
  for (const [section, print] of [
    ['actions', printActions],
    ['cold', printCold],
    ['miniprogram', printMp],
    ['load', printLoad],
  ] as const) {
    if (!results[section]) continue;
    log('');
    print(results);
  }
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const file = path.join(OUT_DIR, 'bench-results.json');
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  log('');
  log(`Written to ${path.relative(REPO_ROOT, file)} in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
