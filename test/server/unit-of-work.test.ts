// A state change is all or nothing, and two changes decided on the same version cannot both land.
import { commit, transact } from '../../src/server/kernel/unit-of-work';
import { getCloud } from '../../src/server/kernel/platform';
import { freshRuntime } from '../helpers/runtime';

const rt = freshRuntime();
afterAll(() => rt.close());
const db = () => getCloud().database({ throwOnNotFound: false } as never);

describe('commit', () => {
  it('creates a document with its audit entry, then updates it on the right version', async () => {
    await commit(db(), {
      writes: [{ collection: 'cases', id: 'c1', expectVersion: null, data: { status: 'registered' } }],
      inserts: [{ collection: 'audit', id: 'c1:1', data: { type: 'registered' } }],
    });
    await commit(db(), {
      writes: [{ collection: 'cases', id: 'c1', expectVersion: 1, data: { status: 'accepted' } }],
      inserts: [{ collection: 'audit', id: 'c1:2', data: { type: 'accepted' } }],
    });
    expect(rt.db.dump('cases')).toEqual([{ _id: 'c1', status: 'accepted', version: 2 }]);
    expect(rt.db.dump('audit').map((a) => a._id)).toEqual(['c1:1', 'c1:2']);
  });

  it('refuses a change decided on a stale version and leaves nothing behind', async () => {
    await expect(
      commit(db(), {
        writes: [{ collection: 'cases', id: 'c1', expectVersion: 1, data: { status: 'transferring' } }],
        inserts: [{ collection: 'audit', id: 'c1:2b', data: { type: 'transferred' } }],
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(rt.db.dump('cases')[0]).toMatchObject({ status: 'accepted', version: 2 });
    expect(rt.db.dump('audit').map((a) => a._id)).toEqual(['c1:1', 'c1:2']);
  });

  it('a duplicate insert rolls back the document change too', async () => {
    await expect(
      commit(db(), {
        writes: [{ collection: 'cases', id: 'c1', expectVersion: 2, data: { status: 'closed' } }],
        inserts: [{ collection: 'audit', id: 'c1:1', data: { type: 'closed' } }],
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(rt.db.dump('cases')[0]).toMatchObject({ status: 'accepted', version: 2 });
  });

  it('of two concurrent changes on one version exactly one lands', async () => {
    const attempt = (to: string) =>
      commit(db(), {
        writes: [{ collection: 'cases', id: 'c1', expectVersion: 2, data: { status: 'transferring', to } }],
        inserts: [{ collection: 'audit', id: `c1:3:${to}`, data: { type: 'transferred', to } }],
      }).then(
        () => 'ok',
        (e) => e.code,
      );
    const results = await Promise.all([attempt('street'), attempt('labour')]);
    expect(results.sort()).toEqual(['CONFLICT', 'ok']);
    const audit = rt.db.dump('audit').filter((a) => String(a._id).startsWith('c1:3'));
    expect(audit).toHaveLength(1);
    expect(rt.db.dump('cases')[0]).toMatchObject({ version: 3, to: audit[0].to });
  });
});

describe('updates (documents changed without reading them first)', () => {
  it('apply to the document as committed, with the change, and leave a missing one missing', async () => {
    await commit(db(), { writes: [{ collection: 'calendars', id: 'cal-u', expectVersion: null, data: { claimed: [{ startAt: 'a' }, { startAt: 'b' }] } }], inserts: [] });
    const _ = db().command;
    await commit(db(), {
      writes: [],
      inserts: [{ collection: 'audit', id: 'u:1', data: { type: 'released' } }],
      updates: [
        { collection: 'calendars', id: 'cal-u', data: { claimed: _.pull({ startAt: _.in(['a']) }), version: _.inc(1) } },
        { collection: 'calendars', id: 'cal-missing', data: { claimed: _.pull({ startAt: 'a' }), version: _.inc(1) } },
      ],
    });
    expect(rt.db.dump('calendars')).toEqual([{ _id: 'cal-u', claimed: [{ startAt: 'b' }], version: 2 }]);
    // Or, when told, end the transaction on a missing document: nothing of the change is written.
    await expect(
      commit(db(), {
        writes: [],
        inserts: [{ collection: 'audit', id: 'u:0', data: { type: 'released' } }],
        updates: [{ collection: 'calendars', id: 'cal-missing', data: { version: _.inc(1) }, whenMissing: () => new Error('build it first') }],
      }),
    ).rejects.toThrow('build it first');
    expect(rt.db.dump('audit').map((a) => a._id)).not.toContain('u:0');
    expect(rt.db.dump('calendars').map((c) => c._id)).toEqual(['cal-u']);
  });

  it('apply on a change committed after the transaction began, and lose to one another open transaction made', async () => {
    const _ = db().command;
    await transact(db(), async (tx) => {
      await tx.get('cases', 'c1');
      // Someone else rewrites the calendar after this transaction began: the update applies on top of it.
      await commit(db(), { writes: [{ collection: 'calendars', id: 'cal-u', expectVersion: 2, data: { claimed: [{ startAt: 'b' }, { startAt: 'c' }] } }], inserts: [] });
      await tx.commit({ writes: [], inserts: [], updates: [{ collection: 'calendars', id: 'cal-u', data: { claimed: _.pull({ startAt: 'b' }), version: _.inc(1) } }] });
    });
    expect(rt.db.dump('calendars').find((c) => c._id === 'cal-u')).toEqual({ _id: 'cal-u', claimed: [{ startAt: 'c' }], version: 4 });

    // Another transaction still open has written the calendar: this one fails at once, its insert with it.
    const outcome = await transact(db(), async (tx) => {
      await tx.get('cases', 'c1');
      const other = await (db() as any).startTransaction();
      await other.collection('calendars').doc('cal-u').update({ data: { claimed: _.pull({ startAt: 'c' }) } });
      try {
        await tx.commit({ writes: [], inserts: [{ collection: 'audit', id: 'u:2', data: { type: 'released' } }], updates: [{ collection: 'calendars', id: 'cal-u', data: { claimed: _.pull({ startAt: 'c' }) } }] });
        return 'ok';
      } finally {
        await other.commit();
      }
    }).catch((e) => e.code);
    expect(outcome).toBe('CONFLICT');
    expect(rt.db.dump('audit').map((a) => a._id)).not.toContain('u:2');
    expect(rt.db.dump('calendars').find((c) => c._id === 'cal-u')).toEqual({ _id: 'cal-u', claimed: [], version: 4 });
  });
});

describe('duplicate writes', () => {
  it('are told apart from conflicts so an idempotent create can return the first result', async () => {
    const { DuplicateWrite } = await import('../../src/server/kernel/unit-of-work');
    const create = () =>
      commit(db(), { writes: [], inserts: [{ collection: 'cases', id: 'c-dup', data: { status: 'registered' } }] });
    await create();
    await expect(create()).rejects.toBeInstanceOf(DuplicateWrite);
  });
});
