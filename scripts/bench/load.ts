// Load on the local service: `node .build/local.cjs` on loopback with a fresh data folder and a random port,
// N clients each running a resident → director → mediator cycle for a bounded time. Afterwards the server is
// stopped and its database file read back: every acknowledged write must be there, exactly once.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { installLocalDatabase } from '../../src/local/db';
import { filing, DEMO } from './scenarios';
import { percentile } from './measure';

export interface LoadResult {
  clients: number;
  seconds: number;
  requests: number;
  throughput: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  byAction: Record<string, { n: number; p50Ms: number; p95Ms: number }>;
  /** Failed requests: transport errors, HTTP errors, INTERNAL, or any refusal the cycle did not expect. */
  errors: number;
  errorSamples: string[];
  /** The loser of each deliberate race (two accepts of one case): refused as it should be. */
  expectedRefusals: number;
  acknowledgedWrites: number;
  /** Acknowledged but not stored (or stored fewer times than acknowledged). */
  lostWrites: number;
  /** Stored more often than acknowledged (e.g. a replayed request id that wrote twice). */
  extraWrites: number;
  replays: number;
}

function startServer(dataDir: string, repoRoot: string): Promise<{ proc: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [path.join(repoRoot, '.build/local.cjs'), '--no-timers'], {
      env: { ...process.env, PORT: '0', DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 30_000);
    proc.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /URL:\s+(http:\/\/[\d.]+:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, url: m[1] });
      }
    });
    proc.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    proc.on('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)));
  });
}

function stopServer(proc: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    proc.removeAllListeners('exit');
    proc.on('exit', () => resolve());
    proc.kill('SIGTERM');
  });
}

