// Recording a held session (调解记录): what was done, who came, what comes next. A plan over the booking step.
import type { CaseCommand } from '../../domain/case/commands';
import { BOOKING_STATUS_LABEL, type Booking } from '../../domain/booking/booking';
import { formatChinaTime } from '../../domain/shared/time';
import { AppError } from '../kernel/errors';
import type { TRecordInput } from './schemas';
import type { SessionRecordResult } from './booking.types';
import { type Ctx, acting, bookingStep, bookingsOf, findBooking, replaceBooking } from './step';

/** The mediator records an investigation or a session: who attended, what was said, the next step. */
export function record(input: TRecordInput, ctx: Ctx): Promise<SessionRecordResult> {
  return bookingStep(ctx, input.caseId, input, async (doc, caller, dir) => {
    const who = acting(caller, doc, dir, ['mediator', 'director']);
    if (!who.staff) throw AppError.of('FORBIDDEN');
    const list = bookingsOf(doc);
    const now = ctx.now.toISOString();
    let b: Booking | undefined;
    if (input.bookingId) {
      b = findBooking(doc, input.bookingId);
      if (b.status !== 'confirmed') throw new AppError('BOOKING_NOT_CONFIRMED', `该预约${BOOKING_STATUS_LABEL[b.status]}，不能据此记录`);
    } else if (input.kind === 'session') {
      // Recording a session while one is booked and due: that is the one held.
      b = list.find((x) => x.status === 'confirmed' && x.startAt <= now);
      const later = list.find((x) => x.status === 'confirmed' && x.startAt > now);
      if (!b && later) {
        throw new AppError('SESSION_BOOKED', `本案已预约 ${formatChinaTime(later.startAt)} 的调解；如已提前举行，请选择该预约记录，否则请先改期或取消`);
      }
    }
    const heldAt = input.heldAt ?? (b && b.startAt <= now ? b.startAt : now);
    const command: CaseCommand = {
      type: 'record_session',
      record: {
        kind: input.kind,
        heldAt,
        mode: input.mode ?? b?.mode ?? 'on_site',
        attendeePartyIds: input.attendeePartyIds,
        summary: input.summary,
        ...(input.otherAttendees.length ? { otherAttendees: input.otherAttendees } : {}),
        ...(input.nextStep ? { nextStep: input.nextStep } : {}),
        nonPublic: input.nonPublic ?? b?.nonPublic ?? false,
      },
    };
    const held: Booking | undefined = b ? { ...b, status: 'held', heldAt } : undefined;
    return {
      bookings: held ? replaceBooking(list, held) : list,
      commands: [{ actor: who.actor, command }],
      claims: [],
      releases: [],
      audit: [],
      notices: () => [],
      result: { session: { kind: input.kind, heldAt, ...(held ? { bookingId: held.bookingId } : {}) } },
    };
  });
}
