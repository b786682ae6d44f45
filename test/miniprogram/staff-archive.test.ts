// 电子卷宗 against a fake transport: a closed case's file reached from the staff case page — its archive number, where
// and until when it is kept, the table of contents with each paper openable (documents made again through
// report.document, evidence by its link), the audit proof line, and the 卷内目录 as a Word file; a supervisor's copy
// without links; a case not yet filed says so.
import { FakeTransport, err, ok } from './helpers/fake-transport';
import { currentWx } from './helpers/wx-stub';
import { sleep, tap, visibleText } from './helpers/simulate';
import { CASE_ID, grant, openPage, staffView, withRoles } from './helpers/staff-fixtures';

const ARCHIVE = 'pkg-mediator/pages/case/archive/index';
const MEDIATOR = grant('mediator', 'liuan-committee');

const archive = (over: Record<string, unknown> = {}) => ({
  caseId: CASE_ID,
  caseNo: 'QF-2025-000123',
  archiveNo: 'LIUAN-COMMITTEE-2025-0007',
  orgName: '柳岸社区人民调解委员会',
  closedAt: '2025-05-06T08:30:00.000Z',
  outcomeLabel: '调解成功并履行完毕',
  keepUntil: '2035-05-06',
  retentionYears: 10,
  viewer: 'staff',
  contents: [
    { seq: 1, kind: 'document', title: '权利义务告知书', date: '2025-04-29', extent: '1份', document: 'rights_notice' },
    { seq: 2, kind: 'document', title: '人民调解协议书', date: '2025-05-02', extent: '1份', document: 'agreement' },
    { seq: 3, kind: 'evidence', title: '证据材料', date: '2025-04-28', extent: '电子文件 leak-photo.jpg', url: 'http://127.0.0.1:3000/files/evidence/leak-photo.jpg?expires=1' },
    { seq: 4, kind: 'document', title: '回访记录', date: '2025-05-20', extent: '1次回访', document: 'return_visit', addedAfterClose: true },
  ],
  proof: { headHash: 'a3f1c9e07b52d4468e0f2b9c1d7e5a3f0b8c6d4e2f1a0b9c8d7e6f5a4b3c2d1e', entries: 18, entriesNow: 20, verified: true, verifiedAt: '2025-05-21T02:00:00.000Z' },
  index: { fileID: 'cloud://env/generated/x/index.docx', url: 'http://127.0.0.1:3000/files/generated/x/index.docx', fileName: '卷内目录-LIUAN-COMMITTEE-2025-0007.docx', size: 4 },
  ...over,
});

