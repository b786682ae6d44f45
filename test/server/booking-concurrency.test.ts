// A mediator or a room is never double-booked, even under concurrent requests: the store itself refuses the
// second claim of a slot (claim ids are deterministic), and the losers get a clear SLOT_TAKEN.
import { demoRuntime, call, rid, ok, mediatingCase as mediating } from '../helpers/runtime';
import type { LocalRuntime } from '../../src/local/runtime';
import { getCloud } from '../../src/server/kernel/platform';
import { commit } from '../../src/server/kernel/unit-of-work';

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await demoRuntime();
});
afterAll(() => rt.close());

const RESIDENT = 'demo-resident';
const DIRECTOR = 'demo-director';
const MEDIATOR = 'demo-mediator';
/** A case with the demo mediator, its respondent joined and agreed. */
const mediatingCase = (i: number) => mediating(rt, i, 'race-resp');

const activeBookings = (caseIds: string[]) =>
  rt.db
    .dump('cases')
    .filter((d: any) => caseIds.includes(d._id))
    .flatMap((d: any) => (d.bookings ?? []).filter((b: any) => b.status === 'proposed' || b.status === 'confirmed'));

describe('50 concurrent bookings of one slot', () => {
  let caseIds: string[] = [];
  beforeAll(async () => {
    for (let batch = 0; batch < 5; batch++) {
      caseIds.push(...(await Promise.all(Array.from({ length: 10 }, (_, j) => mediatingCase(batch * 10 + j)))));
    }
  }, 60_000);

  it('leave exactly one booking; the 49 others are told the slot is taken', async () => {
    const { slots } = await ok(call(rt, 'booking', RESIDENT, 'slots', { caseId: caseIds[0], mode: 'on_site' }));
    const at = slots[0].startAt;
    const results = await Promise.all(caseIds.map((caseId) => call(rt, 'booking', RESIDENT, 'book', { caseId, startAt: at, mode: 'on_site' }, rid())));

    const won = results.filter((r) => r.ok);
    const lost = results.filter((r) => !r.ok) as Array<{ ok: false; code: string; message: string }>;
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    for (const r of lost) expect(r).toMatchObject({ code: 'SLOT_TAKEN', message: '该时段已被预约，请选择其他时间' });

    // The store holds one booking, on the organisation's calendar (which holds the mediator's) once for the room
    // and once for the mediator — nothing half-written.
    expect(activeBookings(caseIds)).toHaveLength(1);
    const calendars = rt.db.dump('calendars') as any[];
    expect(calendars.find((c) => c._id === `mediator:${MEDIATOR}`)).toMatchObject({ homedAt: 'liuan-committee', claimed: [] });
    const onOrg = calendars.find((c) => c._id === 'rooms:liuan-committee').claimed.filter((x: any) => x.startAt === at);
    expect(onOrg.map((x: any) => x.roomId ?? `@${x.mediatorId}`).sort()).toEqual([`@${MEDIATOR}`, 'liuan-room-1']);
    expect(onOrg.map((x: any) => x.bookingId)).toEqual([activeBookings(caseIds)[0].bookingId, activeBookings(caseIds)[0].bookingId]);
    const losers = rt.db.dump('cases').filter((d: any) => caseIds.includes(d._id) && d._id !== (won[0] as any).data.caseId);
    expect(losers.every((d: any) => (d.bookings ?? []).length === 0)).toBe(true);
  });

  it('online bookings race on the mediator alone, with the same result; a cancelled slot can be won again', async () => {
    const free = caseIds.filter((id) => !activeBookings([id]).length);
    const { slots } = await ok(call(rt, 'booking', RESIDENT, 'slots', { caseId: free[0], mode: 'online' }));
    const at = slots[1].startAt;
    const first = await Promise.all(free.map((caseId) => call(rt, 'booking', RESIDENT, 'book', { caseId, startAt: at, mode: 'online' }, rid())));
    const winner = first.find((r) => r.ok) as { ok: true; data: any };
    expect(first.filter((r) => r.ok)).toHaveLength(1);
    expect(first.filter((r) => !r.ok).every((r: any) => r.code === 'SLOT_TAKEN')).toBe(true);

    await ok(call(rt, 'booking', RESIDENT, 'cancel', { caseId: winner.data.caseId, bookingId: winner.data.booking.bookingId, reason: '当事人临时有事' }, rid()));
    const others = free.filter((id) => id !== winner.data.caseId);
    const second = await Promise.all(others.map((caseId) => call(rt, 'booking', RESIDENT, 'book', { caseId, startAt: at, mode: 'online' }, rid())));
    expect(second.filter((r) => r.ok)).toHaveLength(1);
    expect(second.filter((r) => !r.ok).every((r: any) => r.code === 'SLOT_TAKEN')).toBe(true);
  });
});

describe('concurrent bookings of different slots of one mediator', () => {
  it('20 on site all succeed: the steps meet on the organisation\'s calendar and retry, none is refused', async () => {
    // Open every day, so there are slots enough.
    const WIDE = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:00', end: '20:00' }));
    await ok(call(rt, 'booking', DIRECTOR, 'setRoom', { orgId: 'liuan-committee', roomId: 'liuan-room-1', name: '柳岸和事佬调解室', capacity: 4, hours: WIDE }, rid()));
    await ok(call(rt, 'booking', DIRECTOR, 'setAvailability', { mediatorId: MEDIATOR, weekly: WIDE }, rid()));
    const caseIds = await Promise.all(Array.from({ length: 20 }, (_, j) => mediatingCase(100 + j)));
    const { slots } = await ok(call(rt, 'booking', RESIDENT, 'slots', { caseId: caseIds[0], mode: 'on_site' }));
    const results = await Promise.all(caseIds.map((caseId, j) => call(rt, 'booking', RESIDENT, 'book', { caseId, startAt: slots[2 + j].startAt, mode: 'on_site' }, rid())));
    expect(results.map((r) => (r.ok ? 'ok' : r.code))).toEqual(caseIds.map(() => 'ok'));
    const calendar = rt.db.dump('calendars').find((c: any) => c._id === 'rooms:liuan-committee') as any;
    const mine = calendar.claimed.filter((x: any) => x.mediatorId === MEDIATOR);
    for (let j = 0; j < caseIds.length; j++) expect(mine.map((x: any) => x.startAt)).toContain(slots[2 + j].startAt);
  });
});

describe('the store refuses a second claim by itself', () => {
  it('50 concurrent transactions inserting one claim id: exactly one commits', async () => {
    const db = getCloud().database({ throwOnNotFound: false } as never);
    const id = 'mediator:store-test:2030-01-01T06:00:00.000Z';
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        commit(db as never, { writes: [], inserts: [{ collection: 'slot_claims', id, data: { bookingId: `b${i}` } }] }).then(
          () => 'ok',
          (e: { code?: string }) => e.code ?? 'error',
        ),
      ),
    );
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'CONFLICT')).toHaveLength(49);
    expect(rt.db.dump('slot_claims').filter((c: any) => c._id === id)).toHaveLength(1);
  });
});
