// `npm run deployment:load` writes through @cloudbase/node-sdk, whose database takes documents as they are
// (`doc.set(document)`, `update(fields)`, answering `{ updated }`), unlike wx-server-sdk's `{ data }`. Here the
// real node-sdk sends its real requests (`database.modifyDocument` with the EJSON document, through
// @cloudbase/database's Db.reqClass) to the local database instead of the network: the documents must land at
// the top level, where the cloud functions read them, not under a `data` field.
import fs from 'node:fs';
import path from 'node:path';
import { installLocalDatabase, type LocalDatabase } from '../../src/local/db';
import { SCHEMA } from '../../src/server/database/schema';
import { applyDeployment, wxShaped } from '../../src/server/database/tools';
import { parseDeploymentFile } from '../../src/server/setup/deployment-file';

const ROOT = path.join(__dirname, '..', '..');
const parsed = parseDeploymentFile(fs.readFileSync(path.join(ROOT, 'src', 'local', 'demo-deployment.json'), 'utf8'));
if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
const deployment = parsed.deployment;

let local: LocalDatabase;
let nodeSdkDb: any;
beforeEach(() => {
  local = installLocalDatabase({ filename: ':memory:', schema: SCHEMA, strictCollections: true, strictIndexes: true });
  // What scripts/load-deployment.cjs does, with placeholder keys: no request leaves the process.
  const tcb = require('@cloudbase/node-sdk');
  nodeSdkDb = tcb.init({ env: 'offline-env', secretId: 'offline', secretKey: 'offline' }).database();
});
afterEach(() => local.close());

describe('deployment:load through @cloudbase/node-sdk', () => {
  it('writes organisations, communities, rooms and staff at the top level of their documents', async () => {
    expect(await applyDeployment(wxShaped(nodeSdkDb), deployment, new Date('2026-11-20T01:00:00Z'))).toEqual({ orgs: 8, staff: 9 });
    const liuan = local.dump('orgs').find((o) => o._id === 'liuan-committee')!;
    expect(liuan).toMatchObject({ name: deployment.orgs.find((o) => o.id === 'liuan-committee')!.name, level: 'community', parentId: 'donghu-centre' });
    expect(liuan).not.toHaveProperty('data');
    expect(local.dump('communities').find((c) => c._id === 'liuan')).toMatchObject({ name: '柳岸社区', streetOrgId: 'donghu-centre' });
    expect(local.dump('users').find((u) => u._id === 'demo-director')).toMatchObject({ roles: [{ role: 'director', orgId: 'liuan-committee' }], prefs: { largeText: false } });
    expect(local.dump('rooms').every((r) => typeof r.orgId === 'string' && Array.isArray(r.exceptions))).toBe(true);
  });

  it('a second load updates in place (node-sdk answers { updated }): preferences set in the app survive, nothing is duplicated', async () => {
    await applyDeployment(wxShaped(nodeSdkDb), deployment, new Date('2026-11-20T01:00:00Z'));
    await nodeSdkDb.collection('users').doc('demo-director').update({ prefs: { largeText: true } });
    await applyDeployment(wxShaped(nodeSdkDb), deployment, new Date('2026-11-21T01:00:00Z'));
    expect(local.dump('users')).toHaveLength(9);
    expect(local.dump('users').find((u) => u._id === 'demo-director')).toMatchObject({ prefs: { largeText: true }, name: expect.any(String) });
  });

  it('the script hands node-sdk\'s database to the loader through that adapter', () => {
    const script = fs.readFileSync(path.join(ROOT, 'scripts', 'load-deployment.cjs'), 'utf8');
    expect(script).toMatch(/applyDeployment\(tools\.wxShaped\(app\.database\(\)\)/);
  });

  it('without the adapter, node-sdk would have stored every field under `data` (what the loader did before)', async () => {
    await applyDeployment(nodeSdkDb, deployment, new Date('2026-11-20T01:00:00Z'));
    expect(local.dump('orgs').find((o) => o._id === 'liuan-committee')).toMatchObject({ data: { level: 'community' } });
  });
});
