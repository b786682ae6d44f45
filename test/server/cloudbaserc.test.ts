// The CloudBase CLI deploys from cloudbaserc.json, WeChat DevTools from each function's config.json. A function
// deployed by the CLI gets exactly the timeout and timer triggers its config.json declares, its dependencies
// (wx-server-sdk) installed in the cloud, and every environment variable its code reads — by name only, filled
// from the deployer's own .env.local, so no secret is committed.
import * as fs from 'fs';
import * as path from 'path';
import { cloudbasercText, type FunctionConfig } from '../../scripts/generate-cloudbaserc';
import { TEMPLATES } from '../../src/server/notify/templates';

const ROOT = path.resolve(__dirname, '../..');
const FN_ROOT = path.join(ROOT, 'cloudfunctions');

interface RcFunction {
  name: string;
  handler: string;
  runtime: string;
  timeout: number;
  installDependency: boolean;
  envVariables: Record<string, string>;
  triggers?: Array<{ name: string; type: string; config: string }>;
}

const names = fs.readdirSync(FN_ROOT).filter((n) => fs.existsSync(path.join(FN_ROOT, n, 'config.json'))).sort();
const configs: Record<string, FunctionConfig> = Object.fromEntries(
  names.map((n) => [n, JSON.parse(fs.readFileSync(path.join(FN_ROOT, n, 'config.json'), 'utf8')) as FunctionConfig]),
);
const rcText = fs.readFileSync(path.join(ROOT, 'cloudbaserc.json'), 'utf8');
const rc = JSON.parse(rcText) as { version: string; functionRoot: string; functions: RcFunction[] };
const byName = new Map(rc.functions.map((f) => [f.name, f]));

/** Every `process.env.NAME` the deployed code reads (the platform's own TRIGGER_SRC aside). */
function envReadIn(dir: string): Set<string> {
  const found = new Set<string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.ts')) for (const m of fs.readFileSync(p, 'utf8').matchAll(/process\.env\.([A-Z][A-Z0-9_]*)/g)) found.add(m[1]);
    }
  };
  walk(dir);
  found.delete('TRIGGER_SRC');
  return found;
}

describe('cloudbaserc.json (the CLI path) against cloudfunctions/*/config.json (the DevTools path)', () => {
  it('is what `npm run build` makes of the config.json files now (a changed config.json without a build fails)', () => {
    expect(rcText).toBe(cloudbasercText(configs));
  });

  it('deploys every function from its built folder, and no other', () => {
    expect(rc.version).toBe('2.0');
    expect(rc.functionRoot).toBe('./cloudfunctions');
    expect(rc.functions.map((f) => f.name).sort()).toEqual(names);
  });

  it.each(names)('%s: same timeout and timer triggers as its config.json, dependencies installed in the cloud', (name) => {
    const f = byName.get(name)!;
    const c = configs[name];
    expect(f.timeout).toBe(c.timeout);
    expect(f.triggers ?? []).toEqual(c.triggers ?? []);
    expect(f.installDependency).toBe(true);
    expect(f.handler).toBe('index.main');
    expect(['Nodejs16.13', 'Nodejs18.15', 'Nodejs20.19']).toContain(f.runtime);
    // What the bundle leaves out is what the cloud install brings: wx-server-sdk (test/local/bundles.test.ts checks
    // the bundles require nothing else).
    const pkg = JSON.parse(fs.readFileSync(path.join(FN_ROOT, name, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(pkg.dependencies)).toEqual(['wx-server-sdk']);
  });

  it('a config.json changed on its own (another timeout, one timer trigger) no longer matches', () => {
    const changed = { ...configs, timer: { ...configs.timer, timeout: 30, triggers: [{ name: 'tick', type: 'timer', config: '0 */5 * * * * *' }] } };
    expect(cloudbasercText(changed)).not.toBe(rcText);
    const f = (JSON.parse(cloudbasercText(changed)) as typeof rc).functions.find((x) => x.name === 'timer')!;
    expect(f.timeout).toBe(30);
    expect(f.triggers).toEqual([{ name: 'tick', type: 'timer', config: '0 */5 * * * * *' }]);
  });

  it('names every environment variable the functions read, with no value committed', () => {
    for (const f of rc.functions) {
      for (const [k, v] of Object.entries(f.envVariables)) expect(v).toBe(`{{env.${k}}}`);
      for (const k of ['PII_KEY', 'AUDIT_KEY', 'PII_KEYS_PREVIOUS']) expect(Object.keys(f.envVariables)).toContain(k);
    }
    const named = new Set(rc.functions.flatMap((f) => Object.keys(f.envVariables)));
    for (const v of envReadIn(path.join(ROOT, 'src', 'server'))) expect([v, named.has(v)]).toEqual([v, true]);
    const timer = byName.get('timer')!;
    for (const t of Object.values(TEMPLATES)) expect(Object.keys(timer.envVariables)).toContain(t.env);
  });
});
