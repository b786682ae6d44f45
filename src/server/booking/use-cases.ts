// Booking a session for a case and recording sessions. Every step runs in ONE transaction: read the case (and,
// for staff, the caller's record) → answer a replay → decide (the case's own commands through the domain) →
// read the calendars the booking takes slots on or gives them back to → save the case, its bookings, the
// calendars, the audit entries and the notices. The calendars are the guard against double booking: a slot is
// on its calendar or not, and two steps claiming one slot both write that calendar, so the second loses its
// transaction and, on its next pass, ends as SLOT_TAKEN.
import { createHash } from 'node:crypto';
import type { CaseCommand } from '../../domain/case/commands';
import type { Actor } from '../../domain/case/context';
import type { Case, SessionMode } from '../../domain/case/model';
import type { CaseEvent } from '../../domain/case/events';
import { execute } from '../../domain/case/execute';
import { SESSION_MODE_LABEL } from '../../domain/case/labels';
import {
  awaitingPartyIds,
  BOOKING_STATUS_LABEL,
  isActiveBooking,
  isLapsedProposal,
  LAPSED_REASON,
  needsRoom,
  type Booking,
} from '../../domain/booking/booking';
import { bookingWindow, openSlots, slotEnd, slotProblem } from '../../domain/booking/slots';
import { formatChinaTime, startOfChinaDay, addCalendarDays, chinaDateOf } from '../../domain/shared/time';
import { AppError } from '../kernel/errors';
import type { ServerDeps } from '../kernel/function';
import type { RequestContext } from '../kernel/route';
import type { CasWrite, StepTx } from '../kernel/unit-of-work';
import { actingOrgFor, relationTo } from '../case/access';
import { actorAt, loadCaller, type Caller } from '../case/caller';
import { loadDirectory, type Directory } from '../case/org-cache';
import { CASES, loadCaseDoc, type CaseDoc, type Outgoing, type ServerEventType } from '../case/store';
import { caseStep, decide, domainContext, orThrow } from '../case/pipeline';
import { progressNotices, stepResult } from '../case/use-cases';
import {
  CALENDARS,
  calendarFrom,
  calendarWrite,
  loadCalendars,
  mediatorCalendarId,
  roomAvailability,
  roomsCalendarId,
  saveRebuilt,
  SLOT_RULES,
  type Calendar,
  type CalendarRoom,
  type ClaimDoc,
  type ClaimedSlot,
  type LoadedCalendar,
  type MediatorCalendar,
  type RoomsCalendar,
} from './resources';
import type { Database } from '../kernel/platform';
import type { TBookInput, TConfirmInput, TRecordInput, TRescheduleInput, TSlotsInput } from './schemas';
import type { CaseStepResult, Relation } from '../case/case.types';
import type { TextToCheck } from '../case/text-screen';
import { underReview, withheldFrom } from '../case/held-text';
import type { BookingStepResult, BookingView, CaseBookings, SessionRecordResult, SlotsAnswer, SlotView } from './booking.types';

export type { BookingView, SlotView } from './booking.types';

type Ctx = RequestContext<ServerDeps>;

export const SLOT_TAKEN_MESSAGE = '该时段已被预约，请选择其他时间';
const slotTaken = () => new AppError('SLOT_TAKEN', SLOT_TAKEN_MESSAGE);

/** The bookings of a case live on the case document, beside the domain state. */
type BookingCaseDoc = CaseDoc & { bookings?: Booking[] };

export function bookingsOf(doc: CaseDoc): Booking[] {
  return (doc as BookingCaseDoc).bookings ?? [];
}

/** Who acts: a party for themselves, or staff of the organisation working the case. */
interface Acting {
  caller: Caller;
  actor: Actor;
  relation: Relation;
  partyId?: string;
  staff: boolean;
}

