// The `booking` function on the wire: each action's input (inferred from its zod schema, as the caller sends
// it) and answer. Types only: the use-cases and the mini-program both import them (`import type`).
import type { z } from 'zod';
import type { BookingStatus } from '../../domain/booking/booking';
import type { Availability, AvailabilityException, WeeklyWindow } from '../../domain/booking/slots';
import type { SessionMode } from '../../domain/case/model';
import type { Command, Query } from '../action.types';
import type { CaseStepResult } from '../case/case.types';
import type * as S from './schemas';

/** A mediation room of an organisation: opening hours (China local time), dated exceptions, open or closed. */
export interface RoomView {
  roomId: string;
  orgId: string;
  name: string;
  capacity: number;
  /** Where it is: the address ('' when not given) and, when known, its coordinates for 导航. */
  address: string;
  latitude?: number;
  longitude?: number;
  hours: WeeklyWindow[];
  exceptions: AvailabilityException[];
  active: boolean;
}

/** `booking.rooms`: inactive rooms only for the organisation's directors. */
export interface RoomList {
  orgId: string;
  rooms: RoomView[];
}

/** A mediator's weekly hours and dated exceptions (`booking.setAvailability`). */
export interface MediatorHours extends Availability {
  mediatorId: string;
}

/** `booking.availability`: the hours, and how long one slot is. */
export interface MediatorHoursView extends MediatorHours {
  slotMinutes: number;
}

export interface SlotView {
  startAt: string;
  endAt: string;
  label: string;
  /** On-site and back-to-back: the rooms free then. */
  rooms?: Array<{ roomId: string; name: string }>;
}

/** `booking.slots`: bookable slots for a case with its mediator's open hours. */
export interface SlotsAnswer {
  caseId: string;
  mediatorName: string;
  slotMinutes: number;
  mode: SessionMode;
  slots: SlotView[];
}

export interface BookingView {
  bookingId: string;
  startAt: string;
  endAt: string;
  /** China local time, `YYYY-MM-DD HH:mm`. */
  label: string;
  mode: SessionMode;
  modeLabel: string;
  room?: { roomId: string; name: string };
  /** On site and back to back: the address to go to (the room's, else the organisation's). */
  place?: string;
  nonPublic: boolean;
  status: BookingStatus;
  statusLabel: string;
  proposedBy: 'party' | 'staff';
  confirmedPartyIds: string[];
  awaitingPartyIds: string[];
  /** Whether the caller (a party) still has to confirm. */
  myTurn: boolean;
  /** Left out, like `reason`, while it is text held for review that the caller neither wrote nor works the case. */
  note?: string;
  /** Why it was rescheduled or cancelled. */
  reason?: string;
  /** The note or reason shown is still held for review (shown to its writer and the staff only). */
  underReview?: boolean;
  replaces?: string;
  replacedBy?: string;
}

/** `booking.bookings`: a case's bookings, newest first. */
export interface CaseBookings {
  caseId: string;
  bookings: BookingView[];
}

/** What a booking step (book, confirm, reschedule, cancel) answers: the case's new state and the booking. */
export type BookingStepResult = CaseStepResult & { booking: BookingView };

/** The investigation or session just recorded. */
export interface RecordedSession {
  kind: 'investigation' | 'session';
  heldAt: string;
  /** The booked session it records, if any. */
  bookingId?: string;
}

/** `booking.record`: the case's new state and the record. */
export type SessionRecordResult = CaseStepResult & { session: RecordedSession };

export type BookInput = z.input<typeof S.BookInput>;
export type RecordInput = z.input<typeof S.RecordInput>;

export interface BookingActions {
  rooms: Query<z.input<typeof S.RoomsInput>, RoomList>;
  setRoom: Command<z.input<typeof S.SetRoomInput>, RoomView>;
  availability: Query<z.input<typeof S.AvailabilityInput>, MediatorHoursView>;
  setAvailability: Command<z.input<typeof S.SetAvailabilityInput>, MediatorHours>;
  slots: Query<z.input<typeof S.SlotsInput>, SlotsAnswer>;
  book: Command<BookInput, BookingStepResult>;
  confirm: Command<z.input<typeof S.ConfirmInput>, BookingStepResult>;
  reschedule: Command<z.input<typeof S.RescheduleInput>, BookingStepResult>;
  cancel: Command<z.input<typeof S.CancelInput>, BookingStepResult>;
  record: Command<RecordInput, SessionRecordResult>;
  bookings: Query<z.input<typeof S.CaseBookingsInput>, CaseBookings>;
}
