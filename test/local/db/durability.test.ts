// Acknowledged writes survive SIGKILL: a child process writes and reports each acknowledged write; we kill it
// mid-stream, reopen the file and look for every one of them.
import { spawn } from 'child_process';
import { buildSync } from 'esbuild';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { installLocalDatabase } from '../../../src/local/db';

const repoRoot = path.resolve(__dirname, '../../..');
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'localdb-durability-'));
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs the child until it has acknowledged `acks` writes, then SIGKILLs it; returns the acknowledged lines. */
function runAndKill(file: string, acks: number): Promise<string[]> {
  const bundle = path.join(dir, 'child.js');
  buildSync({
    entryPoints: [path.join(__dirname, 'fixtures/durability-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    packages: 'external',
    outfile: bundle,
    logLevel: 'silent',
  });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, file], {
      cwd: repoRoot,
      env: { ...process.env, NODE_PATH: path.join(repoRoot, 'node_modules') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let killed = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`child too slow; stdout: ${out.slice(-500)} stderr: ${err}`));
    }, 20_000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (!killed && out.split('\n').filter((l) => l.startsWith('tx ')).length >= acks) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') return reject(new Error(`child exited early: ${err}`));
      // Only complete lines were acknowledged.
      resolve(out.split('\n').slice(0, -1));
    });
  });
}

test('every write acknowledged before SIGKILL is there after reopening', async () => {
  const file = path.join(dir, 'db.sqlite');
  const lines = await runAndKill(file, 150);
  const ackedIds = lines.filter((l) => l.startsWith('add ')).map((l) => l.slice(4));
  const ackedTx = lines.filter((l) => l.startsWith('tx ')).length;
  expect(ackedIds.length).toBeGreaterThanOrEqual(150);

  const local = installLocalDatabase({ filename: file });
  try {
    const acks = local.dump('acks');
    const stored = new Set(acks.map((d) => d._id));
    for (const id of ackedIds) expect(stored.has(id)).toBe(true);
    // Dates survive the file round trip as Dates.
    expect(acks[0].at).toBeInstanceOf(Date);
    // Transactions are all-or-nothing: the counter equals the log entries, whatever was cut off.
    const logs = local.dump('logs');
    const counter = local.dump('counters')[0].n;
    expect(logs.length).toBeGreaterThanOrEqual(ackedTx);
    expect(counter).toBe(logs.length);
  } finally {
    local.close();
  }
});
