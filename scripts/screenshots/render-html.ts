// Page → one self-contained HTML file (runs under jest's jsdom, where miniprogram-simulate works). What it adds
// to what simulate renders, each a fact checked in ../shared/SCREENSHOTS.md:
// - rpx as WeChat converts it on a 375 px wide screen (1rpx = 0.5px; simulate converts 1:1), in stylesheets and
//   inline styles (`patchSimulate`, called before a page's code runs);
// - app.wxss (simulate never injects it), the `page` selector mapped to the web view, `vh` relative to the web view
//   and `env(safe-area-inset-bottom)` as the phone has it;
// - a base stylesheet for WeChat's built-in tags (view, text, button, input, image…), at zero specificity;
// - the attributes j-component keeps only on exparser nodes (input value and placeholder, hidden, image src…) and
//   the `class` given to TDesign components (virtual hosts with no element of their own);
// - `ready` for components created after the page was attached (the kit shows content once data arrives);
// - TDesign's icons as SVG masks (its icon font comes from a CDN this machine cannot reach), and the fonts the
//   pages name (PingFang SC, Microsoft YaHei) mapped to the Noto CJK fonts installed here;
// - marks the browser step reads: `data-mp-id` (an id given in WXML, also on TDesign components), `data-mp-tap`
//   (an element with a tap handler: a tap target), `data-mp-autosize` (a textarea that grows with its text).
import * as fs from 'fs';
import * as path from 'path';
import { MP_ROOT, REPO_ROOT, RenderedComponent, sleep } from '../../test/miniprogram/helpers/simulate';
import { barsFor, FRAME_CSS, frameHtml, safeAreaBottom, SCREEN } from './phone';

const RPX = SCREEN.width / 750;
const ICONS_DIR = path.join(REPO_ROOT, 'node_modules/tdesign-icons-svg/src');

/** `12rpx` → `6px` (at 375 px wide). */
export function rpxToPx(css: string): string {
  return css.replace(/(\d*\.?\d+)rpx/gi, (_all, n: string) => `${+(Number(n) * RPX).toFixed(3)}px`);
}

/**
 * Makes the simulate loaded for the next page convert rpx as WeChat does and starts it with no stylesheet left
 * from an earlier page. Call it in loadPage's `before` (the fresh module registry the page will use).
 */
export function patchSimulate(): void {
  for (const mod of ['miniprogram-simulate/src/utils', 'j-component/src/tool/utils']) {
    (require(mod) as { transformRpx: (s: string) => string }).transformRpx = rpxToPx;
  }
  document.head.querySelectorAll('style').forEach((s) => s.remove());
}

// ---- the exparser tree ----------------------------------------------------------------------------------

interface VNode {
  name: string;
  value: unknown;
}
interface XNode {
  $$?: HTMLElement;
  id?: string;
  slot?: string;
  is?: string;
  childNodes?: XNode[];
  shadowRoot?: XNode & { childNodes: XNode[] };
  _vt?: { type: number; tagName?: string; attrs?: VNode[]; event?: Record<string, { name: string; handler?: string }> };
  triggerLifeTime?: (name: string, args?: unknown[]) => void;
  hasExternalClass?: (name: string) => boolean;
  setExternalClass?: (name: string, value: string) => void;
  ownerShadowRoot?: { getHostNode(): XNode } | null;
}

const TYPE_SLOT = 11;
const TYPE_TEXT = 18;

const rootNode = (page: RenderedComponent) => (page as unknown as { _exparserNode: XNode })._exparserNode;

/** Every node of the composed tree: light children and shadow trees alike. */
function eachNode(node: XNode, fn: (n: XNode) => void): void {
  fn(node);
  if (node.shadowRoot) for (const c of node.shadowRoot.childNodes) eachNode(c, fn);
  for (const c of node.childNodes ?? []) eachNode(c, fn);
}

