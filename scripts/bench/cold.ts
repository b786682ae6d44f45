// Cold start: for each built function, fresh processes that load its bundle and answer one first call, next
// to a minimal function that only loads wx-server-sdk (built here, measured in the same run, interleaved).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { percentile } from './measure';

export interface ColdMeasure {
  fn: string;
  bundleBytes: number;
  firstCall: string;
  loadMs: number;
  firstCallMs: number;
  totalMs: number;
  ratio?: number;
  ok: boolean;
  code?: string;
}

export const MINIMAL_SOURCE = `// The baseline for cold starts: a function that only loads wx-server-sdk and answers.
const cloud = require('wx-server-sdk');
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
exports.main = async () => ({ ok: true, data: { openid: cloud.getWXContext().OPENID || '' } });
`;

interface Target {
  fn: string;
  bundle: string;
  event: unknown;
  openid: string;
  firstCall: string;
}

function once(harness: string, t: Target, dbFile: string): { loadMs: number; firstCallMs: number; ok: boolean; code?: string } {
  const out = execFileSync(process.execPath, [harness, t.bundle, dbFile, JSON.stringify(t.event)], {
    env: { ...process.env, WX_OPENID: t.openid, WX_APPID: 'wxlocal0000000000', WX_UNIONID: '', WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}

export function measureCold(opts: { benchDir: string; functionsDir: string; targets: Omit<Target, 'bundle'>[]; dbFile: string; reps: number }): { minimal: ColdMeasure; functions: ColdMeasure[] } {
  const harness = path.join(opts.benchDir, 'cold-harness.cjs');
  const minimalDir = path.join(opts.benchDir, 'minimal');
  fs.mkdirSync(minimalDir, { recursive: true });
  fs.writeFileSync(path.join(minimalDir, 'index.js'), MINIMAL_SOURCE);
  const all: Target[] = [
    { fn: '(minimal: wx-server-sdk only)', bundle: path.join(minimalDir, 'index.js'), event: {}, openid: 'demo-resident', firstCall: 'main()' },
    ...opts.targets.map((t) => ({ ...t, bundle: path.join(opts.functionsDir, t.fn, 'index.js') })),
  ];
  const samples = new Map<string, Array<ReturnType<typeof once>>>(all.map((t) => [t.fn, []]));
  // One throw-away round warms the disk cache; then rounds interleave every bundle, so drift hits all alike.
  for (let rep = 0; rep < opts.reps + 1; rep++) {
    for (const t of all) {
      const s = once(harness, t, opts.dbFile);
      if (rep > 0) samples.get(t.fn)!.push(s);
    }
  }
  const summarise = (t: Target): ColdMeasure => {
    const s = samples.get(t.fn)!;
    const med = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);
    return {
      fn: t.fn,
      bundleBytes: fs.statSync(t.bundle).size,
      firstCall: t.firstCall,
      loadMs: med(s.map((x) => x.loadMs)),
      firstCallMs: med(s.map((x) => x.firstCallMs)),
      totalMs: med(s.map((x) => x.loadMs + x.firstCallMs)),
      ok: s.every((x) => x.ok),
      code: s.find((x) => !x.ok)?.code,
    };
  };
  const minimal = summarise(all[0]);
  const functions = all.slice(1).map((t) => {
    const m = summarise(t);
    return { ...m, ratio: m.totalMs / minimal.totalMs };
  });
  return { minimal, functions };
}
