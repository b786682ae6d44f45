// Every action a person calls can be reached from a page through the service layer. An action that must land
// before its screen goes on the list below, by name (the backlog of "Every step on a screen", #14, now empty). The
// test fails when an action is neither reached by a page nor on the list (a new action with no screen), and when a
// listed action gains a page (so the list only ever shrinks).
import * as fs from 'fs';
import * as path from 'path';
import { ACTIONS } from '../../../miniprogram/generated/actions';
import { MP_ROOT } from '../helpers/simulate';

const NO_SCREEN_YET = new Set<string>([]);

const API_OBJECT: Record<string, string> = { case: 'caseApi', agreement: 'agreementApi', booking: 'bookingApi', user: 'userApi', org: 'orgApi', report: 'reportApi' };

function sources(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (['node_modules', 'miniprogram_npm', 'generated', 'services'].includes(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) sources(full, out);
    else if (entry.name.endsWith('.ts')) out.push(full);
  }
  return out;
}

const code = sources(MP_ROOT).map((f) => fs.readFileSync(f, 'utf8')).join('\n');
const reached = (fn: string, action: string) => new RegExp(`\\b${API_OBJECT[fn]}\\.${action}\\b`).test(code);
const all = Object.entries(ACTIONS).flatMap(([fn, actions]) => Object.keys(actions).map((action) => [fn, action] as const));

describe('every action a person calls has a screen', () => {
  it('every action is reached by a page through the service layer, or is on the backlog', () => {
    expect(all.filter(([fn, action]) => !reached(fn, action) && !NO_SCREEN_YET.has(`${fn}.${action}`)).map(([fn, a]) => `${fn}.${a}`)).toEqual([]);
  });

  it('the backlog lists only actions that exist and still have no screen', () => {
    const names = new Set(all.map(([fn, a]) => `${fn}.${a}`));
    expect([...NO_SCREEN_YET].filter((n) => !names.has(n))).toEqual([]);
    expect([...NO_SCREEN_YET].filter((n) => reached(n.split('.')[0], n.split('.')[1]))).toEqual([]);
  });
});
