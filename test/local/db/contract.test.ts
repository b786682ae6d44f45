// Documented CloudBase database behaviours, exercised through the real wx-server-sdk API against the local store.
import { installLocalDatabase, LocalDatabase } from '../../../src/local/db';

// Fixed clock: db.serverDate() must come back as this instant (plus its offset).
const NOW = Date.UTC(2026, 2, 1, 8, 30, 0);

let local: LocalDatabase;
let requests: string[] = [];
let cloud: any;
let db: any;
let lenientDb: any;
let _: any;
let $: any;
let seq = 0;
/** A fresh collection name per test keeps tests independent inside one store. */
const fresh = (name: string) => `${name}_${++seq}`;

beforeAll(() => {
  local = installLocalDatabase({ filename: ':memory:', now: () => NOW, onRequest: (a) => requests.push(a) });
  cloud = require('wx-server-sdk');
  cloud.init({ env: 'local' });
  db = cloud.database();
  lenientDb = cloud.database({ throwOnNotFound: false });
  _ = db.command;
  $ = db.command.aggregate;
});

afterAll(() => local.close());

beforeEach(() => {
  requests = [];
});

describe('documents', () => {
  test('add returns a generated 32-hex _id and the document reads back with Dates as Dates', async () => {
    const c = fresh('docs');
    const filedAt = new Date(Date.UTC(2026, 0, 5, 1, 2, 3));
    const { _id } = await db.collection(c).add({ data: { title: '邻里噪音纠纷', filedAt, parties: [{ name: '甲' }] } });
    expect(_id).toMatch(/^[0-9a-f]{32}$/);
    const { data } = await db.collection(c).doc(_id).get();
    expect(data).toEqual({ _id, title: '邻里噪音纠纷', filedAt, parties: [{ name: '甲' }] });
    expect(data.filedAt).toBeInstanceOf(Date);
  });

  test('add with an existing _id fails with the duplicate-write error and changes nothing', async () => {
    const c = fresh('dup');
    await db.collection(c).add({ data: { _id: 'claim-1', by: 'first' } });
    const err = await db
      .collection(c)
      .add({ data: { _id: 'claim-1', by: 'second' } })
      .catch((e: any) => e);
    expect(err.errCode).toBe(-502001);
    expect(err.errMsg).toContain('collection.add:fail');
    expect(err.errMsg).toContain('duplicate key');
    expect(local.dump(c)).toEqual([{ _id: 'claim-1', by: 'first' }]);
  });

  test('doc().get() of a missing document throws by default and gives null with throwOnNotFound: false', async () => {
    const c = fresh('missing');
    await expect(db.collection(c).doc('nope').get()).rejects.toMatchObject({
      errMsg: expect.stringContaining('does not exist'),
    });
    await expect(lenientDb.collection(c).doc('nope').get()).resolves.toMatchObject({ data: null });
  });

  test('set replaces the whole document or creates it; update merges nested objects', async () => {
    const c = fresh('set');
    const created = await db.collection(c).doc('a').set({ data: { x: 1, nested: { p: 1, q: 2 } } });
    expect(created.stats).toEqual({ updated: 0, created: 1 });
    await db.collection(c).doc('a').update({ data: { nested: { q: 3 } } });
    expect((await db.collection(c).doc('a').get()).data).toEqual({ _id: 'a', x: 1, nested: { p: 1, q: 3 } });
    await db.collection(c).doc('a').update({ data: { nested: _.set({ only: true }) } });
    expect((await db.collection(c).doc('a').get()).data.nested).toEqual({ only: true });
    const replaced = await db.collection(c).doc('a').set({ data: { y: 2 } });
    expect(replaced.stats).toEqual({ updated: 1, created: 0 });
    expect((await db.collection(c).doc('a').get()).data).toEqual({ _id: 'a', y: 2 });
  });

  test('update and remove of a missing document report zero', async () => {
    const c = fresh('zero');
    expect((await db.collection(c).doc('ghost').update({ data: { a: 1 } })).stats.updated).toBe(0);
    expect((await db.collection(c).doc('ghost').remove()).stats.removed).toBe(0);
    expect(local.dump(c)).toEqual([]);
  });

  test('where().update() and where().remove() touch every matching document', async () => {
    const c = fresh('multi');
    local.seed(c, [
      { _id: '1', status: 'open', n: 1 },
      { _id: '2', status: 'open', n: 2 },
      { _id: '3', status: 'closed', n: 3 },
    ]);
    const upd = await db.collection(c).where({ status: 'open' }).update({ data: { status: 'overdue' } });
    expect(upd.stats.updated).toBe(2);
    const rem = await db.collection(c).where({ n: _.gte(2) }).remove();
    expect(rem.stats.removed).toBe(2);
    expect(local.dump(c)).toEqual([{ _id: '1', status: 'overdue', n: 1 }]);
  });

  test('db.serverDate() is the server clock, with its offset, in add, update and queries', async () => {
    const c = fresh('clock');
    const { _id } = await db.collection(c).add({ data: { createdAt: db.serverDate() } });
    await db.collection(c).doc(_id).update({ data: { dueAt: db.serverDate({ offset: 60_000 }) } });
    const { data } = await db.collection(c).doc(_id).get();
    expect(data.createdAt).toEqual(new Date(NOW));
    expect(data.dueAt).toEqual(new Date(NOW + 60_000));
    const overdue = await db.collection(c).where({ dueAt: _.lt(db.serverDate({ offset: 120_000 })) }).count();
    expect(overdue.total).toBe(1);
  });
});

