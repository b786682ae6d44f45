// The rendering step of `npm run screenshots` (page → one HTML file), without a browser: every page of app.json
// renders as a phone screen with its styles, the phone's bars, no unresolved template text and nothing the page
// rendered left off the screen; the two defects the first shots showed stay fixed. The browser step (photos and
// the checks on the real layout) is `npm run screenshots`, not part of `npm test`.
import { freezeClock, renderScreen, type RenderedScreen } from '../../../scripts/screenshots/render-screen';
import { allScreens, PAGES, type Screen } from '../../../scripts/screenshots/screens';
import { NAV_BAR, PAGE_TOP, SAFE_BOTTOM, STATUS_BAR, TAB_BAR } from '../../../scripts/screenshots/phone';

jest.setTimeout(60_000);
beforeAll(freezeClock);
afterAll(() => jest.useRealTimers());

const screens = allScreens();
const screen = (id: string): Screen => screens.find((s) => s.id === id)!;

/** The written file, parsed again (as the browser will read it). */
function parse(r: RenderedScreen): Document {
  return new DOMParser().parseFromString(r.html, 'text/html');
}
const css = (doc: Document) => Array.from(doc.querySelectorAll('style')).map((s) => s.textContent ?? '').join('\n');
const text = (el: Element | null) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** One screen of each page, with data (the first the list has). */
const firstOfEachPage = [...new Map(screens.filter((s) => !s.largeText).map((s) => [s.page, s] as const)).values()];

