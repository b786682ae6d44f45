// `npm run screenshots [-- --only=<id part>,… --gallery]`: every screen of the mini-program as a phone screen
// (screenshots/<role>/<screen>.png), checked by eye's rules (see checks.ts), with a table of the results.
//   1. the rendering step: jest (jsdom + miniprogram-simulate + the real WXML compiler) renders each screen of
//      screens.ts to self-contained HTML in screenshots/html/ (jest.config.cjs; not part of `npm test`);
//   2. the browser step: shoot.ts, bundled with esbuild like the other TypeScript scripts, photographs them with the
//      system Chromium through puppeteer-core and runs the checks. It exits 1 when a screen fails a check.
// --gallery also writes the README's contact sheets to docs/screens/. CHROMIUM=/path overrides /usr/bin/chromium.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length) ?? '';
if (only && args.includes('--gallery')) {
  console.error('--gallery needs every screen: run it without --only.');
  process.exit(2);
}

const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
if (!fs.existsSync(chromium)) {
  console.error(`Chromium was not found at ${chromium}.
Install it with the CJK fonts the screens need:
  apt-get install -y chromium fonts-noto-cjk fonts-liberation
or point CHROMIUM at a Chromium or Chrome binary: CHROMIUM=/path/to/chrome npm run screenshots`);
  process.exit(2);
}

const htmlDir = path.join(root, 'screenshots/html');
fs.rmSync(htmlDir, { recursive: true, force: true });
console.log(`rendering ${only ? `screens matching ${only}` : 'every screen'} (jest, jsdom)…`);
const jestBin = path.join(root, 'node_modules/jest/bin/jest.js');
const render = spawnSync(process.execPath, [jestBin, '--config', 'scripts/screenshots/jest.config.cjs', '--maxWorkers=2', '--silent'], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'inherit'],
  env: { ...process.env, SCREENSHOTS_ONLY: only },
});
if (render.status !== 0) {
  console.error('The rendering step failed (above).');
  process.exit(render.status ?? 1);
}

const outfile = path.join(root, '.build/screenshots/shoot.cjs');
await build({
  entryPoints: [path.join(root, 'scripts/screenshots/shoot.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  packages: 'external',
  logLevel: 'warning',
});
console.log(`photographing with ${chromium}…\n`);
const shoot = spawnSync(process.execPath, [outfile, ...args.filter((a) => !a.startsWith('--only='))], { cwd: root, stdio: 'inherit' });
process.exit(shoot.status ?? 1);