function acting(caller: Caller, doc: CaseDoc, dir: Directory, staffRoles: Array<'director' | 'mediator' | 'intake'>): Acting {
  const relation = relationTo(caller, doc.case, dir);
  if (!relation) throw AppError.of('NOT_FOUND');
  const party = doc.case.parties.find((p) => p.userId === caller.openid);
  if (party) return { caller, actor: actorAt(caller), relation, partyId: party.partyId, staff: false };
  const orgId = relation === 'staff' ? actingOrgFor(caller, doc.case, dir, staffRoles) : undefined;
  if (!orgId) throw AppError.of('FORBIDDEN');
  return { caller, actor: actorAt(caller, orgId), relation, staff: true };
}

const STAFF: Array<'director' | 'mediator' | 'intake'> = ['director', 'mediator', 'intake'];

/** A slot a booking takes, on its mediator's calendar or its organisation's rooms calendar. */
type Claim = Pick<ClaimDoc, 'kind' | 'resourceId' | 'orgId' | 'startAt' | 'bookingId' | 'caseId'>;

/** A slot a booking gives back. */
type Release = Pick<ClaimDoc, 'kind' | 'resourceId' | 'orgId' | 'startAt'>;

/** What one booking step changes, decided on the loaded case; `result` is added to the step's answer. */
interface Plan<R extends object = object> {
  bookings: Booking[];
  /** Case commands, run in order through the domain. */
  commands: Array<{ actor: Actor; command: CaseCommand }>;
  claims: Claim[];
  releases: Release[];
  audit: Array<{ type: ServerEventType; data: Record<string, unknown> }>;
  notices: (state: Case) => Outgoing[];
  result: R;
  /** Free text others will read (a note, a reason), run through the content check before saving. */
  texts?: TextToCheck[];
}

/** Calendars a step needs that are missing or stale: rebuilt outside the transaction (queries), then the step runs again. */
class CalendarsToRebuild extends Error {
  constructor(readonly ids: string[]) {
    super(`calendars to rebuild: ${ids.join(', ')}`);
  }
}

/**
 * The calendars one step reads, inside its transaction, each once (and the ones it changes written back from
 * these, compared on the version read there).
 */
class StepCalendars {
  private readonly loaded = new Map<string, LoadedCalendar>();
  constructor(
    private readonly tx: StepTx,
    readonly from: string,
  ) {}

  async get(ids: string[]): Promise<LoadedCalendar[]> {
    const missing = [...new Set(ids)].filter((id) => !this.loaded.has(id));
    const docs = await Promise.all(missing.map((id) => this.tx.get<Calendar>(CALENDARS, id)));
    const rebuild = missing.filter((_id, i) => !docs[i] || docs[i]!.stale);
    if (rebuild.length) throw new CalendarsToRebuild(rebuild);
    missing.forEach((id, i) => this.loaded.set(id, { doc: docs[i]!, expectVersion: docs[i]!.version ?? 0 }));
    return ids.map((id) => this.loaded.get(id)!);
  }

  async mediator(mediatorId: string): Promise<LoadedCalendar<MediatorCalendar>> {
    return (await this.get([mediatorCalendarId(mediatorId)]))[0] as LoadedCalendar<MediatorCalendar>;
  }

  async both(mediatorId: string, orgId: string): Promise<[LoadedCalendar<MediatorCalendar>, LoadedCalendar<RoomsCalendar>]> {
    const [m, r] = await this.get([mediatorCalendarId(mediatorId), roomsCalendarId(orgId)]);
    return [m as LoadedCalendar<MediatorCalendar>, r as LoadedCalendar<RoomsCalendar>];
  }
}

const claimKey = (startAt: string, roomId?: string) => `${roomId ?? ''}|${startAt}`;

function calendarIdOf(x: Pick<ClaimDoc, 'kind' | 'resourceId' | 'orgId'>): string {
  return x.kind === 'mediator' ? mediatorCalendarId(x.resourceId) : roomsCalendarId(x.orgId);
}

