// The `booking` function: rooms and mediators' hours become bookable slots; a case's sessions are booked,
// confirmed by both parties, rescheduled or cancelled with a reason, and recorded by the mediator.
import { route, routesFor } from '../kernel/route';
import type { ServerDeps } from '../kernel/function';
import {
  AvailabilityInput,
  BookInput,
  CancelInput,
  CaseBookingsInput,
  ConfirmInput,
  RecordInput,
  RescheduleInput,
  RoomsInput,
  SetAvailabilityInput,
  SetRoomInput,
  SlotsInput,
} from './schemas';
import type { BookingActions } from './booking.types';
import { getAvailability, listRooms, setAvailability, setRoom } from './resources';
import { book, confirm } from './book';
import { cancel, reschedule } from './change';
import { record } from './record';
import { caseBookings, slots } from './reads';

export const bookingRoutes = routesFor<BookingActions, ServerDeps>()({
  /** An organisation's mediation rooms. */
  rooms: route({ input: RoomsInput, handle: listRooms }),
  /** A director adds or changes a room (hours, exceptions, closed). */
  setRoom: route({ input: SetRoomInput, mutates: true, handle: setRoom }),
  /** A mediator's weekly hours and exceptions (their own, or a director's mediator's). */
  availability: route({ input: AvailabilityInput, handle: getAvailability }),
  setAvailability: route({ input: SetAvailabilityInput, mutates: true, handle: setAvailability }),
  /** Bookable slots for a case. */
  slots: route({ input: SlotsInput, handle: slots }),
  /** A party books (and so confirms) a slot, or the mediator proposes one. */
  book: route({ input: BookInput, mutates: true, handle: book }),
  /** A party confirms; once every party has, the case is scheduled. */
  confirm: route({ input: ConfirmInput, mutates: true, handle: confirm }),
  reschedule: route({ input: RescheduleInput, mutates: true, handle: reschedule }),
  cancel: route({ input: CancelInput, mutates: true, handle: cancel }),
  /** The mediator's investigation or session record. */
  record: route({ input: RecordInput, mutates: true, handle: record }),
  /** A case's bookings. */
  bookings: route({ input: CaseBookingsInput, handle: caseBookings }),
});
