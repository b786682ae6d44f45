// The store in a worker thread (src/local/db/worker.ts, used by the bench so that a store of 100,000 cases is not
// collected in the functions' heap) behaves as the store in-process: the functions' requests, the store's errors as
// wx-server-sdk reports them, conflicting transactions with one winner, and the database's own synchronous
// methods (seed, dump, count) — and the requests' time is measured.
import { buildSync } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { LocalRuntime, REPO_ROOT } from '../../../src/local/runtime';
import { seedDemo } from '../../../src/local/seed';
import { call, mediatingCase as mediating, ok, rid } from '../../helpers/runtime';

// Built inside the repository, so that its packages (better-sqlite3, mingo) resolve from node_modules.
const script = path.join(REPO_ROOT, '.build', `store-worker-test-${process.pid}.cjs`);
let rt: LocalRuntime;

beforeAll(async () => {
  buildSync({ entryPoints: [path.join(__dirname, '../../../src/local/db/worker.ts')], outfile: script, bundle: true, platform: 'node', format: 'cjs', packages: 'external', logLevel: 'warning' });
  rt = new LocalRuntime({ storeWorker: script });
  await seedDemo(rt, new Date('2026-11-20T01:00:00Z'));
}, 30_000);
afterAll(() => {
  rt.close();
  fs.rmSync(script, { force: true });
});

const DIRECTOR = 'demo-director';

const mediatingCase = (i: number) => mediating(rt, i, 'worker-resp');

describe('the store in a worker thread', () => {
  it('serves the functions: a case filed is read back, and each request is counted and timed', async () => {
    const before = rt.db.count('cases');
    const filed = await rt.invoke<any>('case', { action: 'file', requestId: rid(), data: { category: 'neighbourhood', summary: '楼道堆放杂物，邻居之间多次争吵。', communityId: 'liuan', applicant: { name: '钱大爷', mobile: '13912345678' }, respondents: [{ name: '孙女士' }], consent: { privacy: true, shareWithOtherOrgs: false } } }, { openid: 'demo-resident' });
    expect(filed.result.ok).toBe(true);
    expect(filed.dbRequests).toBeGreaterThan(2);
    expect(filed.dbMs).toBeGreaterThan(0);
    expect(filed.dbMs).toBeLessThan(filed.ms);
    const caseId = filed.result.data.caseId;
    const got = await ok(call(rt, 'case', DIRECTOR, 'get', { caseId }));
    expect(got.caseNo).toBe(filed.result.data.caseNo);
    expect(rt.db.count('cases')).toBe(before + 1);
    expect(rt.db.dump('cases').map((d) => d._id)).toContain(caseId);
  });

  it("reports the store's errors as wx-server-sdk does in-process, and refuses a seeded duplicate at once", async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const cloud = require('wx-server-sdk');
    const db = cloud.database();
    const err = await db.collection('orgs').add({ data: { _id: 'liuan-committee', name: '重复' } }).catch((e: any) => e);
    expect(err.errCode).toBe(-502001);
    expect(err.errMsg).toContain('duplicate key');
    const missing = await db.collection('no_such_collection').get().catch((e: any) => e);
    expect(missing.errCode).toBe(-502005);
    expect(() => rt.db.seed('orgs', [{ _id: 'liuan-committee' }])).toThrow('seed: duplicate _id liuan-committee in orgs');
    expect(rt.db.dump('orgs').find((o) => o._id === 'liuan-committee')?.name).not.toBe('重复');
  });

  it('lets one of ten concurrent bookings of a slot win, and writes nothing for the others', async () => {
    const caseIds = await Promise.all(Array.from({ length: 10 }, (_, i) => mediatingCase(i)));
    const { slots } = await ok(call(rt, 'booking', 'demo-resident', 'slots', { caseId: caseIds[0], mode: 'on_site' }));
    const results = await Promise.all(caseIds.map((caseId) => call(rt, 'booking', 'demo-resident', 'book', { caseId, startAt: slots[0].startAt, mode: 'on_site' }, rid())));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((x) => !x.ok)) expect(r).toMatchObject({ code: 'SLOT_TAKEN' });
    const booked = rt.db.dump('cases').filter((d: any) => caseIds.includes(d._id) && (d.bookings ?? []).length);
    expect(booked).toHaveLength(1);
    expect(rt.db.openTransactions).toBe(0);
  }, 60_000);
});