describe('queries', () => {
  test('a second where() replaces the first', async () => {
    const c = fresh('where');
    local.seed(c, [
      { _id: '1', org: 'A', status: 'open' },
      { _id: '2', org: 'B', status: 'closed' },
    ]);
    const res = await db.collection(c).where({ org: 'A' }).where({ status: 'closed' }).get();
    expect(res.data.map((d: any) => d._id)).toEqual(['2']);
  });

  test('{field: null} matches documents where the field is missing as well as null', async () => {
    const c = fresh('nulls');
    local.seed(c, [{ _id: 'null', mediator: null }, { _id: 'missing' }, { _id: 'set', mediator: 'm1' }]);
    const res = await db.collection(c).where({ mediator: null }).get();
    expect(res.data.map((d: any) => d._id)).toEqual(['null', 'missing']);
    const exists = await db.collection(c).where({ mediator: _.exists(true) }).get();
    expect(exists.data.map((d: any) => d._id)).toEqual(['null', 'set']);
  });

  test('command operators, nested paths and regular expressions', async () => {
    const c = fresh('ops');
    local.seed(c, [
      { _id: '1', n: 1, tags: ['labour', 'urgent'], party: { city: '杭州', age: 30 }, items: [{ k: 'a', v: 1 }] },
      { _id: '2', n: 2, tags: ['family'], party: { city: '宁波', age: 40 }, items: [{ k: 'b', v: 5 }] },
      { _id: '3', n: 3, tags: [], party: { city: '杭州', age: 50 }, items: [] },
    ]);
    const ids = async (where: object) => (await db.collection(c).where(where).get()).data.map((d: any) => d._id);
    expect(await ids({ n: _.eq(2) })).toEqual(['2']);
    expect(await ids({ n: _.neq(2) })).toEqual(['1', '3']);
    expect(await ids({ n: _.gt(1).and(_.lte(3)) })).toEqual(['2', '3']);
    expect(await ids({ n: _.lt(2) })).toEqual(['1']);
    expect(await ids({ n: _.in([1, 3]) })).toEqual(['1', '3']);
    expect(await ids({ n: _.nin([1, 3]) })).toEqual(['2']);
    expect(await ids(_.or([{ n: 1 }, { 'party.age': 40 }]))).toEqual(['1', '2']);
    expect(await ids(_.and([{ 'party.city': '杭州' }, { n: _.gt(1) }]))).toEqual(['3']);
    expect(await ids(_.nor([{ n: 1 }, { n: 2 }]))).toEqual(['3']);
    expect(await ids({ party: { city: '宁波' } })).toEqual(['2']);
    expect(await ids({ tags: 'urgent' })).toEqual(['1']);
    expect(await ids({ tags: _.size(0) })).toEqual(['3']);
    expect(await ids({ tags: _.all(['labour', 'urgent']) })).toEqual(['1']);
    expect(await ids({ items: _.elemMatch({ k: 'b', v: _.gt(3) }) })).toEqual(['2']);
    expect(await ids({ 'party.city': db.RegExp({ regexp: '^杭', options: 'i' }) })).toEqual(['1', '3']);
    expect(await ids({ tags: /^FAM/i })).toEqual(['2']);
  });

  test('get() returns 100 documents by default and at most 1000; skip pages through in natural order', async () => {
    const c = fresh('paging');
    local.seed(
      c,
      Array.from({ length: 1200 }, (_v, i) => ({ _id: `d${String(i).padStart(4, '0')}`, i })),
    );
    expect((await db.collection(c).get()).data).toHaveLength(100);
    expect((await db.collection(c).limit(2000).get()).data).toHaveLength(1000);
    const page3 = await db.collection(c).skip(200).limit(100).get();
    expect(page3.data.map((d: any) => d.i)).toEqual(Array.from({ length: 100 }, (_v, i) => 200 + i));
    const tail = await db.collection(c).skip(1150).limit(100).get();
    expect(tail.data).toHaveLength(50);
    expect((await db.collection(c).count()).total).toBe(1200);
    expect((await db.collection(c).where({ i: _.gte(1190) }).count()).total).toBe(10);
  });

  test('orderBy on several keys, then field() projection', async () => {
    const c = fresh('order');
    local.seed(c, [
      { _id: 'a', org: 'B', at: 2, secret: 'x' },
      { _id: 'b', org: 'A', at: 1, secret: 'x' },
      { _id: 'c', org: 'B', at: 9, secret: 'x' },
      { _id: 'd', org: 'A', at: 5, secret: 'x' },
    ]);
    const res = await db.collection(c).orderBy('org', 'asc').orderBy('at', 'desc').field({ org: true, at: true }).get();
    expect(res.data).toEqual([
      { _id: 'd', org: 'A', at: 5 },
      { _id: 'b', org: 'A', at: 1 },
      { _id: 'c', org: 'B', at: 9 },
      { _id: 'a', org: 'B', at: 2 },
    ]);
    const excluded = await db.collection(c).doc('a').field({ secret: false }).get();
    expect(excluded.data).toEqual({ _id: 'a', org: 'B', at: 2 });
  });
});

