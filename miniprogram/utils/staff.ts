// Staff roles on the phone: which working identity (role at an organisation) the user is acting in, and
// the guard every staff page runs before it asks for any data. Roles come from `user.me` (granted on the
// server by a director's invitation, never claimed here); the phone only remembers which one was chosen.
import type { CallResult, ErrResult } from '../../src/server/contract';
import { callFunction } from '../services/call';
import { newRequestId } from '../services/request-id';
import { ROUTES } from './routes';

export type StaffRole = 'director' | 'mediator' | 'intake' | 'officer' | 'supervisor';

export interface RoleGrant {
  role: string;
  orgId: string;
}

export const ROLE_LABEL: Readonly<Record<string, string>> = {
  director: '调委会主任',
  mediator: '调解员',
  intake: '窗口工作人员',
  officer: '信息员',
  supervisor: '督导人员',
};

/** The workbench each role opens. Information officers have no page of their own yet. */
export const WORKBENCH: Readonly<Record<string, string>> = {
  director: ROUTES.directorWorkbench,
  mediator: ROUTES.mediatorWorkbench,
  intake: ROUTES.intakeVisit,
  supervisor: ROUTES.supervisorOverview,
};

/** Code of the refusal a staff page shows when the user does not hold its role (never sent by the server). */
export const ROLE_NOT_HELD = 'ROLE_NOT_HELD';

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

export type GrantResult = { ok: true; grant: RoleGrant; grants: RoleGrant[] } | ErrResult;

/**
 * Finds the identity a page for `roles` acts in: the chosen one if the user still holds it, else the first
 * grant of one of those roles (remembered). Without such a grant the answer is a refusal the page shows in
 * place of its content — and the page must not load its data at all.
 */
export async function resolveGrant(roles: StaffRole[], roleName: string): Promise<GrantResult> {
  const me = await callFunction<{ roles: RoleGrant[] }>('user', 'me', {});
  if (!me.ok) return me;
  const grants = (me.data.roles ?? []).filter((g) => (roles as string[]).includes(g.role));
  if (grants.length === 0) {
    return { ok: false, code: ROLE_NOT_HELD, message: `此页面仅供${roleName}使用，您没有相应身份` };
  }
  const chosen = chosenGrant();
  const grant = grants.find((g) => chosen && g.role === chosen.role && g.orgId === chosen.orgId) ?? grants[0];
  chooseGrant(grant);
  return { ok: true, grant, grants };
}

/** Runs `then` only when the guard passed; a refusal (or a failed `user.me`) is passed through as the result. */
export async function guarded<T>(
  roles: StaffRole[],
  roleName: string,
  then: (grant: RoleGrant) => Promise<CallResult<T>>,
): Promise<CallResult<T>> {
  const g = await resolveGrant(roles, roleName);
  if (!g.ok) return g;
  return then(g.grant);
}

/** "5月3日 17:00" in China time, for deadlines and session times (ISO instants from the server). */
export function formatTime(iso: string | undefined): string {
  if (!iso) return '';
  const t = new Date(Date.parse(iso) + 8 * 3_600_000);
  if (Number.isNaN(t.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
}

/** "2025-05-03" (China date) for date pickers. */
export function chinaDate(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** Reads `data-field` of the element an input event came from. */
export function fieldOf(e: { currentTarget: { dataset: Record<string, unknown> } }): string {
  return String(e.currentTarget.dataset.field ?? '');
}

const intents = new WeakMap<object, { key: string; id: string }>();

/**
 * One request id per user intent on a page: the same payload submitted again (a retry after a network
 * failure, or a double tap) carries the same id, so the server answers it once; a changed payload gets a
 * new id. Call `settleIntent` after a definite answer (success or a business refusal).
 */
export function intentId(host: object, payload: unknown): string {
  const key = JSON.stringify(payload);
  const prev = intents.get(host);
  if (prev && prev.key === key) return prev.id;
  const id = newRequestId();
  intents.set(host, { key, id });
  return id;
}

export function settleIntent(host: object): void {
  intents.delete(host);
}
