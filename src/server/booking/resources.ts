// What can be booked: an organisation's mediation rooms (with opening hours and dated exceptions) and each
// mediator's weekly hours with exceptions; and the claims already made on them.
import { createHash } from 'node:crypto';
import { isInSubtree } from '../../domain/org/tree';
import { DEFAULT_SLOT_RULES, validateAvailability, type Availability, type AvailabilityException, type WeeklyWindow } from '../../domain/booking/slots';
import { getDoc, MAX_PAGE, queryDocs, readAllPages, updateDoc } from '../kernel/db';
import { AppError } from '../kernel/errors';
import type { ServerDeps } from '../kernel/function';
import type { Database } from '../kernel/platform';
import type { RequestContext } from '../kernel/route';
import { commit, transact, type CasWrite } from '../kernel/unit-of-work';
import { loadCaller, type Caller } from '../cases/caller';
import { loadDirectory, type Directory } from '../cases/org-cache';
import { CASES, hashPayload, requestKey, retryOnLostRace } from '../cases/store';
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
// What `booking.slots` reads and where a slot is claimed: one calendar per organisation (`rooms:<orgId>`: its
// rooms, the hours of the mediators whose calendar it holds, and the slots claimed on both from yesterday on) and
// one per mediator (`mediator:<openid>`). A mediator who mediates for one organisation only is held by that
// organisation's calendar (their own document then only says where, `homedAt`), so a session in a room is one
// calendar to read and write, not two; a mediator of several organisations keeps a calendar of their own.
// Every booking step reads the calendars it claims on inside its transaction and writes them back there, so two
// steps after one slot both write one calendar and the second loses (the guard against double booking). The
// organisation's calendar holding a mediator (`mediators`) is the truth of where their slots are, never a cache:
// a mediator is moved in or out by one transaction writing both documents, so a step decided on either before
// the move loses. Every slot of a held mediator is a booking of that organisation (a booking for another's case
// moves them back to their own calendar first), so a slot a booking gives back is on its organisation's calendar
// or its mediator's. Every change of hours or rooms rewrites the calendar in the same transaction too. A calendar
// marked stale (the deployment loader rewrote hours or rooms directly, a mediator took a new name) is rebuilt
// from the hours, rooms and names, keeping the slots it holds; a missing one (made before calendars existed)
// takes its slots from the legacy `slot_claims` documents, which steps no longer write. A mediator's calendar
// built or rebuilt is held by their organisation's when they mediate for that one only and every slot they hold
// is its booking (a slot of the earlier layout, which did not name the organisation, is given it from the booking
// on its case), so a calendar of that layout moves when first rebuilt (a new name, the deployment loader).

export const CALENDARS = 'calendars';

/** A slot claimed on a calendar. */
export interface ClaimedSlot {
  startAt: string;
  bookingId: string;
  caseId: string;
  /** The booking's organisation (slots claimed before it was kept have none). */
  orgId?: string;
  /** On an organisation's calendar: the room claimed… */
  roomId?: string;
  /** …or the mediator whose slot it is. */
  mediatorId?: string;
}

/** A mediator's name and hours, on the organisation's calendar that holds theirs. */
export interface HeldMediator {
  mediatorId: string;
  name?: string;
  weekly: WeeklyWindow[];
  exceptions: AvailabilityException[];
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
  /** Held by this organisation's calendar: hours and slots are there, this document holds none. */
  homedAt?: string;
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
  /** The mediators whose calendar this one holds. */
  mediators?: HeldMediator[];
  claimed: ClaimedSlot[];
  stale?: boolean;
  updatedAt?: string;
}

export type Calendar = MediatorCalendar | RoomsCalendar;

export const mediatorCalendarId = (mediatorId: string) => `mediator:${mediatorId}`;
export const roomsCalendarId = (orgId: string) => `rooms:${orgId}`;

/** One slot of one resource on one calendar: a room's, or a mediator's (named on an organisation's calendar). */
export const slotKey = (x: Pick<ClaimedSlot, 'startAt' | 'roomId' | 'mediatorId'>) => (x.roomId ? `${x.roomId}|${x.startAt}` : `@${x.mediatorId ?? ''}|${x.startAt}`);

/** The mediator's name and hours if this organisation's calendar holds theirs. */
export function heldBy(cal: RoomsCalendar, mediatorId: string): HeldMediator | undefined {
  return cal.mediators?.find((m) => m.mediatorId === mediatorId);
}

