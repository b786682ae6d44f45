// The mini-program: package sizes (scripts/mp-budgets.cjs) and the largest setData payload per page, recorded
// by the page tests as they render pages with their scripted data (test/miniprogram/helpers/simulate.ts).
/* eslint-disable @typescript-eslint/no-require-imports */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface MpResult {
  packages: Array<{ package: string; pages: number; total: number }>;
  /** Where the package sizes come from: WeChat's compiler (miniprogram-ci), or the file-count estimate. */
  packagesFrom: 'compiler' | 'estimate';
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
  // Package sizes as WeChat's own compiler produces them (npm run compile:mp); the estimate only if it cannot run.
  const compile = spawnSync(process.execPath, [path.join(repoRoot, 'scripts/compile-miniprogram.cjs')], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const sizesFile = path.join(repoRoot, '.build/mp-compiled-sizes.json');
  if (compile.status === 0 && fs.existsSync(sizesFile)) {
    const compiled = JSON.parse(fs.readFileSync(sizesFile, 'utf8')) as { packages: MpResult['packages'] };
    return { packages: compiled.packages, packagesFrom: 'compiler', setData: budgets.readSetData(), setDataNote };
  }
  return { packages: budgets.measurePackages(), packagesFrom: 'estimate', setData: budgets.readSetData(), setDataNote };
}