/**
 * The calendar writes that go with a step's claims and releases, on the calendars read in the step's
 * transaction. Throws SLOT_TAKEN when a calendar already holds a slot claimed here (and not released by this
 * same step). The calendar is the guard against double booking: two steps claiming one slot both write its
 * calendar, and the second loses (a transaction conflict, then on its next pass it sees the slot taken).
 */
async function calendarChanges(cals: StepCalendars, claims: Claim[], releases: Release[], now: string): Promise<CasWrite[]> {
  const changes = new Map<string, { add: ClaimedSlot[]; remove: Array<{ startAt: string; roomId?: string }> }>();
  const of = (id: string) => changes.get(id) ?? changes.set(id, { add: [], remove: [] }).get(id)!;
  for (const r of releases) of(calendarIdOf(r)).remove.push({ startAt: r.startAt, ...(r.kind === 'room' ? { roomId: r.resourceId } : {}) });
  for (const d of claims) of(calendarIdOf(d)).add.push({ startAt: d.startAt, bookingId: d.bookingId, caseId: d.caseId, ...(d.kind === 'room' ? { roomId: d.resourceId } : {}) });
  const ids = [...changes.keys()];
  const loaded = await cals.get(ids);
  return ids.map((id, i) => {
    const cal = loaded[i];
    const change = changes.get(id)!;
    const freed = new Set(change.remove.map((x) => claimKey(x.startAt, x.roomId)));
    const held = new Set(cal.doc.claimed.map((x) => claimKey(x.startAt, x.roomId)).filter((k) => !freed.has(k)));
    if (change.add.some((x) => held.has(claimKey(x.startAt, x.roomId)))) throw slotTaken();
    return calendarWrite(cal, { ...change, from: cals.from, now });
  });
}

/**
 * One booking step on a case (see the file comment). Everything is read inside the step's transaction: the
 * case, the caller's record (staff only: a party is proven by the case itself) and the calendars.
 */
async function bookingStep<R extends object>(
  ctx: Ctx,
  caseId: string,
  payload: unknown,
  plan: (doc: CaseDoc, caller: Caller, dir: Directory, cals: StepCalendars) => Promise<Plan<R>>,
): Promise<CaseStepResult & R> {
  const { db } = ctx.deps;
  const now = ctx.now.toISOString();
  const step = () =>
    caseStep(ctx, {
      caseId,
      payload,
      progress: progressNotices,
      load: async (tx) => {
        const [doc, dir] = await Promise.all([tx.get<CaseDoc>(CASES, caseId), loadDirectory(db)]);
        if (!doc) throw AppError.of('NOT_FOUND');
        // A party is one by the case itself (their roles decide nothing for them); staff roles are read live.
        const party = doc.case.parties.some((p) => p.userId && p.userId === ctx.openid);
        const user = party ? undefined : await tx.get<{ name?: string; roles?: Caller['roles'] }>('users', ctx.openid);
        const caller: Caller = party ? { openid: ctx.openid, roles: [] } : { openid: ctx.openid, name: user?.name, roles: user?.roles ?? [] };
        return { doc, dir, scope: caller };
      },
      plan: async (doc, dir, caller, tx) => {
        const cals = new StepCalendars(tx, calendarFrom(now));
        const p = await plan(doc!, caller, dir, cals);
        const decided = decide(doc!.case, p.commands, dir, ctx.now) as { state: Case; events: CaseEvent[] };
        // Taken already (seen on the calendar, which changes with the claims): no need to try.
        const calendarWrites = await calendarChanges(cals, p.claims, p.releases, now);
        return {
          decided,
          actorName: caller.name,
          fields: { bookings: p.bookings },
          writes: () => calendarWrites,
          notices: (state) => p.notices(state),
          texts: p.texts,
          audit: p.audit,
          answer: (state, underReview) => ({ ...stepResult(state, dir, underReview), ...p.result }) as CaseStepResult & R,
        };
      },
    });
  for (let rebuilt = 0; ; rebuilt++) {
    try {
      return (await step()).answer;
    } catch (e) {
      if (!(e instanceof CalendarsToRebuild)) throw e;
      // Rebuilt and saved by the read path's own means; a calendar still stale after that counts as a lost race.
      if (rebuilt >= 1) throw AppError.of('CONFLICT');
      await saveRebuilt(db, (await loadCalendars(db, e.ids, calendarFrom(now))).values(), now);
    }
  }
}

