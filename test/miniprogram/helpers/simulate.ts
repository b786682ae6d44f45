// Renders mini-program pages and components with miniprogram-simulate and the real WXML compiler (wcc).
//
// Three things simulate does not do on its own, handled here:
// - npm component paths ("tdesign-miniprogram/button/button") and absolute ones ("/components/x/index")
//   are rewritten to paths relative to the component, pointing at node_modules and miniprogram/;
// - wcc compiles from one root, so the root is the repository and the file list names the mini-program's
//   and TDesign's templates explicitly;
// - a component loaded twice in one module registry renders empty, so each load starts from
//   jest.resetModules(). Modules the test shares with the page (prefs, services) must therefore be
//   required through `mp()` after `loadPage`, not imported at the top of the test.
import * as fs from 'fs';
import * as path from 'path';

export const REPO_ROOT = path.resolve(__dirname, '../../..');
export const MP_ROOT = path.join(REPO_ROOT, 'miniprogram');
export const TDESIGN_ROOT = path.join(REPO_ROOT, 'node_modules/tdesign-miniprogram/miniprogram_dist');
const TDESIGN_PREFIX = 'tdesign-miniprogram/';

type Simulate = typeof import('miniprogram-simulate');
// j-component's instance type, loosely: what tests touch.
export interface RenderedComponent {
  dom: HTMLElement;
  instance: Record<string, any> & { data: Record<string, any>; setData(d: Record<string, unknown>): void };
  data: Record<string, any>;
  querySelector(selector: string): RenderedComponent | null;
  querySelectorAll(selector: string): RenderedComponent[];
  dispatchEvent(name: string, opts?: Record<string, unknown>): void;
  triggerLifeTime(name: string): void;
  triggerPageLifeTime(name: string, args?: unknown): void;
  setData(d: Record<string, unknown>): void;
  attach(parent: Element | RenderedComponent): void;
  detach(): void;
}

function walk(dir: string, ext: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'miniprogram_npm') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, ext, out);
    else if (entry.name.endsWith(ext)) out.push(full);
  }
  return out;
}

let compileLists: { wxmlList: string[]; wxsList: string[]; maxBuffer: number } | undefined;

/** Every template wcc needs, relative to the repository root (computed once per test file). */
function compilerOptions() {
  if (!compileLists) {
    const rel = (f: string) => path.relative(REPO_ROOT, f).split(path.sep).join('/');
    const wxml = [...walk(MP_ROOT, '.wxml'), ...walk(TDESIGN_ROOT, '.wxml')];
    const wxs = [...walk(MP_ROOT, '.wxs'), ...walk(TDESIGN_ROOT, '.wxs')];
    // wcc writes every compiled template to stdout at once: past 1 MB (the compiler's default buffer, which the
    // mini-program and TDesign together now exceed) the spawn fails with ENOBUFS.
    compileLists = { wxmlList: wxml.map(rel), wxsList: wxs.map(rel), maxBuffer: 64 * 1024 * 1024 };
  }
  return compileLists;
}

/** Where a `usingComponents` value points, as a path without extension (undefined for plugins). */
export function resolveUsingComponent(fromJsonFile: string, value: string): string | undefined {
  if (value.startsWith('plugin://')) return undefined;
  if (value.startsWith(TDESIGN_PREFIX)) return path.join(TDESIGN_ROOT, value.slice(TDESIGN_PREFIX.length));
  if (value.startsWith('/')) return path.join(MP_ROOT, value);
  return path.join(path.dirname(fromJsonFile), value);
}

function patchPathResolution(): void {
  const utils = require('miniprogram-simulate/src/utils') as { readJson(file: string): any };
  const readJson = utils.readJson;
  utils.readJson = (file: string) => {
    const json = readJson(file);
    const using = json?.usingComponents as Record<string, string> | undefined;
    if (using) {
      for (const [tag, value] of Object.entries(using)) {
        const target = resolveUsingComponent(file, value);
        if (target) using[tag] = path.relative(path.dirname(file), target).split(path.sep).join('/');
      }
    }
    return json;
  };
}

// wcc's output depends only on the template files; compile once per test file, not once per load.
let compiledTemplates: string | undefined;

function cacheCompiledTemplates(): void {
  const compiler = require('miniprogram-compiler') as { wxmlToJs(root: string, opts: unknown): string };
  const wxmlToJs = compiler.wxmlToJs.bind(compiler);
  compiler.wxmlToJs = (root, opts) => (compiledTemplates ??= wxmlToJs(root, opts));
}

