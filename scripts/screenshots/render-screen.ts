// One screen, rendered: its page opened as WeChat opens it (onLoad with the query, then onShow) against the
// scripted answers, the person's taps made, and the result written out as a phone screen in HTML. Runs under
// jest's jsdom (the miniprogram project's setup installs a fresh `wx` before each test).
import * as fs from 'fs';
import * as path from 'path';
import { FakeTransport, useFakeTransport } from '../../test/miniprogram/helpers/fake-transport';
import { loadPage, REPO_ROOT, sleep, type RenderedComponent } from '../../test/miniprogram/helpers/simulate';
import { installWx } from '../../test/miniprogram/helpers/wx-stub';
import { NOW } from './demo-data';
import { pageToHtml, patchSimulate, rememberReadied } from './render-html';
import type { Role } from './roles';
import type { Expectations, Screen } from './screens';

export const OUT_DIR = path.join(REPO_ROOT, 'screenshots');
export const HTML_DIR = path.join(OUT_DIR, 'html');

/** What the browser step needs to know about a screen besides its HTML. */
export interface ScreenMeta {
  id: string;
  /** Position in the list of screens (the report's order). */
  index: number;
  role: Role;
  page: string;
  state: string;
  largeText: boolean;
  gallery: boolean;
  tabPage: boolean;
  /** Rendered content missing from the page (a slot that did not take it). */
  undrawn: string[];
  missingIcons: string[];
  expect: Expectations;
  /** Text showing `{{…}}`, undefined, NaN…: data the template could not show (see UNRESOLVED). */
  unresolved: string[];
}

export interface RenderedScreen {
  meta: ScreenMeta;
  html: string;
  page: RenderedComponent;
}

/**
 * Freezes the clock at the screens' "now" (Date only: timers keep running, the pages wait on them). Call once per
 * test file, in beforeAll.
 */
export function freezeClock(): void {
  jest.useFakeTimers({
    now: NOW,
    doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
  });
}

/** Opens the screen's page and brings it to the screen's state. */
export async function openScreen(screen: Screen): Promise<RenderedComponent> {
  const fake = new FakeTransport();
  screen.script?.(fake);
  // A fresh phone for every screen: no storage, no recorded calls.
  const wx = installWx();
  for (const [key, value] of Object.entries(screen.storage ?? {})) wx.setStorageSync(key, value);
  // Everything the page asks of WeChat succeeds unless the screen says otherwise (subscribe prompts, modals…).
  wx.requestSubscribeMessage = jest.fn((o: { success?: (r: unknown) => void; complete?: () => void }) => {
    o.success?.({ errMsg: 'requestSubscribeMessage:ok' });
    o.complete?.();
  });
  wx.pageScrollTo = jest.fn();
  const page = loadPage(screen.page, {
    before: () => {
      patchSimulate();
      useFakeTransport(fake);
    },
  });
  rememberReadied(page);
  if (typeof page.instance.onLoad === 'function') page.instance.onLoad(screen.query ?? {});
  if (typeof page.instance.onShow === 'function') page.instance.onShow();
  await sleep();
  await sleep();
  await screen.act?.(page);
  await sleep();
  return page;
}

/**
 * Text a person should never see: `{{…}}` (a binding the template could not evaluate) or what JavaScript prints for
 * missing data (undefined, NaN, null, [object Object]).
 */
export const UNRESOLVED = /\{\{|\}\}|\bundefined\b|\bNaN\b|\bnull\b|\[object Object\]/;

export function unresolvedText(dom: HTMLElement): string[] {
  const out: string[] = [];
  const walker = dom.ownerDocument.createTreeWalker(dom, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const t = n.textContent ?? '';
    if (UNRESOLVED.test(t)) out.push(t.trim().slice(0, 80));
  }
  for (const el of Array.from(dom.querySelectorAll('[data-mp-value], [data-mp-placeholder]'))) {
    for (const a of ['data-mp-value', 'data-mp-placeholder']) {
      const v = el.getAttribute(a) ?? '';
      if (UNRESOLVED.test(v)) out.push(v.slice(0, 80));
    }
  }
  return out;
}

export async function renderScreen(screen: Screen, index = 0): Promise<RenderedScreen> {
  const page = await openScreen(screen);
  const expectations = screen.expect?.(page) ?? {};
  const result = await pageToHtml(page, screen.page);
  return {
    page,
    html: result.html,
    meta: {
      id: screen.id,
      index,
      role: screen.role,
      page: screen.page,
      state: screen.state,
      largeText: Boolean(screen.largeText),
      gallery: Boolean(screen.gallery),
      tabPage: result.tabPage,
      undrawn: result.undrawn,
      missingIcons: result.missingIcons,
      expect: expectations,
      unresolved: unresolvedText(page.dom),
    },
  };
}

/** Writes `screenshots/html/<id>.html` and its `.json`. */
export function writeScreen(r: RenderedScreen): void {
  const file = path.join(HTML_DIR, `${r.meta.id}.html`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, r.html);
  fs.writeFileSync(file.replace(/\.html$/, '.json'), JSON.stringify(r.meta, null, 2));
}
