// The electronic case file (电子卷宗) through the built functions: filed in the step that closes the case, one per
// case, numbered per organisation and year by the timer in closing order (卷宗号编号中 until then); read by the organisation's staff (and the area's supervisors without
// personal data) with its table of contents, the audit chain's proof and the date it is kept until; listed by its
// number in the case file register (卷宗登记册).
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { LocalRuntime } from '../../src/local/runtime';
import { LocalStorage } from '../../src/local/storage';
import { demoDeployment } from '../../src/local/seed';
import { applyDeployment, type Deployment } from '../../src/server/setup/deployment';
import { getCloud } from '../../src/server/kernel/platform';
import { checkRulesOverride } from '../../src/domain/config/schema';
import { DEFAULT_RULES } from '../../src/domain/config/rules';
import { call, demoRuntime, freshRuntime, numberArchives, rid } from '../helpers/runtime';
import { agreementContent, caseInMediation, DIRECTOR, MEDIATOR, ok } from '../helpers/case-at';

const SUPERVISOR = 'demo-supervisor';
const EVIDENCE = ['cloud://local-env.local/evidence/demo-resident/leak-photo.jpg', 'cloud://local-env.local/evidence/demo-resident/repair-quote.jpg'];
/** The evidence photos as the resident uploaded them when filing. */
async function uploadEvidence(rt: LocalRuntime) {
  for (const id of EVIDENCE) await rt.storage.api().uploadFile({ cloudPath: LocalStorage.cloudPathOf(id), fileContent: Buffer.from('photo') });
}
/** Moves only the clock (Date): the deployment's settings are cached for a minute per warm function. */
function clockAt(ms: number) {
  jest.useFakeTimers({
    now: ms,
    doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
  });
}

async function docText(rt: LocalRuntime, fileID: string): Promise<string> {
  const zip = await JSZip.loadAsync(rt.storage.read(LocalStorage.cloudPathOf(fileID))!);
  const xml = await zip.file('word/document.xml')!.async('string');
  return xml.replace(/<w:p[ >][\s\S]*?<\/w:p>/g, (p) => p.replace(/<[^>]+>/g, '') + '\n').replace(/<[^>]+>/g, '');
}

async function closeFailed(rt: LocalRuntime, respondent: string, requestId = rid()) {
  const { caseId } = await caseInMediation(rt, respondent, { evidenceFileIds: EVIDENCE });
  const closed = await call(rt, 'agreement', MEDIATOR, 'close', { caseId, outcome: 'failed', reason: '双方对赔偿数额分歧较大' }, requestId);
  return { caseId, closed };
}

