// A committee's staff list shows every mediator's open cases. CloudBase answers an aggregate's first 20 groups
// unless it is given a limit, and so does the local database: past the 20th mediator, caseloads read 0.
import { demoRuntime, ok, call } from '../helpers/runtime';
import type { LocalRuntime } from '../../src/local/runtime';
import { getCloud } from '../../src/server/kernel/platform';

const MEDIATORS = 30;
let rt: LocalRuntime;
beforeAll(async () => {
  rt = await demoRuntime();
  const ids = Array.from({ length: MEDIATORS }, (_, i) => `caseload-mediator-${String(i + 1).padStart(2, '0')}`);
  rt.db.seed('users', ids.map((id, i) => ({ _id: id, name: `调解员${i + 1}`, roles: [{ role: 'mediator', orgId: 'liuan-committee' }] })));
  // Mediator n holds n open cases (and one closed one that does not count).
  rt.db.seed('cases', ids.flatMap((id, i) => [
    ...Array.from({ length: i + 1 }, (_, k) => ({ _id: `load-${id}-${k}`, responsibleOrgId: 'liuan-committee', status: 'mediating', mediatorId: id })),
    { _id: `load-${id}-closed`, responsibleOrgId: 'liuan-committee', status: 'closed', mediatorId: id },
  ]));
});
afterAll(() => rt.close());

describe('caseloads past the 20th mediator', () => {
  it('the director sees each of 30 mediators with their own number of open cases', async () => {
    const list = await ok(call(rt, 'org', 'demo-director', 'staff', { orgId: 'liuan-committee' }));
    const loads = new Map<string, number>(list.staff.map((s: any) => [s.openid, s.openCases]));
    for (let n = 1; n <= MEDIATORS; n++) expect([n, loads.get(`caseload-mediator-${String(n).padStart(2, '0')}`)]).toEqual([n, n]);
  });

  it('the local database answers an aggregate without a limit with 20 rows, as CloudBase does', async () => {
    const db = getCloud().database() as any;
    const $ = db.command.aggregate;
    const grouped = await db.collection('cases').aggregate().match({ responsibleOrgId: 'liuan-committee' }).group({ _id: '$mediatorId', n: $.sum(1) }).end();
    expect(grouped.list).toHaveLength(20);
    const limited = await db.collection('cases').aggregate().match({ responsibleOrgId: 'liuan-committee' }).group({ _id: '$mediatorId', n: $.sum(1) }).limit(100).end();
    expect(limited.list).toHaveLength(MEDIATORS);
  });
});