export async function runLoad(opts: { repoRoot: string; clients: number; seconds: number }): Promise<LoadResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mediation-bench-load-'));
  const { proc, url } = await startServer(dataDir, opts.repoRoot);
  const latencies: number[] = [];
  const byAction = new Map<string, number[]>();
  const errorSamples: string[] = [];
  let errors = 0;
  let expectedRefusals = 0;
  let replays = 0;
  /** caseId → acknowledged writes on it (the filing counts as one). */
  const acked = new Map<string, number>();
  let seq = 0;

  const send = async (fn: string, openid: string, action: string, data?: unknown, requestId?: string): Promise<any> => {
    const body = JSON.stringify({ action, ...(data !== undefined ? { data } : {}), ...(requestId ? { requestId } : {}) });
    const started = performance.now();
    let res: any;
    try {
      const r = await fetch(`${url}/fn/${fn}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-openid': openid }, body });
      res = r.status === 200 ? await r.json() : { ok: false, code: `HTTP_${r.status}`, message: await r.text() };
    } catch (e) {
      res = { ok: false, code: 'TRANSPORT', message: String((e as Error)?.message ?? e) };
    }
    const ms = performance.now() - started;
    latencies.push(ms);
    const key = `${fn}.${action}`;
    if (!byAction.has(key)) byAction.set(key, []);
    byAction.get(key)!.push(ms);
    return res;
  };
  const rid = () => `load-${process.pid}-${++seq}-${Math.random().toString(36).slice(2, 8)}`;
  const fail = (what: string, res: any) => {
    errors += 1;
    if (errorSamples.length < 10) errorSamples.push(`${what}: ${res?.code} ${res?.message ?? ''}`.slice(0, 200));
  };
  const ackWrite = (caseId: string) => acked.set(caseId, (acked.get(caseId) ?? 0) + 1);

  const deadline = performance.now() + opts.seconds * 1000;
  const client = async (c: number) => {
    for (let k = 0; performance.now() < deadline; k++) {
      const resident = `load-resident-${c}-${k % 5}`;
      // Resident: home screen, file a dispute (sometimes a client retry of the same request), list own cases.
      const me = await send('user', resident, 'me', {});
      if (!me.ok) fail('user.me', me);
      const fileId = rid();
      const filed = await send('case', resident, 'file', filing({ summary: `负载测试第${c}-${k}号：邻居借款到期未还，多次催要无果。` }), fileId);
      if (!filed.ok) {
        fail('case.file', filed);
        continue;
      }
      const caseId = filed.data.caseId as string;
      ackWrite(caseId);
      if (k % 5 === 0) {
        replays += 1;
        const again = await send('case', resident, 'file', filing({ summary: `负载测试第${c}-${k}号：邻居借款到期未还，多次催要无果。` }), fileId);
        if (!again.ok || again.data.caseId !== caseId) fail('case.file replay', again);
      }
      const mine = await send('case', resident, 'mine', {});
      if (!mine.ok || !mine.data.items.some((i: any) => i.caseId === caseId)) fail('case.mine (own filing missing)', mine);
      // Director: the queue, then two accepts of the same case at once (one must win), then a mediator.
      const queue = await send('case', DEMO.director, 'queue', {});
      if (!queue.ok) fail('case.queue', queue);
      const [a, b] = await Promise.all([send('case', DEMO.director, 'accept', { caseId }, rid()), send('case', DEMO.director, 'accept', { caseId }, rid())]);
      const wins = [a, b].filter((r) => r.ok).length;
      if (wins !== 1) fail(`case.accept race (${wins} won)`, wins ? a : a.ok ? b : a);
      else {
        ackWrite(caseId);
        const loser = a.ok ? b : a;
        if (loser.code === 'INTERNAL' || String(loser.code).startsWith('HTTP') || loser.code === 'TRANSPORT') fail('case.accept loser', loser);
        else expectedRefusals += 1;
      }
      const assigned = await send('case', DEMO.director, 'assignMediator', { caseId, mediatorId: DEMO.mediator }, rid());
      if (assigned.ok) ackWrite(caseId);
      else fail('case.assignMediator', assigned);
      // Mediator: open the case, invite the respondent.
      const got = await send('case', DEMO.mediator, 'get', { caseId });
      if (!got.ok) fail('case.get (mediator)', got);
      const invited = await send('case', DEMO.mediator, 'invite', { caseId }, rid());
      if (invited.ok) ackWrite(caseId);
      else fail('case.invite', invited);
      // Resident: the case page.
      const view = await send('case', resident, 'get', { caseId });
      if (!view.ok) fail('case.get (resident)', view);
      if (k % 4 === 0) {
        const staff = await send('org', DEMO.director, 'staff', { orgId: 'liuan-committee' });
        if (!staff.ok) fail('org.staff', staff);
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: opts.clients }, (_, c) => client(c)));
  const seconds = (performance.now() - started) / 1000;
  await stopServer(proc);

  // Reconcile what was acknowledged with what the server's database file holds.
  const store = installLocalDatabase({ filename: path.join(dataDir, 'cloudbase.sqlite') });
  const cases = new Map(store.dump('cases').map((d) => [String(d._id), d as { version: number; partyUserIds: string[] }]));
  store.close();
  let lostWrites = 0;
  let extraWrites = 0;
  for (const [caseId, n] of acked) {
    const stored = cases.get(caseId)?.version ?? 0;
    if (stored < n) lostWrites += n - stored;
    if (stored > n) extraWrites += stored - n;
  }
  for (const [id, d] of cases) if (!acked.has(id) && d.partyUserIds?.some((u) => u.startsWith('load-resident-'))) extraWrites += d.version;
  fs.rmSync(dataDir, { recursive: true, force: true });

  const sorted = [...latencies].sort((x, y) => x - y);
  return {
    clients: opts.clients,
    seconds,
    requests: latencies.length,
    throughput: latencies.length / seconds,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    p99Ms: percentile(sorted, 99),
    byAction: Object.fromEntries(
      [...byAction.entries()].map(([k, v]) => {
        const s = [...v].sort((x, y) => x - y);
        return [k, { n: s.length, p50Ms: percentile(s, 50), p95Ms: percentile(s, 95) }];
      }),
    ),
    errors,
    errorSamples,
    expectedRefusals,
    acknowledgedWrites: [...acked.values()].reduce((x, y) => x + y, 0),
    lostWrites,
    extraWrites,
    replays,
  };
}