let current: { simulate: Simulate } | undefined;

/** Fresh simulate in a fresh module registry. */
function freshSimulate(): Simulate {
  jest.resetModules();
  const simulate = require('miniprogram-simulate') as Simulate;
  patchPathResolution();
  cacheCompiledTemplates();
  current = { simulate };
  return simulate;
}

/** Requires a mini-program module from the same registry the last loaded page uses. */
export function mp<T = any>(modulePath: string): T {
  return require(path.join(MP_ROOT, modulePath)) as T;
}

export interface LoadOptions {
  /** Called after the registry is reset and before the page's code runs (install fakes here). */
  before?: () => void;
  properties?: Record<string, unknown>;
}

/** Loads a page or component by its path under miniprogram/ ("pages/home/index/index"), renders and attaches it. */
export function loadPage(pagePath: string, opts: LoadOptions = {}): RenderedComponent {
  const simulate = freshSimulate();
  opts.before?.();
  const loadOptions: import('miniprogram-simulate').LoadOptions = { rootPath: REPO_ROOT, compilerOptions: compilerOptions() };
  const id = simulate.load(path.join(MP_ROOT, pagePath), loadOptions);
  const comp = simulate.render(id, opts.properties) as unknown as RenderedComponent;
  recordSetData(pagePath, comp);
  comp.attach(document.createElement('parent-wrapper'));
  return comp;
}

export function sleep(ms = 0): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Text the user sees, with whitespace collapsed. */
export function visibleText(comp: RenderedComponent): string {
  return (comp.dom.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The first rendered element inside a virtual-host component (j-component internals, kept here). */
function innerRoot(comp: RenderedComponent): RenderedComponent | undefined {
  type Node = { $$?: HTMLElement; childNodes?: Node[] };
  const node = (comp as unknown as { _exparserNode: { shadowRoot?: Node } })._exparserNode;
  const first = (n: Node | undefined): Node | undefined => {
    for (const child of n?.childNodes ?? []) {
      if (child.$$) return child;
      const deeper = first(child);
      if (deeper) return deeper;
    }
    return undefined;
  };
  const el = first(node.shadowRoot);
  const Wrapper = comp.constructor as new (n: Node) => RenderedComponent;
  return el ? new Wrapper(el) : undefined;
}

/**
 * Taps what `selector` finds inside `comp` and waits for the handlers (simulate dispatches
 * asynchronously). TDesign components are virtual hosts with no element of their own, so the tap goes
 * to their inner root, as a finger would.
 */
export async function tap(comp: RenderedComponent, selector: string): Promise<void> {
  const found = comp.querySelector(selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  const target = found.dom ? found : innerRoot(found);
  if (!target?.dom) throw new Error(`${selector} has nothing to tap`);
  target.dispatchEvent('tap');
  await sleep();
}

// ---- setData payload sizes, for scripts/mp-budgets.cjs --------------------------------------------

const SETDATA_DIR = path.join(REPO_ROOT, '.build/mp-setdata');
const largest = new Map<string, { bytes: number; calls: number }>();

function bytesOf(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
}

function recordSetData(pagePath: string, comp: RenderedComponent): void {
  const entry = largest.get(pagePath) ?? { bytes: 0, calls: 0 };
  largest.set(pagePath, entry);
  // The first render sends the whole initial data.
  entry.bytes = Math.max(entry.bytes, bytesOf(comp.instance.data));
  let calls = 0; // per rendered page, so `calls` is the most one visit made
  const original = comp.instance.setData.bind(comp.instance);
  comp.instance.setData = (patch: Record<string, unknown>, cb?: () => void) => {
    entry.bytes = Math.max(entry.bytes, bytesOf(patch));
    entry.calls = Math.max(entry.calls, ++calls);
    return (original as (p: Record<string, unknown>, c?: () => void) => void)(patch, cb);
  };
}

afterAll(() => {
  if (largest.size === 0) return;
  fs.mkdirSync(SETDATA_DIR, { recursive: true });
  const file = path.join(SETDATA_DIR, `${path.basename(expect.getState().testPath ?? 'unknown')}.json`);
  fs.writeFileSync(file, JSON.stringify(Object.fromEntries(largest), null, 2));
});

export { current as _currentSimulate };
