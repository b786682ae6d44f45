import {
  DEFAULT_CALENDAR,
  DEFAULT_SLOT_RULES,
  awaitingPartyIds,
  claimIdsOf,
  openRangesOn,
  openSlots,
  slotProblem,
  validateAvailability,
  type Availability,
  type Booking,
} from '../../src/domain';

const cal = DEFAULT_CALENDAR;
const rules = DEFAULT_SLOT_RULES; // 60-minute slots, 4 weeks ahead, 2 hours' lead
/** An instant from China local time. */
const china = (date: string, hhmm: string): string => new Date(`${date}T${hhmm}:00+08:00`).toISOString();
const local = (iso: string): string => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

const tueThuAfternoons: Availability = {
  weekly: [
    { weekday: 2, start: '14:00', end: '17:00' },
    { weekday: 4, start: '14:00', end: '17:00' },
  ],
  exceptions: [],
};

describe('open slots from weekly hours', () => {
  it('gives each hour of the windows, China local time, from now + lead time', () => {
    // Monday 2026-11-23 10:00 in China.
    const now = china('2026-11-23', '10:00');
    const slots = openSlots(tueThuAfternoons, cal, rules, now, { to: china('2026-11-27', '00:00') });
    expect(slots.map(local)).toEqual([
      '2026-11-24 14:00', '2026-11-24 15:00', '2026-11-24 16:00',
      '2026-11-26 14:00', '2026-11-26 15:00', '2026-11-26 16:00',
    ]);
    // Stored as UTC instants: 14:00 in China is 06:00Z.
    expect(slots[0]).toBe('2026-11-24T06:00:00.000Z');
  });

  it('leaves out slots too soon (lead time) and beyond the horizon', () => {
    const now = china('2026-11-24', '13:30');
    const slots = openSlots(tueThuAfternoons, cal, rules, now);
    expect(local(slots[0])).toBe('2026-11-24 16:00'); // 14:00 and 15:00 are less than two hours away
    // The horizon ends Tuesday 2026-12-22 13:30: that afternoon is out, Thursday 12-17 16:00 is the last.
    expect(local(slots[slots.length - 1])).toBe('2026-12-17 16:00');
    // Today 16:00, Thursday's three, then three each on six more Tuesdays and Thursdays.
    expect(slots).toHaveLength(1 + 3 + 6 * 3);
  });

  it('a window that does not end on the grid gives only the slots that fit (09:00–11:30 → 09:00, 10:00)', () => {
    const a: Availability = { weekly: [{ weekday: 3, start: '09:00', end: '11:30' }], exceptions: [] };
    expect(openRangesOn('2026-11-25', a, cal)).toEqual([[540, 690]]);
    const slots = openSlots(a, cal, rules, china('2026-11-23', '08:00'), { to: china('2026-11-26', '00:00') });
    expect(slots.map(local)).toEqual(['2026-11-25 09:00', '2026-11-25 10:00']);
  });
});

describe('the working-day calendar', () => {
  it('statutory days off close the weekly hours (National Day 2026, a Thursday)', () => {
    expect(openRangesOn('2026-10-01', tueThuAfternoons, cal)).toEqual([]);
    expect(openRangesOn('2026-10-15', tueThuAfternoons, cal)).toEqual([[840, 1020]]);
  });

  it('a make-up working day on a weekend keeps Monday\'s hours', () => {
    const mondays: Availability = { weekly: [{ weekday: 1, start: '09:00', end: '12:00' }], exceptions: [] };
    const makeUp = cal.makeUpWorkdays.find((d) => d.startsWith('2026'))!;
    expect(makeUp).toBeDefined();
    expect(openRangesOn(makeUp, mondays, cal)).toEqual([[540, 720]]);
  });
});

describe('exceptions', () => {
  it('a whole day unavailable removes it; a few hours unavailable cut the window; extra hours add slots', () => {
    const a: Availability = {
      weekly: tueThuAfternoons.weekly,
      exceptions: [
        { date: '2026-11-24', kind: 'unavailable' },
        { date: '2026-11-26', kind: 'unavailable', start: '15:00', end: '16:00' },
        { date: '2026-11-27', kind: 'extra', start: '18:00', end: '20:00' },
      ],
    };
    const slots = openSlots(a, cal, rules, china('2026-11-23', '08:00'), { to: china('2026-11-28', '00:00') });
    expect(slots.map(local)).toEqual(['2026-11-26 14:00', '2026-11-26 16:00', '2026-11-27 18:00', '2026-11-27 19:00']);
  });
});

