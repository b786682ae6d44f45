// The calendars booking.slots reads (src/server/booking/resources.ts): a party's slots screen is two database
// requests (the case, then the calendars in one query), and after any sequence of book / confirm / reschedule /
// cancel steps each calendar's claimed slots are exactly the slots the cases' bookings hold (every booking not
// cancelled or moved: the calendar is what refuses a double booking).
import fc from 'fast-check';
import { demoRuntime, call, rid, ok } from '../helpers/runtime';
import { caseInMediation } from '../helpers/case-at';
import type { LocalRuntime } from '../../src/local/runtime';
import { demoDeployment } from '../../src/local/seed';
import { applyDeployment } from '../../src/server/setup/deployment';
import { getCloud } from '../../src/server/kernel/platform';
import { calendarDoc, mediatorSlots } from '../helpers/stored';

let rt: LocalRuntime;
const WIDE = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:00', end: '20:00' }));

/** The mediator and the room open every day 08:00–20:00. */
async function openWide() {
  await ok(call(rt, 'booking', DIRECTOR, 'setRoom', { orgId: ORG, roomId: 'liuan-room-1', name: '柳岸和事佬调解室', capacity: 4, hours: WIDE }, rid()));
  await ok(call(rt, 'booking', DIRECTOR, 'setAvailability', { mediatorId: MEDIATOR, weekly: WIDE }, rid()));
}
beforeAll(async () => {
  rt = await demoRuntime();
  await openWide();
});
afterAll(() => rt.close());

const RESIDENT = 'demo-resident';
const DIRECTOR = 'demo-director';
const MEDIATOR = 'demo-mediator';
const ORG = 'liuan-committee';

const calendar = (id: string) => calendarDoc(rt, id);

let n = 0;
/** A case at 柳岸 with the demo mediator, the respondent joined and agreed: mediation may be booked. */
function mediatingCase() {
  n += 1;
  return caseInMediation(rt, `resp-cal-${n}`);
}

async function requestsOf(openid: string, action: string, data: unknown) {
  const inv = await rt.invoke<any>('booking', { action, data }, { openid });
  expect(inv.result).toMatchObject({ ok: true });
  return inv.dbRequests;
}

describe('booking.slots', () => {
  it('is two database requests for a party, in either mode, with slots claimed', async () => {
    const { caseId } = await mediatingCase();
    // A slot claimed (mediator and room) so the calendars hold something; the first read fills any calendar
    // made before this kind existed.
    const { slots } = await ok(call(rt, 'booking', RESIDENT, 'slots', { caseId, mode: 'on_site' }));
    await ok(call(rt, 'booking', RESIDENT, 'book', { caseId, startAt: slots[0].startAt, mode: 'on_site' }, rid()));
    for (const mode of ['on_site', 'online', 'back_to_back']) {
      await requestsOf(RESIDENT, 'slots', { caseId, mode });
      expect(await requestsOf(RESIDENT, 'slots', { caseId, mode })).toBeLessThanOrEqual(2);
    }
    // Staff add the read of their own record (their roles decide whether they work the case).
    expect(await requestsOf(MEDIATOR, 'slots', { caseId, mode: 'on_site' })).toBeLessThanOrEqual(3);
    const after = await ok(call(rt, 'booking', RESIDENT, 'slots', { caseId, mode: 'on_site' }));
    expect(after.slots.map((s: any) => s.startAt)).not.toContain(slots[0].startAt);
    expect(after.mediatorName).toBe('李调解员');
  });

  it('a calendar marked stale (the deployment loader rewrote hours) is rebuilt from the hours and claims', async () => {
    const { caseId } = await mediatingCase();
    const before = await ok(call(rt, 'booking', RESIDENT, 'slots', { caseId, mode: 'online' }));
    // The deployment loaded again with other hours for the mediator: written directly, the calendar marked stale.
    const deployment = { ...demoDeployment, staff: demoDeployment.staff.map((s) => (s.openid === MEDIATOR ? { ...s, availability: [{ weekday: 1, start: '09:00', end: '10:00' }] } : s)) };
    await applyDeployment(getCloud().database() as never, deployment, new Date());
    // Both marked stale: the mediator's own (here only where their calendar is held) and the organisation's,
    // which holds the mediator's hours beside its rooms (the loader gives rooms their organisation's hours again).
    expect(calendar(`mediator:${MEDIATOR}`)).toMatchObject({ stale: true, homedAt: ORG });
    expect(calendar(`rooms:${ORG}`)).toMatchObject({ stale: true });
    const after = await ok(call(rt, 'booking', RESIDENT, 'slots', { caseId, mode: 'online', days: 14 }));
    expect(after.slots.length).toBeLessThan(before.slots.length);
    for (const s of after.slots) expect(s.label.slice(11)).toBe('09:00');
    expect(calendar(`mediator:${MEDIATOR}`)).not.toHaveProperty('stale');
    expect(calendar(`rooms:${ORG}`)).not.toHaveProperty('stale');
    expect(calendar(`rooms:${ORG}`).mediators).toEqual([expect.objectContaining({ mediatorId: MEDIATOR, weekly: [{ weekday: 1, start: '09:00', end: '10:00' }] })]);
    await openWide();
    const onSite = await ok(call(rt, 'booking', RESIDENT, 'slots', { caseId, mode: 'on_site', days: 14 }));
    expect(onSite.slots.some((s: any) => s.label.endsWith('19:00'))).toBe(true);
  });
});