describe('update operators', () => {
  const apply = async (initial: object, data: object) => {
    const c = fresh('upd');
    local.seed(c, [{ _id: 'x', ...initial }]);
    await db.collection(c).doc('x').update({ data });
    const { _id, ...rest } = local.dump(c)[0];
    return rest;
  };

  test.each([
    ['set', { a: 1 }, () => ({ a: _.set({ b: 2 }) }), { a: { b: 2 } }],
    ['inc', { n: 1 }, () => ({ n: _.inc(4) }), { n: 5 }],
    ['mul', { n: 3 }, () => ({ n: _.mul(2) }), { n: 6 }],
    ['push values', { l: [1] }, () => ({ l: _.push([2, 3]) }), { l: [1, 2, 3] }],
    [
      'push each/position/slice',
      { l: [1, 2, 3] },
      () => ({ l: _.push({ each: [8, 9], position: 1, slice: 4 }) }),
      { l: [1, 8, 9, 2] },
    ],
    ['pull value', { l: [1, 2, 1, 3] }, () => ({ l: _.pull(1) }), { l: [2, 3] }],
    ['pull condition', { l: [1, 5, 9] }, () => ({ l: _.pull(_.gt(4)) }), { l: [1] }],
    ['pullAll', { l: [1, 2, 3, 2] }, () => ({ l: _.pullAll([2, 3]) }), { l: [1] }],
    ['addToSet', { l: ['a'] }, () => ({ l: _.addToSet('a') }), { l: ['a'] }],
    ['addToSet each', { l: ['a'] }, () => ({ l: _.addToSet({ $each: ['a', 'b'] }) }), { l: ['a', 'b'] }],
    ['remove', { a: 1, b: 2 }, () => ({ a: _.remove() }), { b: 2 }],
    ['min', { n: 5 }, () => ({ n: _.min(3) }), { n: 3 }],
    ['max', { n: 5 }, () => ({ n: _.max(3) }), { n: 5 }],
    ['rename', { old: 1 }, () => ({ old: _.rename('renamed') }), { renamed: 1 }],
    ['nested path', { p: { q: 1, r: 1 } }, () => ({ 'p.q': _.inc(1) }), { p: { q: 2, r: 1 } }],
  ])('%s', async (_name, initial, data, expected) => {
    expect(await apply(initial, data())).toEqual(expected);
  });

  test('an impossible update fails and leaves the document as it was', async () => {
    const c = fresh('bad');
    local.seed(c, [{ _id: 'x', n: 'text' }]);
    await expect(db.collection(c).doc('x').update({ data: { n: _.inc(1) } })).rejects.toMatchObject({
      errCode: -502001,
    });
    expect(local.dump(c)).toEqual([{ _id: 'x', n: 'text' }]);
  });
});

