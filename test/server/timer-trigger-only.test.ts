// The timer's sweeps run only when the platform started the run with one of the function's timer triggers:
// nobody can run the relay, the deadline sweep or expiry by calling the function — signed in or anonymous,
// with or without a made-up `Time` — and so nobody can make a sweep act "as of" a moment of their choosing.
import { demoRuntime, call, rid } from '../helpers/runtime';
import type { LocalRuntime } from '../../src/local/runtime';

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await demoRuntime();
});
afterAll(() => rt.close());

const FAR_FUTURE = '2099-01-01T00:00:00.000Z';

async function fileCase() {
  const r = await call(rt, 'case', 'tt-resident', 'file', {
    category: 'neighbourhood',
    summary: '楼上装修噪音持续到深夜，多次沟通无果',
    communityId: 'liuan',
    applicant: { name: '周一', mobile: '13800001111' },
    respondents: [{ name: '吴二' }],
    consent: { privacy: true, shareWithOtherOrgs: false },
  }, rid());
  if (!r.ok) throw new Error(r.code);
  return r.data as { caseId: string };
}

describe('the timer runs only from its own trigger', () => {
  it('an anonymous call with an action and a far-future Time is refused and sweeps nothing', async () => {
    const c = await fileCase();
    for (const event of [
      { action: 'deadlines', Time: FAR_FUTURE },
      { action: 'relay' },
      { Type: 'Timer', TriggerName: 'deadlines', Time: FAR_FUTURE },
    ]) {
      const inv = await rt.invoke<any>('timer', event, { openid: '' });
      expect(inv.result).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    }
    // Had the sweep run as of 2099, the case's triage deadline would be recorded as missed.
    const doc = rt.db.dump('cases').find((d: any) => d._id === c.caseId) as any;
    expect(doc.case.missedDeadlines ?? []).toEqual([]);
  });

  it('a call from another function (SOURCE scf) or from the mini-program is refused', async () => {
    const fromFunction = await rt.invoke<any>('timer', { Type: 'Timer', TriggerName: 'relay' }, { openid: '', source: 'wx_client,scf' });
    expect(fromFunction.result).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const fromUser = await call(rt, 'timer', 'demo-director', 'relay', {});
    expect(fromUser).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('the real trigger runs, as of its own time', async () => {
    const c = await fileCase();
    const inv = await rt.fireTimer('timer', 'deadlines', new Date(Date.now() + 10 * 86_400_000));
    expect(inv.result).toMatchObject({ ok: true });
    const doc = rt.db.dump('cases').find((d: any) => d._id === c.caseId) as any;
    expect(doc.case.missedDeadlines.map((m: { kind: string }) => m.kind)).toContain('triage');
  });
});
