// The phone every screen is drawn on: an iPhone X-sized screen (375×812 CSS px, photographed at device scale 2)
// with WeChat's own parts drawn around the page — status bar, navigation bar (title, back arrow, the capsule),
// the tab bar on tab pages and the home indicator. The page itself lives in `.mp-window`, which is where
// WeChat's web view is: below the navigation bar, above the tab bar (tab pages) or down to the bottom edge, under
// the home indicator (other pages). Shared by the rendering step (jsdom) and the browser step (checks).

export const SCREEN = { width: 375, height: 812, scale: 2 } as const;
export const STATUS_BAR = 44;
export const NAV_BAR = 44;
/** WeChat's tab bar: 49 px of items plus the 34 px safe area under them. */
export const TAB_BAR = 49;
/** iPhone X's bottom safe area: `env(safe-area-inset-bottom)`; the home indicator sits in it. */
export const SAFE_BOTTOM = 34;
export const PAGE_TOP = STATUS_BAR + NAV_BAR;

export interface Bars {
  /** Bottom edge of the navigation bar: page content above it is hidden. */
  navBottom: number;
  /** Top edge of the tab bar (tab pages), or null. */
  tabTop: number | null;
  /** Top edge of the home indicator's area; on tab pages it is inside the tab bar. */
  homeTop: number;
  /** The web view: where the page is. */
  window: { top: number; height: number };
}

export function barsFor(tabPage: boolean): Bars {
  const tabTop = tabPage ? SCREEN.height - SAFE_BOTTOM - TAB_BAR : null;
  const bottom = tabTop ?? SCREEN.height;
  return {
    navBottom: PAGE_TOP,
    tabTop,
    homeTop: SCREEN.height - SAFE_BOTTOM,
    window: { top: PAGE_TOP, height: bottom - PAGE_TOP },
  };
}

/** What `env(safe-area-inset-bottom)` is inside the web view: 34 px where it reaches the bottom edge, 0 above a tab bar. */
export const safeAreaBottom = (tabPage: boolean): number => (tabPage ? 0 : SAFE_BOTTOM);