/**
 * A mediator's calendar as the slot rules read it: their own document, or their part of the organisation's
 * calendar that holds it; undefined when this document is not where their slots are.
 */
export function mediatorView(cal: Calendar, mediatorId: string): MediatorCalendar | undefined {
  if (cal.kind === 'mediator') return cal.homedAt ? undefined : cal;
  const held = heldBy(cal, mediatorId);
  if (!held) return undefined;
  return {
    _id: cal._id,
    kind: 'mediator',
    mediatorId,
    ...(held.name ? { name: held.name } : {}),
    weekly: held.weekly,
    exceptions: held.exceptions,
    claimed: cal.claimed.filter((c) => c.mediatorId === mediatorId && !c.roomId),
  };
}

/** The upper bound when reading a resource's claims into a calendar. */
const FAR_FUTURE = '9999-12-31T00:00:00.000Z';

function calendarRoom(r: RoomDoc): CalendarRoom {
  const { _id, orgId, name, capacity, address, latitude, longitude, hours, exceptions, active } = r;
  return { _id, orgId, name, capacity, ...(address !== undefined ? { address } : {}), ...(latitude !== undefined ? { latitude } : {}), ...(longitude !== undefined ? { longitude } : {}), hours, exceptions: exceptions ?? [], active };
}

const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** Slots in time order (ISO instants compare as strings), then by resource: a calendar's order, kept on every write. */
const byStart = (a: ClaimedSlot, b: ClaimedSlot) => order(a.startAt, b.startAt) || order(slotKey(a), slotKey(b));

const fromLegacy = (c: ClaimDoc, room: boolean): ClaimedSlot => ({ startAt: c.startAt, bookingId: c.bookingId, caseId: c.caseId, orgId: c.orgId, ...(room ? { roomId: c.resourceId } : {}) });

/** A mediator's name and hours from the sources, and the organisations they mediate for. */
async function mediatorSources(db: Database, mediatorId: string): Promise<{ held: HeldMediator; mediatesAt: string[] }> {
  const [avail, user] = await Promise.all([
    getDoc<AvailabilityDoc>(db, AVAILABILITY, mediatorId),
    getDoc<{ name?: string; availability?: WeeklyWindow[]; roles?: Caller['roles'] }>(db, 'users', mediatorId),
  ]);
  return {
    held: { mediatorId, ...(user?.name ? { name: user.name } : {}), weekly: avail ? avail.weekly : user?.availability ?? [], exceptions: avail ? avail.exceptions ?? [] : [] },
    mediatesAt: [...new Set((user?.roles ?? []).filter((g) => g.role === 'mediator').map((g) => g.orgId))],
  };
}

/**
 * A mediator's own calendar recomputed from the sources (hours, name; the slots it already held, or for a
 * calendar never written the legacy slot_claims from `from` on), with the organisations they mediate for.
 */
async function buildMediatorCalendar(db: Database, mediatorId: string, from: string, kept?: ClaimedSlot[]): Promise<{ cal: MediatorCalendar; mediatesAt: string[] }> {
  const [{ held, mediatesAt }, claimed] = await Promise.all([
    mediatorSources(db, mediatorId),
    kept ? withOrgs(db, kept.filter((c) => c.startAt >= from)) : claimsBetween(db, 'mediator', [mediatorId], from, FAR_FUTURE).then((cs) => cs.map((c) => fromLegacy(c, false))),
  ]);
  const { mediatorId: _m, ...hours } = held;
  return { cal: { _id: mediatorCalendarId(mediatorId), kind: 'mediator', mediatorId, ...hours, claimed: claimed.map(({ mediatorId: _x, ...c }) => c).sort(byStart) }, mediatesAt };
}

/**
 * Slots kept before a slot named its booking's organisation, given it from the booking on its case (one query):
 * so a calendar of the earlier layout, once rebuilt, can move into its organisation's.
 */
async function withOrgs(db: Database, slots: ClaimedSlot[]): Promise<ClaimedSlot[]> {
  const caseIds = [...new Set(slots.filter((c) => !c.orgId).map((c) => c.caseId))].slice(0, MAX_PAGE);
  if (!caseIds.length) return slots;
  const docs = await queryDocs<{ _id: string; bookings?: Array<{ bookingId: string; orgId: string }> }>(
    db.collection(CASES).where({ _id: db.command.in(caseIds) }).limit(caseIds.length).field({ bookings: true }),
  );
  const orgOf = new Map(docs.flatMap((d) => (d.bookings ?? []).map((b) => [b.bookingId, b.orgId] as const)));
  return slots.map((c) => (c.orgId || !orgOf.has(c.bookingId) ? c : { ...c, orgId: orgOf.get(c.bookingId) }));
}

