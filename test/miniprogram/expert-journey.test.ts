/**
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
// An invited expert (特邀调解员) through the pages against the built functions: the district centre registers a
// lawyer in the pool and issues the invitation code, the lawyer joins, the committee's director brings the lawyer
// into a case from the case page (邀请专家参与 → 专家库), the lawyer finds it in the workbench and opens it, then
// withdraws (申请回避); the case's audit chain verifies. Run `npm run build` first.
import { call, chainVerifies, ok, openAs, pageBackend, rid, type Runtime, type RuntimeTransport } from './helpers/backend';
import { currentWx } from './helpers/wx-stub';
import { sleep, tap, visibleText, type RenderedComponent } from './helpers/simulate';

jest.setTimeout(60_000);

let rt: Runtime;
let transport: RuntimeTransport;
beforeAll(async () => {
  ({ rt, transport } = await pageBackend());
});
afterAll(() => rt.close());

const open = (openid: string, page: string, query: Record<string, string> = {}): Promise<RenderedComponent> => openAs(transport, openid, page, query);
const LAWYER = 'journey-lawyer';

it('the pool, the invitation, the case and the withdrawal, all from the pages', async () => {
  // The district centre registers the lawyer and issues the code.
  const pool = await open('demo-district-director', 'pkg-director/pages/experts/index/index');
  for (const [field, value] of [['name', '周明德'], ['affiliation', '明德律师事务所'], ['mobile', '13955556666']]) {
    pool.instance.onFormField({ currentTarget: { dataset: { field } }, detail: { value } } as never);
  }
  await tap(pool, '#field-0');
  await tap(pool, '#save-expert');
  await sleep();
  await sleep();
  expect(visibleText(pool)).toContain('法律 · 明德律师事务所 · 139****6666');
  const listed = await ok<{ items: Array<{ expertId: string; name: string }> }>(call(rt, 'org', 'demo-district-director', 'experts', {}));
  const expertId = listed.items.find((e) => e.name === '周明德')!.expertId;
  await tap(pool, `#invite-${expertId}`);
  await sleep();
  const code = visibleText(pool.querySelector('#issued')!).match(/[A-Z2-7]{26}/)![0];
  await ok(call(rt, 'org', LAWYER, 'joinStaff', { code, name: '周明德' }, rid()));

  // A case at 柳岸 under mediation; its director opens it and invites the lawyer.
  const at = require('../helpers/case-at') as { caseInMediation(rt: Runtime, respondent: string): Promise<{ caseId: string }> };
  const { caseId } = await at.caseInMediation(rt, 'journey-expert-respondent');
  const casePage = await open('demo-director', 'pkg-mediator/pages/case/detail/index', { id: caseId });
  await tap(casePage, '#invite-expert');
  const url = (currentWx().navigateTo.mock.calls.at(-1)![0] as { url: string }).url;
  expect(url).toBe(`/pkg-director/pages/experts/index/index?caseId=${caseId}`);
  const pick = await open('demo-director', 'pkg-director/pages/experts/index/index', { caseId });
  await tap(pick, `#expert-${expertId}`);
  pick.instance.onReason({ detail: { value: '涉及相邻权的法律问题，请律师释法' } } as never);
  await tap(pick, '#add-to-case');
  await sleep();
  await sleep();
  expect((await ok<{ experts?: unknown[] }>(call(rt, 'case', 'demo-director', 'get', { caseId }))).experts).toEqual([expect.objectContaining({ expertId, name: '周明德' })]);

  // The lawyer's workbench lists the case; the case page opens and names them.
  const bench = await open(LAWYER, 'pkg-mediator/pages/workbench/index/index');
  expect(visibleText(bench)).toContain('特邀参与');
  const theirs = await open(LAWYER, 'pkg-mediator/pages/case/detail/index', { id: caseId });
  expect(visibleText(theirs.querySelector('#experts')!)).toContain('周明德（我）');

  // The lawyer withdraws: off the case, and the chain verifies.
  currentWx().showModal = jest.fn((o: { success?: (r: unknown) => void }) => o.success?.({ confirm: true, content: '曾为被申请人提供过法律咨询' }));
  await tap(theirs, '#expert-recuse');
  await sleep();
  await sleep();
  expect((await call(rt, 'case', LAWYER, 'get', { caseId })).ok).toBe(false);
  expect(await chainVerifies(rt, caseId)).toBe(true);
});