export interface FrameOptions {
  title: string;
  /** Tab pages: the tab bar's items and which is current. */
  /** Each tab's text and, when app.json gives them, its icon and selected icon (data URIs). */
  tabs?: { items: Array<{ text: string; icon?: string; selectedIcon?: string }>; current: number; color: string; selectedColor: string };
  /** A page opened from another one: the back arrow. */
  back: boolean;
  navBackground: string;
  navTextColor: string;
  windowBackground: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export const FRAME_CSS = `
html, body { margin: 0; padding: 0; }
body { width: ${SCREEN.width}px; height: ${SCREEN.height}px; overflow: hidden; background: #000; }
.mp-screen { position: relative; width: ${SCREEN.width}px; height: ${SCREEN.height}px; overflow: hidden; font-family: 'PingFang SC', 'Noto Sans CJK SC', sans-serif; }
.mp-status { position: absolute; top: 0; left: 0; right: 0; height: ${STATUS_BAR}px; display: flex; align-items: center; justify-content: space-between; padding: 0 28px 0 32px; box-sizing: border-box; font: 600 15px/1 'Liberation Sans', 'Noto Sans CJK SC', sans-serif; z-index: 3; }
.mp-status__icons { display: flex; gap: 6px; align-items: center; }
.mp-status__signal { display: flex; gap: 2px; align-items: flex-end; height: 11px; }
.mp-status__signal i { display: block; width: 3px; background: currentColor; border-radius: 1px; }
.mp-status__battery { width: 24px; height: 11px; border: 1.5px solid currentColor; border-radius: 3px; box-sizing: border-box; padding: 1px; opacity: .9; }
.mp-status__battery i { display: block; height: 100%; width: 80%; background: currentColor; border-radius: 1px; }
.mp-nav { position: absolute; top: ${STATUS_BAR}px; left: 0; right: 0; height: ${NAV_BAR}px; display: flex; align-items: center; justify-content: center; z-index: 3; }
.mp-nav__title { font: 600 17px/1 'PingFang SC', 'Noto Sans CJK SC', sans-serif; max-width: 200px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.mp-nav__back { position: absolute; left: 8px; top: 10px; width: 24px; height: 24px; }
.mp-nav__back::before { content: ''; position: absolute; left: 8px; top: 6px; width: 10px; height: 10px; border-left: 2px solid currentColor; border-bottom: 2px solid currentColor; transform: rotate(45deg); }
.mp-capsule { position: absolute; right: 7px; top: 6px; width: 87px; height: 32px; box-sizing: border-box; border: 0.5px solid rgba(0,0,0,.15); border-radius: 16px; background: rgba(255,255,255,.6); display: flex; align-items: center; }
.mp-capsule__more { flex: 1; display: flex; justify-content: center; gap: 3px; }
.mp-capsule__more i { width: 4px; height: 4px; border-radius: 50%; background: currentColor; }
.mp-capsule__more i:nth-child(2) { width: 6px; height: 6px; margin-top: -1px; }
.mp-capsule__sep { width: 0.5px; height: 18px; background: rgba(0,0,0,.2); }
.mp-capsule__close { flex: 1; display: flex; justify-content: center; }
.mp-capsule__close i { width: 14px; height: 14px; border-radius: 50%; border: 2px solid currentColor; box-sizing: border-box; position: relative; }
.mp-capsule__close i::after { content: ''; position: absolute; left: 3px; top: 3px; width: 4px; height: 4px; border-radius: 50%; background: currentColor; }
.mp-window { position: absolute; left: 0; right: 0; overflow: hidden; transform: translateZ(0); }
.mp-scroll { height: 100%; overflow-x: hidden; overflow-y: auto; scrollbar-width: none; }
.mp-scroll::-webkit-scrollbar { display: none; }
.mp-tabbar { position: absolute; left: 0; right: 0; bottom: 0; height: ${TAB_BAR + SAFE_BOTTOM}px; padding-bottom: ${SAFE_BOTTOM}px; box-sizing: border-box; display: flex; border-top: 0.5px solid rgba(0,0,0,.33); z-index: 3; }
.mp-tabbar__item { flex: 1; display: flex; flex-direction: column; gap: 3px; align-items: center; justify-content: center; font: 12px/1 'PingFang SC', 'Noto Sans CJK SC', sans-serif; }
.mp-tabbar__icon { width: 24px; height: 24px; }
.mp-tabbar__item--on { font-weight: 600; }
.mp-home { position: absolute; left: 0; right: 0; bottom: 0; height: ${SAFE_BOTTOM}px; pointer-events: none; z-index: 4; }
.mp-home i { position: absolute; left: 50%; bottom: 8px; width: 134px; height: 5px; margin-left: -67px; border-radius: 3px; background: #000; }
`;

/** The phone around a page: `pageHtml` goes into the web view. */
export function frameHtml(pageHtml: string, o: FrameOptions): string {
  const bars = barsFor(Boolean(o.tabs));
  const nav = `background:${o.navBackground};color:${o.navTextColor}`;
  const signal = [4, 6, 8, 11].map((h) => `<i style="height:${h}px"></i>`).join('');
  const tabbar = o.tabs
    ? `<div class="mp-tabbar mp-frame" data-mp-bar="tab" style="background:#fff">${o.tabs.items
        .map((t, i) => {
          const on = i === o.tabs!.current;
          const icon = on ? t.selectedIcon : t.icon;
          const img = icon ? `<img class="mp-tabbar__icon" src="${icon}" alt="">` : '';
          return `<div class="mp-tabbar__item${on ? ' mp-tabbar__item--on' : ''}" style="color:${on ? o.tabs!.selectedColor : o.tabs!.color}">${img}${esc(t.text)}</div>`;
        })
        .join('')}</div>`
    : '';
  return [
    `<div class="mp-screen">`,
    `<div class="mp-status mp-frame" data-mp-bar="status" style="${nav}"><span>9:41</span><span class="mp-status__icons"><span class="mp-status__signal">${signal}</span><span class="mp-status__battery"><i></i></span></span></div>`,
    `<div class="mp-nav mp-frame" data-mp-bar="nav" style="${nav}">`,
    o.back ? `<span class="mp-nav__back" aria-label="返回"></span>` : '',
    `<span class="mp-nav__title">${esc(o.title)}</span>`,
    `<span class="mp-capsule"><span class="mp-capsule__more"><i></i><i></i><i></i></span><span class="mp-capsule__sep"></span><span class="mp-capsule__close"><i></i></span></span>`,
    `</div>`,
    `<div class="mp-window" id="mp-window" style="top:${bars.window.top}px;height:${bars.window.height}px;background:${o.windowBackground}">`,
    `<div class="mp-scroll" id="mp-scroll">${pageHtml}</div>`,
    `</div>`,
    tabbar,
    `<div class="mp-home mp-frame" data-mp-bar="home"><i></i></div>`,
    `</div>`,
  ].join('');
}
