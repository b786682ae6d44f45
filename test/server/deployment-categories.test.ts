// A deployment's own dispute categories (the deployment file's `categories`): refused by the loader when wrong, in
// Chinese; offered to the filing forms by org.directory; filed, triaged and named by their own name in the case view,
// the registers and the respondent's invitation — through the real bundles on the local runtime.
import ExcelJS from 'exceljs';
import { call, freshRuntime, ok, rid } from '../helpers/runtime';
import { demoDeployment } from '../../src/local/seed';
import { applyDeployment, type Deployment } from '../../src/server/setup/deployment';
import { parseDeploymentFile } from '../../src/server/setup/deployment-file';
import { getCloud } from '../../src/server/kernel/platform';
import { DEFAULT_RULES } from '../../src/domain/config/rules';
import { FILING_CATEGORIES } from '../../src/domain/config/categories';
import { GENERAL_GUIDANCE, LEGAL_GUIDANCE } from '../../src/domain/config/guidance';
import { LocalStorage } from '../../src/local/storage';
import type { LocalRuntime } from '../../src/local/runtime';

const PAST_THE_CACHE = 61_000;
const FISHERY = { code: 'fishery', name: '渔业纠纷', shortName: '渔业' };

let rt: LocalRuntime;
afterAll(() => {
  jest.useRealTimers();
  rt?.close();
});

function clockAt(ms: number) {
  jest.useFakeTimers({
    now: ms,
    doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
  });
}

async function load(over: Partial<Deployment>) {
  await applyDeployment(getCloud().database() as never, { ...demoDeployment, ...over }, new Date());
}

const filing = (category: string) => ({
  category,
  summary: '两家承包的鱼塘相邻，放水时对方的鱼苗跑进了我家塘里，双方争执不下。',
  communityId: 'liuan',
  applicant: { name: '张阿姨', mobile: '13812345678' },
  respondents: [{ name: '李先生', mobile: '13987654321' }],
  consent: { privacy: true, shareWithOtherOrgs: true },
});

async function registerRows(fileID: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(rt.storage.read(LocalStorage.cloudPathOf(fileID))! as never);
  const out: string[][] = [];
  wb.worksheets[0].eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return out;
}

