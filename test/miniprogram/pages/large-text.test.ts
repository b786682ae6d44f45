import * as fs from 'fs';
import * as path from 'path';
import { currentWx } from '../helpers/wx-stub';
import { MP_ROOT, loadPage, mp, sleep, tap } from '../helpers/simulate';
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
