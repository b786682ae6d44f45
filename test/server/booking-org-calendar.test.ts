// Where a mediator's slots are (src/server/booking/resources.ts): a mediator of one organisation is held by its
// calendar beside its rooms, so a session in a room is one calendar to read and write — a booking, a move or a
// cancel within a step's budget of 8 requests, for a party and for staff. A mediator who also mediates for another
// organisation keeps working: a booking for that organisation's case moves their slots back to a calendar of
// their own first, and they are never double-booked across the two, even under concurrent requests.
import { demoRuntime, call, rid, ok } from '../helpers/runtime';
import { caseInMediation } from '../helpers/case-at';
import type { LocalRuntime } from '../../src/local/runtime';
import { calendarDoc, mediatorSlots } from '../helpers/stored';

let rt: LocalRuntime;
const WIDE = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:00', end: '20:00' }));
const RESIDENT = 'demo-resident';
const DIRECTOR = 'demo-director';
const MEDIATOR = 'demo-mediator';
const LABOUR_DIRECTOR = 'demo-labour-director';
const ORG = 'liuan-committee';
const LABOUR = 'labour-committee';

beforeAll(async () => {
  rt = await demoRuntime();
  await ok(call(rt, 'booking', DIRECTOR, 'setRoom', { orgId: ORG, roomId: 'liuan-room-1', name: '柳岸和事佬调解室', capacity: 4, hours: WIDE }, rid()));
  await ok(call(rt, 'booking', DIRECTOR, 'setAvailability', { mediatorId: MEDIATOR, weekly: WIDE }, rid()));
});
afterAll(() => rt.close());

const calendar = (id: string) => calendarDoc(rt, id);

/** The database requests of one action, which must succeed. */
async function requests(openid: string, action: string, data: unknown): Promise<{ n: number; data: any }> {
  const inv = await rt.invoke<any>('booking', { action, data, requestId: rid() }, { openid });
  expect(inv.result).toMatchObject({ ok: true });
  return { n: inv.dbRequests, data: (inv.result as any).data };
}

let n = 0;
const liuanCase = () => caseInMediation(rt, `resp-org-cal-${++n}`);

describe('a mediator of one organisation, held by its calendar', () => {
  it('books, moves and cancels a session in a room within the budget, for a party and for staff', async () => {
    const { caseId } = await liuanCase();
    const { slots } = await ok(call(rt, 'booking', RESIDENT, 'slots', { caseId, mode: 'on_site' }));
    expect(calendar(`mediator:${MEDIATOR}`)).toMatchObject({ homedAt: ORG, claimed: [] });

    const party = await requests(RESIDENT, 'book', { caseId, startAt: slots[0].startAt, mode: 'on_site' });
    expect(party.n).toBeLessThanOrEqual(7);
    const moved = await requests(RESIDENT, 'reschedule', { caseId, bookingId: party.data.booking.bookingId, startAt: slots[1].startAt, reason: '临时有事，改约时间' });
    expect(moved.n).toBeLessThanOrEqual(7);
    const byStaff = await requests(MEDIATOR, 'reschedule', { caseId, bookingId: moved.data.booking.bookingId, startAt: slots[2].startAt, reason: '调解员临时有事，改约时间' });
    expect(byStaff.n).toBeLessThanOrEqual(8);
    // The room and the mediator each hold the new time once, on the organisation's calendar; the old times are free.
    const held = calendar(`rooms:${ORG}`).claimed.filter((x: any) => x.caseId === caseId);
    expect(held.map((x: any) => [x.roomId ?? x.mediatorId, x.startAt]).sort()).toEqual([[MEDIATOR, slots[2].startAt], ['liuan-room-1', slots[2].startAt]].sort());
    const cancelled = await requests(MEDIATOR, 'cancel', { caseId, bookingId: byStaff.data.booking.bookingId, reason: '当事人已和解，取消调解' });
    expect(cancelled.n).toBeLessThanOrEqual(8);
    expect(calendar(`rooms:${ORG}`).claimed.filter((x: any) => x.caseId === caseId)).toEqual([]);

    const other = await liuanCase();
    const staff = await requests(MEDIATOR, 'book', { caseId: other.caseId, startAt: slots[3].startAt, mode: 'on_site' });
    expect(staff.n).toBeLessThanOrEqual(8);
    const partyCancel = await requests(RESIDENT, 'cancel', { caseId: other.caseId, bookingId: staff.data.booking.bookingId, reason: '临时有事，取消预约' });
    expect(partyCancel.n).toBeLessThanOrEqual(7);
    // The slots screen: the case, then the organisation's and the mediator's calendars in one query.
    expect((await requests(RESIDENT, 'slots', { caseId: other.caseId, mode: 'on_site' })).n).toBeLessThanOrEqual(2);
  });
});

