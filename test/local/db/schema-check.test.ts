// The local database checks every query against the declared schema, through the real wx-server-sdk API:
// declared collections exist from the start, an undeclared query shape is refused with the index to add.
import { installLocalDatabase, LocalDatabase } from '../../../src/local/db';
import type { CollectionSpec } from '../../../src/server/database/coverage';

const SCHEMA: CollectionSpec[] = [
  {
    name: 'claims',
    description: 'test',
    rule: { read: false, write: false },
    indexes: [
      { name: 'kind_resource_start', keys: { kind: 1, resourceId: 1, startAt: 1 } },
      { name: 'owner_at', keys: { owner: 1, at: -1 } },
    ],
  },
  { name: 'directory', description: 'test', rule: { read: false, write: false }, indexes: [], fullScan: 'small' },
];

let local: LocalDatabase;
let db: any;
let _: any;

beforeAll(async () => {
  local = installLocalDatabase({ filename: ':memory:', schema: SCHEMA, strictCollections: true, strictIndexes: true });
  const cloud = require('wx-server-sdk');
  cloud.init({ env: 'local' });
  db = cloud.database();
  _ = db.command;
  local.seed('claims', [
    { _id: 'a', kind: 'room', resourceId: 'r1', startAt: '2026-11-20T02:00:00Z', owner: 'u1', at: 1 },
    { _id: 'b', kind: 'room', resourceId: 'r2', startAt: '2026-11-21T02:00:00Z', owner: 'u1', at: 2 },
    { _id: 'c', kind: 'mediator', resourceId: 'm1', startAt: '2026-11-20T02:00:00Z', owner: 'u2', at: 3 },
  ]);
});

afterAll(() => local.close());

test('declared collections exist at install, so strict collections can be on', async () => {
  expect(local.collectionNames().sort()).toEqual(['claims', 'directory']);
  const res = await db.collection('directory').get();
  expect(res.data).toEqual([]);
});

test('a declared query shape is answered: equality and $in, a range, a sort in index order', async () => {
  const res = await db
    .collection('claims')
    .where({ kind: 'room', resourceId: _.in(['r1', 'r2']), startAt: _.gte('2026-11-20T00:00:00Z').and(_.lte('2026-11-22T00:00:00Z')) })
    .orderBy('startAt', 'asc')
    .get();
  expect(res.data.map((d: any) => d._id)).toEqual(['a', 'b']);
  // A prefix of the index; the sort walked backwards; a count; a look-up by _id needs no index.
  expect((await db.collection('claims').where({ kind: 'room' }).get()).data).toHaveLength(2);
  expect((await db.collection('claims').where({ owner: 'u1' }).orderBy('at', 'asc').get()).data.map((d: any) => d._id)).toEqual(['a', 'b']);
  expect((await db.collection('claims').where({ owner: 'u1' }).count()).total).toBe(2);
  expect((await db.collection('claims').doc('c').get()).data.kind).toBe('mediator');
  expect((await db.collection('claims').where({ _id: _.in(['a', 'c']) }).get()).data).toHaveLength(2);
  expect(local.uncoveredQueries).toEqual([]);
});

test('an undeclared query shape is refused, naming the collection, the shape and the index to add in schema.ts', async () => {
  const err = await db
    .collection('claims')
    .where({ resourceId: 'r1', startAt: _.gt('2026-01-01') })
    .orderBy('startAt', 'desc')
    .get()
    .catch((e: any) => e);
  expect(err).toBeInstanceOf(Error);
  const text = String(err.errMsg ?? err.message);
  expect(text).toContain("no declared index of 'claims' covers the query where { resourceId (=), startAt (range) } orderBy startAt desc");
  expect(text).toContain("add to the 'claims' entry of src/server/database/schema.ts: indexes: [..., {name:'resourceId_startAt',keys:{resourceId:1,startAt:-1}}]");
  expect(local.uncoveredQueries).toHaveLength(1);
});

