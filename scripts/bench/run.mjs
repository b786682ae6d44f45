// `npm run bench` (after `npm run build`): bundles the bench (TypeScript in scripts/bench, like the function
// build) into .build/bench/ and runs it. Arguments pass through: --quick, --only=actions,cold,mp,load, --no-page-tests.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = path.join(root, '.build', 'bench');
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node18', packages: 'external', logLevel: 'warning' };

await Promise.all([
  build({ ...common, entryPoints: [path.join(root, 'scripts/bench/main.ts')], outfile: path.join(outDir, 'bench.cjs') }),
  // Cold-start harness and the local database it installs after loading a bundle: kept apart, so nothing
  // a bundle needs is loaded before the clock starts.
  build({ ...common, entryPoints: [path.join(root, 'scripts/bench/cold-harness.ts')], outfile: path.join(outDir, 'cold-harness.cjs') }),
  build({ ...common, entryPoints: [path.join(root, 'src/local/db/index.ts')], outfile: path.join(outDir, 'localdb.cjs') }),
  // The store's worker thread for the actions' runtime (src/local/db/worker.ts).
  build({ ...common, entryPoints: [path.join(root, 'src/local/db/worker.ts')], outfile: path.join(outDir, 'store-worker.cjs') }),
]);

// --single-threaded-gc: the store's heap (100,000 cases, in its worker thread) is then collected on the store's own
// thread, not by helper threads running beside the functions' code on a 2-core machine (which showed as growth).
const run = spawnSync(process.execPath, ['--expose-gc', '--single-threaded-gc', path.join(outDir, 'bench.cjs'), ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
process.exit(run.status ?? 1);
