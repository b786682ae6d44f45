// The display preferences follow the person, not the phone: a change on 我的 is saved to the account
// (user.setPreferences), and at launch the account's choice is applied on this phone. The phone's copy is what
// pages read (utils/prefs.ts), so the app works the same offline.
import { userApi } from '../services/api';
import { getPrefs, setPrefs } from './prefs';

/** At launch: apply the account's saved preference, when the account has one. Never blocks, never shows an error. */
export async function applyAccountPrefs(): Promise<void> {
  const me = await userApi.me({}, { retries: 1 });
  if (!me.ok || !me.data.registered) return;
  const largeText = Boolean(me.data.prefs?.largeText);
  if (largeText !== getPrefs().largeText) setPrefs({ largeText });
}
