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
import { commit } from '../kernel/unit-of-work';
import { loadCaller, type Caller } from '../case/caller';
import { loadDirectory, type Directory } from '../case/org-cache';
import { hashPayload, requestKey, retryOnLostRace } from '../case/store';
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

/** One slot held by one booking: `_id` is `mediator:<openid>:<start>` or `room:<roomId>:<start>`. */
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

/** The claims among `ids` that exist now. */
export async function existingClaims(db: Database, ids: string[]): Promise<ClaimDoc[]> {
  const docs = await Promise.all(ids.map((id) => getDoc<ClaimDoc>(db, SLOT_CLAIMS, id)));
  return docs.filter((d): d is ClaimDoc & { _id: string } => Boolean(d));
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
    const orgHours = ((await getDoc<{ hours?: WeeklyWindow[] }>(db, 'orgs', input.orgId))?.hours ?? []) as WeeklyWindow[];
    const hours = input.hours ?? existing?.hours ?? orgHours;
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
    await commit(db, { writes: [{ collection: ROOMS, id: roomId, expectVersion: existing ? existing.version ?? 0 : null, data }], inserts: [] });
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
    await commit(db, { writes: [{ collection: AVAILABILITY, id: mediatorId, expectVersion: existing ? existing.version ?? 0 : null, data }], inserts: [] });
    return { mediatorId, weekly: input.weekly, exceptions: input.exceptions };
  });
}
