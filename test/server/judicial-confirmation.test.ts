// Judicial confirmation (People's Mediation Law Art. 33) through the built functions: the court named in the
// deployment shown with the last date, the reminders the timer sends both parties before it (each once), the
// joint application printed for the parties, and a party saying they applied, which the case shows and which
// stops the reminders.
import JSZip from 'jszip';
import type { LocalRuntime } from '../../src/local/runtime';
import { LocalStorage } from '../../src/local/storage';
import { call, demoRuntime, rid } from '../helpers/runtime';
import { caseInForce, DIRECTOR, MEDIATOR, ok } from '../helpers/case-at';
import * as fs from 'fs';
import * as path from 'path';
import { parseDeploymentFile } from '../../src/server/setup/deployment-file';
import { courtFor, loadDirectory } from '../../src/server/cases/org-cache';
import { getCloud } from '../../src/server/kernel/platform';
import { outboxNotices } from '../helpers/stored';

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await demoRuntime();
});
afterAll(() => rt.close());

const DAY = 86_400_000;
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
/** 09:00 China time `days` before a China date. */
const daysBefore = (date: string, days: number) => Date.parse(`${date}T01:00:00.000Z`) - days * DAY;

let n = 0;
async function inForce() {
  n += 1;
  const at = await caseInForce(rt, `jc-respondent-${n}`);
  return at;
}

async function sweep(at: number) {
  const r = (await rt.fireTimer('timer', 'deadlines', new Date(at))).result as any;
  if (!r.ok) throw new Error(`deadlines: ${r.code} ${r.message}`);
}
const judicialNotices = (caseId: string) =>
  outboxNotices(rt).filter((d) => d.caseId === caseId && d.phrase === '司法确认').map((d) => ({ touser: d.touser, message: d.message }));

async function documentText(fileID: string): Promise<string> {
  const zip = await JSZip.loadAsync(rt.storage.read(LocalStorage.cloudPathOf(fileID))!);
  const xml = await zip.file('word/document.xml')!.async('string');
  return xml.replace(/<w:p[ >][\s\S]*?<\/w:p>/g, (p) => p.replace(/<[^>]+>/g, '') + '\n').replace(/<[^>]+>/g, '');
}

