// A cancel gives its slots back to the calendars without reading them (src/server/booking/step.ts). A calendar
// never written yet — a booking made before calendars existed, its slot only in the legacy slot_claims — is built
// first (the mediator's held by the organisation's), as a read would build them, and then given the slot back: the
// slot is free again, not held by a claim the calendar would otherwise pick up from slot_claims later.
import { demoRuntime, call, rid, ok } from '../helpers/runtime';
import { caseInMediation } from '../helpers/case-at';
import type { LocalRuntime } from '../../src/local/runtime';
import { getCloud } from '../../src/server/kernel/platform';

let rt: LocalRuntime;
const WIDE = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:00', end: '20:00' }));
const RESIDENT = 'demo-resident';
const MEDIATOR = 'demo-mediator';

beforeAll(async () => {
  rt = await demoRuntime();
  await ok(call(rt, 'booking', 'demo-director', 'setAvailability', { mediatorId: MEDIATOR, weekly: WIDE }, rid()));
});
afterAll(() => rt.close());

it('a booking from before calendars is cancelled: its calendar is built, then the slot is free again', async () => {
  const { caseId } = await caseInMediation(rt, 'resp-legacy-1');
  const { slots } = await ok(call(rt, 'booking', RESIDENT, 'slots', { caseId, mode: 'online' }));
  const startAt = slots[0].startAt;
  const { booking } = await ok(call(rt, 'booking', RESIDENT, 'book', { caseId, startAt, mode: 'online' }, rid()));

  // As it was before calendars: the slot held by a legacy claim, neither the mediator's calendar nor the
  // organisation's (which holds theirs) ever written.
  const db = getCloud().database();
  await db.collection('calendars').doc(`mediator:${MEDIATOR}`).remove();
  await db.collection('calendars').doc('rooms:liuan-committee').remove();
  await db.collection('slot_claims').add({
    data: { _id: `mediator:${MEDIATOR}:${startAt}`, kind: 'mediator', resourceId: MEDIATOR, orgId: 'liuan-committee', startAt, endAt: booking.endAt ?? startAt, bookingId: booking.bookingId, caseId, createdAt: new Date().toISOString() },
  });

  await ok(call(rt, 'booking', MEDIATOR, 'cancel', { caseId, bookingId: booking.bookingId, reason: '当事人临时有事' }, rid()));
  // Both built (the organisation's holding the mediator's), neither holding the cancelled booking.
  const calendars = rt.db.dump('calendars') as any[];
  expect(calendars.find((c) => c._id === `mediator:${MEDIATOR}`)).toMatchObject({ homedAt: 'liuan-committee', claimed: [] });
  const org = calendars.find((c) => c._id === 'rooms:liuan-committee');
  expect(org.mediators.map((m: any) => m.mediatorId)).toEqual([MEDIATOR]);
  expect(org.claimed.map((x: any) => x.bookingId)).not.toContain(booking.bookingId);
  const after = await ok(call(rt, 'booking', RESIDENT, 'slots', { caseId, mode: 'online' }));
  expect(after.slots.map((s: any) => s.startAt)).toContain(startAt);
});
