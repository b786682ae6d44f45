/**
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
// 电子卷宗 through the pages against the real backend: the mediator closes a failed mediation on the follow-up
// path's server action, then opens the case page, taps 电子卷宗 and reads the file the closing step made — its
// archive number, the table of contents and the audit proof — and opens a document from it. Run `npm run build` first.
import { TextDecoder, TextEncoder } from 'util';
import { call, numberArchives, ok, openAs, pageBackend, rid, type Runtime, type RuntimeTransport } from './helpers/backend';
import { currentWx } from './helpers/wx-stub';
import { sleep, tap, visibleText } from './helpers/simulate';

jest.setTimeout(60_000);
// The report function writes Word files (docx), which needs the encoders Node has and jsdom's window lacks.
Object.assign(globalThis, { TextEncoder, TextDecoder });

let rt: Runtime;
let transport: RuntimeTransport;
beforeAll(async () => {
  ({ rt, transport } = await pageBackend());
});
afterAll(() => rt.close());

it('a closed case shows its electronic file: number, contents, verified proof; a document in it opens', async () => {
  const at = require('../helpers/case-at') as { caseInMediation(rt: Runtime, respondent: string): Promise<{ caseId: string }> };
  const { caseId } = await at.caseInMediation(rt, 'journey-archive');
  await ok(call(rt, 'agreement', 'demo-mediator', 'close', { caseId, outcome: 'failed', reason: '双方对赔偿数额分歧较大' }, rid()));
  // The timer gives the file its number (卷宗号) in closing order, minutes after the close.
  await numberArchives(rt);

  const detail = await openAs(transport, 'demo-mediator', 'pkg-mediator/pages/case/detail/index', { id: caseId });
  await tap(detail, '#open-archive');
  const url = (currentWx().navigateTo.mock.calls.at(-1)![0] as { url: string }).url;
  expect(url).toBe(`/pkg-mediator/pages/case/archive/index?id=${caseId}`);

  const page = await openAs(transport, 'demo-mediator', 'pkg-mediator/pages/case/archive/index', { id: caseId });
  const text = visibleText(page);
  expect(text).toMatch(/卷宗号 LIUAN-COMMITTEE-\d{4}-\d{4}/);
  expect(text).toContain('调解不成');
  expect(text).toContain('保管10年');
  expect(visibleText(page.querySelector('#proof')!)).toContain('审计链核验通过');
  expect(visibleText(page.querySelector('#contents')!)).toContain('1. 权利义务告知书');

  const wx = currentWx();
  wx.downloadFile = jest.fn((o: { success: (r: unknown) => void }) => o.success({ tempFilePath: '/tmp/rights.docx', statusCode: 200 }));
  wx.openDocument = jest.fn((o: { success?: () => void }) => o.success?.());
  await tap(page, '#paper-1');
  for (let i = 0; i < 50 && !(wx.openDocument as jest.Mock).mock.calls.length; i++) await sleep(20);
  expect(wx.openDocument).toHaveBeenCalledWith(expect.objectContaining({ filePath: '/tmp/rights.docx', fileType: 'docx' }));
});
