// One cold start, in a fresh process: load a built function bundle, then answer its first call.
//   node cold-harness.cjs <bundle> <sqlite file> <event JSON>   (caller: WX_OPENID in the environment)
// Prints one JSON line: { loadMs, firstCallMs, ok, code }. The local database is installed between the two
// (its own start-up is the stand-in for CloudBase's network and is not counted), and only after the bundle
// loaded, so nothing the bundle needs is in the module cache before the clock starts.
/* eslint-disable @typescript-eslint/no-require-imports */
import path from 'node:path';

async function main(): Promise<void> {
  const [bundle, dbFile, eventJson] = process.argv.slice(2);
  const t0 = performance.now();
  const mod = require(path.resolve(bundle)) as { main: (event: unknown, context: unknown) => Promise<any> };
  const t1 = performance.now();
  const { installLocalDatabase } = require(path.join(__dirname, 'localdb.cjs')) as typeof import('../../src/local/db');
  installLocalDatabase({ filename: dbFile });
  const t2 = performance.now();
  const result = await mod.main(JSON.parse(eventJson), { function_name: 'bench', request_id: 'bench-cold' });
  const t3 = performance.now();
  process.stdout.write(`${JSON.stringify({ loadMs: t1 - t0, firstCallMs: t3 - t2, ok: result?.ok === true, code: result?.code })}\n`);
}

main().catch((e) => {
  process.stderr.write(String((e as Error)?.stack ?? e));
  process.exit(1);
});
