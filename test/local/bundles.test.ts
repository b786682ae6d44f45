// Every built cloud function is a deployable folder: it loads in plain Node, exports main, and reaches outside its
// own folder only for Node's built-in modules and the packages its package.json declares (CloudBase installs them):
// wx-server-sdk, at exactly the version installed here, the one the tests ran.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const fnRoot = path.join(root, 'cloudfunctions');
const sources = fs.readdirSync(path.join(root, 'src/functions')).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3));


describe('cloud function bundles', () => {
  it('there is one deployable folder per function source', () => {
    expect(sources.length).toBeGreaterThan(0);
    for (const name of sources) {
      expect(fs.existsSync(path.join(fnRoot, name, 'index.js'))).toBe(true);
      const pkg = JSON.parse(fs.readFileSync(path.join(fnRoot, name, 'package.json'), 'utf8'));
      expect(pkg.main ?? 'index.js').toBe('index.js');
      expect(Object.keys(pkg.dependencies)).toEqual(['wx-server-sdk']);
      for (const [dep, version] of Object.entries(pkg.dependencies)) {
        expect([dep, version]).toEqual([dep, JSON.parse(fs.readFileSync(path.join(root, 'node_modules', dep, 'package.json'), 'utf8')).version]);
      }
      const config = JSON.parse(fs.readFileSync(path.join(fnRoot, name, 'config.json'), 'utf8'));
      expect(config.timeout).toBeGreaterThanOrEqual(3);
    }
  });

  it.each(sources)('%s requires nothing but its declared packages and Node built-ins', (name) => {
    const code = fs.readFileSync(path.join(fnRoot, name, 'index.js'), 'utf8');
    const required = new Set([...code.matchAll(/require\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]));
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    const outside = [...required].filter((m) => m !== 'wx-server-sdk' && !builtins.has(m));
    expect(outside).toEqual([]);
    expect(required.has('wx-server-sdk')).toBe(true);
  });

  it.each(sources)('%s loads in plain Node and exports main', (name) => {
    const out = execFileSync(process.execPath, ['-e', `const m=require(${JSON.stringify(path.join(fnRoot, name, 'index.js'))});process.stdout.write(typeof m.main)`], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(out).toBe('function');
  });
});
