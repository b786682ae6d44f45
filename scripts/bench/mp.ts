// The mini-program: package sizes (scripts/mp-budgets.cjs) and the largest setData payload per page, recorded
// by the page tests as they render pages with their scripted data (test/miniprogram/helpers/simulate.ts).
/* eslint-disable @typescript-eslint/no-require-imports */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface MpResult {
  packages: Array<{ package: string; pages: number; total: number }>;
  setData: Record<string, { bytes: number; calls: number }>;
  /** Why setData figures may be missing or stale. */
  setDataNote?: string;
}

export function measureMiniProgram(repoRoot: string, runPageTests: boolean): MpResult {
  const budgets = require(path.join(repoRoot, 'scripts/mp-budgets.cjs')) as {
    measurePackages(): Array<{ package: string; pages: number; total: number }>;
    readSetData(): Record<string, { bytes: number; calls: number }>;
  };
  let setDataNote: string | undefined;
  if (runPageTests) {
    fs.rmSync(path.join(repoRoot, '.build/mp-setdata'), { recursive: true, force: true });
    const jest = spawnSync(process.execPath, [path.join(repoRoot, 'node_modules/jest/bin/jest.js'), '--selectProjects', 'miniprogram', '--silent'], {
      cwd: repoRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (jest.status !== 0) setDataNote = 'some mini-program page tests failed; figures are from the pages that rendered';
  } else {
    setDataNote = 'page tests not run (--no-page-tests): figures from the last run in .build/mp-setdata';
  }
  return { packages: budgets.measurePackages(), setData: budgets.readSetData(), setDataNote };
}