describe('电子卷宗', () => {
  it('shows the archive number, the keep-until date, the verified proof and the table of contents', async () => {
    const fake = withRoles(new FakeTransport(), MEDIATOR).reply('report', 'archive', ok(archive()));
    const page = await openPage(ARCHIVE, fake, { id: CASE_ID });
    expect(fake.callsTo('report', 'archive')[0].data).toEqual({ caseId: CASE_ID });
    const text = visibleText(page);
    expect(text).toContain('卷宗号 LIUAN-COMMITTEE-2025-0007');
    expect(text).not.toContain('编号中');
    expect(text).toContain('案件编号 QF-2025-000123');
    expect(text).toContain('调解成功并履行完毕');
    // Read years later, the closing time says its year.
    expect(text).toContain('2025年5月6日 16:30结案');
    expect(visibleText(page.querySelector('#keep')!)).toContain('保管10年');
    expect(visibleText(page.querySelector('#keep')!)).toContain('2035');
    const proof = visibleText(page.querySelector('#proof')!);
    expect(proof).toContain('审计链核验通过');
    expect(proof).toContain('结案时共 18 条记录');
    expect(proof).toContain('a3f1c9e07b52d446');
    expect(proof).toContain('结案后又有 2 条');
    const contents = visibleText(page.querySelector('#contents')!);
    expect(contents).toContain('卷内目录');
    expect(contents).toContain('1. 权利义务告知书');
    expect(contents).toContain('2. 人民调解协议书');
    expect(contents).toContain('3. 证据材料');
    expect(contents).toContain('电子文件 leak-photo.jpg');
    expect(contents).toContain('结案后补入');
  });

  it('a file the timer has not numbered yet says its number is being assigned, and shows the rest', async () => {
    const fake = withRoles(new FakeTransport(), MEDIATOR).reply('report', 'archive', ok(archive({ archiveNo: null })));
    const page = await openPage(ARCHIVE, fake, { id: CASE_ID });
    const text = visibleText(page);
    expect(visibleText(page.querySelector('#archive-no')!)).toBe('卷宗号编号中');
    expect(visibleText(page.querySelector('#archive-no-pending')!)).toContain('下拉刷新');
    expect(text).not.toContain('null');
    expect(text).toContain('案件编号 QF-2025-000123');
    expect(visibleText(page.querySelector('#proof')!)).toContain('审计链核验通过');
    expect(visibleText(page.querySelector('#contents')!)).toContain('2. 人民调解协议书');
  });

  it('opens a document through report.document, a photo of evidence by its link, and the 卷内目录 as Word', async () => {
    const fake = withRoles(new FakeTransport(), MEDIATOR)
      .reply('report', 'archive', ok(archive()))
      .reply('report', 'document', ok({ fileID: 'cloud://env/generated/x/y.docx', url: 'http://127.0.0.1:3000/files/generated/x/y.docx', fileName: '人民调解协议书.docx', size: 9 }));
    const wx = currentWx();
    wx.downloadFile = jest.fn((o: { success: (r: unknown) => void }) => o.success({ tempFilePath: '/tmp/a.docx', statusCode: 200 }));
    wx.openDocument = jest.fn((o: { success?: () => void }) => o.success?.());
    wx.previewImage = jest.fn();
    const page = await openPage(ARCHIVE, fake, { id: CASE_ID });

    await tap(page, '#paper-2');
    await sleep();
    expect(fake.callsTo('report', 'document')[0].data).toEqual({ caseId: CASE_ID, kind: 'agreement' });
    expect(wx.openDocument).toHaveBeenCalledWith(expect.objectContaining({ filePath: '/tmp/a.docx', fileType: 'docx' }));
    expect(page.instance.data.opening).toBe(0);

    await tap(page, '#paper-3');
    await sleep();
    expect(wx.previewImage).toHaveBeenCalledWith(expect.objectContaining({ urls: ['http://127.0.0.1:3000/files/evidence/leak-photo.jpg?expires=1'] }));
    expect(fake.callsTo('report', 'document')).toHaveLength(1);

    await tap(page, '#open-index');
    await sleep();
    expect(wx.downloadFile).toHaveBeenLastCalledWith(expect.objectContaining({ url: 'http://127.0.0.1:3000/files/generated/x/index.docx' }));
    expect(wx.openDocument).toHaveBeenCalledTimes(2);
  });

  it("a supervisor's copy lists the papers without links; a broken chain is said in red words", async () => {
    const copy = archive({
      viewer: 'supervisor',
      contents: archive().contents.map(({ url: _u, ...e }: Record<string, unknown>) => e),
      proof: { ...archive().proof, verified: false, problemText: '第 7 条记录与写入时不一致：被改动过，或记录被重新生成' },
    });
    const fake = withRoles(new FakeTransport(), grant('supervisor', 'donghu-centre')).reply('report', 'archive', ok(copy));
    const wx = currentWx();
    wx.previewImage = jest.fn();
    const page = await openPage(ARCHIVE, fake, { id: CASE_ID });
    expect(visibleText(page)).toContain('督导查看：不含当事人姓名');
    await tap(page, '#paper-3');
    await sleep();
    expect(wx.previewImage).not.toHaveBeenCalled();
    const proof = visibleText(page.querySelector('#proof')!);
    expect(proof).toContain('审计链核验未通过');
    expect(proof).toContain('第 7 条记录与写入时不一致');
    expect(proof).not.toContain('核验通过');
  });

  it('a case not yet filed says so', async () => {
    const fake = withRoles(new FakeTransport(), MEDIATOR).reply('report', 'archive', err('NOT_ARCHIVED', '本案还没有电子卷宗（案件结案时立卷）'));
    const page = await openPage(ARCHIVE, fake, { id: CASE_ID });
    expect(visibleText(page)).toContain('本案还没有电子卷宗（案件结案时立卷）');
    expect(page.querySelector('#proof')).toBeFalsy();
  });

  it('is reached from the staff case page once the case is closed, and not before', async () => {
    const open = await openPage('pkg-mediator/pages/case/detail/index', withRoles(new FakeTransport(), MEDIATOR).reply('case', 'get', ok(staffView({ status: 'accepted', statusLabel: '已受理' }))), { id: CASE_ID });
    expect(open.querySelector('#open-archive')).toBeFalsy();
    const closed = await openPage('pkg-mediator/pages/case/detail/index', withRoles(new FakeTransport(), MEDIATOR).reply('case', 'get', ok(staffView({ status: 'closed', statusLabel: '已结案' }))), { id: CASE_ID });
    await tap(closed, '#open-archive');
    expect(currentWx().navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: `/pkg-mediator/pages/case/archive/index?id=${CASE_ID}` }));
  });

  it("is reached by a supervisor from the overview's recent closures, and leads on to the audit trail", async () => {
    const overview = await openPage(
      'pkg-supervisor/pages/overview/index/index',
      withRoles(new FakeTransport(), grant('supervisor', 'donghu-centre')).reply(
        'report',
        'overview',
        ok({
          orgId: 'donghu-centre',
          orgName: '东湖街道',
          asOf: '2025-05-06T09:00:00.000Z',
          byOrg: [{ orgId: 'liuan-committee', name: '柳岸社区人民调解委员会', open: 0, overdue: 0 }],
          overdue: [],
          recentClosures: [{ caseId: CASE_ID, caseNo: 'QF-2025-000123', categoryLabel: '邻里纠纷', statusLabel: '已结案', holderName: '柳岸社区人民调解委员会', outcomeLabel: '调解不成', closedAt: '2025-05-06T08:30:00.000Z' }],
        }),
      ),
    );
    await tap(overview, `#closed-${CASE_ID}`);
    expect(currentWx().navigateTo).toHaveBeenLastCalledWith(expect.objectContaining({ url: `/pkg-mediator/pages/case/archive/index?id=${CASE_ID}` }));
    const page = await openPage(ARCHIVE, withRoles(new FakeTransport(), grant('supervisor', 'donghu-centre')).reply('report', 'archive', ok(archive({ viewer: 'supervisor' }))), { id: CASE_ID });
    await tap(page, '#open-audit');
    expect(currentWx().navigateTo).toHaveBeenLastCalledWith(expect.objectContaining({ url: `/pkg-mediator/pages/case/audit/index?id=${CASE_ID}` }));
  });
});

describe('电子卷宗 → 典型案例', () => {
  it('offers a director to write the case up as a typical case, passing the case; a mediator is not offered it', async () => {
    const director = await openPage(ARCHIVE, withRoles(new FakeTransport(), grant('director', 'liuan-committee')).reply('report', 'archive', ok(archive())), { id: CASE_ID });
    await tap(director, '#write-typical');
    expect(currentWx().navigateTo).toHaveBeenLastCalledWith(
      expect.objectContaining({ url: `/pkg-director/pages/typical/publish/index?caseId=${CASE_ID}&caseNo=QF-2025-000123` }),
    );
    const mediator = await openPage(ARCHIVE, withRoles(new FakeTransport(), MEDIATOR).reply('report', 'archive', ok(archive())), { id: CASE_ID });
    expect(mediator.querySelector('#write-typical')).toBeFalsy();
    expect(visibleText(mediator)).not.toContain('写成典型案例');
  });
});
