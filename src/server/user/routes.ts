// The `user` function: the caller's own profile and preferences.
import { route, routesFor } from '../kernel/route';
import type { ServerDeps } from '../kernel/function';
import { getDoc, updateDoc } from '../kernel/db';
import { ExportDataInput, InboxInput, MarkReadInput, MeInput, RequestDeletionInput, SetPreferencesInput } from './schemas';
import type { MeAnswer, PreferencesAnswer, RoleGrant, UserActions, UserPrefs } from './user.types';
import { exportData, requestDeletion } from './my-data';
import { inbox, markRead } from '../notify/index';

export const USERS = 'users';

export interface UserDoc {
  _id: string; // the OPENID
  createdAt: Date;
  updatedAt: Date;
  prefs: UserPrefs;
  roles: RoleGrant[];
}

export const DEFAULT_PREFS: UserPrefs = { largeText: false };

function loadUser(deps: ServerDeps, openid: string): Promise<UserDoc | undefined> {
  return getDoc<UserDoc>(deps.db, USERS, openid);
}

export const userRoutes = routesFor<UserActions, ServerDeps>()({
  me: route({
    input: MeInput,
    handle: async (_input, ctx): Promise<MeAnswer> => {
      const user = await loadUser(ctx.deps, ctx.openid);
      return { prefs: { ...DEFAULT_PREFS, ...(user?.prefs ?? {}) }, roles: user?.roles ?? [], registered: Boolean(user) };
    },
  }),
  setPreferences: route({
    input: SetPreferencesInput,
    mutates: true,
    handle: async (input, ctx): Promise<PreferencesAnswer> => {
      // The same preferences again (a resend, or the switch set to what it already is) change nothing.
      const current = await loadUser(ctx.deps, ctx.openid);
      if (current?.prefs && JSON.stringify({ ...DEFAULT_PREFS, ...current.prefs }) === JSON.stringify({ ...DEFAULT_PREFS, ...input })) return { prefs: input };
      const updated = await updateDoc(ctx.deps.db, USERS, ctx.openid, { prefs: input, updatedAt: ctx.now });
      if (updated === 0) {
        const doc: Omit<UserDoc, '_id'> = { createdAt: ctx.now, updatedAt: ctx.now, prefs: input, roles: [] };
        await ctx.deps.db.collection(USERS).doc(ctx.openid).set({ data: doc });
      }
      return { prefs: input };
    },
  }),
  /** A copy of everything held about the caller (PIPL access right), their own numbers in full. */
  exportData: route({ input: ExportDataInput, handle: exportData }),
  /** Erase what is no longer needed; say what must be kept and why. */
  requestDeletion: route({ input: RequestDeletionInput, mutates: true, handle: requestDeletion }),
  /** The in-app inbox: every notice sent to the caller, newest first, and how many are unread. */
  inbox: route({ input: InboxInput, handle: inbox }),
  /** Marks the caller's own notices read (some by id, or all). */
  markRead: route({ input: MarkReadInput, mutates: true, handle: markRead }),
});
