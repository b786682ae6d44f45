// The browser step of `npm run screenshots`: photographs every screen rendered to screenshots/html/ with the
// system Chromium (puppeteer-core; CHROMIUM overrides /usr/bin/chromium), runs the checks of checks.ts on the
// real rendering — at the top of the page and scrolled to its end —, prints them as a table and exits 1 when a
// screen fails one. With --gallery it also writes the README's contact sheets to docs/screens/.
import * as fs from 'fs';
import * as path from 'path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { CHECKS, pageChecks, THRESHOLDS, type CheckInput, type Finding } from './checks';
import { barsFor, SCREEN } from './phone';
import type { ScreenMeta } from './render-screen';
import { ROLES } from './roles';

const ROOT = path.resolve(__dirname, '../..');
const OUT_DIR = path.join(ROOT, 'screenshots');
const HTML_DIR = path.join(OUT_DIR, 'html');
const GALLERY_DIR = path.join(ROOT, 'docs/screens');

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export function chromiumPath(): string {
  return process.env.CHROMIUM || DEFAULT_CHROMIUM;
}

export const INSTALL_HINT = [
  'Chromium was not found at ' + chromiumPath() + '.',
  'Install it with the CJK fonts the screens need:',
  '  apt-get install -y chromium fonts-noto-cjk fonts-liberation',
  'or point CHROMIUM at a Chromium or Chrome binary: CHROMIUM=/path/to/chrome npm run screenshots',
].join('\n');

interface Result {
  meta: ScreenMeta;
  findings: Finding[];
  png: string;
  endPng?: string;
}

function listScreens(): ScreenMeta[] {
  const out: ScreenMeta[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.json')) out.push(JSON.parse(fs.readFileSync(full, 'utf8')) as ScreenMeta);
    }
  };
  if (fs.existsSync(HTML_DIR)) walk(HTML_DIR);
  return out.filter((m) => m.id).sort((a, b) => a.index - b.index || a.id.localeCompare(b.id));
}

async function preparePage(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await document.fonts.ready;
    // WeChat's auto-height textareas grow with their text.
    for (const t of Array.from(document.querySelectorAll('textarea[data-mp-autosize]')) as HTMLTextAreaElement[]) {
      t.style.height = 'auto';
      t.style.height = `${t.scrollHeight}px`;
    }
  });
}

function checkInput(meta: ScreenMeta, phase: 'top' | 'end'): CheckInput {
  return {
    phase,
    largeText: meta.largeText,
    tabPage: meta.tabPage,
    bars: barsFor(meta.tabPage),
    screen: { width: SCREEN.width, height: SCREEN.height },
    thresholds: THRESHOLDS,
    shows: meta.expect.shows ?? [],
    distinct: meta.expect.distinct ?? [],
  };
}

async function shootOne(page: Page, meta: ScreenMeta): Promise<Result> {
  const html = path.join(HTML_DIR, `${meta.id}.html`);
  await page.goto(`file://${html}`, { waitUntil: 'load' });
  await preparePage(page);
  const png = path.join(OUT_DIR, `${meta.id}.png`);
  fs.mkdirSync(path.dirname(png), { recursive: true });
  await page.screenshot({ path: png as `${string}.png`, type: 'png' });
  const findings: Finding[] = [];
  for (const u of meta.undrawn) findings.push({ check: 'drawn', where: u.split(' (')[0], detail: `没有画出来：${u}` });
  for (const t of meta.unresolved) findings.push({ check: 'drawn', where: t, detail: '数据没有显示出来（页面上是 {{ }}、undefined 或 NaN）' });
  for (const i of meta.missingIcons) findings.push({ check: 'drawn', where: `t-icon ${i}`, detail: '图标没有对应的 SVG' });
  findings.push(...(await page.evaluate(pageChecks, checkInput(meta, 'top'))));
  const scrollable = await page.evaluate(() => {
    const s = document.getElementById('mp-scroll')!;
    const more = s.scrollHeight - s.clientHeight;
    s.scrollTop = s.scrollHeight;
    return more > 1;
  });
  let endPng: string | undefined;
  if (scrollable) {
    endPng = png.replace(/\.png$/, '.end.png');
    await page.screenshot({ path: endPng as `${string}.png`, type: 'png' });
  }
  findings.push(...(await page.evaluate(pageChecks, checkInput(meta, 'end'))));
  return { meta, findings, png, ...(endPng ? { endPng } : {}) };
}

async function newPhonePage(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewport({ width: SCREEN.width, height: SCREEN.height, deviceScaleFactor: SCREEN.scale, isMobile: true, hasTouch: true });
  // Nothing leaves the machine: the pages are self-contained, any other request is refused.
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    const url = req.url();
    if (url.startsWith('file:') || url.startsWith('data:')) void req.continue();
    else void req.abort();
  });
  return page;
}

// ---- the report ------------------------------------------------------------------------------------------

const pad = (s: string, n: number) => {
  // CJK and full-width characters take two columns in a terminal; ✓ and ✗ one.
  const width = [...s].reduce((w, ch) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);
  return s + ' '.repeat(Math.max(0, n - width));
};

