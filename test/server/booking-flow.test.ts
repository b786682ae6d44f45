// Booking a mediation session and recording it, through the real bundles: slots from the mediator's hours,
// a party books, the other confirms and the case is scheduled; reschedule and cancel keep their reason and
// free the slot; the mediator records who attended, what was said and the next step.
import { demoRuntime, call, rid, ok } from '../helpers/runtime';
import type { LocalRuntime } from '../../src/local/runtime';
import { outboxNotices } from '../helpers/stored';

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await demoRuntime();
});
afterAll(() => rt.close());

const RESIDENT = 'demo-resident';
const DIRECTOR = 'demo-director';
const MEDIATOR = 'demo-mediator';
const MEDIATOR_NAME = '李调解员';


/** A case at 柳岸 with the demo mediator, the respondent joined and agreed: mediation may be booked. */
async function mediatingCase(respondent: string) {
  const filed = await ok(
    call(rt, 'case', RESIDENT, 'file', {
      category: 'neighbourhood',
      summary: '楼上邻居装修噪音持续到深夜。',
      communityId: 'liuan',
      applicant: { name: '张阿姨', mobile: '13812345678' },
      respondents: [{ name: '李先生' }],
      consent: { privacy: true, shareWithOtherOrgs: false },
    }, rid()),
  );
  const caseId = filed.caseId as string;
  await ok(call(rt, 'case', DIRECTOR, 'accept', { caseId }, rid()));
  await ok(call(rt, 'case', DIRECTOR, 'assignMediator', { caseId, mediatorId: MEDIATOR }, rid()));
  const inv = await ok(call(rt, 'case', MEDIATOR, 'invite', { caseId }, rid()));
  await ok(call(rt, 'case', respondent, 'join', { code: inv.invite.code }, rid()));
  await ok(call(rt, 'case', respondent, 'reply', { caseId, reply: 'agree' }, rid()));
  return { caseId, invite: inv.invite.code as string };
}

/** China local time of an instant, `HH:mm`, and its weekday (1 = Monday). */
function china(iso: string) {
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  return { hhmm: d.toISOString().slice(11, 16), weekday: d.getUTCDay() === 0 ? 7 : d.getUTCDay() };
}

