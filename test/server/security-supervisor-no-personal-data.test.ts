// Issue #19, finding 2: a supervisor (司法所) oversees the area without personal data — no names of parties or
// staff, no phone numbers, no dispute text — in every read and every file, as case.get and report.figures
// already had it. The registers are read back as a person would open them (exceljs); a director's copies of the
// same registers still carry the names, which shows the search below would find them if they were there.
import ExcelJS from 'exceljs';
import type { LocalRuntime } from '../../src/local/runtime';
import { LocalStorage } from '../../src/local/storage';
import { call, demoRuntime, ok, rid, rollUp } from '../helpers/runtime';
import { caseInForce, caseInMediation, DIRECTOR, MEDIATOR } from '../helpers/case-at';

const SUPERVISOR = 'demo-supervisor';
// The month summary holds people only when deadlines slipped: its own test below.
const KINDS = ['visits', 'acceptance', 'mediation', 'files', 'simple'] as const;
const DAY = 86_400_000;
const chinaMonth = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 7);

/** Everything personal the cases below hold, as it could appear in a file (full or masked). */
const PERSONAL: Array<string | RegExp> = [
  '张阿姨', '李先生', '欧阳秀英', '司马建国', // parties
  '李调解员', '王主任', '郑信息员', // staff
  '卫生间漏水', '7栋502', '深夜喧哗', // dispute text, with an address typed into it
  '赔偿张阿姨维修费', '当面道歉', // agreement terms
  /\d{3}\*{4}\d{4}/, // a masked phone number
  /[\u4e00-\u9fa5]\*+/, // a masked name (张**)
];

function personalIn(text: string): string[] {
  return PERSONAL.filter((p) => (typeof p === 'string' ? text.includes(p) : p.test(text))).map(String);
}

let rt: LocalRuntime;

async function fileText(fileID: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(rt.storage.read(LocalStorage.cloudPathOf(fileID))! as never);
  const cells: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => (row.values as unknown[]).forEach((v) => v !== null && v !== undefined && cells.push(String(v)))));
  return cells.join('\n');
}

async function register(who: string, kind: string, month?: string): Promise<string> {
  const reg = await ok(call(rt, 'report', who, 'register', { orgId: 'liuan-committee', kind, ...(month ? { month } : {}) }));
  return fileText(reg.fileID);
}

beforeAll(async () => {
  rt = await demoRuntime();
  // In force and then performed and visited: closed this month (files register).
  const done = await caseInForce(rt, 'sec-sup-resp-1');
  await ok(call(rt, 'agreement', done.applicant, 'markDone', { caseId: done.caseId, itemId: 'i1' }, rid()));
  await ok(call(rt, 'agreement', done.applicant, 'markDone', { caseId: done.caseId, itemId: 'i2' }, rid()));
  await ok(call(rt, 'agreement', MEDIATOR, 'returnVisit', { caseId: done.caseId, result: 'performed', satisfaction: 5, notes: '维修费已付清。' }, rid()));
  // An oral agreement (simple register).
  const oral = await caseInMediation(rt, 'sec-sup-resp-2');
  await ok(call(rt, 'agreement', MEDIATOR, 'oral', { caseId: oral.caseId, content: { terms: ['李先生当面道歉'] }, partiesChoseOral: true, statedByPartyIds: ['p1', 'p2'] }, rid()));
  // A resident typing their address and a phone number into the dispute text.
  await ok(call(rt, 'case', 'sec-sup-applicant', 'file', {
    category: 'neighbourhood',
    summary: '我住柳岸社区7栋502室，楼下司马建国家经常深夜喧哗，电话13912345678。',
    communityId: 'liuan',
    applicant: { name: '欧阳秀英', mobile: '13700001111' },
    respondents: [{ name: '司马建国' }],
    consent: { privacy: true, shareWithOtherOrgs: false },
  }, rid()));
}, 90_000);
afterAll(() => rt.close());

