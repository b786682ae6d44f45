// A deployment's organisation tree, first staff, rooms and availability, and its own rules and holiday years,
// loaded from one JSON file. The same loader seeds the local demo and a real CloudBase environment
// (scripts/load-deployment.cjs).
import { z } from 'zod';
import { OFFICIAL_HOLIDAYS } from '../../domain/calendar/holidays';
import { DEFAULT_RULES } from '../../domain/config/rules';
import { categoryCatalogue } from '../../domain/config/categories';
import { checkCategories, checkHolidayYears, checkRulesOverride, unknownCategoriesInRules } from '../../domain/config/schema';
import { SETTINGS, SETTINGS_ID, type SettingsDoc } from './settings';
import { bothOrNeitherCoordinate, RoomPlace } from '../booking/schemas';

const Id = z.string().regex(/^[a-z0-9][a-z0-9_-]{1,63}$/, 'id 只能包含小写字母、数字、- 和 _');
const Hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:mm');

export const WeeklyWindow = z.strictObject({
  /** 1 = Monday … 7 = Sunday */
  weekday: z.number().int().min(1).max(7),
  start: Hhmm,
  end: Hhmm,
});

export const Court = z.strictObject({
  name: z.string().trim().min(4, '请填写法院全称').max(60, '法院名称不超过 60 个字').regex(/(法院|法庭)$/, '法院名称应以“法院”或“法庭”结尾'),
  address: z.string().trim().min(4, '请填写法院（诉讼服务中心）地址').max(120, '地址不超过 120 个字'),
  phone: z.string().trim().regex(/^[0-9-]{5,20}$/, '电话只能包含数字和 -'),
});

export const StaffRole = z.enum(['director', 'mediator', 'intake', 'officer', 'supervisor', 'expert']);
export type TStaffRole = z.infer<typeof StaffRole>;

export const DeploymentSchema = z.strictObject({
  name: z.string().min(1),
  communities: z.array(z.strictObject({ id: Id, name: z.string().min(1), streetOrgId: Id })).min(1),
  orgs: z
    .array(
      z.strictObject({
        id: Id,
        name: z.string().min(1),
        level: z.enum(['district', 'street', 'community']),
        kind: z.enum(['general', 'specialised']),
        parentId: Id.optional(),
        communityIds: z.array(Id),
        categories: z.array(z.string()),
        address: z.string().default(''),
        phone: z.string().default(''),
        /**
         * The basic court (or its people's tribunal) where the organisation is: the court the parties apply to for
         * judicial confirmation (Art. 33). An organisation without one takes the nearest one above it.
         */
        court: Court.optional(),
        hours: z.array(WeeklyWindow).default([]),
        rooms: z.array(z.strictObject({ id: Id, name: z.string().min(1), capacity: z.number().int().positive(), ...RoomPlace }).refine(...bothOrNeitherCoordinate)).default([]),
      }),
    )
    .min(1),
  staff: z.array(
    z.strictObject({
      openid: z.string().min(1),
      name: z.string().min(1),
      roles: z.array(z.strictObject({ role: StaffRole, orgId: Id })).min(1),
      /** Weekly windows in which a mediator takes sessions. */
      availability: z.array(WeeklyWindow).default([]),
      /** Trainings attended (岗前培训, 业务培训), printed in the 调解人员登记册. */
      trainings: z
        .array(
          z.strictObject({
            date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '培训日期格式应为 YYYY-MM-DD'),
            hours: z.number().positive('培训学时应大于 0').max(200, '一次培训不超过 200 学时'),
            topic: z.string().trim().min(2, '请写明培训内容').max(60, '培训内容不超过 60 个字'),
          }),
        )
        .optional(),
    }),
  ),
  /**
   * The deployment's mediation rules (thresholds, categories, deadlines: src/domain/config/rules.ts), as a partial
   * override of the shipped DEFAULT_RULES: objects merge key by key at every level, a list or value given replaces
   * the default one. Checked whole by ZDeploymentRules (checkDeployment) after merging. Absent: the defaults.
   */
  rules: z.unknown().optional(),
  /**
   * Holiday years (HolidayYear, checked by ZHolidayYear): each replaces the shipped year of the same number (the
   * State Council's notice over a provisional year), other years are added. Absent: the shipped years.
   */
  holidays: z.array(z.unknown()).optional(),
  /**
   * The deployment's dispute categories (CategoriesConfig, checked by checkCategories): `added` — its own
   * categories, `{ code, name, shortName }`, offered for filing before 其他; `hiddenFromFiling` — shipped codes no
   * longer offered (their names stay for older cases). Absent: the shipped list.
   */
  categories: z.unknown().optional(),
});
export type Deployment = z.infer<typeof DeploymentSchema>;

