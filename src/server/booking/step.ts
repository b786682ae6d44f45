// The booking step every booking verb is a plan over (book.ts, change.ts, record.ts), and what they share. It is
// the case step pipeline (cases/pipeline.ts) with the calendars added. Every step runs in ONE transaction: read the case (and,
// for staff, the caller's record) → answer a replay → decide (the case's own commands through the domain) →
// read the calendars the booking takes slots on → save the case, its bookings, the calendars, the audit entries
// and the notices. The calendars are the guard against double booking: a slot is on its calendar or not, and two
// steps claiming one slot both write that calendar, so the second loses its transaction and, on its next pass,
// ends as SLOT_TAKEN. A mediator of one organisation is held by its calendar, beside its rooms (resources.ts), so
// claiming costs one calendar's read and write, in a room or not: a party's booking or move 7 requests, staff 8
// (their record). A calendar a step only gives slots back to (a cancel) is not read, only updated: the
// organisation's and the mediator's, 7 for a party, 8 for staff. A mediator with a calendar of their own (they
// mediate for several organisations) adds it to a session in a room (9 for a party, 10 for staff) and, read
// after the organisation's, to staff on their behalf (9).
import { createHash } from 'node:crypto';
import type { CaseCommand } from '../../domain/case/commands';
import type { Actor } from '../../domain/case/context';
import type { Case } from '../../domain/case/model';
import type { CaseEvent } from '../../domain/case/events';
import { SESSION_MODE_LABEL } from '../../domain/case/labels';
import { type Booking } from '../../domain/booking/booking';
import { formatChinaTime } from '../../domain/shared/time';
import { AppError } from '../kernel/errors';
import type { ServerDeps } from '../kernel/function';
import type { RequestContext } from '../kernel/route';
import type { CasWrite, StepTx, Update } from '../kernel/unit-of-work';
import type { Database } from '../kernel/platform';
import { actingOrgFor, relationTo } from '../cases/access';
import { actorAt, type Caller } from '../cases/caller';
import { loadDirectory, type Directory } from '../cases/org-cache';
import { CASES, type CaseDoc, type Outgoing, type ReadCaseDoc, type ServerEventType } from '../cases/store';
import { caseStep, decide } from '../cases/pipeline';
import { progressNotices, stepResult } from '../cases/steps';
import { CALENDARS, calendarFrom, calendarWrite, loadCalendars, mediatorCalendarId, mediatorView, roomsCalendarId, saveRebuilt, slotKey, unhomeMediator, type Calendar, type ClaimDoc, type ClaimedSlot, type LoadedCalendar, type MediatorCalendar, type RoomsCalendar } from './resources';
import type { CaseStepResult, Relation } from '../case/case.types';
import type { TextToCheck } from '../cases/text-screen';

export type { BookingView, SlotView } from './booking.types';

export type Ctx = RequestContext<ServerDeps>;

export const SLOT_TAKEN_MESSAGE = '该时段已被预约，请选择其他时间';

export const slotTaken = () => new AppError('SLOT_TAKEN', SLOT_TAKEN_MESSAGE);

/** The bookings of a case live on the case document, beside the domain state. */
type BookingCaseDoc = ReadCaseDoc & { bookings?: Booking[] };

export function bookingsOf(doc: ReadCaseDoc): Booking[] {
  return (doc as BookingCaseDoc).bookings ?? [];
}

/** Who acts: a party for themselves, or staff of the organisation working the case. */
export interface Acting {
  caller: Caller;
  actor: Actor;
  relation: Relation;
  partyId?: string;
  staff: boolean;
}

export function acting(caller: Caller, doc: CaseDoc, dir: Directory, staffRoles: Array<'director' | 'mediator' | 'intake'>): Acting {
  const relation = relationTo(caller, doc.case, dir);
  if (!relation) throw AppError.of('NOT_FOUND');
  const party = doc.case.parties.find((p) => p.userId === caller.openid);
  if (party) return { caller, actor: actorAt(caller), relation, partyId: party.partyId, staff: false };
  const orgId = relation === 'staff' ? actingOrgFor(caller, doc.case, dir, staffRoles) : undefined;
  if (!orgId) throw AppError.of('FORBIDDEN');
  return { caller, actor: actorAt(caller, orgId), relation, staff: true };
}

