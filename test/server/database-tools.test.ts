// Deploying to CloudBase: the plan `npm run db:apply` makes from schema.ts and an environment's state, and the
// deployment loader `npm run deployment:load` uses, through the local database — all without network.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { installLocalDatabase } from '../../src/local/db';
import { SCHEMA } from '../../src/server/database/schema';
import { describeStep, fromIndexInfo, planDatabase, toCreateIndex, type CurrentDatabase } from '../../src/server/database/plan';
import type { CollectionSpec } from '../../src/server/database/coverage';
import { applyDeployment } from '../../src/server/setup/deployment';
import { parseDeploymentFile } from '../../src/server/setup/deployment-file';

const ROOT = path.join(__dirname, '..', '..');
const DEMO_FILE = path.join(ROOT, 'src', 'local', 'demo-deployment.json');

const closed = { read: false, write: false };
const schema: CollectionSpec[] = [
  { name: 'cases', description: '', rule: closed, indexes: [{ name: 'party_registered', keys: { partyUserIds: 1, registeredAt: -1 } }] },
  { name: 'audit', description: '', rule: closed, indexes: [{ name: 'case_seq', keys: { caseId: 1, seq: 1 }, unique: true }] },
];
const matching = (): CurrentDatabase => ({
  collections: {
    cases: { indexes: [{ name: 'party_registered', keys: { partyUserIds: 1, registeredAt: -1 } }], permission: { permission: 'CUSTOM', securityRule: '{"read":false,"write":false}' } },
    audit: { indexes: [{ name: 'case_seq', keys: { caseId: 1, seq: 1 }, unique: true }], permission: { permission: 'ADMINONLY' } },
  },
});

describe('db:apply plan', () => {
  it('an empty environment gets every collection, index and rule', () => {
    const plan = planDatabase(schema, { collections: {} });
    expect(plan.steps.map(describeStep)).toEqual([
      'create collection cases',
      'create index cases.party_registered { partyUserIds: 1, registeredAt: -1 }',
      'set security rule of cases to {"read":false,"write":false}',
      'create collection audit',
      'create index audit.case_seq { caseId: 1, seq: 1 } unique',
      'set security rule of audit to {"read":false,"write":false}',
    ]);
    expect(plan.notes).toEqual([]);
  });

  it('an environment that matches plans nothing (running it twice changes nothing); ADMINONLY is the closed rule', () => {
    expect(planDatabase(schema, matching())).toEqual({ steps: [], notes: [] });
  });

  it('an index whose fields changed is dropped and created again; a missing one is created', () => {
    const current = matching();
    current.collections.cases.indexes = [{ name: 'party_registered', keys: { partyUserIds: 1, registeredAt: 1 } }];
    current.collections.audit.indexes = [];
    expect(planDatabase(schema, current).steps.map(describeStep)).toEqual([
      'drop index cases.party_registered: its fields differ from schema.ts ({ partyUserIds: 1, registeredAt: 1 } → { partyUserIds: 1, registeredAt: -1 })',
      'create index cases.party_registered { partyUserIds: 1, registeredAt: -1 }',
      'create index audit.case_seq { caseId: 1, seq: 1 } unique',
    ]);
  });

  it('a rule opened in the console is closed again, saying what it was', () => {
    const current = matching();
    current.collections.cases.permission = { permission: 'PRIVATE' };
    current.collections.audit.permission = { permission: 'CUSTOM', securityRule: '{"read":true,"write":false}' };
    expect(planDatabase(schema, current).steps.map(describeStep)).toEqual([
      'set security rule of cases to {"read":false,"write":false} (was PRIVATE)',
      'set security rule of audit to {"read":false,"write":false} (was CUSTOM {"read":true,"write":false})',
    ]);
  });

  it('undeclared collections and indexes are reported and left alone, unless indexes are pruned', () => {
    const current = matching();
    current.collections.legacy = { indexes: [] };
    current.collections.cases.indexes.push({ name: 'old_status', keys: { status: 1 } });
    const plan = planDatabase(schema, current);
    expect(plan.steps).toEqual([]);
    expect(plan.notes).toEqual([
      'cases: index old_status ({ status: 1 }) is not declared in schema.ts; left alone (--prune-indexes drops it)',
      'collection legacy is not declared in schema.ts; left alone',
    ]);
    expect(planDatabase(schema, current, { pruneIndexes: true }).steps.map(describeStep)).toEqual(['drop index cases.old_status: not declared in schema.ts (--prune-indexes)']);
  });

  it('indexes go to manager-node in its MgoKeySchema form and come back from DescribeTable', () => {
    const index = { name: 'case_seq', keys: { caseId: 1 as const, seq: -1 as const }, unique: true };
    expect(toCreateIndex(index)).toEqual({
      IndexName: 'case_seq',
      MgoKeySchema: { MgoIndexKeys: [{ Name: 'caseId', Direction: '1' }, { Name: 'seq', Direction: '-1' }], MgoIsUnique: true },
    });
    expect(fromIndexInfo({ Name: 'case_seq', Keys: [{ Name: 'caseId', Direction: '1' }, { Name: 'seq', Direction: '-1' }], Unique: true })).toEqual(index);
  });

  it('the real schema planned against itself is a no-op', () => {
    const current: CurrentDatabase = {
      collections: Object.fromEntries(SCHEMA.map((c) => [c.name, { indexes: c.indexes.map((i) => fromIndexInfo({ Name: i.name, Keys: toCreateIndex(i).MgoKeySchema.MgoIndexKeys, Unique: i.unique })), permission: { permission: 'CUSTOM', securityRule: JSON.stringify(c.rule) } }])),
    };
    expect(planDatabase(SCHEMA, current).steps).toEqual([]);
  });
});