/**
 * An organisation's calendar recomputed from the sources (rooms; the names and hours of the mediators it holds;
 * the slots it held, or the legacy room claims as for a mediator's).
 */
async function buildRoomsCalendar(db: Database, orgId: string, from: string, kept?: ClaimedSlot[], held?: HeldMediator[]): Promise<RoomsCalendar> {
  const rooms = await roomsOf(db, orgId);
  const [claimed, mediators] = await Promise.all([
    kept ? kept.filter((c) => c.startAt >= from) : claimsBetween(db, 'room', rooms.map((r) => r._id), from, FAR_FUTURE).then((cs) => cs.map((c) => fromLegacy(c, true))),
    Promise.all((held ?? []).map(async (m) => (await mediatorSources(db, m.mediatorId)).held)),
  ]);
  return { _id: roomsCalendarId(orgId), kind: 'rooms', orgId, rooms: rooms.map(calendarRoom), ...(mediators.length ? { mediators } : {}), claimed: [...claimed].sort(byStart) };
}

/** A calendar as loaded for a change: the document and the version to compare against (null: not there yet). */
export interface LoadedCalendar<C extends Calendar = Calendar> {
  doc: C;
  expectVersion: number | null;
  /** Rebuilt from the sources (it was missing or stale), or changed by a move: to be saved. */
  rebuilt?: boolean;
  /** Calendars saved together, in one transaction (a mediator moved into their organisation's calendar). */
  group?: string;
}

/** Reads calendars by id in one query. */
async function readCalendars(db: Database, ids: string[]): Promise<Map<string, Calendar>> {
  const _ = db.command;
  const docs = await queryDocs<Calendar>(db.collection(CALENDARS).where({ _id: _.in(ids) }).limit(ids.length));
  return new Map(docs.map((d) => [d._id, d]));
}

/**
 * The calendars with these ids, in one query; any missing or stale one rebuilt from the sources. `from`: claims
 * before it are dropped from rebuilt calendars. A mediator's calendar built or rebuilt moves into their
 * organisation's when it can (see the section comment): that organisation's calendar is then in the answer too.
 */
export async function loadCalendars(db: Database, ids: string[], from: string): Promise<Map<string, LoadedCalendar>> {
  const out = new Map<string, LoadedCalendar>();
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return out;
  const found = await readCalendars(db, wanted);
  const toHome: Array<{ cal: MediatorCalendar; orgId: string; expectVersion: number | null }> = [];
  await Promise.all(
    wanted.map(async (id) => {
      const doc = found.get(id);
      const expectVersion = doc ? doc.version ?? 0 : null;
      if (doc && !doc.stale) return void out.set(id, { doc, expectVersion });
      const [kind, ...rest] = id.split(':');
      const key = rest.join(':');
      const kept = Array.isArray(doc?.claimed) ? doc.claimed : undefined;
      if (kind !== 'mediator') {
        const held = doc?.kind === 'rooms' ? doc.mediators : undefined;
        return void out.set(id, { doc: await buildRoomsCalendar(db, key, from, kept, held), expectVersion, rebuilt: true });
      }
      // Held by an organisation's calendar: the hours are there (marked stale with this one when they change).
      if (doc?.kind === 'mediator' && doc.homedAt) {
        const { stale: _s, ...pointer } = doc;
        return void out.set(id, { doc: pointer, expectVersion, rebuilt: true });
      }
      const { cal, mediatesAt } = await buildMediatorCalendar(db, key, from, kept);
      out.set(id, { doc: cal, expectVersion, rebuilt: true });
      const [only] = mediatesAt;
      if (mediatesAt.length === 1 && cal.claimed.every((c) => c.orgId === only)) toHome.push({ cal, orgId: only, expectVersion });
    }),
  );
  for (const h of toHome) await homeInto(db, out, h, from);
  return out;
}

