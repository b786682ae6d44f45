// Inputs of the `booking` function's actions. The mini-program imports these types only (`import type`).
import { z } from 'zod';
import { redactPersonalNumbers } from '../cases/redact';

const Id = z.string().regex(/^[a-z0-9][a-z0-9_-]{1,63}$/, '编号格式不正确');
const CaseId = z.string().regex(/^c[0-9a-f]{20}$/, '案件编号格式不正确');
const BookingId = z.string().regex(/^b[0-9a-f]{20}$/, '预约编号格式不正确');
const OpenId = z.string().min(1).max(64);
const PartyId = z.string().regex(/^p\d{1,3}$/, '当事人编号格式不正确');
const Hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, '时间格式应为“时:分”，如 09:00');
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
/** A slot start as an ISO instant (e.g. 2026-11-24T06:00:00.000Z is 14:00 in China). */
const Instant = z.iso.datetime({ offset: true, message: '时间格式不正确' }).transform((s) => new Date(s).toISOString());
const freeText = (schema: z.ZodString) => schema.transform(redactPersonalNumbers);
const Reason = freeText(z.string().trim().min(2, '请填写理由').max(500, '理由不超过 500 个字'));
const Mode = z.enum(['on_site', 'online', 'back_to_back']);

export const WeeklyWindowInput = z.strictObject({
  /** 1 = Monday … 7 = Sunday */
  weekday: z.number().int().min(1).max(7),
  start: Hhmm,
  end: Hhmm,
});
export const ExceptionInput = z.strictObject({
  date: Day,
  kind: z.enum(['unavailable', 'extra']),
  start: Hhmm.optional(),
  end: Hhmm.optional(),
  note: freeText(z.string().trim().max(100)).optional(),
});

export const RoomsInput = z.strictObject({ orgId: Id });

/** Where a room is, for a party's 导航 (wx.openLocation): an address, and its coordinates (GCJ-02) or none. */
export const RoomPlace = {
  address: z.string().trim().max(100, '地址最多 100 个字').optional(),
  latitude: z.number({ error: '纬度应为数字' }).min(-90, '纬度应在 -90 到 90 之间').max(90, '纬度应在 -90 到 90 之间').optional(),
  longitude: z.number({ error: '经度应为数字' }).min(-180, '经度应在 -180 到 180 之间').max(180, '经度应在 -180 到 180 之间').optional(),
};
/** A map point needs both coordinates: one alone is refused. */
export const bothOrNeitherCoordinate: [(r: { latitude?: number; longitude?: number }) => boolean, { message: string; path: string[] }] = [
  (r) => (r.latitude === undefined) === (r.longitude === undefined),
  { message: '经度和纬度须同时填写或同时不填', path: ['longitude'] },
];

export const SetRoomInput = z.strictObject({
  orgId: Id,
  /** Absent: a new room. */
  roomId: Id.optional(),
  name: z.string().trim().min(1, '请填写调解室名称').max(40),
  capacity: z.number().int().min(1).max(200),
  /** Opening hours; by default the organisation's. */
  hours: z.array(WeeklyWindowInput).max(50).optional(),
  exceptions: z.array(ExceptionInput).max(200).default([]),
  active: z.boolean().default(true),
  /** Where the room is; none of the three sent keeps what the room had, any sent replaces it whole. */
  ...RoomPlace,
}).refine(...bothOrNeitherCoordinate);

export const AvailabilityInput = z.strictObject({ mediatorId: OpenId.optional() });
export const SetAvailabilityInput = z.strictObject({
  /** Absent: the caller's own hours. A director may set them for the mediators of their organisation. */
  mediatorId: OpenId.optional(),
  weekly: z.array(WeeklyWindowInput).max(50),
  exceptions: z.array(ExceptionInput).max(200).default([]),
});

export const SlotsInput = z.strictObject({
  caseId: CaseId,
  mode: Mode.default('on_site'),
  /** First China date to list (default: today). */
  from: Day.optional(),
  days: z.number().int().min(1).max(31).default(14),
});

export const BookInput = z.strictObject({
  caseId: CaseId,
  startAt: Instant,
  mode: Mode,
  /** On-site and back-to-back: a room of the organisation; absent, the first free one is taken. */
  roomId: Id.optional(),
  /** A party may ask for a non-public session (不公开). */
  nonPublic: z.boolean().default(false),
  note: freeText(z.string().trim().max(200)).optional(),
});

export const ConfirmInput = z.strictObject({
  caseId: CaseId,
  bookingId: BookingId,
  /** Staff only: the party whose confirmation they record, and how the party gave it. */
  partyId: PartyId.optional(),
  how: z.enum(['in_person', 'phone', 'paper'], '请选择当事人是当面、电话还是书面确认的').optional(),
});

export const RescheduleInput = z.strictObject({
  caseId: CaseId,
  bookingId: BookingId,
  startAt: Instant,
  mode: Mode.optional(),
  roomId: Id.optional(),
  nonPublic: z.boolean().optional(),
  reason: Reason,
});

export const CancelInput = z.strictObject({ caseId: CaseId, bookingId: BookingId, reason: Reason });

export const RecordInput = z.strictObject({
  caseId: CaseId,
  /** The booked session this records; absent for an investigation or a session held without booking. */
  bookingId: BookingId.optional(),
  kind: z.enum(['investigation', 'session']),
  /** Default: the booking's start, or now. */
  heldAt: Instant.optional(),
  mode: Mode.optional(),
  attendeePartyIds: z.array(PartyId).max(20),
  otherAttendees: z.array(freeText(z.string().trim().min(1).max(40))).max(20).default([]),
  /** What was said and found (笔录). */
  summary: freeText(z.string().trim().min(5, '请至少用五个字记录调解情况').max(5000, '笔录不超过 5000 个字')),
  nextStep: freeText(z.string().trim().max(500)).optional(),
  nonPublic: z.boolean().optional(),
});

export const CaseBookingsInput = z.strictObject({ caseId: CaseId });

export type TConfirmInput = z.infer<typeof ConfirmInput>;
export type TBookInput = z.infer<typeof BookInput>;
export type TRescheduleInput = z.infer<typeof RescheduleInput>;
export type TRecordInput = z.infer<typeof RecordInput>;
export type TSetRoomInput = z.infer<typeof SetRoomInput>;
export type TSetAvailabilityInput = z.infer<typeof SetAvailabilityInput>;
export type TSlotsInput = z.infer<typeof SlotsInput>;