function bookingIdFor(ctx: Ctx, caseId: string): string {
  return `b${createHash('sha256').update(`${caseId}\u0000${ctx.openid}\u0000${ctx.requestId}`).digest('hex').slice(0, 20)}`;
}

function claimsOf(b: Booking): Claim[] {
  const base = { orgId: b.orgId, startAt: b.startAt, bookingId: b.bookingId, caseId: b.caseId };
  return [{ ...base, kind: 'mediator', resourceId: b.mediatorId }, ...(b.roomId ? [{ ...base, kind: 'room' as const, resourceId: b.roomId }] : [])];
}

function releasesOf(b: Booking): Release[] {
  const base = { orgId: b.orgId, startAt: b.startAt };
  return [{ ...base, kind: 'mediator', resourceId: b.mediatorId }, ...(b.roomId ? [{ ...base, kind: 'room' as const, resourceId: b.roomId }] : [])];
}

function findBooking(doc: CaseDoc, bookingId: string): Booking {
  const b = bookingsOf(doc).find((x) => x.bookingId === bookingId);
  if (!b) throw new AppError('BOOKING_NOT_FOUND', '没有找到该预约');
  return b;
}

function replaceBooking(list: Booking[], next: Booking): Booking[] {
  return list.map((b) => (b.bookingId === next.bookingId ? next : b));
}

/** Notices to everyone on the case but the one acting: the other parties with an account, and the mediator. */
function noticesTo(c: Case, except: string, phrase: string, message: string): Outgoing[] {
  const to = [...c.parties.map((p) => p.userId), c.mediatorId].filter((u): u is string => Boolean(u) && u !== except);
  return [...new Set(to)].map((touser) => ({ touser, template: 'case_progress' as const, caseId: c.caseId, phrase, message }));
}

/**
 * The slot check for a new booking: the mediator's hours, the room (given, or the first free one), and
 * whether the case could be scheduled then at all (the domain's `schedule_session`, tried as if every
 * party had confirmed).
 */
async function newBooking(
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
  // The mediator's calendar (and the organisation's rooms, when the session needs one) in one read.
  const [mediatorCal, roomsCal] = needsRoom(spec.mode) ? await cals.both(c.mediatorId, c.responsibleOrgId) : [await cals.mediator(c.mediatorId), undefined];
  const problem = slotProblem(spec.startAt, mediatorCal.doc, dir.settings.calendar, SLOT_RULES, now);
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

function bookingSummary(b: Booking) {
  return { bookingId: b.bookingId, startAt: b.startAt, mode: b.mode, ...(b.roomId ? { roomId: b.roomId } : {}), nonPublic: b.nonPublic };
}

/** If every party has confirmed, the booking is confirmed and the case scheduled for it (by whoever confirmed last). */
function scheduleIfConfirmed(c: Case, b: Booking, actor: Actor): { booking: Booking; commands: Plan['commands'] } {
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

function when(b: Booking): string {
  return `${formatChinaTime(b.startAt)}（${SESSION_MODE_LABEL[b.mode]}）`;
}

// ---- actions ---------------------------------------------------------------------------------------

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
      texts: [{ kind: 'booking_note', field: 'note', text: input.note }],
    };
  });
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
      texts: [{ kind: 'reschedule_reason', field: 'reason', text: input.reason }],
    };
  });
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
      texts: [{ kind: 'cancel_reason', field: 'reason', text: input.reason }],
    };
  });
}

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

// ---- reads -----------------------------------------------------------------------------------------