describe.each(firstOfEachPage.map((s) => [s.page, s] as const))('%s', (_page, s) => {
  let r: RenderedScreen;
  let doc: Document;
  beforeAll(async () => {
    r = await renderScreen(s);
    doc = parse(r);
  });

  it('is drawn in the phone: status bar, navigation bar with its title, the web view, the home indicator', () => {
    const nav = doc.querySelector('[data-mp-bar="nav"]');
    expect(doc.querySelector('[data-mp-bar="status"]')).toBeTruthy();
    expect(text(nav)).not.toBe('');
    expect(doc.querySelector('[data-mp-bar="home"]')).toBeTruthy();
    const win = doc.getElementById('mp-window') as HTMLElement;
    expect(win.style.top).toBe(`${STATUS_BAR + NAV_BAR}px`);
    const tabs = doc.querySelector('[data-mp-bar="tab"]');
    if (r.meta.tabPage) {
      expect(Array.from(tabs!.children).map(text)).toEqual(['首页', '我的案件', '我的']);
      expect(win.style.height).toBe(`${812 - PAGE_TOP - TAB_BAR - SAFE_BOTTOM}px`);
    } else {
      expect(tabs).toBeNull();
      expect(win.style.height).toBe(`${812 - PAGE_TOP}px`);
      expect(nav!.querySelector('.mp-nav__back')).toBeTruthy();
    }
  });

  it('carries its styles: the page’s, TDesign’s, app.wxss, the fonts and the built-in tags; rpx and `page` converted', () => {
    const all = css(doc);
    expect(all).toMatch(/\.main--app-page\{/); // app.wxss, with the page's class prefix
    expect(all).toMatch(/\.t-[a-z-]+--t-[a-z-]+/); // TDesign's, prefixed by their tags
    expect(all).toContain("@font-face { font-family: 'PingFang SC'");
    expect(all).toContain(':where(wx-view');
    expect(all).not.toMatch(/\d+rpx/);
    expect(all).not.toMatch(/(^|[{},])\s*page\s*[{,]/);
    expect(all).not.toMatch(/url\(\s*['"]?https?:/);
    const root = doc.querySelector('#mp-scroll > main > wx-view');
    expect(root?.getAttribute('class')).toContain('main--app-page');
  });

  it('shows its data: text on the page, nothing unresolved, nothing rendered but left off', () => {
    expect(text(doc.getElementById('mp-scroll')).length).toBeGreaterThan(2);
    expect(r.meta.unresolved).toEqual([]);
    expect(r.meta.undrawn).toEqual([]);
    expect(r.meta.missingIcons).toEqual([]);
  });

  it('marks its tap targets and draws its fields as real fields', () => {
    for (const field of Array.from(doc.querySelectorAll('[data-mp-field]'))) {
      expect(['INPUT', 'TEXTAREA']).toContain(field.tagName);
      expect(field.hasAttribute('data-mp-tap')).toBe(true);
    }
    for (const button of Array.from(doc.querySelectorAll('#mp-scroll wx-button'))) expect(button.hasAttribute('data-mp-tap')).toBe(true);
  });
});

describe('what the first shots showed, fixed', () => {
  it('我的案件 with no case keeps its 我要调解 button (state-view’s named slot needs multipleSlots)', async () => {
    const r = await renderScreen(screen('resident/cases-empty'));
    expect(r.meta.undrawn).toEqual([]);
    const doc = parse(r);
    const button = doc.querySelector('[data-mp-id="empty-apply"]');
    expect(text(button)).toBe('我要调解');
    expect(doc.querySelector('[data-mp-id="state"]')?.contains(button)).toBe(true);
  });

  it('the wizard’s 上一步 / 下一步 share the bar fixed to the bottom: each button carries the class that gives it half the width', async () => {
    const r = await renderScreen(screen('resident/apply-2-what'));
    const doc = parse(r);
    const back = doc.querySelector('[data-mp-id="back"]')!;
    const next = doc.querySelector('[data-mp-id="next"]')!;
    for (const b of [back, next]) {
      expect(b.tagName).toBe('WX-BUTTON');
      expect(b.getAttribute('class')).toContain('main--ap-bar__btn');
      expect(b.parentElement?.getAttribute('class')).toContain('main--ap-bar');
    }
    expect(css(doc)).toMatch(/\.main--ap-bar__btn\{flex:1;margin:0\}/);
    expect(css(doc)).toMatch(/\.main--ap-bar\{position:fixed;left:0;right:0;bottom:0;/);
  });

  it('the bottom buttons clear the home indicator: the page pads by the safe area the phone has', async () => {
    const r = await renderScreen(screen('resident/apply-1-type'));
    const all = css(parse(r));
    expect(all).toContain(`padding-bottom:${SAFE_BOTTOM}px`);
    expect(all).not.toMatch(/env\(safe-area/);
  });

  it('the wizard’s chosen times are highlighted: chosen in the data, primary on screen, and expected to look different', async () => {
    const r = await renderScreen(screen('resident/apply-6-times'));
    const chosen = (r.page.instance.data.timeOptions as Array<{ value: string; chosen: boolean }>).filter((t) => t.chosen).map((t) => t.value);
    expect(chosen).toEqual(['工作日下午', '周末']);
    const doc = parse(r);
    expect(doc.querySelector('[data-mp-id="time-1"]')?.getAttribute('class')).toContain('t-button--primary');
    expect(doc.querySelector('[data-mp-id="time-0"]')?.getAttribute('class')).not.toContain('t-button--primary');
    expect(r.meta.expect.distinct?.map(([a, b]) => [a, b])).toEqual([
      ['time-1', 'time-0'],
      ['time-3', 'time-0'],
    ]);
  });

  it('large-text mode reaches the page: the large class on its root, and its screens say so', async () => {
    const r = await renderScreen(screen('resident/apply-1-type--large'));
    expect(r.meta.largeText).toBe(true);
    expect(parse(r).querySelector('#mp-scroll > main > wx-view')?.getAttribute('class')).toContain('main--app-page--large');
  });
});

describe('a staff page opened without the role', () => {
  it('shows the refusal, not an empty page', async () => {
    const r = await renderScreen(screen('mediator/workbench-refused'));
    expect(text(parse(r).getElementById('mp-scroll'))).toContain('此页面仅供调解员使用');
  });
});

it('every screen of a resident page renders (the wizard, the case page at every stage)', async () => {
  for (const s of screens.filter((x) => (x.page === PAGES.apply || x.page === PAGES.detail) && !x.largeText)) {
    const r = await renderScreen(s);
    expect({ id: s.id, unresolved: r.meta.unresolved, undrawn: r.meta.undrawn }).toEqual({ id: s.id, unresolved: [], undrawn: [] });
  }
});