describe('a supervisor', () => {
  it.each(KINDS)('reads the %s register without names of parties or staff, phone numbers or dispute text; a director still gets them', async (kind) => {
    const supervisor = await register(SUPERVISOR, kind);
    expect(personalIn(supervisor)).toEqual([]);
    // The register is still the register: the case numbers, categories and organisations are there.
    expect(supervisor).toMatch(/\d{8}-[A-Z2-9]{5}/);
    const director = await register(DIRECTOR, kind);
    expect(personalIn(director).length).toBeGreaterThan(0);
  });

  it('reads the month summary without the names of staff whose deadlines slipped (a director sees them)', async () => {
    // Six weeks on, the mediation deadlines have passed: the timer records them against the mediator.
    const later = Date.now() + 45 * DAY;
    const swept = (await rt.fireTimer('timer', 'deadlines', new Date(later))).result as { ok: boolean };
    expect(swept.ok).toBe(true);
    await rollUp(rt, new Date(later));
    const month = chinaMonth(later);
    const director = await register(DIRECTOR, 'summary', month);
    expect(director).toContain('超期责任人：李调解员');
    const supervisor = await register(SUPERVISOR, 'summary', month);
    expect(supervisor).toContain('超期单位：柳岸社区人民调解委员会');
    expect(supervisor).not.toContain('超期责任人');
    expect(personalIn(supervisor)).toEqual([]);
  });

  it('reads brewing-dispute reports and the late-report list without what was seen or who reported it', async () => {
    await ok(call(rt, 'report', 'demo-officer', 'reportBrewing', { communityId: 'liuan', category: 'property', risk: 'high', description: '7栋业主欧阳秀英与物业因停车费争执，情绪激动。' }, rid()));
    const sup = await ok(call(rt, 'report', SUPERVISOR, 'brewingReports', { orgId: 'liuan-committee' }));
    expect(sup.items).toEqual([expect.objectContaining({ orgName: '柳岸社区人民调解委员会', communityName: '柳岸社区', riskLabel: '高风险' })]);
    const late = await ok(call(rt, 'report', SUPERVISOR, 'lateReports', { orgId: 'liuan-committee' }));
    expect(late.missing).toEqual([expect.objectContaining({ orgName: '柳岸社区人民调解委员会' })]);
    expect(personalIn(JSON.stringify([sup, late]))).toEqual([]);
    expect(JSON.stringify([sup, late])).not.toContain('demo-officer');
    // The director reads both in full.
    const dir = await ok(call(rt, 'report', DIRECTOR, 'brewingReports', {}));
    expect(dir.items[0]).toMatchObject({ description: expect.stringContaining('欧阳秀英'), officerName: '郑信息员' });
    expect((await ok(call(rt, 'report', DIRECTOR, 'lateReports', {}))).missing).toEqual([expect.objectContaining({ name: '郑信息员' })]);
  });

  it("reads a case's audit trail without reasons or the parties' accounts (staff see both)", async () => {
    const at = await caseInMediation(rt, 'sec-sup-resp-3');
    await ok(call(rt, 'case', at.applicant, 'recuse', { caseId: at.caseId, reason: '调解员李调解员是李先生的表哥' }, rid()));
    const sup = await ok(call(rt, 'case', SUPERVISOR, 'audit', { caseId: at.caseId }));
    expect(sup.entries.map((e: { type: string }) => e.type)).toContain('mediator_recused');
    expect(personalIn(JSON.stringify(sup))).toEqual([]);
    expect(JSON.stringify(sup)).not.toContain(at.applicant);
    expect(JSON.stringify(sup)).not.toContain(at.respondent);
    const staff = await ok(call(rt, 'case', DIRECTOR, 'audit', { caseId: at.caseId }));
    expect(JSON.stringify(staff)).toContain('李先生的表哥');
    expect(staff.entries.map((e: { actor: string }) => e.actor)).toContain(at.applicant);
  });
});
