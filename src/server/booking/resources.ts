// What can be booked: an organisation's mediation rooms (with opening hours and dated exceptions) and each
// mediator's weekly hours with exceptions; and the claims already made on them.
import { createHash } from 'node:crypto';
import { isInSubtree } from '../../domain/org/tree';
import { DEFAULT_SLOT_RULES, validateAvailability, type Availability, type AvailabilityException, type WeeklyWindow } from '../../domain/booking/slots';
import { getDoc, queryDocs, readAllPages } from '../kernel/db';
import { AppError } from '../kernel/errors';
import type { ServerDeps } from '../kernel/function';
import type { Database } from '../kernel/platform';
import type { RequestContext } from '../kernel/route';
import { commit, type CasWrite } from '../kernel/unit-of-work';
import { loadCaller, type Caller } from '../cases/caller';
import { loadDirectory, type Directory } from '../cases/org-cache';
import { hashPayload, requestKey, retryOnLostRace } from '../cases/store';
import type { TSetAvailabilityInput, TSetRoomInput } from './schemas';
import type { MediatorHours, MediatorHoursView, RoomList, RoomView } from './booking.types';

type Ctx = RequestContext<ServerDeps>;

export const ROOMS = 'rooms';
export const AVAILABILITY = 'availability';
export const SLOT_CLAIMS = 'slot_claims';

export const SLOT_RULES = DEFAULT_SLOT_RULES;

export interface RoomDoc {
  _id: string;
  version?: number;
  orgId: string;
  name: string;
  capacity: number;
  /** Where it is (a party's 导航); older rooms have none. */
  address?: string;
  latitude?: number;
  longitude?: number;
  /** Opening hours (China local time). */
  hours: WeeklyWindow[];
  exceptions: AvailabilityException[];
  active: boolean;
  updatedAt?: string;
  updatedBy?: string;
  lastRequest?: { key: string; payloadHash: string };
}

export interface AvailabilityDoc {
  _id: string;
  version?: number;
  weekly: WeeklyWindow[];
  exceptions: AvailabilityException[];
  updatedAt?: string;
  updatedBy?: string;
  lastRequest?: { key: string; payloadHash: string };
}

/**
 * One slot held by one booking, as written before calendars held the claims (legacy: read only to build a missing
 * calendar): `_id` is `mediator:<openid>:<start>` or `room:<roomId>:<start>`.
 */
export interface ClaimDoc {
  _id: string;
  kind: 'mediator' | 'room';
  resourceId: string;
  orgId: string;
  startAt: string;
  endAt: string;
  bookingId: string;
  caseId: string;
  createdAt: string;
}

export function roomAvailability(r: Pick<RoomDoc, 'hours' | 'exceptions'>): Availability {
  return { weekly: r.hours, exceptions: r.exceptions };
}

export async function roomsOf(db: Database, orgId: string): Promise<RoomDoc[]> {
  const rooms = await queryDocs<RoomDoc>(db.collection(ROOMS).where({ orgId }).limit(100));
  return rooms.sort((a, b) => a._id.localeCompare(b._id));
}

/** A mediator's hours: set in the app, else the weekly hours the deployment gave them, else none. */
export async function mediatorAvailability(db: Database, mediatorId: string): Promise<Availability> {
  const doc = await getDoc<AvailabilityDoc>(db, AVAILABILITY, mediatorId);
  if (doc) return { weekly: doc.weekly, exceptions: doc.exceptions };
  const user = await getDoc<{ availability?: WeeklyWindow[] }>(db, 'users', mediatorId);
  return { weekly: user?.availability ?? [], exceptions: [] };
}

/** The claims on a set of resources between two instants. */
export async function claimsBetween(db: Database, kind: 'mediator' | 'room', resourceIds: string[], from: string, to: string): Promise<ClaimDoc[]> {
  if (resourceIds.length === 0) return [];
  const _ = db.command;
  return readAllPages<ClaimDoc>((skip, limit) =>
    db
      .collection(SLOT_CLAIMS)
      .where({ kind, resourceId: _.in(resourceIds), startAt: _.gte(from).and(_.lte(to)) })
      .orderBy('startAt', 'asc')
      .orderBy('_id', 'asc')
      .skip(skip)
      .limit(limit),
  );
}

