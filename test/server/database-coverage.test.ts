// The coverage rule (src/server/database/coverage.ts): which declared index serves which query shape.
import { coverage, indexCovers, queryShapes, suggestIndex, uncoveredMessage, type IndexSpec } from '../../src/server/database/coverage';

const idx = (name: string, keys: Record<string, 1 | -1>): IndexSpec => ({ name, keys });
const asc = (field: string) => ({ field, direction: 1 as const });
const desc = (field: string) => ({ field, direction: -1 as const });

describe('query shapes', () => {
  it('plain values, null, arrays, sub-documents, $eq and $in are equality; operators are ranges', () => {
    const [s] = queryShapes({ a: 'x', b: null, c: { $in: [1, 2] }, d: { $eq: 3 }, e: { $gt: 1 }, f: { $ne: 'closed' }, g: { $exists: true }, h: /re/, i: { k: 1 } });
    expect(s.equality).toEqual(['a', 'b', 'c', 'd', 'i']);
    expect(s.range).toEqual(['e', 'f', 'g', 'h']);
  });

  it('$and merges its branches; a field with both an equality and a range condition is an equality field', () => {
    const [s] = queryShapes({ $and: [{ a: 1 }, { b: { $lt: 2 } }, { a: { $gt: 0 } }], c: { $and: [{ $gte: 1 }, { $lte: 9 }] } });
    expect(s.equality).toEqual(['a']);
    expect(s.range).toEqual(['b', 'c']);
  });

  it('$or needs one shape per branch, each with the fields beside it', () => {
    const shapes = queryShapes({ org: 'o1', $or: [{ status: 'a' }, { due: { $lt: 5 } }] });
    expect(shapes.map((s) => [s.equality, s.range])).toEqual([
      [['org', 'status'], []],
      [['org'], ['due']],
    ]);
  });
});

