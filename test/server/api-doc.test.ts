// The API document stays true: every action of every function is in it, and nothing it lists is gone.
import fs from 'node:fs';
import path from 'node:path';
import { allRoutes } from '../helpers/functions';

const doc = fs.readFileSync(path.join(__dirname, '../../src/server/API.md'), 'utf8');
const tables = allRoutes();

describe('src/server/API.md', () => {
  it('documents every action, marking the mutating ones', () => {
    for (const [fn, routes] of Object.entries(tables)) {
      for (const [action, r] of Object.entries(routes)) {
        const row = doc.split('\n').find((l) => l.startsWith(`| \`${fn}.${action}\` |`));
        expect(row ? `${fn}.${action}` : `missing: ${fn}.${action}`).toBe(`${fn}.${action}`);
        expect(row!.split('|')[2].trim() === 'yes').toBe(r.mutates);
      }
    }
  });

  it('lists no action that does not exist', () => {
    const listed = [...doc.matchAll(/^\| `(\w+)\.(\w+)` \|/gm)].map((m) => [m[1], m[2]]);
    for (const [fn, action] of listed) expect(Object.keys(tables[fn] ?? {})).toContain(action);
  });
});