// ---- calendars -------------------------------------------------------------------------------------
// What `booking.slots` reads: one document per mediator and one per organisation's rooms, holding the hours
// and the slots claimed from yesterday on. The calendars are where a slot is claimed: every booking step reads
// the calendars it claims on or releases from inside its transaction and writes them back there, so two steps
// after one slot both write one calendar and the second loses (the guard against double booking). Every change
// of hours or rooms rewrites the calendar in the same transaction too. A calendar marked stale (the deployment
// loader rewrote hours or rooms directly, a mediator took a new name) is rebuilt from the hours, rooms and name,
// keeping the slots it holds; a missing one (made before calendars existed) takes its slots from the legacy
// `slot_claims` documents, which steps no longer write.

export const CALENDARS = 'calendars';

/** A slot claimed on a calendar: the same facts as its claim document. */
export interface ClaimedSlot {
  startAt: string;
  bookingId: string;
  caseId: string;
  /** On a rooms calendar: which room. */
  roomId?: string;
}

export interface MediatorCalendar {
  _id: string;
  version?: number;
  kind: 'mediator';
  mediatorId: string;
  name?: string;
  weekly: WeeklyWindow[];
  exceptions: AvailabilityException[];
  claimed: ClaimedSlot[];
  stale?: boolean;
  updatedAt?: string;
}

export type CalendarRoom = Pick<RoomDoc, '_id' | 'orgId' | 'name' | 'capacity' | 'address' | 'latitude' | 'longitude' | 'hours' | 'exceptions' | 'active'>;

export interface RoomsCalendar {
  _id: string;
  version?: number;
  kind: 'rooms';
  orgId: string;
  rooms: CalendarRoom[];
  claimed: ClaimedSlot[];
  stale?: boolean;
  updatedAt?: string;
}

export type Calendar = MediatorCalendar | RoomsCalendar;

export const mediatorCalendarId = (mediatorId: string) => `mediator:${mediatorId}`;
export const roomsCalendarId = (orgId: string) => `rooms:${orgId}`;

/** The upper bound when reading a resource's claims into a calendar. */
const FAR_FUTURE = '9999-12-31T00:00:00.000Z';

function calendarRoom(r: RoomDoc): CalendarRoom {
  const { _id, orgId, name, capacity, address, latitude, longitude, hours, exceptions, active } = r;
  return { _id, orgId, name, capacity, ...(address !== undefined ? { address } : {}), ...(latitude !== undefined ? { latitude } : {}), ...(longitude !== undefined ? { longitude } : {}), hours, exceptions: exceptions ?? [], active };
}

const byStart = (a: ClaimedSlot, b: ClaimedSlot) => a.startAt.localeCompare(b.startAt) || (a.roomId ?? '').localeCompare(b.roomId ?? '');

/** Claims of a calendar being rebuilt: those it holds (a stale calendar's are current), else the legacy claims. */
function keptClaims(kept: ClaimedSlot[] | undefined, from: string): ClaimDoc[] | undefined {
  return kept?.filter((c) => c.startAt >= from).map((c) => ({ startAt: c.startAt, bookingId: c.bookingId, caseId: c.caseId, resourceId: c.roomId ?? '' }) as ClaimDoc);
}

/**
 * A mediator's calendar recomputed from the sources (hours, name; the claims it already held, or for a calendar
 * never written the legacy slot_claims from `from` on).
 */
export async function buildMediatorCalendar(db: Database, mediatorId: string, from: string, kept?: ClaimedSlot[]): Promise<MediatorCalendar> {
  const [avail, user, claims] = await Promise.all([
    getDoc<AvailabilityDoc>(db, AVAILABILITY, mediatorId),
    getDoc<{ name?: string; availability?: WeeklyWindow[] }>(db, 'users', mediatorId),
    keptClaims(kept, from) ?? claimsBetween(db, 'mediator', [mediatorId], from, FAR_FUTURE),
  ]);
  return {
    _id: mediatorCalendarId(mediatorId),
    kind: 'mediator',
    mediatorId,
    ...(user?.name ? { name: user.name } : {}),
    weekly: avail ? avail.weekly : user?.availability ?? [],
    exceptions: avail ? avail.exceptions ?? [] : [],
    claimed: claims.map((c) => ({ startAt: c.startAt, bookingId: c.bookingId, caseId: c.caseId })).sort(byStart),
  };
}

