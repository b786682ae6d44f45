// A timer trigger declared in a function's config.json is found, fires as CloudBase fires it (a Timer event,
// no OPENID), and can be fired on demand through the gateway — the path `npm run timer` takes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalRuntime } from '../../src/local/runtime';
import { startGateway } from '../../src/local/gateway';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mediation-fns-'));
fs.mkdirSync(path.join(dir, 'sweep'));
fs.writeFileSync(
  path.join(dir, 'sweep', 'index.js'),
  `const cloud = require(${JSON.stringify(require.resolve('wx-server-sdk'))});
   exports.main = async (event) => ({ ok: true, data: { event, openid: cloud.getWXContext().OPENID || '' } });`,
);
fs.writeFileSync(path.join(dir, 'sweep', 'config.json'), JSON.stringify({ timeout: 60, triggers: [{ name: 'every5min', type: 'timer', config: '0 */5 * * * * *' }] }));

const rt = new LocalRuntime({ functionsDir: dir });
afterAll(() => {
  rt.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('timer triggers from config.json', () => {
  it('are listed with their schedule', () => {
    expect(rt.triggers()).toEqual([{ fn: 'sweep', name: 'every5min', config: '0 */5 * * * * *' }]);
  });

  it('fire with a Timer event and no caller, on demand over HTTP', async () => {
    const gw = await startGateway(rt, 0);
    try {
      const res = await fetch(`${gw.url}/timer/sweep/every5min`, { method: 'POST' });
      const body = (await res.json()) as any;
      expect(body.ok).toBe(true);
      expect(body.data.data.event).toMatchObject({ Type: 'Timer', TriggerName: 'every5min' });
      expect(body.data.data.openid).toBe('');
      const missing = await fetch(`${gw.url}/timer/sweep/nope`, { method: 'POST' });
      expect(missing.status).toBe(404);
    } finally {
      await gw.close();
    }
  });
});

describe('a config.json WeChat would refuse', () => {
  it('with two timer triggers is refused: the function does not run and its triggers are not scheduled', async () => {
    const bad = fs.mkdtempSync(path.join(os.tmpdir(), 'mediation-fns-'));
    fs.mkdirSync(path.join(bad, 'twice'));
    fs.writeFileSync(path.join(bad, 'twice', 'index.js'), 'exports.main = async () => ({ ok: true });');
    fs.writeFileSync(
      path.join(bad, 'twice', 'config.json'),
      JSON.stringify({
        triggers: [
          { name: 'a', type: 'timer', config: '0 */5 * * * * *' },
          { name: 'b', type: 'timer', config: '0 */15 * * * * *' },
        ],
      }),
    );
    try {
      const other = new LocalRuntime({ functionsDir: bad });
      expect(() => other.triggers()).toThrow(/one trigger per function/);
      await expect(other.invoke('twice', {})).rejects.toThrow(/declares 2 triggers/);
      other.close();
    } finally {
      fs.rmSync(bad, { recursive: true, force: true });
    }
  });
});
