// 大字模式 on the resident's and respondent's pages: each renders with the large class when the preference is
// on, and no page style fixes a font size of its own (sizes come from the variables the large class raises).
import * as fs from 'fs';
import * as path from 'path';
import { currentWx } from './helpers/wx-stub';
import { loadPage, MP_ROOT } from './helpers/simulate';

const PAGES = [
  'pages/cases/index/index',
  'pkg-resident/pages/dispute/apply/index',
  'pkg-resident/pages/case/detail/index',
  'pkg-resident/pages/case/agreement/index',
  'pkg-resident/pages/case/booking/index',
  'pkg-resident/pages/account/my-data/index',
  'pkg-resident/pages/account/inbox/index',
  'pkg-respondent/pages/invite/respond/index',
];

const rootClass = (page: { dom: HTMLElement }) => (page.dom.firstElementChild as HTMLElement).className;

describe('大字模式 on the resident and respondent pages', () => {
  it.each(PAGES)('%s is enlarged when the preference is on', (page) => {
    currentWx().storage.set('prefs.v1', { largeText: true });
    expect(rootClass(loadPage(page))).toContain('app-page--large');
  });

  it('no page style in the mini-program fixes a font size instead of using the scaled variables', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        if (['node_modules', 'miniprogram_npm'].includes(e.name)) continue;
        const full = path.join(dir, e.name);
        if (e.isDirectory()) walk(full);
        else if (e.name.endsWith('.wxss') && e.name !== 'app.wxss') {
          for (const m of fs.readFileSync(full, 'utf8').matchAll(/font-size:\s*([^;]+);/g)) {
            if (!/var\(--app-fs-/.test(m[1]) && !/^(inherit|\d+(\.\d+)?em|\d+%)$/.test(m[1].trim())) offenders.push(`${path.relative(MP_ROOT, full)}: ${m[0]}`);
          }
        }
      }
    };
    walk(MP_ROOT);
    expect(offenders).toEqual([]);
  });
});
