// A state change is all or nothing, and two changes decided on the same version cannot both land.
import { commit } from '../../src/server/kernel/unit-of-work';
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

describe('duplicate writes', () => {
  it('are told apart from conflicts so an idempotent create can return the first result', async () => {
    const { DuplicateWrite } = await import('../../src/server/kernel/unit-of-work');
    const create = () =>
      commit(db(), { writes: [], inserts: [{ collection: 'cases', id: 'c-dup', data: { status: 'registered' } }] });
    await create();
    await expect(create()).rejects.toBeInstanceOf(DuplicateWrite);
  });
});