/** An organisation's rooms calendar recomputed from the sources (rooms; claims as for a mediator's). */
export async function buildRoomsCalendar(db: Database, orgId: string, from: string, kept?: ClaimedSlot[]): Promise<RoomsCalendar> {
  const rooms = await roomsOf(db, orgId);
  const claims = keptClaims(kept, from) ?? (await claimsBetween(db, 'room', rooms.map((r) => r._id), from, FAR_FUTURE));
  return {
    _id: roomsCalendarId(orgId),
    kind: 'rooms',
    orgId,
    rooms: rooms.map(calendarRoom),
    claimed: claims.map((c) => ({ startAt: c.startAt, bookingId: c.bookingId, caseId: c.caseId, roomId: c.resourceId })).sort(byStart),
  };
}

/** A calendar as loaded for a change: the document and the version to compare against (null: not there yet). */
export interface LoadedCalendar<C extends Calendar = Calendar> {
  doc: C;
  expectVersion: number | null;
  /** Rebuilt from the sources (it was missing or stale). */
  rebuilt?: boolean;
}

/**
 * The calendars with these ids, in one query; any missing or stale one rebuilt from the sources. `from`: claims
 * before it are dropped from rebuilt calendars.
 */
export async function loadCalendars(db: Database, ids: string[], from: string): Promise<Map<string, LoadedCalendar>> {
  const out = new Map<string, LoadedCalendar>();
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return out;
  const _ = db.command;
  const docs = await queryDocs<Calendar>(db.collection(CALENDARS).where({ _id: _.in(wanted) }).limit(wanted.length));
  const found = new Map(docs.map((d) => [d._id, d]));
  await Promise.all(
    wanted.map(async (id) => {
      const doc = found.get(id);
      const expectVersion = doc ? doc.version ?? 0 : null;
      if (doc && !doc.stale) return void out.set(id, { doc, expectVersion });
      const [kind, ...rest] = id.split(':');
      const key = rest.join(':');
      const kept = Array.isArray(doc?.claimed) ? doc.claimed : undefined;
      const built = kind === 'mediator' ? await buildMediatorCalendar(db, key, from, kept) : await buildRoomsCalendar(db, key, from, kept);
      out.set(id, { doc: built, expectVersion, rebuilt: true });
    }),
  );
  return out;
}

/**
 * A change to a calendar this step did not read first, made inside the transaction on the calendar read there:
 * `change` gives the new calendar (or throws). A missing or stale calendar is not rebuilt here (no queries in a
 * transaction): it is written back marked stale, rebuilt from the sources (which this transaction changes) when
 * next needed. Written all the same, so its version moves: a rebuild made from claims read before this
 * transaction, saved compared on the old version, then loses instead of hiding this change.
 */
export function calendarDerive(id: string, change: (c: LoadedCalendar) => CasWrite): CasWrite {
  return {
    collection: CALENDARS,
    id,
    expectVersion: null,
    data: {},
    derive: (current) => {
      if (!current || current.stale) {
        const { _id: _i, version: _v, ...rest } = current ?? {};
        return { ...rest, stale: true, updatedAt: new Date().toISOString() };
      }
      const doc = { ...current, _id: id } as unknown as Calendar;
      return change({ doc, expectVersion: doc.version ?? 0 }).data;
    },
  };
}

/** The calendar as written back: claims added and removed, those before `from` dropped. */
export function calendarWrite(c: LoadedCalendar, change: { add?: ClaimedSlot[]; remove?: Array<{ startAt: string; roomId?: string }>; from: string; now: string; patch?: Partial<MediatorCalendar> | Partial<RoomsCalendar> }): CasWrite {
  const gone = new Set((change.remove ?? []).map((r) => `${r.roomId ?? ''}|${r.startAt}`));
  const claimed = [...c.doc.claimed.filter((x) => !gone.has(`${x.roomId ?? ''}|${x.startAt}`)), ...(change.add ?? [])]
    .filter((x) => x.startAt >= change.from)
    .sort(byStart);
  const { _id, version: _v, stale: _s, ...rest } = c.doc;
  return { collection: CALENDARS, id: _id, expectVersion: c.expectVersion, data: { ...rest, ...(change.patch ?? {}), claimed, updatedAt: change.now } };
}