export const STAFF: Array<'director' | 'mediator' | 'intake'> = ['director', 'mediator', 'intake'];

/** A slot a booking takes: its mediator's, or its room's. */
type Claim = Pick<ClaimDoc, 'kind' | 'resourceId' | 'orgId' | 'startAt' | 'bookingId' | 'caseId'>;

/** A booking whose slots are given back: all it holds, on its organisation's calendar or its mediator's. */
type Release = Pick<Booking, 'bookingId' | 'mediatorId' | 'orgId' | 'roomId'>;

/** What one booking step changes, decided on the loaded case; `result` is added to the step's answer. */
export interface Plan<R extends object = object> {
  bookings: Booking[];
  /** Case commands, run in order through the domain. */
  commands: Array<{ actor: Actor; command: CaseCommand }>;
  claims: Claim[];
  releases: Release[];
  audit: Array<{ type: ServerEventType; data: Record<string, unknown> }>;
  notices: (state: Case) => Outgoing[];
  result: R;
}

/**
 * Calendars a step needs that are missing or stale: rebuilt outside the transaction (queries), then the step runs
 * again; or a mediator to move back to a calendar of their own (`unhome`) first.
 */
class CalendarsToRebuild extends Error {
  constructor(
    readonly ids: string[],
    readonly unhome?: string,
  ) {
    super(`calendars to rebuild: ${ids.join(', ')}${unhome ? `; ${unhome} to move back to their own` : ''}`);
  }
}

/** Where a mediator's slots are for a booking of an organisation: the calendar's id, and their calendar as read. */
export interface Placed {
  mediator: MediatorCalendar;
  calendarId: string;
  /** The organisation's calendar, when it was read. */
  org?: LoadedCalendar<RoomsCalendar>;
}

/**
 * The calendars one step reads, inside its transaction, each once (and the ones it changes written back from
 * these, compared on the version read there).
 */
export class StepCalendars {
  private readonly loaded = new Map<string, LoadedCalendar>();
  private readonly placed = new Map<string, string>();
  constructor(
    private readonly tx: StepTx,
    readonly from: string,
    /** A mediator likely to keep a calendar of their own (they mediate for several organisations): read that first. */
    private readonly ownFirst: (mediatorId: string) => boolean = () => false,
  ) {}

  async get(ids: string[]): Promise<LoadedCalendar[]> {
    const missing = [...new Set(ids)].filter((id) => !this.loaded.has(id));
    const docs = await Promise.all(missing.map((id) => this.tx.get<Calendar>(CALENDARS, id)));
    const rebuild = missing.filter((_id, i) => !docs[i] || docs[i]!.stale);
    if (rebuild.length) throw new CalendarsToRebuild(rebuild);
    missing.forEach((id, i) => this.loaded.set(id, { doc: docs[i]!, expectVersion: docs[i]!.version ?? 0 }));
    return ids.map((id) => this.loaded.get(id)!);
  }

  /**
   * The mediator's calendar for a booking of `orgId` (and, for a session in a room, the organisation's): one
   * document when the organisation's calendar holds the mediator's, two otherwise. The organisation's is read
   * first (it holds most mediators), the mediator's own first for one likely to keep it (never for a room).
   */
  async place(mediatorId: string, orgId: string, room: boolean): Promise<Placed> {
    const ownId = mediatorCalendarId(mediatorId);
    if (!room && this.ownFirst(mediatorId)) {
      const own = mediatorView((await this.get([ownId]))[0].doc, mediatorId);
      if (own) return this.remember(mediatorId, orgId, { mediator: own, calendarId: ownId });
    }
    const org = (await this.get([roomsCalendarId(orgId)]))[0] as LoadedCalendar<RoomsCalendar>;
    const held = mediatorView(org.doc, mediatorId);
    if (held) return this.remember(mediatorId, orgId, { mediator: held, calendarId: org.doc._id, org });
    const own = mediatorView((await this.get([ownId]))[0].doc, mediatorId);
    // Held by another organisation's calendar: back to their own first (a slot given back is then found).
    if (!own) throw new CalendarsToRebuild([], mediatorId);
    return this.remember(mediatorId, orgId, { mediator: own, calendarId: ownId, org });
  }

