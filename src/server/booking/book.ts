// Booking a session: a party or staff picks a free time (book), the other side confirms it (confirm); once every
// party has confirmed, the case is scheduled. Each is a plan over the booking step (step.ts).
import type { Actor } from '../../domain/case/context';
import type { Case, SessionMode } from '../../domain/case/model';
import { execute } from '../../domain/case/execute';
import { awaitingPartyIds, BOOKING_STATUS_LABEL, isActiveBooking, isLapsedProposal, LAPSED_REASON, needsRoom, type Booking } from '../../domain/booking/booking';
import { slotEnd, slotProblem } from '../../domain/booking/slots';
import { AppError } from '../kernel/errors';
import { type Directory } from '../cases/org-cache';
import { domainContext, orThrow } from '../cases/pipeline';
import { roomAvailability, SLOT_RULES } from './resources';
import type { TBookInput, TConfirmInput } from './schemas';
import type { BookingStepResult } from './booking.types';
import { bookingView } from './reads';
import { type Acting, type Ctx, type Plan, STAFF, StepCalendars, acting, bookingIdFor, bookingStep, bookingSummary, bookingsOf, claimsOf, findBooking, noticesTo, replaceBooking, slotTaken, when } from './step';

/**
 * The slot check for a new booking: the mediator's hours, the room (given, or the first free one), and
 * whether the case could be scheduled then at all (the domain's `schedule_session`, tried as if every
 * party had confirmed).
 */
export async function newBooking(
  ctx: Ctx,
  state: Case,
  who: Acting,
  dir: Directory,
  cals: StepCalendars,
  spec: { bookingId: string; startAt: string; mode: SessionMode; roomId?: string; nonPublic: boolean; note?: string; replaces?: string },
): Promise<Booking> {
  const c = state;
  if (!c.mediatorId) throw new AppError('MEDIATOR_REQUIRED', '请先为本案指派调解员');
  const now = ctx.now.toISOString();
  const trial = execute(
    state,
    {
      type: 'schedule_session',
      at: spec.startAt,
      mode: spec.mode,
      nonPublic: spec.nonPublic,
      confirmedByPartyIds: c.parties.map((p) => p.partyId),
      ...(c.status === 'scheduled' ? { reason: '改期' } : {}),
    },
    domainContext(who.actor, dir, ctx.now),
  );
  orThrow(trial);
  // The mediator's calendar, and the organisation's with its rooms (one document when it holds the mediator's).
  const placed = await cals.place(c.mediatorId, c.responsibleOrgId, needsRoom(spec.mode));
  const roomsCal = needsRoom(spec.mode) ? placed.org : undefined;
  const problem = slotProblem(spec.startAt, placed.mediator, dir.settings.calendar, SLOT_RULES, now);
  if (problem) throw new AppError(problem.code, problem.code === 'SLOT_NOT_OPEN' ? '调解员在该时段不接受预约，请重新选择' : problem.message);

  let roomId: string | undefined;
  if (roomsCal) {
    const rooms = roomsCal.doc.rooms.filter((r) => r.active);
    const open = rooms.filter((r) => !slotProblem(spec.startAt, roomAvailability(r), dir.settings.calendar, SLOT_RULES, now));
    if (spec.roomId) {
      const room = rooms.find((r) => r._id === spec.roomId);
      if (!room) throw new AppError('ROOM_NOT_FOUND', '没有找到该调解室，请重新选择');
      if (!open.includes(room)) throw new AppError('ROOM_CLOSED', '该调解室在这一时段不开放，请重新选择');
      roomId = room._id;
    } else {
      if (open.length === 0) throw new AppError('NO_ROOM', rooms.length ? '该时段没有开放的调解室，请选择其他时间或线上调解' : '本调解组织尚未设置调解室，请选择线上调解');
      const taken = new Set(roomsCal.doc.claimed.filter((x) => x.startAt === spec.startAt).map((x) => x.roomId));
      const free = open.find((r) => !taken.has(r._id));
      if (!free) throw slotTaken();
      roomId = free._id;
    }
  }
  return {
    bookingId: spec.bookingId,
    caseId: c.caseId,
    startAt: spec.startAt,
    endAt: slotEnd(spec.startAt, SLOT_RULES),
    mode: spec.mode,
    ...(roomId ? { roomId } : {}),
    nonPublic: spec.nonPublic,
    mediatorId: c.mediatorId,
    orgId: c.responsibleOrgId,
    proposedBy: who.partyId ? { userId: who.caller.openid, as: 'party', partyId: who.partyId } : { userId: who.caller.openid, as: 'staff' },
    createdAt: now,
    status: 'proposed',
    // A party who proposes a time has confirmed it.
    confirmations: who.partyId ? [{ partyId: who.partyId, at: now, how: 'self', by: who.caller.openid }] : [],
    ...(spec.note ? { note: spec.note } : {}),
    ...(spec.replaces ? { replaces: spec.replaces } : {}),
  };
}

