// Every action the bench should measure: found from the built bundles (each exports its route table as
// `routes`) and from src/server/API.md (so an action documented but not built still shows as a gap).
/* eslint-disable @typescript-eslint/no-require-imports */
import fs from 'node:fs';
import path from 'node:path';
import type { LocalRuntime } from '../../src/local/runtime';
import { REPO_ROOT } from '../../src/local/runtime';

export interface ActionInfo {
  fn: string;
  action: string;
  /** From the route table; undefined when only API.md lists it. */
  mutates?: boolean;
  caller?: string;
  built: boolean;
  documented: boolean;
}

export function discoverActions(rt: LocalRuntime): ActionInfo[] {
  const out = new Map<string, ActionInfo>();
  for (const fn of rt.functionNames()) {
    const mod = require(path.join(rt.functionsDir, fn, 'index.js')) as { routes?: Record<string, { mutates: boolean; caller?: string }> };
    for (const [action, r] of Object.entries(mod.routes ?? {})) {
      out.set(`${fn}.${action}`, { fn, action, mutates: r.mutates, caller: r.caller, built: true, documented: false });
    }
  }
  const doc = fs.readFileSync(path.join(REPO_ROOT, 'src/server/API.md'), 'utf8');
  for (const m of doc.matchAll(/^\| `(\w+)\.(\w+)` \|([^|]*)\|/gm)) {
    const key = `${m[1]}.${m[2]}`;
    const known = out.get(key);
    if (known) known.documented = true;
    else out.set(key, { fn: m[1], action: m[2], mutates: m[3].trim() === 'yes', built: false, documented: true });
  }
  return [...out.values()].sort((a, b) => (a.fn === b.fn ? 0 : a.fn < b.fn ? -1 : 1));
}