/** WeChat's built-in tags (view, button…) are exparser components too, drawn as `wx-*` elements. */
const isBuiltin = (n: XNode) => Boolean(n.$$ && n.$$.nodeType === 1 && /^wx-/i.test(n.$$.tagName));
/** A custom component: a page, one of ours, or TDesign's (a virtual host, with no element of its own). */
const isComponent = (n: XNode) => Boolean(n.shadowRoot && typeof n.triggerLifeTime === 'function' && !isBuiltin(n));
const attrsOf = (n: XNode): Record<string, unknown> => Object.fromEntries((n._vt?.attrs ?? []).map((a) => [a.name, a.value]));

/** The first DOM element a node draws: its own, or (a virtual host) the first one inside it. */
function firstElement(n: XNode): HTMLElement | undefined {
  if (n.$$ && n.$$.nodeType === 1) return n.$$;
  const kids = [...(n.shadowRoot?.childNodes ?? []), ...(n.shadowRoot ? [] : (n.childNodes ?? []))];
  for (const k of kids) {
    if (k._vt?.type === TYPE_TEXT) continue;
    const el = firstElement(k);
    if (el) return el;
  }
  return undefined;
}

/** The nodes present when the page was attached: `ready` fired for them (j-component does it on attach). */
const readied = new WeakSet<object>();

export function rememberReadied(page: RenderedComponent): void {
  eachNode(rootNode(page), (n) => readied.add(n));
}

/** Fires `ready` on components created after attach (content that arrived with the data), as WeChat does. */
export async function fireLateReady(page: RenderedComponent): Promise<void> {
  const late: XNode[] = [];
  eachNode(rootNode(page), (n) => {
    if (isComponent(n) && !readied.has(n)) late.push(n);
  });
  for (const n of late) {
    readied.add(n);
    n.triggerLifeTime!('ready');
  }
  await sleep();
  await sleep();
}

/** Events that make an element something a finger taps. */
const TAP_EVENTS = new Set(['tap', 'longpress', 'longtap']);

/**
 * Writes what j-component keeps only on exparser nodes into the DOM, and the marks the browser step reads.
 * Answers the page content that was rendered but is not on the page: light children given to a named slot
 * that exists but did not take them (a component using named slots without `multipleSlots`).
 */
export function prepareDom(page: RenderedComponent): string[] {
  const undrawn: string[] = [];
  const root = rootNode(page);
  eachNode(root, (n) => {
    const attrs = attrsOf(n);
    const el = n.$$ && n.$$.nodeType === 1 ? n.$$ : undefined;
    if (isComponent(n) && n !== root) {
      // `class` on a TDesign component (a virtual host): WeChat passes it on as the external class `class`.
      if (typeof attrs.class === 'string' && attrs.class && n.hasExternalClass?.('class')) n.setExternalClass!('class', attrs.class);
      checkSlots(n, page.dom, undrawn);
    }
    const target = el ?? (isComponent(n) ? firstElement(n) : undefined);
    if (n.id && target && !target.hasAttribute('data-mp-id')) target.setAttribute('data-mp-id', n.id);
    if (!el || isComponent(n)) return;
    const events = Object.values(n._vt?.event ?? {});
    const tapHandler = events.find((e) => TAP_EVENTS.has(e.name) && e.handler);
    if (tapHandler && leadsSomewhere(n)) el.setAttribute('data-mp-tap', tapHandler.handler ?? '');
    copyBuiltinAttrs(n, el, attrs);
  });
  return undrawn;
}

const hostOf = (n: XNode): XNode | undefined => n.ownerShadowRoot?.getHostNode() ?? undefined;
const isTDesign = (n: XNode) => /^t-/.test(n._vt?.tagName ?? '');

/**
 * Whether tapping a node with a tap handler does something for the person. Our own templates bind taps on
 * purpose. TDesign binds taps inside every component (a tag, a readonly step, a cell without an arrow, an icon);
 * those count only when the page listens to the component (bind:tap, bind:click, bind:change… on it).
 */
function leadsSomewhere(n: XNode): boolean {
  let host = hostOf(n);
  if (!host || !isTDesign(host)) return true; // our own template
  for (; host && isTDesign(host); host = hostOf(host)) {
    if (Object.values(host._vt?.event ?? {}).some((e) => e.handler)) return true;
  }
  return false;
}