describe('slots', () => {
  it('come from the mediator\'s weekly hours (Tue/Thu 14–17 at 柳岸) and a free room', async () => {
    const { caseId } = await mediatingCase('resp-slots');
    const res = await ok(call(rt, 'booking', RESIDENT, 'slots', { caseId, mode: 'on_site', days: 14 }));
    expect(res.slotMinutes).toBe(60);
    expect(res.slots.length).toBeGreaterThanOrEqual(9);
    for (const s of res.slots) {
      const t = china(s.startAt);
      expect([2, 4]).toContain(t.weekday);
      expect(['14:00', '15:00', '16:00']).toContain(t.hhmm);
      expect(s.rooms).toEqual([{ roomId: 'liuan-room-1', name: '柳岸和事佬调解室' }]);
      expect(Date.parse(s.startAt)).toBeGreaterThan(Date.now());
    }
  });

  it('follow the mediator\'s exceptions: a day off disappears, extra hours appear', async () => {
    const { caseId } = await mediatingCase('resp-exc');
    const before = await ok(call(rt, 'booking', RESIDENT, 'slots', { caseId, mode: 'online', days: 14 }));
    const offDate = new Date(Date.parse(before.slots[0].startAt) + 8 * 3600_000).toISOString().slice(0, 10);
    // An extra evening on the day after (whatever weekday it is).
    const extraDate = new Date(Date.parse(`${offDate}T00:00:00Z`) + 86400_000).toISOString().slice(0, 10);
    const mine = await ok(call(rt, 'booking', MEDIATOR, 'availability', {}));
    await ok(
      call(rt, 'booking', MEDIATOR, 'setAvailability', {
        weekly: mine.weekly,
        exceptions: [
          { date: offDate, kind: 'unavailable', note: '外出培训' },
          { date: extraDate, kind: 'extra', start: '18:00', end: '20:00' },
        ],
      }, rid()),
    );
    const after = await ok(call(rt, 'booking', RESIDENT, 'slots', { caseId, mode: 'online', days: 14 }));
    const dates = after.slots.map((s: any) => new Date(Date.parse(s.startAt) + 8 * 3600_000).toISOString().slice(0, 10));
    expect(dates).not.toContain(offDate);
    const evening = after.slots.filter((s: any) => s.label.startsWith(extraDate)).map((s: any) => s.label.slice(11));
    expect(evening).toEqual(expect.arrayContaining(['18:00', '19:00']));
    // Put the hours back for the other tests.
    await ok(call(rt, 'booking', MEDIATOR, 'setAvailability', { weekly: mine.weekly, exceptions: [] }, rid()));
  });

  it('refuse hours that make no sense, and a resident setting hours', async () => {
    const bad = await call(rt, 'booking', MEDIATOR, 'setAvailability', { weekly: [{ weekday: 2, start: '17:00', end: '14:00' }] }, rid());
    expect(bad).toMatchObject({ ok: false, code: 'INVALID_HOURS' });
    const overlap = await call(rt, 'booking', MEDIATOR, 'setAvailability', {
      weekly: [{ weekday: 2, start: '09:00', end: '12:00' }, { weekday: 2, start: '11:00', end: '13:00' }],
    }, rid());
    expect(overlap).toMatchObject({ ok: false, code: 'HOURS_OVERLAP' });
    expect(await call(rt, 'booking', RESIDENT, 'setAvailability', { weekly: [] }, rid())).toMatchObject({ ok: false, code: 'NOT_A_MEDIATOR' });
  });
});

/** From here on the mediator and the room are open every day 08:00–20:00, so each test finds slots of its own. */
const WIDE = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:00', end: '20:00' }));

describe('rooms', () => {
  it('the director opens the room every day; a mediator or resident cannot change rooms', async () => {
    const room = await ok(call(rt, 'booking', DIRECTOR, 'setRoom', { orgId: 'liuan-committee', roomId: 'liuan-room-1', name: '柳岸和事佬调解室', capacity: 4, hours: WIDE }, rid()));
    expect(room).toMatchObject({ roomId: 'liuan-room-1', active: true });
    expect(await call(rt, 'booking', MEDIATOR, 'setRoom', { orgId: 'liuan-committee', name: '我的调解室', capacity: 2 }, rid())).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call(rt, 'booking', RESIDENT, 'setRoom', { orgId: 'liuan-committee', name: '我的调解室', capacity: 2 }, rid())).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    await ok(call(rt, 'booking', DIRECTOR, 'setAvailability', { mediatorId: MEDIATOR, weekly: WIDE }, rid()));
    const listed = await ok(call(rt, 'booking', RESIDENT, 'rooms', { orgId: 'liuan-committee' }));
    expect(listed.rooms).toEqual([expect.objectContaining({ roomId: 'liuan-room-1', hours: WIDE })]);
  });

  it('a closed room is not offered: on-site slots need an open room', async () => {
    const { caseId } = await mediatingCase('resp-room');
    const closed = await ok(call(rt, 'booking', DIRECTOR, 'setRoom', { orgId: 'liuan-committee', roomId: 'liuan-room-1', name: '柳岸和事佬调解室', capacity: 4, hours: WIDE, active: false }, rid()));
    expect(closed.active).toBe(false);
    expect((await ok(call(rt, 'booking', RESIDENT, 'slots', { caseId, mode: 'on_site' }))).slots).toEqual([]);
    expect((await ok(call(rt, 'booking', RESIDENT, 'slots', { caseId, mode: 'online' }))).slots.length).toBeGreaterThan(0);
    await ok(call(rt, 'booking', DIRECTOR, 'setRoom', { orgId: 'liuan-committee', roomId: 'liuan-room-1', name: '柳岸和事佬调解室', capacity: 4, hours: WIDE }, rid()));
  });
});

