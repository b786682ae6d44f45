// db:apply reads each collection's security rule to decide what to set. @cloudbase/manager-node's
// permission.describeResourcePermission answers the API's envelope, { Data: { TotalCount, PermissionList },
// RequestId } (its types/permission/index.d.ts): read from there, rules already in place are seen as such and
// the plan does not set them again.
import path from 'node:path';
import { SCHEMA, STORAGE_RULE } from '../../src/server/database/schema';
import { fromIndexInfo, planDatabase, ruleText } from '../../src/server/database/plan';

const ROOT = path.join(__dirname, '..', '..');
const { readCurrent } = require(path.join(ROOT, 'scripts', 'apply-database.cjs')) as { readCurrent: (app: unknown, tools: unknown, schema: unknown) => Promise<any> };

/** An environment already matching schema.ts, answering in manager-node's shapes. */
function managerNodeApp() {
  return {
    database: {
      listCollections: async () => ({ Collections: SCHEMA.map((s) => ({ CollectionName: s.name })), Pager: { Total: SCHEMA.length } }),
      describeCollection: async (name: string) => ({
        Indexes: [
          { Name: '_id_', Keys: [{ Name: '_id', Direction: '1' }] },
          ...SCHEMA.find((s) => s.name === name)!.indexes.map((i) => ({ Name: i.name, Keys: Object.entries(i.keys).map(([k, d]) => ({ Name: k, Direction: String(d) })), Unique: Boolean(i.unique) })),
        ],
      }),
    },
    permission: {
      describeResourcePermission: async ({ resources }: { resources: string[] }) => ({
        Data: {
          TotalCount: resources.length,
          PermissionList: resources.map((r) => ({ ResourceType: 'collection', Resource: r, Permission: 'CUSTOM', SecurityRule: ruleText(SCHEMA.find((s) => s.name === r)!.rule) })),
        },
        RequestId: 'req-1',
      }),
    },
    storage: { getStorageAcl: async () => ({ acl: 'CUSTOM', rule: ruleText(STORAGE_RULE) }) },
  };
}

describe('db:apply reads the security rules manager-node answers', () => {
  it('an environment that already matches schema.ts needs no step, rules included', async () => {
    const tools = { fromIndexInfo };
    const current = await readCurrent(managerNodeApp(), tools, SCHEMA);
    expect(current.collections[SCHEMA[0].name].permission).toEqual({ permission: 'CUSTOM', securityRule: ruleText(SCHEMA[0].rule) });
    const plan = planDatabase(SCHEMA, current, { storageRule: STORAGE_RULE });
    expect(plan.steps.filter((s: any) => s.kind === 'setRule')).toEqual([]);
  });
});
