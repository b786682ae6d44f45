// Builds every cloud function: src/functions/<name>.ts → cloudfunctions/<name>/index.js, with the shared
// code and libraries bundled in and only wx-server-sdk left external (CloudBase installs it from the
// folder's package.json). Also builds the local runtime (.build/local.cjs) that `npm start` runs, the
// database tools (.build/db-tools.cjs) that scripts/apply-database.cjs and scripts/load-deployment.cjs use, and
// the re-sealing tools (.build/pii-tools.cjs) of scripts/reseal-pii.cjs.
// Then writes what the phone ships of the server's tables into miniprogram/generated/
// (scripts/generate-miniprogram.ts) and the CloudBase CLI's cloudbaserc.json from every function's config.json
// (scripts/generate-cloudbaserc.ts), and the mini-program's build-time settings miniprogram/build-config.ts from
// MP_TRANSPORT, MP_ENV_ID, … (scripts/generate-build-config.ts); with --check-generated it only compares and fails on a stale file, which is
// what `npm test` does, so a commit whose generated files lag behind the server's tables does not pass.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = path.join(root, 'src', 'functions');
const outRoot = path.join(root, 'cloudfunctions');

const names = fs
  .readdirSync(srcDir)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3))
  .sort();

/** The version installed here (the lock file's): the one the tests ran, so the one a deployment installs. */
const installed = (pkg) => JSON.parse(fs.readFileSync(path.join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;

const problems = [];
for (const name of names) {
  const dir = path.join(outRoot, name);
  for (const required of ['package.json', 'config.json']) {
    if (!fs.existsSync(path.join(dir, required))) problems.push(`cloudfunctions/${name}/${required} is missing`);
  }
  // wx-server-sdk, left external, is declared in the folder's package.json at exactly the version the tests ran with.
  const declared = fs.existsSync(path.join(dir, 'package.json')) ? JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).dependencies ?? {} : {};
  for (const pkg of ['wx-server-sdk']) {
    if (declared[pkg] !== installed(pkg)) problems.push(`cloudfunctions/${name}/package.json: ${pkg} should be "${installed(pkg)}" (the version installed here), is ${JSON.stringify(declared[pkg])}`);
  }
  const extra = Object.keys(declared).filter((pkg) => pkg !== 'wx-server-sdk');
  if (extra.length) problems.push(`cloudfunctions/${name}/package.json declares ${extra.join(', ')}, which the bundle carries itself`);
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}

const started = Date.now();
await Promise.all(
  names.map((name) =>
    build({
      entryPoints: [path.join(srcDir, `${name}.ts`)],
      outfile: path.join(outRoot, name, 'index.js'),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node16',
      external: ['wx-server-sdk'],
      // BUILD_MINIFY=0 leaves the bundles readable, for a CPU profile that names functions (the bench, --cpu-prof).
      minify: process.env.BUILD_MINIFY !== '0',
      keepNames: true,
      legalComments: 'none',
      logLevel: 'warning',
    }),
  ),
);

await build({
  entryPoints: [path.join(root, 'src', 'local', 'cli.ts')],
  outfile: path.join(root, '.build', 'local.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  packages: 'external',
  sourcemap: 'inline',
  logLevel: 'warning',
});

// The schema, its planner and the deployment loader for scripts/apply-database.cjs and load-deployment.cjs.
/** A Node tool of the repository: bundled TypeScript, packages left to node_modules. */
const bundleTool = (entry, outfile) =>
  build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node18', packages: 'external', logLevel: 'warning' });

await bundleTool(path.join(root, 'src', 'server', 'database', 'tools.ts'), path.join(root, '.build', 'db-tools.cjs'));
// Re-sealing personal data after a key rotation, for scripts/reseal-pii.cjs (`npm run pii:reseal`).
await bundleTool(path.join(root, 'src', 'local', 'pii-tools.ts'), path.join(root, '.build', 'pii-tools.cjs'));

// The phone's copies of the server's tables.
const genOut = path.join(root, '.build', 'generate-miniprogram.cjs');
await bundleTool(path.join(root, 'scripts', 'generate-miniprogram.ts'), genOut);
const { createRequire } = await import('node:module');
const { generatedFiles, GENERATED_DIR } = createRequire(import.meta.url)(genOut);
const checkOnly = process.argv.includes('--check-generated');
const stale = [];
for (const [file, content] of Object.entries(generatedFiles())) {
  const target = path.join(root, GENERATED_DIR, file);
  const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : undefined;
  if (current === content) continue;
  if (checkOnly) stale.push(`${GENERATED_DIR}/${file}`);
  else {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
    console.log(`wrote ${GENERATED_DIR}/${file}`);
  }
}
// The CloudBase CLI's deployment file, from every function's config.json (scripts/generate-cloudbaserc.ts).
const rcOut = path.join(root, '.build', 'generate-cloudbaserc.cjs');
await bundleTool(path.join(root, 'scripts', 'generate-cloudbaserc.ts'), rcOut);
const { cloudbasercText } = createRequire(import.meta.url)(rcOut);
const configs = Object.fromEntries(names.map((n) => [n, JSON.parse(fs.readFileSync(path.join(outRoot, n, 'config.json'), 'utf8'))]));
const rcText = cloudbasercText(configs);
const rcPath = path.join(root, 'cloudbaserc.json');
if ((fs.existsSync(rcPath) ? fs.readFileSync(rcPath, 'utf8') : undefined) !== rcText) {
  if (checkOnly) stale.push('cloudbaserc.json');
  else {
    fs.writeFileSync(rcPath, rcText);
    console.log('wrote cloudbaserc.json');
  }
}

// The mini-program's build-time settings from MP_TRANSPORT, MP_ENV_ID, … (scripts/generate-build-config.ts).
const bcOut = path.join(root, '.build', 'generate-build-config.cjs');
await bundleTool(path.join(root, 'scripts', 'generate-build-config.ts'), bcOut);
const { buildConfigText, buildConfig, BUILD_CONFIG_PATH } = createRequire(import.meta.url)(bcOut);
let bcText;
try {
  bcText = buildConfigText(process.env);
} catch (e) {
  console.error(e.message);
  process.exit(1);
}
const bcPath = path.join(root, BUILD_CONFIG_PATH);
if ((fs.existsSync(bcPath) ? fs.readFileSync(bcPath, 'utf8') : undefined) !== bcText) {
  if (checkOnly) stale.push(`${BUILD_CONFIG_PATH} (built for other MP_* settings than this shell's)`);
  else {
    fs.writeFileSync(bcPath, bcText);
    console.log(`wrote ${BUILD_CONFIG_PATH}`);
  }
}
{
  const bc = buildConfig(process.env);
  const unset = Object.entries(bc.SUBSCRIBE_TEMPLATE_IDS).filter(([, v]) => !v).map(([k]) => k);
  console.log(
    bc.TRANSPORT === 'local'
      ? `mini-program: LOCAL build, calls ${bc.LOCAL_BASE_URL} as ${bc.LOCAL_OPENID} (do not upload; a plain \`npm run build\` makes the cloud build)`
      : `mini-program: cloud build, environment ${bc.CLOUD_ENV || "(the appid's default)"}${unset.length ? `; no template id for ${unset.join(', ')} (SUBSCRIBE_TPL_*)` : ''}`,
  );
}

if (stale.length) {
  console.error(`stale generated files (run \`npm run build\` and commit them): ${stale.join(', ')}`);
  process.exit(1);
}

const sizes = names.map((n) => `${n} ${(fs.statSync(path.join(outRoot, n, 'index.js')).size / 1024).toFixed(0)} KB`);
console.log(`built ${names.length} functions in ${Date.now() - started} ms: ${sizes.join(', ')}`);
