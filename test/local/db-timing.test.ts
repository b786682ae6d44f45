// The timing hook behind `npm run bench`: the local database reports how long it spent on each request, and
// an invocation adds those up, so the bench can tell the function's own work from the store's.
import { installLocalDatabase } from '../../src/local/db';
import { runAsInvocation, timeDbRequest, countDbRequest } from '../../src/local/identity';

const served: Array<{ action: string; ms: number }> = [];
const asked: string[] = [];
const local = installLocalDatabase({
  filename: ':memory:',
  onRequest: (a) => {
    asked.push(a);
    countDbRequest(a);
  },
  onRequestServed: (action, ms) => {
    served.push({ action, ms });
    timeDbRequest(action, ms);
  },
});
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cloud = require('wx-server-sdk');
cloud.init({ env: 'local' });
const db = cloud.database();

afterAll(() => local.close());

describe('database request timing', () => {
  it('reports every request once it is served, with the same action the counter saw', async () => {
    served.length = 0;
    asked.length = 0;
    await db.collection('timing_a').add({ data: { n: 1 } });
    await db.collection('timing_a').where({ n: 1 }).get();
    expect(served.map((s) => s.action)).toEqual(asked);
    expect(served).toHaveLength(2);
    for (const s of served) expect(s.ms).toBeGreaterThanOrEqual(0);
  });

  it('a failed request is timed too', async () => {
    served.length = 0;
    await db.collection('timing_b').add({ data: { _id: 'same' } });
    await expect(db.collection('timing_b').add({ data: { _id: 'same' } })).rejects.toBeTruthy();
    expect(served).toHaveLength(2);
  });

  it('an invocation adds up the time its own requests took, and only those', async () => {
    local.seed(
      'timing_big',
      Array.from({ length: 30_000 }, (_, i) => ({ _id: `d${i}`, text: `第${i}号记录`, tags: [i % 7, i % 11] })),
    );
    // A slow query (a regular expression over 30,000 documents: no index helps) inside one invocation,
    // and a busy loop outside the database: the store's share must be the query, not the loop.
    const started = performance.now();
    const store = await runAsInvocation({ openid: 'u1' }, async (s) => {
      await db.collection('timing_big').where({ text: db.RegExp({ regexp: '9999' }) }).count();
      const until = performance.now() + 30;
      while (performance.now() < until) {
        /* the function's own work */
      }
      return s;
    });
    expect(store.dbRequests).toBe(1);
    const wall = performance.now() - started;
    expect(store.dbMs).toBeGreaterThan(1);
    // The 30 ms loop is the function's, never the database's.
    expect(store.dbMs).toBeLessThanOrEqual(wall - 30);

    // Concurrent invocations each see only their own requests' time.
    const [idle, busy] = await Promise.all([
      runAsInvocation({ openid: 'idle' }, async (s) => {
        await new Promise((r) => setTimeout(r, 20));
        return s;
      }),
      runAsInvocation({ openid: 'busy' }, async (s) => {
        await db.collection('timing_big').where({ text: db.RegExp({ regexp: '8888' }) }).count();
        return s;
      }),
    ]);
    expect(idle.dbMs).toBe(0);
    expect(idle.dbRequests).toBe(0);
    expect(busy.dbMs).toBeGreaterThan(0);
  });
});