describe('judicial confirmation', () => {
  it('both parties and the staff see the last date and the court where the organisation is (the district court, named above the committee)', async () => {
    const at = await inForce();
    const a = await ok(call(rt, 'agreement', at.respondent, 'get', { caseId: at.caseId }));
    expect(a.judicial).toEqual({
      by: a.judicialConfirmationBy,
      court: { name: '清风区人民法院', address: '清风区法院路 9 号诉讼服务中心', phone: '0571-86100000' },
      mayRecord: true,
    });
    const staff = await ok(call(rt, 'case', MEDIATOR, 'get', { caseId: at.caseId }));
    expect(staff.agreement.judicial).toMatchObject({ by: a.judicialConfirmationBy, court: { name: '清风区人民法院' }, mayRecord: false });
    const party = await ok(call(rt, 'case', at.applicant, 'get', { caseId: at.caseId }));
    expect(party.agreement.judicial.court.name).toBe('清风区人民法院');
  });

  it('the deployment file names a court per organisation, checked with Chinese explanations; a committee takes its own or the nearest above', async () => {
    const demo = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'local', 'demo-deployment.json'), 'utf8'));
    expect(parseDeploymentFile(JSON.stringify(demo)).ok).toBe(true);
    demo.orgs[0].court = { name: '清风区', address: '', phone: '电话' };
    const bad = parseDeploymentFile(JSON.stringify(demo));
    expect(bad.ok).toBe(false);
    const problems = bad.ok ? '' : bad.problems.join('\n');
    expect(problems).toContain('orgs.0.court.name: 法院名称应以“法院”或“法庭”结尾');
    expect(problems).toContain('orgs.0.court.address: 请填写法院（诉讼服务中心）地址');
    expect(problems).toContain('orgs.0.court.phone: 电话只能包含数字和 -');
    const dir = await loadDirectory(getCloud().database() as never);
    expect(courtFor(dir, 'taoyuan-committee')?.name).toBe('清风区人民法院西山人民法庭');
    expect(courtFor(dir, 'liuan-committee')?.name).toBe('清风区人民法院');
  });

  it('the timer reminds both parties 10 and 3 days before the last date, each once however often it runs', async () => {
    const at = await inForce();
    const by = (await ok(call(rt, 'agreement', at.applicant, 'get', { caseId: at.caseId }))).judicialConfirmationBy as string;
    await sweep(daysBefore(by, 11));
    expect(judicialNotices(at.caseId)).toEqual([]);
    await sweep(daysBefore(by, 10));
    await sweep(daysBefore(by, 10) + 3600_000);
    await sweep(daysBefore(by, 6));
    const message = expect.stringContaining(`请于${by}前与对方共同向人民法院提出`);
    expect(judicialNotices(at.caseId)).toEqual([
      { touser: at.applicant, message },
      { touser: at.respondent, message },
    ]);
    await sweep(daysBefore(by, 3));
    await sweep(daysBefore(by, 2));
    expect(judicialNotices(at.caseId)).toHaveLength(4);
    // No names in the messages.
    for (const m of judicialNotices(at.caseId)) expect(m.message).not.toMatch(/张阿姨|李先生/);
  });

  it('a party says the parties applied: once for the case, shown to everyone, and the reminders stop', async () => {
    const at = await inForce();
    const by = (await ok(call(rt, 'agreement', at.applicant, 'get', { caseId: at.caseId }))).judicialConfirmationBy as string;
    expect(await call(rt, 'agreement', MEDIATOR, 'judicialApplied', { caseId: at.caseId, appliedOn: today() }, rid())).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call(rt, 'agreement', at.respondent, 'judicialApplied', { caseId: at.caseId, appliedOn: '2020-01-01' }, rid())).toMatchObject({ ok: false, code: 'JUDICIAL_DATE_INVALID' });
    await ok(call(rt, 'agreement', at.respondent, 'judicialApplied', { caseId: at.caseId, appliedOn: today() }, rid()));
    expect(await call(rt, 'agreement', at.applicant, 'judicialApplied', { caseId: at.caseId, appliedOn: today() }, rid())).toMatchObject({ ok: false, code: 'JUDICIAL_ALREADY_APPLIED' });

    const mine = await ok(call(rt, 'agreement', at.respondent, 'get', { caseId: at.caseId }));
    expect(mine.judicial).toMatchObject({ applied: { appliedOn: today(), by: '李先生', mine: true }, mayRecord: false });
    const other = await ok(call(rt, 'case', at.applicant, 'get', { caseId: at.caseId }));
    expect(other.agreement.judicial.applied).toEqual({ appliedOn: today(), by: '李先生', mine: false });
    expect(other.timeline.map((t: { label: string }) => t.label)).toContain('当事人已申请司法确认');
    const staff = await ok(call(rt, 'case', DIRECTOR, 'get', { caseId: at.caseId }));
    expect(staff.agreement.judicial.applied).toMatchObject({ appliedOn: today() });

    await sweep(daysBefore(by, 10));
    await sweep(daysBefore(by, 3));
    expect(judicialNotices(at.caseId)).toEqual([]);
  });

  it('the parties download the joint application: their masked numbers, the organisation, the agreement, the request, the court and what to bring', async () => {
    const at = await inForce();
    const a = await ok(call(rt, 'agreement', at.applicant, 'get', { caseId: at.caseId }));
    const file = await ok(call(rt, 'report', at.applicant, 'document', { caseId: at.caseId, kind: 'judicial_application' }));
    expect(file.fileName).toMatch(/^司法确认申请书-/);
    const text = await documentText(file.fileID);
    expect(text).toContain('司法确认申请书');
    expect(text).toContain('申请人一：张阿姨（申请人），公民身份号码：110105********002X');
    expect(text).toContain('联系电话：138****5678');
    expect(text).toContain('申请人二：李先生（被申请人）');
    expect(text).not.toContain('11010519491231002X');
    expect(text).not.toContain('13812345678');
    expect(text).toContain('经柳岸社区人民调解委员会主持调解达成的人民调解协议');
    expect(text).toContain('李先生赔偿张阿姨维修费3000元，分两期支付。');
    expect(text).toContain(`（${a.judicialConfirmationBy}前）`);
    expect(text).toContain('受理法院：清风区人民法院，地址：清风区法院路 9 号诉讼服务中心，电话：0571-86100000');
    expect(text).toContain('携带材料');
    expect(text).toContain('人民调解协议书原件');
    expect(text).toContain('申请人（签名或盖章）：张阿姨');
    expect(text).toContain('申请人（签名或盖章）：李先生');
    // The respondent may download it too; the other documents stay the office's.
    await ok(call(rt, 'report', at.respondent, 'document', { caseId: at.caseId, kind: 'judicial_application' }));
    expect(await call(rt, 'report', at.applicant, 'document', { caseId: at.caseId, kind: 'agreement' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call(rt, 'report', 'jc-stranger', 'document', { caseId: at.caseId, kind: 'judicial_application' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });
});