describe('booking a session', () => {
  it('a party books, the other confirms: the case is scheduled, both are told, the slot is gone', async () => {
    const { caseId } = await mediatingCase('resp-book');
    const { slots } = await ok(call(rt, 'booking', RESIDENT, 'slots', { caseId, mode: 'on_site' }));
    const slot = slots[0];
    const booked = await ok(call(rt, 'booking', RESIDENT, 'book', { caseId, startAt: slot.startAt, mode: 'on_site', nonPublic: true }, rid()));
    expect(booked.status).toBe('in_mediation');
    expect(booked.booking).toMatchObject({ status: 'proposed', statusLabel: '待确认', room: { roomId: 'liuan-room-1' }, nonPublic: true, awaitingPartyIds: ['p2'] });

    // The respondent sees it is their turn, and the mediator is told.
    const seen = await ok(call(rt, 'booking', 'resp-book', 'bookings', { caseId }));
    expect(seen.bookings[0]).toMatchObject({ bookingId: booked.booking.bookingId, myTurn: true, modeLabel: '现场调解' });
    // Where to go is the room's own address (the organisation's only for a room without one).
    expect(seen.bookings[0].place).toBe('东湖街道柳岸社区党群服务中心一楼（柳岸路26号）');
    const outbox = outboxNotices(rt).filter((o: any) => o.caseId === caseId && o.phrase === '待确认时间');
    expect(outbox.map((o: any) => o.touser).sort()).toEqual([MEDIATOR, 'resp-book'].sort());
    expect(JSON.stringify(outbox)).not.toContain('噪音');
    // On the case page, confirming the time is what waits on the respondent; the one who proposed it waits.
    expect((await ok(call(rt, 'case', 'resp-book', 'get', { caseId }))).nextStep).toMatchObject({ step: 'booking_confirm', mine: true, dueAt: slot.startAt });
    expect((await ok(call(rt, 'case', RESIDENT, 'get', { caseId }))).nextStep).toMatchObject({ step: 'booking_confirm', mine: false });

    // Nobody else can take the slot meanwhile.
    const { slots: after } = await ok(call(rt, 'booking', RESIDENT, 'slots', { caseId, mode: 'on_site' }));
    expect(after.map((s: any) => s.startAt)).not.toContain(slot.startAt);

    const confirmed = await ok(call(rt, 'booking', 'resp-book', 'confirm', { caseId, bookingId: booked.booking.bookingId }, rid()));
    expect(confirmed).toMatchObject({ status: 'scheduled', statusLabel: '已预约调解', booking: { status: 'confirmed' } });
    expect(confirmed.next.label).toBe('调解办结');

    const view = await ok(call(rt, 'case', RESIDENT, 'get', { caseId }));
    expect(view.nextSession).toMatchObject({ at: slot.startAt, modeLabel: '现场调解', roomId: 'liuan-room-1', nonPublic: true });
    // The party's one call carries the appointment card: end time, the room's name, address and map point, the mediator.
    expect(view.nextSession).toMatchObject({
      endAt: new Date(Date.parse(slot.startAt) + 3600_000).toISOString(),
      room: { name: '柳岸和事佬调解室', address: '东湖街道柳岸社区党群服务中心一楼（柳岸路26号）', latitude: 30.2769, longitude: 120.2488 },
      mediatorName: MEDIATOR_NAME,
      bring: ['身份证', '与纠纷有关的材料（合同、票据、照片等）'],
    });
    expect(view.timeline.map((t: any) => t.label)).toEqual(expect.arrayContaining(['已提出调解时间，待双方确认', '当事人已确认调解时间', '已预约调解']));
  });

  it('the mediator proposes a back-to-back session; both parties confirm', async () => {
    const { caseId } = await mediatingCase('resp-b2b');
    const { slots } = await ok(call(rt, 'booking', MEDIATOR, 'slots', { caseId, mode: 'back_to_back' }));
    const proposed = await ok(call(rt, 'booking', MEDIATOR, 'book', { caseId, startAt: slots[1].startAt, mode: 'back_to_back' }, rid()));
    expect(proposed.booking).toMatchObject({ proposedBy: 'staff', awaitingPartyIds: ['p1', 'p2'], modeLabel: '背靠背调解' });
    const first = await ok(call(rt, 'booking', RESIDENT, 'confirm', { caseId, bookingId: proposed.booking.bookingId }, rid()));
    expect(first.status).toBe('in_mediation');
    expect(await call(rt, 'booking', RESIDENT, 'confirm', { caseId, bookingId: proposed.booking.bookingId }, rid())).toMatchObject({ ok: false, code: 'ALREADY_CONFIRMED' });
    const second = await ok(call(rt, 'booking', 'resp-b2b', 'confirm', { caseId, bookingId: proposed.booking.bookingId }, rid()));
    expect(second.status).toBe('scheduled');
    const doc = rt.db.dump('cases').find((d: any) => d._id === caseId) as any;
    expect(doc.case.nextSession).toMatchObject({ mode: 'back_to_back', roomId: 'liuan-room-1', nonPublic: false });
  });

  it('online sessions need no room; a second booking on the same case is refused', async () => {
    const { caseId } = await mediatingCase('resp-online');
    const { slots } = await ok(call(rt, 'booking', RESIDENT, 'slots', { caseId, mode: 'online' }));
    expect(slots[0].rooms).toBeUndefined();
    const b = await ok(call(rt, 'booking', RESIDENT, 'book', { caseId, startAt: slots[2].startAt, mode: 'online' }, rid()));
    expect(b.booking.room).toBeUndefined();
    expect(await call(rt, 'booking', 'resp-online', 'book', { caseId, startAt: slots[3].startAt, mode: 'online' }, rid())).toMatchObject({ ok: false, code: 'BOOKING_EXISTS' });
    await ok(call(rt, 'booking', RESIDENT, 'cancel', { caseId, bookingId: b.booking.bookingId, reason: '换个时间再约' }, rid()));
  });

  it('a proposal nobody confirmed before its time lapses and does not block a new booking', async () => {
    const { caseId } = await mediatingCase('resp-lapse');
    const { slots } = await ok(call(rt, 'booking', MEDIATOR, 'slots', { caseId, mode: 'online' }));
    await ok(call(rt, 'booking', MEDIATOR, 'book', { caseId, startAt: slots[6].startAt, mode: 'online' }, rid()));
    expect(await call(rt, 'booking', RESIDENT, 'book', { caseId, startAt: slots[7].startAt, mode: 'online' }, rid())).toMatchObject({ ok: false, code: 'BOOKING_EXISTS' });
    // Let the proposed time pass unconfirmed.
    const { getCloud } = await import('../../src/server/kernel/platform');
    await getCloud().database().collection('cases').doc(caseId).update({ data: { 'bookings.0.startAt': '2026-01-06T06:00:00.000Z' } });
    const fresh = await ok(call(rt, 'booking', RESIDENT, 'book', { caseId, startAt: slots[7].startAt, mode: 'online' }, rid()));
    expect(fresh.booking.status).toBe('proposed');
    const list = await ok(call(rt, 'booking', RESIDENT, 'bookings', { caseId }));
    expect(list.bookings.map((b: any) => [b.status, b.reason ?? ''])).toEqual([['proposed', ''], ['cancelled', '未在调解时间前确认，预约已失效']]);
  });

  it('refuses a time outside the mediator\'s hours, in the past, or too far ahead', async () => {
    const { caseId } = await mediatingCase('resp-bad');
    const { slots } = await ok(call(rt, 'booking', RESIDENT, 'slots', { caseId, mode: 'online' }));
    const off = new Date(Date.parse(slots[0].startAt) + 30 * 60_000).toISOString();
    expect(await call(rt, 'booking', RESIDENT, 'book', { caseId, startAt: off, mode: 'online' }, rid())).toMatchObject({ ok: false, code: 'SLOT_NOT_OPEN' });
    expect(await call(rt, 'booking', RESIDENT, 'book', { caseId, startAt: '2026-01-06T06:00:00.000Z', mode: 'online' }, rid())).toMatchObject({ ok: false });
    const far = new Date(Date.parse(slots[0].startAt) + 70 * 86400_000).toISOString();
    expect(await call(rt, 'booking', RESIDENT, 'book', { caseId, startAt: far, mode: 'online' }, rid())).toMatchObject({ ok: false, code: 'SLOT_TOO_FAR' });
  });

  it('reschedule keeps the reason, frees the old slot and asks for confirmation again', async () => {
    const { caseId } = await mediatingCase('resp-res');
    const { slots } = await ok(call(rt, 'booking', RESIDENT, 'slots', { caseId, mode: 'on_site' }));
    const b = await ok(call(rt, 'booking', RESIDENT, 'book', { caseId, startAt: slots[0].startAt, mode: 'on_site' }, rid()));
    await ok(call(rt, 'booking', 'resp-res', 'confirm', { caseId, bookingId: b.booking.bookingId }, rid()));
    const moved = await ok(
      call(rt, 'booking', 'resp-res', 'reschedule', { caseId, bookingId: b.booking.bookingId, startAt: slots[1].startAt, reason: '那天要出差' }, rid()),
    );
    expect(moved.status).toBe('in_mediation');
    expect(moved.booking).toMatchObject({ status: 'proposed', awaitingPartyIds: ['p1'], replaces: b.booking.bookingId });
    const list = await ok(call(rt, 'booking', RESIDENT, 'bookings', { caseId }));
    expect(list.bookings.find((x: any) => x.bookingId === b.booking.bookingId)).toMatchObject({ status: 'rescheduled', reason: '那天要出差' });
    const view = await ok(call(rt, 'case', RESIDENT, 'get', { caseId }));
    expect(view.timeline.find((t: any) => t.label === '调解预约已取消')?.reason).toBe('改期：那天要出差');
    // The old slot can be booked again (released from the calendars in the same transaction).
    const claims = (rt.db.dump('calendars') as any[]).flatMap((c) => c.claimed).filter((c: any) => c.caseId === caseId).map((c: any) => c.startAt);
    expect(claims).not.toContain(slots[0].startAt);
    expect(claims).toContain(slots[1].startAt);
    const again = await ok(call(rt, 'booking', RESIDENT, 'confirm', { caseId, bookingId: moved.booking.bookingId }, rid()));
    expect(again.status).toBe('scheduled');
  });

  it('cancel keeps the reason and frees the slot for another case', async () => {
    const one = await mediatingCase('resp-c1');
    const two = await mediatingCase('resp-c2');
    const { slots } = await ok(call(rt, 'booking', RESIDENT, 'slots', { caseId: one.caseId, mode: 'on_site' }));
    const at = slots[slots.length - 1].startAt;
    const b = await ok(call(rt, 'booking', RESIDENT, 'book', { caseId: one.caseId, startAt: at, mode: 'on_site' }, rid()));
    await ok(call(rt, 'booking', 'resp-c1', 'confirm', { caseId: one.caseId, bookingId: b.booking.bookingId }, rid()));
    const taken = await call(rt, 'booking', RESIDENT, 'book', { caseId: two.caseId, startAt: at, mode: 'on_site' }, rid());
    expect(taken).toMatchObject({ ok: false, code: 'SLOT_TAKEN', message: '该时段已被预约，请选择其他时间' });

    const cancelled = await ok(call(rt, 'booking', 'resp-c1', 'cancel', { caseId: one.caseId, bookingId: b.booking.bookingId, reason: '双方已自行和解' }, rid()));
    expect(cancelled.status).toBe('in_mediation');
    expect(cancelled.booking).toMatchObject({ status: 'cancelled', reason: '双方已自行和解' });
    const notice = outboxNotices(rt).filter((o: any) => o.caseId === one.caseId && o.phrase === '预约已取消');
    expect(notice.map((o: any) => o.touser).sort()).toEqual([MEDIATOR, RESIDENT].sort());

    const now = await ok(call(rt, 'booking', RESIDENT, 'book', { caseId: two.caseId, startAt: at, mode: 'on_site' }, rid()));
    expect(now.booking.status).toBe('proposed');
  });
});