describe('aggregate', () => {
  const seedCases = (c: string) =>
    local.seed(c, [
      { _id: '1', org: 'A', cat: 'labour', amount: 100, tags: ['x', 'y'] },
      { _id: '2', org: 'A', cat: 'family', amount: 300, tags: ['x'] },
      { _id: '3', org: 'B', cat: 'labour', amount: 200, tags: [] },
    ]);

  test('match, group accumulators and sort', async () => {
    const c = fresh('agg');
    seedCases(c);
    const { list } = await db
      .collection(c)
      .aggregate()
      .match({ amount: _.gte(100) })
      .group({
        _id: '$org',
        total: $.sum('$amount'),
        avg: $.avg('$amount'),
        min: $.min('$amount'),
        max: $.max('$amount'),
        cats: $.push('$cat'),
        set: $.addToSet('$cat'),
        first: $.first('$_id'),
        last: $.last('$_id'),
        n: $.sum(1),
      })
      .sort({ _id: 1 })
      .end();
    expect(list).toEqual([
      { _id: 'A', total: 400, avg: 200, min: 100, max: 300, cats: ['labour', 'family'], set: expect.arrayContaining(['labour', 'family']), first: '1', last: '2', n: 2 },
      { _id: 'B', total: 200, avg: 200, min: 200, max: 200, cats: ['labour'], set: ['labour'], first: '3', last: '3', n: 1 },
    ]);
  });

  test('project, addFields, skip, limit and count', async () => {
    const c = fresh('agg');
    seedCases(c);
    const { list } = await db
      .collection(c)
      .aggregate()
      .addFields({ double: $.multiply(['$amount', 2]) })
      .project({ _id: 0, org: 1, double: 1 })
      .sort({ double: -1 })
      .skip(1)
      .limit(1)
      .end();
    expect(list).toEqual([{ org: 'B', double: 400 }]);
    const counted = await db.collection(c).aggregate().match({ org: 'A' }).count('cases').end();
    expect(counted.list).toEqual([{ cases: 2 }]);
  });

  test('unwind, sortByCount and lookup', async () => {
    const c = fresh('agg');
    const orgs = fresh('orgs');
    seedCases(c);
    local.seed(orgs, [
      { _id: 'A', name: '东湖社区调委会' },
      { _id: 'B', name: '西城街道调解中心' },
    ]);
    const tags = await db.collection(c).aggregate().unwind('$tags').sortByCount('$tags').end();
    expect(tags.list).toEqual([
      { _id: 'x', count: 2 },
      { _id: 'y', count: 1 },
    ]);
    const joined = await db
      .collection(c)
      .aggregate()
      .match({ _id: '3' })
      .lookup({ from: orgs, localField: 'org', foreignField: '_id', as: 'orgDoc' })
      .end();
    expect(joined.list[0].orgDoc).toEqual([{ _id: 'B', name: '西城街道调解中心' }]);
  });

  test('lookup joins by each element of an array, on array fields, and a missing value joins documents without the field', async () => {
    const people = fresh('people');
    const staff = fresh('staff');
    local.seed(people, [
      { _id: 'p1', ids: ['u1', 'u3'] },
      { _id: 'p2', ids: [] },
      { _id: 'p3' },
    ]);
    local.seed(staff, [
      { _id: 'u1', orgs: ['A', 'B'] },
      { _id: 'u2', orgs: ['B'] },
      { _id: 'u3', orgs: ['C'] },
      { _id: 'u4' },
    ]);
    const byIds = await db.collection(people).aggregate().sort({ _id: 1 }).lookup({ from: staff, localField: 'ids', foreignField: '_id', as: 'who' }).limit(10).end();
    expect(byIds.list.map((r: any) => [r._id, r.who.map((w: any) => w._id)])).toEqual([
      ['p1', ['u1', 'u3']],
      ['p2', []],
      ['p3', []],
    ]);
    const onArray = await db
      .collection(people)
      .aggregate()
      .match({ _id: 'p1' })
      .addFields({ org: 'B' })
      .lookup({ from: staff, localField: 'org', foreignField: 'orgs', as: 'inB' })
      .end();
    expect(onArray.list[0].inB.map((w: any) => w._id)).toEqual(['u1', 'u2']);
    const missing = await db.collection(people).aggregate().match({ _id: 'p3' }).lookup({ from: staff, localField: 'org', foreignField: 'orgs', as: 'noOrgs' }).end();
    expect(missing.list[0].noOrgs.map((w: any) => w._id)).toEqual(['u4']);
    const none = await db.collection(people).aggregate().match({ _id: 'p1' }).lookup({ from: fresh('never'), localField: 'ids', foreignField: '_id', as: 'who' }).end();
    expect(none.list[0].who).toEqual([]);
  });

  test('a lookup sub-pipeline without variables gives every row its filtered, sorted, limited and projected answer', async () => {
    const c = fresh('agg');
    const notes = fresh('notes');
    seedCases(c);
    local.seed(
      notes,
      Array.from({ length: 30 }, (_unused, i) => ({ _id: `n${String(i).padStart(2, '0')}`, caseOrg: i % 3 === 0 ? 'A' : 'B', at: 30 - i, text: `第${i}条` })),
    );
    const res = await db
      .collection(c)
      .aggregate()
      .sort({ _id: 1 })
      .limit(2)
      .lookup({ from: notes, pipeline: $.pipeline().match({ caseOrg: 'A', at: _.gt(10) }).sort({ at: 1 }).limit(3).project({ text: 1, _id: 0 }).done(), as: 'latest' })
      .end();
    expect(res.list).toHaveLength(2);
    for (const row of res.list) expect(row.latest).toEqual([{ text: '第18条' }, { text: '第15条' }, { text: '第12条' }]);
    // The store's documents are untouched by what a read did with them.
    expect(local.dump(notes)[0]).toEqual({ _id: 'n00', caseOrg: 'A', at: 30, text: '第0条' });
  });
});

