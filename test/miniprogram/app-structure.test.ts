// Static checks of the mini-program as WeChat would reject it: app.json pages and subpackages, component
// paths, cross-package references, routes, large-text wiring, and privacy declarations.
import * as fs from 'fs';
import * as path from 'path';
import { MP_ROOT, TDESIGN_ROOT, resolveUsingComponent } from './helpers/simulate';

interface SubPackage {
  root: string;
  name?: string;
  pages: string[];
}
interface AppJson {
  pages: string[];
  subPackages?: SubPackage[];
  subpackages?: SubPackage[];
  tabBar?: { list: { pagePath: string; iconPath?: string; selectedIconPath?: string }[] };
  preloadRule?: Record<string, { packages: string[] }>;
  requiredPrivateInfos?: string[];
  usingComponents?: Record<string, string>;
}

const appJson: AppJson = JSON.parse(fs.readFileSync(path.join(MP_ROOT, 'app.json'), 'utf8'));
const subPackages = appJson.subPackages ?? appJson.subpackages ?? [];
const mainPages = appJson.pages;
const allPages = [...mainPages, ...subPackages.flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))];
const guide: { collected: { category: string; apis: string[] }[] } = JSON.parse(
  fs.readFileSync(path.join(MP_ROOT, 'privacy/guide.json'), 'utf8'),
);

const read = (file: string) => fs.readFileSync(file, 'utf8');
const exists = (file: string) => fs.existsSync(file);
const rel = (file: string) => path.relative(MP_ROOT, file).split(path.sep).join('/');

/** Which package a file under miniprogram/ ships in: a subpackage root, or 'main'. */
function packageOf(file: string): string {
  const r = rel(file);
  return subPackages.find((p) => r.startsWith(`${p.root}/`))?.root ?? 'main';
}

/** A page or component (path without extension) and every component it uses, transitively. */
function componentTree(start: string): { from: string; tag: string; value: string; target?: string }[] {
  const edges: { from: string; tag: string; value: string; target?: string }[] = [];
  const seen = new Set<string>();
  const visit = (comp: string) => {
    if (seen.has(comp)) return;
    seen.add(comp);
    const jsonFile = `${comp}.json`;
    if (!exists(jsonFile)) return;
    const using: Record<string, string> = JSON.parse(read(jsonFile)).usingComponents ?? {};
    for (const [tag, value] of Object.entries(using)) {
      const target = resolveUsingComponent(jsonFile, value);
      edges.push({ from: comp, tag, value, target });
      if (target && !target.startsWith(TDESIGN_ROOT)) visit(target);
    }
  };
  visit(path.join(MP_ROOT, start));
  return edges;
}

function listFiles(dir: string, exts: string[], out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (['node_modules', 'miniprogram_npm'].includes(e.name)) continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) listFiles(full, exts, out);
    else if (exts.some((x) => e.name.endsWith(x))) out.push(full);
  }
  return out;
}

// ---- privacy scanning -------------------------------------------------------------------------------

/** APIs WeChat treats as privacy interfaces (they trigger onNeedPrivacyAuthorization). */
const PRIVACY_APIS = [
  'getUserProfile', 'getUserInfo', 'chooseAvatar',
  'getLocation', 'getFuzzyLocation', 'chooseLocation', 'choosePoi', 'onLocationChange',
  'startLocationUpdate', 'startLocationUpdateBackground', 'chooseAddress',
  'chooseImage', 'chooseMedia', 'chooseVideo', 'chooseMessageFile',
  'saveImageToPhotosAlbum', 'saveVideoToPhotosAlbum',
  'createCameraContext', 'startRecord', 'getRecorderManager', 'joinVoIPChat',
  'setClipboardData', 'getClipboardData',
  'chooseInvoice', 'chooseInvoiceTitle', 'getWeRunData', 'chooseLicensePlate',
  'openBluetoothAdapter', 'createBLEPeripheralServer',
  'startWifi', 'getConnectedWifi', 'addPhoneContact', 'addPhoneCalendar', 'addPhoneRepeatCalendar',
];
/** These must also be listed in app.json's requiredPrivateInfos. */
const REQUIRED_PRIVATE_INFOS = [
  'getFuzzyLocation', 'getLocation', 'onLocationChange', 'startLocationUpdate',
  'startLocationUpdateBackground', 'chooseLocation', 'choosePoi', 'chooseAddress',
];
const PRIVACY_OPEN_TYPES: Record<string, string> = {
  getPhoneNumber: 'button.getPhoneNumber',
  getRealtimePhoneNumber: 'button.getRealtimePhoneNumber',
  chooseAvatar: 'button.chooseAvatar',
  getUserInfo: 'button.getUserInfo',
};