describe('a category the deployment adds, through the functions', () => {
  beforeAll(async () => {
    rt = freshRuntime();
    await load({ categories: { added: [FISHERY], hiddenFromFiling: ['adoption'] } });
  });

  it('org.directory offers it to the filing forms, before 其他, and no longer offers the hidden one', async () => {
    const dir = await ok(call(rt, 'org', 'demo-resident', 'directory', {}));
    const codes = dir.filing.categories.map((c: any) => c.code);
    // A category the county adds without its own guidance gets the general one (with the 12348 hotline).
    expect(dir.filing.categories).toContainEqual({ ...FISHERY, guidance: GENERAL_GUIDANCE });
    expect(codes.slice(-2)).toEqual(['fishery', 'other']);
    expect(codes).not.toContain('adoption');
    expect(dir.filing.categories[0]).toEqual({ code: 'neighbourhood', name: '邻里纠纷', shortName: '邻里纠纷', guidance: LEGAL_GUIDANCE.neighbourhood });
  });

  it('a resident files it; the case view, the case list, a register and the invitation name it 渔业纠纷', async () => {
    const filed = await ok(call(rt, 'case', 'demo-resident', 'file', filing('fishery'), rid()));
    const caseId = filed.caseId as string;
    expect((await ok(call(rt, 'case', 'demo-resident', 'get', { caseId }))).categoryLabel).toBe('渔业纠纷');
    const staffView = await ok(call(rt, 'case', 'demo-director', 'get', { caseId }));
    expect(staffView.categoryLabel).toBe('渔业纠纷');
    // Triage treats it like any other category: the community committee where the resident lives.
    expect(staffView.triage.suggestedOrgId).toBe('liuan-committee');
    const mine = await ok(call(rt, 'case', 'demo-resident', 'mine', { open: true }));
    expect(mine.items.find((i: any) => i.caseId === caseId).categoryLabel).toBe('渔业纠纷');

    await ok(call(rt, 'case', 'demo-director', 'accept', { caseId }, rid()));
    await ok(call(rt, 'case', 'demo-director', 'assignMediator', { caseId, mediatorId: 'demo-mediator' }, rid()));
    const reg = await ok(call(rt, 'report', 'demo-director', 'register', { orgId: 'liuan-committee', kind: 'visits' }));
    const rows = await registerRows(reg.fileID);
    expect(rows.some((r) => r.includes('渔业纠纷'))).toBe(true);
    expect(rows.some((r) => r.includes('fishery'))).toBe(false);

    const inv = await ok(call(rt, 'case', 'demo-mediator', 'invite', { caseId }, rid()));
    const preview = await ok(call(rt, 'case', 'demo-respondent', 'openInvite', { code: inv.invite.code }));
    expect(preview.categoryLabel).toBe('渔业纠纷');
  });

  it("an information officer reports a brewing dispute of it; the director's list names it", async () => {
    await ok(call(rt, 'report', 'demo-officer', 'reportBrewing', { communityId: 'liuan', category: 'fishery', risk: 'medium', description: '两户承包鱼塘的边界有争议，双方多次争吵。' }, rid()));
    const list = await ok(call(rt, 'report', 'demo-director', 'brewingReports', { orgId: 'liuan-committee' }));
    expect(list.items.map((i: any) => i.categoryLabel)).toContain('渔业纠纷');
    expect(await call(rt, 'report', 'demo-officer', 'reportBrewing', { communityId: 'liuan', category: 'adoption', risk: 'low', description: '收养手续上有争议，双方多次争吵。' }, rid())).toMatchObject({
      ok: false,
      code: 'VALIDATION_FAILED',
    });
  });

  it('a category the deployment does not offer — unknown, or shipped but hidden — is refused on the category field', async () => {
    for (const category of ['whaling', 'adoption']) {
      expect(await call(rt, 'case', 'demo-resident', 'file', filing(category), rid())).toMatchObject({
        ok: false,
        code: 'VALIDATION_FAILED',
        fields: { category: expect.stringContaining('纠纷类型') },
      });
    }
  });

  it("the deployment's rules may name it: sent to the district centre, the reason naming 渔业纠纷", async () => {
    await load({
      categories: { added: [FISHERY], hiddenFromFiling: [] },
      rules: { triage: { districtCategories: [...DEFAULT_RULES.triage.districtCategories, 'fishery'] } },
    });
    clockAt(Date.now() + PAST_THE_CACHE);
    const filed = await ok(call(rt, 'case', 'demo-resident', 'file', filing('fishery'), rid()));
    const view = await ok(call(rt, 'case', 'demo-director', 'get', { caseId: filed.caseId }));
    expect(view.triage.suggestedOrgId).toBe('district-centre');
    expect(view.triage.reasons).toContain('渔业纠纷按本地规定由区矛调中心调处');
    jest.useRealTimers();
  });
});

