// Issue #19, finding 3: a register or document made for one viewer never reaches another. Each file has a
// random path of its own (not derivable from organisation, kind or month, never shared between two viewers even
// in the same second), its download link lasts minutes, the expiry timer deletes it, and `db:apply` sets cloud
// storage's rule so a client reads only files it uploaded.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { LocalRuntime } from '../../src/local/runtime';
import { LocalStorage } from '../../src/local/storage';
import { describeStep, planDatabase } from '../../src/server/database/plan';
import { STORAGE_RULE } from '../../src/server/database/schema';
import { call, demoRuntime, ok } from '../helpers/runtime';
import { caseInForce, DIRECTOR } from '../helpers/case-at';

const SUPERVISOR = 'demo-supervisor';
const ROOT = path.join(__dirname, '..', '..');
const HOUR = 3600_000;
const month = () => new Date(Date.now() + 8 * HOUR).toISOString().slice(0, 7);

let rt: LocalRuntime;
let caseId: string;

beforeAll(async () => {
  rt = await demoRuntime();
  caseId = (await caseInForce(rt, 'sec-files-resp')).caseId;
}, 60_000);
afterAll(() => rt.close());

async function cellsOf(fileID: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(rt.storage.read(LocalStorage.cloudPathOf(fileID))! as never);
  const cells: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => (row.values as unknown[]).forEach((v) => v !== null && v !== undefined && cells.push(String(v)))));
  return cells.join('\n');
}

describe('generated files', () => {
  it('two viewers asking for the same register in the same second get different files, each holding what its viewer may see', async () => {
    // The clock stands still: both requests are made at the very same instant.
    jest.useFakeTimers({ now: Date.now(), doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'hrtime', 'performance'] });
    try {
      const input = { orgId: 'liuan-committee', kind: 'visits' };
      const director = await ok(call(rt, 'report', DIRECTOR, 'register', input));
      const supervisor = await ok(call(rt, 'report', SUPERVISOR, 'register', input));
      expect(supervisor.fileID).not.toBe(director.fileID);
      expect(await cellsOf(director.fileID)).toContain('张阿姨');
      expect(await cellsOf(supervisor.fileID)).not.toMatch(/张阿姨|张\*/);
    } finally {
      jest.useRealTimers();
    }
  });

  it('a file\'s path cannot be derived from organisation, kind, month or case, and is new on every request', async () => {
    const a = await ok(call(rt, 'report', DIRECTOR, 'register', { orgId: 'liuan-committee', kind: 'acceptance' }));
    const b = await ok(call(rt, 'report', DIRECTOR, 'register', { orgId: 'liuan-committee', kind: 'acceptance' }));
    const doc = await ok(call(rt, 'report', DIRECTOR, 'document', { caseId, kind: 'agreement' }));
    for (const fileID of [a.fileID, b.fileID, doc.fileID]) {
      for (const known of ['liuan-committee', 'acceptance', 'agreement', month(), month().replace('-', ''), caseId, DIRECTOR]) expect(fileID).not.toContain(known);
      // 128 random bits in the name.
      expect(LocalStorage.cloudPathOf(fileID)).toMatch(/\/[0-9a-f]{32}\.(xlsx|docx)$/);
    }
    expect(a.fileID).not.toBe(b.fileID);
    // What a person sees is unchanged: the file's name in the answer.
    expect(a.fileName).toBe(`案件受理登记册-柳岸社区人民调解委员会-${month()}.xlsx`);
  });

  it('the download link lasts minutes, not a day', async () => {
    const reg = await ok(call(rt, 'report', DIRECTOR, 'register', { orgId: 'liuan-committee', kind: 'mediation' }));
    const expires = Number(new URL(reg.url).searchParams.get('expires')) * 1000;
    expect(expires).toBeGreaterThan(Date.now());
    expect(expires - Date.now()).toBeLessThanOrEqual(15 * 60_000);
  });

  it('the expiry timer deletes generated files an hour after they were made and keeps the record of who made them', async () => {
    const reg = await ok(call(rt, 'report', DIRECTOR, 'register', { orgId: 'liuan-committee', kind: 'files' }));
    const doc = await ok(call(rt, 'report', DIRECTOR, 'document', { caseId, kind: 'rights_notice' }));
    const stored = (fileID: string) => rt.storage.read(LocalStorage.cloudPathOf(fileID)) !== undefined;
    const expiry = async (at: number) => ((await rt.fireTimer('timer', 'expiry', new Date(at))).result as { data: { files: number } }).data;

    await expiry(Date.now() + 30 * 60_000);
    expect([stored(reg.fileID), stored(doc.fileID)]).toEqual([true, true]);

    const later = await expiry(Date.now() + 2 * HOUR);
    expect(later.files).toBeGreaterThanOrEqual(2);
    expect([stored(reg.fileID), stored(doc.fileID)]).toEqual([false, false]);
    const log = rt.db.dump('report_files').filter((r: any) => r.fileID === reg.fileID || r.fileID === doc.fileID);
    expect(log).toEqual([
      expect.objectContaining({ by: DIRECTOR, kind: 'files', fileState: 'removed' }),
      expect.objectContaining({ by: DIRECTOR, kind: 'rights_notice', caseId, fileState: 'removed' }),
    ]);
    // A second run finds nothing more to do.
    expect((await expiry(Date.now() + 3 * HOUR)).files).toBe(0);
  });

  it('db:apply sets the cloud storage rule so a client reads and writes only the files it uploaded', () => {
    expect(STORAGE_RULE).toEqual({ read: 'resource.openid == auth.openid', write: 'resource.openid == auth.openid' });
    const out = execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'apply-database.cjs'), '--dry-run'], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    expect(out).toContain('set cloud storage security rule to {"read":"resource.openid == auth.openid","write":"resource.openid == auth.openid"}');

    // Against an environment: CloudBase's default (all users read) is replaced, saying what it was; the rule in
    // place (or PRIVATE, the same rule as a basic permission) plans nothing.
    const collections = {};
    const plan = (storage?: { acl?: string; rule?: { read: unknown; write: unknown } }) =>
      planDatabase([], { collections, ...(storage ? { storage } : {}) }, { storageRule: STORAGE_RULE }).steps.map(describeStep);
    expect(plan({ acl: 'READONLY' })).toEqual(['set cloud storage security rule to {"read":"resource.openid == auth.openid","write":"resource.openid == auth.openid"} (was READONLY)']);
    expect(plan(undefined)).toHaveLength(1);
    expect(plan({ acl: 'CUSTOM', rule: { read: true, write: 'resource.openid == auth.openid' } })[0]).toContain('(was CUSTOM {"read":true,"write":"resource.openid == auth.openid"})');
    expect(plan({ acl: 'CUSTOM', rule: { ...STORAGE_RULE } })).toEqual([]);
    expect(plan({ acl: 'PRIVATE' })).toEqual([]);
  });
});
