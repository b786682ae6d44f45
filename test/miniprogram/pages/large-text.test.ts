import * as fs from 'fs';
import * as path from 'path';
import { currentWx } from '../helpers/wx-stub';
import { MP_ROOT, loadPage, mp, sleep, tap, visibleText } from '../helpers/simulate';
import { FakeTransport, err, fail, ok, useFakeTransport } from '../helpers/fake-transport';

const rootClass = (page: { dom: HTMLElement }) => (page.dom.firstElementChild as HTMLElement).className;

describe('大字模式 (large text)', () => {
  it('is off by default', () => {
    const page = loadPage('pages/home/index/index');
    expect(rootClass(page)).toContain('app-page');
    expect(rootClass(page)).not.toContain('app-page--large');
  });

  it('a stored preference enlarges pages in the main package and in subpackages', () => {
    currentWx().storage.set('prefs.v1', { largeText: true });
    expect(rootClass(loadPage('pages/home/index/index'))).toContain('app-page--large');
    currentWx().storage.set('prefs.v1', { largeText: true });
    expect(rootClass(loadPage('pkg-mediator/pages/workbench/index/index'))).toContain('app-page--large');
  });

  it('the switch on 我的 turns it on at once, for the open page and the pages behind it, and remembers it', async () => {
    const me = loadPage('pages/me/index/index');
    // A second page rendered from the same modules stands in for the tab pages kept alive behind.
    const { largeTextBehavior } = mp('behaviors/large-text');
    const other = require('miniprogram-simulate');
    const behind = other.render(
      other.load({ template: '<view class="{{pageClass}}">首页</view>', behaviors: [largeTextBehavior] }),
    );
    behind.attach(document.createElement('parent-wrapper'));
    expect(rootClass(me)).not.toContain('app-page--large');

    await tap(me, '#large-text');

    expect(rootClass(me)).toContain('app-page--large');
    expect(rootClass(behind)).toContain('app-page--large');
    expect(currentWx().storage.get('prefs.v1')).toEqual({ largeText: true });

    await tap(me, '#large-text');
    expect(rootClass(me)).not.toContain('app-page--large');
    expect(currentWx().storage.get('prefs.v1')).toEqual({ largeText: false });
  });

  it('the switch is saved to the account, so it follows the person to another phone', async () => {
    const fake = new FakeTransport().reply('user', 'setPreferences', ok({ prefs: { largeText: true } }), ok({ prefs: { largeText: false } }));
    const me = loadPage('pages/me/index/index', { before: () => useFakeTransport(fake) });
    await tap(me, '#large-text');
    await sleep();
    const saved = fake.callsTo('user', 'setPreferences');
    expect(saved.map((c) => c.data)).toEqual([{ largeText: true }]);
    expect(saved[0].requestId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  });

  it('without a connection the switch still works on this phone and says it was not saved to the account', async () => {
    const fake = new FakeTransport().reply('user', 'setPreferences', fail('network'));
    const me = loadPage('pages/me/index/index', { before: () => useFakeTransport(fake) });
    await tap(me, '#large-text');
    await sleep(20);
    expect(rootClass(me)).toContain('app-page--large');
    expect(currentWx().storage.get('prefs.v1')).toEqual({ largeText: true });
    expect(currentWx().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已在本机设置，未能保存到账号' }));
  });

  it("at launch the account's choice is applied on this phone; a new or unreachable account changes nothing", async () => {
    const load = (answer: Parameters<FakeTransport['reply']>[2]) => {
      loadPage('pages/home/index/index', { before: () => useFakeTransport(new FakeTransport().reply('user', 'me', answer)) });
      return mp<typeof import('../../../miniprogram/utils/prefs-sync')>('utils/prefs-sync');
    };
    await load(ok({ prefs: { largeText: true }, roles: [], registered: true })).applyAccountPrefs();
    expect(currentWx().storage.get('prefs.v1')).toEqual({ largeText: true });

    currentWx().storage.clear();
    await load(ok({ prefs: { largeText: true }, roles: [], registered: false })).applyAccountPrefs();
    expect(currentWx().storage.get('prefs.v1')).toBeUndefined();
    await load(err('INTERNAL')).applyAccountPrefs();
    expect(currentWx().storage.get('prefs.v1')).toBeUndefined();
  });

  describe("following WeChat's own font size (我-设置-通用-字体大小, 关怀模式) until the person chooses", () => {
    const wechatFont = (px: number) => currentWx().getAppBaseInfo.mockReturnValue({ SDKVersion: '3.8.0', fontSizeSetting: px });

    it('is on when WeChat is set above the standard size, off at the standard size', () => {
      wechatFont(20);
      expect(rootClass(loadPage('pages/home/index/index'))).toContain('app-page--large');
      wechatFont(17);
      expect(rootClass(loadPage('pages/home/index/index'))).not.toContain('app-page--large');
    });

    it('reads the older getSystemInfoSync where getAppBaseInfo is missing', () => {
      const wx = currentWx() as unknown as Record<string, unknown>;
      delete wx.getAppBaseInfo;
      currentWx().getSystemInfoSync.mockReturnValue({ platform: 'android', fontSizeSetting: 22 });
      expect(rootClass(loadPage('pages/home/index/index'))).toContain('app-page--large');
    });

    it('a person who turned it off keeps it off, though WeChat\'s font stays large', async () => {
      wechatFont(20);
      const home = loadPage('pages/home/index/index');
      expect(home.querySelector('#large-text')!.data.value).toBe(true);
      await tap(home, '#large-text');
      expect(rootClass(home)).not.toContain('app-page--large');
      home.detach();
      expect(rootClass(loadPage('pages/me/index/index'))).not.toContain('app-page--large');
    });

    it("an account's default off does not undo large text that follows WeChat; an off chosen on another phone undoes an on chosen here", async () => {
      const launch = async (answer: Parameters<FakeTransport['reply']>[2]) => {
        loadPage('pages/home/index/index', { before: () => useFakeTransport(new FakeTransport().reply('user', 'me', answer)) });
        await mp<typeof import('../../../miniprogram/utils/prefs-sync')>('utils/prefs-sync').applyAccountPrefs();
      };
      wechatFont(20);
      await launch(ok({ prefs: { largeText: false }, roles: [], registered: true }));
      expect(currentWx().storage.get('prefs.v1')).toBeUndefined();
      expect(rootClass(loadPage('pages/home/index/index'))).toContain('app-page--large');

      currentWx().storage.set('prefs.v1', { largeText: true });
      wechatFont(17);
      await launch(ok({ prefs: { largeText: false }, roles: [], registered: true }));
      expect(currentWx().storage.get('prefs.v1')).toEqual({ largeText: false });
    });
  });

  it('the switch on 首页 turns it on at once and saves it to the account, as on 我的', async () => {
    const fake = new FakeTransport().reply('user', 'setPreferences', ok({ prefs: { largeText: true } }));
    const home = loadPage('pages/home/index/index', { before: () => useFakeTransport(fake) });
    expect(visibleText(home.querySelector('#large-text-row')!)).toContain('大字模式');
    await tap(home, '#large-text');
    await sleep();
    expect(rootClass(home)).toContain('app-page--large');
    expect(currentWx().storage.get('prefs.v1')).toEqual({ largeText: true });
    expect(fake.callsTo('user', 'setPreferences').map((c) => c.data)).toEqual([{ largeText: true }]);
    expect(visibleText(home.querySelector('#large-text-row')!)).toContain('点这里可恢复');
  });

  it.each(['pages/home/index/index', 'pages/me/index/index'])('on %s the whole 大字模式 row is the switch, and a tap on the switch itself counts once', async (pagePath) => {
    const home = loadPage(pagePath);
    await tap(home, '#large-text-cell');
    expect(rootClass(home)).toContain('app-page--large');
    await tap(home, '#large-text');
    expect(rootClass(home)).not.toContain('app-page--large');
    expect(currentWx().storage.get('prefs.v1')).toEqual({ largeText: false });
  });

  it("the wizard's step labels hold on one line in large text: each label at TDesign's step-title size in large text (19 px) fits a seventh of a 375 px screen", () => {
    const { STEP_LABELS } = require('../../../miniprogram/pkg-resident/pages/dispute/apply/form') as { STEP_LABELS: string[] };
    const wxss = fs.readFileSync(path.join(MP_ROOT, 'app.wxss'), 'utf8');
    // TDesign draws a step's title in its body-medium font.
    const titlePx = Number(/\.app-page--large\s*\{[^}]*--td-font-body-medium:\s*(\d+)rpx/.exec(wxss)?.[1]) / 2;
    expect(titlePx).toBeGreaterThanOrEqual(18);
    for (const label of STEP_LABELS) expect(label.length * titlePx).toBeLessThanOrEqual((375 - 64) / STEP_LABELS.length);
  });

  it('the large class really raises the text sizes in app.wxss', () => {
    const wxss = fs.readFileSync(path.join(MP_ROOT, 'app.wxss'), 'utf8');
    const block = (selector: string) => {
      const m = new RegExp(`\\${selector}\\s*\\{([^}]*)\\}`).exec(wxss);
      if (!m) throw new Error(`${selector} missing from app.wxss`);
      return m[1];
    };
    const size = (css: string, name: string) => Number(new RegExp(`${name}:\\s*(\\d+)rpx`).exec(css)?.[1]);
    for (const v of ['--app-fs-small', '--app-fs-body', '--app-fs-title']) {
      expect(size(block('.app-page--large'), v)).toBeGreaterThanOrEqual(size(block('.app-page'), v) * 1.25);
    }
    // TDesign's body text token, which its buttons and cells use, is raised too.
    expect(block('.app-page--large')).toMatch(/--td-font-body-medium:\s*3[6-9]rpx|--td-font-body-medium:\s*4\drpx/);
  });
});
