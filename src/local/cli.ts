// `npm start`: the whole service on one machine.
//   PORT      (default 3000)   the gateway port on 127.0.0.1
//   DATA_DIR  (default .data)  the database file and stored files
//   --reset                    wipe DATA_DIR first (demo data is seeded again)
//   --no-timers                do not fire timer triggers on their schedule
import fs from 'node:fs';
import path from 'node:path';
import { startGateway } from './gateway';
import { LocalRuntime, REPO_ROOT } from './runtime';
import { seedDemo, DEMO_OPENIDS } from './seed';
import { scheduleTriggers } from './timers';
import { newPiiKey } from '../server/kernel/pii';
import { newAuditKey } from '../server/kernel/audit-chain';

async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  const port = Number(process.env.PORT ?? 3000);
  const dataDir = path.resolve(REPO_ROOT, process.env.DATA_DIR ?? '.data');

  if (args.has('--reset') && fs.existsSync(dataDir)) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    console.log(`数据已清空 / data reset: ${dataDir}`);
  }

  fs.mkdirSync(dataDir, { recursive: true });
  process.env.PII_KEY ??= localKey(dataDir, 'pii.key', newPiiKey);
  process.env.AUDIT_KEY ??= localKey(dataDir, 'audit.key', newAuditKey);
  const runtime = new LocalRuntime({ dataDir });
  const seeded = await seedDemo(runtime);
  const gateway = await startGateway(runtime, port);
  const stopTimers = args.has('--no-timers')
    ? () => undefined
    : scheduleTriggers(runtime.triggers(), async (t) => {
        const inv = await runtime.fireTimer(t.fn, t.name);
        const r = inv.result as { ok?: boolean; code?: string };
        if (r && r.ok === false) console.error(`timer ${t.fn}/${t.name} failed: ${r.code}`);
      });

  console.log(
    [
      '',
      '人民调解 · local CloudBase runtime',
      `  URL:        ${gateway.url}   (POST /fn/<name>, header X-Openid; GET /health)`,
      `  data:       ${dataDir}${seeded ? '   (demo data seeded)' : ''}`,
      `  functions:  ${runtime.functionNames().join(', ')}`,
      `  timers:     ${runtime.triggers().map((t) => `${t.fn}/${t.name} "${t.config}"`).join(', ') || 'none'}`,
      '  demo OPENIDs (send as X-Openid):',
      ...Object.entries(DEMO_OPENIDS).map(([role, id]) => `    ${role.padEnd(15)} ${id}`),
      `  try: curl -s -X POST ${gateway.url}/fn/user -H 'X-Openid: ${DEMO_OPENIDS.resident}' -H 'content-type: application/json' -d '{"action":"me"}'`,
      '  Ctrl-C to stop.',
      '',
    ].join('\n'),
  );

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`\n${signal}: shutting down…`);
    stopTimers();
    await gateway.close();
    runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

/**
 * A key for local use (personal data, audit chains): kept in the data folder, never in the repository; a
 * deployment sets PII_KEY and AUDIT_KEY in each function's environment instead.
 */
function localKey(dataDir: string, name: string, make: () => string): string {
  const file = path.join(dataDir, name);
  if (!fs.existsSync(file)) fs.writeFileSync(file, make(), { mode: 0o600 });
  return fs.readFileSync(file, 'utf8').trim();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