describe('the loader refuses a categories block that does not hold, in Chinese', () => {
  const problemsOf = (over: Partial<Deployment>) => {
    const r = parseDeploymentFile(JSON.stringify({ ...demoDeployment, ...over }));
    return r.ok ? [] : r.problems;
  };

  it('a shipped code under another name, a bad code, a name or code given twice, a hidden code that is not shipped', () => {
    expect(
      problemsOf({
        categories: {
          added: [
            { code: 'neighbourhood', name: '邻居纠纷', shortName: '邻居' },
            { code: 'Fish-1', name: '水产纠纷', shortName: '水产' },
            FISHERY,
            { ...FISHERY, shortName: '渔' },
            { code: 'fish_pond', name: '渔业纠纷', shortName: '鱼塘' },
          ],
          hiddenFromFiling: ['whaling'],
        },
      }),
    ).toEqual([expect.stringMatching(/^categories\.added\.1\.code: 分类代码只能使用小写字母和下划线/)]);
    expect(
      problemsOf({
        categories: {
          added: [{ code: 'neighbourhood', name: '邻居纠纷', shortName: '邻居' }, FISHERY, { ...FISHERY, shortName: '渔' }, { code: 'fish_pond', name: '渔业纠纷', shortName: '鱼塘' }],
          hiddenFromFiling: ['whaling'],
        },
      }),
    ).toEqual([
      'categories.added.0.code: 代码 neighbourhood 已是内置分类“邻里纠纷”，不能改名为“邻居纠纷”（旧案件沿用原名称），请换一个代码',
      'categories.added.2.code: 分类代码 fishery 重复',
      'categories.added.3.name: 名称“渔业纠纷”已由分类 fishery 使用',
      'categories.hiddenFromFiling.0: whaling 不是内置分类（新增的分类不要写进 added 即可）',
    ]);
  });

  it('a field the block does not have, a missing short name, and hiding every category', () => {
    expect(problemsOf({ categories: { added: [{ code: 'fishery', name: '渔业纠纷' }], removed: ['family'] } })).toEqual([
      expect.stringMatching(/^categories\.added\.0\.shortName: 无效输入/),
      'categories: 出现未知的键(key): "removed"',
    ]);
    expect(problemsOf({ categories: { hiddenFromFiling: FILING_CATEGORIES.map((c) => c.code) } })).toEqual([
      'categories.hiddenFromFiling: 不能隐藏全部分类，申请人至少要有一个可选',
    ]);
  });

  it('legal guidance that is too short, without the law or the 12348 hotline, or for a category nobody defined, is refused', () => {
    expect(problemsOf({ categories: { guidance: { neighbourhood: '邻里之间要和睦。' } } })).toEqual([
      'categories.guidance.neighbourhood: 普法提示至少 20 个字',
      'categories.guidance.neighbourhood: 普法提示须写明 12348 公共法律服务热线',
      'categories.guidance.neighbourhood: 普法提示须写明依据的法律（如《民法典》第……条）',
    ]);
    expect(problemsOf({ categories: { guidance: { debt: '借钱要还，到期不还的，出借人可以申请调解或者起诉，请保留好借条和转账记录。' } } })).toEqual([
      'categories.guidance.debt: 普法提示须写明 12348 公共法律服务热线',
      'categories.guidance.debt: 普法提示须写明依据的法律（如《民法典》第……条）',
    ]);
    expect(problemsOf({ categories: { guidance: { fishery: '渔业生产中发生的纠纷，可以申请调解（《渔业法》）。需要法律咨询可拨打12348。' } } })).toEqual([
      'categories.guidance.fishery: 未知的纠纷分类 fishery（先在 categories.added 中新增）',
    ]);
    expect(problemsOf({ categories: { added: [FISHERY], guidance: { fishery: '渔业生产中发生的纠纷，可以申请调解（《渔业法》）。需要法律咨询可拨打12348。' } } })).toEqual([]);
  });

  it('rules and organisations naming a category nobody defined are refused; naming an added one is fine', () => {
    expect(problemsOf({ rules: { triage: { districtCategories: ['fishery'] } } })).toEqual([
      'rules.triage.districtCategories.0: 未知的纠纷分类 fishery（先在 categories.added 中新增）',
    ]);
    expect(problemsOf({ rules: { triage: { districtCategories: ['fishery'] }, paperOnlyCategories: ['fishery'] }, categories: { added: [FISHERY] } })).toEqual([]);
    const orgs = demoDeployment.orgs.map((o) => (o.id === 'labour-committee' ? { ...o, categories: ['labour', 'fishery'] } : o));
    expect(problemsOf({ orgs })).toEqual(['org labour-committee: 未知的纠纷分类 fishery（先在 categories.added 中新增）']);
    expect(problemsOf({ orgs, categories: { added: [FISHERY] } })).toEqual([]);
  });
});

describe("legal guidance per category, the deployment's own over the shipped text", () => {
  const OWN = '邻里纠纷请先心平气和地沟通，协商不成可以申请调解（《民法典》第二百八十八条）。法律咨询请拨打12348。';
  beforeAll(async () => {
    rt?.close();
    rt = freshRuntime();
    await load({ categories: { guidance: { neighbourhood: OWN } } });
    // Each function keeps the settings for a minute.
    clockAt(Date.now() + PAST_THE_CACHE);
  });

  it('the filing form gets the deployment\'s text for the category it replaced and the shipped text for the others', async () => {
    const dir = await ok(call(rt, 'org', 'demo-resident', 'directory', {}));
    const of = (code: string) => dir.filing.categories.find((c: any) => c.code === code).guidance;
    expect(of('neighbourhood')).toBe(OWN);
    expect(of('labour')).toBe(LEGAL_GUIDANCE.labour);
    // Every shipped category has its own guidance naming the law and the hotline.
    for (const c of dir.filing.categories) {
      expect(c.guidance).toContain('12348');
      expect(c.guidance).toMatch(/《[^》]+》/);
    }
  });

  it('a party reads the guidance of their case on the case page; staff are not shown it', async () => {
    clockAt(Date.now() + PAST_THE_CACHE);
    const filed = await ok(call(rt, 'case', 'demo-resident', 'file', filing('neighbourhood'), rid()));
    expect((await ok(call(rt, 'case', 'demo-resident', 'get', { caseId: filed.caseId }))).guidance).toBe(OWN);
    expect((await ok(call(rt, 'case', 'demo-director', 'get', { caseId: filed.caseId }))).guidance).toBeUndefined();
  });
});
