// WeChat allows one timer trigger per cloud function, so the timer function has one, `tick`, every 5 minutes,
// and each run does what is due: the relay every time, the deadline sweep on the quarter hours, expiry hourly.
import fs from 'node:fs';
import path from 'node:path';
import { demoRuntime, call, rid } from '../helpers/runtime';
import type { LocalRuntime } from '../../src/local/runtime';
import { jobsDue } from '../../src/server/timer/schedule';

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await demoRuntime();
});
afterAll(() => rt.close());

describe('the timer function has one trigger that runs every job on its cadence', () => {
  it('its config.json declares exactly one timer trigger, and the local runtime accepts it', () => {
    const config = JSON.parse(fs.readFileSync(path.join(__dirname, '../../cloudfunctions/timer/config.json'), 'utf8'));
    expect(config.triggers).toEqual([{ name: 'tick', type: 'timer', config: '0 */5 * * * * *' }]);
    expect(rt.triggers().filter((t) => t.fn === 'timer').map((t) => t.name)).toEqual(['tick']);
  });

  it('over an hour of ticks: the relay every 5 minutes, the sweep every 15, expiry once', () => {
    const ticks = Array.from({ length: 12 }, (_, i) => jobsDue(new Date(Date.UTC(2026, 10, 20, 3, i * 5))));
    expect(ticks.filter((j) => j.includes('deadlines'))).toHaveLength(4);
    // The sweep relays after itself, so every tick relays.
    expect(ticks.every((j) => j.includes('relay') !== j.includes('deadlines'))).toBe(true);
    expect(ticks.filter((j) => j.includes('expiry'))).toHaveLength(1);
    expect(ticks.every((j) => j[j.length - 1] === 'figures')).toBe(true);
    // Closed cases' files are numbered every tick, before the figures.
    expect(ticks.every((j) => j[j.length - 2] === 'archives')).toBe(true);
  });

  it('a tick on the quarter hour sweeps deadlines and sends the notices; at minute 5 it relays and expires', async () => {
    const filed = await call(rt, 'case', 'tick-resident', 'file', {
      category: 'neighbourhood',
      summary: '楼上装修噪音持续到深夜，多次沟通无果',
      communityId: 'liuan',
      applicant: { name: '周一', mobile: '13800001111' },
      respondents: [{ name: '吴二' }],
      consent: { privacy: true, shareWithOtherOrgs: false },
    }, rid());
    expect(filed.ok).toBe(true);
    // A day after the filing (the clock is real), on the hour.
    const hour = Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 86_400_000;
    const quarter = (await rt.fireTimer('timer', 'tick', new Date(hour + 15 * 60_000))).result as any;
    expect(quarter.ok).toBe(true);
    expect(Object.keys(quarter.data)).toEqual(['deadlines', 'archives', 'figures']);
    expect(quarter.data.deadlines.sweep).toBeDefined();
    expect(quarter.data.deadlines.relay.sent).toBeGreaterThan(0);
    const five = (await rt.fireTimer('timer', 'tick', new Date(hour + 65 * 60_000))).result as any;
    expect(Object.keys(five.data)).toEqual(['relay', 'expiry', 'archives', 'figures']);
    // Every tick rolls the figures up: the case filed above is counted once, whatever the number of ticks.
    expect(quarter.data.figures).toMatchObject({ cases: 1, retried: 0 });
    expect(five.data.figures).toMatchObject({ cases: 0, retried: 0 });
  });
});