  private remember(mediatorId: string, orgId: string, p: Placed): Placed {
    this.placed.set(`${mediatorId}\u0000${orgId}`, p.calendarId);
    return p;
  }

  /** Where `place` found the mediator's slots for this organisation in this step, if it was asked. */
  placedAt(mediatorId: string, orgId: string): string | undefined {
    return this.placed.get(`${mediatorId}\u0000${orgId}`);
  }

  /** A calendar read in this step. */
  read(id: string): LoadedCalendar | undefined {
    return this.loaded.get(id);
  }
}

/**
 * The calendar writes that go with a step's claims and releases, on the calendars read in the step's
 * transaction. Throws SLOT_TAKEN when a calendar already holds a slot claimed here (and not given back by this
 * same step). The calendar is the guard against double booking: two steps claiming one slot both write its
 * calendar, and the second loses (a transaction conflict, then on its next pass it sees the slot taken).
 * A calendar the step only gives slots back to and did not read is not read: the booking's slots are pulled from
 * it in the same transaction (an `Update`), its version moved on, so a rebuild or a claim decided on it before
 * loses as ever (a stale calendar's slots are current, so pulling from it is right; a missing one is built first,
 * as on a read). Where a booking's slots are: its organisation's calendar, or its mediator's (the section comment
 * in resources.ts); both, unless this step found which.
 */
function calendarChanges(cals: StepCalendars, _: Database['command'], claims: Claim[], releases: Release[], now: string): { writes: CasWrite[]; updates: Update[] } {
  const changes = new Map<string, { add: ClaimedSlot[]; remove: string[] }>();
  const of = (id: string) => changes.get(id) ?? changes.set(id, { add: [], remove: [] }).get(id)!;
  for (const r of releases) {
    const orgCal = roomsCalendarId(r.orgId);
    const at = cals.placedAt(r.mediatorId, r.orgId);
    const where = at ? [at, ...(r.roomId ? [orgCal] : [])] : [orgCal, mediatorCalendarId(r.mediatorId)];
    for (const id of new Set(where)) of(id).remove.push(r.bookingId);
  }
  for (const d of claims) {
    const slot = { startAt: d.startAt, bookingId: d.bookingId, caseId: d.caseId, orgId: d.orgId };
    if (d.kind === 'room') {
      of(roomsCalendarId(d.orgId)).add.push({ ...slot, roomId: d.resourceId });
      continue;
    }
    const at = cals.placedAt(d.resourceId, d.orgId);
    if (!at) throw new Error(`booking step: a claim for ${d.resourceId} on a calendar not placed in this step`);
    of(at).add.push(at.startsWith('rooms:') ? { ...slot, mediatorId: d.resourceId } : slot);
  }
  const updates: Update[] = [];
  const writes: CasWrite[] = [];
  for (const [id, change] of changes) {
    const cal = cals.read(id);
    if (!cal) {
      // Given back only, and not read: pulled. A calendar never written yet is built first (from the legacy
      // claims, which still hold these slots), as when it is read: then this pass runs again and updates it.
      if (change.add.length) throw new Error(`booking step: a claim on calendar ${id}, not read in this step`);
      updates.push({ collection: CALENDARS, id, data: { claimed: _.pull({ bookingId: _.in(change.remove) }), updatedAt: now, version: _.inc(1) }, whenMissing: () => new CalendarsToRebuild([id]) });
      continue;
    }
    const freed = new Set(change.remove);
    const times = new Set(change.add.map((x) => x.startAt));
    const held = new Set(cal.doc.claimed.filter((x) => times.has(x.startAt) && !freed.has(x.bookingId)).map(slotKey));
    if (change.add.some((x) => held.has(slotKey(x)))) throw slotTaken();
    writes.push(calendarWrite(cal, { ...change, from: cals.from, now }));
  }
  return { writes, updates };
}

/**
 * One booking step on a case (see the file comment). Everything is read inside the step's transaction: the
 * case, the caller's record (staff only: a party is proven by the case itself) and the calendars.
 */
