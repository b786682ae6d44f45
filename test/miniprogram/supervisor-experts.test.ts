/**
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
// 专家库 for the justice office's supervisor (司法所/司法局), through the page against the real backend (the built
// functions on the local runtime with the demo deployment): reached from 监督总览, the district's pool read-only —
// by field, phone numbers masked, each expert's status — and an empty pool said so. Run `npm run build` first.
import { call, ok, openAs, pageBackend, rid, type Runtime, type RuntimeTransport } from './helpers/backend';
import { currentWx } from './helpers/wx-stub';
import { tap, visibleText, type RenderedComponent } from './helpers/simulate';

jest.setTimeout(60_000);

const SUPERVISOR = 'demo-supervisor';
const DISTRICT = 'demo-district-director';
const PAGE = 'pkg-supervisor/pages/experts/index/index';

let rt: Runtime;
let transport: RuntimeTransport;
beforeAll(async () => {
  ({ rt, transport } = await pageBackend());
});
afterAll(() => rt.close());

const open = (openid: string, page: string): Promise<RenderedComponent> => openAs(transport, openid, page);

async function addExpert(name: string, field: string, affiliation: string, mobile: string, opts: { join?: string; withdrawn?: boolean } = {}): Promise<string> {
  const saved = await ok<{ expertId: string }>(call(rt, 'org', DISTRICT, 'saveExpert', { name, field, affiliation, mobile }, rid()));
  if (opts.join) {
    const inv = await ok<{ code: string }>(call(rt, 'org', DISTRICT, 'inviteStaff', { orgId: 'district-centre', role: 'expert', note: name, expertId: saved.expertId }, rid()));
    await ok(call(rt, 'org', opts.join, 'joinStaff', { code: inv.code, name }, rid()));
  }
  if (opts.withdrawn) await ok(call(rt, 'org', DISTRICT, 'saveExpert', { expertId: saved.expertId, name, field, affiliation, active: false }, rid()));
  return saved.expertId;
}

describe('专家库, as the supervisor reads it', () => {
  it('an empty pool says so, and who keeps it', async () => {
    const page = await open(SUPERVISOR, PAGE);
    expect(page.instance.data.loadState).toBe('empty');
    expect(visibleText(page)).toContain('专家库中还没有专家，由区矛调中心主任登记');
  });

  it('reached from the overview: the experts by field, numbers masked, each one’s status; nothing to edit or call', async () => {
    const zhou = await addExpert('周明德', '法律', '明德律师事务所', '13955556666', { join: 'sx-expert-zhou' });
    const sun = await addExpert('孙建华', '法律', '区人民法院（退休）', '13712341200', { withdrawn: true });
    const qian = await addExpert('钱立新', '建筑工程', '市建筑设计研究院', '13688888801');

    const overview = await open(SUPERVISOR, 'pkg-supervisor/pages/overview/index/index');
    await tap(overview, '#experts');
    const calls = currentWx().navigateTo.mock.calls;
    expect((calls[calls.length - 1][0] as { url: string }).url).toBe(`/${PAGE}`);

    const page = await open(SUPERVISOR, PAGE);
    expect(page.instance.data.loadState).toBe('ready');
    const text = visibleText(page);
    expect(text).toContain('区矛盾纠纷调处化解中心专家库');
    expect(visibleText(page.querySelector('#summary')!)).toBe('共 3 位专家，其中 1 位可参与调解');
    // By field, in the pool's order; within a field those who can take part first.
    const groups = page.instance.data.groups as Array<{ title: string; rows: Array<{ expertId: string; name: string; note: string; state: string }> }>;
    expect(groups.map((g) => g.title)).toEqual(['法律（2人）', '建筑工程（1人）']);
    expect(groups[0].rows).toEqual([
      { expertId: zhou, name: '周明德', note: '明德律师事务所 · 139****6666', state: '可参与调解' },
      { expertId: sun, name: '孙建华', note: '区人民法院（退休） · 137****1200', state: '已停用' },
    ]);
    expect(groups[1].rows).toEqual([{ expertId: qian, name: '钱立新', note: '市建筑设计研究院 · 136****8801', state: '未加入微信' }]);
    for (const shown of ['法律（2人）', '周明德', '139****6666', '可参与调解', '已停用', '建筑工程（1人）', '未加入微信']) expect(text).toContain(shown);
    // Never a full number, and nothing that changes the pool or reads a number.
    for (const full of ['13955556666', '13712341200', '13688888801']) expect(text).not.toContain(full);
    expect(page.querySelector('#save-expert')).toBeFalsy();
    expect(page.querySelector(`#call-${zhou}`)).toBeFalsy();
    expect(page.querySelector(`#invite-${qian}`)).toBeFalsy();
  });

  it('is the supervisor’s: a mediator opening it is refused and the pool is not asked for', async () => {
    const page = await open('demo-mediator', PAGE);
    expect(page.instance.data.loadState).toBe('error');
    expect(visibleText(page)).toContain('督导人员');
    expect(page.instance.data.groups).toEqual([]);
  });
});