describe('deployment:load', () => {
  it('applyDeployment through the database loads the demo organisations, communities, rooms and staff, and again changes nothing', async () => {
    const local = installLocalDatabase({ filename: ':memory:', schema: SCHEMA, strictCollections: true, strictIndexes: true });
    try {
      const cloud = require('wx-server-sdk');
      cloud.init({ env: 'local' });
      const parsed = parseDeploymentFile(fs.readFileSync(DEMO_FILE, 'utf8'));
      if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
      const now = new Date('2026-11-20T01:00:00Z');
      expect(await applyDeployment(cloud.database(), parsed.deployment, now)).toEqual({ orgs: 8, staff: 9 });

      const orgs = local.dump('orgs');
      expect(orgs.map((o) => o._id).sort()).toEqual(['district-centre', 'donghu-centre', 'labour-committee', 'liuan-committee', 'shiqiao-committee', 'taoyuan-committee', 'wangjiang-committee', 'xishan-centre']);
      expect(orgs.find((o) => o._id === 'liuan-committee')).toMatchObject({ level: 'community', parentId: 'donghu-centre', communityIds: ['liuan'] });
      expect(local.dump('communities').map((c) => c._id).sort()).toEqual(['liuan', 'shiqiao', 'taoyuan', 'wangjiang']);
      expect(local.dump('rooms')).toHaveLength(6);
      const users = local.dump('users');
      expect(users).toHaveLength(9);
      expect(users.find((u) => u._id === 'demo-director')).toMatchObject({ roles: [{ role: 'director', orgId: 'liuan-committee' }], prefs: { largeText: false } });
      expect(users.find((u) => u._id === 'demo-labour-director')!.roles).toEqual([
        { role: 'director', orgId: 'labour-committee' },
        { role: 'mediator', orgId: 'labour-committee' },
      ]);
      expect(local.dump('availability').map((a) => a._id).sort()).toEqual(['demo-labour-director', 'demo-mediator', 'demo-street-mediator']);

      // A user's preference set in the app survives a second load; nothing is duplicated.
      await cloud.database().collection('users').doc('demo-director').update({ data: { prefs: { largeText: true } } });
      await applyDeployment(cloud.database(), parsed.deployment, new Date('2026-11-21T01:00:00Z'));
      expect(local.dump('users')).toHaveLength(9);
      expect(local.dump('orgs')).toHaveLength(8);
      expect(local.dump('users').find((u) => u._id === 'demo-director')!.prefs).toEqual({ largeText: true });
      expect(local.uncoveredQueries).toEqual([]);
    } finally {
      local.close();
    }
  });

  it('a file with mistakes is refused with one readable line per problem', () => {
    const demo = JSON.parse(fs.readFileSync(DEMO_FILE, 'utf8'));
    demo.orgs[3].parentId = 'no-such-street';
    demo.staff[0].roles[0].role = 'boss';
    let r = parseDeploymentFile(JSON.stringify(demo));
    expect(r).toEqual({ ok: false, problems: [expect.stringMatching(/^staff\.0\.roles\.0\.role: Invalid option/)] });
    demo.staff[0].roles[0].role = 'director';
    r = parseDeploymentFile(JSON.stringify(demo));
    expect(r).toEqual({ ok: false, problems: ['org liuan-committee: unknown parent no-such-street'] });
    expect(parseDeploymentFile('{ "name": ')).toEqual({ ok: false, problems: [expect.stringMatching(/^not valid JSON: /)] });
  });
});

describe('the scripts (built by npm run build), offline', () => {
  const run = (script: string, args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [path.join(ROOT, 'scripts', script), ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', ...env },
    });

  it('db:apply --dry-run prints the whole plan without credentials or network', () => {
    const out = execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'apply-database.cjs'), '--dry-run'], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    for (const c of SCHEMA) {
      expect(out).toContain(`create collection ${c.name}\n`);
      expect(out).toContain(`set security rule of ${c.name} to {"read":false,"write":false}`);
      for (const i of c.indexes) expect(out).toContain(`create index ${c.name}.${i.name} `);
    }
  });

  it('db:apply without credentials says which variables to set', () => {
    const r = run('apply-database.cjs', ['--env', 'prod-123']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('set TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY');
  });

  it('deployment:load --dry-run validates the file and lists what it would write', () => {
    const r = run('load-deployment.cjs', ['--file', DEMO_FILE, '--dry-run']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('orgs: 8 (district-centre, donghu-centre');
    expect(r.stdout).toContain('users (staff): 9');
  });

  it('deployment:load refuses an invalid file with a readable message, before any network', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-'));
    const file = path.join(dir, 'bad.json');
    fs.writeFileSync(file, JSON.stringify({ name: '某区', communities: [{ id: 'a', name: '甲社区', streetOrgId: 'street' }], orgs: [{ id: 'Street', name: '街道' }], staff: [], extra: 1 }));
    const r = run('load-deployment.cjs', ['--env', 'prod-123', '--file', file], { TENCENTCLOUD_SECRETID: 'x', TENCENTCLOUD_SECRETKEY: 'y' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${file} is not a valid deployment:`);
    expect(r.stderr).toContain('  - orgs.0.id: id 只能包含小写字母、数字、- 和 _');
    expect(r.stderr).toContain('  - (top level): unknown field(s) extra');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
