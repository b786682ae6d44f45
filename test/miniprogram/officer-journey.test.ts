/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// One journey through the pages themselves against the real backend (the built cloud functions on the local
// runtime with the demo deployment), each page rendered as the phone renders it and talking through the service
// layer as the caller it acts for: the information officer files a zero screening report and reports a brewing
// dispute; the director sees it, registers it as a case, and sees the officer's report of the month; the case's
// audit trail shows the registration, by the officer for the committee, and verifies. Run `npm run build` first.
// (The export conditions let the runtime's Node-only packages load beside jsdom.)
import type { CallEvent, CallResult } from '../../src/server/contract';
import type { Transport } from '../../miniprogram/services/transport';
import { loadPage, mp, sleep, tap, visibleText, type RenderedComponent } from './helpers/simulate';

// Required, not imported: the runtime's sources are type-checked by the server's tsconfig.
interface Runtime {
  invoke<T>(fn: string, event: unknown, ctx: { openid: string }): Promise<{ result: T }>;
  functionNames(): string[];
  close(): void;
}
const { demoRuntime } = require('../helpers/runtime') as { demoRuntime(): Promise<Runtime> };

jest.setTimeout(120_000);

let rt: Runtime;
let openid = '';
beforeAll(async () => {
  rt = await demoRuntime();
  // Each function bundle loads wx-server-sdk (with the local database under it) the first time it runs. Run each
  // once now: the pages are loaded afresh (jest.resetModules), which would otherwise hand a bundle loaded later a
  // new, unconnected copy of the SDK.
  for (const fn of rt.functionNames()) await rt.invoke(fn, { action: 'warmUp' }, { openid: 'demo-warm-up' });
});
afterAll(() => rt.close());

/** The phone's calls reach the runtime as they would through the local gateway, as `openid`. */
const runtimeTransport: Transport = {
  kind: 'fake',
  async send(name: string, event: CallEvent) {
    return (await rt.invoke<CallResult<unknown>>(name, event, { openid })).result;
  },
};

/** Waits until the page says it is done (real calls take more than a tick). */
async function until(page: RenderedComponent, done: (data: Record<string, any>) => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (done(page.instance.data)) return;
    await sleep(10);
  }
  throw new Error(`timed out waiting for ${what}: ${visibleText(page).slice(0, 300)}`);
}
const settled = (d: Record<string, any>) => d.loadState !== 'loading' && !d.busy;

/** Opens a page as `who`, as WeChat does (onLoad with the query, then onShow), and waits for its load. */
async function open(who: string, path: string, query: Record<string, string> = {}): Promise<RenderedComponent> {
  openid = who;
  const page = loadPage(path, {
    before: () => mp<typeof import('../../miniprogram/services/call')>('services/call').configureCaller({ transport: runtimeTransport, sleep: async () => undefined }),
  });
  page.instance.onLoad?.(query);
  page.instance.onShow?.();
  await sleep();
  await until(page, settled, `${path} to load`);
  return page;
}

async function press(page: RenderedComponent, selector: string): Promise<void> {
  await tap(page, selector);
  await until(page, settled, `${selector} to finish`);
}

const OFFICER = 'demo-officer';
const DIRECTOR = 'demo-director';

describe('an information officer’s report becomes a case, on the pages against the real backend', () => {
  let reportId = '';
  let caseId = '';

  it('the officer files a zero screening report in one tap', async () => {
    const page = await open(OFFICER, 'pkg-officer/pages/screening/monthly/index');
    expect(visibleText(page.querySelector('#state-text')!)).toMatch(/^尚未报送，请在 \d+月\d+日 23:59 前报送$/);
    await press(page, '#zero');
    expect(visibleText(page.querySelector('#state-text')!)).toMatch(/^已报送：零报告（未发现矛盾纠纷）/);
    expect(page.querySelector('#zero')).toBeFalsy();
  });

  it('the officer reports a brewing dispute and sees it waiting for the director', async () => {
    const page = await open(OFFICER, 'pkg-officer/pages/brewing/report/index');
    await tap(page, '#community-liuan');
    await tap(page, '#category-property');
    await tap(page, '#risk-medium');
    page.instance.onInput({ currentTarget: { dataset: { field: 'description' } }, detail: { value: '3栋业主因电梯维修费分摊与物业公司争执，联系电话13811112222，情绪较大。' } });
    page.instance.onInput({ currentTarget: { dataset: { field: 'peopleInvolved' } }, detail: { value: '12' } });
    await press(page, '#submit');
    expect(visibleText(page.querySelector('#done')!)).toContain('风险等级：中风险');

    const workbench = await open(OFFICER, 'pkg-officer/pages/workbench/index/index');
    const text = visibleText(workbench);
    expect(text).toContain('柳岸社区 · 物业纠纷');
    expect(text).toContain('待主任核实');
    // The number the officer typed is masked before anyone reads it.
    expect(text).toContain('138****2222');
    reportId = workbench.instance.data.rows[0].reportId;
    expect(reportId).toMatch(/^b[0-9a-f]{20}$/);
  });

  it('the director sees the report with who filed it and registers it as a case', async () => {
    const list = await open(DIRECTOR, 'pkg-director/pages/brewing/list/index');
    expect(visibleText(list)).toContain('郑信息员');
    expect(list.querySelector(`#convert-${reportId}`)).toBeTruthy();

    const page = await open(DIRECTOR, 'pkg-director/pages/brewing/convert/index', { id: reportId });
    const party = (side: string, index: number, field: string, value: string) =>
      page.instance.onPartyInput({ currentTarget: { dataset: { side, index, field } }, detail: { value } });
    party('applicants', 0, 'name', '吴建华');
    party('applicants', 0, 'mobile', '13600001234');
    await tap(page, '#respondents-0-organisation');
    party('respondents', 0, 'name', '杭州某物业管理有限公司');
    party('respondents', 0, 'representative', '周经理');
    page.instance.onWants({ detail: { value: '公开电梯维修费用明细，按户合理分摊' } });
    page.instance.onConsent({ detail: { value: true } });
    await tap(page, '#share-yes');
    await press(page, '#submit');
    const done = visibleText(page.querySelector('#done')!);
    expect(done).toMatch(/\d{8}-[0-9A-Z]{5}/);
    expect(done).toContain('承办单位：柳岸社区人民调解委员会');
    caseId = page.instance.data.done.caseId;

    const converted = await open(DIRECTOR, 'pkg-director/pages/brewing/list/index');
    expect(converted.querySelector(`#convert-${reportId}`)).toBeFalsy();
    const officerView = await open(OFFICER, 'pkg-officer/pages/workbench/index/index');
    expect(visibleText(officerView)).toContain('已转为案件');
  });

  it("the director sees the officer's zero report of the month", async () => {
    const page = await open(DIRECTOR, 'pkg-director/pages/screening/status/index');
    expect(visibleText(page.querySelector('#total-filed')!)).toBe('1');
    expect(visibleText(page)).toContain('郑信息员 · 柳岸社区人民调解委员会');
    expect(visibleText(page)).toContain('零报告');
  });

  it("the case's audit trail shows the registration by the officer for the committee, and verifies", async () => {
    const page = await open(DIRECTOR, 'pkg-mediator/pages/case/audit/index', { id: caseId });
    const text = visibleText(page);
    expect(text).toContain('1. 登记受理申请');
    expect(text).toContain('郑信息员（柳岸社区人民调解委员会）');
    expect(visibleText(page.querySelector('#check')!)).toContain('核验通过');
    expect(text).not.toContain('核验未通过');
  });
});
