/**
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
// A typical case corrected and withdrawn from the director's page against the built functions: the committee's
// director opens 典型案例, taps 修改 on a case the committee published, corrects the result and saves; the list
// shows the revision. Then 撤回 with a reason: the case is gone from the page and from the residents' list, and
// both changes are in the committee's staff chain, which verifies. Run `npm run build` first.
import { call, ok, openAs, pageBackend, rid, until, type Runtime, type RuntimeTransport } from './helpers/backend';
import { currentWx } from './helpers/wx-stub';
import { sleep, tap, visibleText, type RenderedComponent } from './helpers/simulate';

jest.setTimeout(60_000);

let rt: Runtime;
let transport: RuntimeTransport;
let typicalId: string;
const PAGE = 'pkg-director/pages/typical/publish/index';
const TEXT = {
  category: 'neighbourhood',
  title: '楼道堆物引发的邻里纠纷',
  happened: '某小区住户长期在楼道堆放杂物，邻居多次提出影响通行和消防安全，双方发生争吵。',
  howMediated: '调解员到现场查看，讲解消防安全和相邻关系的规定，请双方各自提出可以接受的办法。',
  result: '堆物住户清理了楼道，双方约定今后共同维护。',
};

beforeAll(async () => {
  ({ rt, transport } = await pageBackend());
  const at = require('../helpers/case-at') as { caseInMediation(rt: Runtime, respondent: string): Promise<{ caseId: string }> };
  const { caseId } = await at.caseInMediation(rt, 'typical-journey-respondent');
  await ok(call(rt, 'agreement', 'demo-mediator', 'close', { caseId, outcome: 'failed', reason: '双方分歧较大，调解不成' }, rid()));
  typicalId = (await ok<{ typicalId: string }>(call(rt, 'org', 'demo-director', 'publishTypical', { caseId, orgId: 'liuan-committee', ...TEXT }, rid()))).typicalId;
});
afterAll(() => rt.close());

const listed = async (): Promise<string[]> =>
  (await ok<{ items: Array<{ typicalId: string; result: string }> }>(call(rt, 'org', 'demo-resident', 'typicalCases', { category: 'neighbourhood' }))).items
    .filter((i) => i.typicalId === typicalId)
    .map((i) => i.result);
const settled = (page: RenderedComponent) => until(() => !page.instance.data.busy && page.instance.data.loadState === 'ready', 'the page to settle');

it('修改 then 撤回 from the page: the revision is listed, then the case is gone for everyone', async () => {
  const page = await openAs(transport, 'demo-director', PAGE);
  expect(visibleText(page.querySelector(`#typical-${typicalId}`)!)).toContain('楼道堆物引发的邻里纠纷');
  expect(visibleText(page.querySelector(`#typical-${typicalId}`)!)).toContain('邻里纠纷 · 发布于');

  await tap(page, `#revise-${typicalId}`);
  expect(page.instance.data.form.result).toBe(TEXT.result);
  page.instance.onInput({ currentTarget: { dataset: { field: 'result' } }, detail: { value: '堆物住户三日内清理了楼道，双方约定今后共同维护楼道整洁。' } } as never);
  await tap(page, '#submit');
  await sleep();
  await settled(page);
  await until(() => !page.instance.data.editing, 'the revision to be saved');
  const row = visibleText(page.querySelector(`#typical-${typicalId}`)!);
  expect(row).toContain('修改于');
  expect(await listed()).toEqual(['堆物住户三日内清理了楼道，双方约定今后共同维护楼道整洁。']);

  currentWx().showModal.mockImplementationOnce((o: any) => o.success({ confirm: true, content: '案例细节需要重新核实' }));
  await tap(page, `#withdraw-${typicalId}`);
  await sleep();
  await until(() => !page.querySelector(`#typical-${typicalId}`), 'the case to leave the list');
  await settled(page);
  expect(visibleText(page)).not.toContain('楼道堆物引发的邻里纠纷');
  expect(await listed()).toEqual([]);

  const chain = await ok<{ verified: boolean; entries: Array<{ type: string; subject?: string; actor?: string }> }>(call(rt, 'org', 'demo-director', 'staffAudit', { orgId: 'liuan-committee' }));
  expect(chain.verified).toBe(true);
  expect(chain.entries.filter((e) => e.subject === typicalId).map((e) => `${e.type} ${e.actor}`)).toEqual(['typical_revised demo-director', 'typical_withdrawn demo-director']);
});