export async function bookingStep<R extends object>(
  ctx: Ctx,
  caseId: string,
  payload: unknown,
  plan: (doc: CaseDoc, caller: Caller, dir: Directory, cals: StepCalendars) => Promise<Plan<R>>,
  /** Free text from the input others will read (a note, a reason): the content check (text-screen.ts). */
  texts?: TextToCheck[],
): Promise<CaseStepResult & R> {
  const { db } = ctx.deps;
  const now = ctx.now.toISOString();
  const step = () =>
    caseStep(ctx, {
      caseId,
      payload,
      texts,
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
        // Staff who mediate for several organisations likely keep a calendar of their own (resources.ts).
        const mediatesAt = new Set(caller.roles.filter((g) => g.role === 'mediator').map((g) => g.orgId));
        const cals = new StepCalendars(tx, calendarFrom(now), (m) => m === caller.openid && mediatesAt.size > 1);
        const p = await plan(doc!, caller, dir, cals);
        const decided = decide(doc!.case, p.commands, dir, ctx.now) as { state: Case; events: CaseEvent[] };
        // Taken already (seen on the calendar, which changes with the claims): no need to try.
        const calendar = calendarChanges(cals, db.command, p.claims, p.releases, now);
        return {
          decided,
          actorName: caller.name,
          fields: { bookings: p.bookings },
          writes: () => calendar.writes,
          updates: calendar.updates,
          notices: (state) => p.notices(state),
          audit: p.audit,
          answer: (state, underReview) => ({ ...stepResult(state, dir, underReview), ...p.result }) as CaseStepResult & R,
        };
      },
    });
  // A step may meet, one after another, an organisation's calendar and a mediator's to build, and a mediator to
  // move back to their own: three rounds at most; a calendar still stale after that counts as a lost race.
  for (let rebuilt = 0; ; rebuilt++) {
    try {
      return (await step()).answer;
    } catch (e) {
      if (!(e instanceof CalendarsToRebuild)) throw e;
      if (rebuilt >= 3) throw AppError.of('CONFLICT');
      if (e.unhome) await unhomeMediator(db, e.unhome, now);
      // Rebuilt and saved by the read path's own means.
      if (e.ids.length) await saveRebuilt(db, (await loadCalendars(db, e.ids, calendarFrom(now))).values(), now);
    }
  }
}

export function bookingIdFor(ctx: Ctx, caseId: string): string {
  return `b${createHash('sha256').update(`${caseId}\u0000${ctx.openid}\u0000${ctx.requestId}`).digest('hex').slice(0, 20)}`;
}

export function claimsOf(b: Booking): Claim[] {
  const base = { orgId: b.orgId, startAt: b.startAt, bookingId: b.bookingId, caseId: b.caseId };
  return [{ ...base, kind: 'mediator', resourceId: b.mediatorId }, ...(b.roomId ? [{ ...base, kind: 'room' as const, resourceId: b.roomId }] : [])];
}

export function releasesOf(b: Booking): Release[] {
  return [{ bookingId: b.bookingId, mediatorId: b.mediatorId, orgId: b.orgId, ...(b.roomId ? { roomId: b.roomId } : {}) }];
}

export function findBooking(doc: CaseDoc, bookingId: string): Booking {
  const b = bookingsOf(doc).find((x) => x.bookingId === bookingId);
  if (!b) throw new AppError('BOOKING_NOT_FOUND', '没有找到该预约');
  return b;
}

export function replaceBooking(list: Booking[], next: Booking): Booking[] {
  return list.map((b) => (b.bookingId === next.bookingId ? next : b));
}

/** Notices to everyone on the case but the one acting: the other parties with an account, and the mediator. */
export function noticesTo(c: Case, except: string, phrase: string, message: string): Outgoing[] {
  const to = [...c.parties.map((p) => p.userId), c.mediatorId].filter((u): u is string => Boolean(u) && u !== except);
  return [...new Set(to)].map((touser) => ({ touser, template: 'case_progress' as const, caseId: c.caseId, phrase, message }));
}

export function bookingSummary(b: Booking) {
  return { bookingId: b.bookingId, startAt: b.startAt, mode: b.mode, ...(b.roomId ? { roomId: b.roomId } : {}), nonPublic: b.nonPublic };
}

export function when(b: Booking): string {
  return `${formatChinaTime(b.startAt)}（${SESSION_MODE_LABEL[b.mode]}）`;
}

// ---- actions ---------------------------------------------------------------------------------------

// ---- reads -----------------------------------------------------------------------------------------
