// Changing a booked session: moving it to another free time (reschedule) or cancelling it with a reason (cancel);
// the other side is told. Each is a plan over the booking step (step.ts).
import { execute } from '../../domain/case/execute';
import { BOOKING_STATUS_LABEL, isActiveBooking, needsRoom, type Booking } from '../../domain/booking/booking';
import { formatChinaTime } from '../../domain/shared/time';
import { AppError } from '../kernel/errors';
import { domainContext, orThrow } from '../cases/pipeline';
import type { TRescheduleInput } from './schemas';
import type { BookingStepResult } from './booking.types';
import { newBooking, scheduleIfConfirmed } from './book';
import { bookingView } from './reads';
import { type Ctx, type Plan, STAFF, acting, bookingIdFor, bookingStep, bookingSummary, bookingsOf, claimsOf, findBooking, noticesTo, releasesOf, replaceBooking, when } from './step';

/** A new time for a live booking, with a reason; the old slot is released in the same transaction. */
export function reschedule(input: TRescheduleInput, ctx: Ctx): Promise<BookingStepResult> {
  return bookingStep(ctx, input.caseId, input, async (doc, caller, dir, cals) => {
    const who = acting(caller, doc, dir, STAFF);
    const old = findBooking(doc, input.bookingId);
    if (!isActiveBooking(old)) throw new AppError('BOOKING_NOT_ACTIVE', `该预约${BOOKING_STATUS_LABEL[old.status]}，不能改期`);
    const now = ctx.now.toISOString();
    // A confirmed time is taken off the case first (with the reason); the new one is fixed when both confirm again.
    const commands: Plan['commands'] = old.status === 'confirmed' ? [{ actor: who.actor, command: { type: 'cancel_session', reason: `改期：${input.reason}` } }] : [];
    let state = doc.case;
    for (const x of commands) {
      const exec = execute(state, x.command, domainContext(x.actor, dir, ctx.now));
      orThrow(exec);
      state = exec.state;
    }
    const fresh = await newBooking(ctx, state, who, dir, cals, {
      bookingId: bookingIdFor(ctx, input.caseId),
      startAt: input.startAt,
      mode: input.mode ?? old.mode,
      roomId: input.roomId ?? (input.mode === undefined || needsRoom(input.mode) ? old.roomId : undefined),
      nonPublic: input.nonPublic ?? old.nonPublic,
      note: old.note,
      replaces: old.bookingId,
    });
    const { booking, commands: more } = scheduleIfConfirmed(state, fresh, who.actor);
    const ended: Booking = { ...old, status: 'rescheduled', replacedBy: booking.bookingId, ended: { at: now, by: caller.openid, reason: input.reason } };
    return {
      bookings: [...replaceBooking(bookingsOf(doc), ended), booking],
      commands: [...commands, ...more],
      claims: claimsOf(booking),
      releases: releasesOf(old),
      audit: [{ type: 'booking_rescheduled', data: { from: bookingSummary(old), to: bookingSummary(booking), reason: input.reason } }],
      notices: (c) => noticesTo(c, ctx.openid, '待确认时间', `案件${c.caseNo}：调解改期至 ${when(booking)}，请确认`),
      result: { booking: bookingView(booking, state, dir, []) },
    };
  }, [{ kind: 'reschedule_reason', field: 'reason', text: input.reason }]);
}

/** Cancel a live booking with a reason: the slot is free again at once. */
export function cancel(input: { caseId: string; bookingId: string; reason: string }, ctx: Ctx): Promise<BookingStepResult> {
  return bookingStep(ctx, input.caseId, input, async (doc, caller, dir) => {
    const who = acting(caller, doc, dir, STAFF);
    const b = findBooking(doc, input.bookingId);
    if (!isActiveBooking(b)) throw new AppError('BOOKING_NOT_ACTIVE', `该预约${BOOKING_STATUS_LABEL[b.status]}，不能取消`);
    const ended: Booking = { ...b, status: 'cancelled', ended: { at: ctx.now.toISOString(), by: caller.openid, reason: input.reason } };
    return {
      bookings: replaceBooking(bookingsOf(doc), ended),
      commands: b.status === 'confirmed' ? [{ actor: who.actor, command: { type: 'cancel_session', reason: input.reason } }] : [],
      claims: [],
      releases: releasesOf(b),
      audit: [{ type: 'booking_cancelled', data: { ...bookingSummary(b), reason: input.reason } }],
      notices: (c) => noticesTo(c, ctx.openid, '预约已取消', `案件${c.caseNo}：${formatChinaTime(b.startAt)} 的调解预约已取消`),
      result: { booking: bookingView(ended, doc.case, dir, []) },
    };
  }, [{ kind: 'cancel_reason', field: 'reason', text: input.reason }]);
}
