// The China calendar date of an instant (UTC+8, no daylight saving): what every register, ledger and deadline shows
// as "the day" a thing happened on.
import { chinaDateOf, endOfChinaDay } from '../../src/domain/shared/time';

describe('chinaDateOf', () => {
  it('turns at 16:00 UTC, midnight in China', () => {
    expect(chinaDateOf('2026-03-31T15:59:59.999Z')).toBe('2026-03-31');
    expect(chinaDateOf('2026-03-31T16:00:00.000Z')).toBe('2026-04-01');
  });

  it('crosses a year and a leap day the same way', () => {
    expect(chinaDateOf('2026-12-31T16:00:00.000Z')).toBe('2027-01-01');
    expect(chinaDateOf('2028-02-28T16:30:00.000Z')).toBe('2028-02-29');
    expect(chinaDateOf('2028-02-29T16:30:00.000Z')).toBe('2028-03-01');
  });

  it('reads an instant written with an offset as that instant', () => {
    expect(chinaDateOf('2026-05-06T23:30:00+08:00')).toBe('2026-05-06');
    expect(chinaDateOf('2026-05-06T00:30:00+08:00')).toBe('2026-05-06');
  });

  it("is the day whose end endOfChinaDay gives, and refuses what is no instant", () => {
    for (const day of ['2026-01-01', '2026-06-30', '2026-12-31']) expect(chinaDateOf(endOfChinaDay(day))).toBe(day);
    expect(() => chinaDateOf('not a time')).toThrow('Not an ISO instant');
  });
});
