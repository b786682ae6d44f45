// The booking screens' reads: a case's bookings as each person may see them, and the free times to choose from
// (read from the calendars, two requests for a party whatever the store holds).
import type { Case } from '../../domain/case/model';
import { SESSION_MODE_LABEL } from '../../domain/case/labels';
import { awaitingPartyIds, BOOKING_STATUS_LABEL, needsRoom, type Booking } from '../../domain/booking/booking';
import { openSlots, slotEnd, slotProblem } from '../../domain/booking/slots';
import { formatChinaTime, startOfChinaDay, addCalendarDays, chinaDateOf } from '../../domain/shared/time';
import { AppError } from '../kernel/errors';
import { relationTo } from '../cases/access';
import { loadCaller, type Caller } from '../cases/caller';
import { loadDirectory, type Directory } from '../cases/org-cache';
import { loadCaseToRead } from '../cases/store';
import { calendarFrom, loadCalendars, mediatorCalendarId, mediatorView, roomAvailability, roomsCalendarId, saveRebuilt, slotKey, SLOT_RULES, type CalendarRoom, type LoadedCalendar, type MediatorCalendar, type RoomsCalendar } from './resources';
import type { Database } from '../kernel/platform';
import type { TSlotsInput } from './schemas';
import { underReview, withheldFrom } from '../cases/held-text';
import type { BookingView, CaseBookings, SlotsAnswer, SlotView } from './booking.types';
import { type Ctx, bookingsOf } from './step';

/** How a reader sees a booking's free text: withheld while held for review and not theirs (held-text.ts). */
interface TextRule {
  withheld: (text: string | undefined) => boolean;
  underReview: (text: string | undefined) => boolean;
}

/** The one who just wrote the text sees it as written (a step's own answer). */
const ASIS: TextRule = { withheld: () => false, underReview: () => false };

export function bookingView(b: Booking, c: Case, dir: Directory, rooms: CalendarRoom[], me?: string, text: TextRule = ASIS): BookingView {
  const room = b.roomId ? rooms.find((r) => r._id === b.roomId) : undefined;
  const awaiting = b.status === 'proposed' ? awaitingPartyIds(b, c.parties.map((p) => p.partyId)) : [];
  const mine = c.parties.find((p) => p.userId && p.userId === me)?.partyId;
  return {
    bookingId: b.bookingId,
    startAt: b.startAt,
    endAt: b.endAt,
    label: formatChinaTime(b.startAt),
    mode: b.mode,
    modeLabel: SESSION_MODE_LABEL[b.mode],
    ...(b.roomId ? { room: { roomId: b.roomId, name: room?.name ?? b.roomId } } : {}),
    // Where to go: the room's own address when the deployment gives one, else the organisation's.
    ...(needsRoom(b.mode) ? { place: room?.address || (dir.orgs.get(b.orgId)?.address ?? '') } : {}),
    nonPublic: b.nonPublic,
    status: b.status,
    statusLabel: BOOKING_STATUS_LABEL[b.status],
    proposedBy: b.proposedBy.as,
    confirmedPartyIds: b.confirmations.map((x) => x.partyId),
    awaitingPartyIds: awaiting,
    myTurn: Boolean(mine && awaiting.includes(mine)),
    ...(b.note && !text.withheld(b.note) ? { note: b.note } : {}),
    ...(b.ended && !text.withheld(b.ended.reason) ? { reason: b.ended.reason } : {}),
    ...((b.note && !text.withheld(b.note) && text.underReview(b.note)) || (b.ended && !text.withheld(b.ended.reason) && text.underReview(b.ended.reason)) ? { underReview: true } : {}),
    ...(b.replaces ? { replaces: b.replaces } : {}),
    ...(b.replacedBy ? { replacedBy: b.replacedBy } : {}),
  };
}

/**
 * A case's bookings, newest first, for its parties and the staff working it. The case, then (when a booking
 * has a room) the rooms calendars of the bookings' organisations in one query; staff add their own record.
 */
export async function caseBookings(input: { caseId: string }, ctx: Ctx): Promise<CaseBookings> {
  const { db } = ctx.deps;
  const [doc, dir] = await Promise.all([loadCaseToRead(db, input.caseId), loadDirectory(db)]);
  if (!doc) throw AppError.of('NOT_FOUND');
  const party = doc.case.parties.some((p) => p.userId && p.userId === ctx.openid);
  const bookings = bookingsOf(doc);
  const now = ctx.now.toISOString();
  const ids = [...new Set(bookings.filter((b) => b.roomId).map((b) => roomsCalendarId(b.orgId)))];
  const [caller, cals] = await Promise.all([
    party ? Promise.resolve<Caller>({ openid: ctx.openid, roles: [] }) : loadCaller(db, ctx.openid),
    loadCalendars(db, ids, calendarFrom(now)),
  ]);
  const relation = relationTo(caller, doc.case, dir);
  if (!relation) throw AppError.of('NOT_FOUND');
  if (relation !== 'party' && relation !== 'staff') throw AppError.of('FORBIDDEN');
  await saveRebuilt(db, cals.values(), now);
  const rooms = [...cals.values()].flatMap((c) => (c.doc as RoomsCalendar).rooms);
  const list = [...bookings].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const text: TextRule = { withheld: withheldFrom(doc, relation, ctx.openid), underReview: underReview(doc) };
  return { caseId: doc.case.caseId, bookings: list.map((b) => bookingView(b, doc.case, dir, rooms, ctx.openid, text)) };
}