function checkSlots(host: XNode, pageDom: HTMLElement, undrawn: string[]): void {
  const hostEl = firstElement(host);
  if (!hostEl || !pageDom.contains(hostEl)) return; // reported where the subtree was dropped
  const slots = new Set<string>();
  const walkShadow = (n: XNode) => {
    if (n._vt?.type === TYPE_SLOT) slots.add(String(attrsOf(n).name ?? ''));
    for (const c of n.childNodes ?? []) walkShadow(c);
  };
  for (const c of host.shadowRoot?.childNodes ?? []) walkShadow(c);
  const lightElements = (n: XNode, out: XNode[]) => {
    for (const c of n.childNodes ?? []) {
      if (c.$$ || isComponent(c)) out.push(c);
      else lightElements(c, out); // wx:if / wx:for / block
    }
    return out;
  };
  for (const child of lightElements(host, [])) {
    const name = child.slot ?? String(attrsOf(child).slot ?? '');
    const el = firstElement(child);
    if (!slots.has(name) || !el || pageDom.contains(el)) continue;
    const tag = host._vt?.tagName ?? 'component';
    const what = child.id ? `#${child.id}` : (firstIdInside(child) ?? `<${child._vt?.tagName ?? '?'}>`);
    undrawn.push(`${what} (slot "${name}" of <${tag}> did not take it: named slots need options.multipleSlots)`);
  }
}

function firstIdInside(n: XNode): string | undefined {
  let found: string | undefined;
  eachNode(n, (x) => {
    if (!found && x.id) found = `#${x.id}`;
  });
  return found;
}

function copyBuiltinAttrs(n: XNode, el: HTMLElement, attrs: Record<string, unknown>): void {
  const tag = n._vt?.tagName;
  if (attrs.hidden === true || attrs.hidden === 'true') el.setAttribute('hidden', '');
  if (typeof attrs.ariaLabel === 'string' && attrs.ariaLabel) el.setAttribute('aria-label', attrs.ariaLabel);
  if (typeof attrs.ariaRole === 'string' && attrs.ariaRole) el.setAttribute('role', attrs.ariaRole);
  const disabled = attrs.disabled === true || attrs.disabled === 'true';
  if (disabled) el.setAttribute('data-mp-disabled', '');
  if (tag === 'input' || tag === 'textarea') {
    el.setAttribute('data-mp-field', tag);
    if (attrs.value !== undefined && attrs.value !== null) el.setAttribute('data-mp-value', String(attrs.value));
    if (attrs.placeholder) el.setAttribute('data-mp-placeholder', String(attrs.placeholder));
    if (attrs.password === true || attrs.type === 'safe-password') el.setAttribute('data-mp-password', '');
    if (tag === 'textarea' && (attrs.autoHeight === true || attrs.autoHeight === 'true')) el.setAttribute('data-mp-autosize', '');
    if (disabled) el.setAttribute('data-mp-disabled', '');
    // A form field is a tap target even without a tap handler: a tap focuses it.
    el.setAttribute('data-mp-tap', el.getAttribute('data-mp-tap') || 'focus');
  }
  if (tag === 'image' && attrs.src) el.setAttribute('data-mp-src', String(attrs.src));
  if (tag === 'scroll-view') {
    if (attrs.scrollX === true) el.setAttribute('data-mp-scroll-x', '');
    if (attrs.scrollY === true) el.setAttribute('data-mp-scroll-y', '');
  }
  if (tag === 'button') el.setAttribute('data-mp-tap', el.getAttribute('data-mp-tap') || 'button');
}

