// getWXContext() reads process.env; locally, concurrent invocations share a process. Each must still see
// its own caller, and what it writes must land under its own identity.
import { freshRuntime, call, rid } from '../helpers/runtime';
import { runAsInvocation } from '../../src/local/identity';
import { getCloud } from '../../src/server/kernel/platform';

const rt = freshRuntime();
afterAll(() => rt.close());

describe('per-invocation identity', () => {
  it('interleaved invocations each read their own OPENID at every await', async () => {
    const cloud = getCloud();
    const ids = Array.from({ length: 40 }, (_, i) => `user-${i}`);
    const seen = await Promise.all(
      ids.map((openid, i) =>
        runAsInvocation({ openid }, async () => {
          const reads: string[] = [];
          for (let step = 0; step < 5; step++) {
            await new Promise((r) => setTimeout(r, (i * 7 + step * 3) % 5));
            reads.push(String(cloud.getWXContext().OPENID));
          }
          return reads;
        }),
      ),
    );
    seen.forEach((reads, i) => expect(reads).toEqual(Array(5).fill(ids[i])));
  });

  it('a timer-style invocation has an empty OPENID even while users are being served', async () => {
    const cloud = getCloud();
    const [anon, user] = await Promise.all([
      runAsInvocation({ openid: '' }, async () => {
        await new Promise((r) => setTimeout(r, 5));
        return cloud.getWXContext().OPENID;
      }),
      runAsInvocation({ openid: 'someone' }, async () => cloud.getWXContext().OPENID),
    ]);
    expect(anon).toBe('');
    expect(user).toBe('someone');
  });

  it('concurrent calls through a real function write under their own caller', async () => {
    const users = Array.from({ length: 30 }, (_, i) => ({ openid: `resident-${i}`, largeText: i % 3 === 0 }));
    const results = await Promise.all(users.map((u) => call(rt, 'user', u.openid, 'setPreferences', { largeText: u.largeText }, rid())));
    results.forEach((r) => expect(r.ok).toBe(true));
    for (const u of users) {
      const me = await call<{ prefs: { largeText: boolean } }>(rt, 'user', u.openid, 'me');
      expect(me.ok && me.data.prefs.largeText).toBe(u.largeText);
    }
  });

  it('a call with no caller is refused for user actions, and identity never comes from the event', async () => {
    const anon = await call(rt, 'user', '', 'me');
    expect(anon).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    // CloudBase adds userInfo to mini-program events; it must be ignored, not trusted.
    const inv = await rt.invoke<any>('user', { action: 'me', userInfo: { openId: 'demo-director' } }, { openid: '' });
    expect(inv.result).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });

  it('counts database requests per invocation', async () => {
    const inv = await rt.invoke<any>('user', { action: 'me' }, { openid: 'resident-1' });
    expect(inv.result.ok).toBe(true);
    expect(inv.dbRequests).toBe(1);
  });
});