/** Checks references the schema cannot: parents, communities and roles point at things that exist. */
export function checkDeployment(d: Deployment): string[] {
  const problems: string[] = [];
  const orgIds = new Set(d.orgs.map((o) => o.id));
  const communityIds = new Set(d.communities.map((c) => c.id));
  const roots = d.orgs.filter((o) => !o.parentId);
  if (roots.length !== 1) problems.push(`exactly one organisation must have no parent (found ${roots.length})`);
  for (const o of d.orgs) {
    if (o.parentId && !orgIds.has(o.parentId)) problems.push(`org ${o.id}: unknown parent ${o.parentId}`);
    for (const c of o.communityIds) if (!communityIds.has(c)) problems.push(`org ${o.id}: unknown community ${c}`);
  }
  for (const c of d.communities) if (!orgIds.has(c.streetOrgId)) problems.push(`community ${c.id}: unknown street ${c.streetOrgId}`);
  for (const s of d.staff) for (const r of s.roles) if (!orgIds.has(r.orgId)) problems.push(`staff ${s.name}: unknown org ${r.orgId}`);
  if (new Set(d.orgs.map((o) => o.id)).size !== d.orgs.length) problems.push('duplicate organisation ids');
  // The rules and holidays, with zod's explanation in Chinese at each place (`rules.triage.…`, `holidays.0.…`).
  const rules = checkRulesOverride(d.rules, DEFAULT_RULES);
  if (!rules.ok) problems.push(...rules.problems);
  const categories = checkCategories(d.categories);
  if (!categories.ok) problems.push(...categories.problems);
  else {
    // Rules and organisations may name an added category; a code nobody defined is a typo that would never match.
    const catalogue = categoryCatalogue(categories.value);
    if (rules.ok) problems.push(...unknownCategoriesInRules(rules.value, catalogue.knows));
    for (const o of d.orgs) for (const c of o.categories) if (!catalogue.knows(c)) problems.push(`org ${o.id}: 未知的纠纷分类 ${c}（先在 categories.added 中新增）`);
  }
  const years = checkHolidayYears(d.holidays, OFFICIAL_HOLIDAYS);
  if (!years.ok) problems.push(...years.problems);
  return problems;
}

export const COLLECTIONS_OF_DEPLOYMENT = ['orgs', 'communities', 'users', 'rooms', 'availability', 'calendars', SETTINGS] as const;

/** Minimal database surface shared by wx-server-sdk and @cloudbase/node-sdk. */
interface DocRef {
  set(opts: { data: Record<string, unknown> }): Promise<unknown>;
  update(opts: { data: Record<string, unknown> }): Promise<{ stats: { updated: number } } | unknown>;
}
interface SetupDb {
  collection(name: string): { doc(id: string): DocRef };
  command: { inc(n: number): unknown };
}

/**
 * Writes the deployment (idempotent: running it again overwrites the same documents).
 * Staff documents keep their OPENID as _id; a user's preferences are not touched by a re-run.
 */
export async function applyDeployment(db: SetupDb, d: Deployment, now: Date): Promise<{ orgs: number; staff: number }> {
  const problems = checkDeployment(d);
  if (problems.length) throw new Error(`deployment "${d.name}" is inconsistent:\n- ${problems.join('\n- ')}`);
  for (const c of d.communities) {
    const { id, ...rest } = c;
    await db.collection('communities').doc(id).set({ data: { ...rest, updatedAt: now } });
  }
  for (const o of d.orgs) {
    const { id, ...rest } = o;
    await db.collection('orgs').doc(id).set({ data: { ...rest, updatedAt: now } });
  }
  // Rooms open in their organisation's hours; exceptions set later in the app are kept on a re-run.
  for (const o of d.orgs) {
    for (const r of o.rooms) {
      const ref = db.collection('rooms').doc(r.id);
      const place = { address: r.address ?? '', ...(r.latitude !== undefined && r.longitude !== undefined ? { latitude: r.latitude, longitude: r.longitude } : {}) };
      const fields = { orgId: o.id, name: r.name, capacity: r.capacity, ...place, hours: o.hours, active: true, updatedAt: now };
      const res = (await ref.update({ data: fields })) as { stats?: { updated?: number } };
      if (!res?.stats?.updated) await ref.set({ data: { ...fields, exceptions: [] } });
    }
  }
  for (const s of d.staff) {
    if (s.availability.length) {
      const ref = db.collection('availability').doc(s.openid);
      const res = (await ref.update({ data: { weekly: s.availability, updatedAt: now } })) as { stats?: { updated?: number } };
      if (!res?.stats?.updated) await ref.set({ data: { weekly: s.availability, exceptions: [], updatedAt: now } });
    }
  }
  for (const s of d.staff) {
    const ref = db.collection('users').doc(s.openid);
    const staffFields = { name: s.name, roles: s.roles, availability: s.availability, ...(s.trainings ? { trainings: s.trainings } : {}), updatedAt: now };
    const res = (await ref.update({ data: staffFields })) as { stats?: { updated?: number } };
    if (!res?.stats?.updated) await ref.set({ data: { ...staffFields, prefs: { largeText: false }, createdAt: now } });
  }
  // Booking reads hours and rooms from calendars (src/server/booking/resources.ts): the ones this file may have
  // changed are marked stale, and rebuilt from the documents above when next read or written. The version moves
  // too, so a rebuild from the old hours saved meanwhile (compared on the old version) loses.
  const stale = { stale: true, version: db.command.inc(1) };
  // An organisation's calendar holds its rooms and the hours and names of the mediators it holds: every one.
  for (const o of d.orgs) await db.collection('calendars').doc(`rooms:${o.id}`).update({ data: stale });
  for (const s of d.staff) await db.collection('calendars').doc(`mediator:${s.openid}`).update({ data: stale });
  // The file is the whole truth of the settings: a file without them puts the deployment back on the defaults.
  const settings: SettingsDoc = { rules: d.rules ?? null, holidays: d.holidays ?? [], categories: d.categories ?? null, updatedAt: now };
  await db.collection(SETTINGS).doc(SETTINGS_ID).set({ data: settings as unknown as Record<string, unknown> });
  return { orgs: d.orgs.length, staff: d.staff.length };
}