// ---- serialising ----------------------------------------------------------------------------------------

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The page's DOM as HTML, with WeChat's fields turned into real ones so the browser draws them. */
function serialise(pageDom: HTMLElement, tabPage: boolean): string {
  const clone = pageDom.cloneNode(true) as HTMLElement;
  for (const el of Array.from(clone.querySelectorAll('[style]'))) el.setAttribute('style', adaptCss(el.getAttribute('style') ?? '', tabPage));
  for (const el of Array.from(clone.querySelectorAll('[data-mp-field]'))) {
    const isArea = el.getAttribute('data-mp-field') === 'textarea';
    const field = clone.ownerDocument.createElement(isArea ? 'textarea' : 'input');
    for (const a of Array.from(el.attributes)) field.setAttribute(a.name, a.value);
    const value = el.getAttribute('data-mp-value') ?? '';
    const placeholder = el.getAttribute('data-mp-placeholder');
    if (placeholder) field.setAttribute('placeholder', placeholder);
    if (isArea) field.textContent = value;
    else {
      field.setAttribute('value', value);
      field.setAttribute('type', el.hasAttribute('data-mp-password') ? 'password' : 'text');
    }
    if (el.hasAttribute('data-mp-disabled')) field.setAttribute('disabled', '');
    field.setAttribute('readonly', '');
    el.replaceWith(field);
  }
  return clone.outerHTML;
}

// ---- stylesheets ------------------------------------------------------------------------------------------

/** WeChat's built-in tags as the WeChat web view draws them, at zero specificity so any page or TDesign rule wins. */
export const BASE_CSS = `
:where(wx-view, wx-scroll-view, wx-swiper, wx-swiper-item, wx-movable-area, wx-cover-view, wx-form, wx-navigator, wx-rich-text, wx-picker, wx-picker-view, wx-progress, wx-radio-group, wx-checkbox-group, wx-page-container) { display: block; }
:where(wx-text, wx-label, wx-icon) { display: inline; }
:where(wx-text) { white-space: pre-wrap; }
:where(wx-image) { display: inline-block; width: 320px; height: 240px; overflow: hidden; background: #e7e7e7 linear-gradient(135deg, #eef0f3, #d9dde3); }
:where(wx-scroll-view) { overflow: hidden; }
:where(wx-scroll-view[data-mp-scroll-x]) { overflow-x: auto; scrollbar-width: none; }
:where(wx-scroll-view[data-mp-scroll-y]) { overflow-y: auto; scrollbar-width: none; }
:where(wx-button) { position: relative; display: block; margin-left: auto; margin-right: auto; padding-left: 14px; padding-right: 14px; box-sizing: border-box; font-size: 18px; text-align: center; text-decoration: none; line-height: 2.55555556; border-radius: 5px; overflow: hidden; color: #000; background-color: #f8f8f8; cursor: pointer; }
:where(wx-button)::after { content: " "; width: 200%; height: 200%; position: absolute; top: 0; left: 0; border: 1px solid rgba(0, 0, 0, .2); transform: scale(.5); transform-origin: 0 0; box-sizing: border-box; border-radius: 10px; pointer-events: none; }
:where(input, textarea) { font: inherit; color: inherit; letter-spacing: inherit; border: 0; outline: 0; padding: 0; margin: 0; background: transparent; box-sizing: border-box; }
:where(input) { display: block; width: 100%; height: 1.4em; min-height: 1.4em; line-height: inherit; text-overflow: clip; overflow: hidden; white-space: nowrap; }
:where(textarea) { display: block; width: 300px; height: 150px; resize: none; overflow: hidden; line-height: inherit; }
::placeholder { color: rgba(0, 0, 0, .4); opacity: 1; }
[hidden] { display: none !important; }
`;

/** The fonts TDesign and the pages name, mapped to what is installed here (fonts-noto-cjk). */
export const FONT_CSS = ['PingFang SC', 'Microsoft YaHei', 'Arial Regular', 'Arial Medium', 'UICTFontTextStyleBody']
  .map(
    (family) =>
      `@font-face { font-family: '${family}'; src: local('Noto Sans CJK SC'), local('NotoSansCJKsc-Regular'); font-weight: 100 500; }\n` +
      `@font-face { font-family: '${family}'; src: local('Noto Sans CJK SC Bold'), local('NotoSansCJKsc-Bold'); font-weight: 600 900; }`,
  )
  .join('\n');

