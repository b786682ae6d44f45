// The list of screens `npm run screenshots` photographs (scripts/screenshots/screens.ts) covers what issue #15 asks:
// every page of app.json for each role that uses it, empty and error states, every step of the filing wizard, the
// party case page at every stage, large-text mode for the resident's and respondent's pages, and a gallery per role.
// No rendering here (render.test.ts renders).
import * as fs from 'fs';
import * as path from 'path';
import { MP_ROOT } from '../helpers/simulate';
import { allScreens, PAGES, ROLES } from '../../../scripts/screenshots/screens';

const app = JSON.parse(fs.readFileSync(path.join(MP_ROOT, 'app.json'), 'utf8')) as {
  pages: string[];
  subPackages: Array<{ root: string; pages: string[] }>;
};
const appPages = [...app.pages, ...app.subPackages.flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))];
const screens = allScreens();

describe('the screens photographed', () => {
  it('have unique ids, named by role', () => {
    const ids = screens.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of screens) expect(s.id.startsWith(`${s.role}/`)).toBe(true);
  });

  it('include every page of app.json', () => {
    const shown = new Set(screens.map((s) => s.page));
    expect(appPages.filter((p) => !shown.has(p))).toEqual([]);
    expect(Object.values(PAGES).filter((p) => !appPages.includes(p))).toEqual([]);
  });

  it('show each page with data, and each page that loads something empty or failing too', () => {
    // A page that loads what it shows has a kit `load` calling the service layer.
    const loads = (page: string) => {
      const src = fs.readFileSync(path.join(MP_ROOT, `${page}.ts`), 'utf8');
      return /\bload\((grant)?\)\s*\{/.test(src) && /Api\./.test(src);
    };
    for (const page of appPages.filter(loads)) {
      const states = screens.filter((s) => s.page === page).map((s) => s.id);
      expect({ page, hasFailure: states.some((id) => /-error$|refused|invalid/.test(id)) }).toEqual({ page, hasFailure: true });
    }
    for (const page of [PAGES.cases, PAGES.inbox, PAGES.mWorkbench, PAGES.dWorkbench, PAGES.dAssign, PAGES.overview, PAGES.mFollowUp]) {
      expect({ page, empty: screens.some((s) => s.page === page && /empty/.test(s.id)) }).toEqual({ page, empty: true });
    }
  });

  it('walk the filing wizard through every step, its errors and the filed case', () => {
    const wizard = screens.filter((s) => s.page === PAGES.apply && !s.largeText).map((s) => s.id);
    for (const step of [1, 2, 3, 4, 5, 6, 7]) expect(wizard.some((id) => id.startsWith(`resident/apply-${step}-`))).toBe(true);
    expect(wizard).toEqual(expect.arrayContaining(['resident/apply-1-errors', 'resident/apply-done', 'resident/apply-error', 'resident/apply-restored']));
  });

  it('show the party case page at every stage of a dispute, for both parties', () => {
    const stages = screens.filter((s) => s.page === PAGES.detail && s.role === 'resident' && !s.largeText).map((s) => s.id);
    for (const stage of ['registered', 'transferring', 'accepted', 'awaiting-consent', 'scheduled', 'in-mediation', 'agreement', 'performing', 'closed', 'failed']) {
      expect(stages.some((id) => id.includes(stage))).toBe(true);
    }
    expect(screens.some((s) => s.page === PAGES.detail && s.role === 'respondent')).toBe(true);
  });

  it('show every resident and respondent page in large-text mode', () => {
    const partyPages = new Set(screens.filter((s) => s.role === 'resident' || s.role === 'respondent').map((s) => s.page));
    const large = new Set(screens.filter((s) => s.largeText).map((s) => s.page));
    expect([...partyPages].filter((p) => !large.has(p))).toEqual([]);
    for (const s of screens.filter((x) => x.largeText)) expect(s.storage?.['prefs.v1']).toEqual({ largeText: true });
  });

  it('give every role screens in the README gallery', () => {
    for (const { role } of ROLES) expect({ role, gallery: screens.filter((s) => s.role === role && s.gallery).length > 0 }).toEqual({ role, gallery: true });
  });
});
