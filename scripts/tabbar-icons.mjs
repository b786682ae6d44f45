// Draws the tab bar's icons (app.json tabBar iconPath / selectedIconPath): TDesign icons from tdesign-icons-svg,
// grey when not selected and the tab bar's selected blue when selected, as 81×81 PNGs (WeChat's size) in
// miniprogram/assets/tabbar/. Needs Chromium (CHROMIUM overrides /usr/bin/chromium):
//   node scripts/tabbar-icons.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ICONS = path.join(ROOT, 'node_modules/tdesign-icons-svg/src');
const OUT = path.join(ROOT, 'miniprogram/assets/tabbar');
const app = JSON.parse(fs.readFileSync(path.join(ROOT, 'miniprogram/app.json'), 'utf8'));
const SIZE = 81;

/** Each tab's file name and its TDesign icon (the filled one when selected). */
const TABS = [
  { name: 'home', icon: 'home' },
  { name: 'cases', icon: 'file-1' },
  { name: 'me', icon: 'user' },
];

/** The icon's SVG drawn in `color`, at the PNG's size (tdesign-icons-svg writes `view-box`, browsers need `viewBox`). */
function svgOf(icon, color) {
  const src = fs.readFileSync(path.join(ICONS, `${icon}.svg`), 'utf8');
  return src
    .replace('view-box=', 'viewBox=')
    .replace(/width="1em" height="1em"/, `width="${SIZE}" height="${SIZE}"`)
    .replaceAll('currentColor', color);
}

const browser = await puppeteer.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage();
  await page.setViewport({ width: SIZE, height: SIZE, deviceScaleFactor: 1 });
  fs.mkdirSync(OUT, { recursive: true });
  for (const tab of TABS) {
    for (const [suffix, icon, color] of [['', tab.icon, app.tabBar.color], ['-active', `${tab.icon}-filled`, app.tabBar.selectedColor]]) {
      // Inset a little, as WeChat's own tab icons are: the glyph fills about 80% of the square.
      await page.setContent(`<html><body style="margin:0;background:transparent"><div style="width:${SIZE}px;height:${SIZE}px;display:flex;align-items:center;justify-content:center">${svgOf(icon, color).replace(`width="${SIZE}" height="${SIZE}"`, 'width="66" height="66"')}</div></body></html>`);
      const file = path.join(OUT, `${tab.name}${suffix}.png`);
      await page.screenshot({ path: file, omitBackground: true, clip: { x: 0, y: 0, width: SIZE, height: SIZE } });
      console.log(path.relative(ROOT, file));
    }
  }
} finally {
  await browser.close();
}