describe('a calendar of the earlier layout', () => {
  it('(the mediator\'s own, its slots not naming their organisation) moves into the organisation\'s when rebuilt', async () => {
    const { caseId } = await liuanCase();
    const { slots } = await ok(call(rt, 'booking', RESIDENT, 'slots', { caseId, mode: 'online' }));
    const { booking } = await ok(call(rt, 'booking', RESIDENT, 'book', { caseId, startAt: slots[5].startAt, mode: 'online' }, rid()));
    // As the earlier layout kept them: the mediator's slots and hours on their own calendar, none on 柳岸's.
    const org = calendar(`rooms:${ORG}`);
    const held = org.mediators[0];
    const theirs = org.claimed.filter((x: any) => x.mediatorId === MEDIATOR).map(({ mediatorId: _m, orgId: _o, ...x }: any) => x);
    rt.db.seed('calendars', [
      { ...org, mediators: undefined, claimed: org.claimed.filter((x: any) => x.roomId), version: org.version + 1 },
      { _id: `mediator:${MEDIATOR}`, kind: 'mediator', mediatorId: MEDIATOR, name: held.name, weekly: held.weekly, exceptions: held.exceptions, claimed: theirs, version: 7 },
    ], { replace: true });
    expect(theirs.map((x: any) => x.bookingId)).toContain(booking.bookingId);
    // Until rebuilt it works as it is (the organisation's calendar, then the mediator's own).
    expect((await ok(call(rt, 'booking', RESIDENT, 'slots', { caseId, mode: 'online' }))).slots.map((x: any) => x.startAt)).not.toContain(slots[5].startAt);
    expect(calendar(`mediator:${MEDIATOR}`).homedAt).toBeUndefined();
    // Marked stale (a new name, the deployment loader): rebuilt, each slot given its booking's organisation, and moved.
    const invite = await ok(call(rt, 'org', DIRECTOR, 'inviteStaff', { orgId: ORG, role: 'intake', note: '兼任接待' }, rid()));
    await ok(call(rt, 'org', MEDIATOR, 'joinStaff', { code: invite.code, name: '李调解员（兼）' }, rid()));
    const after = await ok(call(rt, 'booking', RESIDENT, 'slots', { caseId, mode: 'online' }));
    expect(after.slots.map((x: any) => x.startAt)).not.toContain(slots[5].startAt);
    expect(after.mediatorName).toBe('李调解员（兼）');
    expect(calendar(`mediator:${MEDIATOR}`)).toMatchObject({ homedAt: ORG, claimed: [] });
    expect(calendar(`rooms:${ORG}`).claimed).toContainEqual(expect.objectContaining({ bookingId: booking.bookingId, mediatorId: MEDIATOR, orgId: ORG }));
    // And the booking is given back there.
    await ok(call(rt, 'booking', RESIDENT, 'cancel', { caseId, bookingId: booking.bookingId, reason: '临时有事，取消预约' }, rid()));
    expect(calendar(`rooms:${ORG}`).claimed.map((x: any) => x.bookingId)).not.toContain(booking.bookingId);
  });
});

/** A labour case moved to the labour committee, which accepts it and assigns the demo mediator; in mediation. */
async function labourCase(): Promise<string> {
  n += 1;
  const filed = await ok(
    call(rt, 'case', RESIDENT, 'file', {
      category: 'labour',
      summary: '公司拖欠三个月工资，多次讨要未果。',
      communityId: 'liuan',
      applicant: { name: '张阿姨', mobile: '13812345678' },
      respondents: [{ name: '某公司' }],
      consent: { privacy: true, shareWithOtherOrgs: true },
    }, rid()),
  );
  const caseId = filed.caseId as string;
  await ok(call(rt, 'case', DIRECTOR, 'transfer', { caseId, toOrgId: LABOUR, reason: '劳动争议由专业调委会调解' }, rid()));
  await ok(call(rt, 'case', LABOUR_DIRECTOR, 'acceptTransfer', { caseId }, rid()));
  await ok(call(rt, 'case', LABOUR_DIRECTOR, 'assignMediator', { caseId, mediatorId: MEDIATOR }, rid()));
  const inv = await ok(call(rt, 'case', MEDIATOR, 'invite', { caseId }, rid()));
  await ok(call(rt, 'case', `resp-labour-${n}`, 'join', { code: inv.invite.code }, rid()));
  await ok(call(rt, 'case', `resp-labour-${n}`, 'reply', { caseId, reply: 'agree' }, rid()));
  return caseId;
}

