// The report function through the built bundle: registers read back with exceljs, documents with jszip,
// checked against the case records; who may see which organisation's figures; information officers' reports.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { LocalRuntime } from '../../src/local/runtime';
import { LocalStorage } from '../../src/local/storage';
import { call, demoRuntime, numberArchives, rid, rollUp } from '../helpers/runtime';
import { agreementContent, caseInForce, caseInMediation, DIRECTOR, MEDIATOR, ok, RESIDENT, filingInput } from '../helpers/case-at';

const month = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

async function workbook(rt: LocalRuntime, fileID: string): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(rt.storage.read(LocalStorage.cloudPathOf(fileID))! as never);
  return wb.worksheets[0];
}

function rowsOf(ws: ExcelJS.Worksheet): string[][] {
  const out: string[][] = [];
  ws.eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return out;
}

async function documentText(rt: LocalRuntime, fileID: string): Promise<string> {
  const zip = await JSZip.loadAsync(rt.storage.read(LocalStorage.cloudPathOf(fileID))!);
  const xml = await zip.file('word/document.xml')!.async('string');
  return xml.replace(/<w:p[ >][\s\S]*?<\/w:p>/g, (p) => p.replace(/<[^>]+>/g, '') + '\n').replace(/<[^>]+>/g, '');
}

const file = filingInput;

