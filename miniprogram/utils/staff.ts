// Staff roles on the phone: which working identity (role at an organisation) the user is acting in, and
// the guard every staff page runs before it asks for any data. Roles come from `user.me` (granted on the
// server by a director's invitation, never claimed here); the phone only remembers which one was chosen.
import type { StaffList, StaffRole } from '../../src/server/org/org.types';
import type { RoleGrant } from '../../src/server/user/user.types';
import { userApi } from '../services/api';
import { clientError, type Failure } from '../services/errors';
import { STAFF_ROLE_LABEL } from '../generated/labels';
import { ROUTES } from './routes';
import { formatTime } from './format';

export type { RoleGrant, StaffRole };

/** A staff role as people read it (from the server's table). */
export const ROLE_LABEL: Readonly<Record<string, string>> = STAFF_ROLE_LABEL;

/** The workbench each role opens (every staff role has one: a new role fails to compile until it does). */
export const WORKBENCH: Readonly<Record<StaffRole, string>> = {
  director: ROUTES.directorWorkbench,
  mediator: ROUTES.mediatorWorkbench,
  intake: ROUTES.intakeVisit,
  officer: ROUTES.officerWorkbench,
  supervisor: ROUTES.supervisorOverview,
  // An invited expert works from the mediator's inbox: the cases a director added them to.
  expert: ROUTES.mediatorWorkbench,
};

const STORAGE_KEY = 'staffRole.v1';

export function chosenGrant(): RoleGrant | undefined {
  try {
    const stored = wx.getStorageSync(STORAGE_KEY) as unknown;
    if (stored && typeof stored === 'object' && 'role' in stored && 'orgId' in stored) return stored as RoleGrant;
  } catch {
    // A damaged cache only loses the choice; the first matching role is used instead.
  }
  return undefined;
}

export function chooseGrant(grant: RoleGrant): void {
  try {
    wx.setStorageSync(STORAGE_KEY, { role: grant.role, orgId: grant.orgId });
  } catch {
    // Kept for this visit only.
  }
}

export type GrantResult = { ok: true; grant: RoleGrant; grants: RoleGrant[] } | Failure;

/**
 * Finds the identity a page for `roles` acts in: the chosen one if the user still holds it, else the first
 * grant of one of those roles (remembered). Without such a grant the answer is a refusal the page shows in
 * place of its content — and the page must not load its data at all.
 */
export async function resolveGrant(roles: StaffRole[], roleName: string): Promise<GrantResult> {
  const me = await userApi.me({});
  if (!me.ok) return me;
  const grants = (me.data.roles ?? []).filter((g) => (roles as string[]).includes(g.role));
  if (grants.length === 0) return clientError('ROLE_NOT_HELD', `此页面仅供${roleName}使用，您没有相应身份`);
  const chosen = chosenGrant();
  const grant = grants.find((g) => chosen && g.role === chosen.role && g.orgId === chosen.orgId) ?? grants[0];
  chooseGrant(grant);
  return { ok: true, grant, grants };
}

// The respondent's invitation page still imports formatTime from here (it is being changed elsewhere at the same
// time); it is the one formatter's, re-exported, until that page imports utils/format.ts itself.
export { formatTime } from './format';

/**
 * "在办案件数统计截至 5月3日 17:00": the mediators' open caseloads (org.staff) are the timer's roll-up's, as of its
 * last tick. Empty when no mediator is listed.
 */
export function caseloadsAsOfText(list: Pick<StaffList, 'staff' | 'caseloadsAsOf'>): string {
  if (!list.staff.some((s) => s.openCases !== undefined)) return '';
  return list.caseloadsAsOf ? `在办案件数统计截至 ${formatTime(list.caseloadsAsOf)}` : '在办案件数正在统计，请稍后刷新';
}

/** Reads `data-field` of the element an input event came from. */
export function fieldOf(e: { currentTarget: { dataset: Record<string, unknown> } }): string {
  return String(e.currentTarget.dataset.field ?? '');
}