describe('who may book', () => {
  it('a stranger gets NOT_FOUND; the respondent before joining cannot book; a supervisor cannot', async () => {
    const filed = await ok(
      call(rt, 'case', RESIDENT, 'file', {
        category: 'debt',
        summary: '借给朋友五千元未还。',
        communityId: 'liuan',
        applicant: { name: '张阿姨', mobile: '13812345678' },
        respondents: [{ name: '王某' }],
        consent: { privacy: true, shareWithOtherOrgs: false },
      }, rid()),
    );
    const caseId = filed.caseId;
    await ok(call(rt, 'case', DIRECTOR, 'accept', { caseId }, rid()));
    await ok(call(rt, 'case', DIRECTOR, 'assignMediator', { caseId, mediatorId: MEDIATOR }, rid()));
    const inv = await ok(call(rt, 'case', MEDIATOR, 'invite', { caseId }, rid()));
    const { slots } = await ok(call(rt, 'booking', MEDIATOR, 'slots', { caseId, mode: 'online' }));
    const startAt = slots[0].startAt;

    expect(await call(rt, 'booking', 'stranger', 'slots', { caseId })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await call(rt, 'booking', 'stranger', 'book', { caseId, startAt, mode: 'online' }, rid())).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await call(rt, 'booking', 'resp-late', 'book', { caseId, startAt, mode: 'online' }, rid())).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await call(rt, 'booking', 'demo-supervisor', 'book', { caseId, startAt, mode: 'online' }, rid())).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    // Before the respondent agrees, nothing can be booked (Art. 17).
    const early = await call(rt, 'booking', RESIDENT, 'book', { caseId, startAt, mode: 'online' }, rid());
    expect(early).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });

    await ok(call(rt, 'case', 'resp-late', 'join', { code: inv.invite.code }, rid()));
    await ok(call(rt, 'case', 'resp-late', 'reply', { caseId, reply: 'agree' }, rid()));
    const b = await ok(call(rt, 'booking', 'resp-late', 'book', { caseId, startAt, mode: 'online' }, rid()));
    // The applicant cannot confirm for the respondent; staff can record a confirmation given by phone.
    expect(await call(rt, 'booking', RESIDENT, 'confirm', { caseId, bookingId: b.booking.bookingId, partyId: 'p2' }, rid())).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    // Staff say how the party gave it; without that the record is refused and nothing changes.
    expect(await call(rt, 'booking', MEDIATOR, 'confirm', { caseId, bookingId: b.booking.bookingId, partyId: 'p1' }, rid())).toMatchObject({ ok: false, code: 'HOW_REQUIRED' });
    const staffView = await ok(call<any>(rt, 'case', MEDIATOR, 'get', { caseId }));
    expect(staffView.proposedSession).toMatchObject({ bookingId: b.booking.bookingId, awaitingPartyIds: ['p1'] });
    const byPhone = await ok(call(rt, 'booking', MEDIATOR, 'confirm', { caseId, bookingId: b.booking.bookingId, partyId: 'p1', how: 'phone' }, rid()));
    expect(byPhone.status).toBe('scheduled');
    const audit = await ok(call<any>(rt, 'case', DIRECTOR, 'audit', { caseId }));
    const recorded = audit.entries.filter((e: any) => e.type === 'booking_confirmed').pop();
    expect(recorded).toMatchObject({ actor: MEDIATOR, who: '李调解员' });
    // Who recorded it and how the party gave it are kept on the booking (bound into the chain by the state digest).
    const stored = (rt.db.dump('cases').find((d: any) => d._id === caseId) as any).bookings.find((x: any) => x.bookingId === b.booking.bookingId);
    expect(stored.confirmations.find((x: any) => x.partyId === 'p1')).toMatchObject({ how: 'by_staff', given: 'phone', by: MEDIATOR });
    expect(audit.verified).toBe(true);
    expect((await ok(call<any>(rt, 'case', MEDIATOR, 'get', { caseId }))).proposedSession).toBeUndefined();
  });

  it('a replayed request answers as the first; the same id with other data is refused', async () => {
    const { caseId } = await mediatingCase('resp-replay');
    const { slots } = await ok(call(rt, 'booking', RESIDENT, 'slots', { caseId, mode: 'online' }));
    const id = rid();
    const first = await ok(call(rt, 'booking', RESIDENT, 'book', { caseId, startAt: slots[4].startAt, mode: 'online' }, id));
    const again = await ok(call(rt, 'booking', RESIDENT, 'book', { caseId, startAt: slots[4].startAt, mode: 'online' }, id));
    expect(again).toEqual(first);
    expect(await call(rt, 'booking', RESIDENT, 'book', { caseId, startAt: slots[5].startAt, mode: 'online' }, id)).toMatchObject({ ok: false, code: 'REQUEST_ID_REUSED' });
    await ok(call(rt, 'booking', RESIDENT, 'cancel', { caseId, bookingId: first.booking.bookingId, reason: '不需要了' }, rid()));
  });
});

