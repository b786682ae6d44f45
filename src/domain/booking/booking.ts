// A booking of one slot for a case's session: proposed by a party or the mediator, confirmed by each party,
// then scheduled on the case (the case's own `schedule_session`). Claims make a mediator or a room
// bookable once per slot: their ids are deterministic, so the store refuses a second claim.
import type { SessionMode } from '../case/model';
import type { IsoInstant } from '../shared/time';

export type BookingStatus =
  /** Slot held, waiting for the parties' confirmations. */
  | 'proposed'
  /** Every party confirmed: the case is scheduled for it. */
  | 'confirmed'
  | 'cancelled'
  /** Replaced by another booking (`replacedBy`), with a reason. */
  | 'rescheduled'
  /** The session took place and was recorded. */
  | 'held';

export const BOOKING_STATUS_LABEL: Record<BookingStatus, string> = {
  proposed: '待确认',
  confirmed: '已确认',
  cancelled: '已取消',
  rescheduled: '已改期',
  held: '已举行',
};

export interface BookingConfirmation {
  partyId: string;
  at: IsoInstant;
  /** `self`: the party in the app; `by_staff`: staff recorded the party's confirmation (phone, in person). */
  how: 'self' | 'by_staff';
  /** Staff only: how the party gave it — at the window, by phone, or on paper. */
  given?: 'in_person' | 'phone' | 'paper';
  by: string;
}

export interface Booking {
  bookingId: string;
  caseId: string;
  startAt: IsoInstant;
  endAt: IsoInstant;
  mode: SessionMode;
  /** On-site and back-to-back sessions take a room of the organisation; online ones none. */
  roomId?: string;
  /** A party asked for a non-public session (不公开, Art. 23). */
  nonPublic: boolean;
  mediatorId: string;
  orgId: string;
  proposedBy: { userId: string; as: 'party' | 'staff'; partyId?: string };
  createdAt: IsoInstant;
  status: BookingStatus;
  confirmations: BookingConfirmation[];
  /** A short note shown to the other side (what to bring); free text, redacted before storing. */
  note?: string;
  replaces?: string;
  replacedBy?: string;
  /** Why it was rescheduled or cancelled, and by whom. */
  ended?: { at: IsoInstant; by: string; reason: string };
  heldAt?: IsoInstant;
}

export function isActiveBooking(b: Booking): boolean {
  return b.status === 'proposed' || b.status === 'confirmed';
}

/** A proposal nobody finished confirming before its time: it lapses and no longer blocks a new booking. */
export function isLapsedProposal(b: Booking, now: IsoInstant): boolean {
  return b.status === 'proposed' && Date.parse(b.startAt) <= Date.parse(now);
}

export const LAPSED_REASON = '未在调解时间前确认，预约已失效';

export function needsRoom(mode: SessionMode): boolean {
  return mode !== 'online';
}

export function mediatorClaimId(mediatorId: string, startAt: IsoInstant): string {
  return `mediator:${mediatorId}:${startAt}`;
}

export function roomClaimId(roomId: string, startAt: IsoInstant): string {
  return `room:${roomId}:${startAt}`;
}

/** The claims a live booking holds: its mediator at its start, and its room if it has one. */
export function claimIdsOf(b: Pick<Booking, 'mediatorId' | 'startAt' | 'roomId'>): string[] {
  return [mediatorClaimId(b.mediatorId, b.startAt), ...(b.roomId ? [roomClaimId(b.roomId, b.startAt)] : [])];
}

/** Parties who still have to confirm (a party who proposed has confirmed by proposing). */
export function awaitingPartyIds(b: Booking, partyIds: string[]): string[] {
  return partyIds.filter((id) => !b.confirmations.some((c) => c.partyId === id));
}