/** If every party has confirmed, the booking is confirmed and the case scheduled for it (by whoever confirmed last). */
export function scheduleIfConfirmed(c: Case, b: Booking, actor: Actor): { booking: Booking; commands: Plan['commands'] } {
  if (awaitingPartyIds(b, c.parties.map((p) => p.partyId)).length > 0) return { booking: b, commands: [] };
  return {
    booking: { ...b, status: 'confirmed' },
    commands: [
      {
        actor,
        command: {
          type: 'schedule_session',
          at: b.startAt,
          mode: b.mode,
          ...(b.roomId ? { roomId: b.roomId } : {}),
          nonPublic: b.nonPublic,
          confirmedByPartyIds: b.confirmations.map((x) => x.partyId),
        },
      },
    ],
  };
}

/** A party books a slot (their confirmation included), or the mediator / staff propose one. */
export function book(input: TBookInput, ctx: Ctx): Promise<BookingStepResult> {
  return bookingStep(ctx, input.caseId, input, async (doc, caller, dir, cals) => {
    const who = acting(caller, doc, dir, STAFF);
    const now = ctx.now.toISOString();
    const list = bookingsOf(doc).map((b): Booking =>
      isLapsedProposal(b, now) ? { ...b, status: 'cancelled', ended: { at: now, by: 'system', reason: LAPSED_REASON } } : b,
    );
    if (list.some(isActiveBooking)) throw new AppError('BOOKING_EXISTS', '本案已有待确认或已确认的调解预约，如需调整请改期或取消');
    const b0 = await newBooking(ctx, doc.case, who, dir, cals, {
      bookingId: bookingIdFor(ctx, input.caseId),
      startAt: input.startAt,
      mode: input.mode,
      roomId: input.roomId,
      nonPublic: input.nonPublic,
      note: input.note,
    });
    const { booking, commands } = scheduleIfConfirmed(doc.case, b0, who.actor);
    return {
      bookings: [...list, booking],
      commands,
      claims: claimsOf(booking),
      releases: [],
      audit: [{ type: 'booking_proposed', data: { ...bookingSummary(booking), by: who.partyId ?? 'staff' } }],
      notices: (c) => noticesTo(c, ctx.openid, booking.status === 'confirmed' ? '调解已预约' : '待确认时间', `案件${c.caseNo}：调解时间 ${when(booking)}`),
      result: { booking: bookingView(booking, doc.case, dir, []) },
    };
  }, [{ kind: 'booking_note', field: 'note', text: input.note }]);
}

/** Each party confirms (staff may record a party's confirmation given by phone or in person). */
export function confirm(input: TConfirmInput, ctx: Ctx): Promise<BookingStepResult> {
  return bookingStep(ctx, input.caseId, input, async (doc, caller, dir) => {
    const who = acting(caller, doc, dir, STAFF);
    const partyId = who.partyId ?? input.partyId;
    if (!partyId) throw new AppError('PARTY_REQUIRED', '请选择为哪一方当事人记录确认');
    if (who.partyId && input.partyId && input.partyId !== who.partyId) throw AppError.of('FORBIDDEN');
    // Staff recording a confirmation say how the party gave it (it is in the audit chain); a party confirms in the app.
    if (!who.partyId && !input.how) throw new AppError('HOW_REQUIRED', '请选择当事人是当面、电话还是书面确认的');
    const given = !who.partyId && input.how ? { given: input.how } : {};
    if (!doc.case.parties.some((p) => p.partyId === partyId)) throw new AppError('PARTY_NOT_FOUND', '当事人不属于本案');
    const b = findBooking(doc, input.bookingId);
    if (b.status !== 'proposed') throw new AppError('BOOKING_NOT_PROPOSED', `该预约${BOOKING_STATUS_LABEL[b.status]}，无需确认`);
    if (b.confirmations.some((x) => x.partyId === partyId)) throw new AppError('ALREADY_CONFIRMED', '该当事人已确认过这一时间');
    const now = ctx.now.toISOString();
    const withMine: Booking = {
      ...b,
      confirmations: [...b.confirmations, { partyId, at: now, how: who.partyId ? 'self' : 'by_staff', ...given, by: caller.openid }],
    };
    const { booking, commands } = scheduleIfConfirmed(doc.case, withMine, who.actor);
    return {
      bookings: replaceBooking(bookingsOf(doc), booking),
      commands,
      claims: [],
      releases: [],
      audit: [{ type: 'booking_confirmed', data: { bookingId: b.bookingId, partyId, how: who.partyId ? 'self' : 'by_staff', ...given } }],
      notices: (c) => (booking.status === 'confirmed' ? noticesTo(c, ctx.openid, '调解已预约', `案件${c.caseNo}：调解时间 ${when(booking)}`) : []),
      result: { booking: bookingView(booking, doc.case, dir, []) },
    };
  });
}