function report(results: Result[]): { failed: number; text: string } {
  const lines: string[] = [];
  const idWidth = Math.max(...results.map((r) => r.meta.id.length), 6) + 2;
  lines.push(pad('screen', idWidth) + CHECKS.map((c) => pad(c.id, 9)).join('') + 'state');
  for (const r of results) {
    const cells = CHECKS.map((c) => {
      const n = r.findings.filter((f) => f.check === c.id).length;
      return pad(n ? `✗ ${n}` : '✓', 9);
    });
    lines.push(pad(r.meta.id, idWidth) + cells.join('') + r.meta.state);
  }
  const failing = results.filter((r) => r.findings.length);
  lines.push('');
  lines.push('checks:');
  for (const c of CHECKS) {
    const n = results.filter((r) => r.findings.some((f) => f.check === c.id)).length;
    lines.push(`  ${pad(c.id, 9)} ${pad(c.title, 30)} ${n ? `${n} screen(s) fail` : 'all pass'}   (${c.source})`);
  }
  if (failing.length) {
    lines.push('');
    lines.push('what fails:');
    for (const r of failing) {
      lines.push(`  ${r.meta.id}  (${r.meta.state})`);
      for (const f of r.findings) lines.push(`    [${f.check}] ${f.where}: ${f.detail}`);
    }
  }
  lines.push('');
  lines.push(`${results.length} screens, ${results.length - failing.length} pass, ${failing.length} fail; PNGs in ${path.relative(process.cwd(), OUT_DIR) || '.'}/<role>/`);
  return { failed: failing.length, text: lines.join('\n') };
}

// ---- the gallery -----------------------------------------------------------------------------------------

/** One contact sheet per role: its gallery screens side by side, captioned; JPEG, small enough for the README. */
async function writeGallery(browser: Browser, results: Result[]): Promise<string[]> {
  fs.mkdirSync(GALLERY_DIR, { recursive: true });
  const written: string[] = [];
  const page = await browser.newPage();
  const SCALE = 0.56;
  const w = Math.round(SCREEN.width * SCALE);
  const h = Math.round(SCREEN.height * SCALE);
  for (const { role, title } of ROLES) {
    const shots = results.filter((r) => r.meta.role === role && r.meta.gallery);
    if (!shots.length) continue;
    const perRow = Math.min(shots.length, 5);
    const rows = Math.ceil(shots.length / perRow);
    const width = perRow * (w + 16) + 16;
    const height = 44 + rows * (h + 56) + 8;
    const cells = shots
      .map((r) => {
        const data = fs.readFileSync(r.png).toString('base64');
        return `<figure><img src="data:image/png;base64,${data}" width="${w}" height="${h}"><figcaption>${r.meta.state.replace(/</g, '&lt;')}</figcaption></figure>`;
      })
      .join('');
    const html = `<!doctype html><html><head><meta charset="utf-8"><style>
      body { margin: 0; background: #eef0f3; font-family: 'Noto Sans CJK SC', sans-serif; }
      h1 { margin: 0; padding: 12px 16px 0; height: 32px; font-size: 18px; color: #1f1f1f; }
      main { display: grid; grid-template-columns: repeat(${perRow}, ${w}px); gap: 0 16px; padding: 0 16px; }
      figure { margin: 8px 0 0; }
      img { display: block; border-radius: 10px; box-shadow: 0 1px 4px rgba(0,0,0,.25); }
      figcaption { height: 40px; padding-top: 6px; font-size: 12px; line-height: 16px; color: #333; overflow: hidden; }
    </style></head><body><h1>${title}</h1><main>${cells}</main></body></html>`;
    await page.setViewport({ width, height, deviceScaleFactor: 1 });
    await page.setContent(html, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready);
    const file = path.join(GALLERY_DIR, `${role}.jpg`);
    await page.screenshot({ path: file as `${string}.jpeg`, type: 'jpeg', quality: 72 });
    written.push(file);
  }
  await page.close();
  return written;
}

// ---- main ------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const gallery = args.includes('--gallery');
  const executablePath = chromiumPath();
  if (!fs.existsSync(executablePath)) {
    console.error(INSTALL_HINT);
    process.exit(2);
  }
  const screens = listScreens();
  if (!screens.length) {
    console.error('No screens in screenshots/html/: the rendering step wrote nothing.');
    process.exit(1);
  }
  const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--font-render-hinting=none', '--force-color-profile=srgb'],
  });
  const results: Result[] = [];
  try {
    const tabs = await Promise.all([newPhonePage(browser), newPhonePage(browser)]);
    let next = 0;
    await Promise.all(
      tabs.map(async (tab) => {
        while (next < screens.length) {
          const meta = screens[next++];
          results.push(await shootOne(tab, meta));
        }
      }),
    );
    const order = new Map(screens.map((s, i) => [s.id, i]));
    results.sort((a, b) => order.get(a.meta.id)! - order.get(b.meta.id)!);
    const { failed, text } = report(results);
    console.log(text);
    fs.writeFileSync(
      path.join(OUT_DIR, 'report.json'),
      JSON.stringify(
        results.map((r) => ({ id: r.meta.id, state: r.meta.state, page: r.meta.page, largeText: r.meta.largeText, png: path.relative(OUT_DIR, r.png), findings: r.findings })),
        null,
        2,
      ),
    );
    fs.writeFileSync(path.join(OUT_DIR, 'report.txt'), text + '\n');
    if (gallery) {
      const files = await writeGallery(browser, results);
      const total = files.reduce((s, f) => s + fs.statSync(f).size, 0);
      console.log(`\ngallery: ${files.map((f) => path.relative(ROOT, f)).join(', ')} (${Math.round(total / 1024)} KB in all)`);
    }
    process.exitCode = failed ? 1 : 0;
  } finally {
    await browser.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