describe('booking.bookings', () => {
  it('is two database requests for a party, the room named and placed from the rooms calendar', async () => {
    const { caseId, respondent } = await mediatingCase();
    const { slots } = await ok(call(rt, 'booking', RESIDENT, 'slots', { caseId, mode: 'on_site' }));
    await ok(call(rt, 'booking', RESIDENT, 'book', { caseId, startAt: slots[0].startAt, mode: 'on_site' }, rid()));
    await requestsOf(respondent, 'bookings', { caseId });
    expect(await requestsOf(respondent, 'bookings', { caseId })).toBeLessThanOrEqual(2);
    expect(await requestsOf(MEDIATOR, 'bookings', { caseId })).toBeLessThanOrEqual(3);
    const seen = await ok(call(rt, 'booking', respondent, 'bookings', { caseId }));
    expect(seen.bookings[0]).toMatchObject({ room: { roomId: 'liuan-room-1', name: '柳岸和事佬调解室' }, place: '东湖街道柳岸社区党群服务中心一楼（柳岸路26号）', myTurn: true });
  });
});

describe('booking.cancel', () => {
  const claimedOn = (id: string) => (id.startsWith('mediator:') ? mediatorSlots(rt, id.slice('mediator:'.length)) : calendar(id)?.claimed ?? []).map((x: any) => x.bookingId);
  async function cancelled(openid: string, caseId: string, bookingId: string) {
    const inv = await rt.invoke<any>('booking', { action: 'cancel', data: { caseId, bookingId, reason: '临时有事，取消预约' }, requestId: rid() }, { openid });
    expect(inv.result).toMatchObject({ ok: true });
    return inv.dbRequests;
  }

  it('gives its slots back without reading the calendars: within a step\'s budget for staff, and for a party in a room', async () => {
    // Online, cancelled by the mediator: their record read beside the case, the calendar only updated.
    const online = await mediatingCase();
    const { slots } = await ok(call(rt, 'booking', RESIDENT, 'slots', { caseId: online.caseId, mode: 'online' }));
    const booked = await ok(call(rt, 'booking', RESIDENT, 'book', { caseId: online.caseId, startAt: slots[0].startAt, mode: 'online' }, rid()));
    expect(claimedOn(`mediator:${MEDIATOR}`)).toContain(booked.booking.bookingId);
    expect(await cancelled(MEDIATOR, online.caseId, booked.booking.bookingId)).toBeLessThanOrEqual(8);
    expect(claimedOn(`mediator:${MEDIATOR}`)).not.toContain(booked.booking.bookingId);

    // In a room, cancelled by the party: both calendars updated, neither read.
    const onSite = await mediatingCase();
    const free = await ok(call(rt, 'booking', RESIDENT, 'slots', { caseId: onSite.caseId, mode: 'on_site' }));
    const inRoom = await ok(call(rt, 'booking', RESIDENT, 'book', { caseId: onSite.caseId, startAt: free.slots[0].startAt, mode: 'on_site' }, rid()));
    expect(claimedOn(`rooms:${ORG}`)).toContain(inRoom.booking.bookingId);
    expect(await cancelled(RESIDENT, onSite.caseId, inRoom.booking.bookingId)).toBeLessThanOrEqual(8);
    expect(claimedOn(`mediator:${MEDIATOR}`)).not.toContain(inRoom.booking.bookingId);
    expect(claimedOn(`rooms:${ORG}`)).not.toContain(inRoom.booking.bookingId);
    // The slot is free again on the screen, and can be booked at once.
    const again = await ok(call(rt, 'booking', RESIDENT, 'slots', { caseId: onSite.caseId, mode: 'on_site' }));
    expect(again.slots.map((x: any) => x.startAt)).toContain(free.slots[0].startAt);
    await ok(call(rt, 'booking', RESIDENT, 'book', { caseId: onSite.caseId, startAt: free.slots[0].startAt, mode: 'on_site' }, rid()));
  });
});

