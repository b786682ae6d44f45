// Reads of many documents page through the store (CloudBase answers at most 1,000 a request): read as a query
// (readAllPages) or as an aggregate (aggregateAllPages, the month's cases of the subsidy ledger), every matching
// document comes once, in order, with only the fields asked for — across page boundaries, and on an exact one.
import { aggregateAllPages, readAllPages } from '../../src/server/kernel/db';
import { getCloud } from '../../src/server/kernel/platform';
import { freshRuntime } from '../helpers/runtime';
import type { LocalRuntime } from '../../src/local/runtime';

let rt: LocalRuntime;
beforeAll(() => {
  rt = freshRuntime();
  rt.db.seed(
    'cases',
    Array.from({ length: 11 }, (_, i) => ({
      _id: `case-${String(10 - i).padStart(2, '0')}`,
      registerKeys: i % 4 === 3 ? ['other'] : ['mine', `k${i}`],
      registeredAt: `2026-03-${String(i + 1).padStart(2, '0')}T01:00:00.000Z`,
      case: { caseNo: `N-${i}`, summary: '不该读出的纠纷内容', parties: [{ name: '张三', withdrawnAt: i === 2 ? '2026-03-05T01:00:00.000Z' : undefined }] },
    })),
  );
});
afterAll(() => rt.close());

const db = () => getCloud().database({ throwOnNotFound: false } as never) as any;
const FIELDS = { 'case.caseNo': true, 'case.parties.withdrawnAt': true, registeredAt: true } as const;
const expected = Array.from({ length: 11 }, (_, i) => i)
  .filter((i) => i % 4 !== 3)
  .map((i) => `case-${String(10 - i).padStart(2, '0')}`)
  .sort();

describe('reading every page', () => {
  it.each([1, 2, 3, 8, 1000])('in pages of %i: each matching document once, in _id order, only the fields asked', async (pageSize) => {
    const _ = db().command;
    const viaAggregate = await aggregateAllPages<any>(db(), 'cases', { where: { registerKeys: _.in(['mine']) }, orderBy: [['_id', 'asc']], fields: FIELDS }, pageSize);
    const viaQuery = await readAllPages<any>((skip, limit) => db().collection('cases').where({ registerKeys: _.in(['mine']) }).orderBy('_id', 'asc').skip(skip).limit(limit).field(FIELDS), pageSize);
    expect(viaAggregate.map((d) => d._id)).toEqual(expected);
    expect(viaAggregate).toEqual(viaQuery);
    expect(viaAggregate[0].case.summary).toBeUndefined();
    expect(viaAggregate.find((d) => d.case.caseNo === 'N-2').case.parties).toEqual([{ withdrawnAt: '2026-03-05T01:00:00.000Z' }]);
  });
});
