// `npm start` end to end: the built local runtime serves functions over HTTP, seeds demo data once,
// keeps data across restarts, shuts down cleanly on Ctrl-C, and --reset starts over.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const cli = path.join(root, '.build/local.cjs');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mediation-start-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
/** Every service started here: stopped after the tests even when one fails half-way (else jest cannot exit). */
const started: ChildProcess[] = [];
afterAll(() => {
  for (const c of started) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

function start(args: string[] = []): Promise<{ child: ChildProcess; url: string; banner: string }> {
  const child = spawn(process.execPath, [cli, '--no-timers', ...args], {
    cwd: root,
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no banner:\n${out}`)), 20_000);
    child.stdout!.on('data', (c) => {
      out += c;
      const m = out.match(/URL:\s+(http:\/\/127\.0\.0\.1:\d+)/);
      if (m && out.includes('Ctrl-C')) {
        clearTimeout(timer);
        resolve({ child, url: m[1], banner: out });
      }
    });
    child.stderr!.on('data', (c) => (out += c));
    child.on('exit', (code) => reject(new Error(`exited ${code}:\n${out}`)));
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', (code) => resolve(code));
    child.kill('SIGINT');
  });
}

async function fn(url: string, name: string, openid: string, event: unknown) {
  const res = await fetch(`${url}/fn/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-openid': openid }, body: JSON.stringify(event) });
  return (await res.json()) as any;
}

describe('npm start', () => {
  it('seeds demo data once, keeps writes across a restart, and resets on request', async () => {
    const first = await start();
    expect(first.banner).toContain('demo data seeded');
    expect(first.banner).toMatch(/resident\s+demo-resident/);
    expect(first.banner).toMatch(/director\s+demo-director/);
    const me = await fn(first.url, 'user', 'demo-director', { action: 'me' });
    expect(me.data.roles).toEqual([{ role: 'director', orgId: 'liuan-committee' }]);
    const set = await fn(first.url, 'user', 'demo-resident', { action: 'setPreferences', data: { largeText: true }, requestId: 'start-test-1' });
    expect(set.ok).toBe(true);
    // The scripted first-inquiry walk over HTTP passes against the running service.
    const walk = spawnSync(process.execPath, [path.join(root, 'scripts/walk-first-inquiry.cjs'), first.url], { encoding: 'utf8' });
    expect(walk.stdout).toContain('walk complete');
    expect(walk.status).toBe(0);
    // One dispute from filing to closed over HTTP, the timer fired where time matters, the audit chain verified.
    const full = spawnSync(process.execPath, [path.join(root, 'scripts/walk-full.cjs'), first.url], { encoding: 'utf8' });
    expect(`${full.stdout}${full.stderr}`).toContain('walk complete: filed to closed, the audit chain verifies');
    expect(full.status).toBe(0);
    expect(await stop(first.child)).toBe(0);

    const second = await start();
    expect(second.banner).not.toContain('demo data seeded');
    const again = await fn(second.url, 'user', 'demo-resident', { action: 'me' });
    expect(again.data.prefs.largeText).toBe(true);
    expect(await stop(second.child)).toBe(0);

    const reset = await start(['--reset']);
    expect(reset.banner).toContain('demo data seeded');
    const fresh = await fn(reset.url, 'user', 'demo-resident', { action: 'me' });
    expect(fresh.data).toEqual({ prefs: { largeText: false }, roles: [], registered: false });
    expect(await stop(reset.child)).toBe(0);
  }, 60_000);
});