/** Every slot the mediator holds, wherever their calendar is, as `startAt|bookingId`. */
function heldSlots(): string[] {
  return mediatorSlots(rt, MEDIATOR).map((x: any) => `${x.startAt}|${x.bookingId}`).sort();
}

/** The mediator's live bookings, from the cases, as `startAt|bookingId`. */
function mediatorBookings(from: string): string[] {
  return (rt.db.dump('cases') as any[])
    .flatMap((d) => d.bookings ?? [])
    .filter((b: any) => b.mediatorId === MEDIATOR && b.status !== 'cancelled' && b.status !== 'rescheduled' && b.startAt >= from)
    .map((b: any) => `${b.startAt}|${b.bookingId}`)
    .sort();
}

describe('a mediator who also mediates for another organisation', () => {
  it('is moved back to a calendar of their own by a booking there, and never double-booked across the two', async () => {
    const home = await liuanCase();
    const { slots } = await ok(call(rt, 'booking', RESIDENT, 'slots', { caseId: home.caseId, mode: 'online' }));
    const first = await ok(call(rt, 'booking', RESIDENT, 'book', { caseId: home.caseId, startAt: slots[10].startAt, mode: 'online' }, rid()));
    expect(calendar(`mediator:${MEDIATOR}`)).toMatchObject({ homedAt: ORG });

    // The labour committee takes the mediator on as well.
    const invite = await ok(call(rt, 'org', LABOUR_DIRECTOR, 'inviteStaff', { orgId: LABOUR, role: 'mediator', note: '兼职调解员' }, rid()));
    await ok(call(rt, 'org', MEDIATOR, 'joinStaff', { code: invite.code, name: '李调解员' }, rid()));
    const labour = await labourCase();

    // Its slots screen finds the mediator's calendar where it is held, the time already booked not offered.
    const offered = await ok(call(rt, 'booking', RESIDENT, 'slots', { caseId: labour, mode: 'online' }));
    expect(offered.slots.map((s: any) => s.startAt)).not.toContain(slots[10].startAt);
    // Asking for that time anyway: the mediator's slots move to their own calendar first, and the time is taken.
    expect(await call(rt, 'booking', RESIDENT, 'book', { caseId: labour, startAt: slots[10].startAt, mode: 'online' }, rid())).toMatchObject({ ok: false, code: 'SLOT_TAKEN' });
    expect(calendar(`mediator:${MEDIATOR}`).homedAt).toBeUndefined();
    expect(calendar(`rooms:${ORG}`).mediators ?? []).toEqual([]);
    expect(heldSlots()).toEqual([`${slots[10].startAt}|${first.booking.bookingId}`]);

    // Ten cases of each organisation ask for one time at once, online and in 柳岸's room: one wins.
    const contenders = [...(await Promise.all(Array.from({ length: 5 }, () => liuanCase()))).map((c) => c.caseId), ...(await Promise.all(Array.from({ length: 5 }, () => labourCase())))];
    const at = slots[12].startAt;
    const results = await Promise.all(
      contenders.map((caseId, i) => call(rt, 'booking', RESIDENT, 'book', { caseId, startAt: at, mode: i % 2 === 0 && i < 5 ? 'on_site' : 'online' }, rid())),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((x) => !x.ok)) expect(r).toMatchObject({ code: 'SLOT_TAKEN' });

    // The first booking cancelled: given back on the mediator's own calendar, the time can be booked again.
    await ok(call(rt, 'booking', RESIDENT, 'cancel', { caseId: home.caseId, bookingId: first.booking.bookingId, reason: '临时有事，取消预约' }, rid()));
    expect(heldSlots().some((s) => s.startsWith(slots[10].startAt))).toBe(false);
    await ok(call(rt, 'booking', RESIDENT, 'book', { caseId: labour, startAt: slots[10].startAt, mode: 'online' }, rid()));
    // The mediator's calendar holds exactly the live bookings of both organisations' cases.
    expect(heldSlots()).toEqual(mediatorBookings(new Date(Date.now() - 86_400_000).toISOString()));
  });
});