describe('the mediator\'s name on the slots screen', () => {
  it('follows a new name given when the mediator takes another role', async () => {
    const { caseId } = await mediatingCase();
    expect((await ok(call(rt, 'booking', RESIDENT, 'slots', { caseId, mode: 'online' }))).mediatorName).toBe('李调解员');
    const invite = await ok(call(rt, 'org', DIRECTOR, 'inviteStaff', { orgId: ORG, role: 'intake', note: '兼任接待' }, rid()));
    await ok(call(rt, 'org', MEDIATOR, 'joinStaff', { code: invite.code, name: '李明' }, rid()));
    expect((await ok(call(rt, 'booking', RESIDENT, 'slots', { caseId, mode: 'online' }))).mediatorName).toBe('李明');
    expect(await requestsOf(RESIDENT, 'slots', { caseId, mode: 'online' })).toBeLessThanOrEqual(2);
  });
});

/** Claimed slots, as `resource|startAt|bookingId`, from the calendars and from the cases' bookings, from `from` on. */
function claimedBoth(from: string) {
  // A stale calendar is rebuilt when next read: only the others are compared.
  // An organisation's calendar holds its rooms' slots and those of the mediators it holds (`mediators`); a
  // mediator's own document held there holds none.
  const calendars = (rt.db.dump('calendars') as any[]).filter((c) => !c.stale && !c.homedAt);
  const resource = (c: any, x: any) => (c.kind === 'mediator' ? `mediator:${c.mediatorId}` : x.roomId ? `room:${x.roomId}` : `mediator:${x.mediatorId}`);
  const fromCalendars = calendars.flatMap((c) => c.claimed.filter((x: any) => x.startAt >= from).map((x: any) => `${resource(c, x)}|${x.startAt}|${x.bookingId}`));
  const covered = new Set(
    calendars.flatMap((c) => (c.kind === 'mediator' ? [`mediator:${c.mediatorId}`] : [...c.rooms.map((r: any) => `room:${r._id}`), ...(c.mediators ?? []).map((m: any) => `mediator:${m.mediatorId}`)])),
  );
  const holding = (rt.db.dump('cases') as any[]).flatMap((d) => (d.bookings ?? []).filter((b: any) => b.status !== 'cancelled' && b.status !== 'rescheduled' && b.startAt >= from));
  const fromBookings = holding
    .flatMap((b: any) => [`mediator:${b.mediatorId}|${b.startAt}|${b.bookingId}`, ...(b.roomId ? [`room:${b.roomId}|${b.startAt}|${b.bookingId}`] : [])])
    .filter((k: string) => covered.has(k.split('|')[0]));
  return { calendars: fromCalendars.sort(), claims: fromBookings.sort() };
}