describe('an index covers a query', () => {
  const slots = idx('kind_resource_start', { kind: 1, resourceId: 1, startAt: 1 });

  it('when its leading fields are exactly the query fields, equality first', () => {
    expect(coverage({ indexes: [slots] }, { kind: 'room', resourceId: { $in: ['r1'] }, startAt: { $gte: 'a', $lte: 'b' } }, [asc('startAt')])).toEqual({ covered: true, by: 'kind_resource_start' });
    // A prefix of the index.
    expect(coverage({ indexes: [slots] }, { kind: 'room' }).covered).toBe(true);
    expect(coverage({ indexes: [slots] }, { kind: 'room', resourceId: 'r1' }).covered).toBe(true);
  });

  it('not with a gap in the leading fields, nor a field the index lacks', () => {
    expect(coverage({ indexes: [slots] }, { kind: 'room', startAt: { $gt: 'a' } }).covered).toBe(false);
    expect(coverage({ indexes: [slots] }, { resourceId: 'r1' }).covered).toBe(false);
    expect(coverage({ indexes: [slots] }, { kind: 'room', resourceId: 'r1', startAt: 'x', owner: 'u' }).covered).toBe(false);
  });

  it('not when a range field comes before an equality field in the index', () => {
    const byDateThenKind = idx('start_kind', { startAt: 1, kind: 1 });
    expect(indexCovers(byDateThenKind, { equality: ['kind'], range: ['startAt'], sort: [] })).toBe(false);
    expect(indexCovers(idx('kind_start', { kind: 1, startAt: 1 }), { equality: ['kind'], range: ['startAt'], sort: [] })).toBe(true);
  });

  it('with the sort fields in orderBy order, in the index direction or all reversed', () => {
    const inbox = idx('openid_at', { openid: 1, at: -1 });
    expect(indexCovers(inbox, { equality: ['openid'], range: [], sort: [desc('at')] })).toBe(true);
    expect(indexCovers(inbox, { equality: ['openid'], range: [], sort: [asc('at')] })).toBe(true);
    const two = idx('a_b_c', { a: 1, b: 1, c: -1 });
    expect(indexCovers(two, { equality: ['a'], range: [], sort: [asc('b'), desc('c')] })).toBe(true);
    expect(indexCovers(two, { equality: ['a'], range: [], sort: [desc('b'), asc('c')] })).toBe(true);
    expect(indexCovers(two, { equality: ['a'], range: [], sort: [asc('b'), asc('c')] })).toBe(false);
    expect(indexCovers(two, { equality: ['a'], range: [], sort: [desc('c'), asc('b')] })).toBe(false);
  });

  it('sorting on a field pinned by equality costs nothing', () => {
    expect(indexCovers(idx('a', { a: 1 }), { equality: ['a'], range: [], sort: [desc('a')] })).toBe(true);
  });

  it('a look-up by _id needs no declared index; a range on _id with other fields does', () => {
    expect(coverage({ indexes: [] }, { _id: 'x' })).toEqual({ covered: true, by: '_id_' });
    expect(coverage({ indexes: [] }, { _id: { $in: ['x', 'y'] }, openid: 'u', readAt: null }).covered).toBe(true);
    expect(coverage({ indexes: [] }, { status: { $ne: 'closed' }, _id: { $gt: 'c1' } }, [asc('_id')]).covered).toBe(false);
    // A range on _id alone (a collection walked page by page in _id order) is the _id index's.
    expect(coverage({ indexes: [] }, { _id: { $gt: 'c1' } }, [asc('_id')])).toEqual({ covered: true, by: '_id_' });
    expect(coverage({ indexes: [idx('status_id', { status: 1, _id: 1 })] }, { status: { $ne: 'closed' }, _id: { $gt: 'c1' } }, [asc('_id')]).covered).toBe(true);
  });

  it('reading everything needs the collection declared fullScan', () => {
    expect(coverage({ indexes: [] }, {}).covered).toBe(false);
    expect(coverage({ indexes: [], fullScan: 'small directory' }, {})).toEqual({ covered: true, by: 'fullScan' });
    expect(coverage({ indexes: [], fullScan: 'small directory' }, { name: 'x' }).covered).toBe(false);
  });

  it('$or is covered only when every branch is', () => {
    const indexes = [idx('org_status', { org: 1, status: 1 })];
    expect(coverage({ indexes }, { org: 'o', $or: [{ status: 'a' }, { status: 'b' }] }).covered).toBe(true);
    expect(coverage({ indexes }, { org: 'o', $or: [{ status: 'a' }, { due: 1 }] }).covered).toBe(false);
  });

  it('operators no index can serve are refused with that reason', () => {
    const r = coverage({ indexes: [idx('a', { a: 1 })] }, { a: 1, $expr: { $gt: ['$x', '$y'] } });
    expect(r.covered).toBe(false);
    if (!r.covered) expect(uncoveredMessage('t', r)).toContain('no index can serve $expr');
  });
});

describe('the message for an uncovered query', () => {
  it('names the collection, the shape and the exact index to add to schema.ts', () => {
    const r = coverage({ indexes: [] }, { actingOrgIds: 'o1', 'contentReview.status': 'pending' }, [asc('registeredAt')]);
    expect(r.covered).toBe(false);
    if (r.covered) return;
    expect(r.suggestion).toEqual({ name: 'actingOrgIds_contentReview_status_registeredAt', keys: { actingOrgIds: 1, 'contentReview.status': 1, registeredAt: 1 } });
    expect(uncoveredMessage('cases', r)).toBe(
      "[IndexNotDeclared] no declared index of 'cases' covers the query where { actingOrgIds (=), contentReview.status (=) } orderBy registeredAt asc; " +
        "add to the 'cases' entry of src/server/database/schema.ts: indexes: [..., {name:'actingOrgIds_contentReview_status_registeredAt',keys:{actingOrgIds:1,'contentReview.status':1,registeredAt:1}}]",
    );
  });

  it('suggests an index that covers the shape it was made for', () => {
    const shapes = [
      { equality: ['a', 'b'], range: ['c'], sort: [desc('d')] },
      { equality: [], range: ['c', 'e'], sort: [] },
      { equality: ['a'], range: ['d'], sort: [desc('d')] },
    ];
    for (const s of shapes) expect(indexCovers(suggestIndex(s), s)).toBe(true);
  });
});