/**
 * A mediator's calendar among those loaded: their own, or their part of the organisation's that holds it (read
 * as well when it was not among them: a third request, for a mediator held by another organisation's calendar).
 */
async function mediatorCalendarOf(db: Database, cals: Map<string, LoadedCalendar>, mediatorId: string, now: string): Promise<MediatorCalendar> {
  for (const c of cals.values()) {
    const view = mediatorView(c.doc, mediatorId);
    if (view) return view;
  }
  const homedAt = (cals.get(mediatorCalendarId(mediatorId))?.doc as MediatorCalendar | undefined)?.homedAt;
  const more = homedAt ? await loadCalendars(db, [roomsCalendarId(homedAt)], calendarFrom(now)) : new Map<string, LoadedCalendar>();
  for (const [id, c] of more) cals.set(id, c);
  const view = homedAt ? mediatorView(more.get(roomsCalendarId(homedAt))!.doc, mediatorId) : undefined;
  // Moved meanwhile: the screen is asked again.
  if (!view) throw AppError.of('CONFLICT');
  return view;
}

/**
 * Bookable slots for a case: the case mediator's open hours, minus the slots claimed; for a session in a
 * room, only slots with a room of the organisation open and free. Two reads for a party: the case, then the
 * calendars (the mediator's and the organisation's rooms, one query by ids). Staff add the read of their own
 * record (their roles decide whether they work the case); a party's relation is on the case itself.
 */
export async function slots(input: TSlotsInput, ctx: Ctx): Promise<SlotsAnswer> {
  const { db } = ctx.deps;
  const [doc, dir] = await Promise.all([loadCaseToRead(db, input.caseId), loadDirectory(db)]);
  if (!doc) throw AppError.of('NOT_FOUND');
  const c = doc.case;
  const party = c.parties.some((p) => p.userId && p.userId === ctx.openid);
  const now = ctx.now.toISOString();
  // The organisation's calendar and the mediator's own, in one query: the first holds the second's hours and
  // slots for a mediator of that organisation only (resources.ts).
  const orgCal = roomsCalendarId(c.responsibleOrgId);
  const ids = c.mediatorId ? [orgCal, mediatorCalendarId(c.mediatorId)] : [];
  const [caller, cals] = await Promise.all([
    party ? Promise.resolve<Caller>({ openid: ctx.openid, roles: [] }) : loadCaller(db, ctx.openid),
    loadCalendars(db, ids, calendarFrom(now)),
  ]);
  const relation = relationTo(caller, c, dir);
  if (!relation) throw AppError.of('NOT_FOUND');
  if (relation !== 'party' && relation !== 'staff') throw AppError.of('FORBIDDEN');
  if (!c.mediatorId) throw new AppError('MEDIATOR_REQUIRED', '本案尚未指派调解员，暂不能预约');
  const mediator = await mediatorCalendarOf(db, cals, c.mediatorId, now);
  await saveRebuilt(db, cals.values(), now);
  const fromDate = input.from ?? chinaDateOf(now);
  const range = { from: startOfChinaDay(fromDate), to: startOfChinaDay(addCalendarDays(fromDate, input.days)) };
  const roomsCal = needsRoom(input.mode) ? (cals.get(orgCal)!.doc as RoomsCalendar) : undefined;
  const starts = openSlots(mediator, dir.settings.calendar, SLOT_RULES, now, range);
  const active: CalendarRoom[] = (roomsCal?.rooms ?? []).filter((r) => r.active);
  const busy = new Set(mediator.claimed.map((x) => x.startAt));
  const roomBusy = new Set((roomsCal?.claimed ?? []).map(slotKey));
  const out: SlotView[] = [];
  for (const at of starts) {
    if (busy.has(at)) continue;
    const view: SlotView = { startAt: at, endAt: slotEnd(at, SLOT_RULES), label: formatChinaTime(at) };
    if (roomsCal) {
      const free = active.filter((r) => !roomBusy.has(slotKey({ startAt: at, roomId: r._id })) && !slotProblem(at, roomAvailability(r), dir.settings.calendar, SLOT_RULES, now));
      if (free.length === 0) continue;
      view.rooms = free.map((r) => ({ roomId: r._id, name: r.name }));
    }
    out.push(view);
  }
  return { caseId: c.caseId, mediatorName: mediator.name ?? '调解员', slotMinutes: SLOT_RULES.slotMinutes, mode: input.mode, slots: out };
}