describe('session records', () => {
  it('the mediator records an investigation and a session: attendees, what was said, next step; visible in case.get', async () => {
    const { caseId } = await mediatingCase('resp-rec');
    const inv = await ok(
      call(rt, 'booking', MEDIATOR, 'record', {
        caseId,
        kind: 'investigation',
        attendeePartyIds: ['p1'],
        otherAttendees: ['物业经理'],
        summary: '走访申请人，噪音多在晚十点后，物业有投诉记录。联系电话13912345678。',
        nextStep: '约双方当面调解',
      }, rid()),
    );
    expect(inv.status).toBe('in_mediation');
    const session = await ok(
      call(rt, 'booking', MEDIATOR, 'record', {
        caseId,
        kind: 'session',
        mode: 'on_site',
        attendeePartyIds: ['p1', 'p2'],
        summary: '双方陈述意见，被申请人同意晚九点后停止施工。',
        nextStep: '起草调解协议',
        nonPublic: true,
      }, rid()),
    );
    expect(session.status).toBe('in_mediation');
    const view = await ok(call(rt, 'case', 'resp-rec', 'get', { caseId }));
    expect(view.sessions).toHaveLength(2);
    expect(view.sessions[0]).toMatchObject({ kindLabel: '调查', otherAttendees: ['物业经理'], nextStep: '约双方当面调解' });
    // Phone numbers typed into a record are masked before storing.
    expect(view.sessions[0].summary).not.toContain('13912345678');
    expect(JSON.stringify(rt.db.dump('cases'))).not.toContain('13912345678');
    expect(view.sessions[1]).toMatchObject({ kindLabel: '调解', modeLabel: '现场调解', nonPublic: true, nextStep: '起草调解协议' });
    expect(view.sessions[1].attendees).toHaveLength(2);

    // Only the case mediator records; a party cannot.
    expect(await call(rt, 'booking', RESIDENT, 'record', { caseId, kind: 'session', attendeePartyIds: [], summary: '我自己写的笔录内容' }, rid())).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call(rt, 'booking', DIRECTOR, 'record', { caseId, kind: 'session', attendeePartyIds: [], summary: '主任代写的笔录内容' }, rid())).toMatchObject({ ok: false, code: 'NOT_CASE_MEDIATOR' });
  });
});