/** How a reader sees a booking's free text: withheld while held for review and not theirs (held-text.ts). */
interface TextRule {
  withheld: (text: string | undefined) => boolean;
  underReview: (text: string | undefined) => boolean;
}

/** The one who just wrote the text sees it as written (a step's own answer). */
const ASIS: TextRule = { withheld: () => false, underReview: () => false };

function bookingView(b: Booking, c: Case, dir: Directory, rooms: CalendarRoom[], me?: string, text: TextRule = ASIS): BookingView {
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
  const [doc, dir] = await Promise.all([loadCaseDoc(db, input.caseId), loadDirectory(db)]);
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
 * Bookable slots for a case: the case mediator's open hours, minus the slots claimed; for a session in a
 * room, only slots with a room of the organisation open and free. Two reads for a party: the case, then the
 * calendars (the mediator's and the organisation's rooms, one query by ids). Staff add the read of their own
 * record (their roles decide whether they work the case); a party's relation is on the case itself.
 */
export async function slots(input: TSlotsInput, ctx: Ctx): Promise<SlotsAnswer> {
  const { db } = ctx.deps;
  const [doc, dir] = await Promise.all([loadCaseDoc(db, input.caseId), loadDirectory(db)]);
  if (!doc) throw AppError.of('NOT_FOUND');
  const c = doc.case;
  const party = c.parties.some((p) => p.userId && p.userId === ctx.openid);
  const now = ctx.now.toISOString();
  const ids = c.mediatorId ? [mediatorCalendarId(c.mediatorId), ...(needsRoom(input.mode) ? [roomsCalendarId(c.responsibleOrgId)] : [])] : [];
  const [caller, cals] = await Promise.all([
    party ? Promise.resolve<Caller>({ openid: ctx.openid, roles: [] }) : loadCaller(db, ctx.openid),
    loadCalendars(db, ids, calendarFrom(now)),
  ]);
  const relation = relationTo(caller, c, dir);
  if (!relation) throw AppError.of('NOT_FOUND');
  if (relation !== 'party' && relation !== 'staff') throw AppError.of('FORBIDDEN');
  if (!c.mediatorId) throw new AppError('MEDIATOR_REQUIRED', '本案尚未指派调解员，暂不能预约');
  await saveRebuilt(db, cals.values(), now);
  const fromDate = input.from ?? chinaDateOf(now);
  const range = { from: startOfChinaDay(fromDate), to: startOfChinaDay(addCalendarDays(fromDate, input.days)) };
  const mediator = cals.get(mediatorCalendarId(c.mediatorId))!.doc as MediatorCalendar;
  const roomsCal = needsRoom(input.mode) ? (cals.get(roomsCalendarId(c.responsibleOrgId))!.doc as RoomsCalendar) : undefined;
  const starts = openSlots(mediator, dir.settings.calendar, SLOT_RULES, now, range);
  const active: CalendarRoom[] = (roomsCal?.rooms ?? []).filter((r) => r.active);
  const busy = new Set(mediator.claimed.map((x) => x.startAt));
  const roomBusy = new Set((roomsCal?.claimed ?? []).map((x) => claimKey(x.startAt, x.roomId)));
  const out: SlotView[] = [];
  for (const at of starts) {
    if (busy.has(at)) continue;
    const view: SlotView = { startAt: at, endAt: slotEnd(at, SLOT_RULES), label: formatChinaTime(at) };
    if (roomsCal) {
      const free = active.filter((r) => !roomBusy.has(claimKey(at, r._id)) && !slotProblem(at, roomAvailability(r), dir.settings.calendar, SLOT_RULES, now));
      if (free.length === 0) continue;
      view.rooms = free.map((r) => ({ roomId: r._id, name: r.name }));
    }
    out.push(view);
  }
  return { caseId: c.caseId, mediatorName: mediator.name ?? '调解员', slotMinutes: SLOT_RULES.slotMinutes, mode: input.mode, slots: out };
}
