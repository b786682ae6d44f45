// The relay may hold 250 notices in one run; sent one after another at WeChat's latency that is most of the
// timer's minute. It sends 10 at a time, and still records each recipient's result.
import { demoRuntime, call, rid } from '../helpers/runtime';
import type { LocalRuntime } from '../../src/local/runtime';
import { noticeDocs, outboxNotices } from '../helpers/stored';

const NOTICES_WANTED = 25;
let rt: LocalRuntime;
let inFlight = 0;
let mostAtOnce = 0;
beforeAll(async () => {
  rt = await demoRuntime();
  // The subscribe-message service, answering after 20 ms as a real round trip does.
  const subscribe = require('wx-server-sdk').openapi.subscribeMessage;
  const send = subscribe.send;
  subscribe.send = async (req: unknown) => {
    inFlight += 1;
    mostAtOnce = Math.max(mostAtOnce, inFlight);
    try {
      await new Promise((r) => setTimeout(r, 20));
      return await send(req);
    } finally {
      inFlight -= 1;
    }
  };
  for (let i = 0; outboxNotices(rt).length < NOTICES_WANTED; i++) {
    const r = await call(rt, 'case', `relay-resident-${i}`, 'file', {
      category: 'neighbourhood',
      summary: '楼上装修噪音持续到深夜，多次沟通无果',
      communityId: 'liuan',
      applicant: { name: '周一', mobile: '13800001111' },
      respondents: [{ name: '吴二' }],
      consent: { privacy: true, shareWithOtherOrgs: false },
    }, rid());
    if (!r.ok) throw new Error(r.code);
  }
}, 60_000);
afterAll(() => rt.close());

describe('the relay sends with bounded concurrency', () => {
  it('sends several notices at once but never more than 10, and records every result', async () => {
    const due = outboxNotices(rt).filter((d: any) => d.status === 'pending').length;
    expect(due).toBeGreaterThanOrEqual(NOTICES_WANTED);
    const run = (await rt.fireTimer('timer', 'relay', new Date(Date.now() + 60_000))).result as any;
    expect(run.ok).toBe(true);
    expect(run.data.claimed).toBe(due);
    expect(mostAtOnce).toBeGreaterThan(1);
    expect(mostAtOnce).toBeLessThanOrEqual(10);
    expect(noticeDocs(rt).filter((d) => d.status === 'pending' || d.status === 'sending')).toEqual([]);
    const outbox = outboxNotices(rt);
    const recorded = outbox.flatMap((d) => d.recipients ?? []).filter((r: any) => r.status === 'sent');
    expect(recorded).toHaveLength(run.data.sent);
    expect(rt.openapi.sent).toHaveLength(run.data.sent);
  });
});
