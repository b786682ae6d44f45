// The equality indexes only narrow the scan: results must equal a plain mingo scan, also after writes.
import fc from 'fast-check';
import { find as mingoFind } from 'mingo';
import { find } from '../../../src/local/db/query';
import { Store } from '../../../src/local/db/store';

const value = fc.oneof(fc.constantFrom('a', 'b', '1'), fc.constantFrom(1, 2), fc.boolean(), fc.constant(null));
const field = fc.oneof(value, fc.array(value, { maxLength: 3 }), fc.record({ c: value }, { noNullPrototype: true }), fc.array(fc.record({ c: value }, { noNullPrototype: true }), { maxLength: 2 }));
const doc = fc.record({ a: field, b: field }, { requiredKeys: [], noNullPrototype: true });
const path = fc.constantFrom('a', 'b', 'a.c', 'b.c', 'a.0');
const criterion = fc.oneof(
  fc.tuple(path, value).map(([p, v]) => ({ [p]: v })),
  fc.tuple(path, value).map(([p, v]) => ({ [p]: { $eq: v } })),
  fc.tuple(path, fc.array(value, { minLength: 1, maxLength: 3 })).map(([p, vs]) => ({ [p]: { $in: vs } })),
  fc.tuple(path, value, path, value).map(([p, v, q, w]) => ({ $and: [{ [p]: v }, { [q]: w }] })),
  fc.tuple(fc.array(fc.constantFrom('k0', 'k1', 'k2', 'k9'), { minLength: 1 })).map(([ids]) => ({ _id: { $in: ids } })),
);
// An `$or` narrows by the union of its branches when every branch narrows (one branch that cannot — a range, an
// `_id` list, nested conjunctions — and it does not), beside or inside other constraints.
const branch = fc.oneof(
  criterion,
  fc.tuple(path, value, path, value).map(([p, v, q, w]) => ({ [p]: v, [q]: w })),
  fc.tuple(path, fc.integer({ min: 0, max: 2 })).map(([p, n]) => ({ [p]: { $gt: n } })),
);
const criteria = fc.oneof(
  criterion,
  fc.array(branch, { minLength: 1, maxLength: 3 }).map((bs) => ({ $or: bs })),
  fc.tuple(path, value, fc.array(branch, { minLength: 1, maxLength: 3 })).map(([p, v, bs]) => ({ [p]: v, $or: bs })),
  fc.tuple(fc.array(branch, { minLength: 1, maxLength: 3 }), fc.array(branch, { minLength: 1, maxLength: 3 })).map(([xs, ys]) => ({ $and: [{ $or: xs }, { $or: ys }] })),
);

test('indexed find returns what a full mingo scan returns, through inserts, updates and removals, $or included', () => {
  fc.assert(
    fc.property(
      fc.array(doc, { minLength: 1, maxLength: 30 }),
      fc.array(fc.tuple(fc.nat(40), fc.option(doc, { nil: null })), { maxLength: 15 }),
      fc.array(criteria, { minLength: 1, maxLength: 5 }),
      (initial, writes, queries) => {
        const store = new Store({ filename: ':memory:' });
        try {
          store.commit(initial.map((d, i) => ({ collection: 'c', key: `k${i}`, doc: { _id: `k${i}`, ...d } })));
          const coll = store.collection('c');
          // Build indexes before the writes so that their maintenance is what gets checked.
          for (const q of queries) find(coll, q, {});
          for (const [i, d] of writes) {
            store.commit([{ collection: 'c', key: `k${i}`, doc: d && { _id: `k${i}`, ...d } }]);
          }
          for (const q of queries) {
            const expected = mingoFind(Array.from(coll.docs.values()), q).all().map((d: any) => d._id);
            expect(find(coll, q, {}).map((d) => d._id)).toEqual(expected);
          }
        } finally {
          store.close();
        }
      },
    ),
    { numRuns: 100, seed: 20260301 },
  );
});

test('orderBy pages match a generic sort, missing and null first, numbers before strings before dates', () => {
  const scalar = fc.oneof(
    fc.integer({ min: -3, max: 3 }),
    fc.constantFrom('a', 'B', '调'),
    fc.constant(null),
    fc.integer({ min: 0, max: 3 }).map((d) => new Date(Date.UTC(2026, 0, d + 1))),
  );
  const row = fc.record({ x: scalar, y: scalar }, { requiredKeys: [], noNullPrototype: true });
  fc.assert(
    fc.property(
      fc.oneof(fc.array(row, { maxLength: 30 }), fc.array(row, { minLength: 180, maxLength: 220 })),
      fc.constantFrom<[string, 1 | -1][]>([['x', 1]], [['x', -1]], [['x', 1], ['y', -1]], [['y', -1], ['x', 1]]),
      fc.nat(10),
      fc.integer({ min: 1, max: 12 }),
      (rows, orderPairs, offset, limit) => {
        const store = new Store({ filename: ':memory:' });
        try {
          store.commit(rows.map((r, i) => ({ collection: 'c', key: `k${i}`, doc: { _id: `k${i}`, ...r } })));
          const coll = store.collection('c');
          const order = Object.fromEntries(orderPairs);
          const all = Array.from(coll.docs.values());
          const expected = mingoFind(all, {}).sort(order).skip(offset).limit(limit).all();
          const got = find(coll, {}, { order, offset, limit });
          // Ties may come in any order: compare the sort keys, not the ids.
          const keys = (ds: any[]) => ds.map((d) => orderPairs.map(([p]) => d[p] ?? null));
          expect(keys(got)).toEqual(keys(expected));
        } finally {
          store.close();
        }
      },
    ),
    { numRuns: 100, seed: 20260302 },
  );
});