/** Moves a mediator's calendar, just built, into their organisation's (both then saved in one transaction). */
async function homeInto(db: Database, out: Map<string, LoadedCalendar>, h: { cal: MediatorCalendar; orgId: string; expectVersion: number | null }, from: string): Promise<void> {
  const orgCalId = roomsCalendarId(h.orgId);
  const org = out.get(orgCalId) ?? (await loadCalendars(db, [orgCalId], from)).get(orgCalId)!;
  const doc = org.doc as RoomsCalendar;
  const { cal } = h;
  // Held already (its own document was lost): the organisation's calendar keeps the slots; only the pointer is written.
  const merged: RoomsCalendar = heldBy(doc, cal.mediatorId)
    ? doc
    : {
        ...doc,
        mediators: [...(doc.mediators ?? []), { mediatorId: cal.mediatorId, ...(cal.name ? { name: cal.name } : {}), weekly: cal.weekly, exceptions: cal.exceptions }],
        claimed: [...doc.claimed, ...cal.claimed.map((c) => ({ ...c, mediatorId: cal.mediatorId }))].sort(byStart),
      };
  const group = orgCalId;
  out.set(orgCalId, { ...org, doc: merged, rebuilt: true, group });
  out.set(cal._id, { doc: { _id: cal._id, kind: 'mediator', mediatorId: cal.mediatorId, homedAt: h.orgId, weekly: [], exceptions: [], claimed: [] }, expectVersion: h.expectVersion, rebuilt: true, group });
}

/**
 * Moves a mediator held by an organisation's calendar back to a calendar of their own (a booking for another
 * organisation's case needs it there), both documents in one transaction. A lost race is left to the step that
 * asked, which reads again.
 */
export async function unhomeMediator(db: Database, mediatorId: string, now: string): Promise<void> {
  const from = calendarFrom(now);
  const own = await getDoc<MediatorCalendar>(db, CALENDARS, mediatorCalendarId(mediatorId));
  if (!own?.homedAt) return;
  const orgCal = await getDoc<RoomsCalendar>(db, CALENDARS, roomsCalendarId(own.homedAt));
  const view = orgCal ? mediatorView(orgCal, mediatorId) : undefined;
  // Not held there after all (its calendar lost): the mediator's own is built from the sources.
  const back: MediatorCalendar = view
    ? { ...view, _id: own._id, claimed: view.claimed.map(({ mediatorId: _m, ...c }) => c) }
    : (await buildMediatorCalendar(db, mediatorId, from)).cal;
  // Hours and names from a stale calendar stay marked stale on both (its slots are current).
  const still = orgCal?.stale ? { patch: { stale: true } } : {};
  const writes: CasWrite[] = [calendarWrite({ doc: back, expectVersion: own.version ?? 0 }, { from, now, ...still })];
  if (orgCal && view) {
    const left: RoomsCalendar = { ...orgCal, mediators: (orgCal.mediators ?? []).filter((m) => m.mediatorId !== mediatorId), claimed: orgCal.claimed.filter((c) => c.mediatorId !== mediatorId || c.roomId) };
    writes.push(calendarWrite({ doc: left, expectVersion: orgCal.version ?? 0 }, { from, now, ...still }));
  }
  await commit(db, { writes, inserts: [] }).catch((e) => {
    if ((e as { code?: string })?.code !== 'CONFLICT') throw e;
  });
}

/**
 * Marks a mediator's calendar stale (their name or hours changed outside the calendar), and the organisation's
 * calendar holding it, so both are rebuilt when next needed. The versions move too, so a rebuild from the old
 * name saved meanwhile (compared on the old version) loses.
 */
export async function markMediatorCalendarStale(db: Database, mediatorId: string): Promise<void> {
  const stale = { stale: true, version: db.command.inc(1) };
  const own = await getDoc<MediatorCalendar>(db, CALENDARS, mediatorCalendarId(mediatorId));
  if (!own) return;
  await updateDoc(db, CALENDARS, own._id, stale);
  if (own.homedAt) await updateDoc(db, CALENDARS, roomsCalendarId(own.homedAt), stale);
}

/** A calendar's content marked stale (rebuilt from the sources when next needed, keeping its slots). */
function staleData(doc: object | undefined, now: string): Record<string, unknown> {
  const { _id: _i, version: _v, ...rest } = (doc ?? {}) as Record<string, unknown>;
  return { ...rest, stale: true, updatedAt: now };
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
      if (!current || current.stale) return staleData(current, new Date().toISOString());
      const doc = { ...current, _id: id } as unknown as Calendar;
      return change({ doc, expectVersion: doc.version ?? 0 }).data;
    },
  };
}