/**
 * Saves calendars a read had to rebuild, so the next read is one query. Safe beside a step: the write compares
 * versions, and any step that changed claims since wrote the calendar itself, so this write then loses (and
 * is dropped).
 */
export async function saveRebuilt(db: Database, cals: Iterable<LoadedCalendar>, now: string): Promise<void> {
  const writes = [...cals].filter((c) => c.rebuilt).map((c) => calendarWrite(c, { from: calendarFrom(now), now }));
  await Promise.all(writes.map((w) => commit(db, { writes: [w], inserts: [] }).catch(() => undefined)));
}

/** Claims older than this are dropped when a calendar is written: a day before now. */
export function calendarFrom(now: string): string {
  return new Date(Date.parse(now) - 86_400_000).toISOString();
}

/** Directors manage the rooms of their organisation and of those below it. */
function isDirectorFor(caller: Caller, dir: Directory, orgId: string): boolean {
  return caller.roles.some((g) => g.role === 'director' && (g.orgId === orgId || isInSubtree(dir.tree, g.orgId, orgId)));
}

function refuseInvalid(a: Availability): void {
  const problem = validateAvailability(a, SLOT_RULES);
  if (problem) throw new AppError(problem.code, problem.message);
}

function roomView(r: RoomDoc): RoomView {
  return { roomId: r._id, orgId: r.orgId, name: r.name, capacity: r.capacity, ...placeOf(r), hours: r.hours, exceptions: r.exceptions, active: r.active };
}

/** A room's address and, when both are known, its coordinates. */
export function placeOf(r: Pick<RoomDoc, 'address' | 'latitude' | 'longitude'>): { address: string; latitude?: number; longitude?: number } {
  const point = typeof r.latitude === 'number' && typeof r.longitude === 'number' ? { latitude: r.latitude, longitude: r.longitude } : {};
  return { address: r.address ?? '', ...point };
}

/** Anyone signed in may see an organisation's rooms (as they see its address); inactive ones only its directors. */
export async function listRooms(input: { orgId: string }, ctx: Ctx): Promise<RoomList> {
  const { db } = ctx.deps;
  const [caller, dir, rooms] = await Promise.all([loadCaller(db, ctx.openid), loadDirectory(db), roomsOf(db, input.orgId)]);
  if (!dir.orgs.has(input.orgId)) throw AppError.of('NOT_FOUND');
  const director = isDirectorFor(caller, dir, input.orgId);
  return { orgId: input.orgId, rooms: rooms.filter((r) => r.active || director).map(roomView) };
}

/** A director adds or changes a room: name, capacity, opening hours and dated exceptions, or closes it. */
export async function setRoom(input: TSetRoomInput, ctx: Ctx): Promise<RoomView> {
  const { db } = ctx.deps;
  const key = requestKey(ctx.openid, 'booking.setRoom', ctx.requestId!);
  const payloadHash = hashPayload(input);
  const [caller, dir] = await Promise.all([loadCaller(db, ctx.openid), loadDirectory(db)]);
  const org = dir.orgs.get(input.orgId);
  if (!org) throw AppError.of('NOT_FOUND');
  if (!isDirectorFor(caller, dir, input.orgId)) throw AppError.of('FORBIDDEN');
  const roomId = input.roomId ?? `${input.orgId}-room-${createHash('sha256').update(key).digest('hex').slice(0, 8)}`.slice(0, 64);
  return retryOnLostRace(async () => {
    const existing = await getDoc<RoomDoc>(db, ROOMS, roomId);
    if (existing?.lastRequest?.key === key) {
      if (existing.lastRequest.payloadHash !== payloadHash) throw AppError.of('REQUEST_ID_REUSED');
      return roomView(existing);
    }
    if (input.roomId && !existing) throw new AppError('ROOM_NOT_FOUND', '没有找到该调解室');
    if (existing && existing.orgId !== input.orgId) throw AppError.of('FORBIDDEN');
    // The organisation's hours only for a new room given none (read only then).
    const hours = input.hours ?? existing?.hours ?? (((await getDoc<{ hours?: WeeklyWindow[] }>(db, 'orgs', input.orgId))?.hours ?? []) as WeeklyWindow[]);
    refuseInvalid({ weekly: hours, exceptions: input.exceptions });
    const data = {
      orgId: input.orgId,
      name: input.name,
      capacity: input.capacity,
      // Where the room is: kept when none of it is sent (like the hours); otherwise replaced whole.
      ...(input.address === undefined && input.latitude === undefined ? placeOf(existing ?? {}) : placeOf(input)),
      hours,
      exceptions: input.exceptions,
      active: input.active,
      updatedAt: ctx.now.toISOString(),
      updatedBy: ctx.openid,
      lastRequest: { key, payloadHash },
    };
    // The organisation's rooms calendar gets the room as saved, in the same transaction.
    const now = ctx.now.toISOString();
    const saved = calendarRoom({ _id: roomId, ...data });
    await commit(db, {
      writes: [
        { collection: ROOMS, id: roomId, expectVersion: existing ? existing.version ?? 0 : null, data },
        calendarDerive(roomsCalendarId(input.orgId), (cal) => {
          const rooms = [...(cal.doc as RoomsCalendar).rooms.filter((r) => r._id !== roomId), saved].sort((a, b) => a._id.localeCompare(b._id));
          return calendarWrite(cal, { from: calendarFrom(now), now, patch: { rooms } });
        }),
      ],
      inserts: [],
    });
    return roomView({ _id: roomId, ...data });
  });
}