describe('report function', () => {
  let rt: LocalRuntime;
  let inForce: { caseId: string };
  let transferred: string;
  let waiting: string;

  beforeAll(async () => {
    rt = await demoRuntime();
    inForce = await caseInForce(rt, 'resp-report-1');
    // Filed at 柳岸, transferred to the street centre, which accepts it.
    transferred = (await ok(call(rt, 'case', RESIDENT, 'file', file(), rid()))).caseId;
    await ok(call(rt, 'case', DIRECTOR, 'transfer', { caseId: transferred, toOrgId: 'donghu-centre', reason: '双方分属不同小区，由街道调处', overrideReason: '街道统一协调' }, rid()));
    await ok(call(rt, 'case', 'demo-street-director', 'acceptTransfer', { caseId: transferred }, rid()));
    // Filed and still waiting for triage at 柳岸.
    waiting = (await ok(call(rt, 'case', RESIDENT, 'file', file({ summary: '小区停车位被长期占用，协商未果。', applicant: { name: '周先生', mobile: '13700001111' } }), rid()))).caseId;
    // The figures answer from counters the timer keeps: bring them up to date.
    await rollUp(rt);
  }, 60_000);

  afterAll(() => rt.close());

  it('figures: the committee, its street and the district see their own subtree', async () => {
    const committee = await ok(call(rt, 'report', DIRECTOR, 'figures', { orgId: 'liuan-committee', period: month() }));
    // received at 柳岸 this month: the case in force, the transferred one, the waiting one = 3
    expect(committee.received).toBe(3);
    // accepted by 柳岸: the case in force only (the street centre accepted the transferred one) = 1
    expect(committee.accepted).toBe(1);
    expect(committee.transferred).toBe(1);
    // agreement in force this month: 1 of 1 mediated
    expect([committee.mediated, committee.successful]).toEqual([1, 1]);
    expect(committee.successRate).toEqual({ num: 1, den: 1, percent: 100 });
    expect(committee.resolvedAtFirstLevel).toEqual({ num: 1, den: 1, percent: 100 });
    expect(committee.byCategory[0]).toMatchObject({ category: 'neighbourhood', label: '邻里纠纷', received: 3 });
    expect(committee.orgName).toBe('柳岸社区人民调解委员会');

    const street = await ok(call(rt, 'report', 'demo-street-director', 'figures', { orgId: 'donghu-centre' }));
    expect(street.received).toBe(3);
    expect(street.accepted).toBe(2);
    const district = await ok(call(rt, 'report', 'demo-district-director', 'figures', { orgId: 'donghu-centre' }));
    expect(district.accepted).toBe(2);
  });

  it('figures: a supervisor sees their area only, a committee director not the street above, a resident nothing', async () => {
    const sup = await ok(call(rt, 'report', 'demo-supervisor', 'figures', {}));
    expect(sup.orgId).toBe('donghu-centre');
    expect(sup.viewer).toBe('supervisor');
    expect((await call(rt, 'report', 'demo-supervisor', 'figures', { orgId: 'xishan-centre' })).ok).toBe(false);
    expect(await call(rt, 'report', 'demo-supervisor', 'figures', { orgId: 'district-centre' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call(rt, 'report', DIRECTOR, 'figures', { orgId: 'donghu-centre' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call(rt, 'report', RESIDENT, 'figures', { orgId: 'liuan-committee' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call(rt, 'report', MEDIATOR, 'register', { orgId: 'liuan-committee', kind: 'visits' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call(rt, 'report', DIRECTOR, 'figures', { orgId: 'liuan-committee', period: '2026-13' })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
  });

  it('the visit register lists every registration with masked numbers; a supervisor gets no names, numbers or dispute text', async () => {
    const reg = await ok(call(rt, 'report', DIRECTOR, 'register', { orgId: 'liuan-committee', kind: 'visits' }));
    expect(reg.fileName).toBe(`来访登记表-柳岸社区人民调解委员会-${month()}.xlsx`);
    expect(reg.size).toBe(3);
    const ws = await workbook(rt, reg.fileID);
    const rows = rowsOf(ws);
    expect(rows[0][0]).toBe('来访登记表');
    expect(rows[1][0]).toContain('柳岸社区人民调解委员会');
    expect(rows[2]).toEqual(['序号', '登记日期', '案件编号', '来访方式', '来访人（申请人）', '联系电话', '对方当事人', '纠纷类型', '纠纷简要情况', '首问责任单位', '首问责任人', '处理方式', '现承办单位']);
    const body = rows.slice(3);
    const byName = (n: string) => body.find((r) => r[4] === n)!;
    const caseNo = async (id: string) => (await ok(call(rt, 'case', DIRECTOR, 'get', { caseId: id }))).caseNo;
    expect(byName('钱大爷')).toEqual(['2', today(), await caseNo(transferred), '群众自行申请', '钱大爷', '139****5678', '孙女士', '邻里纠纷', '楼道堆放杂物，邻居之间多次争吵。', '柳岸社区人民调解委员会', '', '转办', '东湖街道矛盾纠纷调处化解中心']);
    expect(byName('周先生').slice(2, 6)).toEqual([await caseNo(waiting), '群众自行申请', '周先生', '137****1111']);
    expect(byName('周先生')[11]).toBe('待分流');
    expect(byName('张阿姨')[11]).toBe('受理');
    // No full phone number anywhere.
    expect(JSON.stringify(rows)).not.toMatch(/1[3-9]\d{9}/);
    // Printed as a ruled table: bold headings, every cell of the table boxed, long text wrapped.
    expect(ws.getCell(3, 1).font?.bold).toBe(true);
    for (const [r, c] of [[3, 1], [4, 9], [6, 13]]) expect(ws.getCell(r, c).border).toMatchObject({ top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } });
    expect(ws.getCell(4, 9).alignment).toMatchObject({ wrapText: true, vertical: 'top' });
    expect(ws.getCell(2, 1).border?.top).toBeUndefined();
    // The title and the line under it span the table; printed landscape on A4, one page wide, headings on every page.
    expect(ws.getCell(1, 1).font).toMatchObject({ bold: true, size: 16 });
    expect(ws.getCell(1, 13).master.address).toBe('A1');
    expect(ws.getCell(2, 13).master.address).toBe('A2');
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' });
    expect(ws.getColumn(9).width).toBeGreaterThan(ws.getColumn(1).width!);

    const sup = await ok(call(rt, 'report', 'demo-supervisor', 'register', { orgId: 'liuan-committee', kind: 'visits' }));
    const supRows = rowsOf(await workbook(rt, sup.fileID));
    expect(supRows[2]).toEqual(['序号', '登记日期', '案件编号', '来访方式', '纠纷类型', '首问责任单位', '处理方式', '现承办单位']);
    expect(supRows.slice(3).find((r) => r[2] === (byName('钱大爷')[2]))).toEqual(['2', today(), byName('钱大爷')[2], '群众自行申请', '邻里纠纷', '柳岸社区人民调解委员会', '转办', '东湖街道矛盾纠纷调处化解中心']);
  });

  it('the acceptance and mediation registers and the month summary follow the case records', async () => {
    const acc = rowsOf(await workbook(rt, (await ok(call(rt, 'report', 'demo-street-director', 'register', { orgId: 'donghu-centre', kind: 'acceptance' }))).fileID)).slice(3);
    expect(acc.map((r) => [r[3], r[8], r[9]]).sort()).toEqual([
      ['张阿姨', '柳岸社区人民调解委员会', '李调解员'],
      ['钱大爷', '东湖街道矛盾纠纷调处化解中心', ''],
    ]);
    const med = rowsOf(await workbook(rt, (await ok(call(rt, 'report', DIRECTOR, 'register', { orgId: 'liuan-committee', kind: 'mediation' }))).fileID));
    const row = med[3];
    expect(med.length).toBe(4);
    expect([row[3], row[4], row[6], row[8], row[9], row[10]]).toEqual(['张阿姨', '李先生', '李调解员', '达成书面协议', today(), '未履行']);
    const summary = rowsOf(await workbook(rt, (await ok(call(rt, 'report', DIRECTOR, 'register', { orgId: 'liuan-committee', kind: 'summary' }))).fileID));
    const figure = (name: string) => summary.find((r) => r[0] === name)?.[1];
    expect(figure('收案数')).toBe('3');
    expect(figure('转办数')).toBe('1');
    expect(figure('调解成功率')).toBe('100%（1/1）');
    const files = await ok(call(rt, 'report', DIRECTOR, 'register', { orgId: 'liuan-committee', kind: 'files' }));
    expect(files.size).toBe(0);
    expect(rowsOf(await workbook(rt, files.fileID))[3][0]).toBe('本期无记录');
  });

  it('the agreement as a Word file carries Art. 29 content, signature and seal blocks', async () => {
    const doc = await ok(call(rt, 'report', DIRECTOR, 'document', { caseId: inForce.caseId, kind: 'agreement' }));
    expect(doc.fileName).toMatch(/^人民调解协议书-/);
    const text = await documentText(rt, doc.fileID);
    const content = agreementContent();
    expect(text).toContain('人民调解协议书');
    expect(text).toContain('柳岸社区人民调解委员会');
    for (const part of [content.facts, content.disputedMatters, content.responsibilities, ...content.terms]) expect(text).toContain(part);
    expect(text).toContain('申请人：张阿姨');
    expect(text).toContain('住所：柳岸社区3栋201');
    expect(text).toContain(`履行方式：微信转账，履行地点：柳岸社区人民调解委员会，履行期限：${content.performance[0].dueDate}前`);
    expect(text).toContain('人民调解员（签名）：李调解员');
    expect(text).toContain('柳岸社区人民调解委员会（印章）');
    expect(text).toContain('三十日内共同向人民法院申请司法确认');
    // The identity number is printed as kept: masked, never in full.
    expect(text).not.toContain('11010519491231002X');
    expect(text).toContain('110105********002X');
  });

  it('the transfer notice, rights notice, session record and return-visit record', async () => {
    const notice = await documentText(rt, (await ok(call(rt, 'report', DIRECTOR, 'document', { caseId: transferred, kind: 'transfer_notice' }))).fileID);
    expect(notice).toContain('调解案件转办通知书');
    expect(notice).toContain('东湖街道矛盾纠纷调处化解中心：');
    expect(notice).toContain('转办理由：双方分属不同小区，由街道调处');
    expect(notice).toContain('钱大爷');

    const rights = await documentText(rt, (await ok(call(rt, 'report', MEDIATOR, 'document', { caseId: inForce.caseId, kind: 'rights_notice' }))).fileID);
    expect(rights).toContain('接受调解、拒绝调解或者要求终止调解');
    expect(rights).toContain('张阿姨、李先生');

    expect(await call(rt, 'report', MEDIATOR, 'document', { caseId: inForce.caseId, kind: 'return_visit' })).toMatchObject({ ok: false, code: 'DOCUMENT_NOT_AVAILABLE' });
    expect(await call(rt, 'report', DIRECTOR, 'document', { caseId: waiting, kind: 'rights_notice' })).toMatchObject({ ok: false, code: 'DOCUMENT_NOT_AVAILABLE' });

    // A session and a return visit recorded through the booking and agreement functions appear in their documents.
    const med = await caseInMediation(rt, 'resp-report-2');
    const rec = await call(rt, 'booking', MEDIATOR, 'record', { caseId: med.caseId, kind: 'session', heldAt: new Date(Date.now() - 3600_000).toISOString(), mode: 'on_site', attendeePartyIds: ['p1', 'p2'], summary: '双方陈述了漏水经过，同意先行维修。' }, rid());
    expect(rec.ok).toBe(true);
    const sessionText = await documentText(rt, (await ok(call(rt, 'report', MEDIATOR, 'document', { caseId: med.caseId, kind: 'session_record' }))).fileID);
    expect(sessionText).toContain('双方陈述了漏水经过，同意先行维修。');
    expect(sessionText).toContain('张阿姨、李先生');
    expect(sessionText).toContain('现场调解');
    expect(sessionText).toContain('李调解员');

    const done = await caseInForce(rt, 'resp-report-3');
    await ok(call(rt, 'agreement', done.applicant, 'markDone', { caseId: done.caseId, itemId: 'i1' }, rid()));
    await ok(call(rt, 'agreement', done.applicant, 'markDone', { caseId: done.caseId, itemId: 'i2' }, rid()));
    await ok(call(rt, 'agreement', MEDIATOR, 'returnVisit', { caseId: done.caseId, result: 'performed', satisfaction: 5, notes: '维修费已付清，双方关系缓和。' }, rid()));
    const visit = await documentText(rt, (await ok(call(rt, 'report', DIRECTOR, 'document', { caseId: done.caseId, kind: 'return_visit' }))).fileID);
    expect(visit).toContain('人民调解回访记录');
    expect(visit).toContain('维修费已付清，双方关系缓和。');
    expect(visit).toContain('已全部履行');
    expect(visit).toContain('5分（满分5分）');
    expect(visit).toContain('李调解员');
    // Closed this month: the case file register lists it by its archive number (given by the timer after the
    // close), with the papers of its file.
    await numberArchives(rt);
    const files = rowsOf(await workbook(rt, (await ok(call(rt, 'report', DIRECTOR, 'register', { orgId: 'liuan-committee', kind: 'files' }))).fileID)).slice(3);
    expect(files).toHaveLength(1);
    expect(files[0][1]).toMatch(/^LIUAN-COMMITTEE-\d{4}-0001$/);
    expect(files[0][8]).toBe('调解成功并履行完毕');
    expect(files[0][9]).toBe('权利义务告知书、人民调解协议书、回访记录');
  });

  it('documents are for the staff handling the case', async () => {
    expect(await call(rt, 'report', RESIDENT, 'document', { caseId: inForce.caseId, kind: 'agreement' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call(rt, 'report', 'demo-supervisor', 'document', { caseId: inForce.caseId, kind: 'agreement' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call(rt, 'report', 'demo-labour-director', 'document', { caseId: inForce.caseId, kind: 'agreement' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });
});

describe('information officers', () => {
  let rt: LocalRuntime;
  beforeAll(async () => {
    rt = await demoRuntime();
  }, 60_000);
  afterAll(() => rt.close());

  it('the late list shows who has not filed, a zero report counts, and a second report of the month is refused', async () => {
    const before = await ok(call(rt, 'report', DIRECTOR, 'lateReports', { orgId: 'liuan-committee' }));
    expect(before.missing).toEqual([expect.objectContaining({ userId: 'demo-officer', name: '郑信息员', state: 'pending' })]);
    expect(before.filed).toEqual([]);
    // The officer sees their own month: not filed yet, due at the month's end.
    const mine = await ok(call(rt, 'report', 'demo-officer', 'myScreening', {}));
    expect(mine).toEqual({ orgId: 'liuan-committee', orgName: '柳岸社区人民调解委员会', month: month(), dueAt: before.dueAt, state: 'pending' });

    const id = rid();
    const filed = await ok(call(rt, 'report', 'demo-officer', 'submitScreening', { month: month() }, id));
    expect(filed).toMatchObject({ month: month(), zero: true, total: 0, late: false });
    expect(await ok(call(rt, 'report', 'demo-officer', 'myScreening', { month: month() }))).toMatchObject({ state: 'filed', filed: { ...filed, findings: [], notes: '' } });
    // The same request again answers the same; a new one for the month is refused.
    expect(await ok(call(rt, 'report', 'demo-officer', 'submitScreening', { month: month() }, id))).toEqual(filed);
    const [fy, fm] = month().split('-').map(Number);
    expect(await call(rt, 'report', 'demo-officer', 'submitScreening', { month: month(), findings: [{ category: 'neighbourhood', count: 2 }] }, rid())).toMatchObject({ ok: false, code: 'ALREADY_FILED', message: `${fy}年${fm}月的排查情况已经报送` });

    const after = await ok(call(rt, 'report', 'demo-street-director', 'lateReports', {}));
    expect(after.missing).toEqual([]);
    expect(after.filed).toEqual([expect.objectContaining({ userId: 'demo-officer', zero: true, orgName: '柳岸社区人民调解委员会' })]);

    // Last month was never filed: late now.
    const [y, m] = month().split('-').map(Number);
    const last = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
    const lastMonth = await ok(call(rt, 'report', 'demo-supervisor', 'lateReports', { month: last }));
    // A supervisor sees which organisation is late, not who.
    expect(lastMonth.missing).toEqual([{ orgId: 'liuan-committee', orgName: '柳岸社区人民调解委员会', state: 'late', dueAt: expect.any(String) }]);
    expect(await ok(call(rt, 'report', 'demo-officer', 'myScreening', { month: last }))).toMatchObject({ month: last, state: 'late' });
    const lateFiled = await ok(call(rt, 'report', 'demo-officer', 'submitScreening', { month: last, findings: [{ category: 'debt', count: 1 }, { category: 'family', count: 2 }], notes: '均已告知社区调委会' }, rid()));
    expect(lateFiled).toMatchObject({ zero: false, total: 3, late: true });
    expect((await ok(call(rt, 'report', 'demo-officer', 'myScreening', { month: last }))).filed).toMatchObject({
      late: true,
      findings: [{ category: 'debt', categoryLabel: '债务纠纷', count: 1 }, { category: 'family', categoryLabel: '婚姻家庭纠纷', count: 2 }],
      notes: '均已告知社区调委会',
    });
    // Only an officer has a report of their own; nobody files or reads a month to come.
    expect(await call(rt, 'report', DIRECTOR, 'myScreening', {})).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const [ny, nm] = month().split('-').map(Number);
    const next = nm === 12 ? `${ny + 1}-01` : `${ny}-${String(nm + 1).padStart(2, '0')}`;
    expect(await call(rt, 'report', 'demo-officer', 'myScreening', { month: next })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });

    expect(await call(rt, 'report', RESIDENT, 'submitScreening', { month: month() }, rid())).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call(rt, 'report', RESIDENT, 'lateReports', {})).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('a brewing report with a risk level becomes a case registered as reported by the officer, once', async () => {
    const rep = await ok(call(rt, 'report', 'demo-officer', 'reportBrewing', { communityId: 'liuan', category: 'property', risk: 'medium', description: '3栋业主因电梯维修费分摊与物业公司争执，联系电话13811112222，情绪较大。', peopleInvolved: 12 }, rid()));
    expect(rep).toMatchObject({ risk: 'medium', riskLabel: '中风险', status: 'open' });
    const list = await ok(call(rt, 'report', DIRECTOR, 'brewingReports', { status: 'open' }));
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ reportId: rep.reportId, officerName: '郑信息员', communityName: '柳岸社区', categoryLabel: '物业纠纷' });
    expect(list.items[0].description).not.toContain('13811112222');
    expect((await ok(call(rt, 'report', 'demo-officer', 'brewingReports', {}))).items).toHaveLength(1);

    const conversion = { reportId: rep.reportId, applicants: [{ name: '3栋业主代表吴先生', mobile: '13600001234' }], respondents: [{ name: '某物业公司' }], visitorConsent: true, shareWithOtherOrgs: true };
    expect(await call(rt, 'report', 'demo-officer', 'convertReport', conversion, rid())).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const made = await ok(call(rt, 'report', DIRECTOR, 'convertReport', conversion, rid()));
    expect(made.reportId).toBe(rep.reportId);
    const view = await ok(call(rt, 'case', DIRECTOR, 'get', { caseId: made.caseId }));
    expect(view.caseNo).toBe(made.caseNo);
    expect(view.firstInquiry).toEqual({ orgId: 'liuan-committee', name: '柳岸社区人民调解委员会' });
    // The officer follows the case they reported.
    expect((await call(rt, 'case', 'demo-officer', 'get', { caseId: made.caseId })).ok).toBe(true);
    expect(await call(rt, 'report', DIRECTOR, 'convertReport', conversion, rid())).toMatchObject({ ok: false, code: 'ALREADY_CONVERTED' });
    expect((await ok(call(rt, 'report', DIRECTOR, 'brewingReports', { status: 'converted' }))).items[0]).toMatchObject({ status: 'converted', caseId: made.caseId });

    await rollUp(rt);
    const figures = await ok(call(rt, 'report', DIRECTOR, 'figures', {}));
    expect(figures.bySource).toEqual([{ source: 'info_officer', received: 1, label: '信息员上报' }]);
  });
});
