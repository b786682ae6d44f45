// Where the mini-program sends its calls is chosen at build time (MP_TRANSPORT, MP_ENV_ID, … → miniprogram/build-config.ts).
// The committed file — what a plain `npm run build` writes, and what an upload carries unless someone asked
// otherwise — is a cloud build that never names 127.0.0.1; a local build is used only in development.
import * as fs from 'fs';
import * as path from 'path';
import { BUILD_CONFIG_PATH, buildConfig, buildConfigText } from '../../scripts/generate-build-config';
import { currentWx } from './helpers/wx-stub';
import { MP_ROOT } from './helpers/simulate';

const ROOT = path.resolve(__dirname, '../..');
const committed = fs.readFileSync(path.join(ROOT, BUILD_CONFIG_PATH), 'utf8');

/** The service layer as the phone loads it with the given build-config module (the committed one by default). */
function servicesWith(built?: Record<string, unknown>) {
  jest.resetModules();
  const bc = path.join(MP_ROOT, 'build-config');
  jest.doMock(bc, () => built ?? jest.requireActual(bc));
  const config = require(path.join(MP_ROOT, 'config')) as typeof import('../../miniprogram/config');
  const call = require(path.join(MP_ROOT, 'services/call')) as typeof import('../../miniprogram/services/call');
  return { config, call };
}

describe('the mini-program build setting', () => {
  it('the committed build is what a plain `npm run build` writes, and it calls CloudBase, not 127.0.0.1', () => {
    expect(committed).toBe(buildConfigText({}));
    expect(committed).toContain('export const TRANSPORT: \'cloud\' | \'local\' = "cloud";');
    expect(committed).not.toMatch(/127\.0\.0\.1|localhost/);
    expect(fs.readFileSync(path.join(MP_ROOT, 'config.ts'), 'utf8')).not.toMatch(/127\.0\.0\.1|localhost/);
  });

  it('a phone running the committed build calls the cloud function through wx.cloud, never wx.request', async () => {
    const wx = currentWx();
    wx.cloud.callFunction.mockImplementation((opts) => opts.success({ result: { ok: true, data: [] } }));
    const { config, call } = servicesWith();
    expect(config.TRANSPORT).toBe('cloud');
    await expect(call.callFunction('case', 'listMine')).resolves.toEqual({ ok: true, data: [] });
    expect(wx.request).not.toHaveBeenCalled();
    expect(wx.cloud.callFunction).toHaveBeenCalled();
  });

  it('a local build is asked for (MP_TRANSPORT=local) and reaches the local gateway as the demo person in development', async () => {
    const local = buildConfig({ MP_TRANSPORT: 'local', MP_LOCAL_OPENID: 'demo-mediator' });
    expect(local).toMatchObject({ TRANSPORT: 'local', LOCAL_BASE_URL: 'http://127.0.0.1:3000', LOCAL_OPENID: 'demo-mediator' });
    const wx = currentWx();
    wx.request.mockImplementation((opts) => opts.success({ statusCode: 200, data: { ok: true, data: [] } }));
    const { call } = servicesWith({ ...local });
    await call.callFunction('case', 'listMine');
    expect(wx.request.mock.calls[0][0]).toMatchObject({ url: 'http://127.0.0.1:3000/fn/case', header: { 'X-Openid': 'demo-mediator' } });
  });

  it('a local build uploaded by mistake still calls CloudBase as a trial or released version', async () => {
    const wx = currentWx() as unknown as Record<string, unknown>;
    for (const envVersion of ['trial', 'release']) {
      wx.getAccountInfoSync = () => ({ miniProgram: { appId: 'wx0', envVersion, version: '' } });
      const { config } = servicesWith({ ...buildConfig({ MP_TRANSPORT: 'local' }) });
      expect([envVersion, config.TRANSPORT]).toEqual([envVersion, 'cloud']);
    }
  });

  it('a cloud build takes its environment and template ids from the build; a mistyped mode fails the build', () => {
    const c = buildConfig({ MP_ENV_ID: 'mediation-prod-1a2b', SUBSCRIBE_TPL_CASE_ASSIGNED: 'tplAssigned123' });
    expect(c).toMatchObject({ TRANSPORT: 'cloud', CLOUD_ENV: 'mediation-prod-1a2b', LOCAL_BASE_URL: '' });
    expect(c.SUBSCRIBE_TEMPLATE_IDS.case_assigned).toBe('tplAssigned123');
    // Not configured: never asked for (no local ids in a cloud build).
    expect(c.SUBSCRIBE_TEMPLATE_IDS.case_progress).toBe('');
    expect(() => buildConfig({ MP_TRANSPORT: 'clould' })).toThrow(/MP_TRANSPORT/);
  });
});