/** What holds for every stylesheet and inline style of a page shown on this phone. */
export function adaptCss(css: string, tabPage: boolean): string {
  const windowHeight = barsFor(tabPage).window.height;
  return rpxToPx(css)
    .replace(/@font-face\s*{[^}]*url\(\s*['"]?https?:[^}]*}/gi, '')
    .replace(/url\(\s*['"]?https?:[^)]*\)/gi, 'url(data:,)')
    .replace(/(?:env|constant)\(\s*safe-area-inset-bottom\s*(?:,[^)]*)?\)/gi, `${safeAreaBottom(tabPage)}px`)
    .replace(/(?:env|constant)\(\s*safe-area-inset-(?:top|left|right)\s*(?:,[^)]*)?\)/gi, '0px')
    .replace(/(\d*\.?\d+)vh\b/gi, (_all, n: string) => `${+((Number(n) * windowHeight) / 100).toFixed(3)}px`)
    .replace(/(^|[{},])\s*page(?=\s*[,{:.[>+~ ])/g, '$1.mp-window');
}

/**
 * WeChat ignores tag selectors in a component's stylesheet, so TDesign's theme block (`.page,page{--td-…}` in each
 * component) sets nothing on the page there: its components fall back to the values written in each `var()`. Only
 * app.wxss and the page's own stylesheet style `page`. Drops `page` from the selector lists of other prefixes.
 */
export function dropComponentPageSelectors(css: string): string {
  return css.replace(/(^|[{}])([^{}@]+)\{/g, (all, before: string, selectors: string) => {
    const list = selectors.split(',');
    const component = list.some((sel) => /\.([a-z0-9-]+)--page\b/.test(sel) && !/\.main--page\b/.test(sel));
    if (!component || !list.some((sel) => sel.trim() === 'page')) return all;
    const kept = list.filter((sel) => sel.trim() !== 'page');
    return `${before}${kept.join(',')}{`;
  });
}

function compileWxss(src: string, prefix: string): string {
  const wxss = require('miniprogram-simulate/src/wxss') as { compile(s: string, o: { prefix: string }): string };
  return wxss.compile(src, { prefix });
}

function wxssSource(file: string): string {
  const wxss = require('miniprogram-simulate/src/wxss') as { getContent(f: string): string };
  return fs.existsSync(file) ? wxss.getContent(file) : '';
}

/** Our own components that take the page's and app's styles (styleIsolation apply-shared / shared). */
function sharedComponentTags(pageJsonFile: string): string[] {
  const json = JSON.parse(fs.readFileSync(pageJsonFile, 'utf8')) as { usingComponents?: Record<string, string> };
  const tags: string[] = [];
  for (const [tag, ref] of Object.entries(json.usingComponents ?? {})) {
    if (!ref.startsWith('/')) continue;
    const comp = JSON.parse(fs.readFileSync(path.join(MP_ROOT, `${ref}.json`), 'utf8')) as { styleIsolation?: string; options?: { addGlobalClass?: boolean } };
    if (comp.styleIsolation === 'apply-shared' || comp.styleIsolation === 'shared' || comp.options?.addGlobalClass) tags.push(tag);
  }
  return tags;
}

/** app.wxss for the page, plus the page's and app's styles again for components that share them. */
function appAndSharedCss(pagePath: string): string {
  const app = wxssSource(path.join(MP_ROOT, 'app.wxss'));
  const pageCss = wxssSource(path.join(MP_ROOT, `${pagePath}.wxss`));
  const out = [compileWxss(app, 'main')];
  for (const tag of sharedComponentTags(path.join(MP_ROOT, `${pagePath}.json`))) out.push(compileWxss(app, tag), compileWxss(pageCss, tag));
  return out.join('\n');
}

/** A PNG of the mini-program (a tab icon) inlined, or undefined when app.json names none. */
function pngDataUri(mpPath: string | undefined): string | undefined {
  if (!mpPath) return undefined;
  return `data:image/png;base64,${fs.readFileSync(path.join(MP_ROOT, mpPath)).toString('base64')}`;
}

/** TDesign icon names drawn on the page → CSS masks from tdesign-icons-svg. */
export function iconCss(html: string): { css: string; missing: string[] } {
  const names = new Set<string>();
  for (const m of html.matchAll(/t-icon--t-icon-([a-z0-9-]+)/g)) if (m[1] !== 'base') names.add(m[1]);
  const rules: string[] = [];
  const missing: string[] = [];
  for (const name of names) {
    const file = path.join(ICONS_DIR, `${name}.svg`);
    if (!fs.existsSync(file)) {
      missing.push(name);
      continue;
    }
    const svg = fs
      .readFileSync(file, 'utf8')
      .replace('view-box=', 'viewBox=')
      .replace(/ width="1em" height="1em"/, ' width="24" height="24"')
      .replace(/ class="[^"]*"/, '');
    const url = `url("data:image/svg+xml;utf8,${encodeURIComponent(svg)}")`;
    rules.push(
      `.t-icon--t-icon-${name}::before { content: '' !important; display: inline-block; width: 1em; height: 1em; vertical-align: top; background-color: currentColor; -webkit-mask: ${url} center / contain no-repeat; mask: ${url} center / contain no-repeat; }`,
    );
  }
  return { css: rules.join('\n'), missing };
}

// ---- the whole file --------------------------------------------------------------------------------------

interface AppJson {
  window?: Record<string, string>;
  tabBar?: { color: string; selectedColor: string; list: Array<{ pagePath: string; text: string; iconPath?: string; selectedIconPath?: string }> };
}

const appJson = (): AppJson => JSON.parse(fs.readFileSync(path.join(MP_ROOT, 'app.json'), 'utf8')) as AppJson;

export function isTabPage(pagePath: string): boolean {
  return Boolean(appJson().tabBar?.list.some((t) => t.pagePath === pagePath));
}

export interface HtmlResult {
  html: string;
  /** Rendered content that is not on the page (see prepareDom). */
  undrawn: string[];
  /** Icon names with no SVG. */
  missingIcons: string[];
  tabPage: boolean;
}

/** The page as a phone screen: one HTML file with everything it needs. */
export async function pageToHtml(page: RenderedComponent, pagePath: string): Promise<HtmlResult> {
  await fireLateReady(page);
  const undrawn = prepareDom(page);
  const app = appJson();
  const tabPage = isTabPage(pagePath);
  const pageJson = JSON.parse(fs.readFileSync(path.join(MP_ROOT, `${pagePath}.json`), 'utf8')) as Record<string, string>;
  const win = { ...app.window, ...pageJson };
  const body = serialise(page.dom, tabPage);
  const injected = Array.from(document.head.querySelectorAll('style'))
    .map((s) => s.innerHTML)
    .join('\n');
  const icons = iconCss(body);
  const css = [FONT_CSS, BASE_CSS, adaptCss(appAndSharedCss(pagePath), tabPage), adaptCss(dropComponentPageSelectors(injected), tabPage), icons.css, FRAME_CSS].join('\n');
  const tabs = tabPage && app.tabBar
    ? { items: app.tabBar.list.map((t) => ({ text: t.text, icon: pngDataUri(t.iconPath), selectedIcon: pngDataUri(t.selectedIconPath) })), current: app.tabBar.list.findIndex((t) => t.pagePath === pagePath), color: app.tabBar.color, selectedColor: app.tabBar.selectedColor }
    : undefined;
  const frame = frameHtml(body, {
    title: win.navigationBarTitleText ?? '',
    tabs,
    back: !tabPage,
    navBackground: win.navigationBarBackgroundColor ?? '#ffffff',
    navTextColor: win.navigationBarTextStyle === 'white' ? '#ffffff' : '#000000',
    windowBackground: win.backgroundColor ?? '#ffffff',
  });
  const html = `<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=${SCREEN.width}"><title>${esc(pagePath)}</title>\n<style>\n${css}\n</style></head>\n<body>${frame}</body></html>\n`;
  return { html, undrawn, missingIcons: icons.missing, tabPage };
}