describe('the electronic case file', () => {
  let rt: LocalRuntime;
  beforeAll(async () => {
    rt = await demoRuntime();
    await uploadEvidence(rt);
  }, 60_000);
  afterAll(() => rt.close());

  it('closing a case files it: a number, the agreement and the evidence in its contents, the audit chain verified', async () => {
    const at = await caseInMediation(rt, 'resp-archive-1', { evidenceFileIds: EVIDENCE });
    const drafted = await ok(call(rt, 'agreement', MEDIATOR, 'draft', { caseId: at.caseId, content: agreementContent() }, rid()));
    const hash = drafted.agreement.hash;
    await ok(call(rt, 'agreement', at.applicant, 'confirm', { caseId: at.caseId, hash }, rid()));
    await ok(call(rt, 'agreement', at.respondent, 'confirm', { caseId: at.caseId, hash }, rid()));
    await ok(call(rt, 'agreement', MEDIATOR, 'sign', { caseId: at.caseId, hash }, rid()));
    await ok(call(rt, 'agreement', DIRECTOR, 'seal', { caseId: at.caseId, hash }, rid()));
    // Not closed yet: no file.
    expect(await call(rt, 'report', DIRECTOR, 'archive', { caseId: at.caseId })).toMatchObject({ ok: false, code: 'NOT_ARCHIVED', message: expect.stringContaining('电子卷宗') });
    await ok(call(rt, 'agreement', at.applicant, 'markDone', { caseId: at.caseId, itemId: 'i1' }, rid()));
    await ok(call(rt, 'agreement', at.applicant, 'markDone', { caseId: at.caseId, itemId: 'i2' }, rid()));
    // The return visit finding everything performed closes the case as resolved.
    await ok(call(rt, 'agreement', MEDIATOR, 'returnVisit', { caseId: at.caseId, result: 'performed', satisfaction: 5, notes: '维修费已付清。' }, rid()));

    // Filed at once, numbered by the timer's next tick: until then the number is being assigned.
    const pending = await ok(call(rt, 'report', MEDIATOR, 'archive', { caseId: at.caseId }));
    expect(pending.archiveNo).toBeNull();
    expect(pending.proof.verified).toBe(true);
    expect(pending.contents.map((x: any) => x.title)).toContain('人民调解协议书');
    // A tick within the minute after closing leaves it waiting (a close still committing could come before it).
    expect(await numberArchives(rt, new Date())).toEqual({ numbered: 0, more: false });
    expect((await numberArchives(rt)).numbered).toBe(1);
    const a = await ok(call(rt, 'report', MEDIATOR, 'archive', { caseId: at.caseId }));
    const year = Number(new Date(Date.parse(a.closedAt) + 8 * 3600_000).toISOString().slice(0, 4));
    expect(a.archiveNo).toBe(`LIUAN-COMMITTEE-${year}-0001`);
    expect(a.viewer).toBe('staff');
    expect(a.outcomeLabel).toBe('调解成功并履行完毕');
    const titles = a.contents.map((x: any) => x.title);
    expect(titles).toEqual(['权利义务告知书', '人民调解协议书', '回访记录', '证据材料（1）', '证据材料（2）']);
    expect(a.contents.map((x: any) => x.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(a.contents.find((x: any) => x.title === '人民调解协议书')).toMatchObject({ kind: 'document', document: 'agreement' });
    expect(a.contents.filter((x: any) => x.kind === 'evidence').map((x: any) => x.extent)).toEqual(['电子文件 leak-photo.jpg', '电子文件 repair-quote.jpg']);
    // The proof: the chain as sealed at closing, verified again now.
    expect(a.proof).toMatchObject({ verified: true, headHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(a.proof.entries).toBeGreaterThan(5);
    expect(a.proof.entriesNow).toBe(a.proof.entries);
    // Kept ten years from closing (the shipped rule).
    expect(a.retentionYears).toBe(DEFAULT_RULES.archiveRetentionYears);
    expect(a.keepUntil.slice(0, 4)).toBe(String(year + 10));
    // The 卷内目录 as a Word file: the number, every paper, the proof line.
    const index = await docText(rt, a.index.fileID);
    expect(index).toContain('卷内目录');
    expect(index).toContain(a.archiveNo);
    expect(index).toContain('人民调解协议书');
    expect(index).toContain('电子文件 leak-photo.jpg');
    expect(index).toContain('审计链核验通过');
    // Each document listed opens as the case's document.
    const agreement = await docText(rt, (await ok(call(rt, 'report', MEDIATOR, 'document', { caseId: at.caseId, kind: 'agreement' }))).fileID);
    expect(agreement).toContain('人民调解协议书');
  });

  it('numbers run on per organisation and year, and a repeated close gives no second number', async () => {
    const first = await closeFailed(rt, 'resp-archive-2', 'close-twice-1');
    expect(first.closed).toMatchObject({ ok: true });
    const again = await call(rt, 'agreement', MEDIATOR, 'close', { caseId: first.caseId, outcome: 'failed', reason: '双方对赔偿数额分歧较大' }, 'close-twice-1');
    expect(again).toEqual(first.closed);
    const second = await closeFailed(rt, 'resp-archive-3');
    await numberArchives(rt);
    // Another tick numbers nothing again.
    expect((await numberArchives(rt)).numbered).toBe(0);
    const a1 = await ok(call(rt, 'report', DIRECTOR, 'archive', { caseId: first.caseId }));
    const a2 = await ok(call(rt, 'report', DIRECTOR, 'archive', { caseId: second.caseId }));
    expect(a1.archiveNo).toMatch(/^LIUAN-COMMITTEE-\d{4}-0002$/);
    expect(a2.archiveNo).toMatch(/^LIUAN-COMMITTEE-\d{4}-0003$/);
    // One record per case, one counter for the organisation's year.
    const archives = rt.db.dump('case_archives') as any[];
    expect(archives.filter((x) => x._id === first.caseId)).toHaveLength(1);
    expect(new Set(archives.map((x) => x.archiveNo)).size).toBe(archives.length);
    expect(rt.db.dump('archive_counters')).toEqual([expect.objectContaining({ orgId: 'liuan-committee', last: 3 })]);
  });

  it('cases of one organisation closing at the same moment get distinct numbers, none skipped', async () => {
    const cases = await Promise.all(['resp-archive-c1', 'resp-archive-c2', 'resp-archive-c3'].map((r) => caseInMediation(rt, r)));
    const closes = await Promise.all(cases.map((c) => call(rt, 'agreement', MEDIATOR, 'close', { caseId: c.caseId, outcome: 'failed', reason: '双方对赔偿数额分歧较大' }, rid())));
    expect(closes.every((r) => r.ok)).toBe(true);
    // Two timer runs at once: each number given once, none skipped.
    const runs = await Promise.all([numberArchives(rt), numberArchives(rt)]);
    expect(runs[0].numbered + runs[1].numbered).toBe(3);
    const numbers = await Promise.all(cases.map(async (c) => (await ok(call(rt, 'report', DIRECTOR, 'archive', { caseId: c.caseId }))).archiveNo as string));
    const seqs = numbers.map((n) => Number(n.slice(-4))).sort((a, b) => a - b);
    const last = (rt.db.dump('archive_counters') as any[])[0].last as number;
    expect(seqs).toEqual([last - 2, last - 1, last]);
  });

  it('the timer numbers closed cases in closing order', async () => {
    const first = await closeFailed(rt, 'resp-archive-o1');
    const second = await closeFailed(rt, 'resp-archive-o2');
    await numberArchives(rt);
    const [a1, a2] = await Promise.all([first, second].map(async (c) => (await ok(call(rt, 'report', DIRECTOR, 'archive', { caseId: c.caseId }))) as any));
    expect(a1.closedAt <= a2.closedAt).toBe(true);
    expect(Number(a1.archiveNo.slice(-4)) + 1).toBe(Number(a2.archiveNo.slice(-4)));
  });

  it('a supervisor of the area reads the file without names or links; a party and another organisation cannot', async () => {
    const { caseId } = await closeFailed(rt, 'resp-archive-4');
    await numberArchives(rt);
    const staff = await ok(call(rt, 'report', DIRECTOR, 'archive', { caseId }));
    expect(staff.contents.filter((x: any) => x.kind === 'evidence').every((x: any) => typeof x.url === 'string')).toBe(true);
    const sup = await ok(call(rt, 'report', SUPERVISOR, 'archive', { caseId }));
    expect(sup.viewer).toBe('supervisor');
    expect(sup.archiveNo).toBe(staff.archiveNo);
    expect(sup.proof.verified).toBe(true);
    expect(sup.contents.some((x: any) => x.url)).toBe(false);
    const text = JSON.stringify(sup) + (await docText(rt, sup.index.fileID));
    for (const name of ['张阿姨', '李先生', '李调解员']) expect(text).not.toContain(name);
    expect(await call(rt, 'report', 'demo-resident', 'archive', { caseId })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call(rt, 'report', 'demo-labour-director', 'archive', { caseId })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('the case file register lists each closed case by its archive number', async () => {
    const reg = await ok(call(rt, 'report', DIRECTOR, 'register', { orgId: 'liuan-committee', kind: 'files' }));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(rt.storage.read(LocalStorage.cloudPathOf(reg.fileID))! as never);
    const rows: string[][] = [];
    wb.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
    const header = rows.find((r) => r.includes('卷宗号'))!;
    const numbers = rows.slice(rows.indexOf(header) + 1).map((r) => r[header.indexOf('卷宗号')]);
    expect(numbers.sort()).toEqual((rt.db.dump('case_archives') as any[]).map((x) => x.archiveNo).sort());
    expect(numbers.length).toBeGreaterThanOrEqual(4);
  });

  it('nothing of the file expires: the hourly expiry years later leaves the record and its evidence references', async () => {
    const before = rt.db.dump('case_archives');
    await rt.fireTimer('timer', 'expiry', new Date(Date.now() + 3 * 365 * 86_400_000));
    expect(rt.db.dump('case_archives')).toEqual(before);
    for (const id of EVIDENCE) expect(rt.storage.read(LocalStorage.cloudPathOf(id))).toBeDefined();
  });
});

describe('retention per deployment', () => {
  let rt: LocalRuntime;
  afterAll(() => {
    jest.useRealTimers();
    rt?.close();
  });

  it('the deployment sets the years a file is kept; a wrong value is refused in Chinese', async () => {
    expect(checkRulesOverride({ archiveRetentionYears: 0 }, DEFAULT_RULES)).toEqual({ ok: false, problems: [expect.stringContaining('卷宗保管年限至少 1 年')] });
    expect(checkRulesOverride({ archiveRetentionYears: 2.5 }, DEFAULT_RULES)).toEqual({ ok: false, problems: [expect.stringContaining('整数')] });
    rt = freshRuntime();
    await applyDeployment(getCloud().database() as never, { ...demoDeployment, rules: { archiveRetentionYears: 30 } } as Deployment, new Date());
    clockAt(Date.now() + 61_000);
    const { caseId } = await closeFailed(rt, 'resp-archive-30');
    await numberArchives(rt, new Date(Date.now() + 2 * 60_000));
    const a = await ok(call(rt, 'report', DIRECTOR, 'archive', { caseId }));
    expect(a.retentionYears).toBe(30);
    expect(Number(a.keepUntil.slice(0, 4)) - Number(a.closedAt.slice(0, 4))).toBe(30);
  });
});
