// Timer triggers use CloudBase's seven-field cron in Beijing time, and fire locally on schedule.
import { nextFire, scheduleTriggers, type TimerTrigger } from '../../src/local/timers';

describe('nextFire', () => {
  it('reads the seven CloudBase fields in Beijing time', () => {
    // 02:00 every day Beijing time = 18:00 UTC the day before
    expect(nextFire('0 0 2 * * * *', new Date('2026-11-22T10:00:00Z'))?.toISOString()).toBe('2026-11-22T18:00:00.000Z');
    expect(nextFire('0 */5 * * * * *', new Date('2026-11-22T10:03:10Z'))?.toISOString()).toBe('2026-11-22T10:05:00.000Z');
  });

  it('honours the year field', () => {
    expect(nextFire('0 0 9 1 1 * 2028', new Date('2026-11-22T00:00:00Z'))?.toISOString()).toBe('2028-01-01T01:00:00.000Z');
  });

  it('rejects a six-field expression with a clear message', () => {
    expect(() => nextFire('0 */5 * * * *', new Date())).toThrow(/7 fields/);
  });
});

describe('scheduleTriggers', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-11-22T10:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it('fires each trigger at its times and stops when asked', async () => {
    const fired: string[] = [];
    const t: TimerTrigger = { fn: 'timer', name: 'tick', config: '0 * * * * * *' };
    const stop = scheduleTriggers([t], async (trigger, at) => {
      fired.push(`${trigger.name}@${at.toISOString()}`);
    });
    await jest.advanceTimersByTimeAsync(3 * 60_000 + 1000);
    expect(fired).toEqual(['tick@2026-11-22T10:01:00.000Z', 'tick@2026-11-22T10:02:00.000Z', 'tick@2026-11-22T10:03:00.000Z']);
    stop();
    await jest.advanceTimersByTimeAsync(5 * 60_000);
    expect(fired).toHaveLength(3);
  });
});