/** The calendar as written back: slots added and the slots of bookings given back removed, those before `from` dropped. */
export function calendarWrite(c: LoadedCalendar, change: { add?: ClaimedSlot[]; remove?: string[]; from: string; now: string; patch?: Partial<MediatorCalendar> | Partial<RoomsCalendar> }): CasWrite {
  const gone = new Set(change.remove ?? []);
  const claimed = [...c.doc.claimed.filter((x) => !gone.has(x.bookingId)), ...(change.add ?? [])].filter((x) => x.startAt >= change.from).sort(byStart);
  const { _id, version: _v, stale: _s, ...rest } = c.doc;
  return { collection: CALENDARS, id: _id, expectVersion: c.expectVersion, data: { ...rest, ...(change.patch ?? {}), claimed, updatedAt: change.now } };
}

/**
 * Saves calendars a read had to rebuild (or move), so the next read is one query: each alone, or a group in one
 * transaction. Safe beside a step: the write compares versions, and any step that changed claims since wrote the
 * calendar itself, so this write then loses (and is dropped).
 */
export async function saveRebuilt(db: Database, cals: Iterable<LoadedCalendar>, now: string): Promise<void> {
  const groups = new Map<string, CasWrite[]>();
  for (const c of cals) {
    if (!c.rebuilt) continue;
    const key = c.group ?? c.doc._id;
    groups.set(key, [...(groups.get(key) ?? []), calendarWrite(c, { from: calendarFrom(now), now })]);
  }
  await Promise.all([...groups.values()].map((writes) => commit(db, { writes, inserts: [] }).catch(() => undefined)));
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
  // One transaction reads the hours and where the mediator's calendar is, and writes both.
  return retryOnLostRace(() =>
    transact(db, async (tx) => {
      const [existing, own] = await Promise.all([tx.get<AvailabilityDoc>(AVAILABILITY, mediatorId), tx.get<MediatorCalendar>(CALENDARS, mediatorCalendarId(mediatorId))]);
      if (existing?.lastRequest?.key === key) {
        if (existing.lastRequest.payloadHash !== payloadHash) throw AppError.of('REQUEST_ID_REUSED');
        return { mediatorId, weekly: existing.weekly, exceptions: existing.exceptions };
      }
      const now = ctx.now.toISOString();
      const data = { weekly: input.weekly, exceptions: input.exceptions, updatedAt: now, updatedBy: ctx.openid, lastRequest: { key, payloadHash } };
      const hours = { weekly: input.weekly, exceptions: input.exceptions };
      // The mediator's calendar gets the new hours (its claimed slots stay): their own, or the organisation's that
      // holds it (their own then unchanged). One not there or stale is marked stale, rebuilt from these hours when
      // next needed.
      const change = { from: calendarFrom(now), now };
      const org = own?.homedAt ? await tx.get<RoomsCalendar>(CALENDARS, roomsCalendarId(own.homedAt)) : undefined;
      const loaded = <C extends Calendar>(doc: C): LoadedCalendar<C> => ({ doc, expectVersion: doc.version ?? 0 });
      const calendar: CasWrite =
        org && !org.stale && heldBy(org, mediatorId)
          ? calendarWrite(loaded(org), { ...change, patch: { mediators: (org.mediators ?? []).map((m) => (m.mediatorId === mediatorId ? { ...m, ...hours } : m)) } })
          : own && !own.stale && !own.homedAt
            ? calendarWrite(loaded(own), { ...change, patch: hours })
            : markedStale(org ?? own, org ? roomsCalendarId(own!.homedAt!) : mediatorCalendarId(mediatorId), now);
      await tx.commit({ writes: [{ collection: AVAILABILITY, id: mediatorId, expectVersion: existing ? existing.version ?? 0 : null, data }, calendar], inserts: [] });
      return { mediatorId, weekly: input.weekly, exceptions: input.exceptions };
    }),
  );
}

/** A calendar written back marked stale (or a stale mark where there is none yet), as read in this transaction. */
function markedStale(doc: Calendar | undefined, id: string, now: string): CasWrite {
  return { collection: CALENDARS, id, expectVersion: doc ? doc.version ?? 0 : null, data: staleData(doc, now) };
}