describe('transactions', () => {
  test('writes inside a transaction are invisible until commit, then all land', async () => {
    const c = fresh('tx');
    local.seed(c, [{ _id: 'acc', amount: 100 }]);
    const tx = await db.startTransaction();
    await tx.collection(c).doc('acc').update({ data: { amount: _.inc(-30) } });
    await tx.collection(c).add({ data: { _id: 'log1', delta: -30 } });
    expect((await tx.collection(c).doc('acc').get()).data.amount).toBe(70);
    expect(local.dump(c)).toEqual([{ _id: 'acc', amount: 100 }]);
    await tx.commit();
    expect(local.dump(c)).toEqual([
      { _id: 'acc', amount: 70 },
      { _id: 'log1', delta: -30 },
    ]);
  });

  test('a rolled-back transaction leaves nothing behind', async () => {
    const c = fresh('tx');
    local.seed(c, [{ _id: 'acc', amount: 100 }]);
    const tx = await db.startTransaction();
    await tx.collection(c).doc('acc').update({ data: { amount: 0 } });
    await tx.collection(c).doc('new').set({ data: { v: 1 } });
    await tx.collection(c).doc('acc').remove();
    await tx.rollback();
    expect(local.dump(c)).toEqual([{ _id: 'acc', amount: 100 }]);

    const reason = await db
      .runTransaction(async (t: any) => {
        await t.collection(c).add({ data: { _id: 'half' } });
        await t.rollback('规则不允许');
      })
      .catch((e: unknown) => e);
    expect(reason).toBe('规则不允许');
    const thrown = await db
      .runTransaction(async (t: any) => {
        await t.collection(c).add({ data: { _id: 'half' } });
        throw new Error('boom');
      })
      .catch((e: Error) => e.message);
    expect(thrown).toBe('boom');
    expect(local.dump(c)).toEqual([{ _id: 'acc', amount: 100 }]);
  });

  // As in CloudBase (snapshot isolation): the losing write fails at once, inside the transaction, and
  // wx-server-sdk's document wrapper drops the service's code — errCode -501001, the conflict in errMsg.
  const WRITE_CONFLICT = { errCode: -501001, errMsg: expect.stringContaining('TransactionConflict') };

  test('two transactions writing one document: the second write fails at once, the first commits', async () => {
    const c = fresh('tx');
    local.seed(c, [{ _id: 'acc', amount: 100 }]);
    const t1 = await db.startTransaction();
    const t2 = await db.startTransaction();
    const seen1 = (await t1.collection(c).doc('acc').get()).data.amount;
    const seen2 = (await t2.collection(c).doc('acc').get()).data.amount;
    await t1.collection(c).doc('acc').update({ data: { amount: seen1 - 10 } });
    await expect(t2.collection(c).doc('acc').update({ data: { amount: seen2 - 20 } })).rejects.toMatchObject(WRITE_CONFLICT);
    await t1.commit();
    // The loser was aborted: its commit finds no transaction.
    await expect(t2.commit()).rejects.toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
    expect(local.dump(c)).toEqual([{ _id: 'acc', amount: 90 }]);
  });

  test('a plain write after a transaction read makes the write in the transaction fail at once', async () => {
    const c = fresh('tx');
    local.seed(c, [{ _id: 'slot', bookedBy: null }]);
    const tx = await db.startTransaction();
    await tx.collection(c).doc('slot').get();
    await db.collection(c).doc('slot').update({ data: { bookedBy: 'other' } });
    await expect(tx.collection(c).doc('slot').update({ data: { bookedBy: 'me' } })).rejects.toMatchObject(WRITE_CONFLICT);
    expect(local.dump(c)).toEqual([{ _id: 'slot', bookedBy: 'other' }]);
  });

  test('a conflict at commit keeps its code, and runTransaction retries on it', async () => {
    const c = fresh('tx');
    local.seed(c, [{ _id: 'a', v: 0 }, { _id: 'b', v: 0 }]);
    const tx = await db.startTransaction();
    await tx.collection(c).doc('a').get();
    await tx.collection(c).doc('b').update({ data: { v: 1 } });
    await db.collection(c).doc('a').update({ data: { v: 5 } });
    await expect(tx.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
    expect(local.dump(c)).toEqual([{ _id: 'a', v: 5 }, { _id: 'b', v: 0 }]);
  });

  test('runTransaction does not retry a write conflict: wx-server-sdk has dropped the code it retries on', async () => {
    const c = fresh('tx');
    local.seed(c, [{ _id: 'counter', v: 0 }]);
    let runs = 0;
    const increment = () =>
      db.runTransaction(async (t: any) => {
        runs++;
        const { data } = await t.collection(c).doc('counter').get();
        await new Promise((r) => setTimeout(r, 5));
        await t.collection(c).doc('counter').update({ data: { v: data.v + 1 } });
        return data.v + 1;
      });
    const results = await Promise.allSettled([increment(), increment()]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: WRITE_CONFLICT });
    expect(runs).toBe(2);
    expect(local.dump(c)).toEqual([{ _id: 'counter', v: 1 }]);
  });

  test('inserting the same new _id in two transactions: the second insert fails at once, the first commits', async () => {
    const c = fresh('tx');
    const t1 = await db.startTransaction();
    const t2 = await db.startTransaction();
    await t1.collection(c).add({ data: { _id: 'slot-0900', by: 'one' } });
    await expect(t2.collection(c).add({ data: { _id: 'slot-0900', by: 'two' } })).rejects.toMatchObject(WRITE_CONFLICT);
    await t1.commit();
    expect(local.dump(c)).toEqual([{ _id: 'slot-0900', by: 'one' }]);
  });

  test('queries other than doc(id) are refused inside a transaction', async () => {
    const c = fresh('tx');
    const tx = await db.startTransaction();
    await expect(tx.collection(c).where({ a: 1 }).get()).rejects.toMatchObject({ errCode: -502001 });
    await tx.rollback();
  });
});