/** Who may set a mediator's hours: the mediator, or a director of an organisation where they mediate (or above it). */
async function mediatorFor(ctx: Ctx, mediatorId: string | undefined, writing: boolean): Promise<string> {
  const { db } = ctx.deps;
  const caller = await loadCaller(db, ctx.openid);
  const target = mediatorId ?? ctx.openid;
  const subject = target === ctx.openid ? caller : await loadCaller(db, target);
  const mediatesAt = subject.roles.filter((g) => g.role === 'mediator').map((g) => g.orgId);
  if (target === ctx.openid) {
    if (mediatesAt.length === 0) throw new AppError('NOT_A_MEDIATOR', '只有调解员可以设置可预约时间');
    return target;
  }
  const dir = await loadDirectory(db);
  if (!mediatesAt.some((o) => isDirectorFor(caller, dir, o))) throw AppError.of(writing ? 'FORBIDDEN' : 'NOT_FOUND');
  return target;
}

export async function getAvailability(input: { mediatorId?: string }, ctx: Ctx): Promise<MediatorHoursView> {
  const mediatorId = await mediatorFor(ctx, input.mediatorId, false);
  const a = await mediatorAvailability(ctx.deps.db, mediatorId);
  return { mediatorId, ...a, slotMinutes: SLOT_RULES.slotMinutes };
}

/**
 * Weekly hours and dated exceptions. Bookings already made stay (their claims hold); new bookings follow
 * the new hours.
 */
export async function setAvailability(input: TSetAvailabilityInput, ctx: Ctx): Promise<MediatorHours> {
  const { db } = ctx.deps;
  const mediatorId = await mediatorFor(ctx, input.mediatorId, true);
  const key = requestKey(ctx.openid, 'booking.setAvailability', ctx.requestId!);
  const payloadHash = hashPayload(input);
  refuseInvalid({ weekly: input.weekly, exceptions: input.exceptions });
  return retryOnLostRace(async () => {
    const existing = await getDoc<AvailabilityDoc>(db, AVAILABILITY, mediatorId);
    if (existing?.lastRequest?.key === key) {
      if (existing.lastRequest.payloadHash !== payloadHash) throw AppError.of('REQUEST_ID_REUSED');
      return { mediatorId, weekly: existing.weekly, exceptions: existing.exceptions };
    }
    const data = {
      weekly: input.weekly,
      exceptions: input.exceptions,
      updatedAt: ctx.now.toISOString(),
      updatedBy: ctx.openid,
      lastRequest: { key, payloadHash },
    };
    // The mediator's calendar gets the new hours in the same transaction (its claimed slots stay).
    const now = ctx.now.toISOString();
    await commit(db, {
      writes: [
        { collection: AVAILABILITY, id: mediatorId, expectVersion: existing ? existing.version ?? 0 : null, data },
        calendarDerive(mediatorCalendarId(mediatorId), (cal) => calendarWrite(cal, { from: calendarFrom(now), now, patch: { weekly: input.weekly, exceptions: input.exceptions } })),
      ],
      inserts: [],
    });
    return { mediatorId, weekly: input.weekly, exceptions: input.exceptions };
  });
}
