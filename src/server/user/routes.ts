// The `user` function: the caller's own profile and preferences.
import { z } from 'zod';
import { route, type Routes } from '../kernel/route';
import type { ServerDeps } from '../kernel/function';
import { getDoc, updateDoc } from '../kernel/db';
import { exportData, ExportDataInput, requestDeletion, RequestDeletionInput } from './my-data';
import { inbox, InboxInput, markRead, MarkReadInput } from '../notify/inbox';

export const USERS = 'users';

export interface UserPrefs {
  /** 大字模式: the mini-program enlarges every page. */
  largeText: boolean;
}

export interface UserDoc {
  _id: string; // the OPENID
  createdAt: Date;
  updatedAt: Date;
  prefs: UserPrefs;
  roles: Array<{ role: string; orgId: string }>;
}

export const DEFAULT_PREFS: UserPrefs = { largeText: false };

export const MeOutput = z.object({
  prefs: z.object({ largeText: z.boolean() }),
  roles: z.array(z.object({ role: z.string(), orgId: z.string() })),
  registered: z.boolean(),
});
export type TMeOutput = z.infer<typeof MeOutput>;

export const SetPreferencesInput = z.strictObject({ largeText: z.boolean() });
export type TSetPreferencesInput = z.infer<typeof SetPreferencesInput>;

function loadUser(deps: ServerDeps, openid: string): Promise<UserDoc | undefined> {
  return getDoc<UserDoc>(deps.db, USERS, openid);
}

export const userRoutes: Routes<ServerDeps> = {
  me: route({
    input: z.strictObject({}),
    handle: async (_input, ctx): Promise<TMeOutput> => {
      const user = await loadUser(ctx.deps, ctx.openid);
      return { prefs: { ...DEFAULT_PREFS, ...(user?.prefs ?? {}) }, roles: user?.roles ?? [], registered: Boolean(user) };
    },
  }),
  setPreferences: route({
    input: SetPreferencesInput,
    mutates: true,
    handle: async (input, ctx): Promise<{ prefs: UserPrefs }> => {
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
};
