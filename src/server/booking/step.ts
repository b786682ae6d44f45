// The booking step every booking verb is a plan over (book.ts, change.ts, record.ts), and what they share. It is
// the case step pipeline (cases/pipeline.ts) with the calendars added. Every step runs in ONE transaction: read the case (and,
// for staff, the caller's record) → answer a replay → decide (the case's own commands through the domain) →
// read the calendars the booking takes slots on → save the case, its bookings, the calendars, the audit entries
// and the notices. The calendars are the guard against double booking: a slot is on its calendar or not, and two
// steps claiming one slot both write that calendar, so the second loses its transaction and, on its next pass,
// ends as SLOT_TAKEN. A calendar a step only gives slots back to (a cancel) is not read, only updated: 6 requests
// for a party, 7 for staff, in a room or not. Claiming costs the calendar's read and write: a party's booking or
// move 7; staff add their record (8), a session in a room the rooms calendar (9 for a party, 10 for staff: over
// the budget of 8, the rooms calendar being a document of its own).
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
import { CALENDARS, calendarFrom, calendarWrite, loadCalendars, mediatorCalendarId, roomsCalendarId, saveRebuilt, type Calendar, type ClaimDoc, type ClaimedSlot, type LoadedCalendar, type MediatorCalendar, type RoomsCalendar } from './resources';
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

/** A slot a booking takes, on its mediator's calendar or its organisation's rooms calendar. */
type Claim = Pick<ClaimDoc, 'kind' | 'resourceId' | 'orgId' | 'startAt' | 'bookingId' | 'caseId'>;

/** A slot a booking gives back. */
type Release = Pick<ClaimDoc, 'kind' | 'resourceId' | 'orgId' | 'startAt'>;

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
export class StepCalendars {
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

export const claimKey = (startAt: string, roomId?: string) => `${roomId ?? ''}|${startAt}`;

function calendarIdOf(x: Pick<ClaimDoc, 'kind' | 'resourceId' | 'orgId'>): string {
  return x.kind === 'mediator' ? mediatorCalendarId(x.resourceId) : roomsCalendarId(x.orgId);
}

/**
 * The calendar writes that go with a step's claims and releases, on the calendars read in the step's
 * transaction. Throws SLOT_TAKEN when a calendar already holds a slot claimed here (and not released by this
 * same step). The calendar is the guard against double booking: two steps claiming one slot both write its
 * calendar, and the second loses (a transaction conflict, then on its next pass it sees the slot taken).
 * A calendar the step only gives slots back to is not read: the slots are pulled from it in the same
 * transaction (an `Update`), its version moved on, so a rebuild or a claim decided on it before loses as ever (a
 * stale calendar's claims are current, so pulling from it is right; a missing one is built first, as on a read).
 */
async function calendarChanges(cals: StepCalendars, _: Database['command'], claims: Claim[], releases: Release[], now: string): Promise<{ writes: CasWrite[]; updates: Update[] }> {
  const changes = new Map<string, { add: ClaimedSlot[]; remove: Array<{ startAt: string; roomId?: string }> }>();
  const of = (id: string) => changes.get(id) ?? changes.set(id, { add: [], remove: [] }).get(id)!;
  for (const r of releases) of(calendarIdOf(r)).remove.push({ startAt: r.startAt, ...(r.kind === 'room' ? { roomId: r.resourceId } : {}) });
  for (const d of claims) of(calendarIdOf(d)).add.push({ startAt: d.startAt, bookingId: d.bookingId, caseId: d.caseId, ...(d.kind === 'room' ? { roomId: d.resourceId } : {}) });
  const updates: Update[] = [];
  for (const [id, change] of changes) {
    const pulled = releaseOnly(_, change);
    if (!pulled) continue;
    // A calendar never written yet is built first (from the legacy claims, which still hold these slots), as
    // when it is read: then this pass runs again and updates it.
    updates.push({ collection: CALENDARS, id, data: { claimed: pulled, updatedAt: now, version: _.inc(1) }, whenMissing: () => new CalendarsToRebuild([id]) });
    changes.delete(id);
  }
  const ids = [...changes.keys()];
  const loaded = await cals.get(ids);
  const writes = ids.map((id, i) => {
    const cal = loaded[i];
    const change = changes.get(id)!;
    const freed = new Set(change.remove.map((x) => claimKey(x.startAt, x.roomId)));
    const held = new Set(cal.doc.claimed.map((x) => claimKey(x.startAt, x.roomId)).filter((k) => !freed.has(k)));
    if (change.add.some((x) => held.has(claimKey(x.startAt, x.roomId)))) throw slotTaken();
    return calendarWrite(cal, { ...change, from: cals.from, now });
  });
  return { writes, updates };
}

/**
 * The `_.pull` that gives back a calendar's slots when the step claims nothing on it, matching exactly what
 * `calendarWrite` removes (a claim's room and time; a mediator's claims have no room); undefined otherwise.
 */
function releaseOnly(_: Database['command'], change: { add: ClaimedSlot[]; remove: Array<{ startAt: string; roomId?: string }> }): unknown {
  if (change.add.length || !change.remove.length) return undefined;
  if (change.remove.every((r) => r.roomId === undefined)) return _.pull({ startAt: _.in(change.remove.map((r) => r.startAt)) });
  if (change.remove.length === 1) return _.pull({ startAt: change.remove[0].startAt, roomId: change.remove[0].roomId });
  return undefined;
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
        const cals = new StepCalendars(tx, calendarFrom(now));
        const p = await plan(doc!, caller, dir, cals);
        const decided = decide(doc!.case, p.commands, dir, ctx.now) as { state: Case; events: CaseEvent[] };
        // Taken already (seen on the calendar, which changes with the claims): no need to try.
        const calendar = await calendarChanges(cals, db.command, p.claims, p.releases, now);
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

export function bookingIdFor(ctx: Ctx, caseId: string): string {
  return `b${createHash('sha256').update(`${caseId}\u0000${ctx.openid}\u0000${ctx.requestId}`).digest('hex').slice(0, 20)}`;
}

export function claimsOf(b: Booking): Claim[] {
  const base = { orgId: b.orgId, startAt: b.startAt, bookingId: b.bookingId, caseId: b.caseId };
  return [{ ...base, kind: 'mediator', resourceId: b.mediatorId }, ...(b.roomId ? [{ ...base, kind: 'room' as const, resourceId: b.roomId }] : [])];
}

export function releasesOf(b: Booking): Release[] {
  const base = { orgId: b.orgId, startAt: b.startAt };
  return [{ ...base, kind: 'mediator', resourceId: b.mediatorId }, ...(b.roomId ? [{ ...base, kind: 'room' as const, resourceId: b.roomId }] : [])];
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