describe('calendars never drift from the bookings', () => {
  it('when a stale calendar is rebuilt by reads while steps change its claims', async () => {
    const cases = await Promise.all([0, 1, 2, 3, 4, 5].map(() => mediatingCase()));
    const { slots } = await ok(call(rt, 'booking', RESIDENT, 'slots', { caseId: cases[0].caseId, mode: 'online' }));
    const booked = await Promise.all(cases.map(({ caseId }, j) => ok(call(rt, 'booking', RESIDENT, 'book', { caseId, startAt: slots[40 + j].startAt, mode: 'online' }, rid()))));
    for (let round = 0; round < 3; round++) {
      // Stale again (as after a new name), then reads that rebuild it race steps that change its claims.
      const invite = await ok(call(rt, 'org', DIRECTOR, 'inviteStaff', { orgId: ORG, role: 'intake', note: '兼任接待' }, rid()));
      await ok(call(rt, 'org', MEDIATOR, 'joinStaff', { code: invite.code, name: `李调解员${round}` }, rid()));
      expect(calendar(`mediator:${MEDIATOR}`)).toMatchObject({ stale: true });
      expect(calendar(`rooms:${ORG}`)).toMatchObject({ stale: true });
      await Promise.all([
        ...cases.map(({ caseId }, j) =>
          round % 2 === 0
            ? call(rt, 'booking', RESIDENT, 'cancel', { caseId, bookingId: booked[j].booking.bookingId, reason: '临时有事，取消预约' }, rid())
            : call(rt, 'booking', RESIDENT, 'book', { caseId, startAt: slots[40 + j].startAt, mode: 'online' }, rid()).then((r: any) => r.ok && (booked[j] = r.data)),
        ),
        ...cases.map(({ caseId }) => call(rt, 'booking', RESIDENT, 'slots', { caseId, mode: 'online' })),
      ]);
      await ok(call(rt, 'booking', RESIDENT, 'slots', { caseId: cases[0].caseId, mode: 'online' }));
      const both = claimedBoth(new Date().toISOString());
      expect(both.calendars).toEqual(both.claims);
      expect(both.claims.length).toBeGreaterThan(0);
    }
  });

  it('after any sequence of book / confirm / reschedule / cancel on several cases', async () => {
    const cases = [await mediatingCase(), await mediatingCase(), await mediatingCase()];
    const live = new Map<string, string>();
    const done: Record<string, number> = {};
    const tally = (r: any, op: string) => {
      const k = r.ok ? op : `${op}:${r.code}`;
      done[k] = (done[k] ?? 0) + 1;
    };
    const step = fc.record({
      op: fc.constantFrom('book', 'book', 'confirm', 'reschedule', 'cancel', 'hours'),
      c: fc.nat({ max: cases.length - 1 }),
      slot: fc.nat({ max: 12 }),
      mode: fc.constantFrom('online', 'on_site', 'back_to_back'),
      staff: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
        for (const s of steps) {
          const { caseId, respondent } = cases[s.c];
          const who = s.staff ? MEDIATOR : RESIDENT;
          const bookingId = live.get(caseId);
          let res: any;
          if (s.op === 'book' || (s.op === 'reschedule' && bookingId)) {
            const { slots } = await ok(call(rt, 'booking', who, 'slots', { caseId, mode: s.mode }));
            // Sometimes a slot just taken by another case (the calendar's check must refuse it).
            const taken = mediatorSlots(rt, MEDIATOR).find((x: any) => x.caseId !== caseId && x.startAt > new Date(Date.now() + 3 * 3600_000).toISOString());
            const startAt = s.slot < 3 && taken ? taken.startAt : slots[s.slot % slots.length].startAt;
            res = s.op === 'book'
              ? await call(rt, 'booking', who, 'book', { caseId, startAt, mode: s.mode }, rid())
              : await call(rt, 'booking', who, 'reschedule', { caseId, bookingId, startAt, mode: s.mode, reason: '临时有事，改约时间' }, rid());
            tally(res, s.op);
            if (res.ok) live.set(caseId, res.data.booking.bookingId);
            else expect(['BOOKING_EXISTS', 'SLOT_TAKEN', 'NO_ROOM']).toContain(res.code);
          } else if (s.op === 'confirm' && bookingId) {
            res = await call(rt, 'booking', respondent, 'confirm', { caseId, bookingId }, rid());
            tally(res, s.op);
            if (!res.ok) expect(['ALREADY_CONFIRMED', 'BOOKING_NOT_PROPOSED']).toContain(res.code);
          } else if (s.op === 'hours') {
            // The mediator takes a day off (or not) some weeks ahead: the calendar's hours change, its claims stay.
            const day = new Date(Date.now() + (8 + s.slot) * 86_400_000 + 8 * 3600_000).toISOString().slice(0, 10);
            const exceptions = s.staff ? [{ date: day, kind: 'unavailable', note: '外出培训' }] : [];
            res = await call(rt, 'booking', MEDIATOR, 'setAvailability', { weekly: WIDE, exceptions }, rid());
            expect(res).toMatchObject({ ok: true });
            tally(res, s.op);
          } else if (s.op === 'cancel' && bookingId) {
            res = await call(rt, 'booking', who, 'cancel', { caseId, bookingId, reason: '临时有事，取消预约' }, rid());
            expect(res).toMatchObject({ ok: true });
            tally(res, s.op);
            live.delete(caseId);
          }
        }
        const both = claimedBoth(new Date().toISOString());
        expect(both.calendars).toEqual(both.claims);
        const hours = rt.db.dump('availability').find((a: any) => a._id === MEDIATOR) as any;
        // And its hours are the mediator's, on the organisation's calendar that holds theirs.
        expect(calendar(`mediator:${MEDIATOR}`)).toMatchObject({ homedAt: ORG });
        expect(calendar(`rooms:${ORG}`).mediators).toEqual([expect.objectContaining({ mediatorId: MEDIATOR, weekly: hours.weekly, exceptions: hours.exceptions })]);
        expect(calendar(`rooms:${ORG}`)).not.toHaveProperty('stale');
      }),
      { numRuns: 15, seed: 20261201 },
    );
    // The sequences did book, reschedule and cancel, and met a slot already taken.
    expect(done).toMatchObject({ hours: expect.any(Number), book: expect.any(Number), reschedule: expect.any(Number), cancel: expect.any(Number), confirm: expect.any(Number) });
    expect((done['book:SLOT_TAKEN'] ?? 0) + (done['reschedule:SLOT_TAKEN'] ?? 0)).toBeGreaterThan(0);
  });
});