describe('the runtime hooks', () => {
  test('onRequest sees one call per round trip', async () => {
    const c = fresh('hooks');
    await db.collection(c).add({ data: { a: 1 } });
    await db.collection(c).where({ a: 1 }).count();
    await db.runTransaction(async (t: any) => {
      await t.collection(c).doc('x').set({ data: { a: 2 } });
    });
    expect(requests).toEqual([
      'database.insertDocument',
      'database.calculateDocument',
      'database.startTransaction',
      'database.modifyDocument',
      'database.commitTransaction',
    ]);
  });

  test('strictCollections: a collection never created fails like CloudBase until it is created', async () => {
    const strict = installLocalDatabase({ filename: ':memory:', strictCollections: true });
    try {
      await expect(db.collection('cases').get()).rejects.toMatchObject({ errCode: -502005 });
      await expect(db.collection('cases').add({ data: { a: 1 } })).rejects.toMatchObject({ errCode: -502005 });
      await db.createCollection('cases');
      await db.collection('cases').add({ data: { a: 1 } });
      expect((await db.collection('cases').count()).total).toBe(1);
      expect(strict.collectionNames()).toEqual(['cases']);
    } finally {
      strict.close();
      local = installLocalDatabase({ filename: ':memory:', now: () => NOW, onRequest: (a) => requests.push(a) });
    }
  });

  test('reinstalling swaps in a fresh store for the same wx-server-sdk', async () => {
    const c = fresh('swap');
    local.seed(c, [{ _id: 'kept' }]);
    const other = installLocalDatabase({ filename: ':memory:', now: () => NOW });
    try {
      expect((await db.collection(c).count()).total).toBe(0);
      expect(other.collectionNames()).toEqual([]);
    } finally {
      other.close();
      // Put the file-wide store back for the remaining tests.
      local = installLocalDatabase({ filename: ':memory:', now: () => NOW, onRequest: (a) => requests.push(a) });
    }
    expect(local.collectionNames()).toEqual([]);
  });
});