/** Privacy APIs a piece of script calls (`wx.chooseMedia(`, `wx['getLocation'](`), by name. */
function privacyApisInScript(source: string): string[] {
  const found = new Set<string>();
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
  for (const m of code.matchAll(/\bwx\s*(?:\.\s*(\w+)|\[\s*['"](\w+)['"]\s*\])/g)) {
    const api = m[1] ?? m[2];
    if (PRIVACY_APIS.includes(api)) found.add(api);
  }
  return [...found];
}

/** Privacy features a template uses: open-type buttons, nickname inputs, the camera. */
function privacyApisInTemplate(wxml: string): string[] {
  const found = new Set<string>();
  const markup = wxml.replace(/<!--[\s\S]*?-->/g, '');
  for (const m of markup.matchAll(/open-type\s*=\s*["']([^"']+)["']/g)) {
    for (const t of m[1].split(/[|\s]+/)) if (PRIVACY_OPEN_TYPES[t]) found.add(PRIVACY_OPEN_TYPES[t]);
  }
  if (/<input[^>]*type\s*=\s*["']nickname["']/.test(markup)) found.add('input.nickname');
  if (/<camera[\s>/]/.test(markup)) found.add('camera');
  return [...found];
}

const declaredApis = new Set(guide.collected.flatMap((c) => c.apis));

/** Privacy uses not declared in the guide (or, for location, not in requiredPrivateInfos). */
function undeclared(uses: string[], required: string[] = appJson.requiredPrivateInfos ?? []): string[] {
  const problems: string[] = [];
  for (const api of uses) {
    if (!declaredApis.has(api)) problems.push(`${api} is not declared in privacy/guide.json`);
    if (REQUIRED_PRIVATE_INFOS.includes(api) && !required.includes(api)) {
      problems.push(`${api} is not listed in app.json requiredPrivateInfos`);
    }
  }
  return problems;
}

// ---- tests ------------------------------------------------------------------------------------------

describe('app.json', () => {
  it('has the three tab pages in the main package, in order 首页 / 我的案件 / 我的', () => {
    expect(appJson.tabBar?.list.map((t) => t.pagePath)).toEqual([
      'pages/home/index/index',
      'pages/cases/index/index',
      'pages/me/index/index',
    ]);
    for (const tab of appJson.tabBar!.list) expect(mainPages).toContain(tab.pagePath);
  });

  it('every tab has an icon and a selected icon: 81×81 PNGs in the main package (scripts/tabbar-icons.mjs draws them)', () => {
    for (const tab of appJson.tabBar!.list) {
      for (const icon of [tab.iconPath, tab.selectedIconPath]) {
        expect(icon).toMatch(/^assets\/tabbar\/[a-z-]+\.png$/);
        const png = fs.readFileSync(path.join(MP_ROOT, icon!));
        expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
        // IHDR: width and height, big-endian, at bytes 16 and 20.
        expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([81, 81]);
        expect(png.length).toBeLessThan(40 * 1024);
      }
      expect(tab.selectedIconPath).not.toBe(tab.iconPath);
    }
  });

  it('has one subpackage per role', () => {
    expect(subPackages.map((p) => p.root).sort()).toEqual(
      ['pkg-director', 'pkg-intake', 'pkg-mediator', 'pkg-officer', 'pkg-resident', 'pkg-respondent', 'pkg-supervisor'].sort(),
    );
    for (const p of subPackages) expect(p.pages.length).toBeGreaterThan(0);
  });

  it.each(allPages)('page %s has its four files', (page) => {
    const missing = ['.ts', '.wxml', '.wxss', '.json'].filter((ext) => !exists(path.join(MP_ROOT, page + ext)));
    expect(missing).toEqual([]);
  });

  it('pages follow pages/<area>/<page>/index', () => {
    const bad = allPages.filter((p) => !/^(pkg-[a-z]+\/)?pages\/[a-z0-9-]+\/[a-z0-9-]+\/index$/.test(p));
    expect(bad).toEqual([]);
  });

  it('preload rules name real pages and packages', () => {
    const names = new Set(subPackages.flatMap((p) => [p.root, p.name].filter(Boolean) as string[]));
    for (const [page, rule] of Object.entries(appJson.preloadRule ?? {})) {
      expect(allPages).toContain(page);
      for (const pkg of rule.packages) expect(names.has(pkg) || pkg === '__APP__').toBe(true);
    }
  });
});

describe('components', () => {
  const ownComponents = listFiles(MP_ROOT, ['.json'])
    .filter((f) => f.includes(`${path.sep}components${path.sep}`))
    .map((f) => f.slice(0, -'.json'.length));
  const roots = [...allPages.map((p) => path.join(MP_ROOT, p)), ...ownComponents];
  const edges = roots.flatMap((r) => componentTree(rel(r)));

  it('every usingComponents path (relative, absolute, tdesign) resolves to a component', () => {
    const broken = edges
      .filter((e) => e.target && !['.json', '.wxml', '.js'].every((x) => exists(e.target + x) || (x === '.js' && exists(e.target + '.ts'))))
      .map((e) => `${rel(e.from)}: ${e.tag} → ${e.value}`);
    expect(broken).toEqual([]);
  });

  it('TDesign components are used through the npm path, so 构建 npm can pack them', () => {
    const bad = edges.filter((e) => /miniprogram_npm|node_modules/.test(e.value)).map((e) => `${rel(e.from)}: ${e.value}`);
    expect(bad).toEqual([]);
  });

  it('no package uses a component that lives in another subpackage', () => {
    const crossing = edges
      .filter((e) => e.target && !e.target.startsWith(TDESIGN_ROOT))
      .filter((e) => {
        const to = packageOf(e.target!);
        return to !== 'main' && to !== packageOf(e.from);
      })
      .map((e) => `${rel(e.from)} → ${e.value}`);
    expect(crossing).toEqual([]);
  });

  it('the resolver checks what it claims: a missing component is reported', () => {
    const target = resolveUsingComponent(path.join(MP_ROOT, 'pages/home/index/index.json'), 'tdesign-miniprogram/no-such/thing');
    expect(exists(`${target}.json`)).toBe(false);
  });
});

describe('pages share the everyday building blocks', () => {
  it.each(allPages)('%s is defined with the page kit (which brings large text) and uses it on its root view', (page) => {
    const ts = read(path.join(MP_ROOT, `${page}.ts`));
    const wxml = read(path.join(MP_ROOT, `${page}.wxml`)).trim();
    expect(ts).toMatch(/\bdefinePage\(/);
    expect(wxml).toMatch(/^<view class="\{\{pageClass\}\}"/);
  });

  it('every route in utils/routes.ts and every page URL in the code is a page in app.json', () => {
    const sources = listFiles(MP_ROOT, ['.ts', '.wxml']).map(read).join('\n');
    const urls = [...sources.matchAll(/['"`](\/(?:pages|pkg-[a-z]+)\/[^'"`?$]+)/g)].map((m) => m[1].replace(/^\//, ''));
    expect(urls.length).toBeGreaterThan(5);
    expect(urls.filter((u) => !allPages.includes(u))).toEqual([]);
  });
});

describe('module boundaries', () => {
  it('mini-program code loads nothing from outside miniprogram/ at runtime (types only), and no npm package but TDesign', () => {
    const problems: string[] = [];
    for (const file of listFiles(MP_ROOT, ['.ts'])) {
      const code = read(file);
      for (const m of code.matchAll(/^\s*(import|export)\s+(type\s+)?[^;]*?from\s+['"]([^'"]+)['"]/gm)) {
        if (m[2]) continue; // `import type` / `export type` vanish when compiled
        const spec = m[3];
        if (spec.startsWith('.')) {
          const target = path.resolve(path.dirname(file), spec);
          if (!target.startsWith(MP_ROOT + path.sep)) problems.push(`${rel(file)} imports ${spec}`);
        } else if (!spec.startsWith('tdesign-miniprogram/')) {
          problems.push(`${rel(file)} imports package ${spec}`);
        }
      }
      for (const m of code.matchAll(/\brequire\(\s*['"]([^'"]+)['"]/g)) problems.push(`${rel(file)} requires ${m[1]}`);
    }
    expect(problems).toEqual([]);
  });
});

describe('privacy declarations', () => {
  const scripts = listFiles(MP_ROOT, ['.ts', '.js']);
  const templates = listFiles(MP_ROOT, ['.wxml']);

  it('every privacy API the code calls is declared (guide, and requiredPrivateInfos for location)', () => {
    const uses = [...new Set([...scripts.flatMap((f) => privacyApisInScript(read(f))), ...templates.flatMap((f) => privacyApisInTemplate(read(f)))])];
    expect(undeclared(uses)).toEqual([]);
  });

  it('requiredPrivateInfos only lists APIs WeChat accepts there', () => {
    for (const api of appJson.requiredPrivateInfos ?? []) expect(REQUIRED_PRIVATE_INFOS).toContain(api);
  });

  it('a page that uses a privacy feature carries <privacy-popup>, so the user can answer', () => {
    const missing = allPages.filter((page) => {
      const files = [path.join(MP_ROOT, page), ...componentTree(page).map((e) => e.target).filter((t): t is string => !!t && !t.startsWith(TDESIGN_ROOT))];
      const uses = files.flatMap((f) => [
        ...(exists(`${f}.ts`) ? privacyApisInScript(read(`${f}.ts`)) : []),
        ...(exists(`${f}.wxml`) ? privacyApisInTemplate(read(`${f}.wxml`)) : []),
      ]);
      return uses.length > 0 && !read(path.join(MP_ROOT, `${page}.wxml`)).includes('<privacy-popup');
    });
    expect(missing).toEqual([]);
  });

  it('the scanners find what a new flow would add, and flag what is undeclared', () => {
    expect(privacyApisInScript("wx.chooseMedia({ count: 9 }); wx['getLocation']({}); wx.makePhoneCall({ phoneNumber: '110' })").sort()).toEqual(['chooseMedia', 'getLocation']);
    expect(privacyApisInScript('// wx.chooseMedia() in a comment')).toEqual([]);
    expect(privacyApisInTemplate('<button open-type="getPhoneNumber" bindgetphonenumber="onPhone">授权手机号</button>')).toEqual(['button.getPhoneNumber']);
    expect(privacyApisInTemplate('<t-button open-type="chooseAvatar">头像</t-button><input type="nickname" />').sort()).toEqual(['button.chooseAvatar', 'input.nickname']);
    expect(undeclared(['getLocation'], [])).toEqual(['getLocation is not listed in app.json requiredPrivateInfos']);
    expect(undeclared(['getWeRunData'], [])).toEqual(['getWeRunData is not declared in privacy/guide.json']);
  });
});