describe('checking one slot', () => {
  const now = china('2026-11-23', '10:00');
  it('accepts an open slot and says why others are refused', () => {
    expect(slotProblem(china('2026-11-24', '15:00'), tueThuAfternoons, cal, rules, now)).toBeUndefined();
    expect(slotProblem(china('2026-11-24', '15:30'), tueThuAfternoons, cal, rules, now)?.code).toBe('SLOT_NOT_OPEN');
    expect(slotProblem(china('2026-11-25', '15:00'), tueThuAfternoons, cal, rules, now)?.code).toBe('SLOT_NOT_OPEN');
    expect(slotProblem(china('2026-11-23', '11:00'), tueThuAfternoons, cal, rules, now)?.code).toBe('SLOT_TOO_SOON');
    expect(slotProblem(china('2026-11-20', '15:00'), tueThuAfternoons, cal, rules, now)?.code).toBe('SLOT_TOO_SOON');
    expect(slotProblem(china('2027-01-05', '15:00'), tueThuAfternoons, cal, rules, now)?.code).toBe('SLOT_TOO_FAR');
  });
});

describe('validating hours', () => {
  it('refuses reversed, too short, overlapping or malformed windows; extra hours need times', () => {
    const v = (a: Partial<Availability>) => validateAvailability({ weekly: [], exceptions: [], ...a })?.code;
    expect(v(tueThuAfternoons)).toBeUndefined();
    expect(v({ weekly: [{ weekday: 2, start: '17:00', end: '14:00' }] })).toBe('INVALID_HOURS');
    expect(v({ weekly: [{ weekday: 2, start: '14:00', end: '14:30' }] })).toBe('INVALID_HOURS');
    expect(v({ weekly: [{ weekday: 8, start: '14:00', end: '16:00' }] })).toBe('INVALID_HOURS');
    expect(v({ weekly: [{ weekday: 2, start: '9:00', end: '16:00' }] })).toBe('INVALID_HOURS');
    expect(v({ weekly: [{ weekday: 2, start: '09:00', end: '12:00' }, { weekday: 2, start: '11:00', end: '13:00' }] })).toBe('HOURS_OVERLAP');
    expect(v({ weekly: [{ weekday: 2, start: '09:00', end: '12:00' }, { weekday: 3, start: '11:00', end: '13:00' }] })).toBeUndefined();
    expect(v({ exceptions: [{ date: '2026-11-27', kind: 'extra' }] })).toBe('INVALID_HOURS');
    expect(v({ exceptions: [{ date: '2026-02-30', kind: 'unavailable' }] })).toBe('INVALID_HOURS');
    expect(v({ exceptions: [{ date: '2026-11-27', kind: 'unavailable' }] })).toBeUndefined();
  });
});

describe('bookings', () => {
  const b: Booking = {
    bookingId: 'b1', caseId: 'c1', startAt: '2026-11-24T06:00:00.000Z', endAt: '2026-11-24T07:00:00.000Z', mode: 'on_site',
    roomId: 'liuan-room-1', nonPublic: false, mediatorId: 'm1', orgId: 'o1', proposedBy: { userId: 'u1', as: 'party', partyId: 'p1' },
    createdAt: '2026-11-23T02:00:00.000Z', status: 'proposed', confirmations: [{ partyId: 'p1', at: '2026-11-23T02:00:00.000Z', how: 'self', by: 'u1' }],
  };
  it('claims the mediator and the room at the start; online claims the mediator only', () => {
    expect(claimIdsOf(b)).toEqual(['mediator:m1:2026-11-24T06:00:00.000Z', 'room:liuan-room-1:2026-11-24T06:00:00.000Z']);
    expect(claimIdsOf({ ...b, roomId: undefined })).toEqual(['mediator:m1:2026-11-24T06:00:00.000Z']);
  });
  it('waits for the parties who have not confirmed', () => {
    expect(awaitingPartyIds(b, ['p1', 'p2'])).toEqual(['p2']);
  });
});