test('updates, removes, counts and aggregations are checked too; nothing is changed by a refused write', async () => {
  const update = await db.collection('claims').where({ at: 1 }).update({ data: { owner: 'x' } }).catch((e: any) => e);
  expect(String(update.errMsg ?? update.message)).toContain("covers the query where { at (=) }");
  const remove = await db.collection('claims').where({ owner: 'u1', kind: 'room' }).remove().catch((e: any) => e);
  expect(String(remove.errMsg ?? remove.message)).toContain("where { kind (=), owner (=) }");
  expect(local.dump('claims').map((d) => d.owner)).toEqual(['u1', 'u1', 'u2']);
  const agg = await db.collection('claims').aggregate().match({ startAt: _.gt('2026') }).end().catch((e: any) => e);
  expect(String(agg.errMsg ?? agg.message)).toContain("where { startAt (range) }");
  const ok = await db.collection('claims').aggregate().match({ kind: 'room', resourceId: 'r1' }).count('n').end();
  expect(ok.list).toEqual([{ n: 1 }]);
});

test("a lookup's reads are checked on the collection it joins: the joined field, or its sub-pipeline's match and sort", async () => {
  const $ = db.command.aggregate;
  const joined = await db
    .collection('claims')
    .aggregate()
    .match({ _id: 'a' })
    .lookup({ from: 'claims', pipeline: $.pipeline().match({ owner: 'u1' }).sort({ at: -1 }).limit(5).done(), as: 'mine' })
    .end();
  expect(joined.list[0].mine.map((d: any) => d._id)).toEqual(['b', 'a']);
  const byField = await db.collection('claims').aggregate().match({ _id: 'a' }).lookup({ from: 'claims', localField: 'owner', foreignField: 'resourceId', as: 'x' }).end().catch((e: any) => e);
  expect(String(byField.errMsg ?? byField.message)).toContain("no declared index of 'claims' covers the query where { resourceId (=) }");
  const bySub = await db
    .collection('claims')
    .aggregate()
    .match({ _id: 'a' })
    .lookup({ from: 'claims', pipeline: $.pipeline().match({ at: _.gt(0) }).limit(5).done(), as: 'x' })
    .end()
    .catch((e: any) => e);
  expect(String(bySub.errMsg ?? bySub.message)).toContain("where { at (range) }");
});

test('reading a whole collection needs fullScan declared', async () => {
  await expect(db.collection('directory').limit(1000).get()).resolves.toBeDefined();
  const err = await db.collection('claims').limit(10).get().catch((e: any) => e);
  expect(String(err.errMsg ?? err.message)).toContain("give its entry in src/server/database/schema.ts a fullScan");
});

test('an undeclared collection cannot be written, and its queries say it is not declared', async () => {
  const err = await db.collection('scratch').add({ data: { a: 1 } }).catch((e: any) => e);
  expect(err).toBeInstanceOf(Error);
  const text = String(err.errMsg ?? err.message);
  expect(text).toMatch(/-502005/);
  expect(text).toContain("'scratch' is not declared: add { name: 'scratch', description: '…', rule: CLOSED, indexes: [] } to SCHEMA in src/server/database/schema.ts");
  const read = await db.collection('scratch').where({ a: 1 }).get().catch((e: any) => e);
  expect(String(read.errMsg ?? read.message)).toContain("'scratch' is not declared");
  expect(local.requestsByCollection.scratch).toBe(2);
});

test('without strictIndexes an uncovered query is only reported', async () => {
  const lenient = installLocalDatabase({ filename: ':memory:', schema: SCHEMA });
  try {
    lenient.seed('claims', [{ _id: 'z', owner: 'u9', kind: 'room' }]);
    const res = await db.collection('claims').where({ kind: 'room', owner: 'u9' }).get();
    expect(res.data).toHaveLength(1);
    expect(lenient.uncoveredQueries).toEqual([expect.stringContaining("no declared index of 'claims' covers the query where { kind (=), owner (=) }")]);
  } finally {
    lenient.close();
  }
});
